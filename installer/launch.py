"""Entry point of the frozen program (PyInstaller): the same `yanqun` command as the pip install.

The start-up benchmarks' milestones (``YANQUN_BENCH_STARTUP=1``) come from the app itself
(yanqun_desktop/ui/startup_probe.py), so the frozen program and the source tree report alike."""

import sys

if __name__ == "__main__":
    from yanqun_desktop.cli import main

    sys.exit(main())
