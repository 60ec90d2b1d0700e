"""导入数据包: eight sticks on a Monday. Every file is checked and previewed first (sender,
number, what it would add, update, leave or hold as a conflict, or why it is refused); 导入
then applies the acceptable ones, each in its own transaction after an automatic backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from yanqun_desktop.db.models import Base
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.sync_parts import STATUS_LABELS, fill_table, org_names
from yanqun_desktop.ui.widgets.dialog_parts import error_label, error_text, make_button, read_only_table, show_error

COUNT_KEYS = ("new", "updated", "unchanged", "conflicts", "rejected")
NOT_TO_APPLY = ("refused", "already-applied")


class PackageImportDialog(QDialog):
    changed = Signal(object)  # Changes once packages were applied

    def __init__(self, ctx: AppContext, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.paths = ctx, paths
        self.names = org_names(ctx)
        self.reports: list[Any] = []
        self.applied = False
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Import packages"))
        self.resize(960, 560)
        self.summary = QLabel(self.tr("Checking {0} files…").format(len(paths)))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.files = read_only_table([self.tr("File"), self.tr("From"), self.tr("No."), self.tr("Result"),
                                      self.tr("New"), self.tr("Updated"), self.tr("Unchanged"), self.tr("Conflicts"),
                                      self.tr("Rejected"), self.tr("Notes")])
        self.files.setObjectName("files")
        self.files.itemSelectionChanged.connect(self._show_tables)
        self.tables = read_only_table([self.tr("Table"), self.tr("New"), self.tr("Updated"), self.tr("Unchanged"),
                                       self.tr("Conflicts"), self.tr("Rejected")])
        self.tables.setObjectName("tables")
        self.error = error_label("error")
        self.apply_button = make_button(self.tr("&Import"), "apply", self.apply)
        self.apply_button.setEnabled(False)
        Offer(ctx.actor(), Permission.EXCHANGE_PACKAGES).buttons(self.apply_button)
        close = make_button(self.tr("Close"), "close", self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.files, 2)
        layout.addWidget(QLabel(self.tr("Per table, for the chosen file:")))
        layout.addWidget(self.tables, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.preview()

    # -- preview ------------------------------------------------------------------------------
    def preview(self) -> Task:
        from yanqun_desktop.services.sync_import import import_packages

        actor = self.ctx.actor()

        def work(progress: Progress) -> list[Any]:
            progress(self.tr("Checking the packages…"), 0.2)
            return import_packages(self.ctx.db, actor, self.paths, dry_run=True)

        self.task = run_task(self, self.windowTitle(), work, self._previewed, self._failed)
        return self.task

    def _previewed(self, reports: list[Any]) -> None:
        self.task = None
        self.reports = reports
        self._fill()
        acceptable = self.acceptable()
        self.summary.setText(self.tr("{0} files checked: {1} can be imported, {2} refused, {3} imported before. "
                                     "Nothing is written until you import.")
                             .format(len(reports), len(acceptable), sum(r.status == "refused" for r in reports),
                                     sum(r.status == "already-applied" for r in reports)))
        self.apply_button.setEnabled(bool(acceptable))

    def acceptable(self) -> list[Path]:
        """The files the preview found fit to apply (by name: the preview kept the order)."""
        by_name = {p.name: p for p in self.paths}
        return [by_name[r.file] for r in self.reports if r.status not in NOT_TO_APPLY and r.file in by_name]

    def _fill(self) -> None:
        rows = []
        for r in self.reports:
            counts = r.counts or {}
            rows.append([r.file, self.names.get(r.sender or "", r.sender or "—"), r.seq or "",
                         STATUS_LABELS.get(r.status, r.status), *(counts.get(k, 0) for k in COUNT_KEYS),
                         "；".join(r.messages)])
        fill_table(self.files, rows)
        if rows:
            self.files.selectRow(0)

    def _show_tables(self) -> None:
        selected = self.files.selectionModel().selectedRows()
        if not selected or selected[0].row() >= len(self.reports):
            fill_table(self.tables, [])
            return
        report = self.reports[selected[0].row()]
        fill_table(self.tables, [[table, *(counts.get(k, 0) for k in COUNT_KEYS)]
                                 for table, counts in sorted((report.tables or {}).items())])

    def _failed(self, error: Exception) -> None:
        self.task = None
        show_error(self.error, error_text(error))

    # -- apply ----------------------------------------------------------------------------------
    def apply(self) -> Task | None:
        from yanqun_desktop.services.sync_import import import_packages

        paths = self.acceptable()
        if not paths or self.task is not None:
            return None
        actor = self.ctx.actor()

        def work(progress: Progress) -> list[Any]:
            progress(self.tr("Importing {0} packages (a backup is made first)…").format(len(paths)), 0.2)
            return import_packages(self.ctx.db, actor, paths)

        self.apply_button.setEnabled(False)
        self.task = run_task(self, self.windowTitle(), work, self._applied, self._failed)
        return self.task

    def _applied(self, reports: list[Any]) -> None:
        self.task = None
        self.applied = True
        done = {r.file: r for r in reports}
        self.reports = [done.get(r.file, r) for r in self.reports]
        self._fill()
        conflicts = sum((r.counts or {}).get("conflicts", 0) for r in reports)
        refused = [r for r in reports if r.status == "refused"]
        text = self.tr("Imported {0} packages.").format(sum(r.status in ("applied", "conflicts") for r in reports))
        if conflicts:
            text += self.tr(" {0} rows wait in the conflict queue.").format(conflicts)
        if refused:
            text += self.tr(" Refused: {0}.").format("；".join(m for r in refused for m in r.messages))
        self.summary.setText(text)
        self.changed.emit(Changes(frozenset(Base.metadata.tables)))
        QMessageBox.information(self, self.windowTitle(), text)

    def reject(self) -> None:
        if self.task is not None:  # an import is one transaction per file: let it finish
            self.task.wait()
        super().reject()
