"""The world spreadsheet fuzz cases run in: a street database with four enrolled people and a
session, a valid roster sheet and the session's own sign-in sheet as cell grids, writers that
turn a grid into .xlsx (openpyxl: formulas, merged cells, hidden sheets), .csv in any encoding
or hand-made XML, and ``run_sheet`` which imports a file through the real service and checks
the contract: a refusal says why, naming the file (or the row and column), and leaves the
database byte for byte unchanged (one transaction); nothing but a report ever comes back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fuzzkit import Tally, marking, patched
from pkgworld import _env
from sync_helpers import checksum, open_street

from yanqun_desktop.db.database import Database
from yanqun_desktop.domain.validation import make_id_card
from yanqun_desktop.services.actor import Actor

STAGES = ("read", "parsed", "rows", "write")
Grid = list[list[Any]]


@dataclass
class SheetWorld:
    root: Path
    db: Database
    actor: Actor
    session_id: str
    roster: Grid  # header row, then valid people
    signin: Grid  # the sign-in sheet as written, filled in
    counter: int = 0

    def path(self, label: str, suffix: str) -> Path:
        self.counter += 1
        safe = "".join(c if c.isalnum() else "-" for c in label)[:40]
        folder = self.root / "in"
        folder.mkdir(exist_ok=True)
        return folder / f"case{self.counter:06d}-{safe}{suffix}"


def make_sheet_world(root: Path) -> SheetWorld:
    from openpyxl import load_workbook

    from yanqun_desktop.reports.signin_workbook import write_signin_workbook
    from yanqun_desktop.services.activities import save_session
    from yanqun_desktop.services.people import save_person
    from yanqun_desktop.services.programmes import save_cohort, save_enrolment

    root.mkdir(parents=True, exist_ok=True)
    with _env(YANQUN_DATA_DIR=str(root / "data"), YANQUN_CONFIG_DIR=str(root / "config")):
        db = open_street(root, "shahe")
    actor = Actor("测试员", "admin", "shahe")
    cohort = save_cohort(db, actor, {"number": 3, "start_date": "2024-03-01"}).id
    for name in ("甲一", "乙二", "丙三", "丁四"):
        pid = save_person(db, actor, {"name": name, "community": "白石洲"}).id
        save_enrolment(db, actor, {"cohort_id": cohort, "person_id": pid, "enrolled_on": "2024-03-01"})
    session = save_session(db, actor, {
        "title": "基层治理通识课", "kind": "通识课程", "date": "2024-04-02", "start_time": "14:30",
        "end_time": "17:00", "place": "沙河党群服务中心", "hours": 3, "cohort_ids": [cohort]}).id
    written = write_signin_workbook(db, session, root / "signin.xlsx")
    ws = load_workbook(written).active
    signin = [[c.value for c in row] for row in ws.iter_rows()]
    for row in signin[5:]:
        if len(row) >= 6 and row[2]:
            row[4] = "出席"
    roster: Grid = [["姓名", "性别", "出生日期", "民族", "政治面貌", "学历", "身份证号", "手机号", "所属社区", "备注"]]
    for i, (name, born) in enumerate((("林测试", dt.date(1985, 3, 12)), ("陈样例", dt.date(1990, 7, 1)),
                                      ("黄虚构", dt.date(1978, 12, 30)))):
        card = make_id_card("440305", born, 10 + i, "男" if i % 2 == 0 else "女")
        roster.append([name, "男" if i % 2 == 0 else "女", born, "汉族", "中共党员", "大学本科", card,
                       f"1380000{i:04d}", "白石洲社区", "虚构人员"])
    return SheetWorld(root, db, actor, session, roster, signin)


# -- writers ---------------------------------------------------------------------------------
def write_xlsx(path: Path, grid: Grid, *, merged: Sequence[str] = (), hidden_first: bool = False,
               very_hidden: bool = False, extra_sheets: int = 0, title: str = "名单") -> Path:
    """``grid`` as the first visible sheet; a string starting with "=" is a formula (saved
    without a cached value, as openpyxl writes)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if hidden_first:
        ws.title = "隐藏"
        ws.append(["不应读取", "的工作表"])
        ws.sheet_state = "veryHidden" if very_hidden else "hidden"
        ws = wb.create_sheet(title)
    else:
        ws.title = title
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for ref in merged:
        ws.merge_cells(ref)
    for i in range(extra_sheets):
        wb.create_sheet(f"附表{i}").append(["附加", i])
    wb.save(path)
    return path


