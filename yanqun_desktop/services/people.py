"""People: add, edit, retire, look up. Validation is shared with the roster importer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation, Person, Street
from yanqun_desktop.domain.pinyin import name_columns
from yanqun_desktop.domain.validation import (
    ValidationError,
    ValidationErrors,
    mask_id_card,
    mask_phone,
    parse_date,
    validate_person_fields,
)
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.lookup import community_for
from yanqun_desktop.services.permissions import Permission, requires
from yanqun_desktop.services.records import VERSION_KEY, Saved, load_live, save_record
from yanqun_desktop.services.uow import unit_of_work

FREE_TEXT = ("estate", "grid", "building", "note")


def _home_street(session: Session, actor: Actor, raw: dict[str, Any], row: Person | None) -> str:
    if row is not None:
        return row.street_id
    if raw.get("street_id"):
        return str(raw["street_id"])
    street_id = session.scalar(select(Street.id).where(Street.code == actor.org_code))
    if street_id is None:
        raise ServiceError("区级新增人员时须指定所属街道。")
    return street_id


def clean_person(session: Session, actor: Actor, raw: dict[str, Any], row: Person | None) -> dict[str, Any]:
    """Validate a person's fields (all errors at once), resolve the community, refuse a second
    live person with the same ID-card number. When editing, fields absent from ``raw`` keep
    their current values."""
    if row is not None:
        raw = {**_current_values(row), **raw}
    values = validate_person_fields(raw)
    errors: list[ValidationError] = []
    street_id = _home_street(session, actor, raw, row)
    community_id = raw.get("community_id")
    if "community" in raw:  # a name typed or picked in a form wins over the stored id; blank clears
        name = str(raw["community"] or "").strip()
        community_id = community_for(session, actor, street_id, name).id if name else None
    number = values.get("id_card")
    if number:
        twin = session.scalar(
            select(Person).where(Person.id_card == number, ~Person.deleted, Person.id != (row.id if row else ""))
        )
        if twin is not None:
            where = twin.community.name if twin.community else twin.street.name
            errors.append(ValidationError("身份证号", f"身份证号已登记在「{twin.name}」（{where}）名下"))
    if errors:
        raise ValidationErrors(errors)
    out = {
        k: values[k]
        for k in ("name", "gender", "birth_date", "ethnicity", "political_status", "education", "id_card", "phone")
    }
    out.update(street_id=street_id, community_id=community_id, **name_columns(values["name"]))
    for key in FREE_TEXT:
        if key in raw:
            text = (raw.get(key) or "").strip()
            out[key] = text or None
    return out


def _current_values(p: Person) -> dict[str, Any]:
    values: dict[str, Any] = {
        key: getattr(p, key)
        for key in ("name", "gender", "birth_date", "ethnicity", "political_status", "education", "id_card", "phone")
    }
    values.update({key: getattr(p, key) or "" for key in FREE_TEXT})
    values["community_id"] = p.community_id
    return values


def save_person(
    db: Database,
    actor: Actor,
    raw: dict[str, Any],
    person_id: str | None = None,
    *,
    expected_version: int | None = None,
) -> Saved:
    """Add a person, or edit one. ``expected_version`` (or ``raw[VERSION_KEY]``, as the form sends
    ``person_form_values``'s version back) refuses the edit with ``ConcurrentEdit`` when someone
    changed the person after it was loaded, instead of overwriting their change."""
    return save_record(
        db, actor, Person, person_id, raw, clean_person, what="人员", describe=lambda p: p.name,
        expected_version=expected_version,
    )


def retire_person(
    db: Database, actor: Actor, person_id: str, reason: str = "", on: dt.date | str | None = None
) -> Saved:
    """退出: the person stays in the records (archives, statistics) but leaves active lists."""
    when = parse_date(on, "退出日期") if on else dt.date.today()
    with unit_of_work(db, actor, "people.retire", "人员退出") as work:
        person = load_live(work.session, Person, person_id, "人员")
        if person.status == "retired":
            raise ServiceError(f"{person.name} 已是退出状态。")
        person.status, person.retired_on, person.retired_reason = "retired", when, reason.strip() or None
        work.summary = f"人员退出：{person.name}"
    return Saved(person_id, work.result())


def reinstate_person(db: Database, actor: Actor, person_id: str) -> Saved:
    with unit_of_work(db, actor, "people.reinstate", "人员恢复") as work:
        person = load_live(work.session, Person, person_id, "人员")
        person.status, person.retired_on, person.retired_reason = "active", None, None
        work.summary = f"人员恢复：{person.name}"
    return Saved(person_id, work.result())


@dataclass(frozen=True)
class PersonForm:
    """A person's editable values as the form shows them (strings, dates as ISO text), with the
    row's version (also in ``values`` under ``VERSION_KEY``, for the form to send back)."""

    id: str
    values: dict[str, Any]
    owner: str
    version: int


@requires(Permission.VIEW_RECORDS)
def person_form_values(db: Database, actor: Actor, person_id: str) -> PersonForm:
    """The form's values, the ID number and phone masked for every role: the full numbers come
    from ``reveal_personal``, which only a role that may see them can ask and which is audited."""
    with db.session() as s:
        p = load_live(s, Person, person_id, "人员")
        values = {
            "name": p.name,
            "gender": p.gender or "",
            "birth_date": p.birth_date.isoformat() if p.birth_date else "",
            "ethnicity": p.ethnicity or "",
            "political_status": p.political_status or "",
            "education": p.education or "",
            "id_card": mask_id_card(p.id_card) if p.id_card else "",
            "phone": mask_phone(p.phone) if p.phone else "",
            "community": p.community.name if p.community else "",
            **{k: getattr(p, k) or "" for k in FREE_TEXT},
            "street_id": p.street_id,
            "street": p.street.name,
            VERSION_KEY: p.version,
        }
        return PersonForm(p.id, values, p.owner, p.version)


@requires(Permission.VIEW_PERSONAL)
def reveal_personal(db: Database, actor: Actor, person_id: str) -> dict[str, str]:
    """A person's full ID number and phone, for the clerk who asked (显示); the audit trail
    records who looked at whose numbers and when (not the numbers)."""
    with db.session() as s, s.begin():
        p = load_live(s, Person, person_id, "人员")
        s.add(AuditOperation(
            at=dt.datetime.now(dt.UTC), actor=actor.name, role=actor.role, org_code=actor.org_code,
            operation="personal.reveal", summary=f"查看完整身份证号和电话：{p.name}", change_count=0,
        ))
        return {"id_card": p.id_card or "", "phone": p.phone or ""}
