"""Pick one person by typing: name, pinyin initials (zs) or ID-card number.

Backed by the same SQL list as the people page (``list_ids``/``fetch_rows`` on ``PEOPLE``), so
it searches 100,000 people without loading them; only the first matches are shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.registries import PEOPLE
from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids

SHOWN = 30  # a short list: the clerk narrows the search rather than scrolls


def describe(values: dict[str, str]) -> str:
    """张三 · 男 · 46岁 · 花果山社区 — enough to tell two 张三 apart, without the ID number."""
    parts = [values.get("name", ""), values.get("gender", "")]
    if values.get("age"):
        parts.append(f"{values['age']}岁")
    parts += [values.get("community", ""), values.get("title", "")]
    return " · ".join(p for p in parts if p)


class PersonPicker(QWidget):
    DEBOUNCE_MS = 150

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._person_id: str | None = None
        self.search = QLineEdit()
        self.search.setObjectName("person_search")
        self.search.setPlaceholderText(self.tr("Name, pinyin initials or ID-card number"))
        self.results = QListWidget()
        self.results.setObjectName("person_results")
        self.results.setMaximumHeight(140)
        self.choice = QLabel()
        self.choice.setObjectName("person_choice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.choice)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results.itemActivated.connect(self._activate)
        self.results.currentItemChanged.connect(lambda item, _prev: self._pick(item))
        self.search.installEventFilter(self)
        self.setFocusProxy(self.search)
        self._show_choice()

    @property
    def person_id(self) -> str | None:
        return self._person_id

    def run_search(self) -> None:
        """Fill the list with the first matches (the timer calls this; tests may call it)."""
        self._timer.stop()
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            return
        ids = list_ids(self._db, PEOPLE, ListQuery(search=text))[:SHOWN]
        keys = [c.key for c in PEOPLE.columns]
        rows = fetch_rows(self._db, PEOPLE, ids)
        for person_id in ids:
            item = QListWidgetItem(describe(dict(zip(keys, rows.get(person_id, []), strict=False))))
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.results.addItem(item)
        if self.results.count() == 1:
            self.results.setCurrentRow(0)

    def _pick(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self._person_id = str(item.data(Qt.ItemDataRole.UserRole))
        self._show_choice(item.text())

    def _activate(self, item: QListWidgetItem) -> None:
        self._pick(item)
        self.focusNextChild()

    def _show_choice(self, label: str = "") -> None:
        self.choice.setText(self.tr("Chosen: {0}").format(label) if label else self.tr("No one chosen yet"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box goes into the list; Enter takes the highlighted person.
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.run_search()
                if self.results.count():
                    self._pick(self.results.currentItem() or self.results.item(0))
                    self.focusNextChild()
                return True  # never let Enter reach the dialog's default button from here
        return super().eventFilter(watched, event)
