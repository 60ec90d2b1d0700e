"""On-demand fuzz run (issue 7, part 7): at least 10,000 packages, 1,000 workbooks and 1,000 key
cards through the real import and trust use cases, with the hand-made cases in full. Prints, per
target, the cases run, crashes, database changes after a refusal, how many cases reached each
stage of the reader, the outcomes, the slowest case and the peak resident memory; exits 1 if
anything crashed, changed a database it refused, or refused without naming the file.

    python benchmarks/fuzz_run.py                                # 10,000 / 1,000 / 1,000, random seed
    python benchmarks/fuzz_run.py --packages 2000 --workbooks 300 --cards 300 --seed 7

The CI suite (tests/fuzz) runs the same cases, fewer of them (YANQUN_FUZZ_SCALE=N multiplies its
generated counts). A fresh world (offices, database) is built every ``--batch`` cases so that
the byte-for-byte checksum of the database stays cheap.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "fuzz"), str(ROOT / "tests" / "sync"), str(ROOT / "tests"), str(ROOT)]
os.environ.setdefault("YANQUN_FUZZ_SCALE", "100")  # the hand-made lists in full
os.environ.setdefault("RUST_BACKTRACE", "0")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _batches(total: int, batch: int) -> list[int]:
    out = []
    while total > 0:
        out.append(min(batch, total))
        total -= batch
    return out


def _run(name: str, total: int, hand: int, batch: int, seed: int, stages: tuple[str, ...],
         make: Callable[[Path], Any], hand_run: Callable[[Any, Any], None],
         generated: Callable[[Any, Any, int, int], None], close: Callable[[Any], None]) -> Any:
    from fuzzkit import Tally

    tally = Tally(name)
    before = _rss_mb()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"yanqun-fuzz-{name}-") as tmp:
        world = make(Path(tmp) / "w0")
        hand_run(world, tally)
        for i, n in enumerate(_batches(max(0, total - hand), batch), start=1):
            close(world)
            world = make(Path(tmp) / f"w{i}")
            generated(world, tally, n, seed + i)
            print(f"  {name}: {tally.cases} cases, {len(tally.crashes)} crashes, "
                  f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
        close(world)
    print(tally.report(stages))
    print(f"   peak resident memory {_rss_mb():.0f} MB (was {before:.0f} MB before this target)")
    print(f"   wall time {time.perf_counter() - start:.0f} s")
    for problem in tally.problems():
        print("   PROBLEM:", problem[:2000])
    return tally


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packages", type=int, default=10_000)
    ap.add_argument("--workbooks", type=int, default=1_000)
    ap.add_argument("--cards", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--batch", type=int, default=1_000, help="cases per fresh world (default 1000)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"fuzz run, seed {seed}")

    import cardfuzz
    import pkggen
    import pkgworld
    import sheetcases
    import sheetgen
    import sheetworld

    tallies = []

    def pkg_hand(world: Any, tally: Any) -> None:
        with pkgworld.counting_stages(tally):
            for label, build in pkggen.all_hand_made():
                pkggen.run_one(world, tally, label, build)

    def pkg_generated(world: Any, tally: Any, n: int, s: int) -> None:
        with pkgworld.counting_stages(tally):
            pkggen.run_generated(world, tally, n, s)

    def pkg_close(world: Any) -> None:
        world.street.dispose()
        world.district.dispose()

    tallies.append(_run("packages", args.packages, len(pkggen.all_hand_made()), args.batch, seed,
                        pkgworld.STAGES, pkgworld.make_world, pkg_hand, pkg_generated, pkg_close))

    def sheet_hand(world: Any, tally: Any) -> None:
        with sheetworld.counting_stages(tally):
            for label, build in sheetcases.hand_made():
                sheetgen.run_one(world, tally, label, build)

    def sheet_generated(world: Any, tally: Any, n: int, s: int) -> None:
        with sheetworld.counting_stages(tally):
            sheetgen.run_generated(world, tally, n, s)

    tallies.append(_run("workbooks", args.workbooks, len(sheetcases.hand_made()), args.batch, seed,
                        sheetworld.STAGES, sheetworld.make_sheet_world, sheet_hand, sheet_generated,
                        lambda w: w.db.dispose()))

    def card_hand(world: Any, tally: Any) -> None:
        with cardfuzz.counting_stages(tally):
            for label, build in cardfuzz.hand_made():
                cardfuzz.run_card(tally, world, label, build)

    def card_generated(world: Any, tally: Any, n: int, s: int) -> None:
        with cardfuzz.counting_stages(tally):
            cardfuzz.run_generated(world, tally, n, s)

    tallies.append(_run("key cards", args.cards, len(cardfuzz.hand_made()), args.batch, seed, cardfuzz.STAGES,
                        cardfuzz.make_card_world, card_hand, card_generated, lambda w: w.district.dispose()))

    print("\n== summary")
    bad = 0
    for t in tallies:
        bad += len(t.problems())
        print(f"   {t.target:<10} {t.cases:>6} cases  {len(t.crashes)} crashes  {len(t.db_changes)} database changes  "
              f"slowest {t.slowest[0] * 1000:.0f} ms ({t.slowest[1][:60]})")
    print(f"   peak resident memory of the run {_rss_mb():.0f} MB; seed {seed}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
