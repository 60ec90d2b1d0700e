"""照片: a person's photo (the growth-archive cover). JPG or PNG, at most 2 MB (``photos``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain.validation import ValidationError
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.photos import get_photo, remove_photo, set_photo
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import make_button
from yanqun_desktop.ui.widgets.form import ERROR_STYLE

PREVIEW = QSize(210, 280)  # a 3:4 ID-photo frame


class PhotoDialog(QDialog):
    changed = Signal(object)  # Changes after the photo was set or removed

    def __init__(self, ctx: AppContext, person_id: str, person_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        self.has_photo = False
        self.setWindowTitle(self.tr("Photo — {0}").format(person_label.split(" · ")[0]))
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("color: #808080;")
        person = QLabel(person_label)
        person.setWordWrap(True)
        hint = QLabel(self.tr("A JPG or PNG file of at most 2 MB, e.g. a passport-style photo."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #606060;")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.choose_button = make_button(self.tr("Choose photo…"), "choose", self.choose)
        self.remove_button = make_button(self.tr("Delete photo"), "remove", self.remove)
        close = make_button(self.tr("Close"), "close", self.reject)
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)  # a reader sees the photo only
        self.offer.buttons(self.choose_button, self.remove_button)
        self.offer.hide(hint)
        side = QVBoxLayout()
        side.addWidget(person)
        side.addWidget(hint)
        side.addWidget(self.error)
        side.addStretch(1)
        side.addWidget(self.choose_button)
        side.addWidget(self.remove_button)
        side.addWidget(close)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addLayout(side, 1)
        self.setMinimumWidth(520)
        self.reload()

    def reload(self) -> None:
        found = get_photo(self.ctx.db, self.person_id)
        pixmap = QPixmap()
        if found is not None and not pixmap.loadFromData(found[0]):
            self.preview.setText(self.tr("The stored photo cannot be shown."))
        elif found is not None:
            self.preview.setPixmap(pixmap.scaled(PREVIEW - QSize(8, 8), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No photo yet"))
        self.has_photo = found is not None
        self.remove_button.setEnabled(self.has_photo)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), "",
                                                    self.tr("Photos (*.jpg *.jpeg *.png)"))
        if path:
            self.set_from_file(path)

    def set_from_file(self, path: str | Path) -> Saved | None:
        """Store the file's bytes as the photo; a refusal (too big, not JPG/PNG) shows here."""
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            self.show_error(self.tr("The file could not be read: {0}").format(e.strerror or e))
            return None
        return self._write(lambda: set_photo(self.ctx.db, self.ctx.actor(), self.person_id, data))

    def remove(self) -> Saved | None:
        if not self.has_photo or not self.confirm(self.tr("Delete this photo?")):
            return None
        return self._write(lambda: remove_photo(self.ctx.db, self.ctx.actor(), self.person_id))

    def _write(self, action: Callable[[], Saved]) -> Saved | None:
        try:
            saved = action()
        except ValidationError as e:
            self.show_error(e.message)
            return None
        except (PermissionDenied, ServiceError) as e:
            QMessageBox.warning(self, self.tr("Not done"), str(e))
            return None
        self.show_error("")
        self.reload()
        self.changed.emit(saved.changes)
        return saved

    def confirm(self, text: str) -> bool:
        return QMessageBox.question(self, self.windowTitle(), text) == QMessageBox.StandardButton.Yes
