"""Hostile spreadsheets through the real roster and sign-in imports (issue 7, part 7): every
case ends in a report — a refusal naming the file, or the row and column — never an exception,
and a refused file leaves the database byte for byte unchanged (one transaction). Files that
would make the parser allocate a sheet's whole rectangle (1,000,000 rows, a cell at
XFD1048576) are refused before parsing, with memory measured."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzzkit import Tally, scale
from sheetcases import hand_made
from sheetgen import run_generated, run_one
from sheetworld import STAGES, SheetWorld, counting_stages, make_sheet_world

GENERATED = 20  # CI; volume: benchmarks/fuzz_run.py (1,000)
MiB = 1024 * 1024
EXPECTED = {
    "roster: valid xlsx": "roster:applied",
    "roster: csv gb18030": "roster:already-applied",
    "roster: csv garbage bytes": "roster:refused",
    "roster: csv utf-8 with one gbk row": "roster:refused",
    "roster: csv 1,000,000 rows": "roster:refused",
    "roster: formula without cached value": "roster:refused",
    "roster: hidden first sheet": "roster:already-applied",
    "roster: xlsx 1,000,000 rows, no dimension": "roster:refused",
    "roster: xlsx cells at A1 and XFD1048576": "roster:refused",
    "roster: xlsx wide row without positions": "roster:refused",
    "roster: zip bomb, honest sizes (410 MB)": "roster:refused",
    "roster: zip bomb, sheet lying (60 MB as 1 KB)": "roster:refused",
    "roster: ods 150,000 rows x 60 repeated cells": "roster:refused",
    "roster: xls cut at 50%": "roster:refused",
    "signin: valid": "attendance:applied",
    "signin: session id unknown": "attendance:refused",
    "signin: status unknown": "attendance:refused (rows with errors)",
}
TALLY = Tally("workbooks")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SheetWorld]:
    w = make_sheet_world(tmp_path_factory.mktemp("sheet-fuzz"))
    yield w
    w.db.dispose()


def test_hand_made_workbooks(world: SheetWorld) -> None:
    tally = Tally("workbooks, hand-made")
    with counting_stages(tally):
        for label, build in hand_made():
            run_one(world, tally, label, build)
    TALLY.merge(tally)
    assert not tally.problems(), "\n".join(tally.problems())
    wrong = {k: (tally.by_label.get(k), v) for k, v in EXPECTED.items() if tally.by_label.get(k) != v}
    assert not wrong, wrong


def test_generated_workbooks(world: SheetWorld) -> None:
    tally = Tally("workbooks, generated")
    with counting_stages(tally):
        run_generated(world, tally, int(GENERATED * scale()), seed=None)
    TALLY.merge(tally)
    assert not tally.problems(), "\n".join(tally.problems())


def test_every_stage_reached() -> None:
    if TALLY.cases == 0:
        pytest.skip("runs after the cases above (run the whole module)")
    print("\n" + TALLY.report(STAGES))
    assert all(TALLY.stages[s] for s in STAGES), TALLY.stages


_CHILD = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    from yanqun_desktop.sheets.reading import SheetError, read_sheet
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for p in sys.argv[1:]:
        try:
            read_sheet(p)
            print("read", p)
        except SheetError as e:
            print("refused", e)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start
    print(f"grown {grown * 1024}")
""")


def _read_in_child(paths: list[Path]) -> tuple[list[str], int]:
    """Read each file in a child limited to 2 GB of address space: (its lines, how much its
    peak resident memory grew while reading, in bytes, Rust's allocations included)."""
    done = subprocess.run([sys.executable, "-c", _CHILD, *map(str, paths)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    *lines, grown = done.stdout.splitlines()
    return lines, int(grown.split()[1])


def test_a_million_rows_is_refused_before_parsing_in_bounded_memory(world: SheetWorld) -> None:
    by_label = dict(hand_made())
    labels = ("roster: csv 1,000,000 rows", "roster: xlsx 1,000,000 rows, no dimension",
              "roster: xlsx 1,000,000 rows with dimension", "roster: ods 1,000,000 repeated rows")
    paths = [by_label[label](world, label)[0] for label in labels]
    lines, grown = _read_in_child(paths)
    assert all(line.startswith("refused") and "200,000 行" in line for line in lines), lines
    assert grown < 64 * MiB, grown  # the CSV's text (2 MB) and 200,000 short rows at most


def test_files_that_aborted_the_process_are_refused(world: SheetWorld, tmp_path: Path) -> None:
    """Before the extent scan these ended the process: calamine allocating 550 GB for a
    1.5 KB .xlsx (a Rust allocation failure aborts), or panicking on a truncated .xls (pyo3's
    PanicException is no Exception). In a child with 2 GB of address space, so a regression
    fails this test instead of killing the run."""
    by_label = dict(hand_made())
    paths = []
    for label in ("roster: xlsx cells at A1 and XFD1048576", "roster: xlsx 150,000 rows x 16,384 columns",
                  "roster: xlsx r attribute last", "roster: xlsx wide row without positions",
                  "roster: ods 100,000 rows x 16,384 cells", "roster: xls cut at 50%", "roster: xls cut at 90%"):
        path, _ = by_label[label](world, label)
        paths.append(str(path))
    lines, _ = _read_in_child(paths)
    assert len(lines) == len(paths) and all(line.startswith("refused") for line in lines), lines
