"""Declarative base and the columns every synced table carries (shared/SYNC.md, "Records")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, Index, MetaData, String, false
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from yanqun_desktop.db.ids import new_id
from yanqun_desktop.domain.offices import DISTRICT_CODE as DISTRICT_CODE  # re-exported for the models

# Stable constraint names, so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID_LEN = 36
ORG_CODE_LEN = 32


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def uuid_pk() -> Mapped[str]:
    return mapped_column(String(UUID_LEN), primary_key=True, default=new_id)


class Synced:
    """Mixin for rows that travel in packages.

    ``owner`` is the org code (street code or the district code) allowed to write the row;
    ``version`` is a hybrid-logical-clock value that only grows; ``deleted`` is a tombstone so
    that deletes travel too. The unit of work stamps version/updated_* on every write.
    """

    __sync_owner__: str = "street"  # who owns rows of this table: "street" or "district"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    # Indexed together as (owner, version) — see ``add_sync_indexes`` — for "what changed
    # since version X" per owner (package export), with one B-tree per row instead of two.
    owner: Mapped[str] = mapped_column(String(ORG_CODE_LEN))
    version: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Optimistic concurrency: every ORM UPDATE says ``WHERE id = ? AND version = <the version
        # loaded>``, so a row another session changed meanwhile is not overwritten (StaleDataError,
        # refused by the unit of work). The app sets versions itself (the unit of work stamps a
        # hybrid-clock value), hence no generator.
        return {"version_id_col": cls.version, "version_id_generator": False}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def add_sync_indexes(metadata: MetaData) -> None:
    """One (owner, version) index on every synced table; called once all models are declared."""
    for table in metadata.tables.values():
        name = f"ix_{table.name}_owner_version"
        if "version" in table.c and "owner" in table.c and name not in {i.name for i in table.indexes}:
            Index(name, table.c.owner, table.c.version)
