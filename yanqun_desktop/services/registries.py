"""The lists behind the navigation's pages: one ``RegistrySpec`` per area."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from yanqun_desktop.db.database import OrgIdentity
from yanqun_desktop.db.models import (
    Attendance,
    Cohort,
    Community,
    Enrolment,
    GovernanceCase,
    Honour,
    Person,
    Position,
    ReserveEntry,
    SessionCohort,
    Street,
    Topic,
    TopicMember,
    TopicStep,
    TrainingSession,
    Tutor,
    TutorRecommendation,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.registry import (
    Column,
    RegistrySpec,
    Scope,
    age,
    coded,
    masked_phone,
    name_search,
    percent,
)


def _street_scope(street_id: ColumnElement[str | None]):  # type: ignore[no-untyped-def]
    """A street sees its own rows; the district sees every street's."""

    def visible(org: OrgIdentity) -> ColumnElement[bool]:
        if org.is_district:
            return true()
        return street_id == select(Street.id).where(Street.code == org.code).scalar_subquery()

    return visible


def _current_title() -> ColumnElement[str]:
    return (
        select(Position.title)
        .where(Position.person_id == Person.id, Position.end_date.is_(None), ~Position.deleted)
        .order_by(Position.start_date.desc())
        .limit(1)
        .scalar_subquery()
    )


def _cohort_scopes(kind: str, member: ColumnElement[str]):  # type: ignore[no-untyped-def]
    def scopes(session: Session, org: OrgIdentity) -> list[Scope]:
        stmt = select(Cohort).where(Cohort.kind == kind, ~Cohort.deleted).order_by(Cohort.number)
        if kind == "studio" and not org.is_district:
            stmt = stmt.join(Street, Street.id == Cohort.street_id).where(Street.code == org.code)
        result = []
        if kind == "studio":
            in_studio = exists().where(
                Enrolment.person_id == member,
                ~Enrolment.deleted,
                Enrolment.cohort_id.in_(select(Cohort.id).where(Cohort.kind == "studio")),
            )
            result.append(Scope("studio", "工作室学员（全部期次）", in_studio))
        for cohort in session.scalars(stmt):
            cond = exists().where(Enrolment.person_id == member, Enrolment.cohort_id == cohort.id, ~Enrolment.deleted)
            result.append(Scope(f"cohort:{cohort.id}", cohort.name, cond))
        return result

    return scopes


PEOPLE = RegistrySpec(
    key="people",
    title="工作室学员",
    what="人员",
    id_column=Person.id,
    columns=(
        Column("name", "姓名", Person.name, sort_expr=Person.name_sort, width=90),
        Column("gender", "性别", Person.gender, width=50),
        Column("age", "年龄", Person.birth_date, age, reverse=True, width=50),
        Column("community", "社区", Community.name, width=110),
        Column("title", "现任职务", _current_title(), width=140),
        Column("political_status", "政治面貌", Person.political_status, width=90),
        Column("education", "学历", Person.education, width=90),
        Column("phone", "手机号码", Person.phone, masked_phone, width=110),
        Column("status", "状态", Person.status, lambda v: "退出" if v == "retired" else "在册", width=60),
    ),
    source=lambda: Person.__table__.outerjoin(Community.__table__, Community.id == Person.community_id),
    visible=lambda org: and_(~Person.deleted, _street_scope(Person.street_id)(org)),
    search=name_search(Person.name, Person.name_pinyin, Person.name_initials, Person.id_card),
    scopes=_cohort_scopes("studio", Person.id),
    retired=Person.status == "retired",
    active=Person.status == "active",  # served in name order by ix_people_roster
    default_sort="name",
    street_id=Person.street_id,
)

