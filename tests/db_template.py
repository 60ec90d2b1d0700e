"""New SQLite databases for the tests without running every migration for each of them.

Migrating a new file to head costs about 0.4 s; the tests open well over a thousand. The first
call in a test process migrates one template database (the program's own ``upgrade_database``);
every later new database is a copy of it (SQLite's backup API: ~5 ms), then opened the usual way
with ``Database.open`` — which finds it at head, gives it its own install id and key folder, and
leaves everything after that (``initialise``, keys, data) to run as it always does. A path that
already holds a file is never overwritten: reopening a test's database opens that database.
The migrations themselves keep their own tests (tests/core/test_migrations.py, test_postgres.py),
which open new files directly.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.engine import make_engine, to_url
from yanqun_desktop.db.migrate import online_copy, upgrade_database

_template: Path | None = None


def _head_template() -> Path:
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="yanqun-test-template-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "head.sqlite"
        engine = make_engine(to_url(path))
        try:
            upgrade_database(engine, None)
        finally:
            engine.dispose()
        _template = path
    return _template


def copy_sqlite(source: Path, target: Path) -> None:
    """``source`` copied to ``target`` through SQLite's backup API (a WAL file's changes too)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    online_copy(source, target)


def migrated_sqlite(path: Path | str) -> Path:
    """``path``, made an empty database at the head revision unless a file is already there."""
    path = Path(path)
    if not path.exists():
        copy_sqlite(_head_template(), path)
    return path


def open_sqlite(path: Path | str, *, keys_dir: Path | str | None = None, backup_dir: Path | None = None) -> Database:
    """``Database.open(path, ...)`` for a new or existing SQLite file, a new one from the template."""
    return Database.open(migrated_sqlite(path), keys_dir=keys_dir, backup_dir=backup_dir)
