"""Invented trainees with a full journey, for the growth-archive PDF tests and the benchmark."""

from __future__ import annotations

import datetime as dt

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import MentorLink
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.archive import save_archive_entry
from yanqun_desktop.services.assessments import save_assessment
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.competency_models import current_model
from yanqun_desktop.services.honours import save_honour
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import save_position
from yanqun_desktop.services.programmes import save_cohort, save_enrolment, save_reserve
from yanqun_desktop.services.uow import unit_of_work

LONG_NOTE = (
    "该同志在课题调研中深入走访居民，做到“件件有回应、事事有着落”。他说：“好！”我们认为（这是关键）……"
    "要坚持《社区工作条例》的规定；2022年共完成13.5学时的实践任务，出勤率98%！问题：如何把经验推广到其他社区？"
)


def make_trainee(db: Database, actor: Actor, name: str = "林晓燕", *, community: str = "白石东",
                 cohort_id: str | None = None, sessions: int = 3, note_repeats: int = 3) -> tuple[str, str]:
    """A trainee in a studio cohort with positions, attendance, an assessment, an honour, a mentor,
    a reserve entry and a long archive note. Returns (person_id, cohort_id)."""
    pid = save_person(db, actor, {
        "name": name, "gender": "女", "birth_date": "1988-05-12", "ethnicity": "汉族", "political_status": "中共党员",
        "education": "大学本科", "community": community, "id_card": None, "phone": "13900001234",
    }).id
    if cohort_id is None:
        cohort_id = save_cohort(db, actor, {"number": 1, "start_date": "2022-03-01"}).id
    save_enrolment(db, actor, {"cohort_id": cohort_id, "person_id": pid, "enrolled_on": "2022-03-01"})
    save_position(db, actor, {"person_id": pid, "title": "社区党委副书记", "organisation": f"{community}社区党委",
                              "start_date": "2019-01-01", "end_date": "2021-06-30"})
    save_position(db, actor, {"person_id": pid, "title": "社区党委书记", "organisation": f"{community}社区党委",
                              "start_date": "2021-07-01"})
    for i in range(sessions):
        day = (dt.date(2022, 4, 1) + dt.timedelta(days=i)).isoformat()
        sid = save_session(db, actor, {"title": f"社区治理专题课程第{i + 1}讲", "kind": "通识课程",
                                       "date": day, "hours": 3, "cohort_ids": [cohort_id]}).id
        record_attendance(db, actor, sid, [{"person_id": pid, "status": "迟到" if i == 1 else "出席"}])
    model = current_model(db, "studio")
    scores = {n.id: (n.max_score or 5) * 0.6 for n in model.items}
    save_assessment(db, actor, {"person_id": pid, "model_id": model.id, "assessed_on": "2022-06-01",
                                "assessor": "李导师", "scores": scores})
    scores = {n.id: (n.max_score or 5) * 0.85 for n in model.items}
    save_assessment(db, actor, {"person_id": pid, "model_id": model.id, "assessed_on": "2022-12-01",
                                "assessor": "李导师", "scores": scores, "note": "进步明显。"})
    save_honour(db, actor, {"person_id": pid, "title": "优秀社区工作者", "level": "区级", "awarded_on": "2022-10-01",
                            "awarded_by": "南山区委组织部"})
    save_reserve(db, actor, {"person_id": pid, "target_role": "社区党委书记", "added_on": "2022-07-01"})
    save_archive_entry(db, actor, {"person_id": pid, "entry_date": "2022-03-01", "kind": "种子遴选",
                                   "content": "经社区推荐、街道考察入选工作室第一期。"})
    save_archive_entry(db, actor, {"person_id": pid, "entry_date": "2022-09-01", "kind": "备注",
                                   "content": LONG_NOTE * note_repeats})
    return pid, cohort_id


def add_mentor(db: Database, actor: Actor, apprentice_id: str, cohort_id: str, mentor_name: str = "陈国强") -> str:
    mentor = save_person(db, actor, {"name": mentor_name, "community": "白石东"}).id
    with unit_of_work(db, actor, "mentor_links.add", "师徒结对") as work:
        work.session.add(MentorLink(mentor_id=mentor, apprentice_id=apprentice_id, cohort_id=cohort_id,
                                    owner=actor.org_code, note="师傅带徒弟"))
    return mentor
