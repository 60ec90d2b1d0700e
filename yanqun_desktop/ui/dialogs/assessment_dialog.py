"""能力测评: one person's assessments — the history, a new assessment against the current model,
and a radar chart comparing the latest two (with the module-by-module change).

Reusable from any page with a person id. Studio assessments are the street's, camp ones the
district's (assessments service): the other side sees them read-only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.assessments import AssessmentView, assessment_history, compare, delete_assessment
from yanqun_desktop.services.assessments import save_assessment as save_assessment_service
from yanqun_desktop.services.competency_models import ModelView, current_model
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.scope import OUT_OF_SCOPE, printable_people
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.dialog_parts import REFUSALS, error_text, make_button, read_only_table
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.radar_chart import RadarChart, Series


def percent(fraction: float | None) -> str:
    return "" if fraction is None else f"{fraction * 100:.0f}%"


class AssessmentFormDialog(FormDialog):
    """A new assessment: date, assessor (the operator), every item of the model as a spin box
    grouped by module and indicator, note."""

    def __init__(self, ctx: AppContext, person_id: str, person_label: str, model: ModelView,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New assessment — {0}").format(person_label.split(" · ")[0]), parent)
        self.person_id, self.model = person_id, model
        self.form.addRow(QLabel(self.tr("Person")), QLabel(person_label))
        sample = self.tr(", sample") if model.is_sample else ""
        self.form.addRow(QLabel(self.tr("Model")),
                         QLabel(self.tr("{0} (version {1}{2})").format(model.name, model.version_no, sample)))
        self.add_date("assessed_on", self.tr("Assessment date"), "测评日期", required=True)
        self.add_line("assessor", self.tr("Assessor"), ["测评人"], required=True,
                      check=lambda t: None if t.strip() else self.required_text())
        self.spins: dict[str, QDoubleSpinBox] = {}
        sheet = QWidget()
        column = QVBoxLayout(sheet)
        group: QGroupBox | None = None
        rows: QFormLayout | None = None
        bold = QFont(self.font())
        bold.setBold(True)
        for node in model.nodes:
            if node.level == "module":
                group = QGroupBox(f"{node.code} {node.name}")
                rows = QFormLayout(group)
                column.addWidget(group)
            elif node.level == "indicator" and rows is not None:
                caption = QLabel(f"{node.code} {node.name}")
                caption.setFont(bold)
                rows.addRow(caption)
            elif node.level == "item" and rows is not None:
                spin = QDoubleSpinBox()
                spin.setObjectName(f"score_{node.code}")
                spin.setDecimals(1)
                spin.setRange(0.0, float(node.max_score or 0.0))
                spin.setSuffix(f" / {node.max_score or 0:g}")
                spin.setMinimumWidth(110)
                label = QLabel(f"{node.code} {node.name}")
                label.setWordWrap(True)
                rows.addRow(label, spin)
                self.spins[node.id] = spin
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(sheet)
        scroll.setMinimumHeight(420)
        self.add_custom("scores", self.tr("Scores"), scroll, ["评分"], get=self.scores)
        self.add_text("note", self.tr("Note"), ["备注"], lines=2)
        self.set_values({"assessed_on": dt.date.today().isoformat(), "assessor": ctx.actor().name})
        Offer(ctx.actor(), Permission.RECORD_ASSESSMENTS).form(self)
        self.setMinimumWidth(640)
        self.resize(QSize(680, 620))

    def scores(self) -> dict[str, float]:
        return {node_id: spin.value() for node_id, spin in self.spins.items()}

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_assessment_service(self.ctx.db, self.ctx.actor(), {
            **raw, "person_id": self.person_id, "model_id": self.model.id})


class AssessmentDialog(QDialog):
    changed = Signal(object)  # Changes after a new or deleted assessment

    def __init__(self, ctx: AppContext, person_id: str, person_label: str, kind: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person_id, self.person_label = ctx, person_id, person_label
        # Camp assessments are the district's, studio ones the street's.
        self.kind = kind or ("camp" if ctx.org.is_district else "studio")
        self.history: list[AssessmentView] = []
        self.setWindowTitle(self.tr("Assessments — {0}").format(person_label.split(" · ")[0]))
        person = QLabel(person_label)
        font = QFont(person.font())
        font.setBold(True)
        person.setFont(font)

        self.table = read_only_table([self.tr("Date"), self.tr("Model"), self.tr("Total"), self.tr("Assessor")])
        self.table.setObjectName("history")
        for column, width in ((0, 95), (1, 260), (2, 60)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        may = (self.kind == "camp") == ctx.org.is_district
        who = self.tr("Camp assessments are recorded by the district; a street can only view them.") \
            if self.kind == "camp" else self.tr("Studio assessments are recorded by the streets; the district can "
                                                "only view them.")
        self.add_button = make_button(self.tr("New assessment…"), "add", self.new_assessment)
        self.add_button.setEnabled(may)
        self.add_button.setToolTip("" if may else who)
        self.delete_button = make_button(self.tr("Delete"), "delete", self.delete_selected)
        # The role's part: a reader sees the history only; a studio leader records for the
        # people of their own studio (printable_people: the same scope the service checks).
        actor = ctx.actor()
        self.offer = Offer(actor, Permission.RECORD_ASSESSMENTS,
                           within=printable_people(ctx.db, actor, [person_id]) == [person_id],
                           outside_tip=OUT_OF_SCOPE)
        self.offer.buttons(self.add_button, self.delete_button)
        self.may_write = may and self.offer.allowed
        close = make_button(self.tr("Close"), "close", self.accept)

        self.radar = RadarChart()
        self.radar.setObjectName("radar")
        self.radar.empty_text = self.tr("The chart compares the latest two assessments once there are any.")
        self.deltas = read_only_table([self.tr("Module"), self.tr("Earlier"), self.tr("Latest"), self.tr("Change")])
        self.deltas.setObjectName("deltas")
        self.deltas.setColumnWidth(0, 170)
        self.deltas.setMaximumHeight(200)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("History")))
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.radar, 1)
        right_layout.addWidget(self.deltas)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([480, 420])
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(person)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(QSize(980, 600))
        self.reload()

    def reload(self) -> None:
        self.history = assessment_history(self.ctx.db, self.person_id)
        newest_first = list(reversed(self.history))
        self.table.setRowCount(len(newest_first))
        for row, a in enumerate(newest_first):
            texts = (a.assessed_on.isoformat(), a.model_label, percent(a.total_fraction), a.assessor)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(a.note or text)
                if a.is_sample and column == 1:
                    item.setForeground(QColor("#a04000"))
                self.table.setItem(row, column, item)
        self._draw()
        self._update_buttons()

    def _draw(self) -> None:
        same_kind = [a for a in self.history if a.model_kind == self.kind] or self.history
        self.deltas.setRowCount(0)
        if not same_kind:
            self.radar.set_data([], [])
            return
        latest = same_kind[-1]
        if len(same_kind) == 1:
            self.radar.set_data([g.name for g in latest.modules],
                                [Series(latest.assessed_on.isoformat(), [g.fraction for g in latest.modules])])
            return
        earlier = same_kind[-2]
        try:
            deltas = compare(self.ctx.db, earlier.id, latest.id)
        except REFUSALS as e:
            self.radar.empty_text = error_text(e)
            self.radar.set_data([], [])
            return
        self.radar.set_data([d.label for d in deltas], [
            Series(earlier.assessed_on.isoformat(), [d.a for d in deltas]),
            Series(latest.assessed_on.isoformat(), [d.b for d in deltas]),
        ])
        self.deltas.setRowCount(len(deltas))
        for row, d in enumerate(deltas):
            change = "" if d.delta is None else f"{d.delta * 100:+.0f}%"
            for column, text in enumerate((d.label, percent(d.a), percent(d.b), change)):
                item = QTableWidgetItem(text)
                if column == 3 and d.delta:
                    item.setForeground(QColor("#1e8449") if d.delta > 0 else QColor("#c0392b"))
                self.deltas.setItem(row, column, item)

    def selected(self) -> AssessmentView | None:
        rows = self.table.selectionModel().selectedRows()
        return list(reversed(self.history))[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.delete_button.setEnabled(chosen is not None and chosen.owner == self.ctx.org.code)

    def new_assessment(self) -> AssessmentFormDialog | None:
        try:
            model = current_model(self.ctx.db, self.kind)
        except REFUSALS as e:
            QMessageBox.warning(self, self.windowTitle(), error_text(e))
            return None
        dialog = AssessmentFormDialog(self.ctx, self.person_id, self.person_label, model, self)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, saved: Saved) -> None:
        self.reload()
        self.changed.emit(saved.changes)

    def delete_selected(self) -> Saved | None:
        chosen = self.selected()
        if chosen is None:
            return None
        answer = QMessageBox.question(self, self.windowTitle(), self.tr("Delete the assessment of {0}?").format(
            chosen.assessed_on.isoformat()))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            saved = delete_assessment(self.ctx.db, self.ctx.actor(), chosen.id)
        except REFUSALS as e:
            QMessageBox.warning(self, self.tr("Not done"), error_text(e))
            return None
        self._saved(saved)
        return saved
