"""The GUI's start-up: the main window's frame first, then the database, first run and sign-in.

Start-up shows the frame of the main window before anything loads SQLAlchemy (issue 8: within
2x of a bare PySide6 window): Qt, the translations and light modules only. The database then
opens on a worker thread (an upgrade, with its encrypted backup first, may take a while; the
frame keeps painting meanwhile), the first-run, sign-in and demo steps come up in front of the
frame, and the frame is populated for the account signed in. The CLI imports this module only
when it opens the GUI (or runs ``selftest``), so the core never loads Qt.
``build_main_window`` works without an event loop, for tests and the selftest."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from yanqun_desktop.config import Settings, load_settings
from yanqun_desktop.ui.main_window import MainWindow, load_demo_generator
from yanqun_desktop.ui.qt_app import ensure_app

if TYPE_CHECKING:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.actor import Actor

# Modules the steps after opening need, imported on the worker thread while the frame waits
# (pure Python: no Qt object is made there).
WARM_UP = ("yanqun_desktop.services.accounts", "yanqun_desktop.services.info", "yanqun_desktop.services.setup",
           "yanqun_desktop.services.provisioning", "yanqun_desktop.ui.context")


def build_main_window(db: Database, settings: Settings, actor: Actor | None = None, *,
                      list_after_show: bool = False) -> MainWindow:
    """The main window over an initialised database, acting as ``actor`` (the signed-in
    account); needs no event loop (tests, selftest). Without one: the demo administrator of a
    demo database, else the configured operator as the office's administrator (read at each
    use, so a name changed in the settings applies; ``context.default_actor``)."""
    from yanqun_desktop.ui.context import AppContext

    ensure_app()
    return MainWindow(AppContext(db, settings, actor), list_after_show=list_after_show)


class WindowKeeper:
    """The app's one main window, rebuilt for another account when someone switches
    (切换账户) or this account's role changed while the window was locked."""

    def __init__(self, db: Database, settings: Settings, frame: MainWindow | None = None) -> None:
        self.db, self.settings = db, settings
        self.frame = frame  # start-up's frame, shown before the database opened: the first window
        self.window: MainWindow | None = None

    def open(self, actor: Actor) -> MainWindow:
        old = self.window
        if self.frame is not None:
            from yanqun_desktop.ui.context import AppContext

            window, self.frame = self.frame, None
            window.populate(AppContext(self.db, self.settings, actor), list_after_show=True)
        else:
            window = build_main_window(self.db, self.settings, actor, list_after_show=True)
        window.account_switched.connect(self.open)
        window.show()  # before the old one goes, so the app always has a window
        self.window = window
        if old is not None:
            waiting = old.pending_packages  # handed over while locked, then someone else signed in
            old.close()
            old.deleteLater()
            if waiting:
                window.open_packages(waiting)
        return window


def selftest_window(db: Database, settings: Settings, actor: Actor | None = None) -> str:
    """Render the main window offscreen once (every page, as ``actor`` sees them) and return its title."""
    window = build_main_window(db, settings, actor)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        if window.grab().isNull():
            raise RuntimeError("主窗口渲染失败")
    title = window.windowTitle()
    window.close()
    window.deleteLater()
    return title


def run_gui(db_path_or_url: str | Path, *, demo: bool, demo_kind: str = "street",
            keys_dir: Path | None = None, packages: list[Path] | None = None) -> int:
    """Open the GUI on a database (demo: the separate demo database). Returns the exit code.

    ``packages``: sync packages to open in the import screen once signed in (a double-click on
    a ``.yqpkg``). When the app already runs for this user on this database, they are handed to
    it instead and this start exits 0 (ui/single_instance.py)."""
    from yanqun_desktop.ui.single_instance import InstanceServer, hand_over, server_name, startup_lock

    packages = [Path(p) for p in packages or []]
    name = server_name(db_path_or_url)
    lock = startup_lock(name)
    try:
        if hand_over(name, packages):
            return 0
        app = ensure_app()
        instance = InstanceServer(name, app)
        instance.listen()  # not listening (a locked-down PC): the app works, just without the hand-over
    finally:
        lock.unlock()
    frame = MainWindow()  # the main window's frame, painted before the database opens

    def held_while_opening(paths: list[str]) -> None:
        """A later start (a double-click) while the frame paints or the database opens: its
        packages wait for the sign-in; the frame comes forward, again if it had been closed."""
        packages.extend(Path(p) for p in paths)
        frame.show()
        frame.raise_()
        frame.activateWindow()

    # before the frame's first event loop: a start that waited on the lock hands over right now
    instance.received.connect(held_while_opening)  # type: ignore[attr-defined]
    show_painted(frame)
    try:
        return _open_and_run(app, frame, db_path_or_url, demo=demo, demo_kind=demo_kind, keys_dir=keys_dir,
                             packages=packages, instance=instance, held=held_while_opening)
    finally:
        if not frame.populated:  # quit before signing in: nothing else closes it
            frame.close()
            frame.deleteLater()
        instance.close()
        instance.deleteLater()


