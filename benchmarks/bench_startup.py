"""Start-up, people page and memory on a database of 100,000 people (issue targets).

Run by hand, never in the test suite (the machine is shared and noisy):

    python benchmarks/bench_startup.py [--scale 100000] [--runs 3] [--db benchmarks/out/bench-100k.sqlite]

Builds the database once with the demo generator (100,000 people, ~1,000,000 attendance rows),
then starts fresh processes and reports:
  * start-up through the real entry point (``python -m yanqun_desktop --db …``, the same code as
    the ``yanqun`` command), with YANQUN_BENCH_STARTUP=1 (ui/startup_probe.py): from spawning
    the process to the main window's frame painted (before the database opens), and to the
    people page's first rows painted (database open, window populated, first page listed);
  * a bare PySide6 window (QApplication, a QMainWindow with a list and a table, shown and
    painted) started alternately in the same run, and the ratio of the medians;
  * time to open the people page and to answer name / pinyin / initials / ID filters, and the
    peak memory (max RSS) of a process with that database open (an in-process child).
The app's modules are byte-compiled first (``compileall``), as they are after a first start on an
office PC or in the frozen program: this machine sets PYTHONDONTWRITEBYTECODE=1, which would
otherwise compile every module of the app from source at each start (PySide6's are compiled).
Targets: main window shown within 2x of the bare window; rows listed < 1.5 s; page open
< 0.3 s, filter < 0.1 s, peak memory < 400 MB. ``--startup-only`` skips the page and filter figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The page, filter and memory figures: in one process, with the window built directly.
CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
from yanqun_desktop.config import load_settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.ui.app import build_main_window
from yanqun_desktop.ui.qt_app import ensure_app

app = ensure_app()
db = Database.open(sys.argv[1], keys_dir=Path(sys.argv[2]))
window = build_main_window(db, load_settings(), list_after_show=True)  # as `yanqun` does
window.show()
page = window.pages[0]
app.processEvents()  # paints the window and, queued just behind, lists the people page
while page.model.rowCount() == 0:
    app.processEvents()
app.processEvents()  # the rows painted
print("shown", flush=True)
result = {"rss_at_shown_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}

from yanqun_desktop.services.registries import PEOPLE
from yanqun_desktop.ui.models.registry_model import RegistryModel

def first_screen(model):
    # what the view asks for when it paints: the first ~30 rows of every column
    for row in range(min(30, model.rowCount())):
        for col in range(model.columnCount()):
            model.data(model.index(row, col))

t = time.perf_counter()
model = RegistryModel(db, PEOPLE)
model.refresh()
first_screen(model)
result["page_open_s"] = time.perf_counter() - t
result["people_rows"] = model.rowCount()
filters = {}
for text in sys.argv[3].split(","):
    t = time.perf_counter()
    model.set_query(search=text)
    first_screen(model)
    filters[text] = [time.perf_counter() - t, model.rowCount()]
    model.set_query(search="")
result["filters"] = filters
t = time.perf_counter()
model.sort(0)
first_screen(model)
result["sort_by_name_s"] = time.perf_counter() - t
result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result, ensure_ascii=False), flush=True)
"""


# The baseline: what any PySide6 program pays to show a window (same Fusion style, a list and a table).
BARE = r"""
import sys
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QMainWindow, QTableWidget, QWidget

app = QApplication(sys.argv[:1])
app.setStyle("Fusion")
window = QMainWindow()
central = QWidget()
row = QHBoxLayout(central)
row.addWidget(QListWidget())
row.addWidget(QTableWidget(30, 8), 1)
window.setCentralWidget(central)
window.menuBar().addMenu("File")
window.resize(1200, 720)
window.show()
app.processEvents()
app.processEvents()
print("shown", flush=True)
"""


def time_to_shown(args: list[str], env: dict[str, str]) -> tuple[float, subprocess.Popen]:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    elapsed = time.perf_counter() - started
    if first != "shown":
        raise SystemExit(f"child failed before showing the window: {first!r}")
    return elapsed, child


