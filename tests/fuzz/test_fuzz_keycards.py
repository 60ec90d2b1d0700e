"""Hostile key cards through the real trust use case (issue 7, part 7): every case ends in a
trusted card or a refusal naming the file, never another exception; a refused card changes
nothing in the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cardfuzz import STAGES, CardWorld, counting_stages, hand_made, make_card_world, run_card, run_generated
from fuzzkit import Tally, scale

GENERATED = 50  # CI; volume: benchmarks/fuzz_run.py (1,000)
EXPECTED = {
    "valid street card": "trusted",
    "a second card for the same street": "refused",
    "our own card": "refused",
    "low-order encryption key": "refused",
    "nested 16,000": "refused",
    "17 KB": "refused",
    "name changed after signing": "refused",
    "box key swapped after signing": "refused",
    "org_code with a newline": "refused",
    "cut at -1": "refused",
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CardWorld]:
    w = make_card_world(tmp_path_factory.mktemp("card-fuzz"))
    yield w
    w.district.dispose()


def test_key_cards(world: CardWorld) -> None:
    tally = Tally("key cards")
    with counting_stages(tally):
        for label, build in hand_made():
            run_card(tally, world, label, build)
        run_generated(world, tally, int(GENERATED * scale()), seed=None)
    print("\n" + tally.report(STAGES))
    assert not tally.problems(), "\n".join(tally.problems())
    wrong = {k: (tally.by_label.get(k), v) for k, v in EXPECTED.items() if tally.by_label.get(k) != v}
    assert not wrong, wrong
    assert all(tally.stages[s] for s in STAGES), tally.stages