class _PaintWatcher(QObject):
    """Says ``painted`` the turn after the watched window's paint event (so the whole window is
    painted and on screen)."""

    painted = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self.painted.emit)
        return False


def show_painted(window: QWidget, timeout_ms: int = 1000) -> None:
    """Show ``window`` and return once it has painted, or after ``timeout_ms`` (a platform that
    does not expose it at once): what follows keeps the interpreter busy for a while.

    The helpers have no parent and hold no reference to one another both ways: they go when
    this returns, on this thread (a reference cycle could be collected on the worker thread,
    and Qt objects with timers must not be deleted there)."""
    loop = QEventLoop()
    watcher = _PaintWatcher()
    watcher.painted.connect(loop.quit)
    fallback = QTimer()
    fallback.setSingleShot(True)
    fallback.timeout.connect(loop.quit)
    window.installEventFilter(watcher)
    fallback.start(timeout_ms)
    window.show()
    loop.exec()
    fallback.stop()
    window.removeEventFilter(watcher)


class _Finished(QObject):
    done = Signal()


def wait_on_worker(work: Callable[[], Any]) -> Any:
    """Run ``work`` on a worker thread while the event loop keeps the windows painted; return
    its result, or raise its exception here.

    Python's cyclic garbage collector is off meanwhile: the worker's imports make most of the
    garbage, so a collection would most likely run there and could delete this thread's Qt
    objects held in reference cycles (Qt forbids it); imports also go faster without it. Only
    cyclic garbage waits, until the worker is done (seconds, even for an upgrade)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _wait_on_worker(work)
    finally:
        if collecting:
            gc.enable()


def _wait_on_worker(work: Callable[[], Any]) -> Any:
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit)  # queued to this thread: it may come before exec() starts
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as e:  # handed to the UI thread, which reports it
            outcome["error"] = e
        finally:
            finished.done.emit()

    worker = threading.Thread(target=run, name="yanqun-open", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _open_in_worker(db_path_or_url: str | Path, keys_dir: Path | None) -> Database:
    import importlib

    from yanqun_desktop.services.opening import open_database

    db = open_database(db_path_or_url, keys_dir=keys_dir)  # an older schema: encrypted backup first
    for module in WARM_UP:
        importlib.import_module(module)
    return db


def _open_and_run(app: QApplication, frame: MainWindow, db_path_or_url: str | Path, *, demo: bool,
                  demo_kind: str, keys_dir: Path | None, packages: list[Path], instance: QObject,
                  held: Callable[[list[str]], None]) -> int:
    title = QCoreApplication.translate("App", "Cannot open the database")
    try:
        db = wait_on_worker(lambda: _open_in_worker(db_path_or_url, keys_dir))
    except Exception as e:  # any failure to open is reported to the clerk, not as a traceback
        from yanqun_desktop.db.engine import display_location
        from yanqun_desktop.db.migrate import SchemaError

        frame.set_opening_text(title, busy=False)
        if isinstance(e, SchemaError):
            message = str(e)
        else:
            message = QCoreApplication.translate("App", "The database {0} could not be opened:\n{1}").format(
                display_location(db_path_or_url), e)
        if packages:  # double-clicked meanwhile: the other start has ended, so say which
            message += "\n\n" + QCoreApplication.translate(
                "App", "These packages were not opened; open them again once the database opens:\n{0}").format(
                "\n".join(str(p) for p in packages))
        QMessageBox.critical(frame, title, message)
        return 1
    try:
        if not frame.isVisible():  # closed while the database opened
            return 0
        if db.migration.message:
            QMessageBox.information(frame, QCoreApplication.translate("App", "Database upgraded"),
                                    db.migration.message)
        return _run(app, db, demo=demo, demo_kind=demo_kind, packages=packages, instance=instance, frame=frame,
                    held=held)
    finally:
        db.dispose()


class HandOver:
    """Packages handed over by later starts: held until the main window exists (first run,
    sign-in), then given to whichever window is current (the account may have switched)."""

    def __init__(self, keeper: WindowKeeper, packages: list[Path]) -> None:
        self.keeper = keeper
        self.pending = list(packages)

    def receive(self, paths: list[str]) -> None:
        window = self.keeper.window
        if window is None:  # still at the first-run or sign-in dialog: bring that forward
            self.pending += [Path(p) for p in paths]
            forward = QApplication.activeModalWidget() or self.keeper.frame
            if forward is not None:
                forward.raise_()
                forward.activateWindow()
            return
        window.receive_packages([Path(p) for p in paths])

    def window_shown(self) -> None:
        if self.pending and self.keeper.window is not None:
            paths, self.pending = self.pending, []
            self.keeper.window.receive_packages(paths)


def _run(app: QApplication, db: Database, *, demo: bool, demo_kind: str, packages: list[Path],
         instance: QObject, frame: MainWindow, held: Callable[[list[str]], None]) -> int:
    """``held``: run_gui's receiver of hand-overs while the database opened (its packages are in
    ``packages`` by now); replaced here by the HandOver."""
    from yanqun_desktop.services.info import people_exist
    from yanqun_desktop.services.setup import DEMO_STREET, initialise
    from yanqun_desktop.ui.dialogs.first_run_dialog import DISTRICT, FirstRunDialog
    from yanqun_desktop.ui.operations import run_task
    from yanqun_desktop.ui.provision_start import apply_after_sign_in, load_provision, preset_office
    from yanqun_desktop.ui.sign_in import run_and_delete, start_session

    settings = load_settings()
    keeper = WindowKeeper(db, settings, frame)  # keeps the window referenced for the life of the event loop
    hand_over = HandOver(keeper, packages)
    instance.received.disconnect(held)  # type: ignore[attr-defined]
    instance.received.connect(hand_over.receive)  # type: ignore[attr-defined]
    provision = None if demo else load_provision(frame)  # the installer's presets, first start only
    if not db.is_initialised:
        if demo:
            initialise(db, DISTRICT if demo_kind == "district" else DEMO_STREET)
        elif not preset_office(db, provision, frame):
            frame.set_opening_text(QCoreApplication.translate("App", "Choose this PC's office…"), busy=False)
            chosen = run_and_delete(FirstRunDialog(db, frame)) == QDialog.DialogCode.Accepted
            if not chosen:
                return 0
    if not demo:
        frame.set_opening_text(QCoreApplication.translate("App", "Waiting for sign-in…"), busy=False)
    actor = start_session(db, settings, demo=demo, parent=frame)
    if actor is None:  # quit at the sign-in
        return 0
    apply_after_sign_in(db, actor, provision, frame)

    def show_window(_result: object = None) -> None:
        keeper.open(actor)
        hand_over.window_shown()

    def demo_failed(error: Exception) -> None:
        QMessageBox.critical(frame, QCoreApplication.translate("App", "Demo data not generated"), str(error))
        app.exit(1)

    generate_demo = load_demo_generator(frame) if demo and not people_exist(db) else None
    if generate_demo is not None:
        org_code = db.org().code

        def work(progress):  # type: ignore[no-untyped-def]
            return generate_demo(db, actor_name=actor.name, org_code=org_code, progress=progress)

        frame.set_opening_text(QCoreApplication.translate("App", "Generating demo data"))
        run_task(frame, QCoreApplication.translate("App", "Generating demo data"), work, show_window, demo_failed)
    else:
        show_window()
    return app.exec()
