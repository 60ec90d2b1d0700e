"""成长档案: one person's growth archive — a header card and the timeline, newest first.

Typed entries (种子遴选, 一课一练, 任职 …) are added, edited and deleted here; entries derived
from attendance, topics, assessments and honours are shown lighter and read-only (they are
corrected in their own records). The timeline is a model over the service's list: a person
with thousands of entries opens at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.archive import (
    SOURCE_LABELS,
    Timeline,
    TimelineEntry,
    archive_entry_form_values,
    delete_archive_entry,
    save_archive_entry,
)
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.scope import open_archive
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.models.timeline_model import BY, CONTENT, DATE, KIND, TYPED, TimelineModel
from yanqun_desktop.ui.operations import Task
from yanqun_desktop.ui.widgets.dialog_parts import make_button
from yanqun_desktop.ui.widgets.form import FormDialog


def age_on(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


class ArchiveEntryDialog(FormDialog):
    """Add or edit one typed archive entry (日期, 类别, 内容, 记录人)."""

    def __init__(self, ctx: AppContext, person_id: str, person_name: str, entry_id: str | None = None,
                 values: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit archive entry") if entry_id else self.tr("Add archive entry"), parent)
        self.person_id, self.entry_id = person_id, entry_id
        self.setMinimumWidth(560)
        self.form.addRow(QLabel(self.tr("Person")), QLabel(person_name))
        self.add_date("entry_date", self.tr("Date"), "日期", required=True).setText(dt.date.today().isoformat())
        self.add_vocab("kind", self.tr("Kind"), vocab.ARCHIVE_KIND, required=True, editable=False)
        self.fields["kind"].set(vocab.ARCHIVE_KIND.label("note"))
        content = self.add_text("content", self.tr("Content"), ["内容"], lines=6, required=True)
        content.setPlaceholderText(self.tr("What happened, as the studio tells it"))
        self.add_line("recorded_by", self.tr("Recorded by"), ["记录人"]).setText(ctx.actor().name)
        if values:
            self.set_values(values)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self, self.tr("Archive entry"))

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_archive_entry(self.ctx.db, self.ctx.actor(), {**raw, "person_id": self.person_id}, self.entry_id)


class ArchiveDialog(QDialog):
    changed = Signal(object)  # Changes after any write

    def __init__(self, ctx: AppContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        # A studio leader may open only their studio's people: refused (PermissionDenied) here.
        self.timeline: Timeline = open_archive(ctx.db, ctx.actor(), person_id)
        self.setWindowTitle(self.tr("Growth archive — {0}").format(self.timeline.name))
        self.model = TimelineModel()

        self.card = QFrame()
        self.card.setObjectName("card")
        self.card.setStyleSheet("QFrame#card { background: #f4f6f8; border: 1px solid #dde1e6; border-radius: 4px; }")
        self.name_label = QLabel()
        self.name_label.setObjectName("name")
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("facts")
        self.facts_label.setWordWrap(True)
        self.titles_label = QLabel()
        self.titles_label.setObjectName("titles")
        self.titles_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summary")
        card = QVBoxLayout(self.card)
        card.setSpacing(4)
        card.addWidget(self.name_label)
        card.addWidget(self.facts_label)
        card.addWidget(self.titles_label)
        card.addWidget(self.summary_label)

        self.filter = QComboBox()
        self.filter.setObjectName("filter")
        self.filter.setMinimumContentsLength(12)
        self.filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("timeline")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CONTENT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((DATE, 96), (KIND, 84), (BY, 90)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_entry())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.empty = QLabel(self.table.viewport())
        self.empty.setObjectName("empty")
        self.empty.setStyleSheet("color: #808080;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        overlay = QVBoxLayout(self.table.viewport())
        overlay.addWidget(self.empty)

        # The whole text of the chosen entry (the table shows one line of it).
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.detail.setStyleSheet("QLabel#detail { background: #fbfbfb; border: 1px solid #e3e3e3; padding: 4px; }")

        self.add_button = make_button(self.tr("Add entry…"), "add", self.add_entry)
        self.edit_button = make_button(self.tr("Edit…"), "edit", self.edit_entry)
        self.delete_button = make_button(self.tr("Delete"), "delete", self.delete_entry)
        self.print_button = make_button(self.tr("Print preview…"), "print_preview", self.print_preview)
        close = make_button(self.tr("Close"), "close", self.reject)
        # A role that may only read (a studio leader too) reads and prints the archive; an
        # entry opens (double-click) to read.
        self.offer = Offer(ctx.actor(), Permission.EDIT_RECORDS)
        self.offer.buttons(self.add_button, self.edit_button, self.delete_button)
        self.derived_hint = QLabel()
        self.derived_hint.setObjectName("derived_hint")
        self.derived_hint.setStyleSheet("color: #7b8794;")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addWidget(self.derived_hint, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.card)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.resize(QSize(900, 660))
        self._show_timeline()

    # -- showing --------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.timeline = open_archive(self.ctx.db, self.ctx.actor(), self.person_id)
        self._show_timeline(select)

    def _show_timeline(self, select: str | None = None) -> None:
        t = self.timeline
        self.name_label.setText(t.name)
        age = age_on(t.birth_date, dt.date.today())
        place = " / ".join(p for p in (t.community, t.street) if p)
        facts = [t.gender, self.tr("{0} years old").format(age) if age is not None else "", place,
                 t.education, t.political_status]
        self.facts_label.setText("　·　".join(f for f in facts if f) or self.tr("No personal details recorded"))
        titles = "、".join(t.current_titles) if t.current_titles else self.tr("none")
        self.titles_label.setText(self.tr("Current positions: {0}").format(titles))
        s = t.summary
        rate = "—" if s.attendance_rate is None else f"{s.attendance_rate * 100:.1f}%"
        self.summary_label.setText(self.tr("Attended {0} sessions · {1} hours · attendance rate {2}")
                                   .format(s.sessions_attended, f"{s.hours:g}", rate))
        self.model.set_entries(t.entries)
        self._fill_filter()
        self._after_reset()
        if select is not None:
            self.select_entry(select)

    def _fill_filter(self) -> None:
        keep = self.filter.currentData() or ""
        counts = self.model.counts()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("All ({0})").format(self.model.total), "")
        for source, label in SOURCE_LABELS.items():
            self.filter.addItem(f"{label}（{counts.get(source, 0)}）", source)
        self.filter.setCurrentIndex(max(self.filter.findData(keep), 0))
        self.filter.blockSignals(False)
        self.model.set_source(self.filter.currentData() or "")

    def _apply_filter(self) -> None:
        self.model.set_source(self.filter.currentData() or "")
        self._after_reset()

    def set_filter(self, source: str) -> None:
        self.filter.setCurrentIndex(max(self.filter.findData(source), 0))

    def _after_reset(self) -> None:
        rows = self.model.rowCount()
        self.count_label.setText(self.tr("{0} entries").format(rows))
        self.empty.setText(self.tr("No entries yet.") if self.model.total == 0 else self.tr("No entries of this kind."))
        self.empty.setVisible(rows == 0)
        self._selection_changed()

    def selected(self) -> TimelineEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry_at(rows[0].row()) if rows else None

    def select_entry(self, entry_id: str) -> None:
        row = self.model.row_of_entry(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        entry = self.selected()
        typed = entry is not None and entry.source == TYPED
        self.edit_button.setEnabled(typed)
        self.delete_button.setEnabled(typed)
        if entry is None:
            self.detail.setText("")
            self.derived_hint.setText("")
            return
        self.detail.setText(f"{entry.date.isoformat()}　{entry.kind_label}\n{entry.content}")
        self.derived_hint.setText("" if typed else self.model.derived_tip)

    def print_preview(self) -> Task:
        """The printed archive (PDF), previewed before it goes to the printer."""
        from yanqun_desktop.ui.dialogs.archive_print_dialog import preview_archive

        return preview_archive(self, self.ctx, self.person_id, self.timeline.name)

    # -- writes ---------------------------------------------------------------------------
    def _open(self, dialog: ArchiveEntryDialog) -> ArchiveEntryDialog:
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, saved: Saved) -> None:
        self.reload(select=saved.id)
        self.changed.emit(saved.changes)

    def add_entry(self) -> ArchiveEntryDialog:
        return self._open(ArchiveEntryDialog(self.ctx, self.person_id, self.timeline.name, parent=self))

    def edit_entry(self) -> ArchiveEntryDialog | None:
        entry = self.selected()
        if entry is None or entry.source != TYPED or entry.entry_id is None:
            return None
        try:
            values = archive_entry_form_values(self.ctx.db, entry.entry_id)
        except ServiceError as e:  # deleted meanwhile
            QMessageBox.warning(self, self.windowTitle(), str(e))
            self.reload()
            return None
        return self._open(ArchiveEntryDialog(self.ctx, self.person_id, self.timeline.name, entry.entry_id, values,
                                             self))

    def delete_entry(self) -> Saved | None:
        entry = self.selected()
        if entry is None or entry.source != TYPED or entry.entry_id is None:
            return None
        if not self.confirm(self.tr("Delete the archive entry of {0} ({1})?")
                            .format(entry.date.isoformat(), entry.kind_label)):
            return None
        try:
            saved = delete_archive_entry(self.ctx.db, self.ctx.actor(), entry.entry_id)
        except (ValidationErrors, ValidationError, PermissionDenied, ServiceError) as e:
            QMessageBox.warning(self, self.tr("Not done"), str(e))
            return None
        self.reload()
        self.changed.emit(saved.changes)
        return saved

    def confirm(self, text: str) -> bool:
        return QMessageBox.question(self, self.windowTitle(), text) == QMessageBox.StandardButton.Yes
