"""The records behind a dashboard figure: a read-only list, saved as a workbook on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.statistics.drill import RecordList
from yanqun_desktop.ui.widgets.dialog_parts import make_button

Index = QModelIndex | QPersistentModelIndex


class RecordListModel(QAbstractTableModel):
    def __init__(self, records: RecordList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = records

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.records.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return str(self.records.rows[index.row()][index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            value = self.records.rows[index.row()][index.column()]
            if isinstance(value, int | float):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.records.columns[section]
        return None


class RecordsDialog(QDialog):
    def __init__(self, records: RecordList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self.setWindowTitle(records.title)
        self.resize(860, 560)
        self.table = QTableView()
        self.table.setObjectName("records")
        self.table.setModel(RecordListModel(records, self))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        if len(records.rows) <= 2000:  # measuring every row of 100,000 would freeze the dialog
            self.table.resizeColumnsToContents()
        heading = QLabel(records.title)
        heading.setWordWrap(True)
        note = QLabel(self.tr("ID numbers and phone numbers are not shown."))
        save = make_button(self.tr("Save as workbook…"), "save_records", self.save)
        close = make_button(self.tr("Close"), "close", self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(note, 1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def save(self) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the list"),
                                                str(Path.home() / f"{self.records.key}.xlsx"),
                                                self.tr("Workbook (*.xlsx)"))
        return self.save_to(Path(target)) if target else None

    def save_to(self, path: Path) -> Path | None:
        from yanqun_desktop.reports.record_list_workbook import write_record_list

        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            return write_record_list(self.records, path)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Save the list"),
                                self.tr("{0} could not be written: {1}").format(path, e.strerror or e))
            return None
