"""Reading filled-in sign-in workbooks (签到表) back into attendance, and the short person code.

The workbook written by ``reports/signin_workbook.py`` carries the session's id in a locked
header cell (label ``活动编号``), then one row per person: 序号, 编码, 姓名, 所属社区, 出勤, 备注.
Rows are matched by the code, else by the name among the session's roll; 出勤 accepts the
labels, the usual aliases and the ticks clerks type (√ ✓ ×). A blank 出勤 never clears an
earlier record: it is reported as not recorded. Each file is one transaction through
``record_attendance``; a file with an invalid row writes nothing unless ``skip_invalid``."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.imports import ImportReport, RowIssue, RowOutcome
from yanqun_desktop.services.permissions import Permission, requires

CODE_LENGTH = 6
SESSION_LABEL = "活动编号"
COLUMNS = ("序号", "编码", "姓名", "所属社区", "出勤", "备注")
HEADER_SYNONYMS = {
    "编码": ("编码", "人员编码", "代码"),
    "姓名": ("姓名", "名字"),
    "出勤": ("出勤", "出勤情况", "考勤", "签到情况"),
    "备注": ("备注", "说明"),
}
STATUS_CHOICES = vocab.ATTENDANCE.labels  # 出席 迟到 请假 缺席, in drop-down order
# Marks clerks type besides the vocabulary's labels and aliases.
STATUS_MARKS = {
    "√": "present", "✓": "present", "✔": "present", "☑": "present",
    "×": "absent", "✗": "absent", "✘": "absent", "x": "absent", "X": "absent",
    "事假": "leave", "病假": "leave", "公假": "leave", "假": "leave",
}
MAX_HEADER_SCAN = 20
KIND = "attendance"


def person_code(person_id: str, length: int = CODE_LENGTH) -> str:
    """A short code for printed lists: the last ``length`` hex digits of the person's UUID,
    upper-case. It carries no personal data, never changes, and since UUIDv7 ends in random
    bits it is spread evenly; ``roster_codes`` lengthens it where two people of one list clash."""
    return person_id.replace("-", "")[-length:].upper()


def roster_codes(person_ids: Iterable[str]) -> dict[str, str]:
    """Codes unique within one list: each the shortest suffix (at least ``CODE_LENGTH``)
    that no other id of the list ends with, so a code read back matches exactly one person."""
    ids = list(dict.fromkeys(person_ids))
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in ids:
        groups[person_code(pid)].append(pid)
    codes: dict[str, str] = {}
    for code, members in groups.items():
        if len(members) == 1:
            codes[members[0]] = code
            continue
        for pid in members:
            length = CODE_LENGTH
            while any(o != pid and person_code(o, length) == person_code(pid, length) for o in members):
                length += 1
            codes[pid] = person_code(pid, length)
    return codes


def _text(cell: Any) -> str:
    """A cell as trimmed text; calamine gives numbers as floats (7.0 → "7")."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unicodedata.normalize("NFKC", str(cell)).strip() if not isinstance(cell, str) else cell.strip()


