"""First run: which office this database belongs to (one install = one street, or the district)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.setup import initialise

# The 8 street offices and their fixed codes (shared/CLI.md, "Identifiers"). A constant, not a
# query: the UI runs no SQL, and no service lists streets yet.
STREETS: tuple[tuple[str, str], ...] = (
    ("nantou", "南头街道"), ("nanshan", "南山街道"), ("shahe", "沙河街道"), ("shekou", "蛇口街道"),
    ("zhaoshang", "招商街道"), ("yuehai", "粤海街道"), ("taoyuan", "桃源街道"), ("xili", "西丽街道"),
)
DISTRICT = "nanshan-district"


class FirstRunDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Welcome to Yanqun"))
        self.setMinimumWidth(420)
        intro = QLabel(self.tr("Which office does this computer work for? This is set once: the records "
                               "entered here belong to that office."))
        intro.setWordWrap(True)
        self.office = QComboBox()
        self.office.setObjectName("office")
        for code, name in STREETS:
            self.office.addItem(name, code)
        self.office.addItem(self.tr("Nanshan District (district level)"), DISTRICT)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.office)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            initialise(self.db, str(self.office.currentData()))
        except ServiceError as e:
            QMessageBox.warning(self, self.windowTitle(), str(e))
            return
        self.accept()
