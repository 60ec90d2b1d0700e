"""The frozen program (PyInstaller one-folder build): start-up to a painted main window, and sizes.

Run by hand after `python installer/build.py` (never in the test suite; the machine is shared):

    python benchmarks/bench_frozen.py [--app build/dist/yanqun] [--installer build/yanqun-0.1.0-setup.exe]
                                      [--deb build/yanqun_0.1.0_amd64.deb] [--runs 7] [--scale 1000]

* start-up: a demo database (``--scale`` people) is made once with the frozen program, then the
  frozen program is started ``--runs`` times offscreen (QT_QPA_PLATFORM=offscreen) with
  YANQUN_BENCH_STARTUP=1 (yanqun_desktop/ui/startup_probe.py): the app prints the time at which
  the main window's frame painted (before the database opens) and at which its first page's
  rows painted (database open, window populated), then exits; the figures are those times
  minus the moment this process spawned it. The first run (cold file cache) is reported apart;
  the medians are of the others. Target: main window < 1.5 s.
* sizes: the build folder on disk (du), the installer and the .deb when given. Targets: build
  < 160 MB, installer < 60 MB. These are sizes of the build made on this machine (Linux here:
  the Windows build differs: no ICU, no X11 libraries, a second program yanqun-cli.exe).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def du_bytes(path: Path) -> int:
    out = subprocess.run(["du", "-sb", str(path)], check=True, capture_output=True, text=True).stdout
    return int(out.split()[0])


def start_up(program: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning the program to its main window's frame painted, and to its rows."""
    env = {**env, "YANQUN_BENCH_STARTUP": "1"}
    started = time.time()
    proc = subprocess.run([str(program), "--demo"], env=env, capture_output=True, text=True, timeout=120)
    marks = {line.split()[0]: float(line.split()[1]) - started
             for line in proc.stderr.splitlines() if line.startswith("YANQUN_")}
    if "YANQUN_ROWS_PAINTED" not in marks:
        raise RuntimeError(f"no start-up milestones reported (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return marks["YANQUN_FRAME_PAINTED"], marks["YANQUN_ROWS_PAINTED"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--app", type=Path, default=ROOT / "build" / "dist" / "yanqun", help="the one-folder build")
    p.add_argument("--installer", type=Path, help="the NSIS installer, for its size")
    p.add_argument("--deb", type=Path, help="the .deb, for its size")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--scale", type=int, default=1000, help="people in the demo database")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args()
    program = args.app / ("yanqun.exe" if sys.platform == "win32" else "yanqun")
    if not program.exists():
        print(f"no frozen program at {program}: run python installer/build.py first", file=sys.stderr)
        return 1
    figures: dict[str, object] = {"platform": f"{platform.system()} {platform.machine()}"}
    figures["build_mib"] = round(du_bytes(args.app) / 2**20, 1)
    for name, path in (("installer_mib", args.installer), ("deb_mib", args.deb)):
        if path is not None:
            figures[name] = round(path.stat().st_size / 2**20, 1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YANQUN_DATA_DIR": str(Path(tmp) / "data"),
               "YANQUN_CONFIG_DIR": str(Path(tmp) / "config")}
        subprocess.run([str(program), "--demo", "demo", "--scale", str(args.scale), "--seed", "1"], env=env,
                       check=True, capture_output=True)
        runs = [start_up(program, env) for _ in range(args.runs)]
    for key, times in (("first_paint", [frame for frame, _ in runs]), ("rows_painted", [rows for _, rows in runs])):
        figures[f"{key}_cold_s"] = round(times[0], 3)
        figures[f"{key}_median_s"] = round(statistics.median(times[1:] or times), 3)
        figures[f"{key}_runs_s"] = [round(t, 3) for t in times]
    figures["scale"] = args.scale
    print(f"frozen build ({figures['platform']}): {figures['build_mib']} MiB on disk (target < 160 MB)")
    if "installer_mib" in figures:
        print(f"installer: {figures['installer_mib']} MiB (target < 60 MB)")
    if "deb_mib" in figures:
        print(f".deb: {figures['deb_mib']} MiB")
    warm = max(len(runs) - 1, 1)
    print(f"main window painted after {figures['first_paint_median_s']} s (median of {warm}; "
          f"first run {figures['first_paint_cold_s']} s; target < 1.5 s)")
    print(f"first page's rows painted after {figures['rows_painted_median_s']} s (median of {warm}; "
          f"first run {figures['rows_painted_cold_s']} s; {args.scale} demo people)")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
