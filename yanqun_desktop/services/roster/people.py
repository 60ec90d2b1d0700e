"""The people roster: each row validated as ``save_person`` validates a form, matched against
the street's people loaded once, and written with Core executemany (``uow.bulk_insert`` /
``bulk_update``, which stamp and audit every row as the ORM path does).

A blank cell never clears a stored value (a clerk's partial list must not wipe data), and a
masked ID number or phone (as our export writes them) means "as stored". 现任职务 and 人才类别,
when filled, are the full current set: missing titles are added as current positions and
titles no longer listed are ended today; talent kinds likewise added or withdrawn."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import Person, PersonTalent, Position
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.pinyin import name_columns
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors, validate_person_fields
from yanqun_desktop.services.imports import ImportReport, RowIssue, RowOutcome
from yanqun_desktop.services.roster.common import (
    Communities,
    Options,
    Row,
    acting_street,
    community_name,
    data_rows,
    header_for,
    issues_from,
)
from yanqun_desktop.services.roster.matching import Known, PersonIndex
from yanqun_desktop.services.roster.specs import RosterKind
from yanqun_desktop.services.uow import Work, bulk_insert, bulk_update
from yanqun_desktop.sheets.headers import HeaderMatch
from yanqun_desktop.sheets.reading import SheetData

PERSON_FIELDS = ("name", "gender", "birth_date", "ethnicity", "political_status", "education", "id_card", "phone")
VOCABULARIES = {"ethnicity": vocab.ETHNICITY, "political_status": vocab.POLITICAL_STATUS, "education": vocab.EDUCATION}
VOCAB_FIELDS = tuple(VOCABULARIES)
# validate_person_fields checks these together (the ID number fills and cross-checks birth and gender).
CHECKED_FIELDS = tuple(k for k in PERSON_FIELDS if k not in VOCABULARIES)

# The import dialog previews a file, then imports it: the same rows are validated twice within
# seconds. Validation is a pure function of the cells (and of today's date, which bounds birth
# dates), so its outcome is kept for the last ~two files' worth of rows.
_VALIDATED_LIMIT = 50_000
_validated: dict[tuple[Any, ...], dict[str, Any] | ValidationErrors | ValidationError] = {}


def validated(raw: dict[str, Any]) -> dict[str, Any]:
    """``validate_person_fields`` with its outcome (values or the error) remembered."""
    key = (dt.date.today(), *raw.values())
    outcome = _validated.get(key)  # cell values are str, date, number or None: hashable
    if outcome is None:
        try:
            outcome = validate_person_fields(raw)
        except (ValidationErrors, ValidationError) as e:
            outcome = e
        if len(_validated) >= _VALIDATED_LIMIT:
            _validated.clear()
        _validated[key] = outcome
    if isinstance(outcome, Exception):
        raise outcome
    return dict(outcome)  # a copy: the caller adds the vocabulary fields to it


@dataclass
class PeoplePlan:
    new_people: list[dict[str, Any]] = field(default_factory=list)
    new_positions: list[dict[str, Any]] = field(default_factory=list)
    new_talents: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    ended_positions: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    dropped_talents: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    new_communities: list[str] = field(default_factory=list)  # names added 待核实

    def apply(self, work: Work) -> None:
        # Pinyin keys (as save_person stores them) only now: a preview never needs them.
        for person in self.new_people:
            person.update(name_columns(person["name"]))
        for _, _, _, after in self.updates:
            if "name" in after:
                after.update(name_columns(after["name"]))
        bulk_insert(work, Person, self.new_people)
        bulk_update(work, Person, self.updates)
        bulk_insert(work, Position, self.new_positions)
        bulk_update(work, Position, self.ended_positions)
        bulk_insert(work, PersonTalent, self.new_talents)
        bulk_update(work, PersonTalent, self.dropped_talents)


class PeopleImport:
    def __init__(self, work: Work, kind: RosterKind, match: HeaderMatch, report: ImportReport, options: Options):
        self.work, self.kind, self.match, self.report = work, kind, match, report
        s, actor = work.session, work.actor
        self.street = acting_street(s, actor, options)
        self.communities = Communities(s, actor, self.street.id)
        self.index = PersonIndex(s, self.street.id)
        self.today = dt.date.today()
        self.plan = PeoplePlan(new_communities=self.communities.added)
        self.positions: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # person -> (id, owner, title)
        stmt = (
            select(Position.person_id, Position.id, Position.owner, Position.title)
            .join(Person, Person.id == Position.person_id)
            .where(Person.street_id == self.street.id, Position.end_date.is_(None), ~Position.deleted)
        )
        for person_id, pos_id, owner, title in s.execute(stmt):
            self.positions[person_id].append((pos_id, owner, title))
        self.talents: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # person -> kind -> (id, owner)
        stmt2 = (
            select(PersonTalent.person_id, PersonTalent.id, PersonTalent.owner, PersonTalent.kind)
            .join(Person, Person.id == PersonTalent.person_id)
            .where(Person.street_id == self.street.id, ~PersonTalent.deleted)
        )
        for person_id, talent_id, owner, kind_code in s.execute(stmt2):
            self.talents[person_id][kind_code] = (talent_id, owner)
        self._vocab_cache: dict[str, dict[str, str]] = {}
        self.seen_ids: dict[str, int] = {}
        self.seen_keys: dict[tuple[str, dt.date | None, str], int] = {}

    def vocab(self, key: str, text: Any) -> str | None:
        if text is None:
            return None
        cache = self._vocab_cache.setdefault(key, {})
        if text not in cache:
            cache[text] = VOCABULARIES[key].normalize(text)  # a ValidationError is not cached: raised each time
        return cache[text]

    def col(self, key: str) -> str:
        return header_for(self.kind, self.match, key)

    def run(self, sheet: SheetData) -> PeoplePlan:
        rows = list(data_rows(sheet, self.kind, self.match))
        self.elsewhere = self.index.elsewhere([r.values["id_card"] for r in rows if "id_card" in r.values])
        for row in rows:
            outcome = RowOutcome(row.number, "invalid", str(row.values.get("name", "")), list(row.issues))
            self.report.rows.append(outcome)
            self.classify(row, outcome)
            if outcome.issues:
                outcome.status = "invalid"
        return self.plan

    def classify(self, row: Row, outcome: RowOutcome) -> None:
        raw = {k: row.values.get(k) for k in CHECKED_FIELDS}
        try:
            values = validated(raw)
        except (ValidationErrors, ValidationError) as e:
            outcome.issues.extend(issues_from(self.kind, self.match, e))
            values = {}
        for key in VOCAB_FIELDS:  # the same vocabularies validate_person_fields uses, cached per text
            try:
                values[key] = self.vocab(key, row.values.get(key))
            except ValidationError as e:
                outcome.issues.append(RowIssue(self.col(key), e.message))
        talents: list[str] = []
        for text in row.values.get("talents", []):
            try:
                talents.append(vocab.TALENT_KIND.code_from_text(text))
            except ValidationError as e:
                outcome.issues.append(RowIssue(self.col("talents"), e.message))
        for title in row.values.get("positions", []):
            if len(title) > 100:
                outcome.issues.append(RowIssue(self.col("positions"), "职务名称过长（最多 100 字）"))
        talents = list(dict.fromkeys(talents))
        if outcome.issues:
            return
        name, id_card, birth = values["name"], values["id_card"], values["birth_date"]
        outcome.label = name
        community = community_name(str(row.values.get("community", "")))
        key = (name, birth, community)
        earlier = self.seen_ids.get(id_card) if id_card else None
        if earlier is not None or (earlier := self.seen_keys.get(key)) is not None:
            column = self.col("id_card") if id_card and id_card in self.seen_ids else self.col("name")
            outcome.issues.append(RowIssue(column, f"与第 {earlier} 行是同一人，重复出现"))
            return
        if id_card:
            self.seen_ids[id_card] = row.number
        self.seen_keys[key] = row.number
        if id_card and id_card in self.elsewhere:
            outcome.issues.append(
                RowIssue(self.col("id_card"), f"身份证号已登记在「{self.elsewhere[id_card]}」名下，如需调动请联系区级")
            )
            return
        known, reason = self.index.find(id_card, name, birth, community)
        if reason:
            outcome.issues.append(RowIssue(self.col("id_card") if id_card else self.col("name"), reason))
            return
        if known is None:
            self.add_new(row, values, community, talents, outcome)
        else:
            self.compare(row, values, community, talents, known, outcome)

    def add_new(self, row: Row, values: dict[str, Any], community: str, talents: list[str], out: RowOutcome) -> None:
        if "id_card" in row.masked:
            out.issues.append(RowIssue(self.col("id_card"), "身份证号已打码，新增人员须填写完整号码"))
            return
        person_id = new_id()
        person = {k: values[k] for k in PERSON_FIELDS}
        person.update(
            id=person_id, street_id=self.street.id, status="active", note=row.values.get("note"),
            community_id=self.communities.id_for(community) if community else None,
        )
        self.plan.new_people.append(person)
        for title in row.values.get("positions", []):
            self.plan.new_positions.append({"person_id": person_id, "title": title})
        for code in talents:
            self.plan.new_talents.append({"person_id": person_id, "kind": code})
        out.status, out.record_id = "new", person_id

    def compare(
        self, row: Row, values: dict[str, Any], community: str, talents: list[str], known: Known, out: RowOutcome
    ) -> None:
        stored = known.values
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for key in PERSON_FIELDS:
            value = values[key]
            if value is None:
                continue  # blank or masked: as stored
            if key in ("birth_date", "gender") and key not in row.values and stored[key] is not None:
                continue  # derived from the ID number: never overrides what was typed before
            if value != stored[key]:
                before[key], after[key] = stored[key], value
        if community and community != known.community:
            before["community_id"], after["community_id"] = stored["community_id"], self.communities.id_for(community)
        note = row.values.get("note")
        if note is not None and note != stored["note"]:
            before["note"], after["note"] = stored["note"], note
        changed = [self.kind.column("community" if k == "community_id" else k).header for k in before]
        added_titles, ended = self._positions(row, known.id)
        added_talents, dropped = self._talents(row, talents, known.id)
        if added_titles or ended:
            changed.append(self.kind.column("positions").header)
        if added_talents or dropped:
            changed.append(self.kind.column("talents").header)
        out.record_id = known.id
        if not changed:
            out.status = "unchanged"
            return
        if not self.work.actor.may_write(str(stored["owner"])):
            out.issues.append(RowIssue("", "该人员的记录由区级维护，街道不能修改"))
            return
        out.status, out.changed_fields = "updated", changed
        if after:
            self.plan.updates.append((known.id, str(stored["owner"]), before, after))
        self.plan.new_positions.extend({"person_id": known.id, "title": t} for t in added_titles)
        self.plan.ended_positions.extend((i, o, {"end_date": None}, {"end_date": self.today}) for i, o in ended)
        self.plan.new_talents.extend({"person_id": known.id, "kind": k} for k in added_talents)
        self.plan.dropped_talents.extend((i, o, {"deleted": False}, {"deleted": True}) for i, o in dropped)

    def _positions(self, row: Row, person_id: str) -> tuple[list[str], list[tuple[str, str]]]:
        if "positions" not in row.values:
            return [], []
        wanted = row.values["positions"]
        current = self.positions.get(person_id, [])
        titles = {t for _, _, t in current}
        return [t for t in wanted if t not in titles], [(i, o) for i, o, t in current if t not in wanted]

    def _talents(self, row: Row, codes: list[str], person_id: str) -> tuple[list[str], list[tuple[str, str]]]:
        if "talents" not in row.values:
            return [], []
        current = self.talents.get(person_id, {})
        return [c for c in codes if c not in current], [v for k, v in current.items() if k not in codes]


def import_people(
    work: Work, sheet: SheetData, kind: RosterKind, match: HeaderMatch, report: ImportReport, options: Options
) -> PeoplePlan:
    return PeopleImport(work, kind, match, report, options).run(sheet)
