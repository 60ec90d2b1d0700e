"""案例详情: a governance case's fields, its source topic, the people linked to it (编辑相关人员…)
and its honours (新增荣誉…)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.honours import CaseDetail, case_detail, set_case_people
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.honours_dialog import HonourFormDialog, honour_cells
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import (
    REFUSALS,
    error_label,
    error_text,
    make_button,
    read_only_table,
    show_error,
)
from yanqun_desktop.ui.widgets.person_picker import PersonPicker


class CasePeopleDialog(QDialog):
    """The whole list of people linked to a case: pick a person, give a role (free text), save."""

    saved = Signal(object)  # Saved

    def __init__(self, ctx: AppContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, detail.id
        self.setWindowTitle(self.tr("People of the case — {0}").format(detail.title))
        self.picker = PersonPicker(ctx.db)
        self.role = QLineEdit()
        self.role.setObjectName("new_role")
        self.role.setPlaceholderText(self.tr("e.g. Lead, Participant"))
        add = make_button(self.tr("Add"), "add_person", self.add_picked)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Role")))
        side.addWidget(self.role)
        side.addWidget(add)
        side.addStretch(1)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.picker, 1)
        pick_row.addLayout(side)
        self.table = read_only_table([self.tr("Name"), self.tr("Role")])
        self.table.setObjectName("case_people")
        self.table.setColumnWidth(0, 160)
        self.error = error_label("case_people_error")
        save = make_button(self.tr("Save"), "save", self.save)
        save.setDefault(True)
        remove = make_button(self.tr("Remove"), "remove_person", self.remove_selected)
        offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        offer.buttons(add, remove, save)
        offer.inputs(self.picker, self.role)
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(make_button(self.tr("Cancel"), "cancel", self.reject))
        layout = QVBoxLayout(self)
        layout.addLayout(pick_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(QSize(580, 480))
        for p in detail.people:
            self.add_person(p.person_id, p.name, p.role or "")

    def add_person(self, person_id: str, name: str, role: str) -> None:
        if any(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == person_id
               for r in range(self.table.rowCount())):
            show_error(self.error, self.tr("{0} is already in the list.").format(name))
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.table.setItem(row, 0, item)
        self.table.setItem(row, 1, QTableWidgetItem(role))
        show_error(self.error, "")

    def add_picked(self) -> None:
        person_id = self.picker.person_id
        if person_id is None:
            show_error(self.error, self.tr("Choose a person first."))
            return
        item = self.picker.results.currentItem()
        name = item.text().split(" · ")[0] if item is not None else ""
        self.add_person(person_id, name, self.role.text().strip())

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())

    def people(self) -> list[dict[str, str]]:
        return [{"person_id": self.table.item(r, 0).data(Qt.ItemDataRole.UserRole),
                 "role": self.table.item(r, 1).text()} for r in range(self.table.rowCount())]

    def save(self) -> Saved | None:
        try:
            saved = set_case_people(self.ctx.db, self.ctx.actor(), self.case_id, self.people())
        except REFUSALS as e:
            show_error(self.error, error_text(e))
            return None
        self.saved.emit(saved)
        self.accept()
        return saved


class CaseDetailDialog(QDialog):
    changed = Signal(object)  # Changes after any write

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.detail: CaseDetail = case_detail(ctx.db, case_id)
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.fields = QFormLayout()
        self.year = QLabel()
        self.place = QLabel()
        self.topic = QLabel()
        self.topic.setObjectName("source_topic")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.fields.addRow(self.tr("Year"), self.year)
        self.fields.addRow(self.tr("Street / community"), self.place)
        self.fields.addRow(self.tr("Source topic"), self.topic)
        self.fields.addRow(self.tr("Summary"), self.summary)

        self.people = read_only_table([self.tr("Name"), self.tr("Role")])
        self.people.setObjectName("people")
        self.people.setColumnWidth(0, 160)
        self.honours = read_only_table([self.tr("Honour"), self.tr("Level"), self.tr("Date awarded"),
                                        self.tr("Awarded by")])
        self.honours.setObjectName("honours")
        self.honours.setColumnWidth(0, 240)
        self.people_button = make_button(self.tr("Edit people…"), "edit_people", self.edit_people)
        self.honour_button = make_button(self.tr("Add honour…"), "add_honour", self.add_honour)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).buttons(self.people_button, self.honour_button)
        people_bar = QHBoxLayout()
        people_bar.addWidget(QLabel(self.tr("People")))
        people_bar.addStretch(1)
        people_bar.addWidget(self.people_button)
        honours_bar = QHBoxLayout()
        honours_bar.addWidget(QLabel(self.tr("Honours")))
        honours_bar.addStretch(1)
        honours_bar.addWidget(self.honour_button)
        close = QHBoxLayout()
        close.addStretch(1)
        close.addWidget(make_button(self.tr("Close"), "close", self.accept))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(self.fields)
        layout.addLayout(people_bar)
        layout.addWidget(self.people, 1)
        layout.addLayout(honours_bar)
        layout.addWidget(self.honours, 1)
        layout.addLayout(close)
        self.resize(QSize(720, 600))
        self._show()

    def reload(self) -> None:
        self.detail = case_detail(self.ctx.db, self.case_id)
        self._show()

    def _show(self) -> None:
        d = self.detail
        self.setWindowTitle(self.tr("Case — {0}").format(d.title))
        self.title_label.setText(d.title)
        self.year.setText(str(d.year) if d.year else "")
        self.place.setText(" · ".join(p for p in (d.street_name, d.community_name) if p))
        self.topic.setText(d.topic_title or self.tr("(none)"))
        self.summary.setText(d.summary or "")
        self.people.setRowCount(len(d.people))
        for row, p in enumerate(d.people):
            self.people.setItem(row, 0, QTableWidgetItem(p.name))
            self.people.setItem(row, 1, QTableWidgetItem(p.role or ""))
        self.honours.setRowCount(len(d.honours))
        for row, h in enumerate(d.honours):
            for column, text in enumerate(honour_cells(h)):
                self.honours.setItem(row, column, QTableWidgetItem(text))

    def _saved(self, saved: Saved) -> None:
        self.reload()
        self.changed.emit(saved.changes)

    def edit_people(self) -> CasePeopleDialog:
        dialog = CasePeopleDialog(self.ctx, self.detail, self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def add_honour(self) -> HonourFormDialog:
        dialog = HonourFormDialog(self.ctx, {"case_id": self.case_id}, self.detail.title, parent=self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
