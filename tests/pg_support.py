"""Throwaway PostgreSQL databases for the tests that run on both backends.

``YANQUN_TEST_PG_URL`` names a database on a server the tests may use (``.ci/run`` starts one
on loopback); its role must be allowed to create databases. The schema is migrated once per
test run into a template database; every test then gets ``CREATE DATABASE x TEMPLATE t``
(a file copy of a few MB: ~20 ms, where migrating costs a second), dropped after the test.
Without the variable the PostgreSQL variants are skipped, so ``pytest`` works without a server.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.engine import make_engine, to_url
from yanqun_desktop.db.migrate import upgrade_database

ENV = "YANQUN_TEST_PG_URL"
SKIP_REASON = (
    f"PostgreSQL variant skipped: {ENV} is not set (e.g. "
    "postgresql+psycopg://yanqun:secret@127.0.0.1:5432/yanqun_test, a role that may create databases; "
    ".ci/run starts a server and sets it)"
)


def pg_url_from_env() -> str | None:
    return os.environ.get(ENV) or None


class PgDatabases:
    """Creates and drops test databases on one server, all named after this test run."""

    def __init__(self, url: str) -> None:
        self.base: URL = make_url(to_url(url))
        if self.base.drivername == "postgresql":
            self.base = self.base.set(drivername="postgresql+psycopg")
        # AUTOCOMMIT: CREATE/DROP DATABASE cannot run inside a transaction.
        self._admin = create_engine(self.base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.prefix = f"yqt_{os.getpid()}_{secrets.token_hex(3)}"
        self.template = f"{self.prefix}_tmpl"
        self._count = 0
        self._live: set[str] = set()
        self._execute(f'CREATE DATABASE "{self.template}"')
        engine = make_engine(self.url(self.template))
        try:
            upgrade_database(engine, None)
        finally:
            engine.dispose()  # a template must have no open connection when it is copied
        # Nor may autovacuum's: a database that takes no connections is left alone by it.
        self._execute(f'ALTER DATABASE "{self.template}" WITH ALLOW_CONNECTIONS false')

    def _execute(self, sql: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(sql))

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def new(self, *, empty: bool = False) -> str:
        """A new database's URL: migrated to head (a copy of the template), or ``empty``."""
        self._count += 1
        name = f"{self.prefix}_{self._count}"
        source = "template0" if empty else self.template
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        self._live.add(name)
        return self.url(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        assert name is not None and name.startswith(self.prefix)
        self._drop(name)
        self._live.discard(name)

    def _drop(self, name: str) -> None:
        """A plain DROP (it makes an autovacuum worker leave, which ``WITH (FORCE)`` refuses to
        terminate for a role that is not a superuser); when a session a failed test left open
        is in the way, this role's own sessions there are ended and the DROP is tried again."""
        for _ in range(3):
            try:
                self._execute(f'DROP DATABASE IF EXISTS "{name}"')
                return
            except OperationalError:  # "is being accessed by other users"
                self._execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{name}' AND usename = current_user AND pid <> pg_backend_pid()"
                )
                time.sleep(0.2)
        self._execute(f'DROP DATABASE IF EXISTS "{name}"')

    @contextmanager
    def database(self, *, empty: bool = False) -> Iterator[str]:
        url = self.new(empty=empty)
        try:
            yield url
        finally:
            self.drop(url)

    def close(self) -> None:
        for name in sorted(self._live):
            self._drop(name)
        self._drop(self.template)
        self._admin.dispose()


# For module-scoped fixtures that build one database for many tests: ``params=BACKENDS``,
# then ``fresh_database(request, path, keys_dir)``.
BACKENDS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="pg", marks=pytest.mark.pg)]


@contextmanager
def fresh_database(request: pytest.FixtureRequest, path: Path, keys_dir: Path) -> Iterator[Database]:
    """A new database on the backend ``request.param`` names: the SQLite file ``path``, or a
    new PostgreSQL database (skipped without a server); disposed (and dropped) afterwards."""
    if request.param == "postgresql":
        databases: PgDatabases = request.getfixturevalue("pg_databases")
        with databases.database() as url:
            db = Database.open(url, keys_dir=keys_dir)
            try:
                yield db
            finally:
                db.dispose()
        return
    db = Database.open(path, keys_dir=keys_dir)
    try:
        yield db
    finally:
        db.dispose()
