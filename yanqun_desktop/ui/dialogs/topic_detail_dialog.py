"""课题详情: one topic's team (课题组), six-step progress with documents, and outcome.

Everything here is written by the street working on the topic (topics service); the district
reads it, and so does a role that may not edit records (nothing to type into, no write
buttons). Each write calls its service once and reloads the detail; refusals and validation
messages (Chinese, from the service) are shown in the dialog and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.topics import (
    DocumentView,
    MemberView,
    StepView,
    TopicDetail,
    attach_document,
    document_bytes,
    outcome_editable,
    record_step,
    remove_document,
    save_outcome,
    save_team,
    topic_detail,
)
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import (
    REFUSALS,
    error_label,
    error_text,
    human_size,
    make_button,
    read_only_table,
    show_error,
)
from yanqun_desktop.ui.widgets.person_picker import PersonPicker


class TeamDialog(QDialog):
    """The whole team at once: pick people, give each a role (one 组长), save."""

    saved = Signal(object)  # Saved

    def __init__(self, ctx: AppContext, topic: TopicDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.topic_id = ctx, topic.id
        self.setWindowTitle(self.tr("Topic team — {0}").format(topic.title))
        self.picker = PersonPicker(ctx.db)
        self.role = QComboBox()
        self.role.setObjectName("new_role")
        for code, label in vocab.TOPIC_ROLE.items():
            self.role.addItem(label, code)
        self.role.setCurrentIndex(1)
        add = make_button(self.tr("Add to team"), "add_member", self.add_picked)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.picker, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Role")))
        side.addWidget(self.role)
        side.addWidget(add)
        side.addStretch(1)
        pick_row.addLayout(side)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("team")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Current position")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 120)
        self.table.setColumnWidth(1, 150)
        remove = make_button(self.tr("Remove from team"), "remove_member", self.remove_selected)
        hint = QLabel(self.tr("The team has exactly one leader, who must be a serving community Party secretary."))
        hint.setStyleSheet("color: #606060;")
        hint.setWordWrap(True)
        self.error = error_label("team_error")
        save = make_button(self.tr("Save"), "save", self.save)
        save.setDefault(True)
        cancel = make_button(self.tr("Cancel"), "cancel", self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(pick_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(QSize(620, 520))
        for m in topic.members:
            self.add_member(m.person_id, m.name, m.role, m.title)
        offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        offer.buttons(add, remove, save)
        offer.inputs(self.picker, self.role, self.table)

    def add_member(self, person_id: str, name: str, role: str, title: str = "") -> None:
        if any(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == person_id for r in range(self.table.rowCount())):
            show_error(self.error, self.tr("{0} is already on the team.").format(name))
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.table.setItem(row, 0, item)
        combo = QComboBox()
        for code, label in vocab.TOPIC_ROLE.items():
            combo.addItem(label, code)
        combo.setCurrentIndex(max(combo.findData(role), 0))
        self.table.setCellWidget(row, 1, combo)
        self.table.setItem(row, 2, QTableWidgetItem(title))
        show_error(self.error, "")

    def add_picked(self) -> None:
        person_id = self.picker.person_id
        if person_id is None:
            show_error(self.error, self.tr("Choose a person first."))
            return
        item = self.picker.results.currentItem()
        name = item.text().split(" · ")[0] if item is not None else ""
        self.add_member(person_id, name, str(self.role.currentData()))

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())

    def members(self) -> list[dict[str, str]]:
        out = []
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            out.append({"person_id": self.table.item(r, 0).data(Qt.ItemDataRole.UserRole),
                        "role": str(combo.currentData())})
        return out

    def save(self) -> Saved | None:
        try:
            saved = save_team(self.ctx.db, self.ctx.actor(), self.topic_id, self.members())
        except REFUSALS as e:
            show_error(self.error, error_text(e))
            return None
        self.saved.emit(saved)
        self.accept()
        return saved


class TopicDetailDialog(QDialog):
    changed = Signal(object)  # Changes after any write

    def __init__(self, ctx: AppContext, topic_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.topic_id = ctx, topic_id
        self.detail: TopicDetail = topic_detail(ctx.db, topic_id)
        street = not ctx.org.is_district
        self.district_tip = self.tr("Topic teams and progress are kept by the street; the district can only view them.")

        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.info_label = QLabel()
        self.info_label.setObjectName("topic_info")
        self.info_label.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._team_tab(street), self.tr("Team"))
        self.tabs.addTab(self._steps_tab(street), self.tr("Six steps"))
        self.tabs.addTab(self._outcome_tab(), self.tr("Outcome"))

        close = make_button(self.tr("Close"), "close", self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.info_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(QSize(860, 600))
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        self.offer.buttons(self.edit_team_button, self.save_step_button, self.attach_button, self.remove_doc_button,
                           self.save_outcome_button)
        self.offer.inputs(self.started, self.completed, self.note, self.outcome)
        self.reload()
        self.steps.selectRow(min(self.detail.stage, 5))

    # -- building -------------------------------------------------------------------------
    def _team_tab(self, street: bool) -> QWidget:
        tab = QWidget()
        self.team = read_only_table([self.tr("Name"), self.tr("Role"), self.tr("Current position"),
                                     self.tr("Joined on")])
        self.team.setObjectName("members")
        for column, width in ((0, 120), (1, 130), (2, 300)):
            self.team.setColumnWidth(column, width)
        self.edit_team_button = make_button(self.tr("Edit team…"), "edit_team", self.edit_team)
        self.edit_team_button.setEnabled(street)
        if not street:
            self.edit_team_button.setToolTip(self.district_tip)
        row = QHBoxLayout()
        row.addWidget(self.edit_team_button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.team, 1)
        layout.addLayout(row)
        return tab

    def _steps_tab(self, street: bool) -> QWidget:
        tab = QWidget()
        self.steps = read_only_table([self.tr("Step"), self.tr("Started"), self.tr("Completed"), self.tr("Files"),
                                      self.tr("Note")])
        self.steps.setObjectName("steps")
        for column, width in ((0, 150), (1, 100), (2, 100), (3, 50)):
            self.steps.setColumnWidth(column, width)
        self.steps.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setFixedHeight(self.steps.verticalHeader().defaultSectionSize() * 6
                                  + self.steps.horizontalHeader().sizeHint().height()
                                  + 2 * self.steps.frameWidth() + 2)
        self.steps.itemSelectionChanged.connect(self._show_step)

        self.step_box = QGroupBox()
        self.started = QLineEdit()
        self.started.setObjectName("started_on")
        self.completed = QLineEdit()
        self.completed.setObjectName("completed_on")
        for edit in (self.started, self.completed):
            edit.setPlaceholderText(self.tr("e.g. 2021-05-03"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("step_note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        self.step_error = error_label("step_error")
        self.save_step_button = make_button(self.tr("Save step"), "save_step", self.save_step)
        self.save_step_button.setEnabled(street)
        if not street:
            self.save_step_button.setToolTip(self.district_tip)
        form = QFormLayout()
        form.addRow(self.tr("Started on"), self.started)
        form.addRow(self.tr("Completed on"), self.completed)
        form.addRow(self.tr("Note"), self.note)
        step_buttons = QHBoxLayout()
        step_buttons.addStretch(1)
        step_buttons.addWidget(self.save_step_button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.step_error)
        left.addLayout(step_buttons)
        left.addStretch(1)

        self.documents = QListWidget()
        self.documents.setObjectName("documents")
        self.documents.itemSelectionChanged.connect(self._update_document_buttons)
        self.attach_button = make_button(self.tr("Add file…"), "attach", self.choose_file)
        self.save_as_button = make_button(self.tr("Save as…"), "save_as", self.choose_save_path)
        self.remove_doc_button = make_button(self.tr("Delete"), "remove_document", self.delete_document)
        doc_buttons = QHBoxLayout()
        for b in (self.attach_button, self.save_as_button, self.remove_doc_button):
            doc_buttons.addWidget(b)
        doc_buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Files of this step")))
        right.addWidget(self.documents, 1)
        right.addLayout(doc_buttons)
        split = QHBoxLayout(self.step_box)
        split.addLayout(left, 1)
        split.addLayout(right, 1)

        layout = QVBoxLayout(tab)
        layout.addWidget(self.steps)
        layout.addWidget(self.step_box, 1)
        return tab

    def _outcome_tab(self) -> QWidget:
        tab = QWidget()
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("outcome")
        self.outcome.setTabChangesFocus(True)
        self.outcome_error = error_label("outcome_error")
        self.save_outcome_button = make_button(self.tr("Save outcome"), "save_outcome", self.save_outcome)
        own = outcome_editable(self.detail.owner, self.detail.origin, self.ctx.org.code, self.ctx.org.is_district)
        self.save_outcome_button.setEnabled(own)
        if not own:
            self.save_outcome_button.setToolTip(
                self.tr("The outcome of this topic is recorded by the office that set it; a street records its "
                        "results in step 6's report and note."))
        self.outcome.setReadOnly(not own)
        self.cases = QListWidget()
        self.cases.setObjectName("cases")
        self.honours = QListWidget()
        self.honours.setObjectName("honours")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_outcome_button)
        links = QHBoxLayout()
        for caption, widget in ((self.tr("Governance cases from this topic"), self.cases),
                                (self.tr("Honours won"), self.honours)):
            column = QVBoxLayout()
            column.addWidget(QLabel(caption))
            column.addWidget(widget)
            links.addLayout(column)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("Outcome")))
        layout.addWidget(self.outcome, 1)
        layout.addWidget(self.outcome_error)
        layout.addLayout(row)
        layout.addLayout(links, 1)
        return tab

    # -- showing --------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.current_step_no()
        d = self.detail = topic_detail(self.ctx.db, self.topic_id)
        self.setWindowTitle(self.tr("Topic — {0}").format(d.title))
        self.title_label.setText(d.title)
        where = " · ".join(p for p in (d.street_name, d.community_name) if p) or self.tr("All streets")
        self.info_label.setText(self.tr("{0} · {1} · {2} · Progress: {3}").format(
            d.year, d.origin_label, where, d.stage_label))
        self._fill_team(d.members)
        self._fill_steps(d.steps)
        if selected is not None:
            self.steps.selectRow(selected - 1)
            self._show_step()  # the same row stays selected: show its new dates and files
        self.outcome.setPlainText(d.outcome or "")
        self.cases.clear()
        for c in d.cases:
            self.cases.addItem(f"{c.year or ''} {c.title}".strip())
        self.honours.clear()
        for h in d.honours:
            when = h.awarded_on.isoformat() if h.awarded_on else ""
            self.honours.addItem(" · ".join(p for p in (h.title, h.level_label, h.awarded_by or "", when) if p))

    def _fill_team(self, members: list[MemberView]) -> None:
        self.team.setRowCount(len(members))
        bold = QFont(self.team.font())
        bold.setBold(True)
        for row, m in enumerate(members):
            joined = m.joined_on.isoformat() if m.joined_on else ""
            for column, text in enumerate((m.name, m.role_label, m.title, joined)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if m.role == "leader":
                    item.setFont(bold)
                self.team.setItem(row, column, item)

    def _fill_steps(self, steps: list[StepView]) -> None:
        self.steps.setRowCount(len(steps))
        for row, st in enumerate(steps):
            texts = (f"{st.step_no}. {st.label}", st.started_on.isoformat() if st.started_on else "",
                     st.completed_on.isoformat() if st.completed_on else "", str(len(st.documents) or ""),
                     st.note or "")
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if st.completed_on:
                    item.setForeground(Qt.GlobalColor.darkGreen)
                self.steps.setItem(row, column, item)

    def current_step_no(self) -> int | None:
        rows = self.steps.selectionModel().selectedRows() if self.steps.selectionModel() else []
        return rows[0].row() + 1 if rows else None

    def current_step(self) -> StepView | None:
        number = self.current_step_no()
        return self.detail.steps[number - 1] if number else None

    def _show_step(self) -> None:
        step = self.current_step()
        show_error(self.step_error, "")
        if step is None:
            self.step_box.setTitle("")
            return
        self.step_box.setTitle(self.tr("Step {0}: {1}").format(step.step_no, step.label))
        self.started.setText(step.started_on.isoformat() if step.started_on else "")
        self.completed.setText(step.completed_on.isoformat() if step.completed_on else "")
        self.note.setPlainText(step.note or "")
        self.documents.clear()
        for doc in step.documents:
            item = QListWidgetItem(f"{doc.filename}  ({human_size(doc.size)} · {doc.uploaded_by} · "
                                   f"{doc.uploaded_at:%Y-%m-%d})")
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            self.documents.addItem(item)
        self._update_document_buttons()

    def selected_document(self) -> DocumentView | None:
        step = self.current_step()
        item = self.documents.currentItem()
        if step is None or item is None or not item.isSelected():
            return None
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        return next((d for d in step.documents if d.id == doc_id), None)

    def _update_document_buttons(self) -> None:
        may_attach = not self.ctx.org.is_district or self.detail.owner == self.ctx.org.code
        self.attach_button.setEnabled(may_attach and self.current_step() is not None)
        self.attach_button.setToolTip("" if may_attach else self.tr("Files of a street's topic are uploaded by the "
                                                                    "street; the district can only view them."))
        doc = self.selected_document()
        self.save_as_button.setEnabled(doc is not None)
        self.remove_doc_button.setEnabled(doc is not None and doc.owner == self.ctx.org.code)

    # -- writes ---------------------------------------------------------------------------
    def _written(self, saved: Saved) -> None:
        self.reload()
        self.changed.emit(saved.changes)

    def edit_team(self) -> TeamDialog:
        dialog = TeamDialog(self.ctx, self.detail, self)
        dialog.saved.connect(self._written)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def save_step(self) -> Saved | None:
        number = self.current_step_no()
        if number is None:
            return None
        try:
            saved = record_step(self.ctx.db, self.ctx.actor(), self.topic_id, number, self.started.text().strip(),
                                self.completed.text().strip(), self.note.toPlainText())
        except REFUSALS as e:
            show_error(self.step_error, error_text(e))
            return None
        self._written(saved)
        return saved

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Add file"))
        if path:
            self.attach_file(path)

    def attach_file(self, path: str | Path) -> Saved | None:
        number = self.current_step_no()
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr("Could not read the file: {0}").format(e))
            return None
        try:
            saved = attach_document(self.ctx.db, self.ctx.actor(), self.topic_id, number, Path(path).name, data)
        except REFUSALS as e:
            QMessageBox.warning(self, self.tr("Not saved"), error_text(e))
            return None
        self._written(saved)
        return saved

    def choose_save_path(self) -> None:
        doc = self.selected_document()
        if doc is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save file as"), doc.filename)
        if path:
            self.save_document(doc.id, path)

    def save_document(self, document_id: str, path: str | Path) -> bool:
        try:
            _name, data = document_bytes(self.ctx.db, document_id)
            Path(path).write_bytes(data)
        except REFUSALS as e:
            QMessageBox.warning(self, self.tr("Not saved"), error_text(e))
            return False
        except OSError as e:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr("Could not write the file: {0}").format(e))
            return False
        return True

    def delete_document(self) -> Saved | None:
        doc = self.selected_document()
        if doc is None:
            return None
        answer = QMessageBox.question(self, self.windowTitle(), self.tr("Delete the file “{0}”?").format(doc.filename))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            saved = remove_document(self.ctx.db, self.ctx.actor(), doc.id)
        except REFUSALS as e:
            QMessageBox.warning(self, self.tr("Not done"), error_text(e))
            return None
        self._written(saved)
        return saved

    def save_outcome(self) -> Saved | None:
        try:
            saved = save_outcome(self.ctx.db, self.ctx.actor(), self.topic_id, self.outcome.toPlainText())
        except REFUSALS as e:
            show_error(self.outcome_error, error_text(e))
            return None
        show_error(self.outcome_error, "")
        self._written(saved)
        return saved
