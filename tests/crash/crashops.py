"""The operations the crash tests kill, as they run in the child process, and the parent's view
of a database after the kill.

The child is started from a fork server (multiprocessing's "forkserver" method, "spawn" where
there is none): the server is a fresh interpreter that imports this module once, and each child
is forked from it — so a child starts in milliseconds instead of the second and a half the
imports take, the parent (pytest, with its open databases and threads) is never forked, and
each child is still a separate process that SIGKILL ends without running any cleanup.

A child reports over a pipe: ("go",) just before the operation starts, ("done", seconds,
statements, commits, result) when it has finished. Killed by the parent after a delay, or by
itself at its Nth SQL statement, just before or just after its Nth commit, it reports nothing
more."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.archive_pdf import write_archive_pdf
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.backups import make_backup
from yanqun_desktop.services.roster import import_roster
from yanqun_desktop.services.sync import export_package
from yanqun_desktop.services.sync_import import import_packages

STREET = Actor("王小红", "admin", "shahe")
DISTRICT = Actor("赵组织", "district_admin", "nanshan-district")


# -- the child ---------------------------------------------------------------------------------
def _open(a: dict[str, Any]) -> Database:
    return Database.open(Path(a["db"]), keys_dir=Path(a["keys"]))


def op_import(a: dict[str, Any]) -> None:
    reports = import_packages(_open(a), DISTRICT, [Path(a["package"])], backup=True)
    assert reports[0].status == "applied", reports[0].messages


def op_export(a: dict[str, Any]) -> None:
    export_package(_open(a), STREET, Path(a["out"]))


def op_roster(a: dict[str, Any]) -> None:
    report = import_roster(_open(a), STREET, Path(a["file"]))
    assert report.status == "applied", report.messages[:3]


def op_print(a: dict[str, Any]) -> int:
    return write_archive_pdf(_open(a), a["people"], Path(a["out"])).pages


def op_migrate(a: dict[str, Any]) -> None:
    _open(a)


def op_backup(a: dict[str, Any]) -> None:
    make_backup(_open(a), kind="manual", folder=Path(a["out"]))


OPS: dict[str, Any] = {"import": op_import, "export": op_export, "roster": op_roster, "print": op_print,
                       "migrate": op_migrate, "backup": op_backup}


def _die() -> None:
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def child(op: str, args: dict[str, Any], conn: Any, kill: tuple[str, int] | None) -> None:
    """Run one operation; ``kill`` = ("statement", n), ("commit", n) or ("after-commit", n)
    kills this process at its nth SQL statement (before it runs), just before its nth commit,
    or as the connection of its nth commit goes back to the pool (the commit done)."""
    os.environ.update(args["env"])
    counts = {"statement": 0, "commit": 0}

    def counter(kind: str) -> Any:
        def hook(*_: Any, **__: Any) -> None:
            counts[kind] += 1
            if kill is not None and kill[0] == kind and counts[kind] == kill[1]:
                _die()

        return hook

    event.listen(Engine, "before_cursor_execute", counter("statement"))
    event.listen(Engine, "commit", counter("commit"))

    def checked_in(*_: Any) -> None:  # a connection back in the pool: its commit is done
        if kill is not None and kill[0] == "after-commit" and counts["commit"] == kill[1]:
            _die()

    event.listen(Pool, "checkin", checked_in)
    conn.send(("go",))
    start = time.perf_counter()
    result = OPS[op](args)
    conn.send(("done", time.perf_counter() - start, counts["statement"], counts["commit"], result))
    conn.close()


# -- the parent's view ----------------------------------------------------------------------------
State = dict[str, Any]


def db_state(path: Path) -> tuple[str, State]:
    """(integrity check result, state): per table the row count and, per column, a digest of
    its values (sorted, so row order and new ids elsewhere do not matter), plus the schema.
    Opening the file rolls back a hot journal or replays the WAL, as the app would."""
    conn = sqlite3.connect(path)
    try:
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        schema = sorted(conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master "
                                     "WHERE name NOT LIKE 'sqlite_%'"))
        state: State = {"(schema)": hashlib.sha256(repr(schema).encode()).hexdigest()}
        for kind, name, _ in schema:
            if kind != "table":
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            digests = {c: hashlib.sha256(repr(sorted(repr(r[i]) for r in rows)).encode()).hexdigest()
                       for i, c in enumerate(cols)}
            state[name] = (len(rows), digests)
    finally:
        conn.close()
    return integrity, state


# Columns that differ from one complete run to the next however often two runs happen to agree
# (a package's size varies with the compression of its random ids): never compared.
VOLATILE_NAMES = {"file_size", "file_sha256", "package_id", "recorded_at", "created_at", "updated_at", "at",
                  "version", "last_received_at", "trusted_at", "id", "operation_id", "row_id"}


def volatile(a: State, b: State) -> set[tuple[str, str]]:
    """What differs between two complete runs of one operation (new ids, clocks, timestamps),
    and the columns named in VOLATILE_NAMES: ignored when telling the states apart. A table
    whose row count differs between the runs is wholly volatile; row counts are otherwise
    always compared (a half-done operation shows in them)."""
    out: set[tuple[str, str]] = {(t, c) for t in a if t != "(schema)" for c in a[t][1] if c in VOLATILE_NAMES}
    for table in set(a) | set(b):
        if table == "(schema)" or table not in a or table not in b:
            continue
        (na, da), (nb, db) = a[table], b[table]
        if na != nb:
            out.add((table, "*"))
            continue
        out |= {(table, c) for c in da if da.get(c) != db.get(c)}
    return out


def same(a: State, b: State, ignore: set[tuple[str, str]]) -> bool:
    if a.get("(schema)") != b.get("(schema)") or set(a) != set(b):
        return False
    for table in a:
        if table == "(schema)" or (table, "*") in ignore:
            continue
        (na, da), (nb, db) = a[table], b[table]
        if na != nb or any(da[c] != db.get(c) for c in da if (table, c) not in ignore):
            return False
    return True
