"""Roll-call save and growth-archive open on the scale-100,000 demo database (issue 3 targets).

    python benchmarks/bench_records.py [--db benchmarks/out/bench-100k.sqlite] [--runs 5]

Works on a copy of the database built by bench_startup.py. Measures:
  * saving a roll-call of 120 people (first save: 120 new rows; then a save changing 60 of them);
  * opening a person's timeline with 2,000 entries (service call; and the archive dialog when
    the GUI is importable).
Targets: roll-call of 120 saved < 0.2 s; timeline of 2,000 entries opens < 0.3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=HERE / "out" / "bench-100k.sqlite")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} missing: run benchmarks/bench_startup.py first (it builds it)")
    work = Path(tempfile.mkdtemp(prefix="yanqun-bench-"))
    copy = work / "records.sqlite"
    shutil.copy(args.db, copy)

    from yanqun_desktop.db.database import Database
    from yanqun_desktop.db.ids import new_id
    from yanqun_desktop.db.models import ArchiveEntry, Person
    from yanqun_desktop.services.activities import save_session
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.archive import person_timeline
    from yanqun_desktop.services.attendance import record_attendance, roll_call
    from yanqun_desktop.services.programmes import save_cohort, save_enrolment

    db = Database.open(copy, keys_dir=work / "keys")
    actor = Actor("bench", "admin", db.org().code)
    with db.session() as s:
        people = list(s.scalars(select(Person.id).where(~Person.deleted).limit(120 * args.runs + 1)))
    roll_times, update_times, load_times = [], [], []
    for run in range(args.runs):
        group = people[run * 120:(run + 1) * 120]
        cohort = save_cohort(db, actor, {"number": 900 + run, "start_date": "2024-01-01"}).id
        for pid in group:
            save_enrolment(db, actor, {"cohort_id": cohort, "person_id": pid, "enrolled_on": "2024-01-01"})
        session = save_session(db, actor, {"title": f"基准课程{run}", "kind": "通识课程", "date": "2024-03-01",
                                           "hours": 3, "cohort_ids": [cohort]}).id
        t = time.perf_counter()
        roll = roll_call(db, session)
        load_times.append(time.perf_counter() - t)
        entries = [{"person_id": r.person_id, "status": "present", "note": ""} for r in roll.rows]
        t = time.perf_counter()
        record_attendance(db, actor, session, entries)
        roll_times.append(time.perf_counter() - t)
        for e in entries[::2]:
            e["status"] = "late"
        t = time.perf_counter()
        record_attendance(db, actor, session, entries)
        update_times.append(time.perf_counter() - t)
    print(f"roll-call of {len(roll.rows)} people: load {statistics.median(load_times):.3f} s, "
          f"first save {statistics.median(roll_times):.3f} s, save changing 60 {statistics.median(update_times):.3f} s"
          f"  (medians of {args.runs}; target save < 0.2 s)")

    # a person with 2,000 typed entries (bulk-inserted: setting up is not what is measured)
    person = people[-1]
    versions = db.clock.ticks(2000)
    now = dt.datetime.now(dt.UTC)
    rows = [{"id": new_id(), "owner": actor.org_code, "version": v, "updated_at": now, "updated_by": "bench",
             "deleted": False, "person_id": person, "entry_date": dt.date(2015, 1, 1) + dt.timedelta(days=i),
             "kind": ("note", "practice_task", "selection", "mentor")[i % 4],
             "content": f"基准档案记录第 {i} 条：社区走访、课题调研与总结提炼", "recorded_by": "bench"}
            for i, v in enumerate(versions)]
    with db.engine.begin() as conn:
        conn.execute(insert(ArchiveEntry), rows)
    service_times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        timeline = person_timeline(db, person)
        service_times.append(time.perf_counter() - t)
    print(f"timeline of {len(timeline.entries)} entries: service {statistics.median(service_times):.3f} s"
          "  (target open < 0.3 s)")
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from yanqun_desktop.config import load_settings
        from yanqun_desktop.ui.context import AppContext
        from yanqun_desktop.ui.dialogs.archive_dialog import ArchiveDialog
        from yanqun_desktop.ui.qt_app import ensure_app
    except ImportError as e:
        print(f"archive dialog not measured: {e}")
        return 0
    app = ensure_app()
    ctx = AppContext(db, load_settings())
    dialog_times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        dialog = ArchiveDialog(ctx, person)
        dialog.show()
        app.processEvents()
        dialog_times.append(time.perf_counter() - t)
        dialog.close()
        dialog.deleteLater()
    print(f"archive dialog with {len(timeline.entries)} entries shown: {statistics.median(dialog_times):.3f} s"
          "  (target < 0.3 s)")
    db.dispose()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
