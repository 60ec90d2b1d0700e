"""People: identity, positions, talents, community committees (两委), mentors, transfers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from yanqun_desktop.db.models.base import Base, Synced
from yanqun_desktop.db.models.reference import Community, Street


class Person(Synced, Base):
    """Anyone the programmes touch: trainees, TAs, committee members, reserve candidates.

    Vocabulary fields (gender, ethnicity, ...) hold the canonical Chinese value from
    ``domain.vocab``; ``name_pinyin``/``name_initials`` are kept for search ("zs" finds 张三)
    and ``name_sort`` (pinyin syllables with spaces) for ordering lists by name.
    """

    __tablename__ = "people"
    __table_args__ = (
        # One live row per ID-card number; tombstoned and merged-away rows do not count.
        Index(
            "uq_people_id_card_live",
            "id_card",
            unique=True,
            sqlite_where=text("deleted = 0 AND id_card IS NOT NULL"),
            postgresql_where=text("deleted = false AND id_card IS NOT NULL"),
        ),
        # The people page's default list (a street's active people in pinyin order) read
        # straight off one index, without sorting 100,000 rows.
        Index(
            "ix_people_roster",
            "street_id",
            "status",
            "name_sort",
            "id",
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("deleted = false"),
        ),
    )

    street_id: Mapped[str] = mapped_column(ForeignKey("streets.id"), index=True)
    community_id: Mapped[str | None] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    name_pinyin: Mapped[str] = mapped_column(String(200), index=True, default="")
    name_initials: Mapped[str] = mapped_column(String(64), index=True, default="")
    name_sort: Mapped[str] = mapped_column(String(300), default="")
    gender: Mapped[str | None] = mapped_column(String(4))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(16))
    political_status: Mapped[str | None] = mapped_column(String(16))
    education: Mapped[str | None] = mapped_column(String(16))
    id_card: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str | None] = mapped_column(String(20))
    estate: Mapped[str | None] = mapped_column(String(100))  # 小区
    grid: Mapped[str | None] = mapped_column(String(100))  # 网格
    building: Mapped[str | None] = mapped_column(String(100))  # 楼栋
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | retired
    retired_on: Mapped[dt.date | None] = mapped_column(Date)
    retired_reason: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)

    street: Mapped[Street] = relationship()
    community: Mapped[Community | None] = relationship()
    positions: Mapped[list[Position]] = relationship(back_populates="person", order_by="Position.start_date")


class PersonPhoto(Synced, Base):
    """Kept apart from ``people`` so that lists never load image bytes."""

    __tablename__ = "person_photos"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), unique=True)
    mime_type: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Position(Synced, Base):
    """A position held (current when ``end_date`` is empty): the position history."""

    __tablename__ = "positions"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    title: Mapped[str] = mapped_column(String(100))  # e.g. 社区党委书记
    organisation: Mapped[str | None] = mapped_column(String(200))  # e.g. 风华社区党委
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="positions")


class PersonTalent(Synced, Base):
    """One of the four kinds of community talent (四类社区人才) a person is counted as."""

    __tablename__ = "person_talents"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # vocab.TALENT_KIND code
    since: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))


class CommitteeTerm(Synced, Base):
    """A community committee (两委) term, elected at ``election_date``."""

    __tablename__ = "committee_terms"

    community_id: Mapped[str] = mapped_column(ForeignKey("communities.id"), index=True)
    label: Mapped[str] = mapped_column(String(64))  # e.g. 2021年换届
    election_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)

    community: Mapped[Community] = relationship()
    members: Mapped[list[CommitteeMember]] = relationship(back_populates="term")


class CommitteeMember(Synced, Base):
    """A member of a term; most members are not trainees, any person can be one."""

    __tablename__ = "committee_members"
    __table_args__ = (UniqueConstraint("term_id", "person_id", "body"),)

    term_id: Mapped[str] = mapped_column(ForeignKey("committee_terms.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    body: Mapped[str] = mapped_column(String(32))  # vocab.COMMITTEE_BODY code
    role: Mapped[str] = mapped_column(String(32))  # vocab.COMMITTEE_ROLE code

    term: Mapped[CommitteeTerm] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class MentorLink(Synced, Base):
    """师傅带徒弟: a master–apprentice pair, optionally within a cohort."""

    __tablename__ = "mentor_links"

    mentor_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    apprentice_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    cohort_id: Mapped[str | None] = mapped_column(ForeignKey("cohorts.id"), index=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))


class Transfer(Synced, Base):
    """A person moved from one street to another; decided by the district, sent down."""

    __tablename__ = "transfers"
    __sync_owner__ = "district"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    from_street_id: Mapped[str] = mapped_column(ForeignKey("streets.id"))
    to_street_id: Mapped[str] = mapped_column(ForeignKey("streets.id"))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))


class PersonAlias(Synced, Base):
    """After the district merges a suspected duplicate, the losing UUID redirects here."""

    __tablename__ = "person_aliases"
    __sync_owner__ = "district"

    alias_id: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
