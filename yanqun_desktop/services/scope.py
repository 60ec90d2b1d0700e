"""Whose records an account may open: a studio leader (工作室牵头人) reads, prints and assesses the
people of their own street's studio — anyone enrolled in one of its studio cohorts — and no one
else; every other role's reach is the office's, as the owner checks already make it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Cohort, Enrolment, Street
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.archive import Timeline, person_timeline
from yanqun_desktop.services.permissions import Permission, Role, requires

OUT_OF_SCOPE = "工作室牵头人只能查看和打印本街道工作室学员的成长档案、记录他们的测评。"


def limited_to_studio(actor: Actor) -> bool:
    return actor.role == Role.STUDIO_LEADER


def studio_people(actor: Actor) -> Select[tuple[str]]:
    """The ids of the people enrolled (in any role) in the actor's street's studio cohorts."""
    cohorts = (
        select(Cohort.id)
        .join(Street, Street.id == Cohort.street_id)
        .where(Cohort.kind == "studio", Street.code == actor.org_code, ~Cohort.deleted)
    )
    return select(Enrolment.person_id).where(Enrolment.cohort_id.in_(cohorts), ~Enrolment.deleted)


def require_in_scope(s: Session, actor: Actor, person_ids: Sequence[str]) -> None:
    if not limited_to_studio(actor) or not person_ids:
        return
    wanted = set(person_ids)
    inside: set[str] = set()
    chunk = list(wanted)
    for i in range(0, len(chunk), 500):
        part = chunk[i : i + 500]
        inside.update(s.scalars(studio_people(actor).where(Enrolment.person_id.in_(part))))
    if wanted - inside:
        raise PermissionDenied(OUT_OF_SCOPE)


@requires(Permission.PRINT_ARCHIVES)
def open_archive(db: Database, actor: Actor, person_id: str) -> Timeline:
    """One person's growth archive, for the people the account may read."""
    with db.session() as s:
        require_in_scope(s, actor, [person_id])
    return person_timeline(db, person_id)


@requires(Permission.PRINT_ARCHIVES)
def archive_people(db: Database, actor: Actor, person_ids: Sequence[str]) -> list[str]:
    """The people to print, checked (a studio leader's list is refused if anyone is outside)."""
    with db.session() as s:
        require_in_scope(s, actor, person_ids)
    return list(person_ids)


@requires(Permission.PRINT_ARCHIVES)
def printable_people(db: Database, actor: Actor, person_ids: Sequence[str]) -> list[str]:
    """The part of a list (a cohort, everyone) the account may print, in the list's order."""
    if not limited_to_studio(actor):
        return list(person_ids)
    with db.session() as s:
        inside = set(s.scalars(studio_people(actor)))
    return [p for p in person_ids if p in inside]
