"""Start-up milestones, for the benchmarks only (benchmarks/bench_startup.py, bench_frozen.py).

With ``YANQUN_BENCH_STARTUP=1`` in the environment, ``ensure_app`` installs this probe: it
prints on standard error the wall-clock time (``time.time()``) at which the main window's frame
had painted (``YANQUN_FRAME_PAINTED <t>``), and at which the first page's table had painted
its first rows (``YANQUN_ROWS_PAINTED <t>``), then ends the process at once. The benchmark
subtracts the moment it spawned the process. Without the variable nothing here is imported."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

ENV = "YANQUN_BENCH_STARTUP"


class StartupProbe(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.frame_seen = False
        self.rows_seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if not self.frame_seen and isinstance(watched, QMainWindow):
            self.frame_seen = True
            QTimer.singleShot(0, lambda: self._say("YANQUN_FRAME_PAINTED"))  # after the whole window painted
        elif self.frame_seen and not self.rows_seen and self._is_filled_table(watched):
            self.rows_seen = True
            QTimer.singleShot(0, self._rows_painted)
        return False

    @staticmethod
    def _is_filled_table(watched: QObject) -> bool:
        table = watched.parent()
        if not isinstance(table, QTableView) or watched is not table.viewport():
            return False
        model = table.model()
        return model is not None and model.rowCount() > 0

    @staticmethod
    def _say(milestone: str) -> None:
        print(f"{milestone} {time.time():.6f}", file=sys.stderr, flush=True)

    def _rows_painted(self) -> None:
        self._say("YANQUN_ROWS_PAINTED")
        os._exit(0)  # the benchmark has what it came for; nothing to save


def install_probe(app: QApplication) -> StartupProbe:
    probe = StartupProbe(app)  # parented to the app: lives as long as it
    app.installEventFilter(probe)
    return probe
