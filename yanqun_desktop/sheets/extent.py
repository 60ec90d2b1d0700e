"""How far a workbook's sheets reach, read from their XML before a parser sees them.

calamine sizes a sheet by its farthest cell and allocates every cell of that rectangle at once
(32 bytes each): a 1.5 KB .xlsx with cells at A1 and XFD1048576 asks for 550 GB and aborts the
whole process (a Rust allocation failure is not an exception). An .xlsx names each cell's
position (``r="XFD1048576"``; cells without one follow the previous cell) and an .ods repeats
rows and cells (``table:number-rows-repeated``), so the extent is known from the XML alone:
this streams each sheet part once, 1 MiB at a time, never holding it whole. About 1 s per
100 MB of sheet XML — a third of what calamine then takes to parse it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from typing import IO

_BLOCK = 1 << 20
_OVERLAP = 64  # longer than any reference or tag name matched below
# A row or cell position: r="B12" (a cell) or r="12" (a row). Starts with a literal, so the
# regex engine skips ahead with a fast search.
_REF = re.compile(rb'r="([A-Z]{0,3})([0-9]{1,7})"')
_ROW_START = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>")
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="([0-9]{1,9})"')
_COLS_REPEATED = re.compile(rb'number-columns-repeated="([0-9]{1,9})"')
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _blocks(fh: IO[bytes]) -> Iterator[tuple[bytes, bytes]]:
    """(block, overlap): the part in blocks that begin with the last bytes of the block before
    (``overlap``), so a match cut by a block boundary is whole in the next block."""
    tail = b""
    while chunk := fh.read(_BLOCK):
        yield tail + chunk, tail
        tail = chunk[-_OVERLAP:]


def xlsx_extent(fh: IO[bytes], max_rows: int, max_cells: int) -> tuple[int, int]:
    """(rows, columns) an .xlsx worksheet part spans: the farthest position named, or, for
    rows and cells written without one, how many there are (the widest row's cell count).
    Stops early once past ``max_rows`` or ``max_cells``."""
    rows = cols = 0
    row_tags = 0
    cells_in_row = widest = 0
    for block, overlap in _blocks(fh):
        found = _REF.findall(block)
        if found:
            rows = max(rows, max(map(int, {r for _, r in found})))
            letters = {c for c, _ in found if c}
            if letters:
                cols = max(cols, max(map(column_number, letters)))
        parts = _ROW_START.split(block)
        row_tags += len(parts) - len(_ROW_START.findall(overlap)) - 1  # those were counted before
        cells_in_row += len(_CELL_START.findall(parts[0]))
        for part in parts[1:]:
            widest = max(widest, cells_in_row)
            cells_in_row = len(_CELL_START.findall(part))
        height, width = max(rows, row_tags), max(cols, widest, cells_in_row)
        if height > max_rows or height * width > max_cells:
            break
    return max(rows, row_tags), max(cols, widest, cells_in_row)


def ods_extent(fh: IO[bytes], max_rows: int, max_cells: int) -> tuple[int, int]:
    """(rows, columns) the cells holding something span in an .ods content part, with repeats
    expanded (LibreOffice repeats identical neighbours; the empty rows and cells it repeats up
    to the sheet's edge are not counted: calamine skips those too). Stops early once past
    ``max_rows`` or ``max_cells``."""
    rows = cols = 0
    row = col = 0
    repeat = 1
    filled = False
    for block in _blocks_at_tags(fh):
        for closing, tag, attrs, empty in _ODS_TAG.findall(block):
            if tag == b"table":  # another sheet: its rows count from the top again
                row = 0
                continue
            if tag == b"table-row":
                if not closing:
                    got = _ROWS_REPEATED.search(attrs)
                    repeat, col, filled = (int(got.group(1)) if got else 1), 0, False
                if closing or empty:
                    row += repeat
                    if filled:
                        rows = row
                continue
            if closing:
                continue
            got = _COLS_REPEATED.search(attrs)
            span = int(got.group(1)) if got else 1
            if not empty or b"value-type" in attrs:  # a cell with content (empty ones: "<table:table-cell/>")
                filled = True
                cols = max(cols, col + span)
            col += span
        if rows > max_rows or rows * cols > max_cells:
            break
    return rows, cols


def _blocks_at_tags(fh: IO[bytes]) -> Iterator[bytes]:
    """Blocks cut after a ">" so no tag is split (each tag is then seen exactly once)."""
    tail = b""
    while chunk := fh.read(_BLOCK):
        data = tail + chunk
        cut = data.rfind(b">") + 1
        if cut == 0 and len(data) < 16 * _BLOCK:
            tail = data
            continue
        cut = cut or len(data)
        yield data[:cut]
        tail = data[cut:]
    if tail:
        yield tail


def sheet_parts(z: zipfile.ZipFile) -> list[str]:
    """The worksheet parts of an .xlsx (from the workbook and its relationships, where the
    parser finds them), or every XML part when those cannot be read."""
    names = set(z.namelist())
    try:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        ids = {s.get(_REL_ID) for s in book.iterfind("m:sheets/m:sheet", _NS)}
        targets = [r.get("Target") or "" for r in rels if r.get("Id") in ids]
        parts = [t.lstrip("/") if t.startswith("/") else f"xl/{t}" for t in targets]
        if all(p in names for p in parts):
            return parts
    except (KeyError, ET.ParseError):
        pass
    return [n for n in names if n.lower().endswith(".xml")]
