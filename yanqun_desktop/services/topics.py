"""Micro-reform topics at work: the team (课题组), six-step progress, documents and the outcome.

The topic row itself is written by ``activities.save_topic``. What happens on a topic is the
street's (SYNC.md: "topic teams, six-step progress and documents on any topic" belong to the
street), also on a topic the district pushed down: those rows carry the acting street's owner
code, and the district sees them read-only. The one exception is a document the district
attaches to its own topic (e.g. a topic brief), which is the district's.

Step invariant kept by :func:`record_step`: completed steps form an unbroken run 1..n with
non-decreasing completion dates, so the number of completed steps equals the highest completed
step number, which is what the topics registry shows as 进度.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    Community,
    Document,
    GovernanceCase,
    Honour,
    Person,
    Position,
    Street,
    Topic,
    TopicMember,
    TopicOutcome,
    TopicStep,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors, parse_date
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.honours import HonourView, honour_views
from yanqun_desktop.services.records import Saved, load_live
from yanqun_desktop.services.uow import unit_of_work

STEPS = len(vocab.TOPIC_STEP)  # 6
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
OUTCOME_MAX_LEN = 5000  # as activities.clean_topic allows


# -- views --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DocumentView:
    id: str
    filename: str
    size: int
    sha256: str
    step_no: int | None
    mime_type: str | None
    owner: str
    uploaded_at: dt.datetime
    uploaded_by: str


@dataclass(frozen=True)
class MemberView:
    id: str
    person_id: str
    name: str
    role: str  # vocab.TOPIC_ROLE code
    role_label: str
    joined_on: dt.date | None
    title: str  # current position(s), "" if none


@dataclass(frozen=True)
class StepView:
    step_no: int  # 1..6
    code: str  # vocab.TOPIC_STEP code
    label: str  # 文献查阅 …
    started_on: dt.date | None
    completed_on: dt.date | None
    note: str | None
    documents: list[DocumentView] = field(default_factory=list)

    @property
    def state(self) -> str:
        return "已完成" if self.completed_on else ("进行中" if self.started_on else "未开始")


@dataclass(frozen=True)
class CaseRef:
    id: str
    title: str
    year: int | None


@dataclass(frozen=True)
class TopicDetail:
    id: str
    year: int
    title: str
    origin: str  # vocab.TOPIC_ORIGIN code
    origin_label: str
    owner: str
    street_id: str | None
    street_name: str | None
    community_id: str | None
    community_name: str | None
    summary: str | None
    outcome: str | None
    stage: int  # completed steps, 0..6
    stage_label: str  # as the registry's 进度 column
    members: list[MemberView]  # the leader first
    steps: list[StepView]  # always six, in order
    documents: list[DocumentView]  # every document of the topic (each step's are also on its StepView)
    cases: list[CaseRef]
    honours: list[HonourView]  # honours of the cases that came out of the topic

    @property
    def leader(self) -> MemberView | None:
        return next((m for m in self.members if m.role == "leader"), None)


def stage_label(done: int) -> str:
    """Same wording as the topics registry's 进度 column."""
    if done >= STEPS:
        return "已完成"
    return f"{done}/{STEPS} · 进行中：{vocab.TOPIC_STEP.labels[done]}"


def _step_name(step_no: int) -> str:
    return f"第{step_no}步「{vocab.TOPIC_STEP.labels[step_no - 1]}」"


def _stage(session: Session, topic_id: str) -> int:
    # The registry's expression (registries._topic_stage), for one topic.
    return int(
        session.scalar(
            select(func.coalesce(func.max(TopicStep.step_no), 0)).where(
                TopicStep.topic_id == topic_id, TopicStep.completed_on.is_not(None), ~TopicStep.deleted
            )
        )
        or 0
    )


def topic_stage(db: Database, topic_id: str) -> int:
    """How many of the six steps are completed (0..6), consistent with the registry's 进度."""
    with db.session() as s:
        load_live(s, Topic, topic_id, "课题")
        return _stage(s, topic_id)


def _current_titles(session: Session, person_ids: list[str]) -> dict[str, list[str]]:
    rows = session.execute(
        select(Position.person_id, Position.title)
        .where(Position.person_id.in_(person_ids), Position.end_date.is_(None), ~Position.deleted)
        .order_by(Position.start_date.desc())
    )
    out: dict[str, list[str]] = {}
    for person_id, title in rows:
        out.setdefault(person_id, []).append(title)
    return out


