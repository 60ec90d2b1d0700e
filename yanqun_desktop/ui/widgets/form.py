"""The base of every form dialog: fields with live validation, Enter moves on, one save.

Each field is checked as the clerk types (once an error shows, it clears the moment the value
is fixed) and when they leave it, with the same domain functions the services use, so the
Chinese message next to the field is the one the service would give. On save the form calls
its service once; the service's ``ValidationErrors`` are put next to the matching fields (by
the error's Chinese ``field`` label), refusals go to a message box, and nothing is written
unless the service succeeds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain.validation import ValidationError, ValidationErrors, parse_date
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.records import VERSION_KEY, Saved
from yanqun_desktop.ui.context import AppContext

Check = Callable[[str], "str | None"]  # the Chinese message for a bad value, None when fine

ERROR_STYLE = "color: #c0392b;"


def domain_check(fn: Callable[[str], object], *, required: bool = False, empty_message: str = "") -> Check:
    """Turn a domain validator that raises ``ValidationError`` into a ``Check``; blank values
    pass unless the field is required (the service reports a missing required value too)."""

    def check(text: str) -> str | None:
        if not text.strip():
            return empty_message if required else None
        try:
            fn(text)
        except ValidationError as e:
            return e.message
        return None

    return check


def date_check(label: str, *, required: bool = False, empty_message: str = "") -> Check:
    return domain_check(lambda t: parse_date(t, label), required=required, empty_message=empty_message)


@dataclass
class FormField:
    key: str
    widget: QWidget
    error: QLabel
    service_labels: tuple[str, ...]  # the Chinese ``ValidationError.field`` labels for this field
    get: Callable[[], Any]
    set: Callable[[str], None]
    check: Check | None = None
    text: Callable[[], str] = lambda: ""
    key_widgets: list[QWidget] = field(default_factory=list)  # where Enter moves on

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class FormDialog(QDialog):
    saved = Signal(object)  # Saved, emitted once the service has succeeded
    side_changes = Signal(object)  # Changes written by a helper dialog (e.g. a new cohort)

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.fields: dict[str, FormField] = {}
        self.result_saved: Saved | None = None
        # The version of the record the form was filled from (``VERSION_KEY`` in the loaded
        # values), sent back on save so that a change made meanwhile is not overwritten.
        self.loaded_version: Any = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.setVisible(False)
        self.save_button = QPushButton(self.tr("Save"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer = QVBoxLayout(self)
        outer.addLayout(self.form)
        outer.addWidget(self.general_error)
        outer.addLayout(buttons)

    # -- building fields ------------------------------------------------------------------
    def _add(self, key: str, label: str, widget: QWidget, f: FormField, *, required: bool) -> FormField:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(f.error)
        caption = QLabel(f"{label} *" if required else label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        for w in f.key_widgets:
            w.installEventFilter(self)
        self.fields[key] = f
        return f

    def _error_label(self, key: str) -> QLabel:
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        return error

    def add_line(self, key: str, label: str, service_labels: Sequence[str], *, check: Check | None = None,
                 placeholder: str = "", required: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(key)
        edit.setPlaceholderText(placeholder)
        f = FormField(key, edit, self._error_label(key), tuple(service_labels),
                      get=lambda: edit.text().strip(), set=edit.setText, check=check, text=edit.text,
                      key_widgets=[edit])
        self._add(key, label, edit, f, required=required)
        edit.textChanged.connect(lambda _t: self._recheck_if_shown(f))
        edit.editingFinished.connect(lambda: self.check_field(key))
        return edit

    def add_date(self, key: str, label: str, service_label: str, *, required: bool = False) -> QLineEdit:
        return self.add_line(key, label, [service_label], required=required,
                             check=date_check(service_label, required=required, empty_message=self.required_text()),
                             placeholder=self.tr("e.g. 2021-05-03"))

    def add_combo(self, key: str, label: str, service_labels: Sequence[str], items: Sequence[str], *,
                  editable: bool = True, check: Check | None = None, required: bool = False,
                  blank: bool = True) -> QComboBox:
        """A combo of texts; editable so short forms (本科, 党员) can be typed and the
        service normalises them. ``blank`` puts an empty first item for "not given"."""
        combo = QComboBox()
        combo.setObjectName(key)
        combo.setEditable(editable)
        combo.addItems(([""] if blank else []) + list(items))
        keys: list[QWidget] = [combo]
        if editable:
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = combo.lineEdit()
            keys.append(line)
            line.editingFinished.connect(lambda: self.check_field(key))
        f = FormField(key, combo, self._error_label(key), tuple(service_labels),
                      get=lambda: combo.currentText().strip(), set=combo.setCurrentText, check=check,
                      text=combo.currentText, key_widgets=keys)
        self._add(key, label, combo, f, required=required)
        combo.currentTextChanged.connect(lambda _t: self._recheck_if_shown(f))
        if not editable:
            combo.currentIndexChanged.connect(lambda _i: self.check_field(key))
        return combo

    def add_vocab(self, key: str, label: str, vocabulary: Any, *, required: bool = False,
                  editable: bool = True) -> QComboBox:
        """A combo over a domain vocabulary (plain ``Vocabulary`` or ``CodedVocabulary``):
        the Chinese labels are listed, the service accepts labels, codes and aliases."""
        labels = vocabulary.labels if hasattr(vocabulary, "labels") else vocabulary.values
        validate = vocabulary.code_from_text if hasattr(vocabulary, "code_from_text") else vocabulary.normalize
        return self.add_combo(key, label, [vocabulary.field], labels, editable=editable, required=required,
                              blank=not required,
                              check=domain_check(validate, required=required, empty_message=self.required_text()))

    def add_text(self, key: str, label: str, service_labels: Sequence[str], *, lines: int = 3,
                 required: bool = False) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(key)
        edit.setTabChangesFocus(True)  # Tab leaves the box; Enter is a new line in prose
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        f = FormField(key, edit, self._error_label(key), tuple(service_labels),
                      get=lambda: edit.toPlainText().strip(), set=edit.setPlainText, text=edit.toPlainText)
        self._add(key, label, edit, f, required=required)
        return edit

    def add_custom(self, key: str, label: str, widget: QWidget, service_labels: Sequence[str], *,
                   get: Callable[[], Any], set_: Callable[[str], None] | None = None,
                   required: bool = False, key_widgets: Sequence[QWidget] = ()) -> FormField:
        f = FormField(key, widget, self._error_label(key), tuple(service_labels), get=get,
                      set=set_ or (lambda _v: None), key_widgets=list(key_widgets))
        return self._add(key, label, widget, f, required=required)

    def required_text(self) -> str:
        return self.tr("This field is required")

    # -- checking -------------------------------------------------------------------------
    def check_field(self, key: str) -> bool:
        f = self.fields[key]
        if f.check is None:
            return True
        message = f.check(f.text())
        f.show_error(message)
        return message is None

    def _recheck_if_shown(self, f: FormField) -> None:
        # Live while typing, but only once an error shows: a half-typed number is not an error yet.
        if f.error.isVisible():
            self.check_field(f.key)

    def error_text(self, key: str) -> str:
        f = self.fields[key]
        return f.error.text() if f.error.isVisible() else ""

    def clear_errors(self) -> None:
        for f in self.fields.values():
            f.show_error(None)
        self.general_error.setVisible(False)

    def show_errors(self, errors: ValidationErrors) -> None:
        """Put each service error next to its field; the rest go under the form."""
        by_label = {label: f for f in self.fields.values() for label in f.service_labels}
        unmatched: list[str] = []
        shown: dict[str, list[str]] = {}
        for e in errors:
            target = by_label.get(e.field)
            if target is None:
                unmatched.append(e.message)
            else:
                shown.setdefault(target.key, []).append(e.message)
        for key, messages in shown.items():
            self.fields[key].show_error("；".join(messages))
        self.general_error.setText("；".join(unmatched))
        self.general_error.setVisible(bool(unmatched))
        if shown:
            self.fields[next(iter(shown))].widget.setFocus()

    # -- values and saving ----------------------------------------------------------------
    def set_values(self, values: dict[str, Any]) -> None:
        if VERSION_KEY in values:
            self.loaded_version = values[VERSION_KEY]
        for key, value in values.items():
            if key in self.fields:
                self.fields[key].set("" if value is None else str(value))

    def collect(self) -> dict[str, Any]:
        raw = {key: f.get() for key, f in self.fields.items()}
        if self.loaded_version is not None:
            raw[VERSION_KEY] = self.loaded_version
        return raw

    def submit(self, raw: dict[str, Any]) -> Saved:  # pragma: no cover - every form overrides
        raise NotImplementedError

    def save(self) -> None:
        self.clear_errors()
        bad = [key for key in self.fields if not self.check_field(key)]
        if bad:
            self.fields[bad[0]].widget.setFocus()
            return
        try:
            saved = self.submit(self.collect())
        except ValidationErrors as e:
            self.show_errors(e)
            return
        except ValidationError as e:
            self.show_errors(ValidationErrors([e]))
            return
        except (PermissionDenied, ServiceError) as e:
            QMessageBox.warning(self, self.tr("Not saved"), str(e))
            return
        self.result_saved = saved
        self.saved.emit(saved)
        self.accept()

    # -- Enter moves to the next field ----------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                key = next((f.key for f in self.fields.values() if watched in f.key_widgets), None)
                if key is not None:
                    self.check_field(key)
                self.focusNextChild()
                return True
        return super().eventFilter(watched, event)
