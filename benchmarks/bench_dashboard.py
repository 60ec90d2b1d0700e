"""The dashboard page's pieces on the 100,000-people district (issue 6: the whole district in
under 1 s; each chart under 0.3 s): the figures, each chart built and painted offscreen from
them, and the records behind a few figures (a tile's click). Run by hand:

    python benchmarks/bench_dashboard.py [--db benchmarks/out/bench-district-100k.sqlite] [--runs 5]
    python benchmarks/bench_dashboard.py --db postgresql+psycopg://user@127.0.0.1:5432/yanqun_bench

Build the SQLite district database first with benchmarks/bench_stats.py (it builds it when
missing). A chart's time is from the computed ``Statistics`` to its pixels: QChart built, laid
out in a 560 x 320 view and rendered to an image (what the clerk waits for after the figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
DRILL_KEYS = ("studio_trained", "committee_age", "attendance_rate", "topics", "people")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(HERE / "out" / "bench-district-100k.sqlite"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--at", default="2022-12-31")
    args = parser.parse_args(argv)

    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.statistics import compute_statistics
    from yanqun_desktop.services.statistics.drill import records_behind
    from yanqun_desktop.ui.dashboard.charts import CHARTS, ChartCard
    from yanqun_desktop.ui.qt_app import ensure_app

    if "://" not in args.db and not Path(args.db).exists():
        print(f"{args.db} is missing: run benchmarks/bench_stats.py first", file=sys.stderr)
        return 1
    at = dt.date.fromisoformat(args.at)
    db = Database.open(args.db, keys_dir=HERE / "out" / "bench-dashboard-keys")
    app = ensure_app()
    figures: list[float] = []
    stats = None
    for _ in range(args.runs):
        t = time.perf_counter()
        stats = compute_statistics(db, at=at)
        figures.append(time.perf_counter() - t)
    assert stats is not None
    print(f"{'figures, whole district (median of ' + str(args.runs) + ')':<48} {statistics.median(figures):7.3f} s"
          f"   runs {' '.join(f'{x:.3f}' for x in figures)}   (target < 1)")
    for name, make in CHARTS:
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            card = ChartCard(name, make(stats))
            card.resize(560, 360)
            card.show()
            app.processEvents()
            image = card.view.grab().toImage()
            times.append(time.perf_counter() - t)
            assert not image.isNull()
            card.deleteLater()
            app.processEvents()
        print(f"{'chart ' + name:<48} {statistics.median(times):7.3f} s   (target < 0.3)")
    for key in DRILL_KEYS:
        t = time.perf_counter()
        listed = records_behind(db, key, at=at)
        print(f"{'records behind ' + key + f' ({len(listed.rows)} rows)':<48} {time.perf_counter() - t:7.3f} s")
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
