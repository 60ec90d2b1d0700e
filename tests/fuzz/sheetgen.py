"""Generated spreadsheet cases (hypothesis): hostile values in random cells of the roster or
the sign-in sheet, sometimes merged, hidden, saved as CSV in another encoding, or damaged after
writing; and the runners the tests and the on-demand run share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st
from sheetcases import Case, csv_file, damaged, hand_made, setting, xlsx
from sheetworld import SheetWorld, counting_stages, run_sheet

# What openpyxl can write (it refuses control characters in text).
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32)))), max_size=40)
cell_values = st.one_of(
    st.none(), _TEXT, st.integers(-(10**20), 10**20), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)), st.times(),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31)),
    _TEXT.map(lambda t: "=" + t), st.sampled_from(["出席", "请假", "√", "×", "男", "女", "中共党员", "汉族",
                                                     "4403**********123X", "440305198503120012", "长" * 5000]),
)


def sheet_cases() -> st.SearchStrategy[Case]:
    @st.composite
    def build(draw: st.DrawFn) -> Case:
        target = draw(st.sampled_from(("roster", "roster", "attendance")), label="target")
        top = 5 if target == "roster" else 10
        changes = draw(st.lists(st.tuples(st.integers(0, top), st.integers(0, 12), cell_values), min_size=1,
                                max_size=6), label="cells")
        form = draw(st.sampled_from(("xlsx", "xlsx", "xlsx", "csv", "csv-gb18030", "csv-utf-16")), label="form")
        label = f"{target} {form} " + ", ".join(f"({r},{c})={str(v)[:12]!r}" for r, c, v in changes)
        if form == "xlsx":
            options: dict[str, Any] = {}
            if draw(st.booleans(), label="merge"):
                options["merged"] = (draw(st.sampled_from(("A1:B1", "A2:A3", "E6:F7", "C2:D4"))),)
            if draw(st.integers(0, 4), label="hide") == 0:
                options["hidden_first"] = True
            build_file = xlsx(setting(*changes), target, **options)
        else:
            encoding = {"csv": "utf-8", "csv-gb18030": "gb18030", "csv-utf-16": "utf-16"}[form]
            build_file = csv_file(encoding, setting(*changes), target, errors="replace")
        damage = draw(st.none() | st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), label="damage")
        if damage is not None:
            where, xor = damage

            def flip(data: bytes) -> bytes:
                buf = bytearray(data)
                if buf:
                    buf[int(where * len(buf))] ^= xor
                return bytes(buf)

            build_file = damaged(build_file, flip)
            label += f" flip@{where:.3f}^{xor}"
        return label, build_file

    return build()


def run_one(world: SheetWorld, tally: Any, label: str, build: Any) -> None:
    path, target = build(world, label)
    run_sheet(tally, world, path, label, target)


def run_generated(world: SheetWorld, tally: Any, examples: int, seed: int | None) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=sheet_cases())
    def go(case: Case) -> None:
        run_one(world, tally, *case)

    (with_seed(seed)(go) if seed is not None else go)()


def run_all(world: SheetWorld, tally: Any, *, generated: int, seed: int | None = None, hand: bool = True) -> None:
    with counting_stages(tally):
        if hand:
            for label, build in hand_made():
                run_one(world, tally, label, build)
        if generated:
            run_generated(world, tally, generated, seed)
