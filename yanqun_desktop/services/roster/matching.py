"""Finding the person a row is about: by ID number, else by name + birth date + community.

Every live person of the street is loaded in one query (plain tuples, no ORM objects: 10,000
people load in milliseconds), keyed both ways."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import Community, Person, Street

PERSON_COLUMNS = ("id", "owner", "street_id", "community_id", "name", "gender", "birth_date", "ethnicity",
                  "political_status", "education", "id_card", "phone", "note")
CHUNK = 500  # SQLite's bound-parameter limit is generous, but IN lists stay short


@dataclass
class Known:
    """A stored person as the import compares it."""

    values: dict[str, object]
    community: str  # name, "" when none

    @property
    def id(self) -> str:
        return str(self.values["id"])

    def key(self) -> tuple[str, dt.date | None, str]:
        return (str(self.values["name"]), self.values["birth_date"], self.community)  # type: ignore[return-value]


class PersonIndex:
    def __init__(self, session: Session, street_id: str | None) -> None:
        """``street_id`` None: every street (the district enrolling into its camp)."""
        self.session = session
        cols = [getattr(Person, c) for c in PERSON_COLUMNS]
        stmt = (
            select(*cols, Community.name)
            .outerjoin(Community, Community.id == Person.community_id)
            .where(~Person.deleted)
        )
        if street_id is not None:
            stmt = stmt.where(Person.street_id == street_id)
        self.by_id_card: dict[str, Known] = {}
        self.by_key: dict[tuple[str, dt.date | None, str], list[Known]] = defaultdict(list)
        self.by_person: dict[str, Known] = {}
        for row in session.execute(stmt):
            known = Known(dict(zip(PERSON_COLUMNS, row[:-1], strict=True)), row[-1] or "")
            self.add(known)

    def add(self, known: Known) -> None:
        if known.values["id_card"]:
            self.by_id_card[str(known.values["id_card"])] = known
        self.by_key[known.key()].append(known)
        self.by_person[known.id] = known

    def elsewhere(self, id_cards: list[str]) -> dict[str, str]:
        """ID numbers the file holds that belong to a live person of another street:
        number -> "name（street）" for the message."""
        wanted = [n for n in id_cards if n not in self.by_id_card]
        found: dict[str, str] = {}
        for i in range(0, len(wanted), CHUNK):
            stmt = (
                select(Person.id_card, Person.name, Street.name)
                .join(Street, Street.id == Person.street_id)
                .where(Person.id_card.in_(wanted[i : i + CHUNK]), ~Person.deleted)
            )
            for number, name, street in self.session.execute(stmt):
                found[number] = f"{name}（{street}）"
        return found

    def find(self, id_card: str | None, name: str, birth: dt.date | None, community: str) -> tuple[Known | None, str]:
        """The person, or None with the reason a match was refused ("" when simply not found)."""
        if id_card:
            hit = self.by_id_card.get(id_card)
            if hit is not None:
                return hit, ""
        candidates = self.by_key.get((name, birth, community), [])
        if id_card and candidates and all(k.values["id_card"] for k in candidates):
            # Same name, birthday and community under another valid number: a typo far more
            # often than a second person, so the clerk checks rather than we add a twin.
            return None, f"已登记的「{name}」姓名、出生日期、社区都相同，但身份证号不同，请核对"
        candidates = [k for k in candidates if not (id_card and k.values["id_card"])]
        if len(candidates) > 1:
            return None, f"有 {len(candidates)} 名同名人员的出生日期、社区也相同，无法确定是哪一位，请填写身份证号"
        return (candidates[0], "") if candidates else (None, "")
