"""帮助 → 使用指南: the short Chinese guide for a clerk, shipped as resources/help/guide.md."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from yanqun_desktop.ui.widgets.dialog_parts import make_button

GUIDE = Path(__file__).resolve().parent.parent.parent / "resources" / "help" / "guide.md"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, guide: Path = GUIDE) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.resize(760, 680)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(True)
        try:
            self.browser.setMarkdown(guide.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(self.tr("The user guide is missing from this installation ({0}).").format(guide))
        self.browser.document().setDocumentMargin(16)
        close = make_button(self.tr("Close"), "close", self.accept)
        close.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)

    def text(self) -> str:
        return self.browser.toPlainText()
