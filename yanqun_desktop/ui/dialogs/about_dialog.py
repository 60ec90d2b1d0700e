"""帮助 → 关于雁群: version, licence, the bundled fonts' licences, where the data is.

What an IT person or the district asks on the phone ("which version? where is the database?")
is here, selectable, with a button that opens the data folder and one that copies it all."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from yanqun_desktop import __version__
from yanqun_desktop.config import data_dir
from yanqun_desktop.db.engine import display_location
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.widgets.dialog_parts import make_button

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
FONTS = RESOURCES / "fonts"
ICON = RESOURCES / "icons" / "yanqun-256.png"
LICENCE = "Apache-2.0"

# One row of the table in resources/fonts/README.md: | `file` | font | version | source | licence | size |
_FONT_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|[^|]*\|[^|]*\|\s*([^|]+?)\s*\|")


def bundled_fonts(folder: Path = FONTS) -> list[tuple[str, str, str]]:
    """(file, font, licence) of every font shipped in ``folder``, as its README lists them;
    a font file the README does not list is shown with its name only."""
    listed: dict[str, tuple[str, str]] = {}
    readme = folder / "README.md"
    if readme.exists():
        for line in readme.read_text(encoding="utf-8").splitlines():
            match = _FONT_ROW.match(line)
            if match:
                font = re.sub(r"\*\*|\s*\([^)]*\)", "", match.group(2)).strip(" ,")
                licence = re.sub(r"`[^`]*`|:", "", match.group(3)).replace(" ,", ",").strip(" ,")
                listed[match.group(1)] = (font, licence)
    fonts = sorted(p.name for p in folder.glob("*.tt[cf]")) if folder.is_dir() else []
    return [(name, *listed.get(name, (name, ""))) for name in fonts]


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("About Yanqun"))
        self.setMinimumWidth(560)
        self.data_folder = data_dir()
        self.database = str(ctx.db.path) if ctx.db.path else display_location(ctx.db.engine.url.render_as_string(
            hide_password=True))

        icon = QLabel()
        icon.setPixmap(QPixmap(str(ICON)).scaled(
            72, 72, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(self.tr("<h2>Yanqun {0}</h2>").format(__version__))
        heading.setObjectName("heading")
        blurb = QLabel(self.tr("Training records of community Party secretaries for the street offices of Nanshan "
                               "District, Shenzhen: one studio, two pools, one camp."))
        blurb.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(heading)
        text.addWidget(blurb)
        top.addLayout(text, 1)

        self.version_label = self._value(__version__, "version")
        self.office_label = self._value(ctx.org.name, "office")
        self.folder_label = self._value(str(self.data_folder), "data_folder")
        self.database_label = self._value(str(self.database), "database")
        self.licence_label = self._value(self.tr("{0} (free software)").format(LICENCE), "licence")
        fonts = bundled_fonts()
        self.fonts_label = self._value(
            "\n".join(self.tr("{0}: {1}").format(font, licence) if licence else font for _file, font, licence in fonts)
            or self.tr("none"), "fonts")
        form = QFormLayout()
        form.addRow(self.tr("Version"), self.version_label)
        form.addRow(self.tr("This office"), self.office_label)
        form.addRow(self.tr("Data folder"), self.folder_label)
        form.addRow(self.tr("Database"), self.database_label)
        form.addRow(self.tr("Licence"), self.licence_label)
        form.addRow(self.tr("Bundled fonts"), self.fonts_label)

        self.open_button = make_button(self.tr("Open data folder"), "open_data_folder", self.open_data_folder)
        copy = make_button(self.tr("Copy these details"), "copy_details", self.copy_details)
        close = make_button(self.tr("Close"), "close", self.accept)
        close.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(copy)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addLayout(buttons)

    def _value(self, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def details(self) -> str:
        """The dialog's facts as plain text (for an e-mail to the district or IT)."""
        return "\n".join([
            self.tr("Yanqun {0}").format(__version__),
            self.tr("This office: {0}").format(self.office_label.text()),
            self.tr("Data folder: {0}").format(self.folder_label.text()),
            self.tr("Database: {0}").format(self.database_label.text()),
        ])

    def copy_details(self) -> str:
        text = self.details()
        QGuiApplication.clipboard().setText(text)
        return text

    def open_data_folder(self) -> bool:
        self.data_folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))
