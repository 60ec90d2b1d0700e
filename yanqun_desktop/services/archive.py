"""The growth archive (成长档案): one person's whole journey as a timeline.

Typed entries — selection (种子遴选), practice tasks (一课一练), mentor pairing, appointments,
elections, notes — are stored in ``archive_entries``: the clerk writes them as the studio
tells them. What follows from other records is derived here when the archive is read, never
copied: sessions attended (attendance), topic roles (topic teams), assessments and honours
(their own tables) — so a corrected attendance corrects the archive (DOMAIN.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import (
    ArchiveEntry,
    Assessment,
    Attendance,
    CompetencyModel,
    Honour,
    Person,
    Position,
    Topic,
    TopicMember,
    TrainingSession,
)
from yanqun_desktop.domain import vocab
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.forms import Collector
from yanqun_desktop.services.records import Saved, delete_record, form_values, load_live, save_record

# Where a timeline entry comes from; only "entry" rows are edited in the archive form.
SOURCE_LABELS = {
    "entry": "档案记录", "attendance": "参加活动", "topic": "课题角色", "assessment": "能力测评", "honour": "荣誉",
}


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # ARCHIVE_KIND code for typed entries, else the source
    kind_label: str
    content: str
    source: str  # see SOURCE_LABELS
    entry_id: str | None = None  # the archive_entries row, for typed entries only
    recorded_by: str = ""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data


@dataclass(frozen=True)
class ArchiveSummary:
    sessions_attended: int = 0
    hours: float = 0.0
    recorded: int = 0
    attendance_rate: float | None = None


@dataclass(frozen=True)
class Timeline:
    person_id: str
    name: str
    gender: str
    birth_date: dt.date | None
    community: str
    street: str
    education: str
    political_status: str
    current_titles: list[str]
    summary: ArchiveSummary
    entries: list[TimelineEntry] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The archive without personal numbers (ID card, phone never leave through the CLI)."""
        return {
            "person_id": self.person_id, "name": self.name, "gender": self.gender,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "community": self.community, "street": self.street, "education": self.education,
            "political_status": self.political_status, "current_titles": self.current_titles,
            "summary": asdict(self.summary), "entries": [e.as_json() for e in self.entries],
        }


def person_timeline(db: Database, person_id: str) -> Timeline:
    """The archive, oldest first. A handful of indexed queries, whatever the entry count."""
    with db.session() as s:
        p = load_live(s, Person, person_id, "人员")
        entries = [*_typed(s, person_id), *_attendance(s, person_id), *_topics(s, person_id),
                   *_assessments(s, person_id), *_honours(s, person_id)]
        entries.sort(key=lambda e: (e.date, e.source != "entry", e.kind_label))
        titles = [t for t in s.scalars(select(Position.title).where(
            Position.person_id == person_id, Position.end_date.is_(None), ~Position.deleted))]
        return Timeline(
            p.id, p.name, p.gender or "", p.birth_date, p.community.name if p.community else "", p.street.name,
            p.education or "", p.political_status or "", titles, _summary(s, person_id), entries,
        )


def _typed(s: Session, person_id: str) -> list[TimelineEntry]:
    rows = s.scalars(select(ArchiveEntry).where(ArchiveEntry.person_id == person_id, ~ArchiveEntry.deleted))
    return [TimelineEntry(r.entry_date, r.kind, vocab.ARCHIVE_KIND.label(r.kind), r.content, "entry", r.id,
                          r.recorded_by) for r in rows]


def _attendance(s: Session, person_id: str) -> list[TimelineEntry]:
    rows = s.execute(
        select(TrainingSession.date, TrainingSession.title, TrainingSession.kind, TrainingSession.hours,
               Attendance.status, TrainingSession.practice_task)
        .join(Attendance, Attendance.session_id == TrainingSession.id)
        .where(Attendance.person_id == person_id, ~Attendance.deleted, ~TrainingSession.deleted,
               Attendance.status.in_(("present", "late")))
    ).all()
    out = []
    for date, title, kind, hours, status, task in rows:
        late = "（迟到）" if status == "late" else ""
        text = f"参加{vocab.SESSION_KIND.label(kind)}「{title}」，{hours:g} 学时{late}"
        if task:
            text += f"；一课一练：{task.removeprefix('一课一练：')}"
        out.append(TimelineEntry(date, "attendance", SOURCE_LABELS["attendance"], text, "attendance"))
    return out


