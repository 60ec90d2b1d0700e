"""The rows of an import preview (行号 / 结果 / 对象 / 说明), filterable by outcome.

A preview of 10,000 rows stays a list of dataclasses; the view asks only for what it shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from yanqun_desktop.services.imports import STATUS_LABELS, RowOutcome

ROW, STATUS, LABEL, DETAIL = range(4)
COLOURS = {"invalid": QColor("#b3261e"), "new": QColor("#1b6e20"), "updated": QColor("#8a5a00")}

Index = QModelIndex | QPersistentModelIndex


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._all: list[RowOutcome] = []
        self._shown: list[RowOutcome] = []
        self._status = ""
        self.headers = [self.tr("Row"), self.tr("Result"), self.tr("Record"), self.tr("Details")]

    def set_rows(self, rows: list[RowOutcome]) -> None:
        self.beginResetModel()
        self._all = rows
        self._filter()
        self.endResetModel()

    def set_status(self, status: str) -> None:
        """Show only rows of one outcome ("" = every row)."""
        self.beginResetModel()
        self._status = status
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self._shown = [r for r in self._all if not self._status or r.status == self._status]

    def outcome_at(self, row: int) -> RowOutcome:
        return self._shown[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        outcome = self._shown[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ROW:
                return outcome.row
            if column == STATUS:
                return STATUS_LABELS.get(outcome.status, outcome.status)
            if column == LABEL:
                return outcome.label
            return self.detail(outcome)
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAIL:
            return self.detail(outcome)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and outcome.status in COLOURS:
            return QBrush(COLOURS[outcome.status])
        return None

    def detail(self, outcome: RowOutcome) -> str:
        if outcome.issues:
            return outcome.reason
        if outcome.changed_fields:
            return self.tr("Changes: {0}").format("、".join(outcome.changed_fields))
        return ""
