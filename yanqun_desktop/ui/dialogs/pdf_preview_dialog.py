"""打印预览: a PDF the app wrote, shown page by page, printed through the system's dialog.

The preview is QtPdf's view of the very file that prints, so a studio leader sees what the
printer will produce. 另存为 copies the file (a clerk e-mails it or prints it elsewhere)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.ui.printing import print_pdf
from yanqun_desktop.ui.widgets.dialog_parts import make_button


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, title: str, parent: QWidget | None = None, *,
                 suggested_name: str = "", note: str = "") -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.suggested_name = suggested_name or self.path.name
        self.setWindowTitle(title)
        self.resize(820, 960)
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page_box = QSpinBox()
        self.page_box.setRange(1, max(1, self.document.pageCount()))
        self.page_box.valueChanged.connect(self.go_to_page)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        self.count_label = QLabel(self.tr("of {0} pages").format(self.document.pageCount()))
        self.print_button = make_button(self.tr("&Print…"), "print", self.print_dialog)
        self.save_button = make_button(self.tr("Save &as…"), "save_as", self.save_as)
        self.fit_button = make_button(self.tr("Fit &page"), "fit", self.toggle_fit)
        close = make_button(self.tr("Close"), "close", self.reject)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Page")))
        bar.addWidget(self.page_box)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        if note:
            note_label = QLabel(note)
            note_label.setObjectName("note")
            note_label.setWordWrap(True)
            note_label.setStyleSheet("color: #a15c00;")
            layout.addWidget(note_label)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        if error != QPdfDocument.Error.None_:
            self.print_button.setEnabled(False)
            layout.addWidget(QLabel(self.tr("The PDF could not be opened: {0}").format(self.path.name)))

    def go_to_page(self, number: int) -> None:
        self.view.pageNavigator().jump(number - 1, QPointF(), self.view.pageNavigator().currentZoom())

    def _page_shown(self, page: int) -> None:
        """Scrolling moves the page number along, without jumping back."""
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def toggle_fit(self) -> None:
        whole = self.view.zoomMode() != QPdfView.ZoomMode.FitInView
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if whole else QPdfView.ZoomMode.FitToWidth)
        self.fit_button.setText(self.tr("Fit &width") if whole else self.tr("Fit &page"))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setFromTo(1, self.document.pageCount())
        return printer

    def print_dialog(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render the pages onto ``printer`` with a progress dialog that can stop the job: a
        cohort's archives run to hundreds of pages. Painting stays on this (the GUI) thread,
        where QtPdf and the printer live; the event loop turns between pages."""
        progress = QProgressDialog(self.tr("Sending pages to the printer…"), self.tr("Cancel"), 0,
                                   self.document.pageCount(), self)
        progress.setWindowTitle(self.tr("Printing"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QCoreApplication.processEvents()
            return not progress.wasCanceled()

        try:
            return print_pdf(self.document, printer, step)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Not printed"), str(e))
            return 0
        finally:
            progress.close()
            progress.deleteLater()

    def save_as(self) -> Path | None:
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), self.suggested_name, "PDF (*.pdf)")
        if not target:
            return None
        return self.copy_to(Path(target))

    def copy_to(self, target: Path) -> Path | None:
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            if target.resolve() != self.path.resolve():
                shutil.copyfile(self.path, target)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr("{0}: {1}").format(target.name, e.strerror or e))
            return None
        return target
