"""Shared helpers for the sync tests: offices, packages between them, database checksums."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from db_template import open_sqlite
from sqlalchemy import Column, MetaData, String, Table, select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, Base, Street
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.services.sync import ImportReport, build_package, import_contents, record_sent
from yanqun_desktop.sync.keys import next_sequence


def open_street(tmp_path: Path, code: str) -> Database:
    db = open_sqlite(tmp_path / f"{code}.sqlite", keys_dir=tmp_path / f"{code}-keys")
    initialise(db, code)
    return db


def actor_for(db: Database, name: str = "测试员") -> Actor:
    code = db.org().code
    return Actor(name, "district_admin" if code == DISTRICT_CODE else "admin", code)


def street_id(db: Database, code: str) -> str:
    with db.session() as s:
        return s.scalars(select(Street.id).where(Street.code == code)).one()


class Sent:
    """A package in memory (the file format is tested elsewhere): manifest and payload."""

    def __init__(self, manifest: dict, files: dict[str, bytes]) -> None:
        self.manifest, self.files = manifest, files

    @property
    def seq(self) -> int:
        return self.manifest["seq"]


def send(src: Database, to: str) -> Sent:
    seq = next_sequence(src, to)
    contents = build_package(src, to, seq)
    record_sent(src, actor_for(src), contents, f"{src.org().code}-{seq:04d}.yqpkg", "0" * 64, 0)
    return Sent(contents.manifest, contents.files)


def receive(dst: Database, pkg: Sent, *, dry_run: bool = False) -> ImportReport:
    return import_contents(
        dst,
        actor_for(dst),
        manifest=dict(pkg.manifest),
        files=pkg.files,
        file_name=f"{pkg.manifest['sender']}-{pkg.seq:04d}.yqpkg",
        dry_run=dry_run,
        backup=False,
    )


def location(db: Database) -> str:
    """What ``--db`` takes for this database: its file, or its full URL (with the password)."""
    return str(db.path) if db.path is not None else db.engine.url.render_as_string(hide_password=False)


def _plain(value: Any) -> Any:
    """A value as both backends give it back: instants as naive UTC (SQLite keeps no offset)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _tables(db: Database) -> list[Table]:
    return [*Base.metadata.sorted_tables, Table("alembic_version", MetaData(), Column("version_num", String))]


def _sign_in_bookkeeping(line: str) -> bool:
    """Signing in (the CLI does it for every command) and the test administrator being made
    touch the accounts and their audit rows: not the data a refused operation must leave alone."""
    return (
        line.startswith('INSERT INTO "accounts"')
        or "'accounts." in line
        or ",'accounts'," in line
        or "'recovery_code_hash'" in line
    )


def checksum(db: Database) -> str:
    """A digest of every row in the database but sign-in bookkeeping: SQLite's SQL dump; on
    another backend every row of every table, read through SQLAlchemy in primary-key order."""
    digest = hashlib.sha256()
    if db.path is not None:
        conn = sqlite3.connect(db.path)
        try:
            for line in conn.iterdump():
                if not _sign_in_bookkeeping(line):
                    digest.update(line.encode())
        finally:
            conn.close()
        return digest.hexdigest()
    with db.engine.connect() as conn:
        for table in _tables(db):
            digest.update(f"\0{table.name}\0".encode())
            order = list(table.primary_key.columns) or list(table.columns)
            for row in conn.execute(select(table).order_by(*order)):
                text = repr(tuple(_plain(v) for v in row))
                if table.name != "accounts" and "'accounts" not in text and "recovery_code_hash" not in text:
                    digest.update(text.encode())
    return digest.hexdigest()


def rows_of(db: Database, table: str, owner: str | None = None) -> dict[str, tuple]:
    """Rows of a table (id, then all columns) by id, optionally of one owner; values as Python
    objects (read through SQLAlchemy), so that a SQLite and a PostgreSQL database compare."""
    t = Base.metadata.tables[table]
    stmt = select(t.c.id, *t.columns)
    if owner:
        stmt = stmt.where(t.c.owner == owner)
    with db.engine.connect() as conn:
        return {r[0]: tuple(_plain(v) for v in r) for r in conn.execute(stmt)}