def write_csv(path: Path, grid: Grid, encoding: str = "utf-8", *, delimiter: str = ",", errors: str = "strict") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else str(v) for v in row] for row in grid]
    )
    path.write_bytes(buf.getvalue().encode(encoding, errors))
    return path


def raw_xlsx(path: Path, sheet_xml: bytes | Iterator[bytes], *, shared: bytes | None = None,
             workbook: bytes | None = None, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal .xlsx around hand-written sheet XML (streamed: it may be large)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
          'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/></Types>')
    book = workbook or (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                        f'spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="名单" sheetId="1" '
                        'r:id="rId1"/></sheets></workbook>').encode()
    book_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships {ns}><Relationship Id="rId1" '
                 f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                 + (f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
                    if shared else "")
                 + "</Relationships>")
    with zipfile.ZipFile(path, "w", method, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships {ns}><Relationship '
                   f'Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", book_rels)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        with z.open("xl/worksheets/sheet1.xml", "w") as fh:
            for part in [sheet_xml] if isinstance(sheet_xml, bytes) else sheet_xml:
                fh.write(part)
    return path


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


# -- running ---------------------------------------------------------------------------------
@contextmanager
def counting_stages(tally: Tally) -> Iterator[None]:
    from yanqun_desktop.services import attendance, roster
    from yanqun_desktop.services.roster import people, programmes
    from yanqun_desktop.sheets import reading

    with ExitStack() as stack:
        for module, name, stage, after in (
            (reading, "read_sheet", "read", False),
            (roster, "read_sheet", "read", False),
            (reading, "read_sheet", "parsed", True),
            (roster, "read_sheet", "parsed", True),
            (roster, "_resolve_kind", "rows", True),
            (attendance, "record_attendance", "write", False),
        ):
            stack.enter_context(patched(module, name, marking(tally, stage, after=after)))
        for module in (people, programmes):  # every plan's apply: the write
            for cls_name in ("PeoplePlan", "OrmPlan"):
                cls = getattr(module, cls_name, None)
                if cls is not None and hasattr(cls, "apply"):
                    stack.enter_context(patched(cls, "apply", marking(tally, "write")))
        stack.enter_context(patched(_attendance_module(), "_find_layout", marking(tally, "rows", after=True)))
        yield


def _attendance_module() -> Any:
    from yanqun_desktop.services import attendance_import

    return attendance_import


def run_sheet(tally: Tally, world: SheetWorld, path: Path, label: str, target: str) -> None:
    """Import one file (``target``: roster | attendance) and check the contract."""
    from yanqun_desktop.services.attendance_import import import_signin_sheet
    from yanqun_desktop.services.roster import import_roster

    before = checksum(world.db)
    with tally.case(label):
        if target == "roster":
            report = import_roster(world.db, world.actor, path)
        else:
            report = import_signin_sheet(world.db, world.actor, path)
        tally.outcome(f"{target}:{report.status}" + (" (rows with errors)" if report.invalid else ""), label)
        if report.status in ("refused", "dry-run", "already-applied"):
            said = any(path.name in m for m in report.messages)
            rows_said = report.invalid and all(r.row > 0 and r.issues and all(i.message for i in r.issues)
                                               for r in report.invalid)
            if report.status == "refused" and not (said or rows_said):
                tally.bad_messages.append(f"{label}: {report.messages!r:.200}")
            if checksum(world.db) != before:
                tally.db_changes.append(label)
    path.unlink(missing_ok=True)