TUTORS = RegistrySpec(
    key="tutors",
    title="师资库",
    what="师资",
    id_column=Tutor.id,
    columns=(
        Column("name", "姓名", Tutor.name, sort_expr=Tutor.name_sort, width=90),
        Column("school", "类别", Tutor.school, coded(vocab.TUTOR_SCHOOL), width=70),
        Column("organisation", "工作单位", Tutor.organisation, width=180),
        Column("title", "职务/职称", Tutor.title, width=120),
        Column("subjects", "擅长领域", Tutor.subjects, width=200),
        Column("nomination", "来源", Tutor.nomination, coded(vocab.NOMINATION), width=60),
        Column("vetting", "考察状态", Tutor.vetting, coded(vocab.VETTING), width=80),
    ),
    source=lambda: Tutor.__table__,
    visible=lambda org: ~Tutor.deleted,
    search=name_search(Tutor.name, Tutor.name_pinyin, Tutor.name_initials),
    scopes=lambda s, o: (
        [Scope(f"school:{c}", label, Tutor.school == c) for c, label in vocab.TUTOR_SCHOOL.items()]
        + [Scope(f"vetting:{c}", label, Tutor.vetting == c) for c, label in vocab.VETTING.items()]
    ),
    retired=Tutor.status == "retired",
)

_reserve_person = aliased(Person)
RESERVE = RegistrySpec(
    key="reserve",
    title="人才储备库",
    what="储备人选",
    id_column=ReserveEntry.id,
    columns=(
        Column("name", "姓名", Person.name, sort_expr=Person.name_sort, width=90),
        Column("target", "储备方向", ReserveEntry.target_role, coded(vocab.RESERVE_TARGET), width=120),
        Column("community", "社区", Community.name, width=110),
        Column("age", "年龄", Person.birth_date, age, reverse=True, width=50),
        Column("education", "学历", Person.education, width=90),
        Column("title", "现任职务", _current_title(), width=140),
        Column("added_on", "入库日期", ReserveEntry.added_on, width=90),
        Column(
            "status",
            "状态",
            ReserveEntry.status,
            lambda v: {"reserve": "储备中", "used": "已使用", "withdrawn": "已退出"}.get(v, v or ""),
            width=70,
        ),
    ),
    source=lambda: ReserveEntry.__table__.join(Person.__table__, Person.id == ReserveEntry.person_id).outerjoin(
        Community.__table__, Community.id == Person.community_id
    ),
    visible=lambda org: and_(~ReserveEntry.deleted, ~Person.deleted, _street_scope(Person.street_id)(org)),
    search=name_search(Person.name, Person.name_pinyin, Person.name_initials, Person.id_card),
    scopes=lambda s, o: [
        Scope(f"target:{c}", label, ReserveEntry.target_role == c) for c, label in vocab.RESERVE_TARGET.items()
    ],
    retired=ReserveEntry.status == "withdrawn",
    street_id=Person.street_id,
)

CAMP = RegistrySpec(
    key="camp",
    title="青训营",
    what="青训营学员",
    id_column=Enrolment.id,
    columns=(
        Column("name", "姓名", Person.name, sort_expr=Person.name_sort, width=90),
        Column("cohort", "届次", Cohort.name, sort_expr=Cohort.number, width=150),
        Column("street", "街道", Street.name, sort_expr=Street.sort_order, width=80),
        Column("community", "社区", Community.name, width=110),
        Column("tier", "学员层级", Enrolment.camp_tier, coded(vocab.CAMP_TIER), width=110),
        Column("stage", "培养阶段", Enrolment.camp_stage, coded(vocab.CAMP_STAGE), width=90),
        Column("title", "现任职务", _current_title(), width=140),
        Column("role", "角色", Enrolment.role, coded(vocab.ENROLMENT_ROLE), width=60),
    ),
    source=lambda: (
        Enrolment.__table__.join(Cohort.__table__, Cohort.id == Enrolment.cohort_id)
        .join(Person.__table__, Person.id == Enrolment.person_id)
        .join(Street.__table__, Street.id == Person.street_id)
        .outerjoin(Community.__table__, Community.id == Person.community_id)
    ),
    visible=lambda org: and_(
        Cohort.kind == "camp", ~Enrolment.deleted, ~Person.deleted, _street_scope(Person.street_id)(org)
    ),
    search=name_search(Person.name, Person.name_pinyin, Person.name_initials, Person.id_card),
    scopes=lambda s, o: (
        [
            Scope(f"cohort:{c.id}", c.name, Enrolment.cohort_id == c.id)
            for c in s.scalars(select(Cohort).where(Cohort.kind == "camp", ~Cohort.deleted).order_by(Cohort.number))
        ]
        + [Scope(f"tier:{c}", label, Enrolment.camp_tier == c) for c, label in vocab.CAMP_TIER.items()]
    ),
    retired=Enrolment.left_on.is_not(None),
    default_sort="cohort",
    street_id=Person.street_id,
)

