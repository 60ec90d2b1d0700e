"""The Qt bootstrap: application, Chinese translation and font, database, first run, window.

The CLI imports this module only when it opens the GUI (or runs ``selftest``), so the core
never loads Qt. ``build_main_window`` works without an event loop, for tests and the selftest.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from yanqun_desktop.config import Settings, load_settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.engine import display_location
from yanqun_desktop.db.migrate import SchemaError
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.info import people_exist
from yanqun_desktop.services.opening import open_database
from yanqun_desktop.services.setup import DEMO_STREET, initialise
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.first_run_dialog import DISTRICT, FirstRunDialog
from yanqun_desktop.ui.main_window import MainWindow, load_demo_generator
from yanqun_desktop.ui.operations import run_task
from yanqun_desktop.ui.provision_start import apply_after_sign_in, load_provision, preset_office
from yanqun_desktop.ui.sign_in import start_session

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
SHIPPED_FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 256)  # rendered from yanqun.svg by tools/render_icons.py
APP_QM = TRANSLATIONS / "yanqun_zh_CN.qm"

# Fonts that carry Simplified Chinese, in order of preference (Windows, macOS, Linux).
CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "Noto Sans SC", "SimSun")


def ensure_app() -> QApplication:
    """The QApplication, set up once: Fusion style, Chinese translations, a CJK font."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    if app.property("yanqun_ready"):
        return app
    app.setApplicationName("yanqun")
    app.setApplicationDisplayName("雁群")
    app.setOrganizationName("yanqun")
    app.setDesktopFileName("yanqun")  # Linux: matches yanqun.desktop (taskbar icon and grouping)
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    install_translators(app)
    ensure_cjk_font(app)
    add_shipped_fonts(app)
    app.setProperty("yanqun_ready", True)
    return app


def app_icon() -> QIcon:
    """The 雁 icon for every window, from the rendered PNGs (no SVG plug-in needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = ICONS / f"yanqun-{size}.png"
        if path.exists():
            icon.addFile(str(path))
    return icon


def install_translators(app: QApplication) -> list[QTranslator]:
    """Our zh_CN catalogue, and Qt's own (standard dialogs, context menus) when shipped."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in (APP_QM, Path(qt_dir) / "qtbase_zh_CN.qm"):
        translator = QTranslator(app)  # parented to the app, so it lives as long as the app
        if path.exists() and translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def ensure_cjk_font(app: QApplication) -> None:
    """Keep the platform font when it has Chinese glyphs; else pick an installed CJK font
    (offscreen and minimal Linux setups default to fonts without them: boxes instead of text)."""
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    if not chinese or app.font().family() in chinese:
        return
    family = next((f for f in CJK_FONTS if f in chinese), sorted(chinese)[0])
    font = QFont(app.font())
    font.setFamily(family)
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


def add_shipped_fonts(app: QApplication) -> list[str]:
    """Register the fonts shipped for printing and let the screen fall back on them too, so a
    rare character in a name (䶮, CJK Extension A) shows as itself rather than a box on a PC
    whose fonts lack it. About 10 ms: the files are read, not parsed glyph by glyph."""
    families: list[str] = []
    for path in sorted(SHIPPED_FONTS.glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if not f.endswith("Mono")]
    if families:
        font = QFont(app.font())
        font.setFamilies([*font.families(), *(f for f in families if f not in font.families())])
        app.setFont(font)
    return families


def build_main_window(db: Database, settings: Settings, actor: Actor | None = None, *,
                      list_after_show: bool = False) -> MainWindow:
    """The main window over an initialised database, acting as ``actor`` (the signed-in
    account); needs no event loop (tests, selftest). Without one: the demo administrator of a
    demo database, else the configured operator as the office's administrator (read at each
    use, so a name changed in the settings applies; ``context.default_actor``)."""
    ensure_app()
    return MainWindow(AppContext(db, settings, actor), list_after_show=list_after_show)


class WindowKeeper:
    """The app's one main window, rebuilt for another account when someone switches
    (切换账户) or this account's role changed while the window was locked."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings = db, settings
        self.window: MainWindow | None = None

    def open(self, actor: Actor) -> MainWindow:
        old = self.window
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
    try:
        return _open_and_run(app, db_path_or_url, demo=demo, demo_kind=demo_kind, keys_dir=keys_dir,
                             packages=packages, instance=instance)
    finally:
        instance.close()
        instance.deleteLater()


def _open_and_run(app: QApplication, db_path_or_url: str | Path, *, demo: bool, demo_kind: str,
                  keys_dir: Path | None, packages: list[Path], instance: QObject) -> int:
    try:
        db = open_database(db_path_or_url, keys_dir=keys_dir)  # an older schema: encrypted backup first
    except SchemaError as e:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the database"), str(e))
        return 1
    except Exception as e:  # any failure to open is reported to the clerk, not as a traceback
        message = QCoreApplication.translate("App", "The database {0} could not be opened:\n{1}")
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the database"),
                             message.format(display_location(db_path_or_url), e))
        return 1
    if db.migration.message:
        QMessageBox.information(None, QCoreApplication.translate("App", "Database upgraded"), db.migration.message)
    try:
        return _run(app, db, demo=demo, demo_kind=demo_kind, packages=packages, instance=instance)
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
            modal = QApplication.activeModalWidget()
            if modal is not None:
                modal.raise_()
                modal.activateWindow()
            return
        window.receive_packages([Path(p) for p in paths])

    def window_shown(self) -> None:
        if self.pending and self.keeper.window is not None:
            paths, self.pending = self.pending, []
            self.keeper.window.receive_packages(paths)


def _run(app: QApplication, db: Database, *, demo: bool, demo_kind: str, packages: list[Path] | None = None,
         instance: QObject | None = None) -> int:
    settings = load_settings()
    keeper = WindowKeeper(db, settings)  # keeps the window referenced for the life of the event loop
    hand_over = HandOver(keeper, packages or [])
    if instance is not None:
        instance.received.connect(hand_over.receive)  # type: ignore[attr-defined]
    provision = None if demo else load_provision()  # the installer's presets, first start only
    if not db.is_initialised:
        if demo:
            initialise(db, DISTRICT if demo_kind == "district" else DEMO_STREET)
        elif not preset_office(db, provision) and FirstRunDialog(db).exec() != QDialog.DialogCode.Accepted:
            return 0
    actor = start_session(db, settings, demo=demo)
    if actor is None:  # quit at the sign-in
        return 0
    apply_after_sign_in(db, actor, provision)

    def show_window(_result: object = None) -> None:
        keeper.open(actor)
        hand_over.window_shown()

    def demo_failed(error: Exception) -> None:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Demo data not generated"), str(error))
        app.exit(1)

    generate_demo = load_demo_generator(None) if demo and not people_exist(db) else None
    if generate_demo is not None:
        org_code = db.org().code

        def work(progress):  # type: ignore[no-untyped-def]
            return generate_demo(db, actor_name=actor.name, org_code=org_code, progress=progress)

        run_task(None, QCoreApplication.translate("App", "Generating demo data"), work, show_window, demo_failed)
    else:
        show_window()
    return app.exec()
