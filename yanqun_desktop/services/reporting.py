"""Reporting completeness at the district (as DHIS2 shows reporting rates): for each street, the
last package received (sequence, dates, what it carried, the app version that wrote it), which
months of the year it reported in and whether on time, and whether it is overdue this month.

A street is due to report once a month by the due day the district sets (``report_due_day`` in
the install's settings, default 5: the 5th of each month for the previous month's changes). A
month counts as reported when a package from the street was applied in it; on time when by the
due day. Refused packages do not count (the street must send again)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import InstallMeta, PackageRecord, Street, SyncPeer
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, requires

DUE_DAY_KEY = "report_due_day"
DEFAULT_DUE_DAY = 5
APPLIED = ("applied", "conflicts")


@dataclass(frozen=True)
class MonthMark:
    month: int  # 1..12
    state: str  # on-time | late | missing | future


@dataclass(frozen=True)
class StreetReporting:
    code: str
    name: str
    last_seq: int | None
    last_created: dt.datetime | None  # when the street wrote it
    last_received: dt.datetime | None  # when the district applied it
    last_rows: int  # rows the last package carried (new + updated + unchanged + ...)
    last_tables: dict[str, int]  # rows per table of the last package
    app_version: str | None
    packages_this_year: int
    months: tuple[MonthMark, ...]
    overdue: bool  # nothing applied this month and the due day has passed
    never: bool  # no package ever received


def due_day(db: Database) -> int:
    """Read from the database, not the install's cached settings: another clerk of the district
    (a shared server) may have changed it."""
    with db.session() as s:
        stored = s.scalar(select(InstallMeta.value).where(InstallMeta.key == DUE_DAY_KEY))
    try:
        day = int(stored or DEFAULT_DUE_DAY)
    except ValueError:
        return DEFAULT_DUE_DAY
    return min(max(day, 1), 28)


@requires(Permission.MAINTAIN_DATABASE)
def set_due_day(db: Database, actor: Actor, day: int) -> None:
    """The district sets the monthly due day (1–28, so that every month has it)."""
    if not actor.is_district:
        raise PermissionDenied("报送截止日由区级设置。")
    if not 1 <= day <= 28:
        raise ServiceError(f"报送截止日须为每月 1–28 日：{day}")
    db.set_meta(**{DUE_DAY_KEY: str(day)})


def _as_local_date(value: dt.datetime) -> dt.date:
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone().date()


def _rows(counts: dict | None) -> dict[str, int]:
    out: dict[str, int] = {}
    for table, value in (counts or {}).items():
        if isinstance(value, dict):
            out[table] = sum(v for v in value.values() if isinstance(v, int))
        elif isinstance(value, int):
            out[table] = value
    return out


def reporting_status(db: Database, *, today: dt.date | None = None) -> list[StreetReporting]:
    """One entry per street (in the streets' order), for the year of ``today``."""
    today = today or dt.date.today()
    day = due_day(db)
    with db.session() as s:
        streets = s.execute(
            select(Street.code, Street.name).where(~Street.deleted).order_by(Street.sort_order, Street.code)
        ).all()
        received = s.scalars(
            select(PackageRecord)
            .where(PackageRecord.direction == "received", PackageRecord.status.in_(APPLIED))
            .order_by(PackageRecord.recorded_at)
        ).all()
        peers = {p.peer: p for p in s.scalars(select(SyncPeer))}
        by_street: dict[str, list[PackageRecord]] = {}
        for record in received:
            by_street.setdefault(record.sender or "", []).append(record)
        out = []
        for code, name in streets:
            records = by_street.get(code, [])
            last = records[-1] if records else None
            dates = [_as_local_date(r.recorded_at) for r in records]
            months = tuple(_mark(m, today, day, dates) for m in range(1, 13))
            this_month = any(d.year == today.year and d.month == today.month for d in dates)
            peer = peers.get(code)
            tables = _rows(last.counts) if last else {}
            out.append(StreetReporting(
                code=code,
                name=name,
                last_seq=last.seq if last else None,
                last_created=last.created_at if last else None,
                last_received=last.recorded_at if last else None,
                last_rows=sum(tables.values()),
                last_tables=tables,
                app_version=(peer.app_version if peer and peer.app_version else (last.app_version if last else None)),
                packages_this_year=sum(1 for d in dates if d.year == today.year),
                months=months,
                overdue=not this_month and today.day > day,
                never=last is None,
            ))
    return out


def _mark(month: int, today: dt.date, day: int, dates: list[dt.date]) -> MonthMark:
    if (today.year, month) > (today.year, today.month):
        return MonthMark(month, "future")
    mine = sorted(d for d in dates if d.year == today.year and d.month == month)
    if not mine:
        due_passed = month < today.month or today.day > day
        return MonthMark(month, "missing" if due_passed else "future")
    return MonthMark(month, "on-time" if mine[0].day <= day else "late")
