"""A table model over one registry list that never loads every row.

The model holds only the ordered ids of the matching rows (``list_ids``: ids are cheap, 100k
of them take ~30 ms) and asks ``fetch_rows`` for the display strings of one block of ids when
the view first paints a row of that block. Blocks are kept in a small LRU cache, so memory
stays bounded however far the clerk scrolls. Sorting and searching re-run the SQL query
(ARCHITECTURE.md, "UI"): there is no proxy model over everything.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.registry import ListQuery, RegistrySpec, fetch_rows, list_ids

Index = QModelIndex | QPersistentModelIndex


class RegistryModel(QAbstractTableModel):
    BLOCK = 200  # rows fetched per query: a screenful many times over, still one fast query
    MAX_BLOCKS = 20  # cache bound: at most 4,000 display rows in memory

    def __init__(self, db: Database, spec: RegistrySpec, query: ListQuery | None = None) -> None:
        super().__init__()
        self._db = db
        self.spec = spec
        self._query = query or ListQuery(sort_key=spec.default_sort or spec.columns[0].key)
        self._ids: list[str] = []
        self._blocks: OrderedDict[int, list[list[str]]] = OrderedDict()
        self.fetches = 0  # number of fetch_rows queries, for tests and profiling
        self._keys = [c.key for c in spec.columns]
        self._loaded = False

    # -- the query ------------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, **changes: Any) -> None:
        """Change search/scope/show_retired/sort and re-run the SQL (only if something changed,
        and only once the model has listed at all: see ``refresh``)."""
        query = replace(self._query, **changes)
        if query == self._query and self._loaded:
            return
        self._query = query
        if self._loaded:  # before the first listing only remember it: the page lists when shown
            self.refresh()

    def refresh(self) -> None:
        """Re-list the ids (after a search, a sort or a write) and drop the cached rows."""
        self.beginResetModel()
        self._ids = list_ids(self._db, self.spec, self._query)
        self._blocks.clear()
        self._loaded = True
        self.endResetModel()

    # -- rows -----------------------------------------------------------------------------
    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def values_at(self, row: int) -> dict[str, str]:
        """The display strings of one row by column key (e.g. ``{"status": "退出"}``)."""
        if not 0 <= row < len(self._ids):
            return {}
        return dict(zip(self._keys, self._row(row), strict=True))

    def _row(self, row: int) -> list[str]:
        number = row // self.BLOCK
        block = self._blocks.get(number)
        if block is None:
            block = self._load_block(number)
        else:
            self._blocks.move_to_end(number)
        return block[row - number * self.BLOCK]

    def _load_block(self, number: int) -> list[list[str]]:
        ids = self._ids[number * self.BLOCK : (number + 1) * self.BLOCK]
        found = fetch_rows(self._db, self.spec, ids)
        self.fetches += 1
        empty = [""] * len(self._keys)  # a row deleted since the ids were listed
        block = [found.get(i, empty) for i in ids]
        self._blocks[number] = block
        while len(self._blocks) > self.MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    @property
    def cached_rows(self) -> int:
        return sum(len(b) for b in self._blocks.values())

    # -- QAbstractTableModel --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._row(index.row())[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.spec.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.spec.columns):
            self.set_query(sort_key=self.spec.columns[column].key,
                           descending=order == Qt.SortOrder.DescendingOrder)

    def sort_column(self) -> int:
        return self._keys.index(self._query.sort_key) if self._query.sort_key in self._keys else 0
