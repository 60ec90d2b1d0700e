"""Benchmark: build a large demo database (default: one street of 100,000 people with about ten
attendance rows each, i.e. ~1,000,000 attendance rows) and print elapsed seconds and counts.

    python benchmarks/bench_demo.py                      # temp dir, removed afterwards
    python benchmarks/bench_demo.py --path big.sqlite    # keep the database
    python benchmarks/bench_demo.py --org nanshan-district --scale 20000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.demo import generate_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", type=Path, help="database file to create (default: a temp dir)")
    parser.add_argument("--org", default="zhaoshang", help="street code or nanshan-district")
    parser.add_argument("--scale", type=int, default=100_000, help="people per street")
    parser.add_argument("--attendance-per-person", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = args.path or Path(tmp) / "bench-demo.sqlite"
        if path.exists():
            print(f"{path} exists; give a new path", file=sys.stderr)
            return 2
        started = time.perf_counter()
        db = Database.open(path, keys_dir=Path(tmp) / "keys")
        opened = time.perf_counter() - started
        last = [0.0]

        def progress(label: str, fraction: float) -> None:
            now = time.perf_counter() - started
            if not args.quiet and (now - last[0] >= 2.0 or fraction in (0.0, 1.0)):
                last[0] = now
                print(f"  {now:6.1f}s {fraction:5.0%} {label}", flush=True)

        summary = generate_demo(db, actor_name="benchmark", org_code=args.org, scale=args.scale,
                                attendance_per_person=args.attendance_per_person, seed=args.seed,
                                progress=progress)
        db.dispose()
        size_mb = path.stat().st_size / 1e6
        print(f"org={args.org} scale={args.scale} K={args.attendance_per_person} seed={args.seed}")
        print(f"open+migrate: {opened:.2f}s   generate_demo: {summary.elapsed:.2f}s   file: {size_mb:.0f} MB")
        for table, count in sorted(summary.counts.items(), key=lambda kv: -kv[1]):
            print(f"  {table:24s} {count:>10,}")
        print(f"  {'total':24s} {summary.total_rows:>10,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
