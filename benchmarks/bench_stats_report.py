"""The printable statistics report (南山区社区人才培养情况统计) on a 100,000-people database:
the figures (``compute_statistics``) and the PDF (``write_stats_report``) timed separately.

Run by hand, never in the test suite (the machine is shared and noisy):

    python benchmarks/bench_stats_report.py                     # out/bench-district-100k.sqlite
    python benchmarks/bench_stats_report.py --db benchmarks/out/bench-100k.sqlite   # a street's own report
    python benchmarks/bench_stats_report.py --compare 2021-06-30 --keep report.pdf

The database is never opened in place: it is copied with SQLite's online backup API into a
temporary folder (a consistent copy even while another process has it open), measured there and
the copy is deleted afterwards. A missing district database is built as bench_stats.py builds it.
Reports the first run (fonts load, cold caches) and the median of the warm runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HERE = Path(__file__).resolve().parent


def backup_copy(source: Path, target: Path) -> float:
    """Copy ``source`` to ``target`` with the online backup API; returns the seconds taken."""
    started = time.perf_counter()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return time.perf_counter() - started


def timed(fn):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=HERE / "out" / "bench-district-100k.sqlite")
    parser.add_argument("--street", default=None,
                        help="a street's report (default: a street install's own street, else the whole database)")
    parser.add_argument("--at", type=dt.date.fromisoformat, default=None, help="统计截至日期 (default: today)")
    parser.add_argument("--compare", type=dt.date.fromisoformat, default=None,
                        help="also compute the same scope at this date and print it side by side")
    parser.add_argument("--runs", type=int, default=3, help="warm runs after the first")
    parser.add_argument("--keep", type=Path, default=None, help="keep the last PDF at this path")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="yanqun-bench-report-"))
    try:
        if not args.db.exists():
            from bench_stats import build  # type: ignore[import-not-found]

            build(args.db, work / "build-keys", 12_500, 10)
        copy = work / "copy.sqlite"
        copied = backup_copy(args.db, copy)
        return run(args, copy, work, copied)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the copy goes, whatever happened


def run(args: argparse.Namespace, copy: Path, work: Path, copied: float) -> int:
    from pypdf import PdfReader

    from yanqun_desktop.db.database import Database
    from yanqun_desktop.reports.stats_report import write_stats_report
    from yanqun_desktop.services.statistics import compute_statistics

    db = Database.open(copy, keys_dir=work / "keys", backup_dir=work / "backups")
    # as `yanqun stats` does: a street install reports its own street unless told otherwise
    street = args.street or (db.org().code if db.is_initialised and not db.org().is_district else None)
    try:
        def figures():  # type: ignore[no-untyped-def]
            stats = compute_statistics(db, street=street, at=args.at)
            compare = compute_statistics(db, street=street, at=args.compare) if args.compare else None
            return stats, compare

        (stats, compare), first_wall, first_cpu = timed(figures)
        warm = [timed(figures)[1:] for _ in range(args.runs)]
        pdf = work / "report.pdf"
        _, pdf_first, pdf_first_cpu = timed(lambda: write_stats_report(stats, pdf, compare=compare))
        pdf_warm = [timed(lambda: write_stats_report(stats, pdf, compare=compare))[1:] for _ in range(args.runs)]
        pages = len(PdfReader(pdf).pages)
        if args.keep is not None:
            shutil.copyfile(pdf, args.keep)  # a finished PDF, not a database: a file copy is right here
    finally:
        db.dispose()

    what = "two dates" if compare is not None else "one date"
    print(f"database: {args.db} ({stats.people.people} people on record, {stats.training.attendance.recorded} "
          f"attendance rows counted; backup copy in {copied:.1f} s)")
    print(f"report: {stats.title}, at {stats.at.isoformat()}"
          + (f", compared with {compare.at.isoformat()}" if compare is not None else "")
          + f"; {pages} pages, {pdf.stat().st_size // 1024} KiB")
    print(f"compute_statistics ({what}): first {first_wall:.3f} s (CPU {first_cpu:.3f} s); warm median "
          f"{statistics.median(w for w, _ in warm):.3f} s (CPU {statistics.median(c for _, c in warm):.3f} s)")
    print(f"write_stats_report: first {pdf_first:.3f} s (CPU {pdf_first_cpu:.3f} s, fonts loading); warm median "
          f"{statistics.median(w for w, _ in pdf_warm):.3f} s (CPU {statistics.median(c for _, c in pdf_warm):.3f} s)")
    total = first_wall + pdf_first
    print(f"figures + PDF, first run: {total:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
