"""What both sign-in sheets print: the session's facts and its roll, each person with a short code.

The PDF (to sign on paper) and the workbook (to type the result into) show the same rows in
the same order with the same codes, so a clerk can copy from one to the other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Street, TrainingSession
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.attendance import roll_call
from yanqun_desktop.services.attendance_import import roster_codes
from yanqun_desktop.services.records import load_live

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class SigninRow:
    number: int  # 序号, from 1
    person_id: str
    code: str
    name: str
    community: str
    status: str | None  # vocab.ATTENDANCE code already recorded, if any
    note: str
    is_guest: bool


@dataclass(frozen=True)
class SigninRoster:
    session_id: str
    title: str
    kind_label: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    street: str  # the street's name, or 南山区 for a district (camp) session
    cohorts: list[str]
    hours: float
    rows: list[SigninRow]

    @property
    def date_text(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日（星期{WEEKDAYS[self.date.weekday()]}）"

    @property
    def time_text(self) -> str:
        if self.start_time and self.end_time:
            return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"
        if self.start_time:
            return f"{self.start_time:%H:%M} 开始"
        return ""

    def detail_lines(self) -> list[str]:
        """The session's facts as short labelled lines (printed under the title)."""
        when = f"时间：{self.date_text}" + (f" {self.time_text}" if self.time_text else "")
        lines = [when]
        if self.place:
            lines.append(f"地点：{self.place}")
        lines.append(f"街道：{self.street}")
        lines.append(f"类型：{self.kind_label}" + (f"　学时：{self.hours:g}" if self.hours else ""))
        if self.cohorts:  # last: the longest line, printed across the page
            lines.append(f"班次：{'、'.join(self.cohorts)}")
        return lines


def load_signin_roster(db: Database, session_id: str) -> SigninRoster:
    """The session and its roll (trainees enrolled on the date, then recorded guests)."""
    roll = roll_call(db, session_id)
    with db.session() as s:
        ts = load_live(s, TrainingSession, session_id, "课程活动")
        street = s.scalar(select(Street.name).where(Street.id == ts.street_id)) if ts.street_id else None
        facts = (ts.start_time, ts.end_time, ts.place or "", street or "南山区", ts.hours or 0.0)
    codes = roster_codes(r.person_id for r in roll.rows)
    rows = [
        SigninRow(i, r.person_id, codes[r.person_id], r.name, r.community, r.status, r.note, r.is_guest)
        for i, r in enumerate(roll.rows, start=1)
    ]
    start, end, place, street_name, hours = facts
    return SigninRoster(roll.session_id, roll.title, roll.kind_label, roll.date, start, end, place, street_name,
                        roll.cohorts, hours, rows)


def status_label(code: str | None) -> str:
    return vocab.ATTENDANCE.label(code) if code else ""
