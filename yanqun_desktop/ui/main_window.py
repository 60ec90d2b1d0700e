"""The main window only assembles: navigation, the pages, menus and the status bar.

It comes in two steps, so that start-up shows it at once (issue 8): ``MainWindow()`` is the
frame alone (title, icon, size, a line saying the database is being opened), built from Qt
and this module, which imports nothing that loads SQLAlchemy; ``populate(ctx)`` then adds the
pages, menus and timers once the database is open and someone has signed in. The pages, the
services and the dialogs are imported there or when first used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.permissions import Permission, allows, role_label

if TYPE_CHECKING:  # pages, services and dialogs load after the frame is shown, or when first opened
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.uow import Changes
    from yanqun_desktop.ui.context import AppContext
    from yanqun_desktop.ui.data_menu import DataMenu
    from yanqun_desktop.ui.dialogs.about_dialog import AboutDialog
    from yanqun_desktop.ui.dialogs.accounts_dialog import AccountsDialog
    from yanqun_desktop.ui.dialogs.backup_dialog import BackupDialog
    from yanqun_desktop.ui.dialogs.check_dialog import CheckDialog
    from yanqun_desktop.ui.dialogs.help_dialog import HelpDialog
    from yanqun_desktop.ui.dialogs.model_dialog import ModelDialog
    from yanqun_desktop.ui.dialogs.settings_dialog import SettingsDialog
    from yanqun_desktop.ui.lock_screen import IdleWatcher, LockScreen
    from yanqun_desktop.ui.operations import Task
    from yanqun_desktop.ui.page_catalogue import Page

BACKUP_CHECK_MS = 60 * 60 * 1000  # hourly: the backup itself is daily
FIRST_BACKUP_CHECK_MS = 2 * 60 * 1000  # not during start-up


def restart_app() -> None:
    """Start the app again (after a restore: the database file was replaced) and quit this one."""
    import sys

    from PySide6.QtCore import QProcess

    frozen = getattr(sys, "frozen", False)
    QProcess.startDetached(sys.executable, sys.argv[1:] if frozen else sys.argv)
    QApplication.quit()


def load_demo_generator(parent: QWidget | None) -> Callable[..., object] | None:
    """The demo-data generator, imported only when asked for: it is heavy and not needed for
    daily work (and an install may ship without it)."""
    try:
        from yanqun_desktop.services.demo import generate_demo
    except ImportError:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("MainWindow", "Demo data not generated"),
            QCoreApplication.translate("MainWindow", "This installation has no demo-data generator."),
        )
        return None
    return generate_demo


class MainWindow(QMainWindow):
    # Someone else signed in (切换账户 on the lock screen), or this account's role changed: the
    # app builds a new main window for that Actor (ui/app.py) and closes this one.
    account_switched = Signal(object)
    ctx: AppContext  # set by populate()

    def __init__(self, ctx: AppContext | None = None, *, list_after_show: bool = False) -> None:
        """Without ``ctx``: the frame alone, shown while the database opens and someone signs
        in; ``populate`` completes it. ``list_after_show``: paint the window first and list
        the first page's records in the next turn of the event loop (the app's start-up);
        tests and the selftest list at once."""
        super().__init__()
        self.populated = False
        self.task: Task | None = None
        self.pages: list[Page] = []
        self.pending_packages: list[Path] = []  # handed over while locked: opened once unlocked
        self._guide: HelpDialog | None = None
        self.setWindowTitle(self.tr("Yanqun"))
        self.resize(QSize(1200, 720))
        self.setCentralWidget(self._opening_panel())
        if ctx is not None:
            self.populate(ctx, list_after_show=list_after_show)

    def _opening_panel(self) -> QWidget:
        """What the frame shows until it is populated: the 雁 and the app's name, a busy bar.
        Centred by stretches rather than alignment flags: Qt's namespace of enums costs ~20 ms
        to load, which the frame does not wait for."""
        panel = QWidget()
        panel.setObjectName("opening")
        column = QVBoxLayout(panel)
        column.addStretch(2)
        icon = QApplication.windowIcon().pixmap(64, 64)  # the 雁 set by ensure_app, if any
        if not icon.isNull():
            mark = QLabel()
            mark.setPixmap(icon)
            column.addLayout(_centred(mark))
        name = QLabel(self.tr("Yanqun"))
        name.setStyleSheet("font-size: 24pt; font-weight: bold; color: #b3261e;")
        self.opening_label = QLabel(self.tr("Opening the database…"))
        self.opening_label.setObjectName("opening_label")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no end known: the bar moves while the database opens
        self.busy_bar.setFixedWidth(240)
        self.busy_bar.setTextVisible(False)
        for widget in (name, self.opening_label, self.busy_bar):
            column.addLayout(_centred(widget))
        column.addStretch(3)
        return panel

    def set_opening_text(self, text: str, *, busy: bool = True) -> None:
        """The frame's line while it waits (opening, signing in; ``busy``: the bar moves, for
        work under way rather than a dialog waiting for the clerk); nothing once populated."""
        if not self.populated:
            self.opening_label.setText(text)
            self.busy_bar.setVisible(busy)

    def populate(self, ctx: AppContext, *, list_after_show: bool = False) -> None:
        """The pages, menus, status bar and timers, acting as ``ctx``'s signed-in account."""
        from yanqun_desktop.ui.gating import gate_buttons
        from yanqun_desktop.ui.lock_screen import IdleWatcher, LockScreen
        from yanqun_desktop.ui.page_catalogue import PAGE_BUTTONS, PAGE_PERMISSIONS, PAGES

        self.ctx = ctx
        actor = ctx.actor()
        self.pages = [
            page(ctx) for page in PAGES if page not in PAGE_PERMISSIONS or allows(actor, PAGE_PERMISSIONS[page])
        ]
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem(page.page_title())
            self.stack.addWidget(page)
            page.changed.connect(self.apply_changes)
        # Larger, padded entries: the navigation is read at a glance all day.
        self.nav.setStyleSheet("QListWidget#nav { font-size: 11pt; } QListWidget#nav::item { padding: 6px 8px; }")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 48)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        # Pages list their records when first shown, not all seven at start-up.
        self.nav.currentRowChanged.connect(lambda row: self.pages[row].load_if_stale())
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)  # the opening panel goes
        for page in self.pages:
            gate_buttons(page, actor, PAGE_BUTTONS.get(type(page), {}))
        self._build_menus()
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operator")
        self.statusBar().addWidget(self.operator_label)
        location = ctx.db.path or ctx.db.engine.url.render_as_string(hide_password=True)
        self.statusBar().addPermanentWidget(QLabel(self.tr("Database: {0}").format(location)))
        self.update_title()
        if not list_after_show:  # else the page lists once shown (RegistryPage.showEvent)
            self.pages[self.nav.currentRow()].load_if_stale()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.scheduled_backup)
        self.backup_timer.start()
        QTimer.singleShot(FIRST_BACKUP_CHECK_MS, self, self.scheduled_backup)
        # The idle lock, for a signed-in account (a demo database or a test's actor has no
        # password to ask for). Timers and background work go on while locked.
        self.lock_screen: LockScreen = LockScreen(ctx.db, ctx.settings, self)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.switched.connect(self.account_switched.emit)
        self.lock_screen.quit_requested.connect(self._quit_from_lock)
        self.idle: IdleWatcher = IdleWatcher(ctx.settings.idle_lock_minutes if actor.login else 0, self)
        self.idle.idle.connect(self.lock)
        self.populated = True  # last: a page that failed to build leaves a frame that closes cleanly

    # -- chrome ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        from yanqun_desktop.ui.gating import gate_action

        actor = self.ctx.actor()
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setObjectName("lock_action")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setVisible(bool(actor.login))  # nobody to ask a password of otherwise
        self.lock_action.setEnabled(bool(actor.login))
        file_menu.addAction(self.lock_action)
        self.password_action = QAction(self.tr("Change &password…"), self)
        self.password_action.setObjectName("password_action")
        self.password_action.triggered.connect(self.change_password)
        self.password_action.setVisible(bool(actor.login))
        file_menu.addAction(self.password_action)
        self.accounts_action = QAction(self.tr("&Accounts…"), self)
        self.accounts_action.setObjectName("accounts_action")
        self.accounts_action.triggered.connect(self.open_accounts)
        gate_action(self.accounts_action, actor, Permission.MANAGE_ACCOUNTS)
        file_menu.addAction(self.accounts_action)
        file_menu.addSeparator()
        settings = QAction(self.tr("&Settings…"), self)
        settings.setObjectName("settings_action")
        settings.triggered.connect(self.open_settings)
        file_menu.addAction(settings)
        self.demo_action = QAction(self.tr("Generate &demo data…"), self)
        self.demo_action.setObjectName("demo_action")
        self.demo_action.triggered.connect(self.generate_demo)
        file_menu.addAction(self.demo_action)
        self.model_action = QAction(self.tr("Competency &model…"), self)
        self.model_action.setObjectName("model_action")
        self.model_action.setToolTip(
            self.tr("Edit the competency models")
            if self.ctx.org.is_district
            else self.tr("View the competency models (set by the district)")
        )
        self.model_action.triggered.connect(self.open_models)
        file_menu.addAction(self.model_action)
        backups = QAction(self.tr("&Backup and restore…"), self)
        backups.setObjectName("backup_action")
        backups.triggered.connect(self.open_backups)
        gate_action(backups, actor, Permission.MAKE_BACKUPS)
        file_menu.addAction(backups)
        check = QAction(self.tr("&Check database…"), self)
        check.setObjectName("check_action")
        check.triggered.connect(self.open_check)
        gate_action(check, actor, Permission.MAINTAIN_DATABASE)
        file_menu.addAction(check)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.setToolTipsVisible(True)
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setObjectName("undo_action")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        edit_menu.addAction(self.undo_action)
        edit_menu.aboutToShow.connect(self.update_undo_action)  # another window may have written meanwhile
        from yanqun_desktop.ui.data_menu import DataMenu

        self.data_menu: DataMenu = DataMenu(self, self.ctx, self.apply_changes)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide = QAction(self.tr("User &guide"), self)
        guide.setObjectName("guide_action")
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(guide)
        about = QAction(self.tr("&About Yanqun"), self)
        about.setObjectName("about_action")
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        file_menu.setToolTipsVisible(True)

    def update_title(self) -> None:
        title = self.tr("Yanqun — {0}").format(self.ctx.org.name)
        if self.ctx.db.is_demo:
            title += self.tr(" [demo data]")
        if self.ctx.db.meta("read_only") == "1":  # a second PC's copy: every write is refused
            title += self.tr(" [read-only copy]")
        self.setWindowTitle(title)
        actor = self.ctx.actor()
        self.operator_label.setText(self.tr("Current user: {0} ({1})").format(actor.name, role_label(actor.role)))
        self._update_demo_action()
        self.update_undo_action()

    def update_undo_action(self) -> None:
        """撤销「…」 names the operator's last operation; disabled (tooltip: why) when unsafe."""
        from yanqun_desktop.services.undo import last_undoable

        candidate = last_undoable(self.ctx.db, self.ctx.actor())
        if candidate is None:
            self.undo_action.setText(self.tr("&Undo"))
            self.undo_action.setEnabled(False)
            self.undo_action.setToolTip(self.tr("Nothing to undo yet."))
            return
        summary = candidate.summary if len(candidate.summary) <= 40 else candidate.summary[:39] + "…"
        self.undo_action.setText(self.tr("&Undo “{0}”").format(summary))
        running = self.task is not None
        self.undo_action.setEnabled(candidate.possible and not running)
        self.undo_action.setToolTip(candidate.blocked or candidate.summary)

    def _update_demo_action(self) -> None:
        # Demo data never goes into a database that holds real records.
        if not self.ctx.allows(Permission.EDIT_RECORDS):
            self.demo_action.setVisible(False)
            self.demo_action.setEnabled(False)
            return
        from yanqun_desktop.services.info import people_exist

        allowed = self.ctx.db.is_demo or not people_exist(self.ctx.db)
        running = self.task is not None
        self.demo_action.setEnabled(allowed and not running)
        self.demo_action.setToolTip(
            "" if allowed else self.tr("Demo data can only be generated into a demo database or an empty one.")
        )

    # -- refresh --------------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """Refresh only the pages that show a table the operation touched."""
        for page in self.pages:
            page.refresh_if_touched(changes)
        if changes.touches("people"):
            self._update_demo_action()
        self.update_undo_action()

    def undo(self) -> Changes | None:
        """Undo the operator's last operation and refresh the pages it touched."""
        self.update_undo_action()
        if not self.undo_action.isEnabled():
            return None
        from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
        from yanqun_desktop.services.actor import PermissionDenied
        from yanqun_desktop.services.errors import ServiceError
        from yanqun_desktop.services.undo import undo_last

        try:
            saved = undo_last(self.ctx.db, self.ctx.actor())
        except (ValidationErrors, ValidationError, PermissionDenied, ServiceError) as e:
            QMessageBox.warning(self, self.tr("Not undone"), str(e))
            self.update_undo_action()
            return None
        self.apply_changes(saved.changes)
        self.statusBar().showMessage(self.tr("Undone."), 5000)
        return saved.changes

    def refresh_all(self) -> None:
        for page in self.pages:
            page.mark_stale()
        self.update_title()

    # -- who is signed in ----------------------------------------------------------------
    def lock(self) -> object | None:
        """Hide the app behind the lock dialog (文件 → 锁定, Ctrl+L, or idle)."""
        actor = self.ctx.actor()
        if not actor.login:
            return None
        self.idle.paused = True
        return self.lock_screen.lock(actor)

    def _unlocked(self, actor: Actor) -> None:
        self.idle.paused = False
        self.idle.touch()
        if actor != self.ctx.actor():  # an administrator changed this account's role or name meanwhile
            self.account_switched.emit(actor)  # the new window takes the pending packages (ui/app.py)
            return
        if self.pending_packages:
            paths, self.pending_packages = self.pending_packages, []
            self.open_packages(paths)

    def _quit_from_lock(self) -> None:
        self.lock_screen.dismiss()  # nothing is shown again on the way out
        self.close()
        QApplication.quit()

    def apply_idle_setting(self) -> None:
        minutes = self.ctx.settings.idle_lock_minutes if self.ctx.actor().login else 0
        self.idle.set_timeout_ms(minutes * 60_000)

    def change_password(self) -> object:
        from yanqun_desktop.ui.dialogs.sign_in_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx.db, self.ctx.actor(), self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Password changed."), 5000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_accounts(self) -> AccountsDialog:
        from yanqun_desktop.ui.dialogs.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # -- actions --------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from yanqun_desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.accepted.connect(self.update_title)
        dialog.accepted.connect(self.apply_idle_setting)
        dialog.open()
        return dialog

    def open_backups(self) -> BackupDialog:
        from yanqun_desktop.ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self.ctx, restart_app, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_check(self) -> CheckDialog:
        from yanqun_desktop.ui.dialogs.check_dialog import CheckDialog

        dialog = CheckDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.check()
        return dialog

    def scheduled_backup(self) -> Task | None:
        """Once a day while the app runs (checked hourly and soon after start): a backup in the
        background, said in the status bar; a failure is said there too, never a dialog."""
        from yanqun_desktop.services.backups import make_backup, scheduled_backup_due
        from yanqun_desktop.ui.operations import run_task

        db = self.ctx.db
        if self.task is not None or db.path is None or db.is_demo or db.meta("read_only") == "1":
            return None
        try:
            if not scheduled_backup_due(db):
                return None
        except OSError:
            return None

        def done(made: object) -> None:
            self.task = None
            self.statusBar().showMessage(self.tr("Backed up: {0}").format(getattr(made, "path", "")), 10000)

        def failed(error: Exception) -> None:
            self.task = None
            self.statusBar().showMessage(self.tr("The daily backup failed: {0}").format(error), 30000)

        self.task = run_task(self, self.tr("Backup"), lambda _p: make_backup(db, kind="scheduled"), done, failed,
                             quiet=True)
        return self.task

    def open_models(self) -> ModelDialog:
        """能力素质模型: the district edits, a street views."""
        from yanqun_desktop.ui.dialogs.model_dialog import open_model_dialog

        return open_model_dialog(self, self.ctx, self.apply_changes)

    def about(self) -> AboutDialog:
        """帮助 → 关于雁群: version, licence, data folder and database."""
        from yanqun_desktop.ui.dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_guide(self) -> HelpDialog:
        """帮助 → 使用指南 (F1); not modal, so the clerk can follow it while working."""
        from yanqun_desktop.ui.dialogs.help_dialog import HelpDialog

        if self._guide is None:
            self._guide = HelpDialog(self)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()
        return self._guide

    # -- files handed over by a double-click (ui/single_instance.py) ---------------------------
    def receive_packages(self, paths: list[Path]) -> object | None:
        """Another start of the app handed over these packages (or none: just show yourself).
        Locked: the lock dialog comes forward and the import screen opens once unlocked."""
        if self.lock_screen.locked and self.lock_screen.dialog is not None:
            self.pending_packages += paths
            self.lock_screen.dialog.raise_()
            self.lock_screen.dialog.activateWindow()
            return self.lock_screen.dialog
        self.bring_to_front()
        return self.open_packages(paths) if paths else None

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def open_packages(self, paths: list[Path]) -> object | None:
        """The sync page's package-import screen for ``paths`` (checked and previewed first)."""
        from yanqun_desktop.ui.pages.sync_page import SyncPage

        for row, page in enumerate(self.pages):
            if isinstance(page, SyncPage):
                self.nav.setCurrentRow(row)
                return page.open_import(list(paths))
        return None

    def generate_demo(self) -> Task | None:
        """Fill the database with synthetic data, off the UI thread, with a progress dialog."""
        if self.task is not None:
            return None
        from yanqun_desktop.ui.operations import run_task

        generate_demo = load_demo_generator(self)
        if generate_demo is None:
            return None
        actor = self.ctx.actor()

        def work(progress):  # type: ignore[no-untyped-def]
            return generate_demo(self.ctx.db, actor_name=actor.name, org_code=actor.org_code, progress=progress)

        self.task = run_task(self, self.tr("Generating demo data"), work, self._demo_done, self._demo_failed)
        self._update_demo_action()
        return self.task

    def _demo_done(self, _summary: object) -> None:
        self.task = None
        self.refresh_all()  # the generator marks the database as demo (db.set_meta), so the title follows

    def _demo_failed(self, error: Exception) -> None:
        self.task = None
        self._update_demo_action()
        QMessageBox.warning(self, self.tr("Demo data not generated"), str(error))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:  # never tear the database down under a running transaction
            self.task.wait()
        if self.populated:
            self.idle.set_timeout_ms(0)  # no lock for a closed window
        super().closeEvent(event)


def _centred(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row
