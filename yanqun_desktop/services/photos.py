"""A person's optional photo (for the growth-archive cover), kept apart from the people rows."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person, PersonPhoto
from yanqun_desktop.domain.validation import ValidationError
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.records import Saved, load_live
from yanqun_desktop.services.uow import unit_of_work

MAX_PHOTO_BYTES = 2 * 1024 * 1024
SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def photo_mime_type(data: bytes) -> str:
    """JPEG or PNG only, judged by the bytes (not the file name), at most 2 MB."""
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError("照片", f"照片过大（{len(data) // 1024} KB），请使用 2 MB 以内的照片")
    for magic, mime in SIGNATURES.items():
        if data.startswith(magic):
            return mime
    raise ValidationError("照片", "照片须为 JPG 或 PNG 图片")


def set_photo(db: Database, actor: Actor, person_id: str, data: bytes) -> Saved:
    mime = photo_mime_type(data)
    digest = hashlib.sha256(data).hexdigest()
    with unit_of_work(db, actor, "person_photos.set", "更换照片") as work:
        s = work.session
        person = load_live(s, Person, person_id, "人员")
        photo = s.scalar(select(PersonPhoto).where(PersonPhoto.person_id == person_id))
        if photo is None:
            s.add(PersonPhoto(person_id=person_id, mime_type=mime, sha256=digest, data=data, owner=person.owner))
        else:
            photo.mime_type, photo.sha256, photo.data, photo.deleted = mime, digest, data, False
        work.summary = f"更换照片：{person.name}"
    return Saved(person_id, work.result())


def remove_photo(db: Database, actor: Actor, person_id: str) -> Saved:
    with unit_of_work(db, actor, "person_photos.remove", "删除照片") as work:
        photo = work.session.scalar(select(PersonPhoto).where(PersonPhoto.person_id == person_id))
        if photo is not None and not photo.deleted:
            photo.deleted = True
    return Saved(person_id, work.result())


def get_photo(db: Database, person_id: str) -> tuple[bytes, str] | None:
    with db.session() as s:
        photo = s.scalar(select(PersonPhoto).where(PersonPhoto.person_id == person_id, ~PersonPhoto.deleted))
        return (photo.data, photo.mime_type) if photo else None
