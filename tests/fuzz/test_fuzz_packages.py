"""Hostile packages through the real import (issue 7, part 7): every case ends in a refusal
naming the file or in an import report — never an exception — and a refused package leaves the
database byte for byte unchanged. Hand-made cases name the attacks; hypothesis adds generated
ones (deterministic here; ``benchmarks/fuzz_run.py`` runs thousands with a random seed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzzkit import Tally, scale
from pkggen import all_hand_made, run_generated, run_one
from pkgworld import STAGES, World, counting_stages, make_world

# CI: enough to run the generator through the whole reader (the hand-made cases alone reach every
# stage); volume is the on-demand run's job (benchmarks/fuzz_run.py, ~10,000).
GENERATED = 40

# What a few named cases must end in (the rest only need to end cleanly).
EXPECTED = {
    "valid base package": "applied",
    "valid down package": "applied",
    "empty file": "refused:not-a-package",
    "header length 4096 of brackets": "refused:not-a-package",
    "header seq changed": "refused:tampered",
    "header low-order ephemeral key": "refused:tampered",
    "truncated in the body": "refused:truncated",
    "signature zeroed": "refused:bad-signature",
    "signed by a stranger claiming shahe": "refused:untrusted-sender",
    "sealed to another recipient": "refused:not-for-us",
    "newer schema": "refused:newer-schema",
    "zip: names differ in case": "refused:unsafe-entry",
    "zip: encrypted flag": "refused:unsafe-entry",
    "zip bomb: ratio (4 MiB of zeros)": "refused:too-large",
    "zip bomb: declares 600 MiB": "refused:too-large",
    "zip bomb: sizes lie (16 MiB as 1000 bytes)": "refused:bad-manifest",
    "zip: 20,001 entries": "refused:too-large",
    "manifest: 9 MiB": "refused:too-large",
    "manifest: nesting 100,000": "refused:bad-manifest",
    "manifest: hash mismatch": "refused:bad-manifest",
    "manifest(up): ack_seq=\"x\"": "refused:bad-manifest",
    "manifest(up): created_at=true": "refused:bad-manifest",
    "manifest: package_id missing": "refused:bad-manifest",
    "zip name '../../x'": "refused:unsafe-entry",
    "zip name '/etc/passwd'": "refused:unsafe-entry",
    "payload: header nested 5000": "refused:bad-payload",
    "payload: not utf-8": "refused:bad-payload",
    "payload: row an object": "refused:bad-payload",
    "payload: note with U+2028 (accepted)": "applied",
    "payload: note with NEL (accepted)": "applied",
    "payload: CRLF lines (accepted)": "applied",
    "payload: tombstones (accepted)": "applied",
    "payload: owner another street": "conflicts",
    "payload: a new street from a street": "conflicts",
    "payload: person alias from a street": "conflicts",
    "payload: unknown table": "refused:bad-payload",
    "payload: same id twice": "refused:bad-payload",
    "payload: two cohorts one number": "refused:bad-payload",
    "payload: version 2**63": "refused:bad-payload",
    "payload: hours an object": "refused:bad-payload",
    "payload: score a list": "refused:bad-payload",
    "payload: attachment path traversal": "refused:bad-payload",
    "people.deleted=\"x\"": "refused:bad-payload",
    "people.version=-1": "refused:bad-payload",
    "people.id=[1]": "refused:bad-payload",
    "people.name=1.5": "refused:bad-payload",
    "people.id=null": "refused:bad-payload",
}
TALLY = Tally("packages")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = make_world(tmp_path_factory.mktemp("package-fuzz"))
    yield w
    w.street.dispose()
    w.district.dispose()


def _check(tally: Tally) -> None:
    TALLY.merge(tally)
    assert not tally.problems(), "\n".join(tally.problems())


def test_hand_made_packages(world: World) -> None:
    tally = Tally("packages, hand-made")
    cases = all_hand_made()
    assert len(cases) > 250
    with counting_stages(tally):
        for label, build in cases:
            run_one(world, tally, label, build)
    _check(tally)
    wrong = {
        label: (tally.by_label.get(label), want)
        for label, want in EXPECTED.items()
        if not (tally.by_label.get(label) or "").startswith(want)
    }
    assert not wrong, wrong


def test_generated_packages(world: World) -> None:
    tally = Tally("packages, generated")
    with counting_stages(tally):
        run_generated(world, tally, int(GENERATED * scale()), seed=None)
    _check(tally)


def test_every_stage_of_the_reader_is_reached(tmp_path: Path) -> None:
    """The cases above reach every stage, from the header to writing rows."""
    if TALLY.cases == 0:
        pytest.skip("runs after the cases above (run the whole module)")
    print("\n" + TALLY.report(STAGES))
    missing = [s for s in STAGES if TALLY.stages[s] == 0]
    assert not missing, missing
