"""Start-up, people page and memory on a database of 100,000 people (issue targets).

Run by hand, never in the test suite (the machine is shared and noisy):

    python benchmarks/bench_startup.py [--scale 100000] [--runs 3] [--db benchmarks/out/bench-100k.sqlite]

Builds the database once with the demo generator (100,000 people, ~1,000,000 attendance rows),
then starts fresh processes and reports:
  * time from process start to the main window shown with its first screen of people listed
    (measured by this parent process, from spawning the child until the child has painted);
  * time to open the people page and to answer name / pinyin / initials / ID filters;
  * peak memory (max RSS) of the process with that database open.
  * the same for a bare PySide6 window (QApplication, a QMainWindow with a list and a table,
    shown and painted) started alternately in the same run, and the ratio of the two medians.
Targets: window < 1.5 s and within 2x of the bare window, page open < 0.3 s, filter < 0.1 s,
peak memory < 400 MB. ``--startup-only`` skips the page and filter figures.
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

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
from yanqun_desktop.cli import main as _cli_main  # the `yanqun` entry point's imports
from yanqun_desktop.config import load_settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.ui.app import build_main_window, ensure_app
from yanqun_desktop.ui.single_instance import InstanceServer, hand_over, server_name

name = server_name(sys.argv[1]) + "-bench"  # as run_gui: ask for a running app, then listen
assert not hand_over(name, [])
app = ensure_app()
server = InstanceServer(name, app)
server.listen()
db = Database.open(sys.argv[1], keys_dir=Path(sys.argv[2]))
window = build_main_window(db, load_settings(), list_after_show=True)  # as `yanqun` does
window.show()
page = window.pages[0]
app.processEvents()  # paints the window and, queued just behind, lists the people page
while page.model.rowCount() == 0:
    app.processEvents()
app.processEvents()  # the rows painted
print("shown", flush=True)
if sys.argv[3] == "-":
    raise SystemExit(0)
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
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    shown_times: list[float] = []
    bare_times: list[float] = []
    results: list[dict] = []
    for _ in range(args.runs):
        elapsed, bare = time_to_shown([BARE], env)
        bare.wait()
        bare_times.append(elapsed)
        query = "-" if args.startup_only else ",".join(filters)
        elapsed, child = time_to_shown([CHILD, str(args.db), str(keys), query], env)
        shown_times.append(elapsed)
        if not args.startup_only:
            assert child.stdout is not None
            results.append(json.loads(child.stdout.readline()))
        child.wait()
    runs = ", ".join(f"{t:.2f}" for t in shown_times)
    app_median, bare_median = statistics.median(shown_times), statistics.median(bare_times)
    print(f"database: {args.db}")
    print("main window shown with the first people listed (process start → rows painted): "
          f"median {app_median:.2f} s (runs: {runs})  target < 1.5 s")
    print(f"bare PySide6 window shown: median {bare_median:.2f} s (runs: {', '.join(f'{t:.2f}' for t in bare_times)})")
    print(f"ratio app / bare: {app_median / bare_median:.2f}x  target ≤ 2x")
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