def _topics(s: Session, person_id: str) -> list[TimelineEntry]:
    rows = s.execute(
        select(TopicMember.joined_on, Topic.year, Topic.title, TopicMember.role)
        .join(Topic, Topic.id == TopicMember.topic_id)
        .where(TopicMember.person_id == person_id, ~TopicMember.deleted, ~Topic.deleted)
    ).all()
    return [
        TimelineEntry(joined or dt.date(year, 1, 1), "topic", SOURCE_LABELS["topic"],
                      f"参与{year}年微改革课题「{title}」，任{vocab.TOPIC_ROLE.label(role)}", "topic")
        for joined, year, title, role in rows
    ]


def _assessments(s: Session, person_id: str) -> list[TimelineEntry]:
    rows = s.execute(
        select(Assessment.assessed_on, Assessment.assessor, CompetencyModel.name, CompetencyModel.version_no,
               CompetencyModel.is_sample)
        .join(CompetencyModel, CompetencyModel.id == Assessment.model_id)
        .where(Assessment.person_id == person_id, ~Assessment.deleted)
    ).all()
    return [
        TimelineEntry(on, "assessment", vocab.ARCHIVE_KIND.label("assessment"),
                      f"{name}（第 {no} 版{'，示例模型' if sample else ''}）测评，测评人：{assessor}", "assessment")
        for on, assessor, name, no, sample in rows
    ]


def _honours(s: Session, person_id: str) -> list[TimelineEntry]:
    rows = s.execute(select(Honour.awarded_on, Honour.title, Honour.level, Honour.awarded_by).where(
        Honour.person_id == person_id, ~Honour.deleted, Honour.awarded_on.is_not(None))).all()
    return [
        TimelineEntry(on, "honour", vocab.ARCHIVE_KIND.label("honour"),
                      f"获{vocab.HONOUR_LEVEL.label(level)}荣誉「{title}」" + (f"（{by}）" if by else ""), "honour")
        for on, title, level, by in rows
    ]


def _summary(s: Session, person_id: str) -> ArchiveSummary:
    from sqlalchemy import case, func

    row = s.execute(
        select(
            func.count(Attendance.id),
            func.coalesce(func.sum(case((Attendance.status.in_(("present", "late")), 1), else_=0)), 0),
            func.coalesce(func.sum(case((Attendance.status.in_(("present", "late")), TrainingSession.hours),
                                        else_=0.0)), 0.0),
        )
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .where(Attendance.person_id == person_id, ~Attendance.deleted, ~TrainingSession.deleted)
    ).one()
    recorded, attended, hours = int(row[0]), int(row[1]), float(row[2])
    return ArchiveSummary(attended, hours, recorded, attended / recorded if recorded else None)


# -- typed entries --------------------------------------------------------------------------------
def clean_entry(session: Session, actor: Actor, raw: dict[str, Any], row: ArchiveEntry | None) -> dict[str, Any]:
    c = Collector(raw, row)
    person_id = row.person_id if row else raw.get("person_id")
    if not person_id or session.get(Person, person_id) is None:
        c.fail("人员", "请选择人员")
    entry_date = c.date("entry_date", "日期", required=True)
    if entry_date and entry_date > dt.date.today():
        c.fail("日期", f"日期（{entry_date.isoformat()}）晚于今天：档案只记已发生的事")
    values = {
        "person_id": person_id,
        "entry_date": entry_date,
        "kind": c.code("kind", vocab.ARCHIVE_KIND, required=True),
        "content": c.text("content", "内容", required=True, max_len=5000),
        "recorded_by": c.text("recorded_by", "记录人", max_len=64) or actor.name,
    }
    c.done()
    return values


def save_archive_entry(db: Database, actor: Actor, raw: dict[str, Any], entry_id: str | None = None) -> Saved:
    return save_record(db, actor, ArchiveEntry, entry_id, raw, clean_entry, what="档案记录",
                       describe=lambda e: f"{e.entry_date.isoformat()} {vocab.ARCHIVE_KIND.label(e.kind)}")


def delete_archive_entry(db: Database, actor: Actor, entry_id: str) -> Saved:
    return delete_record(db, actor, ArchiveEntry, entry_id, what="档案记录",
                         describe=lambda e: f"{e.entry_date.isoformat()} {vocab.ARCHIVE_KIND.label(e.kind)}")


def archive_entry_form_values(db: Database, entry_id: str) -> dict[str, Any]:
    return form_values(db, ArchiveEntry, entry_id, what="档案记录",
                       keys=("person_id", "entry_date", "kind", "content", "recorded_by"),
                       coded={"kind": vocab.ARCHIVE_KIND})
