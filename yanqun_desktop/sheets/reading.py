"""Read the first useful sheet of a workbook or CSV a clerk sends, with guard rails.

Formats: .xlsx/.xlsm, .xls (Excel 97-2003), .ods through python-calamine (fast, read-only, and
it reads a formula cell as the value Excel cached, never evaluating anything); .csv in UTF-8
(with or without BOM) or GB18030, the two encodings Chinese office PCs write.

Guard rails come before parsing: a file over ``MAX_FILE_BYTES``, a zip whose members inflate
past ``MAX_INFLATED_BYTES`` (a zip bomb) or an .xlsx sheet whose declared dimension exceeds
``MAX_ROWS`` is refused with the limit named; after parsing the row count is checked again,
since the declared dimension is only a hint the file may lie about."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_ROWS = 200_000
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_INFLATED_BYTES = 400 * 1024 * 1024
# Rows × columns a sheet may span: the parser holds every cell of that rectangle (32 bytes each)
# and the rows come back as Python lists (~100 bytes a cell): 4 million cells is ~500 MB at most.
MAX_CELLS = 4_000_000
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


class SheetError(ValueError):
    """The file cannot be read as a table (message in Chinese, naming the file)."""


@dataclass
class SheetData:
    """The raw cells of one sheet: ``rows[i]`` is spreadsheet row ``i + 1`` (blank rows kept,
    so row numbers in messages match what the clerk sees in Excel)."""

    path: Path
    sheet_name: str
    rows: list[list[Cell]]
    hidden_sheets: list[str] = field(default_factory=list)

    def row_number(self, index: int) -> int:
        return index + 1


def _refuse_large(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SheetError(
            f"{path.name}：文件有 {size / 1024 / 1024:.1f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限，"
            "未读取。请拆分后分批导入。"
        )


_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:?[A-Z]*(\d*)"')


def _refuse_zip_bombs(path: Path) -> None:
    """Look inside .xlsx/.ods (zip files) before a parser inflates them."""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if sum(m.file_size for m in members) > MAX_INFLATED_BYTES:
                raise SheetError(f"{path.name}：解压后超过 {MAX_INFLATED_BYTES // 1024 // 1024} MB，未读取。")
            for m in members:
                if m.filename.startswith("xl/worksheets/sheet") and m.filename.endswith(".xml"):
                    with z.open(m) as fh:
                        head = fh.read(4096)
                    found = _DIMENSION.search(head)
                    if found and found.group(1) and int(found.group(1)) > MAX_ROWS + 1:
                        raise SheetError(
                            f"{path.name}：工作表有 {int(found.group(1)):,} 行，超过 {MAX_ROWS:,} 行的上限，未读取。"
                        )
            _refuse_wide_sheets(path, z)
    except SheetError:
        raise
    # Damaged members fail here rather than in the parser: a bad or lying size (CRC), an
    # encrypted member (RuntimeError), an unknown compression method (NotImplementedError).
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError):
        raise SheetError(f"{path.name}：文件已损坏或不是有效的表格文件。") from None


def _refuse_wide_sheets(path: Path, z: zipfile.ZipFile) -> None:
    """Every sheet's extent, from its XML (sheets/extent.py), within MAX_ROWS and MAX_CELLS:
    before the parser allocates the rectangle the sheet spans."""
    from yanqun_desktop.sheets.extent import ods_extent, sheet_parts, xlsx_extent

    names = set(z.namelist())
    if "content.xml" in names and "xl/workbook.xml" not in names:
        parts, measure = ["content.xml"], ods_extent
    else:
        parts, measure = sheet_parts(z), xlsx_extent
    for part in parts:
        with z.open(part) as fh:
            rows, cols = measure(fh, MAX_ROWS + 1, MAX_CELLS)
        if rows > MAX_ROWS + 1:  # the scan stops there: "at least"
            raise SheetError(f"{path.name}：工作表超过 {MAX_ROWS:,} 行的上限，未读取。请拆分后分批导入。")
        _check_extent(path, rows, cols, "至少")


def _check_extent(path: Path, rows: int, cols: int, bound: str = "") -> None:
    _check_rows(path, rows)
    if rows * cols > MAX_CELLS:
        raise SheetError(
            f"{path.name}：工作表的数据范围{bound}为 {rows:,} 行 × {cols:,} 列，超过 {MAX_CELLS:,} 个单元格的上限，"
            "未读取。请删除多余的行和列（或另存为只含名单的新文件）后再导入。"
        )


def _check_rows(path: Path, count: int) -> None:
    if count > MAX_ROWS + 1:
        raise SheetError(f"{path.name}：工作表有 {count:,} 行，超过 {MAX_ROWS:,} 行的上限，未读取。")


def read_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    """The named sheet, else the first visible worksheet; blank trailing cells trimmed."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError(f"{path.name}：不支持的文件类型（支持 {'、'.join(SUFFIXES)}）。")
    if not path.is_file():
        raise SheetError(f"{path.name}：文件不存在。")
    _refuse_large(path)
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        _refuse_zip_bombs(path)
    return _read_workbook(path, sheet)


