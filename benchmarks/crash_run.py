"""On-demand crash run (issue 7, part 6): many kills per operation (package import and export,
roster import, batch archive print, migration, backup), each checked as tests/crash does — the
database intact and either as before or as after the operation, no half-written file under its
final name — and a tally printed. Exits 1 if any kill left something inconsistent.

    python benchmarks/crash_run.py                 # 40 kills per operation, random seed
    python benchmarks/crash_run.py --kills 100 --seed 7 --ops import,migrate
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "crash"), str(ROOT / "tests" / "sync"), str(ROOT / "tests"), str(ROOT)]

OPERATIONS = ("import", "export", "roster", "print", "migrate", "backup")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=40, help="kills per operation (default 40)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--ops", default=",".join(OPERATIONS))
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    import crashkit

    print(f"crash run, seed {seed}, {args.kills} kills per operation")
    bad = 0
    with tempfile.TemporaryDirectory(prefix="yanqun-crash-") as tmp:
        root = Path(tmp)
        os.environ["YANQUN_DATA_DIR"] = str(root / "data")
        os.environ["YANQUN_CONFIG_DIR"] = str(root / "config")
        world = crashkit.build_world(root / "world")
        ctx = crashkit.context()
        for op in args.ops.split(","):
            start = time.perf_counter()
            lines = crashkit.check_operation(op, world, ctx, root / op, args.kills, seed)
            tally = Counter(line.split(" -> ")[1].split(" ")[0] for line in lines)
            kinds = Counter(line.split(" ")[1].split("=")[0] for line in lines)
            finished = sum(" finished " in line for line in lines)
            leftovers = sum("temporary names" in line for line in lines)
            problems = [line for line in lines if "PROBLEMS" in line]
            bad += len(problems)
            print(f"{op:<8} {len(lines):>4} kills ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}; "
                  f"{finished} finished first): before {tally['pre']}, after {tally['post']}, "
                  f"in between {tally['BETWEEN']}; temporaries left in {leftovers}; "
                  f"{time.perf_counter() - start:.0f} s")
            for line in problems[:5]:
                print("   PROBLEM:", line)
    print(f"{'all consistent' if not bad else f'{bad} inconsistent'}; seed {seed}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
