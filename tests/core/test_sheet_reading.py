"""Reading what clerks send: the first visible sheet, row numbers as Excel shows them, CSV in
the encodings office PCs write, and refusals (size, rows, zip bombs, damage) that name the file."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from yanqun_desktop.sheets import reading
from yanqun_desktop.sheets.reading import SheetError, read_sheet


def _workbook(path: Path) -> Path:
    wb = Workbook()
    hidden = wb.active
    hidden.title = "旧表"
    hidden.append(["不该读到"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("名单")
    ws.append(["姓名", "出生日期", "身份证号"])
    ws.append(["林小北", dt.date(1985, 3, 12), "44030519850312001X"])
    ws.append([])
    ws.append(["何东南", "1986.4.1", None, None])
    wb.save(path)
    return path


def test_first_visible_sheet_with_excel_row_numbers(tmp_path: Path) -> None:
    data = read_sheet(_workbook(tmp_path / "名单.xlsx"))
    assert data.sheet_name == "名单"
    assert data.hidden_sheets == ["旧表"]
    assert data.rows[0] == ["姓名", "出生日期", "身份证号"]
    assert data.rows[1][:2] == ["林小北", dt.date(1985, 3, 12)]
    assert data.rows[2] == []  # the blank row is kept, so row 4 is still row 4
    assert data.rows[3] == ["何东南", "1986.4.1"]  # trailing blank cells trimmed
    assert data.row_number(3) == 4


def test_named_sheet_and_missing_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "a.xlsx")
    assert read_sheet(path, "旧表").rows == [["不该读到"]]
    with pytest.raises(SheetError, match=r"a\.xlsx.*找不到工作表"):
        read_sheet(path, "不存在")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名,手机号\n赵一鸣,13800000000\n".encode(encoding))
    assert read_sheet(path).rows == [["姓名", "手机号"], ["赵一鸣", "13800000000"]]


def test_tab_separated_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("姓名\t社区\n钱二\t南山社区\n", encoding="utf-8")
    assert read_sheet(path).rows[1] == ["钱二", "南山社区"]


def test_undecodable_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\xff\xfe\x00\x81\x30\xff\xff")
    with pytest.raises(SheetError, match=r"乱码\.csv.*编码"):
        read_sheet(path)


def test_damaged_and_unknown_files(tmp_path: Path) -> None:
    damaged = tmp_path / "坏.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SheetError, match=r"坏\.xlsx"):
        read_sheet(damaged)
    other = tmp_path / "照片.jpg"
    other.write_bytes(b"\xff\xd8")
    with pytest.raises(SheetError, match="不支持"):
        read_sheet(other)
    with pytest.raises(SheetError, match="不存在"):
        read_sheet(tmp_path / "没有.xlsx")


def test_row_limit_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = Workbook()
    for i in range(30):
        wb.active.append([f"人{i}"])
    path = tmp_path / "大.xlsx"
    wb.save(path)
    monkeypatch.setattr(reading, "MAX_ROWS", 10)
    with pytest.raises(SheetError, match="超过 10 行"):
        read_sheet(path)
    csv_path = tmp_path / "大.csv"
    csv_path.write_text("\n".join(f"人{i}" for i in range(30)), encoding="utf-8")
    with pytest.raises(SheetError, match="超过 10 行"):
        read_sheet(csv_path)


def test_oversized_file_refused_with_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "巨大.csv"
    path.write_bytes(b"a,b\n" * 1000)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1024)
    with pytest.raises(SheetError, match=r"巨大\.csv.*上限"):
        read_sheet(path)


def test_zip_bomb_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 5_000_000)
    assert path.stat().st_size < 50_000
    monkeypatch.setattr(reading, "MAX_INFLATED_BYTES", 1_000_000)
    with pytest.raises(SheetError, match="解压后超过"):
        read_sheet(path)


def test_formula_without_cached_value_is_refused_naming_the_cell(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "手机号"])
    ws.append(["林小北", "=1+1"])  # openpyxl saves the formula with no result, as scripts do
    path = tmp_path / "公式.xlsx"
    wb.save(path)
    with pytest.raises(SheetError, match=r"公式\.xlsx.*B2.*公式"):
        read_sheet(path)


def test_formula_with_cached_value_reads_as_the_value(tmp_path: Path) -> None:
    """What Excel writes: the formula and its last result; the result is what is read."""
    path = tmp_path / "excel.xlsx"
    wb = Workbook()
    wb.active.append(["姓名", "序号"])
    wb.active.append(["林小北", 7])
    wb.save(path)
    with zipfile.ZipFile(path) as z:  # give cell B2 a formula beside its cached value, as Excel does
        members = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(b'<c r="B2" t="n"><v>7</v>', b'<c r="B2" t="n"><f>3+4</f><v>7</v>')
    assert b"<f>3+4</f>" in members[sheet]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    assert read_sheet(path).rows[1] == ["林小北", 7.0]