def _read_workbook(path: Path, sheet: str | None) -> SheetData:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise SheetError(f"{path.name}：文件设有密码，请在 Excel 中取消密码后再导入。") from None
    except Exception:  # calamine raises several types for damaged files; all mean the same to a clerk
        raise SheetError(f"{path.name}：文件已损坏或不是有效的表格文件。") from None
    except BaseException as e:  # a Rust panic (a truncated .xls): pyo3's PanicException is no Exception
        raise _unless_panic(e, path) from None
    try:
        worksheets = [m for m in wb.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
        hidden = [m.name for m in worksheets if m.visible != pc.SheetVisibleEnum.Visible]
        if sheet is not None:
            if sheet not in wb.sheet_names:
                raise SheetError(f"{path.name}：找不到工作表“{sheet}”。")
            name = sheet
        else:
            visible = [m.name for m in worksheets if m.visible == pc.SheetVisibleEnum.Visible]
            if not visible:
                raise SheetError(f"{path.name}：没有可见的工作表。")
            name = visible[0]
        data = wb.get_sheet_by_name(name)
        _check_extent(path, data.total_height, data.total_width)  # .xls: not measured before parsing
        rows = data.to_python(skip_empty_area=False)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            cell = uncached_formula(path, name)
            if cell:
                raise SheetError(
                    f"{path.name}：工作表“{name}”的 {cell} 单元格是没有计算结果的公式"
                    "（文件由程序生成、未在 Excel 中保存过）。请在 Excel 中打开并保存一次，或把公式改为数值后再导入。"
                )
    except SheetError:
        raise
    except Exception:
        raise SheetError(f"{path.name}：文件已损坏或不是有效的表格文件。") from None
    except BaseException as e:
        raise _unless_panic(e, path) from None
    finally:
        wb.close()
    return SheetData(path, name, [_trim(r) for r in rows], hidden)


def _unless_panic(error: BaseException, path: Path) -> BaseException:
    """The SheetError for a panic inside calamine (pyo3 raises ``PanicException``, derived
    from BaseException so that ``except Exception`` misses it); anything else (Ctrl+C) as is."""
    if type(error).__name__ == "PanicException":
        return SheetError(f"{path.name}：文件已损坏或不是有效的表格文件。")
    return error


def _trim(row: list[Any]) -> list[Cell]:
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return list(row[:end])


def decode_csv(path: Path, raw: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(f"{path.name}：无法识别文件编码（支持 UTF-8 和 GB18030/GBK），请在 Excel 中另存为“CSV UTF-8”。")


def _read_csv(path: Path) -> SheetData:
    text = decode_csv(path, path.read_bytes())
    if "\x00" in text:
        raise SheetError(f"{path.name}：不是文本格式的 CSV 文件。")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append(_trim(row))
            if len(rows) > MAX_ROWS + 1:
                _check_rows(path, len(rows))
    except csv.Error as e:
        raise SheetError(f"{path.name}：第 {len(rows) + 1} 行格式错误（{e}）。") from None
    return SheetData(path, path.stem, rows)


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_member(z: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the worksheet called ``sheet_name`` (workbook.xml + its rels)."""
    import xml.etree.ElementTree as ET

    try:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return None
    rel_id = next((s.get(_REL_ID) for s in book.iterfind("m:sheets/m:sheet", _NS) if s.get("name") == sheet_name), None)
    target = next((r.get("Target") for r in rels if r.get("Id") == rel_id), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def uncached_formula(path: Path, sheet_name: str) -> str | None:
    """The first cell of the sheet holding a formula without a cached value, else None.

    Excel saves each formula's last result beside it, and calamine reads that; a file written
    by a program (openpyxl, a script) has none, and the cell would read as empty — silently
    losing what the clerk sees in Excel. A quick byte scan skips sheets without formulas."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as z:
        member = _sheet_member(z, sheet_name)
        if member is None or member not in z.namelist():
            return None
        with z.open(member) as fh:
            tail, found = b"", False
            while not found and (chunk := fh.read(1 << 20)):
                found = b"<f" in tail + chunk or b":f>" in tail + chunk  # "<f>" or a prefixed "<x:f>"
                tail = chunk[-4:]
            if not found:
                return None
        with z.open(member) as fh:
            for _event, element in ET.iterparse(fh):
                if element.tag.endswith("}c"):
                    formula = element.find("m:f", _NS)
                    value = element.find("m:v", _NS)
                    if formula is not None and (value is None or value.text in (None, "")):
                        return element.get("r") or "?"
                    element.clear()
    return None
