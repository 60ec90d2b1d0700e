"""What a database holds: its office, schema and record counts per table."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import false, func, select

from yanqun_desktop import __version__
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.migrate import current_revision
from yanqun_desktop.db.models import Base


@dataclass(frozen=True)
class DatabaseInfo:
    app_version: str
    schema: str | None
    org_code: str | None
    org_name: str | None
    demo: bool
    location: str
    counts: dict[str, int] = field(default_factory=dict)  # live rows (tombstones excluded)

    def as_json(self) -> dict[str, object]:
        return {
            "app_version": self.app_version,
            "schema": self.schema,
            "org_code": self.org_code,
            "org_name": self.org_name,
            "demo": self.demo,
            "database": self.location,
            "counts": self.counts,
        }


def database_info(db: Database) -> DatabaseInfo:
    counts: dict[str, int] = {}
    with db.session() as s:
        for table in Base.metadata.sorted_tables:
            stmt = select(func.count()).select_from(table)
            if "deleted" in table.c:
                stmt = stmt.where(table.c.deleted == false())
            counts[table.name] = int(s.scalar(stmt) or 0)
    org = db.org() if db.is_initialised else None
    location = str(db.path) if db.path else db.engine.url.render_as_string(hide_password=True)
    return DatabaseInfo(
        app_version=__version__,
        schema=current_revision(db.engine),
        org_code=org.code if org else None,
        org_name=org.name if org else None,
        demo=db.is_demo,
        location=location,
        counts=dict(sorted(counts.items())),
    )


def people_exist(db: Database) -> bool:
    """Whether any live person is recorded (cheap: stops at the first row)."""
    from sqlalchemy import exists

    from yanqun_desktop.db.models import Person

    with db.session() as s:
        return bool(s.scalar(select(exists().where(~Person.deleted))))
