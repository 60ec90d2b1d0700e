"""操作日志: who changed what, when, before and after (read-only; issue 7 part 3).

Filters by operator, dates, table and words of the summary; the operations found are listed
newest first (the latest 500), and the one selected is shown record by record, field by field.
ID numbers and phones are masked. The trail can be saved as a workbook. Nothing here edits it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.domain.labels import TABLE_LABELS
from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.page_parts import LazyRefresh, page_heading
from yanqun_desktop.ui.sync_parts import fill_table
from yanqun_desktop.ui.widgets.dates import date_edit, to_date
from yanqun_desktop.ui.widgets.dialog_parts import make_button, read_only_table

SHOWN = 500


class AuditPage(QWidget, LazyRefresh):
    changed = Signal(object)  # never emitted: the trail is read-only
    TABLES: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self.operations: list[Any] = []
        self.actor = QComboBox()
        self.actor.setObjectName("actor")
        self.table_filter = QComboBox()
        self.table_filter.setObjectName("table")
        self.table_filter.addItem(self.tr("All records"), None)
        for name, label in sorted(TABLE_LABELS.items(), key=lambda kv: kv[1]):
            self.table_filter.addItem(label, name)
        self.by_date = QCheckBox(self.tr("From"))
        self.by_date.setObjectName("by_date")
        today = dt.date.today()
        self.since = date_edit(today - dt.timedelta(days=30), "since")
        self.until = date_edit(today, "until")
        self.text = QLineEdit()
        self.text.setObjectName("text")
        self.text.setPlaceholderText(self.tr("Words in the description"))
        self.text.returnPressed.connect(self.refresh)
        search = make_button(self.tr("Search"), "search", self.refresh)
        export = make_button(self.tr("Save as workbook…"), "export", self.export)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Operator")))
        filters.addWidget(self.actor)
        filters.addWidget(QLabel(self.tr("Records")))
        filters.addWidget(self.table_filter)
        filters.addWidget(self.by_date)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addWidget(self.text, 1)
        filters.addWidget(search)
        filters.addWidget(export)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.ops = read_only_table([self.tr("Time"), self.tr("Operator"), self.tr("What"), self.tr("Records"),
                                    self.tr("Undo")])
        self.ops.setObjectName("operations")
        self.ops.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the summary
        self.ops.itemSelectionChanged.connect(self.show_selected)
        self.changes = read_only_table([self.tr("Record"), self.tr("Record id"), self.tr("Action"),
                                        self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.changes.setObjectName("changes")
        self.changes_note = QLabel()
        self.changes_note.setWordWrap(True)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.changes_note)
        lower_layout.addWidget(self.changes, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ops)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.page_title()))
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(split, 1)

    # -- the page protocol -----------------------------------------------------------------
    def page_title(self) -> str:
        return self.tr("Audit log")

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.load_if_stale()

    def refresh_if_touched(self, changes: Changes) -> bool:
        self._stale = True  # every write adds to the trail; listed again when next shown
        return False

    # -- listing -----------------------------------------------------------------------------
    def query(self) -> Any:
        from yanqun_desktop.services.audit import AuditQuery

        dated = self.by_date.isChecked()
        return AuditQuery(actor=self.actor.currentData(), table=self.table_filter.currentData(),
                          since=to_date(self.since) if dated else None, until=to_date(self.until) if dated else None,
                          text=self.text.text().strip() or None)

    def refresh(self) -> None:
        from yanqun_desktop.services.audit import list_operations, operators

        self._stale = False
        chosen = self.actor.currentData()
        self.actor.blockSignals(True)
        self.actor.clear()
        self.actor.addItem(self.tr("Everyone"), None)
        for name in operators(self.ctx.db, self.ctx.actor()):
            self.actor.addItem(name, name)
        self.actor.setCurrentIndex(max(self.actor.findData(chosen), 0))
        self.actor.blockSignals(False)
        self.operations, total = list_operations(self.ctx.db, self.ctx.actor(), self.query(), limit=SHOWN)
        self.count.setText(self.tr("{0} operations").format(total) if total <= SHOWN
                           else self.tr("{0} operations; the latest {1} are listed").format(total, SHOWN))
        fill_table(self.ops, [
            [f"{op.at.astimezone():%Y-%m-%d %H:%M:%S}", op.actor, op.summary, op.change_count,
             self.tr("undone by No. {0}").format(op.undone_by) if op.undone_by
             else (self.tr("undoes No. {0}").format(op.undo_of) if op.undo_of else "")]
            for op in self.operations
        ])
        fill_table(self.changes, [])
        self.changes_note.setText("")
        if self.operations:
            self.ops.selectRow(0)

    def show_selected(self) -> None:
        from yanqun_desktop.services.audit import operation_changes

        rows = self.ops.selectionModel().selectedRows()
        if not rows:
            return
        op = self.operations[rows[0].row()]
        changes, total = operation_changes(self.ctx.db, self.ctx.actor(), op.id, limit=SHOWN)
        lines = []
        for ch in changes:
            fields = ch.fields or ()
            if not fields:
                lines.append([ch.table_label, ch.row_id[:8], ch.action_label, "", "", ""])
            for f in fields:
                lines.append([ch.table_label, ch.row_id[:8], ch.action_label, f.label, f.before, f.after])
        fill_table(self.changes, lines)
        notes = sorted({ch.note for ch in changes if ch.note})
        shown = self.tr("{0} records changed; the first {1} are shown.").format(total, SHOWN) if total > SHOWN else ""
        heading = self.tr("No. {0} · {1} · {2}").format(op.id, op.actor, op.operation)
        self.changes_note.setText(" ".join([heading, shown, *notes]))

    # -- export ------------------------------------------------------------------------------
    def export(self) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the audit log"),
                                                str(Path.home() / self.tr("audit-log-{0}.xlsx").format(
                                                    f"{dt.date.today():%Y%m%d}")),
                                                self.tr("Workbook (*.xlsx)"))
        return self.export_to(Path(target)) if target else None

    def export_to(self, path: Path) -> Path | None:
        from yanqun_desktop.reports.audit_workbook import write_audit_workbook

        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            written = write_audit_workbook(self.ctx.db, self.ctx.actor(), self.query(), path)
        except OSError as e:
            QMessageBox.warning(self, self.page_title(),
                                self.tr("{0} could not be written: {1}").format(path, e.strerror or e))
            return None
        self.count.setText(self.tr("Written: {0}").format(written))
        return written
