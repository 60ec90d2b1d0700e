"""两委换届: record a community's new committee term (换届日期, 届次名称) and then its members
(person, 班子, 职务), each saved as it is added.

The terms already recorded for the chosen community are listed; a role that may only read sees
that list, with nothing to record or delete."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.activities import community_choices
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.positions import TermView, delete_term, save_member, save_term, terms_of_community
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
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


def vocab_combo(name: str, vocabulary: object) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for code, label in vocabulary.items():  # type: ignore[attr-defined]
        combo.addItem(label, code)
    return combo


class CommitteeTermDialog(QDialog):
    changed = Signal(object)  # Changes after each write

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.term_id: str | None = None
        self.setWindowTitle(self.tr("Committee election"))

        term_box = QGroupBox(self.tr("New term"))
        term_form = QFormLayout(term_box)
        self.community = QComboBox()
        self.community.setObjectName("community")
        for community_id, name in community_choices(ctx.db):
            self.community.addItem(name, community_id)
        self.election_date = QLineEdit()
        self.election_date.setObjectName("election_date")
        self.election_date.setPlaceholderText(self.tr("e.g. 2021-05-03"))
        self.label = QLineEdit()
        self.label.setObjectName("label")
        self.label.setPlaceholderText(self.tr("Optional; e.g. 2021 election"))
        self.term_button = make_button(self.tr("Record term"), "save_term", self.save_term)
        self.term_error = error_label("term_error")
        self.term_status = QLabel()
        self.term_status.setObjectName("term_status")
        term_form.addRow(self.tr("Community"), self.community)
        term_form.addRow(self.tr("Election date"), self.election_date)
        term_form.addRow(self.tr("Term name"), self.label)
        term_form.addRow("", self.term_button)
        term_form.addRow("", self.term_error)
        term_form.addRow("", self.term_status)

        self.member_box = QGroupBox(self.tr("Members"))
        self.picker = PersonPicker(ctx.db)
        self.body = vocab_combo("body", vocab.COMMITTEE_BODY)
        self.role = vocab_combo("role", vocab.COMMITTEE_ROLE)
        self.member_button = make_button(self.tr("Add member"), "add_member", self.add_member)
        side = QFormLayout()
        side.addRow(self.tr("Body"), self.body)
        side.addRow(self.tr("Role"), self.role)
        side.addRow("", self.member_button)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.picker, 1)
        pick_row.addLayout(side)
        self.members = read_only_table([self.tr("Name"), self.tr("Body"), self.tr("Role")])
        self.members.setObjectName("members")
        self.member_error = error_label("member_error")
        member_layout = QVBoxLayout(self.member_box)
        member_layout.addLayout(pick_row)
        member_layout.addWidget(self.members, 1)
        member_layout.addWidget(self.member_error)
        self.member_box.setEnabled(False)

        # What is already recorded for the chosen community, so a term is not entered twice.
        recorded_box = QGroupBox(self.tr("Terms already recorded"))
        self.recorded = read_only_table([self.tr("Term"), self.tr("Election date"), self.tr("Members")])
        self.recorded.setObjectName("recorded_terms")
        self.delete_term_button = make_button(self.tr("Delete term…"), "delete_term", self.delete_term)
        self.delete_term_button.setToolTip(self.tr("A term recorded by mistake is withdrawn with its members."))
        recorded_layout = QVBoxLayout(recorded_box)
        recorded_layout.addWidget(self.recorded)
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.delete_term_button)
        recorded_layout.addLayout(delete_row)
        self.recorded_terms: list[TermView] = []
        self.community.currentIndexChanged.connect(lambda _i: self.show_recorded())

        hint = QLabel(self.tr("Record the term first, then add its members one by one; each is saved at once."))
        hint.setStyleSheet("color: #606060;")
        hint.setWordWrap(True)
        close = QHBoxLayout()
        close.addStretch(1)
        close.addWidget(make_button(self.tr("Close"), "close", self.accept))
        layout = QVBoxLayout(self)
        layout.addWidget(term_box)
        layout.addWidget(recorded_box)
        layout.addWidget(hint)
        layout.addWidget(self.member_box, 1)
        layout.addLayout(close)
        self.resize(QSize(720, 760))
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        self.offer.buttons(self.term_button, self.member_button, self.delete_term_button)
        if not self.offer:  # only the community to choose, and its terms to read
            for w in (self.election_date, self.label, self.term_button, self.term_error, self.term_status):
                term_form.setRowVisible(w, False)
            term_box.setTitle("")
            self.offer.hide(hint, self.member_box)
            self.resize(QSize(720, 420))
        self.show_recorded()

    def show_recorded(self) -> None:
        community_id = self.community.currentData()
        terms = terms_of_community(self.ctx.db, community_id) if community_id else []
        self.recorded_terms = terms
        self.recorded.setRowCount(0)
        for term in terms:
            row = self.recorded.rowCount()
            self.recorded.insertRow(row)
            members = "、".join(term.members) or self.tr("(no members yet)")
            for column, text in enumerate((term.label, term.election_date, members)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.recorded.setItem(row, column, item)

    def delete_term(self, confirm: bool = True) -> Saved | None:
        rows = self.recorded.selectionModel().selectedRows()
        if not rows:
            return None
        term = self.recorded_terms[rows[0].row()]
        question = self.tr("Delete the term {0} ({1}) and its {2} members?").format(
            term.label, term.election_date, len(term.members))
        if confirm and QMessageBox.question(self, self.windowTitle(), question) != QMessageBox.StandardButton.Yes:
            return None
        try:
            saved = delete_term(self.ctx.db, self.ctx.actor(), term.id)
        except REFUSALS as e:
            QMessageBox.warning(self, self.windowTitle(), error_text(e))
            return None
        if term.id == self.term_id:  # the term being filled in here: start over
            self.term_id = None
            for w in (self.community, self.election_date, self.label, self.term_button):
                w.setEnabled(True)
            self.member_box.setEnabled(False)
            self.members.setRowCount(0)
            self.term_status.setText("")
        self.show_recorded()
        self.changed.emit(saved.changes)
        return saved

    def save_term(self) -> Saved | None:
        raw = {"community_id": self.community.currentData(), "election_date": self.election_date.text().strip(),
               "label": self.label.text().strip()}
        try:
            saved = save_term(self.ctx.db, self.ctx.actor(), raw)
        except REFUSALS as e:
            show_error(self.term_error, error_text(e))
            return None
        show_error(self.term_error, "")
        self.term_id = saved.id
        for w in (self.community, self.election_date, self.label, self.term_button):
            w.setEnabled(False)
        self.term_status.setText(self.tr("Term recorded: {0} · {1}").format(
            self.community.currentText(), self.label.text().strip() or self.election_date.text().strip()))
        self.member_box.setEnabled(True)
        self.show_recorded()
        self.changed.emit(saved.changes)
        return saved

    def add_member(self) -> Saved | None:
        if self.term_id is None:
            return None
        person_id = self.picker.person_id
        if person_id is None:
            show_error(self.member_error, self.tr("Choose a person first."))
            return None
        raw = {"term_id": self.term_id, "person_id": person_id, "body": self.body.currentData(),
               "role": self.role.currentData()}
        try:
            saved = save_member(self.ctx.db, self.ctx.actor(), raw)
        except REFUSALS as e:
            show_error(self.member_error, error_text(e))
            return None
        show_error(self.member_error, "")
        item = self.picker.results.currentItem()
        name = item.text().split(" · ")[0] if item is not None else ""
        row = self.members.rowCount()
        self.members.insertRow(row)
        for column, text in enumerate((name, self.body.currentText(), self.role.currentText())):
            self.members.setItem(row, column, QTableWidgetItem(text))
        self.show_recorded()
        self.changed.emit(saved.changes)
        return saved
