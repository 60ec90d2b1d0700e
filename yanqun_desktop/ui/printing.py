"""Printing a PDF the reports layer wrote: render its pages onto a ``QPrinter``.

The printed page is the PDF page, drawn as an image at up to ``MAX_DPI`` and scaled to the
printer's paintable area with its aspect ratio kept. Rendering through QtPdf (PDFium) means
what prints is exactly what the preview showed and what a PDF reader would show."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, QSizeF
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

# Enough for crisp Chinese text on an office laser printer, without a 140 MB image per A4
# page at 600 dpi (300 dpi A4 is about 35 MB in ARGB32).
MAX_DPI = 300

PageProgress = Callable[[int, int], bool]  # (page done, page count) -> keep going?


def _target_rect(page_points: QSizeF, area: QRect) -> QRect:
    """The largest rectangle of the page's aspect ratio centred in the printer's paint area."""
    scale = min(area.width() / page_points.width(), area.height() / page_points.height())
    width, height = round(page_points.width() * scale), round(page_points.height() * scale)
    return QRect(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2, width, height)


def print_pdf(document: QPdfDocument, printer: QPrinter, progress: PageProgress | None = None) -> int:
    """Print every page of ``document`` (within the printer's from/to range when one is set);
    returns the number of pages rendered. When ``progress`` returns False the job is aborted."""
    count = document.pageCount()
    first, last = 1, count
    if printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("打印机无法开始打印（请检查打印机是否可用）。")
    printed = 0
    try:
        dpi = min(MAX_DPI, printer.resolution())
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        area.moveTo(0, 0)  # paint coordinates start at the paintable area's corner
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(number - 1)
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(number - 1, pixels)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(_target_rect(points, area), image)
            printed += 1
            if progress is not None and not progress(printed, last - first + 1):
                printer.abort()  # the job is dropped, not printed as far as it got
                break
    finally:
        painter.end()
    return printed

