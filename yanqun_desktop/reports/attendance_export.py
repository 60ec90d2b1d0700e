"""Attendance export (考勤导出): every attendance row in scope, and a per-person summary with rates.

Scope: one session, one cohort's sessions, or everything in the database. Rates follow
services/attendance: attended = present + late, over every recorded status; for a cohort
the summary counts the cohort's own trainees only (guests do not count), as
``person_rates_in_cohort`` does. No ID numbers or phones are written."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Attendance, Cohort, Community, Person, SessionCohort, TrainingSession
from yanqun_desktop.domain import vocab
from yanqun_desktop.reports.files import save_workbook
from yanqun_desktop.services.attendance import Rate, person_rates_in_cohort
from yanqun_desktop.services.attendance_import import roster_codes
from yanqun_desktop.services.records import load_live

RECORD_COLUMNS = (("日期", 12), ("活动", 30), ("类型", 10), ("姓名", 10), ("编码", 9), ("所属社区", 16),
                  ("出勤", 7), ("备注", 24), ("旁听", 6))
SUMMARY_COLUMNS = (("姓名", 10), ("编码", 9), ("所属社区", 16), ("登记次数", 9), ("出席", 7), ("迟到", 7),
                   ("请假", 7), ("缺席", 7), ("出勤率", 9))


@dataclass(frozen=True)
class AttendanceExport:
    path: Path
    scope: str  # in Chinese, e.g. 班次：沙河街道书记工作室第二期
    records: int
    people: int


def export_attendance(
    db: Database, out_path: Path | str, *, session_id: str | None = None, cohort_id: str | None = None
) -> AttendanceExport:
    """Write the attendance workbook (two sheets: 考勤记录, 个人汇总) atomically to ``out_path``."""
    if session_id and cohort_id:
        raise ValueError("choose a session or a cohort, not both")
    with db.session() as s:
        query = (
            select(TrainingSession.date, TrainingSession.title, TrainingSession.kind, Person.id, Person.name,
                   Community.name, Attendance.status, Attendance.note, Attendance.is_guest, Person.name_sort)
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .join(Person, Person.id == Attendance.person_id)
            .outerjoin(Community, Community.id == Person.community_id)
            .where(~Attendance.deleted, ~TrainingSession.deleted, ~Person.deleted)
            .order_by(TrainingSession.date, TrainingSession.start_time, TrainingSession.title, Person.name_sort,
                      Person.id)
        )
        if session_id:
            ts = load_live(s, TrainingSession, session_id, "课程活动")
            scope = f"活动：{ts.date.isoformat()} {ts.title}"
            query = query.where(Attendance.session_id == session_id)
        elif cohort_id:
            cohort = load_live(s, Cohort, cohort_id, "班次")
            scope = f"班次：{cohort.name}"
            query = query.where(Attendance.session_id.in_(select(SessionCohort.session_id).where(
                SessionCohort.cohort_id == cohort_id, ~SessionCohort.deleted)))
        else:
            scope = "全部考勤记录"
        rows = s.execute(query).all()
    codes = roster_codes(r[3] for r in rows)
    people = _summary(rows)
    if cohort_id:
        rates = person_rates_in_cohort(db, cohort_id)
        people = {pid: (info[0], info[1], rates[pid]) for pid, info in people.items() if pid in rates}
    wb = _workbook(rows, people, codes, scope)
    path = save_workbook(wb, out_path)
    return AttendanceExport(path, scope, len(rows), len(people))


def _summary(rows: list[Any]) -> dict[str, tuple[str, str, Rate]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, tuple[str, str, str]] = {}
    for r in rows:
        counts[r[3]][r[6]] += 1
        names[r[3]] = (r[9] or "", r[4], r[5] or "")
    ordered = sorted(counts, key=lambda pid: (names[pid], pid))  # pinyin order, as the people page
    return {
        pid: (*names[pid][1:], Rate(sum(c.values()), c["present"], c["late"], c["leave"], c["absent"]))
        for pid, c in ((p, counts[p]) for p in ordered)
    }


def _workbook(rows: list[Any], people: dict[str, tuple[str, str, Rate]], codes: dict[str, str], scope: str) -> Any:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)  # streams rows: exports of 100,000 records stay quick
    wb.properties.title = f"考勤导出（{scope}）"
    wb.properties.creator = "雁群"

    def sheet(title: str, columns: tuple[tuple[str, int], ...], count: int) -> Any:
        ws = wb.create_sheet(title)
        for i, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
        header = []
        for label, _ in columns:
            c = WriteOnlyCell(ws, label)
            c.font = Font(bold=True)
            header.append(c)
        ws.append(header)
        return ws

    ws = sheet("考勤记录", RECORD_COLUMNS, len(rows))
    for date, title, kind, pid, name, community, status, note, guest, _ in rows:
        ws.append([_date_cell(ws, date), title, vocab.SESSION_KIND.label(kind), name, codes[pid], community or "",
                   vocab.ATTENDANCE.label(status), note or "", "是" if guest else ""])

    ws = sheet("个人汇总", SUMMARY_COLUMNS, len(people))
    for pid, (name, community, rate) in people.items():
        pct = WriteOnlyCell(ws, rate.rate)
        pct.number_format = "0.0%"
        ws.append([name, codes.get(pid, ""), community, rate.recorded, rate.present, rate.late, rate.leave,
                   rate.absent, pct])

    info = wb.create_sheet("说明")
    info.column_dimensions["A"].width = 80
    notes = (
        f"范围：{scope}",
        f"导出时间：{dt.datetime.now():%Y-%m-%d %H:%M}",
        f"考勤记录 {len(rows)} 条，人员 {len(people)} 人。",
        "出勤率 =（出席 + 迟到）÷ 登记次数；按班次导出时只统计本班学员，不含旁听。",
        "编码为人员的简短编码，与签到表上的编码相同；本表不含身份证号和手机号。",
    )
    for line in notes:
        info.append([line])
    return wb


def _date_cell(ws: Any, date: dt.date) -> Any:
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, date)
    c.number_format = "yyyy-mm-dd"
    return c
