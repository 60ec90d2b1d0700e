"""帮助: 关于雁群 (version, licence, fonts, data folder, database) and 使用指南 (the Chinese guide);
the 雁 icon on every window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication

from yanqun_desktop import __version__
from yanqun_desktop.config import data_dir
from yanqun_desktop.ui.dialogs.about_dialog import bundled_fonts
from yanqun_desktop.ui.dialogs.help_dialog import GUIDE, HelpDialog
from yanqun_desktop.ui.qt_app import ensure_app


def test_about_shows_the_version_licence_fonts_and_where_the_data_is(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = window.about()
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.version_label.text() == __version__ and __version__ in dialog.findChild(object, "heading").text()
    assert dialog.folder_label.text() == str(data_dir())
    assert dialog.database_label.text() == str(window.ctx.db.path)
    assert dialog.office_label.text() == "招商街道"
    assert "Apache-2.0" in dialog.licence_label.text()
    fonts = dialog.fonts_label.text()
    assert "WenQuanYi Micro Hei" in fonts and "AR PL UMing CN" in fonts and "Arphic Public License" in fonts
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(data_dir()))] and data_dir().is_dir()
    copied = dialog.copy_details()
    assert QGuiApplication.clipboard().text() == copied and str(window.ctx.db.path) in copied
    dialog.accept()


def test_every_bundled_font_is_listed_with_its_licence() -> None:
    fonts = {file: (font, licence) for file, font, licence in bundled_fonts()}
    shipped = Path(__file__).resolve().parents[2] / "yanqun_desktop" / "resources" / "fonts"
    assert set(fonts) == {p.name for p in shipped.glob("*.tt[cf]")}
    assert all(licence for _font, licence in fonts.values())


def test_the_guide_is_in_chinese_and_covers_the_clerks_questions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_guide()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, HelpDialog) and dialog.isVisible()
    assert window.show_guide() is dialog  # one guide window, brought forward again
    text = dialog.text()
    topics = ("第一次打开", "登录", "角色", "签到表", "成长档案", "导入名单", "数据包", "备份", "恢复码", "重置文件")
    for words in topics:
        assert words in text, words
    assert "##" not in text  # rendered, not shown as Markdown source
    assert GUIDE.is_file()


def test_the_help_menu_offers_the_guide_and_about(window) -> None:  # type: ignore[no-untyped-def]
    help_menu = window.menuBar().actions()[-1].menu()
    names = [a.objectName() for a in help_menu.actions()]
    assert names == ["guide_action", "about_action"]


def test_every_window_has_the_goose_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    icon = QApplication.windowIcon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert QGuiApplication.desktopFileName() == "yanqun"
