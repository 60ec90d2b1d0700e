"""打印预览 and printing: the preview shows the PDF's pages, printing renders them onto a
PDF-format QPrinter that is read back; a cancellable task stops when asked."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from yanqun_desktop.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from yanqun_desktop.ui.operations import run_task
from yanqun_desktop.ui.qt_app import ensure_app


def _two_page_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in (1, 2):
        c.setFont("Helvetica", 24)
        c.drawString(100, 700, f"Page {n}")
        c.rect(50, 50, 495, 742)
        c.showPage()
    c.save()
    return path


def test_preview_shows_pages_and_prints_them(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    source = _two_page_pdf(tmp_path / "in.pdf")
    dialog = PdfPreviewDialog(source, "预览", suggested_name="档案.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.document.pageCount() == 2
    assert dialog.page_box.maximum() == 2
    assert dialog.print_button.isEnabled()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed_file = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed_file))
    assert dialog.print_to(printer) == 2

    reader = PdfReader(printed_file)
    assert len(reader.pages) == 2
    for page in reader.pages:  # each printed page carries the rendered PDF page as an image
        assert len(page.images) == 1
        assert page.images[0].image.width >= 2000  # rendered at 300 dpi, not a thumbnail


def test_printing_a_page_range(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    dialog = PdfPreviewDialog(_two_page_pdf(tmp_path / "in.pdf"), "预览")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "page2.pdf"))
    printer.setFromTo(2, 2)
    assert dialog.print_to(printer) == 1
    assert len(PdfReader(tmp_path / "page2.pdf").pages) == 1


def test_save_as_copies_the_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    source = _two_page_pdf(tmp_path / "in.pdf")
    dialog = PdfPreviewDialog(source, "预览")
    qtbot.addWidget(dialog)
    saved = dialog.copy_to(tmp_path / "copy")
    assert saved == tmp_path / "copy.pdf"
    assert saved.read_bytes() == source.read_bytes()


def test_a_broken_pdf_cannot_be_printed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    dialog = PdfPreviewDialog(broken, "预览")
    qtbot.addWidget(dialog)
    assert not dialog.print_button.isEnabled()


def test_cancellable_task_stops_and_reports(qtbot) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    cancel = threading.Event()
    started = threading.Event()
    errors: list[Exception] = []

    def work(progress):  # type: ignore[no-untyped-def]
        started.set()
        while not cancel.is_set():
            progress("working", 0.5)
            cancel.wait(0.01)
        raise InterruptedError("cancelled")

    task = run_task(None, "测试", work, lambda _r: None, errors.append, cancel=cancel)
    assert task.dialog.findChild(QPushButton) is not None  # a cancel button, unlike imports' dialogs
    qtbot.waitUntil(started.is_set, timeout=3000)
    task.cancel()
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=3000)
    assert isinstance(errors[0], InterruptedError)


def test_waiting_for_a_task_from_the_ui_thread_returns(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing a window waits for its work; that must not deadlock on the UI thread's own loop."""
    ensure_app()
    results: list[object] = []
    started = threading.Event()

    def work(_progress):  # type: ignore[no-untyped-def]
        started.set()
        return 7

    task = run_task(None, "测试", work, results.append, results.append)
    assert started.wait(5)
    done = threading.Event()
    waiter = threading.Timer(10, lambda: None if done.is_set() else os._exit(99))  # a deadlock fails loudly
    waiter.start()
    task.wait()
    done.set()
    waiter.cancel()
    qtbot.waitUntil(lambda: results == [7], timeout=3000)  # the result still arrives afterwards


def test_a_cancelled_print_job_is_aborted(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Cancelling drops the job at the printer (QPrinter.abort), rather than printing the pages
    rendered so far."""
    from yanqun_desktop.ui.printing import print_pdf

    class RecordingPrinter(QPrinter):
        aborted = False

        def abort(self) -> bool:
            self.aborted = True
            return super().abort()

    ensure_app()
    dialog = PdfPreviewDialog(_two_page_pdf(tmp_path / "in.pdf"), "预览")
    qtbot.addWidget(dialog)
    printer = RecordingPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "aborted.pdf"))
    assert print_pdf(dialog.document, printer, lambda done, total: False) == 1
    assert printer.aborted
    printer2 = RecordingPrinter(QPrinter.PrinterMode.HighResolution)
    printer2.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer2.setOutputFileName(str(tmp_path / "whole.pdf"))
    assert print_pdf(dialog.document, printer2, lambda done, total: True) == 2
    assert not printer2.aborted
