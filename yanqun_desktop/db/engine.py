"""Engines and sessions: SQLite (WAL, foreign keys on) by default, any SQLAlchemy URL else."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

# PostgreSQL through psycopg 3 (the ``postgres`` extra): a plain ``postgresql://`` URL would
# make SQLAlchemy look for psycopg2, which is not installed.
PG_SCHEMES = ("postgresql://", "postgres://")
PG_DRIVER_SCHEME = "postgresql+psycopg://"


def to_url(path_or_url: str | Path) -> str:
    text = str(path_or_url)
    if "://" in text:
        for scheme in PG_SCHEMES:
            if text.startswith(scheme):
                return PG_DRIVER_SCHEME + text[len(scheme) :]
        return text
    return f"sqlite:///{Path(text).resolve()}"


def display_location(path_or_url: str | Path) -> str:
    """A database file or URL as shown to the clerk: a URL's password masked (***)."""
    text = str(path_or_url)
    if "://" not in text:
        return text
    from sqlalchemy.engine import make_url

    try:
        return make_url(text).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can read: the scheme only, never what follows
        return text.split("://", 1)[0] + "://…"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, None for other databases or in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def make_engine(path_or_url: str | Path) -> Engine:
    url = to_url(path_or_url)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: SQL errors must never echo ID numbers or phones into logs/tracebacks.
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=_pg_connect_args(url))
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


# The statistics group and count whole tables (a million attendance rows): with the server's
# default 4 MB per sort they spill to disk. Set per connection, so no server configuration is
# needed; options given in the URL (``?options=-c work_mem=…``) come later and win.
PG_SESSION_OPTIONS = "-c work_mem=32MB"


def _pg_connect_args(url: str) -> dict[str, str]:
    from sqlalchemy.engine import make_url

    given = make_url(url).query.get("options")
    given = given if isinstance(given, str) else " ".join(given or ())
    return {"options": f"{PG_SESSION_OPTIONS} {given}".strip()}


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a power cut loses at most the last commit
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
