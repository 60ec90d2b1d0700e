"""The programmes of "一室两库一营": studio and camp cohorts, the tutor pool, the reserve pool,
and the competency models trainees are measured against."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from yanqun_desktop.db.models.base import Base, Synced
from yanqun_desktop.db.models.people import Person


class Cohort(Synced, Base):
    """A numbered studio cohort (第一期) of one street, or a yearly district camp cohort.

    Studio cohorts are owned by their street, camp cohorts by the district (the unit of work
    sets ``owner`` from the kind; see services)."""

    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("kind", "street_id", "number"),)
    __sync_owner__ = "mixed"  # studio → street, camp → district

    kind: Mapped[str] = mapped_column(String(16))  # studio | camp
    street_id: Mapped[str | None] = mapped_column(ForeignKey("streets.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 期数 (studio) or year (camp)
    name: Mapped[str] = mapped_column(String(100))  # e.g. 招商街道书记工作室第二期
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    enrolments: Mapped[list[Enrolment]] = relationship(back_populates="cohort")


class Enrolment(Synced, Base):
    """A person in a cohort with a role; camp trainees also have a tier and pipeline stage."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("cohort_id", "person_id", "role"),)
    __sync_owner__ = "mixed"  # follows its cohort

    cohort_id: Mapped[str] = mapped_column(ForeignKey("cohorts.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # vocab.ENROLMENT_ROLE code
    talent_kind: Mapped[str | None] = mapped_column(String(32))  # vocab.TALENT_KIND code
    camp_tier: Mapped[str | None] = mapped_column(String(16))  # vocab.CAMP_TIER code
    camp_stage: Mapped[str | None] = mapped_column(String(16))  # vocab.CAMP_STAGE code
    enrolled_on: Mapped[dt.date | None] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))

    cohort: Mapped[Cohort] = relationship(back_populates="enrolments")
    person: Mapped[Person] = relationship()


class Tutor(Synced, Base):
    """优秀师资库: a tutor in the district pool. Often not a person in ``people`` (a professor);
    ``person_id`` links one who is (an excellent community secretary, 实践派)."""

    __tablename__ = "tutors"
    __sync_owner__ = "district"

    name: Mapped[str] = mapped_column(String(64), index=True)
    name_pinyin: Mapped[str] = mapped_column(String(200), index=True, default="")
    name_initials: Mapped[str] = mapped_column(String(64), index=True, default="")
    name_sort: Mapped[str] = mapped_column(String(300), default="")
    gender: Mapped[str | None] = mapped_column(String(4))
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    school: Mapped[str] = mapped_column(String(16))  # vocab.TUTOR_SCHOOL code
    organisation: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(100))  # 职务/职称
    subjects: Mapped[str | None] = mapped_column(Text)  # 擅长领域, free text
    nomination: Mapped[str] = mapped_column(String(16))  # vocab.NOMINATION code
    recommended_by: Mapped[str | None] = mapped_column(String(100))
    vetting: Mapped[str] = mapped_column(String(16), default="pending")  # vocab.VETTING code
    phone: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | retired
    note: Mapped[str | None] = mapped_column(Text)
    # The street recommendation this tutor came from. Kept on the district's row, so taking a
    # recommendation never edits the street's row (only owners write rows).
    recommendation_id: Mapped[str | None] = mapped_column(ForeignKey("tutor_recommendations.id"))


class TutorRecommendation(Synced, Base):
    """A street recommends a tutor to the district pool (推荐); the district vets it."""

    __tablename__ = "tutor_recommendations"

    street_id: Mapped[str] = mapped_column(ForeignKey("streets.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    organisation: Mapped[str | None] = mapped_column(String(200))
    school: Mapped[str | None] = mapped_column(String(16))
    subjects: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    recommended_on: Mapped[dt.date | None] = mapped_column(Date)


class TutorFeedback(Synced, Base):
    """A street's feedback on a tutor, usually after a session."""

    __tablename__ = "tutor_feedback"

    tutor_id: Mapped[str] = mapped_column(ForeignKey("tutors.id"), index=True)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    rating: Mapped[int | None] = mapped_column(Integer)  # 1..5
    comment: Mapped[str | None] = mapped_column(Text)


class ReserveEntry(Synced, Base):
    """社区人才储备库: a reserve candidate (后备人选) for a target role."""

    __tablename__ = "reserve_entries"
    __table_args__ = (UniqueConstraint("person_id", "target_role"),)

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    target_role: Mapped[str] = mapped_column(String(32))  # vocab.RESERVE_TARGET code
    added_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="reserve")  # reserve | used | withdrawn
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship()


class CompetencyModel(Synced, Base):
    """A competency model version (studio: 3 modules → 7 indicators → 24 items; camp: 善谋 /
    实干 / 总结提炼). Frozen once an assessment uses it: editing then makes a new version."""

    __tablename__ = "competency_models"
    __table_args__ = (UniqueConstraint("kind", "version_no"),)
    __sync_owner__ = "district"

    kind: Mapped[str] = mapped_column(String(16))  # studio | camp
    name: Mapped[str] = mapped_column(String(100))
    version_no: Mapped[int] = mapped_column(Integer)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    frozen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    previous_id: Mapped[str | None] = mapped_column(ForeignKey("competency_models.id"))
    note: Mapped[str | None] = mapped_column(Text)

    nodes: Mapped[list[CompetencyNode]] = relationship(back_populates="model", order_by="CompetencyNode.sort_order")


class CompetencyNode(Synced, Base):
    """A module, indicator or item of a model; items carry the scoring range."""

    __tablename__ = "competency_nodes"
    __sync_owner__ = "district"

    model_id: Mapped[str] = mapped_column(ForeignKey("competency_models.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("competency_nodes.id"))
    level: Mapped[str] = mapped_column(String(16))  # module | indicator | item
    code: Mapped[str] = mapped_column(String(16))  # e.g. 1.2.3
    name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    max_score: Mapped[float | None] = mapped_column(Float)
    weight: Mapped[float | None] = mapped_column(Float)

    model: Mapped[CompetencyModel] = relationship(back_populates="nodes")
