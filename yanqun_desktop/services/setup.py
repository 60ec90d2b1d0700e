"""Initialising an install: which office this database belongs to."""

from __future__ import annotations

import datetime as dt

from yanqun_desktop.db.database import Database, OrgIdentity
from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.lookup import is_district_name, resolve_street

# The street a demo database belongs to: 招商街道, whose studio "雁谷" the seed report describes.
DEMO_STREET = "zhaoshang"


def initialise(db: Database, office: str) -> OrgIdentity:
    """Bind the database to a street (code or name) or to the district. Idempotent for the
    same office; refuses to re-bind a database that belongs to another office."""
    if is_district_name(office):
        code = DISTRICT_CODE
    else:
        with db.session() as s:
            code = resolve_street(s, office).code
    current = db.meta("org_code")
    if current is not None and current != code:
        raise ServiceError(f"此数据库已属于「{db.org().name}」，不能改为其他单位。")
    if current is None:
        db.set_meta(org_code=code, initialised_at=dt.datetime.now(dt.UTC).isoformat())
    from yanqun_desktop.services.keys import ensure_keys  # lazy: cryptography stays out of GUI start-up

    ensure_keys(db)
    return db.org()
