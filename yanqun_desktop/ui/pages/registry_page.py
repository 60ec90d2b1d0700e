"""The generic registry page: title, search, scope filter, table, and the area's buttons.

Area pages (one file each) subclass this and add their buttons and dialogs. Every write goes
through a dialog or an action that returns a ``Saved``; the page re-emits its ``Changes`` so the
main window can refresh exactly the pages whose tables were touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, allows
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.registry import RegistrySpec
from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.models.registry_model import RegistryModel
from yanqun_desktop.ui.pages.page_parts import LazyRefresh, page_heading
from yanqun_desktop.ui.widgets.form import FormDialog

# What a page's buttons need, by object name, unless a page says otherwise (``add_button``'s
# ``permission``). Buttons that only open a record to read need nothing beyond viewing.
BUTTON_PERMISSIONS: dict[str, Permission] = {
    **dict.fromkeys(
        ("add", "edit", "delete", "retire", "reinstate", "withdraw", "enrol", "transfer", "committee",
         "recommend", "accept", "roll_call"),
        Permission.EDIT_RECORDS,
    ),
    "signin_sheet": Permission.EXPORT_RECORDS,
}
_BY_NAME = object()  # add_button's default: look the name up in BUTTON_PERMISSIONS


@dataclass
class PageButton:
    button: QPushButton
    allowed: bool  # may this install do it at all (district/street ownership)
    needs_selection: bool
    when: Callable[[dict[str, str]], bool] | None  # further condition on the selected row


class RegistryPage(QWidget, LazyRefresh):
    changed = Signal(object)  # Changes, after any successful write from this page
    DEBOUNCE_MS = 150
    TABLES: frozenset[str] = frozenset()  # the tables this page shows; refreshed when touched
    NEWEST_FIRST = False  # dated records (sessions, topics, cases) open with the latest on top

    def __init__(self, ctx: AppContext, spec: RegistrySpec, search_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.model = RegistryModel(ctx.db, spec)
        self._fitted = False
        self._buttons: list[PageButton] = []
        self._stale = True  # nothing listed until the page is first shown (start-up stays fast)

        title = page_heading(spec.title)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.setMinimumContentsLength(10)
        self._fill_scopes()
        self.scope.currentIndexChanged.connect(lambda _i: self.model.set_query(scope=self.scope.currentData() or ""))

        # The district holds all 8 streets: every page with streets can look at one of them.
        self.street = QComboBox()
        self.street.setObjectName("street")
        if ctx.org.is_district and spec.street_id is not None:
            from yanqun_desktop.services.programmes import street_choices

            self.street.addItem(self.tr("All streets"), "")
            for street_id, name in street_choices(ctx.db):
                self.street.addItem(name, street_id)
            self.street.currentIndexChanged.connect(
                lambda _i: self.model.set_query(street_id=self.street.currentData() or "")
            )
        else:
            self.street.setVisible(False)

        self.show_retired = QCheckBox(self.tr("Show retired"))
        self.show_retired.setObjectName("show_retired")
        self.show_retired.setVisible(spec.retired is not None)
        self.show_retired.toggled.connect(lambda on: self.model.set_query(show_retired=on))

        self.count_label = QLabel()
        self.count_label.setObjectName("count")

        filters = QHBoxLayout()
        filters.addWidget(title)
        filters.addSpacing(16)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.street)
        filters.addWidget(self.scope, 1)
        filters.addWidget(self.show_retired)
        filters.addStretch(0)
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view then never measures 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # Column size hints measure only the rows on screen (Qt's default reads 1,000 per column).
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        order = Qt.SortOrder.DescendingOrder if self.NEWEST_FIRST else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self.model.sort_column(), order)
        self.table.setSortingEnabled(True)  # calls model.sort(): the first SQL query
        self._size_columns()
        self.table.doubleClicked.connect(lambda _i: self.on_double_click())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.model.modelReset.connect(self._after_reset)

        # Shown over an empty table, so an empty page says why instead of looking broken.
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #808080;")
        overlay = QVBoxLayout(self.table.viewport())
        overlay.addWidget(self.empty_label)
        self.empty_hint = self.tr("No records yet.")

        self.button_bar = QHBoxLayout()
        self.button_bar.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_bar)
        self._after_reset()

    # -- layout helpers -------------------------------------------------------------------
    def _size_columns(self) -> None:
        metrics = self.table.horizontalHeader().fontMetrics()
        for i, col in enumerate(self.spec.columns):
            # Never narrower than the header text plus the sort arrow: headers stay readable.
            self.table.setColumnWidth(i, max(col.width, metrics.horizontalAdvance(col.header) + 30))

    def _fit_columns_once(self) -> None:
        """Widen truncated columns to the rows on screen, the first time there are rows, but
        only into the spare width (never pushing columns off screen) and at most to twice the
        spec's width. Qt measures only the visible rows, so this stays cheap at 100,000 rows."""
        if self._fitted or self.model.rowCount() == 0:
            return
        self._fitted = True
        header = self.table.horizontalHeader()
        last = len(self.spec.columns) - 1
        # The stretched last column gives its width back first: measure without it.
        spare = self.table.viewport().width() - (header.length() - header.sectionSize(last))
        spare -= max(self.spec.columns[last].width, 80)
        if not self.table.verticalScrollBar().isVisible():  # it may appear once laid out
            spare -= self.table.verticalScrollBar().sizeHint().width()
        for i, col in enumerate(self.spec.columns[:last]):
            grow = min(self.table.sizeHintForColumn(i), col.width * 2) - self.table.columnWidth(i)
            grow = min(grow, spare)
            if grow > 0:
                self.table.setColumnWidth(i, self.table.columnWidth(i) + grow)
                spare -= grow

    def _fill_scopes(self) -> None:
        current = self.scope.currentData() or ""
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("All"), "")
        with self.ctx.db.session() as session:
            for scope in self.spec.scopes(session, self.ctx.org):
                self.scope.addItem(scope.label, scope.key)
        index = self.scope.findData(current)
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)
        self.scope.setVisible(self.scope.count() > 1)

    def add_button(
        self,
        text: str,
        slot: Callable[[], object],
        *,
        name: str,
        needs_selection: bool = False,
        allowed: bool = True,
        denied_tip: str = "",
        when: Callable[[dict[str, str]], bool] | None = None,
        permission: Permission | object | None = _BY_NAME,
    ) -> QPushButton:
        """A button in the bar; ``allowed=False`` keeps it disabled with ``denied_tip`` saying why.
        A role without ``permission`` (by default ``BUTTON_PERMISSIONS[name]``, if any) is not
        offered the button at all: it is hidden and stays disabled."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        needed = BUTTON_PERMISSIONS.get(name) if permission is _BY_NAME else permission
        if isinstance(needed, Permission) and not allows(self.ctx.actor(), needed):
            allowed = False
            button.setVisible(False)
        if not allowed:
            button.setToolTip(denied_tip)
        self.button_bar.insertWidget(self.button_bar.count() - 1, button)
        self._buttons.append(PageButton(button, allowed, needs_selection, when))
        self.update_buttons()
        return button

    def update_buttons(self) -> None:
        values = self.selected_values()
        for b in self._buttons:
            enabled = b.allowed and (not b.needs_selection or bool(values))
            if enabled and b.when is not None:
                enabled = bool(values) and b.when(values)
            b.button.setEnabled(enabled)

    # -- queries --------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(search=self.search.text().strip())

    def refresh(self) -> None:
        """Re-run the list (keeping search, scope, sort and the selected record)."""
        self._stale = False
        keep = self.selected_id()
        self._fill_scopes()
        self.model.refresh()
        if keep is not None:
            self.select_id(keep)

    def page_title(self) -> str:
        return self.spec.title

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            # Queued: the page (or the whole window, at start-up) paints first, then lists.
            QTimer.singleShot(0, self, self.load_if_stale)
        super().showEvent(event)
        # Queued: the view has its real size only once the show has been laid out.
        QTimer.singleShot(0, self, self._fit_columns_once)  # context: dropped if the page goes first

    def _after_reset(self) -> None:
        rows = self.model.rowCount()
        self.count_label.setText(self.tr("{0} records").format(rows))
        filtered = bool(self.model.query.search or self.model.query.scope or self.model.query.street_id)
        self.empty_label.setText(self.tr("No records match the search.") if filtered else self.empty_hint)
        self.empty_label.setVisible(rows == 0)
        if self.isVisible():
            self._fit_columns_once()
        self.update_buttons()

    # -- selection ------------------------------------------------------------------------
    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_id(self) -> str | None:
        return self.model.id_at(self.selected_row())

    def selected_values(self) -> dict[str, str]:
        return self.model.values_at(self.selected_row())

    def select_id(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # -- writes ---------------------------------------------------------------------------
    def offered(self, name: str) -> bool:
        """Is the button ``name`` in the bar for this role (present and not hidden)?"""
        return any(b.button.objectName() == name and not b.button.isHidden() for b in self._buttons)

    def on_double_click(self) -> None:
        """Double-click edits, where the area has an enabled edit button (else opens the
        record to read, where the page has a view button)."""
        for name in ("edit", "view"):
            button = next((b for b in self._buttons if b.button.objectName() == name), None)
            if button is not None and button.button.isEnabled():
                button.button.click()
                return

    def open_dialog(self, dialog: FormDialog) -> FormDialog:
        """Show a form (window-modal, non-blocking) and refresh after it saves."""
        dialog.saved.connect(self.after_save)
        dialog.side_changes.connect(self.changed.emit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def after_save(self, saved: Saved) -> None:
        self.changed.emit(saved.changes)
        self.select_id(saved.id)

    def load_form(self, loader: Callable[[Any, str], dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
        """The selected record's id and editable values (``programmes.tutor_form_values`` …);
        a record deleted meanwhile (an import, another window) is said in a message box."""
        record_id = self.selected_id()
        if record_id is None:
            return None
        try:
            return record_id, loader(self.ctx.db, record_id)
        except ServiceError as e:
            QMessageBox.warning(self, self.spec.title, str(e))
            self.refresh()
            return None

    def run_action(self, action: Callable[[], Saved]) -> Saved | None:
        """Run a one-click write (retire, withdraw, delete); refusals go to a message box."""
        try:
            saved = action()
        except (ValidationErrors, ValidationError, PermissionDenied, ServiceError) as e:
            QMessageBox.warning(self, self.tr("Not done"), str(e))
            return None
        self.after_save(saved)
        return saved

    def add_delete_button(
        self,
        text: str,
        action: Callable[[str], Saved],
        *,
        allowed: bool = True,
        denied_tip: str = "",
        label_key: str = "title",
    ) -> QPushButton:
        """A button that tombstones the selected record after a confirmation."""

        def delete() -> None:
            record_id, values = self.selected_id(), self.selected_values()
            if record_id and self.confirm(self.tr("Delete “{0}”?").format(values.get(label_key, ""))):
                self.run_action(lambda: action(record_id))

        return self.add_button(
            text, delete, name="delete", needs_selection=True, allowed=allowed, denied_tip=denied_tip
        )

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.spec.title, text)
        return answer == QMessageBox.StandardButton.Yes

    def refresh_if_touched(self, changes: Changes) -> bool:
        if changes.touches(*self.TABLES):
            self.mark_stale()
            return True
        return False
