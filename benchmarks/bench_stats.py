"""The district dashboard's figures on 100,000 people and ~1,000,000 attendance rows (issue 6
target: the whole district in under 1 s, on SQLite and on PostgreSQL), per section, and the
statistics workbook.

Run by hand, never in the test suite (the machine is shared and noisy):

    python benchmarks/bench_stats.py [--db benchmarks/out/bench-district-100k.sqlite] [--runs 5]
    python benchmarks/bench_stats.py --db benchmarks/out/bench-100k.sqlite   # bench_startup's street DB
    python benchmarks/bench_stats.py --db benchmarks/out/bench-district-100k.sqlite \
        --db postgresql+psycopg://user:pw@127.0.0.1:5432/yanqun_bench      # side by side

``--db`` takes a file or a database URL, and may be given several times: the databases are then
timed side by side (their runs interleaved, so that a noisy neighbour hits both alike) and
compared. A file that is missing, or a server database without people, is first filled with the
demo generator (8 streets x 12,500 people, 10 attendance rows per person; ~40 s on SQLite). An
existing database is opened through ``Database.open``, so an older schema is upgraded (a newer
one is refused) before timing.
Reports the cold first run (fresh connection) and the median of the warm runs, for the whole
database and for one street, with the slowest sections. The CPU figure is this process's: on
SQLite all of the work, on a server only the client's share.
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


def build(location: str, keys: Path, per_street: int, per_person: int) -> None:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.demo import generate_demo

    if "://" not in location:
        Path(location).parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    db = Database.open(location, keys_dir=keys)
    summary = generate_demo(db, actor_name="bench", org_code=DISTRICT_CODE, scale=per_street,
                            attendance_per_person=per_person, seed=7)
    db.dispose()
    print(f"built {label(location)}: {summary.people} people, {summary.attendance} attendance rows "
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
    parser.add_argument("--db", action="append", default=None,
                        help="database file or URL (repeat to compare side by side)")
    parser.add_argument("--per-street", type=int, default=12_500, help="people per street when building")
    parser.add_argument("--attendance-per-person", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--street", default="shahe", help="the street timed on its own")
    args = parser.parse_args()
    keys = Path(tempfile.mkdtemp(prefix="yanqun-bench-keys-"))
    locations = args.db or [str(HERE / "out" / "bench-district-100k.sqlite")]
    for location in locations:
        if needs_build(location, keys):
            build(location, keys, args.per_street, args.attendance_per_person)
    return run(args, locations, keys)


def needs_build(location: str, keys: Path) -> bool:
    """A missing file, or a (server) database without a single person."""
    if "://" not in location:
        return not Path(location).exists()
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.info import people_exist

    db = Database.open(location, keys_dir=keys)
    try:
        return not people_exist(db)
    finally:
        db.dispose()


def label(location: str) -> str:
    from yanqun_desktop.db.engine import display_location

    return display_location(location)


def timed(fn):  # type: ignore[no-untyped-def]
    """(wall seconds, CPU seconds of this process) of one call: on a shared machine the CPU
    figure is the steadier one (SQLite runs in-process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(args: argparse.Namespace, locations: list[str], keys: Path) -> int:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.statistics import compute_statistics

    dbs, opened, cold = [], [], []
    for location in locations:
        t = time.perf_counter()
        db = Database.open(location, keys_dir=keys)
        opened.append(time.perf_counter() - t)
        cold.append(timed(lambda db=db: compute_statistics(db)))
        dbs.append(db)
    warm: list[list[tuple[float, float]]] = [[] for _ in dbs]
    street: list[list[tuple[float, float]]] = [[] for _ in dbs]
    for _ in range(args.runs):  # interleaved: each round times every database once
        for i, db in enumerate(dbs):
            warm[i].append(timed(lambda db=db: compute_statistics(db)))
        for i, db in enumerate(dbs):
            street[i].append(timed(lambda db=db: compute_statistics(db, street=args.street)))
    for i, (location, db) in enumerate(zip(locations, dbs, strict=True)):
        report(args, location, db, opened[i], cold[i], warm[i], street[i])
    if len(dbs) > 1:
        print("side by side (whole database, warm median wall seconds):")
        for location, runs in zip(locations, warm, strict=True):
            print(f"  {statistics.median(w for w, _ in runs):.3f} s  {label(location)}")
    for db in dbs:
        db.dispose()
    return 0


def report(  # type: ignore[no-untyped-def]
    args: argparse.Namespace, location: str, db, opened: float, cold: tuple[float, float],
    warm: list[tuple[float, float]], street: list[tuple[float, float]],
) -> None:
    from yanqun_desktop.reports.stats_workbook import write_stats_workbook
    from yanqun_desktop.services.statistics import compute_statistics

    stats = compute_statistics(db)
    parts = sections(db, None)
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        write_stats_workbook(stats, Path(folder) / "stats.xlsx")
        workbook = time.perf_counter() - t

    cur = stats.committees.current
    print(f"database: {label(location)} [{db.engine.dialect.name}] ({stats.people.people} people on record, "
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


if __name__ == "__main__":
    sys.exit(main())
