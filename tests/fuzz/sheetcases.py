"""Spreadsheet fuzz cases: hand-made ones (each attack named) for the roster import and the
sign-in sheet import, and a hypothesis strategy that puts hostile values into cells, merges,
hides, converts to CSV in another encoding or damages the written file."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from copy import deepcopy
from pathlib import Path
from typing import Any

from sheetworld import SHEET_HEAD, SHEET_TAIL, Grid, SheetWorld, raw_xlsx, write_csv, write_xlsx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
Build = Callable[[SheetWorld, str], tuple[Path, str]]  # (world, label) -> (file, target)
Case = tuple[str, Build]


def _grid(world: SheetWorld, target: str) -> Grid:
    return deepcopy(world.roster if target == "roster" else world.signin)


def xlsx(change: Callable[[Grid], Any] | None = None, target: str = "roster", **options: Any) -> Build:
    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        grid = _grid(world, target)
        if change:
            change(grid)
        return write_xlsx(world.path(label, ".xlsx"), grid, **options), target

    return build


def csv_file(encoding: str = "utf-8", change: Callable[[Grid], Any] | None = None, target: str = "roster",
             **options: Any) -> Build:
    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        grid = _grid(world, target)
        if change:
            change(grid)
        return write_csv(world.path(label, ".csv"), grid, encoding, **options), target

    return build


def raw(suffix: str, data: bytes | Callable[[], bytes], target: str = "roster") -> Build:
    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        path = world.path(label, suffix)
        path.write_bytes(data() if callable(data) else data)
        return path, target

    return build


def damaged(inner: Build, damage: Callable[[bytes], bytes]) -> Build:
    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        path, target = inner(world, label)
        path.write_bytes(damage(path.read_bytes()))
        return path, target

    return build


def sheet_xml(rows: Callable[[], Iterator[bytes]], head: bytes = SHEET_HEAD, **options: Any) -> Build:
    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        def parts() -> Iterator[bytes]:
            yield head
            yield from rows()
            yield SHEET_TAIL

        return raw_xlsx(world.path(label, ".xlsx"), parts(), **options), "roster"

    return build


def cached(inner: Build) -> Build:
    """``inner`` built once per world (big files: a million rows, a 410 MB bomb), then copied."""

    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        import shutil

        folder = world.root / "cache"
        folder.mkdir(exist_ok=True)
        key = "".join(c if c.isalnum() else "-" for c in label)
        found = sorted(folder.glob(f"{key}.*"))
        if not found:
            path, target = inner(world, label)
            kept = folder / f"{key}.{target}{path.suffix}"
            shutil.copyfile(path, kept)
            return path, target
        kept = found[0]
        target, suffix = kept.suffixes[-2][1:], kept.suffix
        path = world.path(label, suffix)
        shutil.copyfile(kept, path)
        return path, target

    return build


def cell(grid: Grid, r: int, c: int, value: Any) -> None:
    while len(grid) <= r:
        grid.append([])
    while len(grid[r]) <= c:
        grid[r].append(None)
    grid[r][c] = value


def setting(*changes: tuple[int, int, Any]) -> Callable[[Grid], None]:
    def change(grid: Grid) -> None:
        for r, c, value in changes:
            cell(grid, r, c, value)

    return change


def _row_block(n: int, start: int = 1) -> Iterator[bytes]:
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe5\xa7\x93\xe5\x90\x8d</t></is></c></row>'
    batch = []
    for i in range(max(start, 2), n + 1):
        batch.append(f'<row r="{i}"><c r="A{i}" t="n"><v>{i}</v></c></row>')
        if len(batch) == 20_000:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode()


def _bomb_member(declared_small: bool, name: str = "xl/styles.xml", size_mb: int = 410) -> Build:
    """A real workbook whose ``name`` part is padded with ``size_mb`` MB of spaces (inside
    its XML, so it stays well-formed), the sizes honest or, ``declared_small``, claiming 1 KB."""

    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        import io

        path = world.path(label, ".xlsx")
        write_xlsx(path, world.roster)
        src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            for info in src.infolist():
                data = src.read(info)
                if info.filename != name:
                    z.writestr(info.filename, data)
                    continue
                root = re.search(rb"<[^?!]", data)
                cut = data.index(b">", root.start() if root else 0) + 1  # after the root's start tag
                with z.open(name, "w", force_zip64=True) as fh:
                    fh.write(data[:cut])
                    block = b" " * (1 << 20)
                    for _ in range(size_mb):
                        fh.write(block)
                    fh.write(data[cut:])
        if declared_small:  # make the zip lie: the padded part declared as 1 KB in both headers
            data = bytearray(path.read_bytes())
            name_bytes = name.encode()
            for sig, size_at, len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
                at = data.find(sig)
                while at >= 0:
                    n = int.from_bytes(data[at + len_at : at + len_at + 2], "little")
                    if data[at + name_at : at + name_at + n] == name_bytes:
                        data[at + size_at : at + size_at + 4] = (1024).to_bytes(4, "little")
                    at = data.find(sig, at + 4)
            path.write_bytes(bytes(data))
        return path, "roster"

    return build


def _flags(flag: int = 0, method: int | None = None) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        buf = bytearray(data)
        for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
            at = buf.find(sig)
            while at >= 0:
                buf[at + flag_at] |= flag
                if method is not None:
                    buf[at + method_at : at + method_at + 2] = method.to_bytes(2, "little")
                at = buf.find(sig, at + 4)
        return bytes(buf)

    return damage


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          b'<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>')


def ods(body: str) -> Build:
    """An .ods whose one table holds ``body`` (rows as OpenDocument XML)."""

    def build(world: SheetWorld, label: str) -> tuple[Path, str]:
        path = world.path(label, ".ods")
        office = "urn:oasis:names:tc:opendocument:xmlns"
        content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}:office:1.0" '
                   f'xmlns:table="{office}:table:1.0" xmlns:text="{office}:text:1.0" office:version="1.2">'
                   f'<office:body><office:spreadsheet><table:table table:name="名单">{body}</table:table>'
                   "</office:spreadsheet></office:body></office:document-content>")
        manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{office}:manifest:1.0" '
                    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                    '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
            z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        return path, "roster"

    return build


def _ods_cell(text: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{text}</text:p></table:table-cell>'


def _ods_rows(rows: int, cols: int) -> str:
    header = "<table:table-row>" + _ods_cell("姓名") + "</table:table-row>"
    return header + (f'<table:table-row table:number-rows-repeated="{rows}">{_ods_cell("测试", cols)}'
                     "</table:table-row>")


def _cut(fraction: float) -> Callable[[bytes], bytes]:
    return lambda data: data[: int(len(data) * fraction)]


def _flip(*fractions: float) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        buf = bytearray(data)
        for f in fractions:
            buf[int(len(buf) * f)] ^= 0x5A
        return bytes(buf)

    return damage


WRONG_VALUES: tuple[Any, ...] = (
    12345, 1.5, -0.0, 1e308, 440305198503120012, 4.40305198503121e17, True, dt.date(1900, 1, 1),
    dt.datetime(2099, 12, 31, 23, 59), dt.time(12, 30), "=1/0", "=A1", '=HYPERLINK("http://x","y")',
    "长" * 32_000, " ", "\u3000", "＊＊＊", "4403**********123X", "2024-02-30", "１９８５年３月", "NULL",
)


def _every_column_wrong(target: str) -> list[Case]:
    """Each column given each wrong value (in CI every third value per column, a different
    third for neighbouring columns, so every value still meets several columns)."""
    from fuzzkit import scale

    row = 1 if target == "roster" else 5
    width = 10 if target == "roster" else 6
    step = 1 if scale() > 1 else 3
    return [
        (f"{target}: column {c} = {str(v)[:16]!r}", xlsx(setting((row, c, v)), target))
        for c in range(width) for v in WRONG_VALUES[c % step :: step]
    ]


def hand_made() -> list[Case]:
    head = 0
    cases: list[Case] = [
        ("roster: valid xlsx", xlsx()),
        ("roster: valid xlsx again", xlsx()),
        ("roster: csv utf-8", csv_file("utf-8")),
        ("roster: csv utf-8 with BOM", csv_file("utf-8-sig")),
        ("roster: csv gb18030", csv_file("gb18030")),
        ("roster: csv tab-separated", csv_file("utf-8", delimiter="\t")),
        ("roster: csv utf-16", csv_file("utf-16")),
        ("roster: csv big5", csv_file("big5", errors="replace")),
        ("roster: csv garbage bytes", raw(".csv", bytes(range(128, 256)) * 64)),
        ("roster: csv utf-8 with one gbk row",
         raw(".csv", "姓名,性别\n林一,男\n".encode() + "陈二,女\n".encode("gbk"))),
        ("roster: csv with NUL", raw(".csv", "姓名\n林\0一\n".encode())),
        ("roster: csv empty", raw(".csv", b"")),
        ("roster: csv only a BOM", raw(".csv", b"\xef\xbb\xbf")),
        ("roster: csv header only", raw(".csv", "姓名,性别\n".encode())),
        ("roster: csv 1,000,000 rows", cached(raw(".csv", lambda: "姓名\n".encode() + "林\n".encode() * 1_000_000))),
        ("roster: csv field of 200 KB", raw(".csv", "姓名,备注\n林一,".encode() + b"x" * 200_000 + b"\n")),
        ("roster: csv unbalanced quote", raw(".csv", '姓名,备注\n林一,"没有结束\n陈二,x\n'.encode())),
        ("roster: csv CR line ends", raw(".csv", "姓名,性别\r林一,男\r陈二,女\r".encode())),
        ("roster: csv 20,000 columns", raw(".csv", ("姓名," + ",".join(["x"] * 20_000) + "\n").encode())),
        ("roster: csv quotes for the sniffer", raw(".csv", ('"' * 4000 + "," * 4000 + "\n").encode())),
        ("roster: empty xlsx", raw(".xlsx", b"")),
        ("roster: text named xlsx", raw(".xlsx", "姓名,性别\n".encode())),
        ("roster: xlsx named csv", lambda w, label: (write_xlsx(w.path(label, ".csv"), w.roster), "roster")),
        ("roster: unsupported suffix", raw(".txt", "姓名\n".encode())),
        ("roster: formula without cached value", xlsx(setting((1, 0, "=CONCAT(\"林\",\"一\")")))),
        ("roster: formula in the header", xlsx(setting((head, 0, "=\"姓名\"")))),
        ("roster: merged cells across rows", xlsx(merged=("A2:A4", "B1:C1"))),
        ("roster: hidden first sheet", xlsx(hidden_first=True)),
        ("roster: very hidden first sheet", xlsx(hidden_first=True, very_hidden=True)),
        ("roster: extra sheets", xlsx(extra_sheets=3)),
        ("roster: header on row 12", xlsx(lambda g: g.__setitem__(slice(0, 0), [[None]] * 11))),
        ("roster: no header", xlsx(lambda g: g.pop(0))),
        ("roster: header twice", xlsx(lambda g: g[0].extend(["姓名", "性别"]))),
        ("roster: 100 empty columns then data", xlsx(lambda g: [r.__setitem__(slice(0, 0), [None] * 100) for r in g])),
        ("roster: xlsx 1,000,000 rows with dimension", sheet_xml(lambda: _row_block(10), head=SHEET_HEAD.replace(
            b"<sheetData>", b'<dimension ref="A1:A1000000"/><sheetData>'))),
        ("roster: xlsx 1,000,000 rows, no dimension", cached(sheet_xml(lambda: _row_block(1_000_000)))),
        ("roster: xlsx cells at A1 and XFD1048576", sheet_xml(lambda: iter([
            b'<row r="1"><c r="A1" t="n"><v>1</v></c></row>',
            b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>']))),
        ("roster: xlsx 150,000 rows x 16,384 columns", sheet_xml(lambda: iter([
            b'<row r="1"><c r="A1" t="n"><v>1</v></c><c r="XFD1" t="n"><v>1</v></c></row>',
            b'<row r="150000"><c r="A150000" t="n"><v>1</v></c></row>']))),
        ("roster: xlsx r attribute last", sheet_xml(lambda: iter([
            b'<row r="1"><c t="n" r="XFD150000"><v>1</v></c></row>']))),
        ("roster: xlsx wide row without positions", sheet_xml(lambda: iter(
            [b"<row>" + b'<c t="n"><v>1</v></c>' * 16_000 + b"</row>"]
            + [b'<row><c t="n"><v>1</v></c></row>' * 1000] * 200))),
        ("roster: xlsx shared string out of range",
         sheet_xml(lambda: iter([b'<row r="1"><c r="A1" t="s"><v>99</v></c></row>']),
                                                              shared=b"<sst/>")),
        ("roster: xlsx sheet not well-formed", sheet_xml(lambda: iter([b"<row r=1><c><<<"]))),
        ("roster: xlsx billion laughs", lambda w, label: (raw_xlsx(w.path(label, ".xlsx"), LAUGHS), "roster")),
        ("roster: xlsx workbook missing", damaged(xlsx(), lambda d: _drop_member(d, "xl/workbook.xml"))),
        ("roster: zip bomb, honest sizes (410 MB)", cached(_bomb_member(declared_small=False))),
        ("roster: zip bomb, styles lying (60 MB as 1 KB)", _bomb_member(True, size_mb=60)),
        ("roster: zip bomb, sheet lying (60 MB as 1 KB)", _bomb_member(True, "xl/worksheets/sheet1.xml", 60)),
        ("roster: encrypted zip members", damaged(xlsx(), _flags(flag=1))),
        ("roster: zip method 99", damaged(xlsx(), _flags(method=99))),
        ("roster: zip method bzip2", damaged(xlsx(), _flags(method=12))),
        ("roster: xls fixture", raw(".xls", (FIXTURES / "people.xls").read_bytes())),
        ("roster: ods valid", ods("<table:table-row>" + _ods_cell("姓名") + "</table:table-row><table:table-row>"
                                  + _ods_cell("林一") + "</table:table-row>")),
        ("roster: ods 1,000,000 repeated rows", ods(_ods_rows(1_000_000, 1))),
        ("roster: ods 150,000 rows x 60 repeated cells", ods(_ods_rows(150_000, 60))),
        ("roster: ods 100,000 rows x 16,384 cells", ods(_ods_rows(100_000, 16_384))),
        ("roster: ods empty rows to the sheet's edge",
         ods("<table:table-row>" + _ods_cell("姓名") + "</table:table-row>"
                                                           '<table:table-row table:number-rows-repeated="1048575">'
                                                           '<table:table-cell table:number-columns-repeated="1024"/>'
                                                           "</table:table-row>")),
    ]
    for fraction in (0.0, 0.1, 0.5, 0.9, 0.999):
        cases.append((f"roster: xlsx cut at {fraction:.0%}", damaged(xlsx(), _cut(fraction))))
        cases.append((f"roster: xls cut at {fraction:.0%}", damaged(raw(".xls", (FIXTURES / "people.xls").read_bytes()),
                                                                   _cut(fraction))))
    for f in (0.05, 0.3, 0.6, 0.95):
        cases.append((f"roster: xlsx byte flipped at {f:.0%}", damaged(xlsx(), _flip(f))))
        cases.append((f"roster: xls byte flipped at {f:.0%}",
                      damaged(raw(".xls", (FIXTURES / "people.xls").read_bytes()),
                                                                     _flip(f))))
        cases.append((f"roster: ods byte flipped at {f:.0%}", damaged(ods(_ods_rows(3, 2)), _flip(f))))
    cases += _every_column_wrong("roster")
    cases += [
        ("signin: valid", xlsx(target="attendance")),
        ("signin: valid again", xlsx(target="attendance")),
        ("signin: as csv", csv_file("utf-8", target="attendance")),
        ("signin: as csv gb18030", csv_file("gb18030", target="attendance")),
        ("signin: session id unknown", xlsx(setting((2, 1, "00000000-0000-0000-0000-000000000000")), "attendance")),
        ("signin: session id blank", xlsx(setting((2, 1, None)), "attendance")),
        ("signin: session id a number", xlsx(setting((2, 1, 12345)), "attendance")),
        ("signin: session id 10,000 chars", xlsx(setting((2, 1, "x" * 10_000)), "attendance")),
        ("signin: session id formula", xlsx(setting((2, 1, "=B1")), "attendance")),
        ("signin: header removed", xlsx(lambda g: g.pop(4), "attendance")),
        ("signin: row repeated", xlsx(lambda g: g.append(list(g[5])), "attendance")),
        ("signin: status unknown", xlsx(setting((5, 4, "来了一半")), "attendance")),
        ("signin: note 10,000 chars", xlsx(setting((5, 5, "备" * 10_000)), "attendance")),
        ("signin: merged status cells", xlsx(target="attendance", merged=("E6:E8",))),
        ("signin: hidden first sheet", xlsx(target="attendance", hidden_first=True)),
        ("signin: cut at 50%", damaged(xlsx(target="attendance"), _cut(0.5))),
    ]
    cases += _every_column_wrong("attendance")
    return cases


def _drop_member(data: bytes, name: str) -> bytes:
    import io

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != name:
                z.writestr(info, src.read(info))
    return out.getvalue()
