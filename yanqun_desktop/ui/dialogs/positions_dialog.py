"""任职经历: a person's positions, current ones first (no end date), then the history.

A position ends by giving it an end date (编辑… → 离任日期); deleting is for an entry made in
error. The list is one person's, a handful of rows, so it is a plain table widget."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.positions import PositionView, delete_position, positions_of, save_position
from yanqun_desktop.services.records import VERSION_KEY, Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import make_button
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.record_list import RecordListActions


class PositionDialog(FormDialog):
    """Add or edit one position (职务, 任职单位, 任职日期, 离任日期)."""

    def __init__(self, ctx: AppContext, person_id: str, person_label: str, position: PositionView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit position") if position else self.tr("Add position"), parent)
        self.person_id = person_id
        self.position_id = position.id if position else None
        self.loaded_version = position.version if position else None
        self.form.addRow(QLabel(self.tr("Person")), QLabel(person_label))
        self.add_line("title", self.tr("Position"), ["职务"], required=True,
                      check=lambda t: None if t.strip() else self.required_text(),
                      placeholder=self.tr("e.g. Party secretary of the community"))
        self.add_line("organisation", self.tr("Organisation"), ["任职单位"],
                      placeholder=self.tr("e.g. Huaguoshan community Party committee"))
        self.add_date("start_date", self.tr("Start date"), "任职日期")
        self.add_date("end_date", self.tr("End date"), "离任日期")
        hint = QLabel(self.tr("Leave the end date empty while the position is held."))
        hint.setStyleSheet("color: #606060;")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        if position is not None:
            self.set_values({"title": position.title, "organisation": position.organisation,
                             "start_date": position.start_date, "end_date": position.end_date})
        if not Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self, self.tr("View position")):
            hint.setVisible(False)

    def submit(self, raw: dict[str, Any]) -> Saved:
        raw = {**raw, "person_id": self.person_id}
        if self.loaded_version:  # refused if someone changed the position since it was listed
            raw[VERSION_KEY] = self.loaded_version
        return save_position(self.ctx.db, self.ctx.actor(), raw, self.position_id)


class PositionsDialog(RecordListActions, QDialog):
    changed = Signal(object)  # Changes after any write, for the pages that show 现任职务

    COLUMNS = 5

    def __init__(self, ctx: AppContext, person_id: str, person_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person_id, self.person_label = ctx, person_id, person_label
        self.positions: list[PositionView] = []
        self.setWindowTitle(self.tr("Positions — {0}").format(person_label.split(" · ")[0]))
        person = QLabel(person_label)
        font = QFont(person.font())
        font.setBold(True)
        person.setFont(font)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("positions")
        self.table.setHorizontalHeaderLabels([self.tr("Position"), self.tr("Organisation"), self.tr("Start date"),
                                              self.tr("End date"), self.tr("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 230), (2, 100), (3, 100), (4, 70)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_position())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr("No positions recorded yet."), self.table.viewport())
        self.empty.setStyleSheet("color: #808080;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        overlay = QVBoxLayout(self.table.viewport())
        overlay.addWidget(self.empty)

        self.add_button = make_button(self.tr("Add…"), "add", self.add_position)
        self.edit_button = make_button(self.tr("Edit…"), "edit", self.edit_position)
        self.delete_button = make_button(self.tr("Delete"), "delete", self.delete_position)
        close = make_button(self.tr("Close"), "close", self.reject)
        # A role that may only read opens the list, and a position (double-click) to read.
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        self.offer.buttons(self.add_button, self.edit_button, self.delete_button)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(person)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(QSize(780, 360))
        self.reload()

    # -- the list -------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.positions = positions_of(self.ctx.db, self.person_id)
        self.table.setRowCount(len(self.positions))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, p in enumerate(self.positions):
            status = self.tr("Current") if p.current else self.tr("Former")
            for column, text in enumerate((p.title, p.organisation, p.start_date, p.end_date, status)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if p.current:
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.positions)
        self.select_record(select)

    def records(self) -> list[PositionView]:
        return self.positions

    def selected(self) -> PositionView | None:
        return super().selected()  # type: ignore[no-any-return]

    def add_position(self) -> PositionDialog:
        return self._open(PositionDialog(self.ctx, self.person_id, self.person_label, parent=self))

    def edit_position(self) -> PositionDialog | None:
        position = self.selected()
        if position is None:
            return None
        return self._open(PositionDialog(self.ctx, self.person_id, self.person_label, position, self))

    def delete_position(self) -> None:
        position = self.selected()
        if position is None or not self.confirm(self.tr("Delete the position “{0}”? To record that the person "
                                                         "left it, edit it and give an end date instead.")
                                                .format(position.title)):
            return
        try:
            saved = delete_position(self.ctx.db, self.ctx.actor(), position.id)
        except (ValidationErrors, ValidationError, PermissionDenied, ServiceError) as e:
            QMessageBox.warning(self, self.tr("Not done"), str(e))
            return
        self.reload()
        self.changed.emit(saved.changes)

    def confirm(self, text: str) -> bool:
        return QMessageBox.question(self, self.windowTitle(), text) == QMessageBox.StandardButton.Yes
