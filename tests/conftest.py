"""Fixtures shared by every test: isolated data/config folders and a fresh street database.

Backends: a test module (or test) marked ``@pytest.mark.postgres`` runs twice, on SQLite and on
PostgreSQL (ids ``[sqlite]`` / ``[pg]``; the PostgreSQL runs also carry the ``pg`` mark, so
``pytest -m pg`` runs only them). ``@pytest.mark.postgres("district")`` puts only the district
database on PostgreSQL (as deployed: the streets keep SQLite); the default puts both
``street_db`` and ``district_db`` there. ``open_office`` opens further databases on the test's
backend. Without ``YANQUN_TEST_PG_URL`` the PostgreSQL runs are skipped (see pg_support.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from accounts_support import TEST_ADMIN, TEST_PASSWORD, add_test_admin
from db_template import migrated_sqlite
from pg_support import SKIP_REASON, PgDatabases, pg_url_from_env

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.setup import initialise

SQLITE, POSTGRES = "sqlite", "postgresql"
ROLES = ("street", "district")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "postgres(*roles): also run on PostgreSQL; roles among 'street', 'district' (default both)",
    )
    config.addinivalue_line("markers", "pg: the PostgreSQL run of a test marked postgres")
    config.addinivalue_line("markers", "no_test_admin: the CLI finds no administrator made for the test")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("postgres")
    if marker is None or "db_backend" not in metafunc.fixturenames:
        return
    # Only tests that would put a database on PostgreSQL get a second run (a street-only test
    # in a module marked postgres("district") would run the same SQLite test twice).
    roles = marker.args or ROLES
    wanted = {f"{role}_db" for role in roles} | {"open_office", "db_backend"}
    direct = set(inspect.signature(metafunc.function).parameters)
    if any(f"{role}_db" in metafunc.fixturenames for role in roles) or direct & wanted:
        metafunc.parametrize(
            "db_backend",
            [pytest.param(SQLITE, id="sqlite"), pytest.param(POSTGRES, id="pg", marks=pytest.mark.pg)],
            indirect=True,
        )


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at 2**10 instead of 2**15: the same code path, a millisecond per hash."""
    from yanqun_desktop.services import accounts

    monkeypatch.setattr(accounts, "SCRYPT_LOG_N", 10)


@pytest.fixture(autouse=True)
def cli_account(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI signs in as the test administrator unless a test says otherwise."""
    monkeypatch.setenv("YANQUN_USER", TEST_ADMIN)
    monkeypatch.setenv("YANQUN_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("YANQUN_NEW_PASSWORD", raising=False)


@pytest.fixture(autouse=True)
def cli_admin_on_service_databases(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many tests build a database through the services (no ``yanqun init``) and then drive it
    through the CLI: give such a database the administrator ``init`` would have made, then sign
    in for real. Tests of a database without accounts mark themselves ``no_test_admin``."""
    if request.node.get_closest_marker("no_test_admin"):
        return
    from yanqun_desktop.cli.context import CliContext

    real_actor = CliContext.actor

    def actor(self: CliContext):  # type: ignore[no-untyped-def]
        db = self.open_db()
        if db.is_initialised and not self.demo and db.meta("demo") != "1":
            add_test_admin(db)
        return real_actor(self)

    monkeypatch.setattr(CliContext, "actor", actor)


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never touch a real user's data folder, settings or keys."""
    root = tmp_path / "yanqun-home"
    monkeypatch.setenv("YANQUN_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("YANQUN_CONFIG_DIR", str(root / "config"))
    monkeypatch.delenv("YANQUN_DB", raising=False)
    monkeypatch.delenv("YANQUN_KEYS", raising=False)
    return root


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[PgDatabases]:
    """The PostgreSQL server of this run (skips the test when none is configured)."""
    url = pg_url_from_env()
    if url is None:
        pytest.skip(SKIP_REASON)
    databases = PgDatabases(url)
    yield databases
    databases.close()


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` unless the test is marked ``postgres`` (then parametrised over both)."""
    return getattr(request, "param", SQLITE)


def _pg_roles(request: pytest.FixtureRequest) -> tuple[str, ...]:
    marker = request.node.get_closest_marker("postgres")
    return tuple(marker.args) if marker is not None and marker.args else ROLES


OpenOffice = Callable[..., Database]


@pytest.fixture
def open_office(tmp_path: Path, db_backend: str, request: pytest.FixtureRequest) -> Iterator[OpenOffice]:
    """``open_office(office, name, role=None, keys=None)``: a fresh, initialised database for ``office``
    (a street code or 南山区) with its own key folder, on PostgreSQL when the test runs there
    and ``role`` (default: district for 南山区, else street) is one of the marked roles."""
    opened: list[tuple[Database, str | None]] = []

    def open_(office: str, name: str, role: str | None = None, *, keys: str | None = None) -> Database:
        role = role or ("district" if office == "南山区" else "street")
        pg_url = None
        if db_backend == POSTGRES and role in _pg_roles(request):
            pg_url = request.getfixturevalue("pg_databases").new()
        # A new SQLite file is a copy of a database migrated once per test process (db_template.py).
        location = pg_url or migrated_sqlite(tmp_path / f"{name}.sqlite")
        db = Database.open(location, keys_dir=tmp_path / (keys or f"{name}-keys"))
        opened.append((db, pg_url))
        initialise(db, office)
        return db

    yield open_
    for db, pg_url in opened:
        db.dispose()
        if pg_url is not None:
            request.getfixturevalue("pg_databases").drop(pg_url)


@pytest.fixture
def street_db(open_office: OpenOffice) -> Database:
    return open_office("shahe", "street", keys="keys")


@pytest.fixture
def district_db(open_office: OpenOffice) -> Database:
    return open_office("南山区", "district", "district")


@pytest.fixture
def clerk() -> Actor:
    return Actor("王小红", "admin", "shahe")


@pytest.fixture
def district_officer() -> Actor:
    return Actor("赵组织", "district_admin", "nanshan-district")
