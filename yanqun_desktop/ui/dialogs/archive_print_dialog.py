"""Printing growth archives: one person's to a preview, a cohort's in the background.

One archive is written to a temporary PDF off the UI thread (font loading can take a second
the first time) and opened in the preview, from which it prints. A batch (a cohort, or every
active person) is written to the file the studio leader picks, with progress and a cancel
button; cancelling leaves no file behind (the reports layer writes to a temporary name)."""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.programmes import cohort_choices
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from yanqun_desktop.ui.operations import Progress, Task, run_task
from yanqun_desktop.ui.widgets.dialog_parts import error_label, error_text, make_button, show_error

ALL_PEOPLE = "*all*"


def _missing_note(result: Any) -> str:
    missing = "".join(sorted(set(getattr(result, "missing_chars", "") or "")))
    if not missing:
        return ""
    return QCoreApplication.translate(
        "ArchivePrint", "No installed font has these characters; check them on the printout: {0}").format(missing)


def preview_archive(parent: QWidget, ctx: AppContext, person_id: str, name: str) -> Task:
    """Write one archive to a temporary PDF in the background, then show the preview."""
    from yanqun_desktop.reports.archive_pdf import write_archive_pdf
    from yanqun_desktop.services.scope import archive_people

    folder = Path(tempfile.mkdtemp(prefix="yanqun-preview-"))
    path = folder / f"成长档案-{name}.pdf"
    # The PDF holds personal data: it goes with the preview, or at the latest when the app quits.
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: _remove_folder(folder))

    def work(progress: Progress) -> Any:
        progress(QCoreApplication.translate("ArchivePrint", "Preparing the growth archive of {0}…").format(name), 0.1)
        return write_archive_pdf(ctx.db, archive_people(ctx.db, ctx.actor(), [person_id]), path)

    def done(result: Any) -> None:
        title = QCoreApplication.translate("ArchivePrint", "Growth archive — {0}").format(name)
        dialog = PdfPreviewDialog(path, title, parent, suggested_name=path.name, note=_missing_note(result))
        dialog.setObjectName("archive_preview")
        dialog.finished.connect(lambda _r: _remove_folder(folder))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        parent.setProperty("last_preview", dialog)  # tests and callers find the open preview

    def failed(error: Exception) -> None:
        _remove_folder(folder)
        QMessageBox.warning(parent, QCoreApplication.translate("ArchivePrint", "Not printed"), error_text(error))

    return run_task(parent, QCoreApplication.translate("ArchivePrint", "Growth archive"), work, done, failed)


def _remove_folder(folder: Path) -> None:
    if not folder.exists():
        return
    for f in folder.glob("*"):
        f.unlink(missing_ok=True)
    folder.rmdir()


class BatchPrintDialog(QDialog):
    """批量打印成长档案: pick a cohort (or everyone) and a file; the PDF is written in the
    background, each person starting on a new page, then opened in the preview to print."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task | None = None
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.setWindowTitle(self.tr("Print growth archives"))
        self.setMinimumWidth(560)
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        for cohort_id, name in cohort_choices(ctx.db, "studio") + cohort_choices(ctx.db, "camp"):
            self.scope.addItem(name, cohort_id)
        self.scope.addItem(self.tr("Every active trainee"), ALL_PEOPLE)
        self.scope.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path")
        browse = make_button(self.tr("Browse…"), "browse", self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Whose archives"), self.scope)
        form.addRow(self.tr("Save to"), path_row)
        self.error = error_label("error")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.start_button = make_button(self.tr("&Write PDF"), "start", self.start)
        self.start_button.setDefault(True)
        self.preview_button = make_button(self.tr("&Preview and print…"), "preview", self.preview)
        self.preview_button.setEnabled(False)
        close = make_button(self.tr("Close"), "close", self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.start_button, self.preview_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._suggest_path()

    def _suggest_path(self) -> None:
        name = self.scope.currentText() if self.scope.currentData() != ALL_PEOPLE else self.ctx.org.name
        stamp = dt.date.today().strftime("%Y%m%d")
        self.path_edit.setText(str(Path.home() / f"成长档案-{name}-{stamp}.pdf"))

    def browse(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), self.path_edit.text(), "PDF (*.pdf)")
        if target:
            self.path_edit.setText(target)

    def person_ids(self) -> list[str]:
        from yanqun_desktop.reports.archive_data import all_person_ids, cohort_person_ids
        from yanqun_desktop.services.scope import printable_people

        scope = self.scope.currentData()
        ids = all_person_ids(self.ctx.db) if scope == ALL_PEOPLE else cohort_person_ids(self.ctx.db, scope)
        return printable_people(self.ctx.db, self.ctx.actor(), ids)  # a studio leader: their studio's

    def start(self) -> Task | None:
        from yanqun_desktop.reports.archive_pdf import write_archive_pdf

        text = self.path_edit.text().strip()
        if not text:
            show_error(self.error, self.tr("Choose where to save the PDF."))
            return None
        path = Path(text)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        if not path.parent.is_dir():
            show_error(self.error, self.tr("The folder {0} does not exist.").format(path.parent))
            return None
        ids = self.person_ids()
        if not ids:
            show_error(self.error, self.tr("Nobody to print: the cohort has no active members."))
            return None
        show_error(self.error, "")
        self.cancel_event = threading.Event()
        cancel = self.cancel_event
        label = self.tr("Writing archive {0} of {1}…")

        def work(progress: Progress) -> Any:
            return write_archive_pdf(
                self.ctx.db, ids, path,
                progress=lambda done, total: progress(label.format(done, total), done / max(total, 1)),
                cancelled=cancel.is_set,
            )

        self.start_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.status.setText(self.tr("Writing {0} archives…").format(len(ids)))
        self.task = run_task(self, self.tr("Printing growth archives"), work, self._done, self._failed, cancel=cancel)
        return self.task

    def _done(self, result: Any) -> None:
        self.task = None
        self.result = result
        self.start_button.setEnabled(True)
        self.preview_button.setEnabled(True)
        pages = getattr(result, "pages", 0)
        people = getattr(result, "people", 0)
        text = self.tr("Written: {0} archives, {1} pages, to {2}").format(people, pages, result.path)
        note = _missing_note(result)
        self.status.setText(text + ("\n" + note if note else ""))

    def _failed(self, error: Exception) -> None:
        self.task = None
        self.start_button.setEnabled(True)
        if self.cancel_event.is_set():
            self.status.setText(self.tr("Cancelled; no file was written."))
            return
        self.status.setText("")
        show_error(self.error, error_text(error))

    def preview(self) -> PdfPreviewDialog | None:
        if self.result is None:
            return None
        path = Path(self.result.path)
        dialog = PdfPreviewDialog(path, self.tr("Growth archives — {0}").format(path.name), self,
                                  suggested_name=path.name)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def reject(self) -> None:
        if self.task is not None:  # stop the background work (it removes its file) before the dialog goes
            self.task.cancel()
            self.task.wait()
            self.task.detach()
            self.task = None
        super().reject()
