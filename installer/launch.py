"""Entry point of the frozen program (PyInstaller): the same `yanqun` command as the pip install.

``YANQUN_BENCH_FIRST_PAINT=1`` (benchmarks/bench_frozen.py only): when the first main window has
painted, print ``YANQUN_FIRST_PAINT <unix time>`` on standard error and exit at once, so that
the benchmark measures process start to a painted main window of the frozen program. Without
the variable nothing here touches Qt.
"""

import os
import sys
import time


def _exit_on_first_paint() -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    # the application the program would make itself (ui/app.py ensure_app reuses an existing one)
    app = QApplication.instance() or QApplication(sys.argv[:1])

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                print(f"YANQUN_FIRST_PAINT {time.time():.6f}", file=sys.stderr, flush=True)
                os._exit(0)
            return False

    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
    app.setProperty("yanqun_bench_watcher", True)
    globals()["_watcher"] = watcher  # kept alive


if __name__ == "__main__":
    if os.environ.get("YANQUN_BENCH_FIRST_PAINT") == "1":
        _exit_on_first_paint()
    from yanqun_desktop.cli import main

    sys.exit(main())
