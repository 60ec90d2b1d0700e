"""Transfers of people between streets (shared/SYNC.md: transfers are district rows).

The district decides a move: ``transfer_person`` writes a ``Transfer`` row and, in the same
unit of work, hands the person's own record to the new street — the person row
(``street_id`` and ``owner``; the community is cleared unless one of the new street is given)
and the rows ``sync.export.PERSONAL_TABLES`` names (photo, positions, talents, archive entries,
reserve entries) change owner. These are district writes of street rows, so they travel down as
overrides: the next district package to the new street carries the transfer and the person's
whole record at every version; the one to the old street carries the transfer and the person
row, now owned by the new street, which the old street can read but not change. Rows tied to
the old street's programmes (studio enrolments, attendance) stay with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Base, Community, Person, Street, Transfer
from yanqun_desktop.domain.validation import parse_date
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import NotFound, ServiceError
from yanqun_desktop.services.lookup import resolve_street
from yanqun_desktop.services.records import load_live
from yanqun_desktop.services.uow import Changes, unit_of_work
from yanqun_desktop.sync.export import PERSONAL_TABLES


@dataclass(frozen=True)
class TransferResult:
    transfer_id: str
    person_id: str
    from_street: str  # codes
    to_street: str
    moved_rows: int  # the person's own rows handed to the new street, the person row included
    changes: Changes


def _model_for(table: str) -> type:
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == table:
            return mapper.class_
    raise KeyError(table)


def transfer_person(
    db: Database,
    actor: Actor,
    person_id: str,
    to_street: str,
    effective_on: dt.date | str | None = None,
    note: str | None = None,
    *,
    community_id: str | None = None,
) -> TransferResult:
    """District only: move a person to ``to_street`` (code or name) from ``effective_on``
    (default today). ``community_id``: a community of the new street, if known."""
    if not actor.is_district or not db.org().is_district:
        raise PermissionDenied("人员调动由区级办理：街道之间的调动请报区级。")
    when = parse_date(effective_on, "调动日期") if effective_on else dt.date.today()
    with unit_of_work(db, actor, "people.transfer", "人员调动") as work:
        s = work.session
        person = load_live(s, Person, person_id, "人员")
        target = resolve_street(s, to_street)
        source = s.get(Street, person.street_id)
        if source is None:
            raise NotFound(f"{person.name} 的所属街道记录缺失。")
        if target.id == source.id:
            raise ServiceError(f"{person.name} 已属于{target.name}，无需调动。")
        if community_id is not None:
            community = s.get(Community, community_id)
            if community is None or community.deleted or community.street_id != target.id:
                raise ServiceError(f"所选社区不属于{target.name}。")
        moved = 0
        for name in PERSONAL_TABLES:
            if name == "people":
                continue
            model = _model_for(name)
            for row in s.scalars(select(model).where(model.person_id == person_id)):  # type: ignore[attr-defined]
                if row.owner != target.code:
                    row.owner = target.code
                    moved += 1
        person.street_id, person.owner, person.community_id = target.id, target.code, community_id
        moved += 1
        transfer = Transfer(
            person_id=person_id,
            from_street_id=source.id,
            to_street_id=target.id,
            effective_on=when,
            note=(note or "").strip()[:200] or None,
            owner=actor.org_code,
        )
        s.add(transfer)
        s.flush()
        work.summary = f"人员调动：{person.name}，{source.name} → {target.name}（{when:%Y-%m-%d}）"
        result = TransferResult(transfer.id, person_id, source.code, target.code, moved, Changes())
    return TransferResult(
        result.transfer_id, person_id, result.from_street, result.to_street, result.moved_rows, work.result()
    )


def transfers_of(db: Database, person_id: str) -> list[Transfer]:
    """A person's transfers, oldest first (detached rows)."""
    with db.session() as s:
        stmt = (
            select(Transfer)
            .where(Transfer.person_id == person_id, ~Transfer.deleted)
            .order_by(Transfer.effective_on, Transfer.version)
        )
        return list(s.scalars(stmt))