_leader = aliased(Person)


def _topic_stage() -> ColumnElement[int]:
    return (
        select(func.coalesce(func.max(TopicStep.step_no), 0))
        .where(TopicStep.topic_id == Topic.id, TopicStep.completed_on.is_not(None), ~TopicStep.deleted)
        .scalar_subquery()
    )


def _stage_label(value: object) -> str:
    done = int(value or 0)
    if done >= 6:
        return "已完成"
    return f"{done}/6 · 进行中：{vocab.TOPIC_STEP.labels[done]}"


TOPICS = RegistrySpec(
    key="topics",
    title="微改革课题",
    what="课题",
    id_column=Topic.id,
    columns=(
        Column("year", "年度", Topic.year, width=60),
        Column("title", "课题名称", Topic.title, width=240),
        Column("origin", "来源", Topic.origin, coded(vocab.TOPIC_ORIGIN), width=80),
        Column("street", "街道", Street.name, sort_expr=Street.sort_order, width=80),
        Column("community", "社区", Community.name, width=110),
        Column(
            "leader",
            "组长",
            select(_leader.name)
            .join(TopicMember, TopicMember.person_id == _leader.id)
            .where(TopicMember.topic_id == Topic.id, TopicMember.role == "leader", ~TopicMember.deleted)
            .limit(1)
            .scalar_subquery(),
            width=80,
        ),
        Column(
            "members",
            "成员数",
            select(func.count()).where(TopicMember.topic_id == Topic.id, ~TopicMember.deleted).scalar_subquery(),
            width=60,
        ),
        Column("stage", "进度", _topic_stage(), _stage_label, width=170),
    ),
    source=lambda: Topic.__table__.outerjoin(Street.__table__, Street.id == Topic.street_id).outerjoin(
        Community.__table__, Community.id == Topic.community_id
    ),
    visible=lambda org: and_(~Topic.deleted, or_(Topic.street_id.is_(None), _street_scope(Topic.street_id)(org))),
    search=lambda text: or_(
        Topic.title.icontains(text, autoescape=True), Community.name.icontains(text, autoescape=True)
    ),
    scopes=lambda s, o: (
        [Scope(f"origin:{c}", label, Topic.origin == c) for c, label in vocab.TOPIC_ORIGIN.items()]
        + [
            Scope(f"year:{y}", f"{y}年", Topic.year == y)
            for y in s.scalars(select(Topic.year).where(~Topic.deleted).distinct().order_by(Topic.year.desc()))
        ]
    ),
    default_sort="year",
    street_id=Topic.street_id,
)


def _attendance_rate() -> ColumnElement[float]:
    counted = select(
        func.sum(case((Attendance.status.in_(("present", "late")), 1.0), else_=0.0)) / func.nullif(func.count(), 0)
    ).where(Attendance.session_id == TrainingSession.id, ~Attendance.deleted)
    return counted.scalar_subquery()


SESSIONS = RegistrySpec(
    key="sessions",
    title="课程活动",
    what="课程活动",
    id_column=TrainingSession.id,
    columns=(
        Column("date", "日期", TrainingSession.date, width=90),
        Column("title", "名称", TrainingSession.title, width=240),
        Column("kind", "类型", TrainingSession.kind, coded(vocab.SESSION_KIND), width=80),
        Column(
            "cohorts",
            "班次",
            select(func.aggregate_strings(Cohort.name, "、"))
            .join(SessionCohort, SessionCohort.cohort_id == Cohort.id)
            .where(SessionCohort.session_id == TrainingSession.id, ~SessionCohort.deleted)
            .scalar_subquery(),
            width=200,
        ),
        Column("place", "地点", TrainingSession.place, width=150),
        Column("hours", "学时", TrainingSession.hours, width=50),
        Column(
            "roll",
            "应到",
            select(func.count())
            .where(Attendance.session_id == TrainingSession.id, ~Attendance.deleted)
            .scalar_subquery(),
            width=50,
        ),
        Column("rate", "出勤率", _attendance_rate(), percent, width=70),
    ),
    source=lambda: TrainingSession.__table__,
    visible=lambda org: and_(
        ~TrainingSession.deleted,
        or_(TrainingSession.street_id.is_(None), _street_scope(TrainingSession.street_id)(org)),
    ),
    search=lambda text: or_(
        TrainingSession.title.icontains(text, autoescape=True), TrainingSession.place.icontains(text, autoescape=True)
    ),
    scopes=lambda s, o: [
        Scope(f"kind:{c}", label, TrainingSession.kind == c) for c, label in vocab.SESSION_KIND.items()
    ],
    default_sort="date",
    street_id=TrainingSession.street_id,
)

