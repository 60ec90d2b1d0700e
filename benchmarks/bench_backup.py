"""An encrypted online backup of the scale-100,000 database (issue 7 target: under 3 s), and a
restore preview of it. Run by hand:

    python benchmarks/bench_backup.py [--db benchmarks/out/bench-100k.sqlite] [--runs 3]

The database is bench_startup's (100,000 people, ~1,000,000 attendance rows; build it with
benchmarks/bench_startup.py). Backups go to benchmarks/out/bench-backups/ and are deleted after.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=HERE / "out" / "bench-100k.sqlite")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pause", type=float, default=5.0, help="seconds between runs (disk write-back)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"{args.db} is missing: run benchmarks/bench_startup.py first", file=sys.stderr)
        return 1
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.backups import make_backup, preview_backup

    folder = HERE / "out" / "bench-backups"
    shutil.rmtree(folder, ignore_errors=True)
    db = Database.open(args.db, keys_dir=HERE / "out" / "bench-backup-keys")
    size = args.db.stat().st_size
    times = []
    made = None
    for run in range(1, args.runs + 1):
        if made is not None:  # one backup at a time, as the app makes them (not five piling up)
            made.path.unlink()
            time.sleep(args.pause)  # let the disk write back the previous one
        t = time.perf_counter()
        made = make_backup(db, kind="manual", folder=folder)
        times.append(time.perf_counter() - t)
        print(f"[{run}] encrypted online backup of {size / 1e6:.0f} MB: {times[-1]:.2f} s")
    assert made is not None
    print(f"median {statistics.median(times):.2f} s   (target < 3)")
    t = time.perf_counter()
    preview = preview_backup(db, Actor("基准", "admin", db.org().code), made.path)
    print(f"restore preview (decrypt, integrity check, counts): {time.perf_counter() - t:.2f} s  {preview.counts}")
    db.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
