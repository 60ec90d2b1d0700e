"""The figures the district reports (DOMAIN.md), for one street or everything, as of a date.

``compute_statistics`` runs a few dozen grouped SQL queries in one read-only session and
returns plain frozen dataclasses (``model``): the statistics workbook, ``yanqun stats`` and the
district dashboard (issue 6) all read the same object.

"As of a date" (``at``): sessions held, enrolments made, terms elected, steps completed,
honours awarded and reserve entries added by then; people not retired by then; ages in
completed years at that date. Statuses that carry no date of their own (a reserve entry's
used/withdrawn, a tutor's vetting) are today's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Street
from yanqun_desktop.services.statistics.committees import committee_figures, elected_figures
from yanqun_desktop.services.statistics.model import (
    Breakdown,
    Category,
    CohortFigures,
    CommitteeFigures,
    CommitteeProfile,
    Count,
    ElectedFigures,
    ElectedYear,
    Figure,
    HonourFigures,
    MonthAttendance,
    PeopleFigures,
    Rate,
    Statistics,
    StreetAttendance,
    StreetCounts,
    TopicFigures,
    TrainingFigures,
)
from yanqun_desktop.services.statistics.outcomes import honour_figures, topic_figures
from yanqun_desktop.services.statistics.people import people_figures
from yanqun_desktop.services.statistics.scope import Scope, StreetRef
from yanqun_desktop.services.statistics.training import training_figures

_T = TypeVar("_T")

__all__ = [
    "Breakdown",
    "Category",
    "CohortFigures",
    "CommitteeFigures",
    "CommitteeProfile",
    "Count",
    "ElectedFigures",
    "ElectedYear",
    "Figure",
    "HonourFigures",
    "MonthAttendance",
    "PeopleFigures",
    "Rate",
    "Statistics",
    "StreetAttendance",
    "StreetCounts",
    "TopicFigures",
    "TrainingFigures",
    "build_scope",
    "compute_statistics",
]


def build_scope(s: Session, street: str | None, at: dt.date) -> Scope:
    """The scope of ``street`` (code or name; None: everything) at ``at``. Raises NotFound."""
    from yanqun_desktop.services.lookup import resolve_street

    rows = s.execute(
        select(Street.id, Street.code, Street.name).where(~Street.deleted).order_by(Street.sort_order, Street.code)
    ).all()
    streets = tuple(StreetRef(*r) for r in rows)
    chosen = None
    if street is not None:
        found = resolve_street(s, street)
        chosen = StreetRef(found.id, found.code, found.name)
    return Scope(chosen, (chosen,) if chosen else streets, at)


def compute_statistics(db: Database, *, street: str | None = None, at: dt.date | None = None) -> Statistics:
    """Every figure for the street with code ``street`` (its code, full name or name without
    街道 also do), or for everything in the database (``None``: for a district database, all
    eight streets). ``at`` defaults to today. Raises ``services.errors.NotFound`` for an
    unknown street."""
    at = at or dt.date.today()
    with db.session() as s:
        scope = build_scope(s, street, at)

    def section(compute: Callable[[Session, Scope], _T]) -> _T:
        with db.session() as s:
            return compute(s, scope)

    # The two heavy sections (people: one pass over every person; training: every attendance
    # row) on two connections at once: the database engine does the work outside the GIL, so on
    # two cores the whole dashboard takes about as long as its slowest section.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="statistics") as pool:
        training = pool.submit(section, training_figures)
        people = section(people_figures)
        rest = [section(f) for f in (topic_figures, honour_figures, committee_figures, elected_figures)]
        return Statistics(
            scope_code=scope.code,
            scope_name=scope.name,
            at=at,
            people=people,
            training=training.result(),
            topics=rest[0],  # type: ignore[arg-type]
            honours=rest[1],  # type: ignore[arg-type]
            committees=rest[2],  # type: ignore[arg-type]
            elected=rest[3],  # type: ignore[arg-type]
        )
