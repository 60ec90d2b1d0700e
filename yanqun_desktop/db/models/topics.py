"""Micro-reform topics (微改革课题) and what they produce: teams, six-step progress, documents,
governance cases and honours."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from yanqun_desktop.db.models.base import Base, Synced


class Topic(Synced, Base):
    """A yearly topic, pushed down by the district (owned by it) or raised by a street."""

    __tablename__ = "topics"
    __sync_owner__ = "mixed"  # district topics → district, local topics → street

    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    origin: Mapped[str] = mapped_column(String(16))  # vocab.TOPIC_ORIGIN code
    street_id: Mapped[str | None] = mapped_column(ForeignKey("streets.id"), index=True)
    community_id: Mapped[str | None] = mapped_column(ForeignKey("communities.id"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list[TopicMember]] = relationship(back_populates="topic")
    steps: Mapped[list[TopicStep]] = relationship(back_populates="topic", order_by="TopicStep.step_no")


class TopicMember(Synced, Base):
    """A member of a topic team (课题组); the 组长 must be a community secretary."""

    __tablename__ = "topic_members"
    __table_args__ = (UniqueConstraint("topic_id", "person_id"),)

    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))  # vocab.TOPIC_ROLE code
    joined_on: Mapped[dt.date | None] = mapped_column(Date)

    topic: Mapped[Topic] = relationship(back_populates="members")


class TopicOutcome(Synced, Base):
    """A street's outcome (成果) of a topic the district pushed down. The topic row is the
    district's, so the street cannot write ``Topic.outcome``; its result travels in its own row
    (SYNC.md: the street owns the work done on any topic). A street's own topic keeps its
    outcome on the topic row."""

    __tablename__ = "topic_outcomes"
    __table_args__ = (UniqueConstraint("topic_id", "owner"),)

    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), index=True)
    outcome: Mapped[str | None] = mapped_column(Text)


class TopicStep(Synced, Base):
    """Progress through one of the six steps 文献查阅 → … → 形成报告 (``step_no`` 1..6)."""

    __tablename__ = "topic_steps"
    __table_args__ = (UniqueConstraint("topic_id", "step_no"),)

    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id"), index=True)
    step_no: Mapped[int] = mapped_column(Integer)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    topic: Mapped[Topic] = relationship(back_populates="steps")


class Document(Synced, Base):
    """A file attached to a topic (optionally to one step), stored in the database with its
    SHA-256 so that packages can carry and verify it."""

    __tablename__ = "documents"

    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topics.id"), index=True)
    step_no: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("governance_cases.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class GovernanceCase(Synced, Base):
    """治理案例, e.g. 风华社区 "文明养犬"; may come out of a topic."""

    __tablename__ = "governance_cases"

    title: Mapped[str] = mapped_column(String(200), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    street_id: Mapped[str | None] = mapped_column(ForeignKey("streets.id"), index=True)
    community_id: Mapped[str | None] = mapped_column(ForeignKey("communities.id"), index=True)
    topic_id: Mapped[str | None] = mapped_column(ForeignKey("topics.id"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)


class CasePerson(Synced, Base):
    __tablename__ = "case_people"
    __table_args__ = (UniqueConstraint("case_id", "person_id"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("governance_cases.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(64))


class Honour(Synced, Base):
    """An honour at street … national level, to a person, a case or a community."""

    __tablename__ = "honours"

    title: Mapped[str] = mapped_column(String(200))  # e.g. 小社区·大舞台 新锐头雁
    level: Mapped[str] = mapped_column(String(16))  # vocab.HONOUR_LEVEL code
    awarded_on: Mapped[dt.date | None] = mapped_column(Date)
    awarded_by: Mapped[str | None] = mapped_column(String(200))
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("governance_cases.id"), index=True)
    community_id: Mapped[str | None] = mapped_column(ForeignKey("communities.id"))