CASES = RegistrySpec(
    key="cases",
    title="治理案例",
    what="治理案例",
    id_column=GovernanceCase.id,
    columns=(
        Column("year", "年度", GovernanceCase.year, width=60),
        Column("title", "案例名称", GovernanceCase.title, width=260),
        Column("street", "街道", Street.name, sort_expr=Street.sort_order, width=80),
        Column("community", "社区", Community.name, width=110),
        Column(
            "topic",
            "来源课题",
            select(Topic.title).where(Topic.id == GovernanceCase.topic_id).scalar_subquery(),
            width=200,
        ),
        Column(
            "honours",
            "所获荣誉",
            select(func.aggregate_strings(Honour.title, "、"))
            .where(Honour.case_id == GovernanceCase.id, ~Honour.deleted)
            .scalar_subquery(),
            width=220,
        ),
    ),
    source=lambda: GovernanceCase.__table__.outerjoin(
        Street.__table__, Street.id == GovernanceCase.street_id
    ).outerjoin(Community.__table__, Community.id == GovernanceCase.community_id),
    visible=lambda org: and_(
        ~GovernanceCase.deleted,
        or_(GovernanceCase.street_id.is_(None), _street_scope(GovernanceCase.street_id)(org)),
    ),
    search=lambda text: or_(
        GovernanceCase.title.icontains(text, autoescape=True), Community.name.icontains(text, autoescape=True)
    ),
    default_sort="year",
    street_id=GovernanceCase.street_id,
)


def _accepted() -> ColumnElement[bool]:
    return exists().where(Tutor.recommendation_id == TutorRecommendation.id, ~Tutor.deleted)


RECOMMENDATIONS = RegistrySpec(
    key="recommendations",
    title="街道推荐师资",
    what="师资推荐",
    id_column=TutorRecommendation.id,
    columns=(
        Column("name", "姓名", TutorRecommendation.name, width=90),
        Column("street", "推荐街道", Street.name, sort_expr=Street.sort_order, width=80),
        Column("organisation", "工作单位", TutorRecommendation.organisation, width=180),
        Column("school", "类别", TutorRecommendation.school, coded(vocab.TUTOR_SCHOOL), width=70),
        Column("subjects", "擅长领域", TutorRecommendation.subjects, width=200),
        Column("reason", "推荐理由", TutorRecommendation.reason, width=240),
        Column("state", "处理情况", _accepted(), lambda v: "已纳入师资库" if v else "待处理", width=90),
        Column("date", "推荐日期", TutorRecommendation.recommended_on, width=90),
    ),
    source=lambda: TutorRecommendation.__table__.join(Street.__table__, Street.id == TutorRecommendation.street_id),
    visible=lambda org: and_(~TutorRecommendation.deleted, _street_scope(TutorRecommendation.street_id)(org)),
    search=lambda text: or_(
        TutorRecommendation.name.icontains(text, autoescape=True),
        TutorRecommendation.organisation.icontains(text, autoescape=True),
    ),
    scopes=lambda s, o: [
        Scope("open", "待处理", ~_accepted()),
        Scope("done", "已纳入师资库", _accepted()),
    ],
    default_sort="date",
    street_id=TutorRecommendation.street_id,
)

ALL = (PEOPLE, TUTORS, RESERVE, CAMP, TOPICS, SESSIONS, CASES, RECOMMENDATIONS)
