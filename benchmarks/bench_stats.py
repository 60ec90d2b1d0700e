"""The district dashboard's figures on 100,000 people and ~1,000,000 attendance rows (issue 6
target: the whole district in under 1 s), per section, and the statistics workbook.

Run by hand, never in the test suite (the machine is shared and noisy):

    python benchmarks/bench_stats.py [--db benchmarks/out/bench-district-100k.sqlite] [--runs 5]
    python benchmarks/bench_stats.py --db benchmarks/out/bench-100k.sqlite   # bench_startup's street DB

Builds the district database once with the demo generator if it is missing (8 streets x
12,500 people, 10 attendance rows per person, ~40 s). An existing database is opened through
``Database.open``, so an older schema is upgraded (a newer one is refused) before timing
(from before 0004 that builds ix_attendance_session_status, the covering index the
attendance counts read: a few seconds, plus Alembic's backup copy of the file).
Reports the cold first run (fresh process and connection) and the median of the warm runs,
for the whole database and for one street, with the slowest sections.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HERE = Path(__file__).resolve().parent
DISTRICT_CODE = "nanshan-district"


def build(path: Path, keys: Path, per_street: int, per_person: int) -> None:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.demo import generate_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    db = Database.open(path, keys_dir=keys)
    summary = generate_demo(db, actor_name="bench", org_code=DISTRICT_CODE, scale=per_street,
                            attendance_per_person=per_person, seed=7)
    db.dispose()
    print(f"built {path.name}: {summary.people} people, {summary.attendance} attendance rows "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def sections(db, street: str | None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Each section timed on its own (one session, as compute_statistics does)."""
    import datetime as dt

    from sqlalchemy import select

    from yanqun_desktop.db.models import Street
    from yanqun_desktop.services.statistics import committees, outcomes, people, training
    from yanqun_desktop.services.statistics.scope import Scope, StreetRef

    out: dict[str, float] = {}
    with db.session() as s:
        streets = tuple(StreetRef(*r) for r in s.execute(
            select(Street.id, Street.code, Street.name).order_by(Street.sort_order)).all())
        chosen = next((x for x in streets if x.code == street), None)
        scope = Scope(chosen, (chosen,) if chosen else streets, dt.date.today())
        for fn in (people.people_figures, training.training_figures, outcomes.topic_figures,
                   outcomes.honour_figures, committees.committee_figures, committees.elected_figures):
            t = time.perf_counter()
            fn(s, scope)
            out[fn.__name__] = time.perf_counter() - t
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=HERE / "out" / "bench-district-100k.sqlite")
    parser.add_argument("--per-street", type=int, default=12_500, help="people per street when building")
    parser.add_argument("--attendance-per-person", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--street", default="shahe", help="the street timed on its own")
    args = parser.parse_args()
    keys = Path(tempfile.mkdtemp(prefix="yanqun-bench-keys-"))
    if not args.db.exists():
        build(args.db, keys, args.per_street, args.attendance_per_person)
    return run(args, keys)


def timed(fn):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process) of one call: on a shared machine the CPU
    figure is the steadier one (SQLite runs in-process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(args: argparse.Namespace, keys: Path) -> int:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.reports.stats_workbook import write_stats_workbook
    from yanqun_desktop.services.statistics import compute_statistics

    t = time.perf_counter()
    db = Database.open(args.db, keys_dir=keys)
    opened = time.perf_counter() - t
    cold = timed(lambda: compute_statistics(db))
    warm = [timed(lambda: compute_statistics(db)) for _ in range(args.runs)]
    street = [timed(lambda: compute_statistics(db, street=args.street)) for _ in range(args.runs)]
    stats = compute_statistics(db)
    parts = sections(db, None)
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        write_stats_workbook(stats, Path(folder) / "stats.xlsx")
        workbook = time.perf_counter() - t

    cur = stats.committees.current
    print(f"database: {args.db} ({stats.people.people} people on record, "
          f"{stats.training.attendance.recorded} attendance rows counted, {stats.training.sessions} sessions; "
          f"opened in {opened:.2f} s)")
    print(f"whole database: cold {cold[0]:.3f} s (CPU {cold[1]:.3f} s); warm median "
          f"{statistics.median(w for w, _ in warm):.3f} s, CPU {statistics.median(c for _, c in warm):.3f} s "
          f"(wall runs: {', '.join(f'{w:.3f}' for w, _ in warm)})  target < 1 s")
    print(f"one street ({args.street}): warm median {statistics.median(w for w, _ in street):.3f} s, "
          f"CPU {statistics.median(c for _, c in street):.3f} s")
    print("sections (whole database): " + ", ".join(f"{k} {v:.3f} s" for k, v in parts.items()))
    print(f"statistics workbook written in {workbook:.2f} s")
    if cur is not None:
        print(f"两委 {cur.label}: average age {cur.average_age:.1f} (change {stats.committees.age_change:+.1f}), "
              f"bachelor or above {cur.bachelor_share:.1%} (change {stats.committees.share_change * 100:+.1f} points)")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
