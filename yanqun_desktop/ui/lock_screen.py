"""The idle lock: after some minutes without input the app's windows are hidden behind a lock
dialog that wants the same account's password (failures count toward the timed lock, as at
sign-in) or lets someone else sign in (切换账户: the main window is rebuilt for them).

``IdleWatcher`` is an application-wide event filter that notes the time of the last key, click,
wheel or mouse movement; a timer compares. Nothing else stops while locked: background tasks,
the hourly backup check and their timers keep running. A dialog waiting in its own event loop
(a message box) is hidden too, which answers it as if cancelled."""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.permissions import role_label
from yanqun_desktop.ui.dialogs.sign_in_dialogs import attempt_sign_in, password_edit
from yanqun_desktop.ui.widgets.dialog_parts import error_label

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.HoverMove, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.InputMethod,
})
LONGEST_CHECK_MS = 15_000  # how often the idle time is compared (the lock comes at most this late)


class IdleWatcher(QObject):
    """Emits ``idle`` once the user has given no input for ``timeout_ms`` (0: never)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = 0
        self.paused = False
        self._last_input = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._filtering = False
        self.set_timeout_ms(max(0, minutes) * 60_000)

    def set_timeout_ms(self, ms: int) -> None:
        """Change the idle time (tests use a few milliseconds); counting starts again now."""
        self.timeout_ms = max(0, ms)
        self._last_input = time.monotonic()
        app = QCoreApplication.instance()
        if self.timeout_ms and app is not None:
            if not self._filtering:
                app.installEventFilter(self)
                self._filtering = True
            self._timer.start(max(1, min(self.timeout_ms, LONGEST_CHECK_MS)))
        else:
            self._timer.stop()
            if self._filtering and app is not None:
                app.removeEventFilter(self)
            self._filtering = False

    def touch(self) -> None:
        self._last_input = time.monotonic()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def idle_ms(self) -> float:
        return (time.monotonic() - self._last_input) * 1000

    def check(self) -> None:
        if self.timeout_ms and not self.paused and self.idle_ms() >= self.timeout_ms:
            self.idle.emit()


class LockDialog(QDialog):
    """已锁定: the same account's password unlocks; 切换账户 signs someone else in."""

    unlocked = Signal(object)  # the Actor (the same account, as the database now has it)
    switched = Signal(object)  # another account's Actor
    quit_requested = Signal()

    def __init__(self, db: Database, settings: Settings, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.settings, self.actor = db, settings, actor
        self.setWindowTitle(self.tr("Yanqun — locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(440)
        heading = QLabel(self.tr("Locked"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr("The window was locked so that nobody reads or changes the records while {0} is "
                               "away. Enter the password of {0} ({1}) to go on.")
                       .format(actor.name, role_label(actor.role)))
        intro.setObjectName("lock_intro")
        intro.setWordWrap(True)
        self.password = password_edit("password")
        form = QFormLayout()
        form.addRow(self.tr("Password"), self.password)
        self.error = error_label("error")
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        switch = QPushButton(self.tr("Switch account…"))
        switch.setObjectName("switch_account")
        switch.setAutoDefault(False)
        switch.clicked.connect(self.switch_account)
        leave = QPushButton(self.tr("Quit"))
        leave.setObjectName("quit")
        leave.setAutoDefault(False)
        leave.clicked.connect(self.quit_requested.emit)
        row = QHBoxLayout()
        row.addWidget(switch)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        row.addWidget(leave)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.password.setFocus()

    def unlock(self) -> Actor | None:
        # a sign-in rather than a bare password check: its refusal says why (wrong, locked until …)
        actor = attempt_sign_in(self.db, self.actor.login, self.password, self.error)
        if actor is None:
            return None
        self.unlocked.emit(actor)
        return actor

    def switch_account(self) -> Actor | None:
        from yanqun_desktop.ui.sign_in import sign_in_interactively

        actor = sign_in_interactively(self.db, self.settings, self, title=self.tr("Switch account"))
        if actor is not None:
            self.switched.emit(actor)
        return actor

    def reject(self) -> None:
        """Esc does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and not getattr(self, "_done", False):
            event.ignore()  # the close box does not unlock either
            return
        super().closeEvent(event)

    def finish(self) -> None:
        self._done = True
        self.close()
        self.deleteLater()


class LockScreen(QObject):
    """Hides every window of the app behind a ``LockDialog`` and brings them back."""

    unlocked = Signal(object)  # Actor
    switched = Signal(object)  # Actor
    quit_requested = Signal()

    def __init__(self, db: Database, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db, self.settings = db, settings
        self.dialog: LockDialog | None = None
        self._hidden: list[QWidget] = []

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self, actor: Actor) -> LockDialog:
        if self.dialog is not None:
            return self.dialog
        self.dialog = LockDialog(self.db, self.settings, actor)
        self.dialog.unlocked.connect(self._unlocked)
        self.dialog.switched.connect(self._switched)
        self.dialog.quit_requested.connect(self.quit_requested.emit)
        self.dialog.show()  # first, so the app always has a visible window
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w is not self.dialog and w.isVisible() and not w.isHidden()]
        for widget in self._hidden:
            widget.hide()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def restore(self) -> None:
        """Show again what the lock hid (what still exists), then drop the lock dialog."""
        for widget in self._hidden:
            if shiboken6.isValid(widget):
                widget.show()
        self._hidden = []
        self.dismiss()

    def dismiss(self) -> None:
        """Drop the lock dialog without showing anything again (switching account, quitting)."""
        self._close_dialog()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.finish()

    def _unlocked(self, actor: Actor) -> None:
        self.restore()
        self.unlocked.emit(actor)

    def _switched(self, actor: Actor) -> None:
        self.switched.emit(actor)  # the owner shows the new main window before the lock goes
        self._hidden = []
        self._close_dialog()
