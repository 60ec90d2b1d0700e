"""Shared helpers for the sync tests: offices, packages between them, database checksums."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Street
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.services.sync import ImportReport, build_package, import_contents, record_sent
from yanqun_desktop.sync.keys import next_sequence


def open_street(tmp_path: Path, code: str) -> Database:
    db = Database.open(tmp_path / f"{code}.sqlite", keys_dir=tmp_path / f"{code}-keys")
    initialise(db, code)
    return db


def actor_for(db: Database, name: str = "测试员") -> Actor:
    return Actor(name, "operator", db.org().code)


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


def checksum(db: Database) -> str:
    """A digest of every row in the database (its SQL dump)."""
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode())
        return digest.hexdigest()
    finally:
        conn.close()


def rows_of(db: Database, table: str, owner: str | None = None) -> dict[str, tuple]:
    """Rows of a table (all columns) by id, optionally of one owner."""
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    try:
        sql = f"SELECT id, * FROM {table}" + (" WHERE owner = ?" if owner else "")
        return {r[0]: tuple(r) for r in conn.execute(sql, (owner,) if owner else ())}
    finally:
        conn.close()