def _key(text: str) -> str:
    """Compare names and codes ignoring width and every kind of space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def status_code(text: str) -> str | None:
    """出勤 text → attendance code; None for blank. Raises ValidationError for anything else."""
    clean = _key(text)
    if not clean:
        return None
    if clean in STATUS_MARKS:
        return STATUS_MARKS[clean]
    try:
        return vocab.ATTENDANCE.code_from_text(clean)
    except ValidationError:
        raise ValidationError("出勤", f"无法识别「{clean[:20]}」，应为 {'、'.join(STATUS_CHOICES)} 之一") from None


@dataclass(frozen=True)
class _Layout:
    session_id: str
    header_index: int
    columns: dict[str, int]


def _find_layout(path: Path, rows: list[list[Any]]) -> _Layout:
    session_id = ""
    for row in rows[:MAX_HEADER_SCAN]:
        for i, cell in enumerate(row):
            if _key(_text(cell)).rstrip(":") == SESSION_LABEL:
                session_id = next((_text(c) for c in row[i + 1:] if _text(c)), "")
                break
        if session_id:
            break
    if not session_id:
        raise ServiceError(f"{path.name}：表头中找不到“{SESSION_LABEL}”，不是本程序导出的签到表，未导入。"
                           "请用“导出签到表”生成的文件填写。")
    for index, row in enumerate(rows[:MAX_HEADER_SCAN]):
        found: dict[str, int] = {}
        keys = [_key(_text(c)) for c in row]
        for column, names in HEADER_SYNONYMS.items():
            hit = next((i for i, k in enumerate(keys) if k in names), None)
            if hit is not None:
                found[column] = hit
        if "姓名" in found and "出勤" in found:
            return _Layout(session_id, index, found)
    raise ServiceError(f"{path.name}：找不到表头行（需要“姓名”和“出勤”两列），未导入。")


@dataclass(frozen=True)
class _Person:
    person_id: str
    name: str
    status: str | None
    note: str


def _match(code: str, name: str, roll: Sequence[_Person]) -> tuple[_Person | None, RowIssue | None]:
    if code:
        wanted = _key(code).upper().replace("-", "")
        if not re.fullmatch(r"[0-9A-F]{4,32}", wanted):
            return None, RowIssue("编码", f"「{code[:20]}」不是有效的人员编码")
        hits = [p for p in roll if p.person_id.replace("-", "").upper().endswith(wanted)]
        if len(hits) != 1:
            why = "不在本次活动的名单中" if not hits else f"对应名单中 {len(hits)} 人，请填写完整编码"
            return None, RowIssue("编码", f"{wanted} {why}")
        if name and _key(name) != _key(hits[0].name):
            return None, RowIssue("姓名", f"编码 {wanted} 对应 {hits[0].name}，与所填姓名「{name}」不符")
        return hits[0], None
    if not name:
        return None, RowIssue("姓名", "编码和姓名都未填写")
    hits = [p for p in roll if _key(p.name) == _key(name)]
    if not hits:
        return None, RowIssue("姓名", f"{name} 不在本次活动的名单中")
    if len(hits) > 1:
        return None, RowIssue("姓名", f"名单中有 {len(hits)} 人名为 {name}，请填写编码区分")
    return hits[0], None


@dataclass
class SheetReading:
    """One sheet classified against the database: the report (status still "dry-run") and
    what would be written, person id → (status code, note)."""

    session_id: str
    report: ImportReport
    entries: dict[str, tuple[str, str | None]]


def read_signin_sheet(db: Database, path: Path | str) -> SheetReading:
    """Classify every row of one sheet (writes nothing). A file that cannot be taken as a
    whole raises ``ServiceError`` or ``SheetError`` with a message naming it."""
    from yanqun_desktop.services.errors import NotFound
    from yanqun_desktop.services.signin_roster import load_signin_roster
    from yanqun_desktop.sheets.reading import read_sheet

    path = Path(path)
    sheet = read_sheet(path)
    layout = _find_layout(path, sheet.rows)
    try:
        roster = load_signin_roster(db, layout.session_id)
    except NotFound:
        raise ServiceError(f"{path.name}：活动编号 {layout.session_id[:40]} 在本机数据库中不存在"
                           "（活动可能已被删除，或签到表来自其他单位），未导入。") from None
    roll = [_Person(r.person_id, r.name, r.status, r.note) for r in roster.rows]
    report = ImportReport(path.name, KIND)
    report.messages.append(f"活动：{roster.date.isoformat()} {roster.title}")
    future = roster.date > dt.date.today()
    cols = layout.columns
    entries: dict[str, tuple[str, str | None]] = {}
    seen: dict[str, int] = {}
    matched: set[str] = set()
    blank: list[str] = []
    for index in range(layout.header_index + 1, len(sheet.rows)):
        row = sheet.rows[index]

        def cell(column: str, row: list[Any] = row) -> str:
            i = cols.get(column)
            return _text(row[i]) if i is not None and i < len(row) else ""

        code, name, status_text, note = cell("编码"), cell("姓名"), cell("出勤"), cell("备注")
        if not (code or name or status_text or note):
            continue
        number = sheet.row_number(index)
        person, issue = _match(code, name, roll)
        label = person.name if person else (name or code or "（未填姓名）")
        if person is not None:
            matched.add(person.person_id)
        if issue is None:
            issue = _check_status(status_text, note, future, roster.date.isoformat())
        if issue is None and person is not None and person.person_id in seen:
            issue = RowIssue("姓名", f"与第 {seen[person.person_id]} 行是同一人")
        if issue is not None or person is None:
            report.rows.append(RowOutcome(number, "invalid", label, [issue] if issue else []))
            continue
        seen[person.person_id] = number
        status = status_code(status_text)
        if status is None:
            blank.append(f"第 {number} 行 {person.name}")
            report.rows.append(RowOutcome(number, "unchanged", person.name, [RowIssue("出勤", "未填写，未登记")],
                                          record_id=person.person_id))
            continue
        new_note = note or None
        if person.status is None:
            outcome = RowOutcome(number, "new", person.name, record_id=person.person_id)
        else:
            changed = [f for f, old, new in (("出勤", person.status, status), ("备注", person.note or None, new_note))
                       if old != new]
            outcome = RowOutcome(number, "updated" if changed else "unchanged", person.name,
                                 changed_fields=changed, record_id=person.person_id)
        if outcome.status != "unchanged":
            entries[person.person_id] = (status, new_note)
        report.rows.append(outcome)
    if blank:
        report.messages.append(f"{len(blank)} 人未填写出勤，未登记（已有的记录保持不变）：" + "、".join(blank[:20])
                               + ("等" if len(blank) > 20 else ""))
    missing = len(roll) - len(matched)
    if missing > 0:
        report.messages.append(f"名单中有 {missing} 人不在表中，未登记。")
    return SheetReading(roster.session_id, report, entries)


def _check_status(status_text: str, note: str, future: bool, date: str) -> RowIssue | None:
    try:
        status = status_code(status_text)
    except ValidationError as e:
        return RowIssue("出勤", e.message)
    if note and status is None:
        return RowIssue("备注", "填写了备注，但未选择出勤")
    if len(note) > 200:
        return RowIssue("备注", f"备注过长（{len(note)} 字，最多 200 字）")
    if future and status is not None and status != "leave":
        return RowIssue("出勤", f"活动日期 {date} 尚未到来，只能登记请假")
    return None


def _not_ours(db: Database, actor: Actor, session_id: str, path: Path) -> str | None:
    """Why this office may not record attendance for the session (another street's, or a camp
    session kept by the district), or None."""
    from yanqun_desktop.db.models import TrainingSession

    with db.session() as s:
        owner = s.scalar(select(TrainingSession.owner).where(TrainingSession.id == session_id))
    if owner is None or actor.may_write(owner):
        return None
    keeper = "区级" if owner == DISTRICT_CODE else "其他街道"
    return f"{path.name}：这次活动由{keeper}登记考勤，本单位不能导入它的签到表，未写入任何数据。"


@requires(Permission.EDIT_RECORDS)
def import_signin_sheet(
    db: Database, actor: Actor, path: Path | str, *, dry_run: bool = False, skip_invalid: bool = False
) -> ImportReport:
    """Import one filled sign-in workbook; the report says what was (or would be) written."""
    from yanqun_desktop.services.attendance import record_attendance
    from yanqun_desktop.sheets.reading import SheetError

    path = Path(path)
    try:
        reading = read_signin_sheet(db, path)
    except (SheetError, ServiceError) as e:
        return ImportReport(path.name, KIND, "refused", messages=[str(e)])
    report, entries = reading.report, reading.entries
    refusal = _not_ours(db, actor, reading.session_id, path)
    if refusal:  # checked before the preview too: a dry run answers as the real run would
        return ImportReport(path.name, KIND, "refused", messages=[refusal])
    if report.invalid and not skip_invalid:
        report.status = "dry-run" if dry_run else "refused"  # the CLI exits 1 for both (CLI.md)
        verb = "导入时不会写入任何数据" if dry_run else "未写入任何数据"
        report.messages.append(f"{path.name}：有 {len(report.invalid)} 行有误，{verb}。请改正后重新导入。")
        return report
    if dry_run:
        report.status = "dry-run"
        return report
    if not entries:
        report.status = "already-applied"
        report.messages.append("没有需要写入的变化。")
        return report
    try:
        record_attendance(db, actor, reading.session_id, [
            {"person_id": pid, "status": status, "note": note} for pid, (status, note) in entries.items()
        ])
    except (ValidationErrors, ValidationError, PermissionDenied, ServiceError) as e:
        report.status = "refused"
        report.messages.append(f"{path.name}：未写入任何数据：{e}")
        return report
    report.status = "applied"
    return report


@requires(Permission.EDIT_RECORDS)
def import_signin_sheets(
    db: Database, actor: Actor, paths: Iterable[Path | str], *, dry_run: bool = False, skip_invalid: bool = False
) -> list[ImportReport]:
    """One report per file, each file its own transaction (a refused file does not stop the next)."""
    return [import_signin_sheet(db, actor, p, dry_run=dry_run, skip_invalid=skip_invalid) for p in paths]
