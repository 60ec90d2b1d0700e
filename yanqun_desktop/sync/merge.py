"""Apply a package's rows (shared/SYNC.md, "Import" 2-4): plan first (the preview), then write.

``plan_import`` only reads: it sorts every incoming row into new / updated / unchanged /
conflict / rejected (and "waiting": rows that refer to a person held back as a suspected
duplicate). ``apply_plan`` writes the plan with Core statements inside the caller's unit of
work; rows keep the sender's version, updated_at and updated_by (they are not re-stamped),
and each row written gets one audit change row (for an insert: its version only; the
values are in the package, which the receiver keeps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import DISTRICT_CODE, PersonAlias, SyncConflict
from yanqun_desktop.sync.bulk import insert_many, select_in
from yanqun_desktop.sync.export import CHUNK, district_overrides
from yanqun_desktop.sync.payload import DecodedTable, Row, json_row, synced_tables

COUNT_KEYS = ("new", "updated", "unchanged", "conflicts", "rejected")
# Tables only the district writes (SYNC.md "Who owns what"; their services refuse a street): a
# street's row there is not its own whatever its owner column says, and is held like any row
# of another owner — else a signed street package could add a street or a tutor to the district.
DISTRICT_TABLES = frozenset(
    {"streets", "tutors", "competency_models", "competency_nodes", "transfers", "person_aliases"}
)
BIG_IMPORT = 20_000  # rows written; above it SQLite gets a bigger page cache for the import
BIG_IMPORT_CACHE_KIB = 65_536


@dataclass
class TableCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in COUNT_KEYS}


@dataclass
class Held:
    """A row that goes to the conflict queue instead of the table."""

    kind: str  # duplicate-person | both-changed | not-owner | waiting
    table: str
    row_id: str
    incoming: Row  # JSON values
    local: Row | None = None
    candidate_id: str | None = None


@dataclass
class Plan:
    sender: str
    inserts: dict[str, list[Row]] = field(default_factory=dict)  # table → rows
    updates: dict[str, list[tuple[Row, Row, Row]]] = field(default_factory=dict)  # (row, json row, stored json row)
    held: list[Held] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    max_version: int = 0

    def totals(self) -> dict[str, int]:
        out = dict.fromkeys(COUNT_KEYS, 0)
        for c in self.counts.values():
            for k, v in c.as_dict().items():
                out[k] += v
        return out

    @property
    def writes(self) -> int:
        return sum(len(v) for v in self.inserts.values()) + sum(len(v) for v in self.updates.values())


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _people_fks(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == "people"]


class _Planner:
    def __init__(self, session: Session, local_org: str, sender: str, acked_version: int, dedupe: bool) -> None:
        self.s = session
        self.dedupe = dedupe
        self.local_org = local_org
        self.sender = sender
        self.from_district = sender == DISTRICT_CODE
        self.tables = {t.name: t for t in synced_tables()}
        self.plan = Plan(sender)
        self.aliases = dict(
            self.s.execute(select(PersonAlias.alias_id, PersonAlias.person_id).where(~PersonAlias.deleted)).all()
        )
        # People held back as suspected duplicates (earlier packages or this one): rows that
        # refer to them wait in the queue until the district decides.
        self.held_people: set[str] = set(
            self.s.scalars(
                select(SyncConflict.row_id).where(
                    SyncConflict.kind == "duplicate-person", SyncConflict.status == "open"
                )
            )
        )
        self.overrides = (
            district_overrides(session, sender, acked_version)
            if local_org == DISTRICT_CODE and not self.from_district
            else {}
        )
        self.written: dict[str, set[str]] = {}  # ids this plan inserts, by table (FK checks)

    def stored(self, table: Table, ids: list[str]) -> dict[str, tuple[str, int]]:
        found = select_in(self.s, table, ("id", "owner", "version"), "id", ids, chunk=CHUNK)
        return {row_id: (owner, version) for row_id, owner, version in found}

    def full_rows(self, table: Table, ids: list[str]) -> dict[str, Row]:
        out: dict[str, Row] = {}
        for chunk in _chunks(ids):
            for r in self.s.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                out[r["id"]] = json_row(table, r)
        return out

    def table(self, decoded: DecodedTable) -> None:
        table, name = decoded.table, decoded.table.name
        counts = self.plan.counts.setdefault(name, TableCounts())
        person_cols = _people_fks(table)
        stored = self.stored(table, [r["id"] for r in decoded.rows])
        inserts: list[Row] = []
        updates: list[Row] = []
        if decoded.rows:
            top = max(row["version"] or 0 for row in decoded.rows)
            self.plan.max_version = max(self.plan.max_version, top)
        # Hot loop (~200,000 rows for a whole street): what does not change per row is looked
        # up once; the checks and their order are as SYNC.md "Import" lists them.
        aliases = self.aliases if person_cols else {}
        held_people = self.held_people  # grows while planning (duplicates held in this package)
        overridden = self.overrides.get(name, ())
        check_owner = not self.from_district
        not_ours = check_owner and name in DISTRICT_TABLES
        sender = self.sender
        for row in decoded.rows:
            if aliases:
                for col in person_cols:  # a merged-away person: follow the alias
                    target = aliases.get(row[col])
                    if target is not None:
                        row[col] = target
            row_id = row["id"]
            have = stored.get(row_id)
            # A version we hold or have superseded changes nothing, whoever owns the row now: a
            # street resending (or echoing) a row the district has since handed to another
            # street is not a conflict. Only newer rows go through the owner check.
            if have is not None and row["version"] <= have[1]:
                counts.unchanged += 1
                continue
            if check_owner and (not_ours or row["owner"] != sender or (have and have[0] != sender)):
                self.hold("not-owner", table, row, counts)
                continue
            if held_people and person_cols:
                waiting_for = next((row[col] for col in person_cols if row[col] in held_people), None)
                if waiting_for is not None:
                    self.plan.held.append(Held("waiting", name, row_id, json_row(table, row), candidate_id=waiting_for))
                    counts.conflicts += 1
                    continue
            if have is not None and row_id in overridden:
                self.hold("both-changed", table, row, counts)
                continue
            (updates if have is not None else inserts).append(row)
        if name == "people" and self.dedupe and self.local_org == DISTRICT_CODE and not self.from_district:
            inserts = self.duplicates(table, inserts, counts)
        inserts = self.check_references(table, inserts, counts)
        updates = self.check_references(table, updates, counts)
        if inserts:
            self.plan.inserts[name] = inserts
            self.written.setdefault(name, set()).update(r["id"] for r in inserts)
            counts.new += len(inserts)
        if updates:
            before = self.full_rows(table, [r["id"] for r in updates])
            self.plan.updates[name] = [(r, json_row(table, r), before[r["id"]]) for r in updates]
            counts.updated += len(updates)

    def hold(self, kind: str, table: Table, row: Row, counts: TableCounts) -> None:
        local = self.full_rows(table, [row["id"]]).get(row["id"])
        self.plan.held.append(Held(kind, table.name, row["id"], json_row(table, row), local))
        counts.conflicts += 1

    def duplicates(self, table: Table, inserts: list[Row], counts: TableCounts) -> list[Row]:
        """A new person whose ID card (else name + birth date + community) matches a live
        person with another UUID is held back as 疑似重复人员."""
        c = table.c
        cards = [r["id_card"] for r in inserts if r.get("id_card") and not r["deleted"]]
        by_card: dict[str, str] = {}
        for chunk in _chunks(cards):
            by_card.update(
                (card, pid)
                for pid, card in self.s.execute(select(c.id, c.id_card).where(c.id_card.in_(chunk), ~c.deleted))
            )
        kept = []
        for row in inserts:
            if row["deleted"]:  # a tombstone (e.g. a street's merged-away person) never duplicates
                kept.append(row)
                continue
            twin = by_card.get(row["id_card"]) if row.get("id_card") else None
            if twin is None and not row.get("id_card") and row.get("birth_date") and row.get("community_id"):
                twin = self.s.scalar(
                    select(c.id)
                    .where(
                        c.name == row["name"],
                        c.birth_date == row["birth_date"],
                        c.community_id == row["community_id"],
                        ~c.deleted,
                        c.id != row["id"],
                    )
                    .limit(1)
                )
            if twin is not None and twin != row["id"]:
                self.plan.held.append(
                    Held("duplicate-person", "people", row["id"], json_row(table, row), candidate_id=twin)
                )
                self.held_people.add(row["id"])
                counts.conflicts += 1
            else:
                kept.append(row)
        return kept

    def check_references(self, table: Table, rows: list[Row], counts: TableCounts) -> list[Row]:
        """Every foreign key must point at a row held here or arriving in this package. From
        the district, a nullable reference to a row this street does not hold (another
        street's person named as a tutor) is left empty; otherwise the row is rejected."""
        if not rows:
            return rows
        bad: set[int] = set()
        blanked = 0
        for fk in table.foreign_keys:
            col, target = fk.parent.name, fk.column.table
            values = sorted({r[col] for r in rows if r[col] is not None})
            if not values:
                continue
            known = set(self.written.get(target.name, ()))
            if target.name == table.name:
                known.update(r["id"] for r in rows)
            missing = set(values) - known
            if missing:
                missing -= {r[0] for r in select_in(self.s, target, ("id",), "id", sorted(missing), chunk=CHUNK)}
            if not missing:
                continue
            for i, row in enumerate(rows):
                if row[col] in missing:
                    if self.from_district and fk.parent.nullable:
                        row[col] = None
                        blanked += 1
                    else:
                        bad.add(i)
        if blanked:
            self.plan.messages.append(f"{table.name}：{blanked} 处引用了本单位没有的记录，已留空")
        if bad:
            counts.rejected += len(bad)
            self.plan.messages.append(f"{table.name}：{len(bad)} 条记录引用了不存在的记录，未导入")
        return [r for i, r in enumerate(rows) if i not in bad]


def plan_import(
    session: Session,
    *,
    local_org: str,
    sender: str,
    tables: list[DecodedTable],
    acked_version: int = 0,
    check_duplicates: bool = True,
) -> Plan:
    """Sort every incoming row; writes nothing. ``acked_version`` (at the district) is the
    sender's acknowledged watermark: district edits of the sender's rows above it are still
    pending at the street, so a street change to such a row is a both-changed conflict."""
    planner = _Planner(session, local_org, sender, acked_version, check_duplicates)
    for decoded in tables:
        planner.table(decoded)
    return planner.plan


def _changed(before: Row, after: Row) -> tuple[Row, Row]:
    keys = [k for k in after if k not in ("version", "updated_at", "updated_by") and before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def apply_plan(session: Session, plan: Plan, *, package_id: str, changes: list[Any]) -> None:
    """Write the plan. ``changes`` is the unit of work's change list (table, id, action,
    before, after): one entry per row written."""
    if session.get_bind().dialect.name == "sqlite":
        # Rows of one table may refer to each other in any order (competency nodes): check
        # foreign keys at commit, when every row of the package is in.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        if plan.writes > BIG_IMPORT:
            # A whole street (~200,000 rows) goes into four or five B-trees per table, in
            # random key order: with SQLite's default 2 MB page cache most inserts re-read
            # pages. 64 MB (allocated only as used) for this connection.
            session.execute(text(f"PRAGMA cache_size = -{BIG_IMPORT_CACHE_KIB}"))
    tables = {t.name: t for t in synced_tables()}
    for name, table in tables.items():
        rows = plan.inserts.get(name)
        if rows:
            _insert(session, table, rows)
            # A row a package inserts is audited by its version only: its values are the row's
            # first version, in the package the ledger names by hash (kept in the inbox). A
            # whole street is ~200,000 rows: the full values would double what is written.
            changes.extend((name, r["id"], "insert", None, {"version": r["version"]}) for r in rows)
        ups = plan.updates.get(name)
        if ups:
            cols = [c.name for c in table.columns if c.name != "id"]
            stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in cols})
            session.execute(stmt, [{"_id": r["id"], **{c: r[c] for c in cols}} for r, _, _ in ups])
            for r, raw, before in ups:
                old, new = _changed(before, raw)
                new["version"] = raw["version"]
                action = "delete" if new.get("deleted") is True else "update"
                changes.append((name, r["id"], action, old, new))
    _queue(session, plan, package_id)


