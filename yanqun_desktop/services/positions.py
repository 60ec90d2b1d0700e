"""Positions (current and history), talent kinds and community committee (两委) terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import CommitteeMember, CommitteeTerm, Community, Person, PersonTalent, Position
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.records import Saved, delete_record, save_record


def _person_id(c: Collector, session: Session, row: Any) -> str | None:
    person_id = row.person_id if row else c.raw.get("person_id")
    person = session.get(Person, person_id) if person_id else None
    if person is None or person.deleted:
        c.fail("人员", "请选择人员")
        return None
    return person.id


def clean_position(session: Session, actor: Actor, raw: dict[str, Any], row: Position | None) -> dict[str, Any]:
    c = Collector(raw, row)
    values = {
        "person_id": _person_id(c, session, row),
        "title": c.text("title", "职务", required=True, max_len=100),
        "organisation": c.text("organisation", "任职单位"),
        "start_date": c.date("start_date", "任职日期"),
        "end_date": c.date("end_date", "离任日期"),
    }
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        c.fail("离任日期", "离任日期不能早于任职日期")
    c.done()
    return values


def save_position(db: Database, actor: Actor, raw: dict[str, Any], position_id: str | None = None) -> Saved:
    return save_record(db, actor, Position, position_id, raw, clean_position, what="任职", describe=lambda p: p.title)


def delete_position(db: Database, actor: Actor, position_id: str) -> Saved:
    return delete_record(db, actor, Position, position_id, what="任职", describe=lambda p: p.title)


@dataclass(frozen=True)
class PositionView:
    id: str
    title: str
    organisation: str
    start_date: str
    end_date: str
    version: int = 0  # sent back when the form saves: a position changed since is not overwritten

    @property
    def current(self) -> bool:
        return not self.end_date


def positions_of(db: Database, person_id: str) -> list[PositionView]:
    """Position history, newest first; current positions have no end date."""
    with db.session() as s:
        rows = s.scalars(
            select(Position)
            .where(Position.person_id == person_id, ~Position.deleted)
            .order_by(Position.end_date.is_not(None), Position.start_date.desc())
        )
        return [
            PositionView(
                p.id,
                p.title,
                p.organisation or "",
                p.start_date.isoformat() if p.start_date else "",
                p.end_date.isoformat() if p.end_date else "",
                p.version,
            )
            for p in rows
        ]


def clean_talent(session: Session, actor: Actor, raw: dict[str, Any], row: PersonTalent | None) -> dict[str, Any]:
    c = Collector(raw, row)
    values = {
        "person_id": _person_id(c, session, row),
        "kind": c.code("kind", vocab.TALENT_KIND, required=True),
        "since": c.date("since", "起始日期"),
        "note": c.text("note", "备注"),
    }
    c.done()
    return values


def save_talent(db: Database, actor: Actor, raw: dict[str, Any], talent_id: str | None = None) -> Saved:
    return save_record(
        db,
        actor,
        PersonTalent,
        talent_id,
        raw,
        clean_talent,
        what="社区人才类别",
        describe=lambda t: vocab.TALENT_KIND.label(t.kind),
    )


def clean_term(session: Session, actor: Actor, raw: dict[str, Any], row: CommitteeTerm | None) -> dict[str, Any]:
    c = Collector(raw, row)
    community_id = row.community_id if row else raw.get("community_id")
    community = session.get(Community, community_id) if community_id else None
    if community is None:
        c.fail("社区", "请选择社区")
    election = c.date("election_date", "换届日期", required=True)
    values = {
        "community_id": community_id,
        "label": c.text("label", "届次名称", max_len=64) or (f"{election.year}年换届" if election else None),
        "election_date": election,
        "end_date": c.date("end_date", "届满日期"),
    }
    c.done()
    return values


def save_term(db: Database, actor: Actor, raw: dict[str, Any], term_id: str | None = None) -> Saved:
    return save_record(db, actor, CommitteeTerm, term_id, raw, clean_term, what="两委届次", describe=lambda t: t.label)


def clean_member(session: Session, actor: Actor, raw: dict[str, Any], row: CommitteeMember | None) -> dict[str, Any]:
    c = Collector(raw, row)
    term_id = row.term_id if row else raw.get("term_id")
    if not term_id or session.get(CommitteeTerm, term_id) is None:
        c.fail("届次", "请选择两委届次")
    values = {
        "term_id": term_id,
        "person_id": _person_id(c, session, row),
        "body": c.code("body", vocab.COMMITTEE_BODY, required=True),
        "role": c.code("role", vocab.COMMITTEE_ROLE, required=True),
    }
    c.done()
    return values


def save_member(db: Database, actor: Actor, raw: dict[str, Any], member_id: str | None = None) -> Saved:
    return save_record(
        db,
        actor,
        CommitteeMember,
        member_id,
        raw,
        clean_member,
        what="两委成员",
        describe=lambda m: vocab.COMMITTEE_ROLE.label(m.role),
    )


@dataclass(frozen=True)
class TermView:
    id: str
    label: str
    election_date: str
    members: list[str]  # "姓名（社区党委·书记）", in body then role order


def terms_of_community(db: Database, community_id: str) -> list[TermView]:
    """A community's recorded committee terms, newest first, with their members."""
    with db.session() as s:
        terms = list(s.scalars(select(CommitteeTerm).where(
            CommitteeTerm.community_id == community_id, ~CommitteeTerm.deleted)
            .order_by(CommitteeTerm.election_date.desc())))
        rows = s.execute(
            select(CommitteeMember.term_id, Person.name, CommitteeMember.body, CommitteeMember.role)
            .join(Person, Person.id == CommitteeMember.person_id)
            .where(CommitteeMember.term_id.in_([t.id for t in terms]), ~CommitteeMember.deleted)
        ).all()
        by_term: dict[str, list[tuple[int, int, str]]] = {}
        for term_id, name, body, role in rows:
            text = f"{name}（{vocab.COMMITTEE_BODY.label(body)}·{vocab.COMMITTEE_ROLE.label(role)}）"
            key = (vocab.COMMITTEE_BODY.position(body), vocab.COMMITTEE_ROLE.position(role), text)
            by_term.setdefault(term_id, []).append(key)
        return [TermView(t.id, t.label, t.election_date.isoformat(), [k[2] for k in sorted(by_term.get(t.id, []))])
                for t in terms]


def delete_term(db: Database, actor: Actor, term_id: str) -> Saved:
    """Withdraw a term recorded by mistake, with its members, in one operation (tombstones)."""
    from yanqun_desktop.services.records import load_live
    from yanqun_desktop.services.uow import unit_of_work

    with unit_of_work(db, actor, "committee_terms.delete", "删除两委届次") as work:
        term = load_live(work.session, CommitteeTerm, term_id, "两委届次")
        for member in term.members:
            if not member.deleted:
                member.deleted = True
        term.deleted = True
        work.summary = f"删除两委届次：{term.community.name} {term.label}"
    return Saved(term_id, work.result())
