"""导入: pick a spreadsheet, see what it would change row by row, then apply it in one go.

Shared by the roster import (people, tutors, reserve, enrolments) and the sign-in sheet
import: both return an ``ImportReport``. The preview writes nothing; 导入 applies the file in
one transaction, refused as a whole while invalid rows remain unless the clerk ticks 跳过有误的行.
The invalid rows can be saved as a workbook with a reason column, fixed and imported again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.imports import STATUS_LABELS, ImportReport
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.uow import Changes
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.models.import_model import DETAIL, LABEL, ROW, STATUS, ImportPreviewModel
from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.widgets.dialog_parts import error_label, error_text, make_button, show_error

SPREADSHEETS = "表格 (*.xlsx *.xlsm *.xls *.ods *.csv)"


@dataclass(frozen=True)
class ImportSpec:
    title: str
    kinds: list[tuple[str, str | None]]  # (label, kind) choices; empty: no choice to make
    preview: Callable[[Path, str | None], ImportReport]
    apply: Callable[[Path, str | None, bool], ImportReport]  # (file, kind, skip_invalid)
    touches: frozenset[str]  # the tables an import writes, so the pages refresh
    write_rejected: Callable[[ImportReport, Path, Path], object] | None = None  # (report, source, target)


class ImportDialog(QDialog):
    changed = Signal(object)  # Changes after an import wrote something

    def __init__(self, ctx: AppContext, spec: ImportSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.spec = ctx, spec
        self.report: ImportReport | None = None
        self.task: Task | None = None
        self.previewed: tuple[str, str | None, int, int] | None = None
        self._stale = False
        self.setWindowTitle(spec.title)
        self.resize(900, 600)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path")
        self.path_edit.setReadOnly(True)
        browse = make_button(self.tr("Choose file…"), "browse", self.browse)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(browse)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for label, kind in spec.kinds:
            self.kind.addItem(label, kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.preview())
        if spec.kinds:
            top.addWidget(QLabel(self.tr("Contents")))
            top.addWidget(self.kind)
        self.summary = QLabel(
            self.tr("Choose a file to see what it would change. Nothing is written until you import."))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.messages = QLabel()
        self.messages.setObjectName("messages")
        self.messages.setWordWrap(True)
        self.messages.setStyleSheet("color: #5f6b7a;")
        self.filter = QComboBox()
        self.filter.setObjectName("filter")
        self.filter.addItem(self.tr("All rows"), "")
        for status, label in STATUS_LABELS.items():
            self.filter.addItem(label, status)
        self.filter.currentIndexChanged.connect(lambda _i: self.model.set_status(self.filter.currentData() or ""))
        self.model = ImportPreviewModel()
        self.table = QTableView()
        self.table.setObjectName("rows")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((ROW, 60), (STATUS, 70), (LABEL, 140)):
            self.table.setColumnWidth(column, width)
        self.skip_invalid = QCheckBox(self.tr("Skip invalid rows and import the rest"))
        self.skip_invalid.setObjectName("skip_invalid")
        self.skip_invalid.toggled.connect(lambda _on: self._update_buttons())
        self.error = error_label("error")
        self.rejected_button = make_button(self.tr("Save invalid rows…"), "save_rejected", self.save_rejected)
        self.rejected_button.setVisible(spec.write_rejected is not None)
        self.import_button = make_button(self.tr("&Import"), "import", self.apply)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).buttons(self.import_button)
        close = make_button(self.tr("Close"), "close", self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_invalid)
        buttons.addStretch(1)
        for b in (self.rejected_button, self.import_button, close):
            buttons.addWidget(b)
        filters = QHBoxLayout()
        filters.addWidget(self.summary, 1)
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.messages)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- choosing and previewing ------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.spec.title, str(Path.home()), SPREADSHEETS)
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> Task | None:
        self.path_edit.setText(str(path))
        return self.preview()

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def _fingerprint(self, path: Path, kind: str | None) -> tuple[str, str | None, int, int] | None:
        """What a preview was made of: the file (as it was then) and the kind chosen."""
        try:
            stat = path.stat()
        except OSError:
            return None
        return (str(path), kind, stat.st_size, stat.st_mtime_ns)

    def _current_kind(self) -> str | None:
        return self.kind.currentData() if self.spec.kinds else None

    def preview(self) -> Task | None:
        path = self.path()
        if path is None:
            return None
        if self.task is not None:  # asked again while one runs (another kind chosen): redo it after
            self._stale = True
            return None
        self._stale = False
        kind = self._current_kind()
        self.previewed = self._fingerprint(path, kind)
        show_error(self.error, "")
        self.report = None
        self.model.set_rows([])
        self.summary.setText(self.tr("Reading {0}…").format(path.name))
        self._update_buttons()

        def work(progress: Progress) -> ImportReport:
            progress(self.tr("Reading {0}…").format(path.name), 0.2)
            return self.spec.preview(path, kind)

        self.task = run_task(self, self.spec.title, work, self._previewed, self._failed)
        return self.task

    def _previewed(self, report: ImportReport) -> None:
        self.task = None
        if self._stale:  # the clerk changed the choice meanwhile: this preview is not what they see
            self.preview()
            return
        self.report = report
        self.model.set_rows(report.rows)
        self.summary.setText(self.tr("Preview of {0}: {1}").format(Path(report.file).name, report.summary()))
        self.messages.setText("\n".join(report.messages))
        self.messages.setVisible(bool(report.messages))
        if report.invalid:
            self.filter.setCurrentIndex(max(self.filter.findData("invalid"), 0))
        self._update_buttons()

    def _failed(self, error: Exception) -> None:
        self.task = None
        self.summary.setText("")
        show_error(self.error, error_text(error))
        self._update_buttons()

    def _update_buttons(self) -> None:
        report = self.report
        writable = report is not None and (report.count("new") + report.count("updated")) > 0
        blocked = report is not None and bool(report.invalid) and not self.skip_invalid.isChecked()
        self.import_button.setEnabled(self.task is None and writable and not blocked)
        self.rejected_button.setEnabled(report is not None and bool(report.invalid))
        self.skip_invalid.setEnabled(report is not None and bool(report.invalid))
        if blocked:
            self.import_button.setToolTip(self.tr("Fix the invalid rows, or tick “skip invalid rows”."))
        else:
            self.import_button.setToolTip("")

    # -- writing ---------------------------------------------------------------------------
    def apply(self) -> Task | None:
        path = self.path()
        if path is None or self.report is None or not self.import_button.isEnabled():
            return None
        kind = self._current_kind()
        if self._fingerprint(path, kind) != self.previewed:  # edited in Excel since the preview
            task = self.preview()
            show_error(self.error, self.tr("The file changed after the preview; here is a new preview."))
            return task
        skip = self.skip_invalid.isChecked()

        def work(progress: Progress) -> ImportReport:
            progress(self.tr("Importing {0}…").format(path.name), 0.3)
            return self.spec.apply(path, kind, skip)

        self.import_button.setEnabled(False)
        self.task = run_task(self, self.spec.title, work, self._applied, self._failed)
        return self.task

    def _applied(self, report: ImportReport) -> None:
        self.task = None
        self.report = report
        self.model.set_rows(report.rows)
        if report.status == "refused":
            show_error(self.error, "；".join(report.messages) or self.tr("Nothing was imported."))
            self._update_buttons()
            return
        written = report.count("new") + report.count("updated")
        self.summary.setText(self.tr("Imported {0}: {1}").format(Path(report.file).name, report.summary()))
        self.import_button.setEnabled(False)
        if written:
            self.changed.emit(Changes(self.spec.touches))
        QMessageBox.information(self, self.spec.title, self.tr("Imported: {0}").format(report.summary()))

    def save_rejected(self) -> Path | None:
        path, report, writer = self.path(), self.report, self.spec.write_rejected
        if path is None or report is None or writer is None:
            return None
        suggested = str(path.with_name(f"{path.stem}-有误的行.xlsx"))
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save invalid rows"), suggested, "Excel (*.xlsx)")
        if not target:
            return None
        return self.write_rejected_to(Path(target))

    def write_rejected_to(self, target: Path) -> Path | None:
        path, report, writer = self.path(), self.report, self.spec.write_rejected
        if path is None or report is None or writer is None:
            return None
        try:
            writer(report, path, target)
        except (OSError, ValueError) as e:
            show_error(self.error, error_text(e))
            return None
        return target

    def reject(self) -> None:
        if self.task is not None:  # an import is one transaction: let it finish, then close; its
            self.task.wait()  # result still arrives (queued before the close), so the pages refresh
        super().reject()
