"""What the small per-person list dialogs (任职经历, 荣誉) share: the selected record, the
edit/delete buttons following the selection, and opening a form that reloads the list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QTableWidget

from yanqun_desktop.services.records import Saved


class RecordListActions:
    """Mix into a QDialog (before it) that has ``table``, ``edit_button``, ``delete_button``, a
    ``changed`` signal, ``reload(select=...)`` and ``records()``: the list shown, row for row."""

    table: QTableWidget
    edit_button: QPushButton
    delete_button: QPushButton
    changed: Any

    def records(self) -> Sequence[Any]:  # pragma: no cover - every dialog overrides
        raise NotImplementedError

    def reload(self, select: str | None = None) -> None:  # pragma: no cover - every dialog overrides
        raise NotImplementedError

    def select_record(self, record_id: str | None) -> None:
        if record_id is not None:
            row = next((i for i, r in enumerate(self.records()) if r.id == record_id), -1)
            if row >= 0:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.records()[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.saved.connect(self._saved)  # type: ignore[attr-defined]
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, saved: Saved) -> None:
        self.reload(select=saved.id)
        self.changed.emit(saved.changes)