def _insert(session: Session, table: Table, rows: list[Row]) -> None:
    """INSERT whole rows (every column, as decoded from a package): one prepared statement on
    value lists (``sync.bulk``); rows missing a column go through Core, which fills it in."""
    columns = [c.key for c in table.columns]
    values = None
    if all(len(r) == len(columns) for r in rows):
        values_of = itemgetter(*columns)
        try:
            values = [values_of(r) for r in rows]
        except KeyError:  # another key set than the columns (never from a package)
            values = None
    if values is None:
        session.execute(insert(table), rows)
    else:
        insert_many(session, table, columns, values)


def _queue(session: Session, plan: Plan, package_id: str) -> None:
    """Conflicts go to the queue: one open entry per row (a later package replaces the
    incoming side of an entry still open)."""
    now = dt.datetime.now(dt.UTC)
    for h in plan.held:
        status = "waiting" if h.kind == "waiting" else "open"
        existing = session.scalar(
            select(SyncConflict).where(
                SyncConflict.row_id == h.row_id, SyncConflict.table_name == h.table, SyncConflict.status == status
            )
        )
        if existing is not None:
            if (existing.incoming_row or {}).get("version", 0) < h.incoming.get("version", 0):
                existing.incoming_row, existing.package_id, existing.kind = h.incoming, package_id, h.kind
            continue
        session.add(
            SyncConflict(
                kind=h.kind,
                status=status,
                table_name=h.table,
                row_id=h.row_id,
                candidate_id=h.candidate_id,
                sender=plan.sender,
                package_id=package_id,
                local_row=h.local,
                incoming_row=h.incoming,
                created_at=now,
            )
        )
    session.flush()


def row_values(table: Table, raw: Row) -> Row:
    """A JSON row (from the conflict queue) back to database values."""
    from yanqun_desktop.sync.payload import decode_json_row

    return decode_json_row(table, raw)
