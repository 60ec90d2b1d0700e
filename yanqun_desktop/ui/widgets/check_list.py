"""A checkable list of records by id (a session's cohorts, its tutors), with an optional search.

The search narrows what is shown, never what is checked: a tutor ticked and then filtered out
of view stays ticked. ``matches(text)`` returns the ids that match (the caller's SQL search,
so pinyin initials work as on the pages) or None to show everything."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

Matcher = Callable[[str], "set[str] | None"]


class CheckList(QWidget):
    DEBOUNCE_MS = 150

    def __init__(self, items: Sequence[tuple[str, str]], *, matches: Matcher | None = None,
                 placeholder: str = "", rows: int = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches = matches
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.summary = QLabel()
        self.summary.setStyleSheet("color: #606060;")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.search: QLineEdit | None = None
        if matches is not None:
            self.search = QLineEdit()
            self.search.setPlaceholderText(placeholder)
            self.search.setClearButtonEnabled(True)
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(self.DEBOUNCE_MS)
            self._timer.timeout.connect(self.apply_search)
            self.search.textChanged.connect(lambda _t: self._timer.start())
            layout.addWidget(self.search)
            self.setFocusProxy(self.search)
        else:
            self.setFocusProxy(self.list)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        for record_id, label in items:
            self.add_item(record_id, label)
        row_height = self.list.sizeHintForRow(0) if items else self.list.fontMetrics().height() + 4
        self.list.setFixedHeight(row_height * rows + 2 * self.list.frameWidth() + 2)
        self.list.itemChanged.connect(lambda _item: self._update_summary())
        self._update_summary()

    def add_item(self, record_id: str, label: str) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.list.addItem(item)
        return item

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def item_of(self, record_id: str) -> QListWidgetItem | None:
        return next((i for i in self.items() if i.data(Qt.ItemDataRole.UserRole) == record_id), None)

    def checked_ids(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.items()
                if i.checkState() == Qt.CheckState.Checked]

    def set_checked(self, record_ids: Sequence[str]) -> None:
        wanted = set(record_ids)
        for item in self.items():
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def apply_search(self) -> None:
        if self.search is None or self._matches is None:
            return
        self._timer.stop()
        text = self.search.text().strip()
        found = self._matches(text) if text else None
        for item in self.items():
            item.setHidden(found is not None and item.data(Qt.ItemDataRole.UserRole) not in found)

    def visible_labels(self) -> list[str]:
        return [i.text() for i in self.items() if not i.isHidden()]

    def _update_summary(self) -> None:
        # Names only in the summary ("陈教授 · 深圳大学" → 陈教授): it sums up, the list details.
        checked = [i.text().split(" · ")[0] for i in self.items() if i.checkState() == Qt.CheckState.Checked]
        if not self.items():
            self.summary.setText(self.tr("None available yet"))
        elif checked:
            self.summary.setText(self.tr("Chosen ({0}): {1}").format(len(checked), "、".join(checked)))
        else:
            self.summary.setText(self.tr("None chosen"))
        self.summary.setToolTip(self.summary.text())