def _document_view(d: Document) -> DocumentView:
    return DocumentView(d.id, d.filename, d.size, d.sha256, d.step_no, d.mime_type, d.owner, d.updated_at,
                        d.updated_by)


def topic_detail(db: Database, topic_id: str) -> TopicDetail:
    with db.session() as s:
        topic = load_live(s, Topic, topic_id, "课题")
        street = s.get(Street, topic.street_id) if topic.street_id else None
        community = s.get(Community, topic.community_id) if topic.community_id else None
        members = list(
            s.execute(
                select(TopicMember, Person)
                .join(Person, Person.id == TopicMember.person_id)
                .where(TopicMember.topic_id == topic_id, ~TopicMember.deleted)
            )
        )
        titles = _current_titles(s, [p.id for _, p in members])
        role_order = {code: i for i, code in enumerate(vocab.TOPIC_ROLE.codes)}
        members.sort(key=lambda mp: (role_order.get(mp[0].role, 99), mp[1].name_sort, mp[1].id))
        member_views = [
            MemberView(m.id, p.id, p.name, m.role, _role_label(m.role), m.joined_on, "、".join(titles.get(p.id, [])))
            for m, p in members
        ]
        # Documents are listed without their bytes: the data column is deferred from this query.
        docs = [
            _document_view(d)
            for d in s.scalars(
                select(Document)
                .options(defer(Document.data))
                .where(Document.topic_id == topic_id, ~Document.deleted)
                # topic-level files (no step) first, on SQLite and PostgreSQL alike
                .order_by(Document.step_no.is_not(None), Document.step_no, Document.filename)
            )
        ]
        steps = {
            x.step_no: x for x in s.scalars(select(TopicStep).where(TopicStep.topic_id == topic_id, ~TopicStep.deleted))
        }
        step_views = []
        for no, (code, label) in enumerate(vocab.TOPIC_STEP.items(), 1):
            x = steps.get(no)
            step_views.append(
                StepView(no, code, label, x.started_on if x else None, x.completed_on if x else None,
                         x.note if x else None, [d for d in docs if d.step_no == no])
            )
        cases = list(
            s.scalars(
                select(GovernanceCase)
                .where(GovernanceCase.topic_id == topic_id, ~GovernanceCase.deleted)
                .order_by(GovernanceCase.year, GovernanceCase.title)
            )
        )
        honours = honour_views(s, select(Honour).where(Honour.case_id.in_([c.id for c in cases]))) if cases else []
        stage = _stage(s, topic_id)
        return TopicDetail(
            id=topic.id,
            year=topic.year,
            title=topic.title,
            origin=topic.origin,
            origin_label=vocab.TOPIC_ORIGIN.label(topic.origin) if topic.origin in vocab.TOPIC_ORIGIN else topic.origin,
            owner=topic.owner,
            street_id=topic.street_id,
            street_name=street.name if street else None,
            community_id=topic.community_id,
            community_name=community.name if community else None,
            summary=topic.summary,
            outcome=_street_outcome(s, topic) or topic.outcome,
            stage=stage,
            stage_label=stage_label(stage),
            members=member_views,
            steps=step_views,
            documents=docs,
            cases=[CaseRef(c.id, c.title, c.year) for c in cases],
            honours=honours,
        )


def _role_label(code: str) -> str:
    return vocab.TOPIC_ROLE.label(code) if code in vocab.TOPIC_ROLE else code


# -- who may work on a topic --------------------------------------------------------------------
def _acting_street(session: Session, actor: Actor, topic: Topic, what: str) -> str:
    """The street whose rows these are: the actor's, which must be the topic's street (a
    district topic pushed to every street has none). The district only reads them."""
    if actor.is_district:
        raise PermissionDenied(f"{what}由街道维护，区级只能查看。")
    street_id = session.scalar(select(Street.id).where(Street.code == actor.org_code))
    if street_id is None:
        raise PermissionDenied("本机未绑定街道，不能维护课题。")
    if topic.street_id is not None and topic.street_id != street_id:
        raise PermissionDenied(f"「{topic.title}」是其他街道的课题，只能由该街道维护。")
    return street_id


# -- team ---------------------------------------------------------------------------------------
_GENERIC_SECRETARY = {"书记", "党委书记", "党总支书记", "党支部书记"}
_NOT_COMMUNITY = ("副书记", "小区", "网格", "楼栋", "街道", "区委", "党工委")


