"""What the figures are about (one street or everything) and the SQL pieces every section uses.

Dates and ages are compared in SQL in a way SQLite and PostgreSQL both run: age bands as
birth-date cut-offs computed here (index-friendly, no per-row arithmetic), and ages at a
per-row date (a term's election) from ``date_part`` — ``strftime`` on SQLite, an integer
``date_part`` on PostgreSQL (its ``EXTRACT`` gives numeric: twice as slow over 100,000 people,
and Decimal results)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, case, extract, func, literal, or_, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from yanqun_desktop.db.models import DISTRICT_CODE, Enrolment, Person
from yanqun_desktop.services.statistics.model import Breakdown, Category, StreetCounts

NO_STREET = "区级"  # the row label for records that belong to no street (camp, district topics)


@dataclass(frozen=True)
class StreetRef:
    id: str
    code: str
    name: str


@dataclass(frozen=True)
class Scope:
    street: StreetRef | None  # None: everything in the database
    streets: tuple[StreetRef, ...]  # rows of the per-street tables (just the street, or all)
    at: dt.date

    @property
    def code(self) -> str:
        return self.street.code if self.street else DISTRICT_CODE

    @property
    def name(self) -> str:
        return self.street.name if self.street else "南山区"

    def where(self, street_id: Any) -> ColumnElement[bool]:
        """Rows of the street (any row for the district)."""
        return true() if self.street is None else street_id == self.street.id

    def breakdown(self, categories: Iterable[tuple[str, str]], rows: Iterable[tuple[Any, Any, Any]],
                  *, no_street_row: bool = False) -> Breakdown:
        """A per-street table from ``(street_id, category key, count)`` rows; streets without
        rows show zeros. ``no_street_row`` adds a 区级 row for rows of no street (district
        scope only: a street's figures never include the district's records)."""
        cats = tuple(Category(k, lb) for k, lb in categories)
        index = {c.key: i for i, c in enumerate(cats)}
        grid: dict[str | None, list[int]] = {s.id: [0] * len(cats) for s in self.streets}
        if no_street_row and self.street is None:
            grid[None] = [0] * len(cats)
        for street_id, key, n in rows:
            if street_id in grid and key in index:
                grid[street_id][index[key]] += int(n or 0)
        out = [StreetCounts(s.code, s.name, tuple(grid[s.id])) for s in self.streets]
        if any(grid.get(None, ())):  # only when there are such records
            out.append(StreetCounts(None, NO_STREET, tuple(grid[None])))
        return Breakdown(cats, tuple(out))


class _DatePart(FunctionElement[int]):
    """One field of a date as an integer (see ``date_part``)."""

    type = Integer()
    inherit_cache = True
    field = ""


class _Year(_DatePart):
    inherit_cache = True
    field = "year"


class _Month(_DatePart):
    inherit_cache = True
    field = "month"


class _Day(_DatePart):
    inherit_cache = True
    field = "day"


_PARTS: dict[str, type[_DatePart]] = {"year": _Year, "month": _Month, "day": _Day}


def date_part(field: str, value: Any) -> ColumnElement[int]:
    """``extract(field, value)`` as an integer on every backend."""
    return _PARTS[field](value)


@compiles(_DatePart)
def _date_part_default(element: _DatePart, compiler: Any, **kw: Any) -> str:
    (value,) = element.clauses
    return compiler.process(extract(element.field, value), **kw)


@compiles(_DatePart, "postgresql")
def _date_part_postgresql(element: _DatePart, compiler: Any, **kw: Any) -> str:
    (value,) = element.clauses
    return f"CAST(date_part('{element.field}', {compiler.process(value, **kw)}) AS INTEGER)"


def years_before(at: dt.date, years: int) -> dt.date:
    """The latest birth date of someone aged ``years`` (completed) at ``at``; 29 Feb → 28 Feb."""
    try:
        return at.replace(year=at.year - years)
    except ValueError:
        return dt.date(at.year - years, 2, 28)


def age_at(birth: Any, at: dt.date) -> ColumnElement[int]:
    """Completed years (周岁) at a fixed date; NULL for an unknown birth date."""
    late = case(
        (date_part("month", birth) * 100 + date_part("day", birth) > at.month * 100 + at.day, 1),
        else_=0,
    )
    return literal(at.year) - date_part("year", birth) - late


def age_at_column(birth: Any, at: Any) -> ColumnElement[int]:
    """Completed years at a per-row date (e.g. a term's election date)."""
    late = case(
        (date_part("month", birth) * 100 + date_part("day", birth) > date_part("month", at) * 100
         + date_part("day", at), 1),
        else_=0,
    )
    return date_part("year", at) - date_part("year", birth) - late


AGE_BANDS: tuple[tuple[str, str, int | None], ...] = (
    # (key, label, highest age in the band; None: open-ended)
    ("<=30", "30岁及以下", 30),
    ("31-35", "31–35岁", 35),
    ("36-40", "36–40岁", 40),
    ("41-45", "41–45岁", 45),
    ("46-50", "46–50岁", 50),
    (">50", "50岁以上", None),
)
UNKNOWN = ("unknown", "未填")


def age_band(birth: Any, at: dt.date) -> ColumnElement[str]:
    """The band key of a birth date at ``at``: younger than ``top + 1`` means born after the
    cut-off date, so each band is one comparison on the birth date."""
    whens: list[tuple[ColumnElement[bool], str]] = [(birth.is_(None), UNKNOWN[0])]
    for key, _label, top in AGE_BANDS:
        if top is not None:
            whens.append((birth > years_before(at, top + 1), key))
    return case(*whens, else_=AGE_BANDS[-1][0])


def on_record(at: dt.date) -> ColumnElement[bool]:
    """A person counted at ``at``: live, and not retired by then.

    ``deleted IS false`` (the same rows: the column is NOT NULL) rather than ``deleted = 0``:
    the latter matches the partial index ix_people_roster (``WHERE deleted = 0``), and SQLite
    then walks all 100,000 people in name order with a table lookup each, and drives joins
    from people instead of from the smaller side (talents, reserve entries): measured ~2x
    slower for the grouped pass over people and the talent count."""
    return and_(Person.deleted.is_(False), or_(Person.status != "retired", Person.retired_on > at))


def enrolled_by(at: Any, cohort_start: Any) -> ColumnElement[bool]:
    """An enrolment made by ``at`` (its own date, else its cohort's start; neither: counted)."""
    start = func.coalesce(Enrolment.enrolled_on, cohort_start)
    return or_(start.is_(None), start <= at)
