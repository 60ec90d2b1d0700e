"""Which rows go into a package (shared/SYNC.md, "Who owns what" and "Import" 6).

* Street → district: every row this street owns with a version above the watermark the
  district acknowledged, tombstones included (mixed tables carry their owner per row).
* District → street X: the district-owned reference data X needs (streets, communities, the
  tutor pool, competency models, district topics, camp cohorts and sessions, and camp records
  concerning X's people), transfers from or to X with the moved person's rows (the new street:
  the whole record; the old street: the rows the transfer handed over, now owned by the new
  street), merges (person aliases), and overrides: rows X owns that the district itself wrote
  (a conflict resolution, an edit in district mode), found in the district's audit trail.
  Never another street's people. Rows X sent up are not echoed back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Result, Select, Table, and_, false, or_, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.ids import version_time_ms
from yanqun_desktop.db.models import (
    DISTRICT_CODE,
    AuditChange,
    AuditOperation,
    Person,
    Street,
    SyncConflict,
    Transfer,
)
from yanqun_desktop.sync.payload import Row, synced_tables

# Operations that write rows as their owner sent them (not district edits of them).
IMPORT_OPERATIONS = ("sync.import", "sync.merge-person")
# Tables whose rows are "the person's own record": they move with a person transferred to X.
PERSONAL_TABLES = ("people", "person_photos", "positions", "person_talents", "archive_entries", "reserve_entries")
# District reference data every street holds in full (no personal data in any of them).
EVERYWHERE = {"streets", "communities", "tutors", "competency_models", "competency_nodes"}
CHUNK = 5000


@dataclass
class Selection:
    """Rows chosen for one package, by table name, and the highest version among them."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    up_to_version: int = 0

    def add(self, table: str, rows: Iterable[Any]) -> None:
        """Add rows (mappings, or a Core ``Result``), skipping ids already chosen."""
        if isinstance(rows, Result):
            self._take(table, _dicts(rows))
        else:
            self._take(table, [dict(r) for r in rows])

    def _take(self, table: str, rows: list[Row]) -> None:
        """Add fresh dicts (owned from now on), skipping ids already chosen."""
        if not rows:
            self.rows.setdefault(table, [])
            return
        bucket = self.rows.get(table)
        if not bucket:  # the usual case (one query per table): nothing to skip
            seen: set[str] = set()
            fresh = []
            for row in rows:
                if row["id"] not in seen:
                    seen.add(row["id"])
                    fresh.append(row)
            self.rows[table] = fresh
        else:
            seen = {r["id"] for r in bucket}
            fresh = []
            for row in rows:
                if row["id"] not in seen:
                    seen.add(row["id"])
                    fresh.append(row)
            bucket.extend(fresh)
        if fresh:
            self.up_to_version = max(self.up_to_version, max(r["version"] for r in fresh))

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items() if rows}


