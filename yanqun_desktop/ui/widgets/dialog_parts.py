"""Small pieces the dialogs share: service refusals shown in Chinese, buttons that never take
Enter from the dialog's own default action, error labels and read-only tables."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableWidget

from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.ui.widgets.form import ERROR_STYLE

# What a service raises when it refuses: shown to the clerk, nothing was written.
REFUSALS = (ValidationErrors, ValidationError, PermissionDenied, ServiceError)


def error_text(e: Exception) -> str:
    if isinstance(e, ValidationErrors):
        return "；".join(x.message for x in e)
    if isinstance(e, ValidationError):
        return e.message
    return str(e)


def make_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)  # Enter belongs to the dialog (e.g. saving a roll-call), not a focused button
    button.clicked.connect(lambda _checked=False: slot())
    return button


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """A dialog's buttons, right-aligned."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def read_only_table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
