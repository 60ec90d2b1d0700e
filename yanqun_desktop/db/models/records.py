"""Work that produces records: sessions and attendance, growth-archive entries, assessments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, String, Text, Time, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from yanqun_desktop.db.models.base import Base, Synced


class TrainingSession(Synced, Base):
    """A dated course, site visit, discussion, consultation or contest (课程/活动).

    Studio sessions are owned by their street, camp sessions by the district."""

    __tablename__ = "training_sessions"
    __sync_owner__ = "mixed"

    street_id: Mapped[str | None] = mapped_column(ForeignKey("streets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # vocab.SESSION_KIND code
    title: Mapped[str] = mapped_column(String(200), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(200))
    hours: Mapped[float] = mapped_column(Float, default=0.0)
    practice_task: Mapped[str | None] = mapped_column(Text)  # 一课一练
    note: Mapped[str | None] = mapped_column(Text)

    cohorts: Mapped[list[SessionCohort]] = relationship(back_populates="session")
    tutors: Mapped[list[SessionTutor]] = relationship(back_populates="session")


class SessionCohort(Synced, Base):
    """A cohort a session serves (a session may serve several, e.g. a studio-vs-camp contest)."""

    __tablename__ = "session_cohorts"
    __table_args__ = (UniqueConstraint("session_id", "cohort_id"),)
    __sync_owner__ = "mixed"

    session_id: Mapped[str] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    cohort_id: Mapped[str] = mapped_column(ForeignKey("cohorts.id"), index=True)

    session: Mapped[TrainingSession] = relationship(back_populates="cohorts")


class SessionTutor(Synced, Base):
    __tablename__ = "session_tutors"
    __table_args__ = (UniqueConstraint("session_id", "tutor_id"),)
    __sync_owner__ = "mixed"

    session_id: Mapped[str] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    tutor_id: Mapped[str] = mapped_column(ForeignKey("tutors.id"), index=True)

    session: Mapped[TrainingSession] = relationship(back_populates="tutors")


class Attendance(Synced, Base):
    """One person's roll-call result for one session; guests are outside the cohort."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        Index("ix_attendance_person_session", "person_id", "session_id"),
        # Covering index for the statistics' counts per session and status (migration 0004).
        Index("ix_attendance_session_status", "session_id", "status", "deleted"),
    )
    __sync_owner__ = "mixed"

    session_id: Mapped[str] = mapped_column(ForeignKey("training_sessions.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    status: Mapped[str] = mapped_column(String(16))  # vocab.ATTENDANCE code
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    note: Mapped[str | None] = mapped_column(String(200))


class ArchiveEntry(Synced, Base):
    """A growth-archive entry typed by a clerk (selection, practice task, honour, appointment,
    election, note ...). Entries that follow from other records (attendance, topic roles) are
    not stored: they are derived when the archive is read."""

    __tablename__ = "archive_entries"
    __table_args__ = (Index("ix_archive_entries_person_date", "person_id", "entry_date"),)

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    entry_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(32))  # vocab.ARCHIVE_KIND code
    content: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64))


class Assessment(Synced, Base):
    """A competency assessment of a person at a date, against one frozen model version."""

    __tablename__ = "assessments"
    __sync_owner__ = "mixed"  # studio → street, camp → district

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    model_id: Mapped[str] = mapped_column(ForeignKey("competency_models.id"), index=True)
    cohort_id: Mapped[str | None] = mapped_column(ForeignKey("cohorts.id"))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    scores: Mapped[list[AssessmentScore]] = relationship(back_populates="assessment")


class AssessmentScore(Synced, Base):
    __tablename__ = "assessment_scores"
    __table_args__ = (UniqueConstraint("assessment_id", "node_id"),)
    __sync_owner__ = "mixed"

    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id"), index=True)
    node_id: Mapped[str] = mapped_column(ForeignKey("competency_nodes.id"))
    score: Mapped[float] = mapped_column(Float)

    assessment: Mapped[Assessment] = relationship(back_populates="scores")
