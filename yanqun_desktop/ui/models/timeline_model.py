"""A person's growth-archive timeline as a table model: 日期, 类别, 内容, 记录人 — newest first.

A long archive is a few thousand entries at most; they are held in memory and filtered by
source in Python (one list comprehension), the view draws only the rows on screen. Entries
derived from other records (attendance, topics, assessments, honours) are drawn lighter and
say where they come from: they are corrected in their own records, not here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from yanqun_desktop.services.archive import TimelineEntry

Index = QModelIndex | QPersistentModelIndex

DATE, KIND, CONTENT, BY = range(4)
TYPED = "entry"  # TimelineEntry.source of the typed (editable) entries
DERIVED_COLOUR = "#7b8794"
ENTRY_ROLE = Qt.ItemDataRole.UserRole


class TimelineModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._all: list[TimelineEntry] = []
        self._shown: list[TimelineEntry] = []
        self._source = ""
        self._headers = [self.tr("Date"), self.tr("Kind"), self.tr("Content"), self.tr("Recorded by")]
        self.derived_tip = self.tr("Generated automatically from attendance, topic, assessment or honour records; "
                                    "change it in the original record")
        self._automatic = self.tr("(automatic)")
        self._derived_brush = QBrush(QColor(DERIVED_COLOUR))

    # -- contents -------------------------------------------------------------------------
    def set_entries(self, entries: list[TimelineEntry]) -> None:
        """The archive as the service gives it (oldest first); shown newest first."""
        self.beginResetModel()
        self._all = entries[::-1]
        self._shown = self._filtered()
        self.endResetModel()

    def set_source(self, source: str) -> None:
        """Show only one source ("entry", "attendance", "topic" …); "" shows everything."""
        if source == self._source:
            return
        self.beginResetModel()
        self._source = source
        self._shown = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[TimelineEntry]:
        return [e for e in self._all if e.source == self._source] if self._source else list(self._all)

    def counts(self) -> dict[str, int]:
        """How many entries of each source (for the filter's labels)."""
        result: dict[str, int] = {}
        for e in self._all:
            result[e.source] = result.get(e.source, 0) + 1
        return result

    @property
    def total(self) -> int:
        return len(self._all)

    def entry_at(self, row: int) -> TimelineEntry | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of_entry(self, entry_id: str) -> int:
        return next((i for i, e in enumerate(self._shown) if e.entry_id == entry_id), -1)

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        e, column = self._shown[index.row()], index.column()
        typed = e.source == TYPED
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return e.date.isoformat()
            if column == KIND:
                return e.kind_label
            if column == CONTENT:
                return " ".join(e.content.split())  # one line; the tooltip and the detail show it whole
            return e.recorded_by if typed else self._automatic
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CONTENT:
                return e.content if typed else f"{e.content}\n\n{self.derived_tip}"
            return None if typed else self.derived_tip
        if role == Qt.ItemDataRole.ForegroundRole and not typed:
            return self._derived_brush
        if role == ENTRY_ROLE:
            return e
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
