"""The QApplication, set up once: Fusion style, the Chinese translations, a CJK font, the icon.

Qt and the standard library only: start-up calls this before anything loads SQLAlchemy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

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
    if os.environ.get("YANQUN_BENCH_STARTUP") == "1":  # the start-up benchmarks' milestones
        from yanqun_desktop.ui.startup_probe import install_probe

        install_probe(app)
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