def is_community_secretary(title: str, organisation: str | None = None) -> bool:
    """A community Party secretary's position: 社区党委书记, 社区党支部书记, 书记 … but not a deputy
    (副书记), an estate/grid branch secretary (小区党支部书记) or a street secretary."""
    t = "".join(title.split())
    where = t + "".join((organisation or "").split())
    if "书记" not in t or any(word in where for word in _NOT_COMMUNITY):
        return False
    return "社区" in where or t in _GENERIC_SECRETARY


def _secretary_problem(session: Session, person: Person) -> str | None:
    positions = list(
        session.scalars(
            select(Position)
            .where(Position.person_id == person.id, Position.end_date.is_(None), ~Position.deleted)
            .order_by(Position.start_date.desc())
        )
    )
    if any(is_community_secretary(p.title, p.organisation) for p in positions):
        return None
    now = "、".join(p.title for p in positions) or "（无现任职务）"
    return f"课题组长须由社区党委书记担任：{person.name} 现任职务为 {now}"


def save_team(db: Database, actor: Actor, topic_id: str, members: list[dict[str, Any]]) -> Saved:
    """Replace the topic's team: ``members`` is the whole team, ``{"person_id", "role",
    "joined_on" (optional)}`` each, roles as vocab.TOPIC_ROLE codes or labels. Exactly one 组长,
    who must be a serving community secretary. Removed members are tombstoned, returning ones
    revived, so the history of the rows travels."""
    with unit_of_work(db, actor, "topic_members.replace", "调整课题组") as work:
        s = work.session
        topic = load_live(s, Topic, topic_id, "课题")
        _acting_street(s, actor, topic, "课题组")
        wanted = _clean_team(s, members)
        existing = {m.person_id: m for m in s.scalars(select(TopicMember).where(TopicMember.topic_id == topic_id))}
        today = dt.date.today()
        for person_id, (role, joined_on) in wanted.items():
            row = existing.get(person_id)
            if row is None:
                s.add(TopicMember(topic_id=topic_id, person_id=person_id, role=role, joined_on=joined_on or today))
                continue
            if row.role != role:
                row.role = role
            if row.deleted:
                row.deleted = False
                row.joined_on = joined_on or today  # a returning member joins again
            elif joined_on is not None and row.joined_on != joined_on:
                row.joined_on = joined_on
        for person_id, row in existing.items():
            if person_id not in wanted and not row.deleted:
                row.deleted = True
        leader = next(s.get(Person, p) for p, (r, _) in wanted.items() if r == "leader")
        work.summary = f"调整课题组：{topic.title}（组长 {leader.name}，共 {len(wanted)} 人）"
    return Saved(topic_id, work.result())


def _clean_team(session: Session, members: list[dict[str, Any]]) -> dict[str, tuple[str, dt.date | None]]:
    errors: list[ValidationError] = []
    wanted: dict[str, tuple[str, dt.date | None]] = {}
    leaders: list[Person] = []
    for i, raw in enumerate(members, 1):
        person_id = str(raw.get("person_id") or "")
        person = session.get(Person, person_id) if person_id else None
        if person is None or person.deleted:
            errors.append(ValidationError("成员", f"第{i}位成员未选择人员或人员已被删除"))
            continue
        try:
            role = vocab.TOPIC_ROLE.code_from_text(str(raw.get("role") or ""))
        except ValidationError as e:
            errors.append(ValidationError("课题组角色", f"{person.name}：{e.message}"))
            continue
        joined_on = None
        if raw.get("joined_on"):
            try:
                joined_on = parse_date(raw["joined_on"], "加入日期")
            except ValidationError as e:
                errors.append(e)
        if person.id in wanted:
            errors.append(ValidationError("成员", f"{person.name} 在课题组中出现了两次"))
            continue
        wanted[person.id] = (role, joined_on)
        if role == "leader":
            leaders.append(person)
    if not leaders:
        errors.append(ValidationError("组长", "课题组须有一名组长"))
    elif len(leaders) > 1:
        names = "、".join(p.name for p in leaders)
        errors.append(ValidationError("组长", f"课题组只能有一名组长（现为 {names}）"))
    else:
        problem = _secretary_problem(session, leaders[0])
        if problem:
            errors.append(ValidationError("组长", problem))
    if errors:
        raise ValidationErrors(errors)
    return wanted


# -- six steps ----------------------------------------------------------------------------------
def _step_no(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value or "").strip()
        if text.isdigit():
            number = int(text)
        else:
            try:
                return vocab.TOPIC_STEP.position(vocab.TOPIC_STEP.code_from_text(text))
            except ValidationError:
                number = 0
    if not 1 <= number <= STEPS:
        steps = "→".join(vocab.TOPIC_STEP.labels)
        raise ValidationErrors([ValidationError("课题步骤", f"课题步骤应为 1 到 {STEPS}（{steps}）")])
    return number