def _dicts(result: Result[Any]) -> list[Row]:
    """A result's rows as plain dicts: all rows at once, zipped with the keys (a street's full
    export reads ~200,000 rows; RowMapping → dict one by one costs more than the query)."""
    keys = tuple(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


def street_selection(session: Session, org_code: str, since_version: int) -> Selection:
    out = Selection(up_to_version=since_version)
    for table in synced_tables():
        stmt = select(table).where(table.c.owner == org_code, table.c.version > since_version)
        out.add(table.name, session.execute(stmt))
    return out


def district_overrides(session: Session, street: str, since_version: int) -> dict[str, set[str]]:
    """Rows owned by ``street`` that the district wrote itself (not by importing them) at a
    version above ``since_version``: the audit trail names them. Keyed by table name."""
    since = _since_time(since_version)
    pairs = session.execute(
        select(AuditChange.table_name, AuditChange.row_id)
        .join(AuditOperation, AuditOperation.id == AuditChange.operation_id)
        .where(AuditOperation.at >= since, AuditOperation.operation.not_in(IMPORT_OPERATIONS))
        .distinct()
    ).all()
    out: dict[str, set[str]] = {}
    tables = {t.name: t for t in synced_tables()}
    grouped: dict[str, list[str]] = {}
    for name, row_id in pairs:
        if name in tables:
            grouped.setdefault(name, []).append(row_id)
    for name, ids in grouped.items():
        table = tables[name]
        for chunk in _chunks(ids):
            found = session.scalars(
                select(table.c.id).where(
                    table.c.id.in_(chunk), table.c.owner == street, table.c.version > since_version
                )
            )
            out.setdefault(name, set()).update(found)
    return out


def _since_time(since_version: int) -> dt.datetime:
    """The audit time from which district writes above ``since_version`` can be found (a second
    earlier: versions and audit times come from clocks read at slightly different moments)."""
    return dt.datetime.fromtimestamp(max(version_time_ms(since_version) - 1000, 0) / 1000, dt.UTC)


def _chunks(ids: list[str], size: int = CHUNK) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _relevant(tables: dict[str, Table], table: Table, street_id: str, people: Select) -> ColumnElement[bool]:
    """Which district-owned rows of ``table`` street X needs (X's street id, X's people)."""
    c = table.c
    name = table.name
    if name in EVERYWHERE:
        return c.id.isnot(None)
    if name == "people":
        return c.street_id == street_id
    if name == "transfers":
        return or_(c.from_street_id == street_id, c.to_street_id == street_id)
    if name == "assessment_scores":
        a = tables["assessments"].c
        return c.assessment_id.in_(select(a.id).where(a.person_id.in_(people)))
    if "session_id" in c and name != "attendance":
        s = tables["training_sessions"].c
        return c.session_id.in_(select(s.id).where(or_(s.street_id.is_(None), s.street_id == street_id)))
    if "person_id" in c:
        return c.person_id.in_(people)
    if "street_id" in c:
        return or_(c.street_id.is_(None), c.street_id == street_id)
    if "topic_id" in c:
        t = tables["topics"].c
        return c.topic_id.in_(select(t.id).where(or_(t.street_id.is_(None), t.street_id == street_id)))
    return false()  # nothing else the district owns concerns a single street


def district_selection(session: Session, street: str, since_version: int) -> Selection:
    out = Selection(up_to_version=since_version)
    street_id = session.scalar(select(Street.id).where(Street.code == street))
    if street_id is None:
        raise ValueError(f"unknown street {street}")
    people = select(Person.id).where(Person.street_id == street_id).scalar_subquery()
    tables = {t.name: t for t in synced_tables()}
    overrides = district_overrides(session, street, since_version)
    moved_in = list(
        session.scalars(
            select(Transfer.person_id).where(Transfer.version > since_version, Transfer.to_street_id == street_id)
        )
    )
    for table in synced_tables():
        c = table.c
        wanted = and_(c.owner == DISTRICT_CODE, _relevant(tables, table, street_id, people))
        stmt = select(table).where(c.version > since_version, wanted)
        out.add(table.name, session.execute(stmt))
        ids = sorted(overrides.get(table.name, ()))
        for chunk in _chunks(ids):
            out.add(table.name, session.execute(select(table).where(c.id.in_(chunk))))
    # A person moving in brings their own record at every version (the district's copy).
    for person_id in moved_in:
        for name in PERSONAL_TABLES:
            t = tables[name]
            key = t.c.id if name == "people" else t.c.person_id
            out.add(name, session.execute(select(t).where(key == person_id)))
        for table in synced_tables():
            if "person_id" in table.c and table.name not in PERSONAL_TABLES:
                stmt = select(table).where(table.c.person_id == person_id, table.c.owner == DISTRICT_CODE)
                out.add(table.name, session.execute(stmt))
    _transferred_rows(session, street_id, since_version, tables, out)
    _merged_people(session, street, since_version, out)
    return _in_dependency_order(out)


def _transferred_rows(
    session: Session, street_id: str, since_version: int, tables: dict[str, Table], out: Selection
) -> None:
    """Rows of the own record of people moved from or to the street (at any time) that the
    district itself wrote at a version above the watermark, as the district holds them now,
    whoever owns them: the transfer (so the old street's copies change owner and become
    read-only there, and its exports stop sending them) and a later decision on a conflict about
    them (a copy the old street edited before it knew: both streets hear of the decision). The
    audit change's version, not its time, decides: the new street's later edits (imports) stay
    with it."""
    people = select(Transfer.person_id).where(
        or_(Transfer.from_street_id == street_id, Transfer.to_street_id == street_id)
    )
    since = _since_time(since_version)
    for name in PERSONAL_TABLES:
        t = tables[name]
        key = t.c.id if name == "people" else t.c.person_id
        candidates = list(session.scalars(select(t.c.id).where(key.in_(people), t.c.version > since_version)))
        chosen: set[str] = set()
        for chunk in _chunks(candidates):
            writes = session.execute(
                select(AuditChange.row_id, AuditChange.after)
                .join(AuditOperation, AuditOperation.id == AuditChange.operation_id)
                .where(
                    AuditChange.table_name == name,
                    AuditChange.row_id.in_(chunk),
                    AuditOperation.at >= since,
                    AuditOperation.operation.not_in(IMPORT_OPERATIONS),
                )
            )
            chosen.update(r for r, after in writes if (after or {}).get("version", since_version + 1) > since_version)
        for chunk in _chunks(sorted(chosen)):
            out.add(name, session.execute(select(t).where(t.c.id.in_(chunk))))


def _merged_people(session: Session, street: str, since_version: int, out: Selection) -> None:
    """A street whose person the district merged into another street's person gets the alias and
    the surviving person row, so that it can redirect its own references."""
    done = session.execute(
        select(SyncConflict.row_id, SyncConflict.candidate_id).where(
            SyncConflict.kind == "duplicate-person",
            SyncConflict.sender == street,
            SyncConflict.resolution == "merged",
        )
    ).all()
    tables = {t.name: t for t in synced_tables()}
    for alias_id, survivor in done:
        alias = tables["person_aliases"]
        rows = list(
            session.execute(
                select(alias).where(alias.c.alias_id == alias_id, alias.c.version > since_version)
            ).mappings()
        )
        if rows:
            people = tables["people"]
            out.add("people", session.execute(select(people).where(people.c.id == survivor)))
            out.add("person_aliases", rows)


def _in_dependency_order(sel: Selection) -> Selection:
    order = {t.name: i for i, t in enumerate(synced_tables())}
    sel.rows = dict(sorted(sel.rows.items(), key=lambda kv: order[kv[0]]))
    return sel
