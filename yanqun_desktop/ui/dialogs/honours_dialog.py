"""荣誉: the honours of one person (list, add, edit, delete) and the form shared with the case
detail. The target (person_id or case_id) is fixed by whoever opens the form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QTableWidgetItem, QVBoxLayout, QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.honours import (
    HonourView,
    delete_honour,
    honour_form_values,
    honours_of_person,
    save_honour,
)
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import VERSION_KEY, Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import REFUSALS, error_text, make_button, read_only_table
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.record_list import RecordListActions


def honour_cells(h: HonourView) -> tuple[str, ...]:
    return (h.title, h.level_label, h.awarded_on.isoformat() if h.awarded_on else "", h.awarded_by or "")


class HonourFormDialog(FormDialog):
    """Add or edit one honour (荣誉名称, 级别, 获得日期, 授予单位) of a fixed target:
    ``target`` is ``{"person_id": …}`` or ``{"case_id": …}``."""

    def __init__(self, ctx: AppContext, target: dict[str, str], target_label: str, honour_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit honour") if honour_id else self.tr("Add honour"), parent)
        self.target, self.honour_id = dict(target), honour_id
        self.form.addRow(QLabel(self.tr("Awarded to")), QLabel(target_label))
        self.add_line("title", self.tr("Honour"), ["荣誉名称"], required=True,
                      check=lambda t: None if t.strip() else self.required_text(),
                      placeholder=self.tr("e.g. Outstanding community worker"))
        self.add_vocab("level", self.tr("Level"), vocab.HONOUR_LEVEL, required=True, editable=False)
        self.add_date("awarded_on", self.tr("Date awarded"), "获得日期")
        self.add_line("awarded_by", self.tr("Awarded by"), ["授予单位"])
        if honour_id is not None:
            values = honour_form_values(ctx.db, honour_id)
            self.set_values({k: values.get(k) for k in ("title", "level", "awarded_on", "awarded_by", VERSION_KEY)})
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self, self.tr("View honour"))

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_honour(self.ctx.db, self.ctx.actor(), {**raw, **self.target}, self.honour_id)


class HonoursDialog(RecordListActions, QDialog):
    """One person's honours, newest first."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext, person_id: str, person_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person_id, self.person_label = ctx, person_id, person_label
        self.honours: list[HonourView] = []
        self.setWindowTitle(self.tr("Honours — {0}").format(person_label.split(" · ")[0]))
        person = QLabel(person_label)
        font = QFont(person.font())
        font.setBold(True)
        person.setFont(font)
        self.table = read_only_table([self.tr("Honour"), self.tr("Level"), self.tr("Date awarded"),
                                      self.tr("Awarded by")])
        self.table.setObjectName("honours")
        self.table.setColumnWidth(0, 260)
        self.table.doubleClicked.connect(lambda _i: self.edit_honour())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = make_button(self.tr("Add…"), "add", self.add_honour)
        self.edit_button = make_button(self.tr("Edit…"), "edit", self.edit_honour)
        self.delete_button = make_button(self.tr("Delete"), "delete", self.delete_selected)
        # A role that may only read opens the list, and an honour (double-click) to read.
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        self.offer.buttons(self.add_button, self.edit_button, self.delete_button)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(make_button(self.tr("Close"), "close", self.accept))
        layout = QVBoxLayout(self)
        layout.addWidget(person)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(QSize(720, 340))
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self.honours = honours_of_person(self.ctx.db, self.person_id)
        self.table.setRowCount(len(self.honours))
        for row, h in enumerate(self.honours):
            for column, text in enumerate(honour_cells(h)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.select_record(select)

    def records(self) -> list[HonourView]:
        return self.honours

    def selected(self) -> HonourView | None:
        return super().selected()  # type: ignore[no-any-return]

    def add_honour(self) -> HonourFormDialog:
        return self._open(HonourFormDialog(self.ctx, {"person_id": self.person_id}, self.person_label, parent=self))

    def edit_honour(self) -> HonourFormDialog | None:
        honour = self.selected()
        if honour is None:
            return None
        return self._open(HonourFormDialog(self.ctx, {"person_id": self.person_id}, self.person_label, honour.id,
                                           self))

    def delete_selected(self) -> Saved | None:
        honour = self.selected()
        if honour is None or QMessageBox.question(
                self, self.windowTitle(), self.tr("Delete the honour “{0}”?").format(honour.title)) \
                != QMessageBox.StandardButton.Yes:
            return None
        try:
            saved = delete_honour(self.ctx.db, self.ctx.actor(), honour.id)
        except REFUSALS as e:
            QMessageBox.warning(self, self.tr("Not done"), error_text(e))
            return None
        self.reload()
        self.changed.emit(saved.changes)
        return saved