def _optional_date(c: Collector, value: Any, label: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        day = parse_date(value, label)
    except ValidationError as e:
        c.errors.append(e)
        return None
    if day > dt.date.today():
        c.fail(label, f"{label}（{day.isoformat()}）不能晚于今天")
    return day


def record_step(
    db: Database,
    actor: Actor,
    topic_id: str,
    step_no: int | str,
    started_on: dt.date | str | None,
    completed_on: dt.date | str | None,
    note: str | None,
) -> Saved:
    """Set one step's start and completion dates and note (empty values clear them)."""
    number = _step_no(step_no)
    with unit_of_work(db, actor, "topic_steps.record", "记录课题进度") as work:
        s = work.session
        topic = load_live(s, Topic, topic_id, "课题")
        _acting_street(s, actor, topic, "课题进度")
        c = Collector({})
        name = _step_name(number)
        started = _optional_date(c, started_on, "开始日期")
        completed = _optional_date(c, completed_on, "完成日期")
        text = (note or "").strip() or None
        if text is not None and len(text) > 5000:
            c.fail("备注", "备注过长（最多 5000 字）")
        steps = {x.step_no: x for x in s.scalars(select(TopicStep).where(TopicStep.topic_id == topic_id))}
        live = {k: v for k, v in steps.items() if not v.deleted}
        if completed is not None:
            if started is None:
                c.fail("开始日期", f"{name}尚未填写开始日期，不能填写完成日期")
            elif completed < started:
                c.fail("完成日期", f"{name}的完成日期（{completed}）不能早于开始日期（{started}）")
            before = live.get(number - 1)
            if number > 1 and (before is None or before.completed_on is None):
                c.fail("完成日期", f"{name}须在{_step_name(number - 1)}完成之后才能完成")
            elif number > 1 and before is not None and before.completed_on and completed < before.completed_on:
                c.fail(
                    "完成日期",
                    f"{name}的完成日期（{completed}）不能早于{_step_name(number - 1)}的完成日期"
                    f"（{before.completed_on}）",
                )
        after = live.get(number + 1)
        if after is not None and after.completed_on is not None:
            if completed is None:
                c.fail("完成日期", f"{_step_name(number + 1)}已完成，不能撤销{name}的完成")
            elif completed > after.completed_on:
                c.fail(
                    "完成日期",
                    f"{name}的完成日期（{completed}）不能晚于{_step_name(number + 1)}的完成日期"
                    f"（{after.completed_on}）",
                )
        c.done()
        # (topic_id, step_no) is unique over tombstones too: revive rather than insert.
        row = steps.get(number)
        if row is None:
            row = TopicStep(topic_id=topic_id, step_no=number)
            s.add(row)
        elif row.deleted:
            row.deleted = False
        for key, value in (("started_on", started), ("completed_on", completed), ("note", text)):
            if getattr(row, key) != value:
                setattr(row, key, value)
        state = "已完成" if completed else ("进行中" if started else "未开始")
        work.summary = f"记录课题进度：{topic.title} {name}{state}"
    return Saved(topic_id, work.result())


# -- documents ----------------------------------------------------------------------------------
def _clean_filename(filename: str) -> str:
    # A path from a file dialog or a drag (C:\\Users\\...\\报告.docx) keeps only its last part.
    name = str(filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name:
        raise ValidationErrors([ValidationError("文件名", "文件名不能为空")])
    if len(name) > 255:
        raise ValidationErrors([ValidationError("文件名", "文件名过长（最多 255 个字符）")])
    return name


def attach_document(
    db: Database, actor: Actor, topic_id: str, step_no: int | str | None, filename: str, data: bytes
) -> Saved:
    """Store a file on a topic (optionally on one step) with its size and SHA-256. A street
    attaches to its topics; the district only to its own topics (e.g. a topic brief)."""
    name = _clean_filename(filename)
    number = None if step_no in (None, "") else _step_no(step_no)
    if not data:
        raise ValidationErrors([ValidationError("文件", f"文件「{name}」是空文件，不能上传")])
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationErrors(
            [ValidationError("文件", f"文件「{name}」有 {len(data) / 1024 / 1024:.1f} MB，超过 50 MB 的上限")]
        )
    digest = hashlib.sha256(data).hexdigest()
    with unit_of_work(db, actor, "documents.attach", "上传课题文件") as work:
        s = work.session
        topic = load_live(s, Topic, topic_id, "课题")
        if actor.is_district:
            if topic.owner != actor.org_code:
                raise PermissionDenied("街道课题的文件由街道上传，区级只能查看。")
        else:
            _acting_street(s, actor, topic, "课题文件")
        twin = s.scalar(
            select(Document.filename).where(
                Document.topic_id == topic_id, Document.sha256 == digest, ~Document.deleted,
                Document.step_no.is_(None) if number is None else Document.step_no == number,
            )
        )
        if twin is not None:
            raise ValidationErrors([ValidationError("文件", f"同样内容的文件已上传过（「{twin}」）")])
        doc = Document(
            topic_id=topic_id,
            step_no=number,
            filename=name,
            mime_type=mimetypes.guess_type(name)[0],
            size=len(data),
            sha256=digest,
            data=data,
        )
        s.add(doc)
        s.flush()
        where = _step_name(number) if number else "课题"
        work.summary = f"上传课题文件：{topic.title} {where}《{name}》"
        saved_id = doc.id
    return Saved(saved_id, work.result())


def document_bytes(db: Database, document_id: str) -> tuple[str, bytes]:
    """A document's name and bytes, after checking them against the stored size and SHA-256."""
    with db.session() as s:
        doc = load_live(s, Document, document_id, "文件")
        data = bytes(doc.data or b"")
        if len(data) != doc.size or hashlib.sha256(data).hexdigest() != doc.sha256:
            raise ServiceError(f"文件已损坏：「{doc.filename}」与上传时的校验值不符，请重新上传原文件。")
        return doc.filename, data


def remove_document(db: Database, actor: Actor, document_id: str) -> Saved:
    """Tombstone a document; only the office that uploaded it removes it."""
    with unit_of_work(db, actor, "documents.remove", "删除课题文件") as work:
        doc = load_live(work.session, Document, document_id, "文件")
        if doc.owner != actor.org_code:
            raise PermissionDenied(f"文件「{doc.filename}」不是本单位上传的，不能删除。")
        doc.deleted = True
        work.summary = f"删除课题文件：《{doc.filename}》"
    return Saved(document_id, work.result())


# -- outcome ------------------------------------------------------------------------------------
def save_outcome(db: Database, actor: Actor, topic_id: str, outcome_text: str | None) -> Saved:
    """The topic's outcome (成果). The topic's owner writes it on the topic row (a street on its
    own topics, the district on its own); the street a district topic was pushed to records its
    outcome in its own ``topic_outcomes`` row, which the district reads."""
    text = (outcome_text or "").strip() or None
    if text is not None and len(text) > OUTCOME_MAX_LEN:
        raise ValidationErrors([ValidationError("成果", f"成果过长（最多 {OUTCOME_MAX_LEN} 字）")])
    with unit_of_work(db, actor, "topics.outcome", "登记课题成果") as work:
        s = work.session
        topic = load_live(s, Topic, topic_id, "课题")
        if topic.owner == actor.org_code:
            if topic.outcome != text:
                topic.outcome = text
        elif actor.is_district:  # a street's row: the district reads it (SYNC.md)
            raise PermissionDenied(f"「{topic.title}」是街道自选课题，成果由街道登记，区级只能查看。")
        else:
            _acting_street(s, actor, topic, "课题成果")
            row = s.scalar(select(TopicOutcome).where(
                TopicOutcome.topic_id == topic_id, TopicOutcome.owner == actor.org_code))
            if row is None:
                s.add(TopicOutcome(topic_id=topic_id, outcome=text, owner=actor.org_code))
            elif (row.outcome, row.deleted) != (text, False):
                row.outcome, row.deleted = text, False
        work.summary = f"登记课题成果：{topic.title}"
    return Saved(topic_id, work.result())


def outcome_editable(topic_owner: str, topic_origin: str, org_code: str, is_district: bool) -> bool:
    """Who may record a topic's outcome: its owner, or a street on a topic pushed down to it."""
    return topic_owner == org_code or (topic_origin == "district" and not is_district)


def _street_outcome(s: Session, topic: Topic) -> str | None:
    """For a pushed topic, the outcome its street recorded (newest if several)."""
    if topic.origin != "district":
        return None
    return s.scalar(select(TopicOutcome.outcome).where(
        TopicOutcome.topic_id == topic.id, ~TopicOutcome.deleted, TopicOutcome.outcome.is_not(None))
        .order_by(TopicOutcome.version.desc()).limit(1))