def app_start_up(db: Path, keys: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning the app to its frame painted, and to the first rows painted."""
    env = {**env, "YANQUN_BENCH_STARTUP": "1"}
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "yanqun_desktop", "--db", str(db), "--keys", str(keys)],
                          env=env, capture_output=True, text=True, timeout=120)
    marks = {line.split()[0]: float(line.split()[1]) - started
             for line in proc.stderr.splitlines() if line.startswith("YANQUN_")}
    if "YANQUN_ROWS_PAINTED" not in marks:
        raise SystemExit(f"the app did not list its first page (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return marks["YANQUN_FRAME_PAINTED"], marks["YANQUN_ROWS_PAINTED"]


def build_database(path: Path, keys: Path, scale: int, per_person: int) -> None:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.demo import generate_demo
    from yanqun_desktop.services.setup import initialise

    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    db = Database.open(path, keys_dir=keys)
    initialise(db, "zhaoshang")
    summary = generate_demo(db, actor_name="bench", org_code="zhaoshang", scale=scale,
                            attendance_per_person=per_person, seed=7)
    db.dispose()
    counts = summary.counts
    print(f"built {path.name}: {counts.get('people')} people, {counts.get('attendance')} attendance rows "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def pick_filters(path: Path) -> list[str]:
    """A name fragment, full pinyin prefix, initials and an ID-number prefix taken from the data."""
    import sqlite3

    con = sqlite3.connect(path)
    name, pinyin, initials, id_card = con.execute(
        "select name, name_pinyin, name_initials, id_card from people where id_card is not null limit 1 offset 5000"
    ).fetchone()
    con.close()
    return [name[0], name, pinyin.replace(" ", "")[:6], initials, id_card[:10]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--attendance-per-person", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, default=HERE / "out" / "bench-100k.sqlite")
    parser.add_argument("--startup-only", action="store_true", help="only the time to the window shown, and the ratio")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    keys = Path(tempfile.mkdtemp(prefix="yanqun-bench-keys-"))
    if args.build_only:
        build_database(args.db, keys, args.scale, args.attendance_per_person)
        return 0
    if not args.db.exists():
        # In a child process: a child's peak-memory figure would otherwise include this one's.
        subprocess.run([sys.executable, __file__, "--build-only", "--db", str(args.db), "--scale", str(args.scale),
                        "--attendance-per-person", str(args.attendance_per_person)], check=True)
    filters = pick_filters(args.db)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "yanqun_desktop")], check=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    frame_times: list[float] = []
    rows_times: list[float] = []
    bare_times: list[float] = []
    results: list[dict] = []
    for _ in range(args.runs):
        elapsed, bare = time_to_shown([BARE], env)
        bare.wait()
        bare_times.append(elapsed)
        frame, rows = app_start_up(args.db, keys, env)
        frame_times.append(frame)
        rows_times.append(rows)
        if not args.startup_only:
            _elapsed, child = time_to_shown([CHILD, str(args.db), str(keys), ",".join(filters)], env)
            assert child.stdout is not None
            results.append(json.loads(child.stdout.readline()))
            child.wait()

    def listed(times: list[float]) -> str:
        return f"median {statistics.median(times):.3f} s (runs: {', '.join(f'{t:.3f}' for t in times)})"

    frame_median, bare_median = statistics.median(frame_times), statistics.median(bare_times)
    print(f"database: {args.db}")
    print(f"bare PySide6 window painted:                      {listed(bare_times)}")
    print(f"main window shown (frame painted, before the DB): {listed(frame_times)}")
    print(f"ratio main window / bare: {frame_median / bare_median:.2f}x  target ≤ 2x")
    print(f"first people listed (DB open, rows painted):      {listed(rows_times)}  target < 1.5 s")
    if args.startup_only:
        return 0
    last = results[-1]
    print(f"people listed: {last['people_rows']}")
    print(f"people page open: median {statistics.median(r['page_open_s'] for r in results):.3f} s  target < 0.3 s")
    for text in filters:
        times = [r["filters"][text][0] for r in results]
        shown = "<id prefix>" if text[:1].isdigit() else text
        print(f"filter {shown!r:>16}: median {statistics.median(times):.3f} s, "
              f"{last['filters'][text][1]} rows  target < 0.1 s")
    print(f"sort by name: median {statistics.median(r['sort_by_name_s'] for r in results):.3f} s")
    print(f"peak memory: max {max(r['peak_rss_mb'] for r in results):.0f} MB "
          f"(at window shown {max(r['rss_at_shown_mb'] for r in results):.0f} MB)  target < 400 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
