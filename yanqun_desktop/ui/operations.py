"""Long work off the UI thread, with a progress dialog that appears only if the work lasts.

``run_task(parent, title, work, on_done, on_error)`` runs ``work(progress)`` on a worker
``QThread``; ``progress(label, fraction)`` may be called from the worker at any rate (it only
emits a queued signal). The dialog shows after ``SHOW_AFTER_MS`` (half a second, so quick work
never flashes a window). By default it has no cancel button: most work (demo generation,
imports) commits in one transaction and is not safe to stop half-way. Work that is safe to stop
(batch printing writes a temporary file it removes) passes a ``threading.Event`` as ``cancel``:
the dialog then has a 取消 button that sets it, and the work checks it between steps and raises
``Cancelled``. ``quiet`` work (the daily backup) never shows a dialog: the clerk goes on
working and the owner says the outcome in the status bar. The callbacks run on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[str, float], None]

SHOW_AFTER_MS = 500

# Tasks alive now: a running task must not be garbage-collected with its thread.
_running: set[Task] = set()


class _Worker(QObject):
    progressed = Signal(str, float)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._work = work

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(lambda label, fraction: self.progressed.emit(str(label), float(fraction)))
        except Exception as e:  # handed to the UI thread, which shows it
            self.failed.emit(e)
        else:
            self.succeeded.emit(result)
        finally:
            # The thread ends itself once the work is done, so the UI thread may wait for it
            # (closing a window) without waiting for its own, blocked, event loop to say quit.
            QThread.currentThread().quit()


class Task(QObject):
    """One piece of background work. Lives on the UI thread, so its slots run there."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, work: Callable[[Progress], Any],
                 on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
                 cancel: threading.Event | None = None, *, quiet: bool = False) -> None:
        super().__init__()
        self.quiet = quiet
        self._on_done, self._on_error = on_done, on_error
        self.cancel_event = cancel
        self.dialog = QProgressDialog(title, "", 0, 1000, parent)
        self.dialog.setWindowTitle(title)
        if cancel is None:
            self.dialog.setCancelButton(None)
        else:
            self.dialog.setCancelButtonText(self.tr("Cancel"))
            self.dialog.canceled.connect(self.cancel)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(2**30)  # shown by our timer, not by QProgressDialog's heuristic
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(360)
        self.dialog.hide()
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self.dialog.show)
        self._thread = QThread()
        self._worker = _Worker(work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)

    def start(self) -> None:
        _running.add(self)
        if not self.quiet:
            self._show_timer.start(SHOW_AFTER_MS)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def wait(self) -> None:
        """Block until the work has finished (its result is still delivered, later, to the
        callbacks unless ``detach`` was called)."""
        self._thread.wait()

    def detach(self) -> None:
        """The owner is going away: deliver nothing more to its callbacks."""
        self._on_done = self._on_error = lambda _x: None

    def cancel(self) -> None:
        """Ask cancellable work to stop at its next check; the dialog says it is stopping."""
        if self.cancel_event is not None and not self.cancel_event.is_set():
            self.cancel_event.set()
            self.dialog.setLabelText(self.tr("Cancelling…"))

    @Slot(str, float)
    def _progress(self, label: str, fraction: float) -> None:
        if self.cancel_event is not None and self.cancel_event.is_set():
            return  # keep saying "cancelling" until the work stops
        self.dialog.setLabelText(label)
        self.dialog.setValue(max(0, min(1000, round(fraction * 1000))))

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._finish()
        self._on_done(result)
        self._close_dialog()  # after on_done: it may open the window that keeps the app alive

    @Slot(object)
    def _failed(self, error: Exception) -> None:
        self._finish()
        self._on_error(error)
        self._close_dialog()  # after on_error, for the same reason

    def _finish(self) -> None:
        self._show_timer.stop()
        self._thread.quit()
        self._thread.wait()

    def _close_dialog(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()
        _running.discard(self)
        self.finished.emit()


def run_task(parent: QWidget | None, title: str, work: Callable[[Progress], Any],
             on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
             cancel: threading.Event | None = None, *, quiet: bool = False) -> Task:
    task = Task(parent, title, work, on_done, on_error, cancel, quiet=quiet)
    task.start()
    return task
