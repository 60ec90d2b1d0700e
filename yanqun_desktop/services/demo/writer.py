"""Bulk writing for the demo generator: fast ids, Core executemany in batches, one transaction.

Demo data is written with SQLAlchemy Core ``insert(Table)`` and executemany lists of dicts (the
ORM unit of work is far too slow for a million rows, ARCHITECTURE.md "Data"). On SQLite the
attendance table, by far the largest, goes through ``exec_driver_sql`` with tuples and the
constant columns written as literals; a big table that is empty before the load gets its
secondary indexes rebuilt once after the load instead of being updated row by row, and the page
cache is enlarged for the load. All of it happens inside the one transaction, so a crash leaves
the database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, insert, text

from yanqun_desktop.db.ids import HybridClock

BATCH = 20_000
DEFERRED_INDEX_ROWS = 50_000  # from this many rows into an empty table, rebuild its indexes after
_COUNTER_HEX = [f"{i:03x}" for i in range(4096)]
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


class IdSource:
    """UUIDv7 strings in bulk: 48-bit milliseconds, a 12-bit counter in ``rand_a`` (RFC 9562
    section 6.2, method 1) and 62 random bits. Strictly increasing within one source, so rows
    inserted in creation order append to the primary-key B-tree; about 4x faster than
    ``new_id()`` per id, which matters at a million rows."""

    def __init__(self) -> None:
        self._ms = time.time_ns() // 1_000_000
        self._start_block()

    def _start_block(self) -> None:
        h = f"{self._ms & 0xFFFF_FFFF_FFFF:012x}"
        self._prefix = f"{h[:8]}-{h[8:]}-7"
        self._random = os.urandom(8 * 4096).hex()
        self._next = 0

    def __call__(self) -> str:
        i = self._next
        if i == 4096:
            self._ms = max(self._ms + 1, time.time_ns() // 1_000_000)
            self._start_block()
            i = 0
        self._next = i + 1
        r = self._random[16 * i : 16 * i + 16]
        return f"{self._prefix}{_COUNTER_HEX[i]}-{_VARIANT[r[0]]}{r[1:4]}-{r[4:]}"

    def many(self, count: int) -> list[str]:
        out: list[str] = []
        while count > 0:
            if self._next == 4096:
                self._ms = max(self._ms + 1, time.time_ns() // 1_000_000)
                self._start_block()
            first = self._next
            take = min(count, 4096 - first)
            prefix, r, hexes, variant = self._prefix, self._random, _COUNTER_HEX, _VARIANT
            out += [
                f"{prefix}{hexes[i]}-{variant[r[16 * i]]}{r[16 * i + 1 : 16 * i + 4]}-{r[16 * i + 4 : 16 * i + 16]}"
                for i in range(first, first + take)
            ]
            self._next = first + take
            count -= take
        return out


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class BulkWriter:
    """Inserts rows (dicts holding ``id``, ``owner`` and the table's own columns) and stamps the
    sync columns: one version per row from the hybrid clock, ``updated_at``/``updated_by``."""

    def __init__(
        self,
        conn: Connection,
        clock: HybridClock,
        actor_name: str,
        now: dt.datetime,
        progress: Callable[[str, str, int], None] | None = None,
    ) -> None:
        self.conn = conn
        self.clock = clock
        self.actor_name = actor_name
        self.now = now
        self.counts: Counter[str] = Counter()
        self.is_sqlite = conn.dialect.name == "sqlite"
        self._progress = progress  # (phase, table, rows written since the last call)

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Core ``insert(table)`` with executemany lists of dicts, in batches. Rows are
        stamped in place (no copies: a million short-lived dicts cost more than the insert)."""
        if not rows:
            return
        keys: set[str] = set()
        for row in rows:
            keys.update(row)
        versions = self.clock.ticks(len(rows))
        now, actor = self.now, self.actor_name
        for row, version in zip(rows, versions, strict=True):
            if len(row) != len(keys):  # executemany needs the same keys in every dict
                for key in keys:
                    row.setdefault(key, None)
            row["version"] = version
            row["updated_at"] = now
            row["updated_by"] = actor
            row["deleted"] = False
        stmt = insert(table)
        with self.deferred_indexes(table, len(rows)):
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                self.conn.execute(stmt, batch)
                self._batch_done(table.name, len(batch))
        self.counts[table.name] += len(rows)

    def _stamp_literals(self, table: Table) -> str:
        """``updated_at`` and ``updated_by`` as SQL literals, the time as the column type stores it."""
        dialect = self.conn.dialect
        process = table.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)
        stamped = process(self.now) if process else self.now.isoformat(" ")
        return f"{_sql_literal(str(stamped))}, {_sql_literal(self.actor_name)}"

    def _batch_done(self, table: str, count: int, phase: str = "rows") -> None:
        if self._progress:
            self._progress(phase, table, count)

    def insert_attendance(
        self, table: Table, make_rows: Callable[[int], Iterable[list[tuple]]], expected: int
    ) -> None:
        """The largest table, as batches of ready tuples ``(id, owner, version, session_id,
        person_id, status, is_guest, note)`` from ``make_rows(first_version)``; ``expected``
        versions are reserved at once. On SQLite: the driver's executemany, constants as literals."""
        versions = self.clock.ticks(max(1, expected))
        sql = (
            "INSERT INTO attendance (id, owner, version, session_id, person_id, status, is_guest, note, "
            f"updated_at, updated_by, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, {self._stamp_literals(table)}, 0)"
        )
        written = 0
        with self.deferred_indexes(table, expected):
            for batch in make_rows(versions.start):
                if not batch:
                    continue
                written += len(batch)
                if written > expected:
                    raise RuntimeError("more attendance rows than versions reserved")
                if self.is_sqlite:
                    self.conn.exec_driver_sql(sql, batch)
                else:
                    self.conn.execute(insert(table), [
                        {"id": r[0], "owner": r[1], "version": r[2], "session_id": r[3], "person_id": r[4],
                         "status": r[5], "is_guest": bool(r[6]), "note": r[7], "updated_at": self.now,
                         "updated_by": self.actor_name, "deleted": False}
                        for r in batch
                    ])
                self.counts[table.name] += len(batch)
                self._batch_done(table.name, len(batch))

    @contextmanager
    def bulk_cache(self, kib: int = 256 * 1024) -> Iterator[None]:
        """SQLite only: a larger page cache for the load (the foreign-key and unique-index
        lookups of a million rows stay in memory), the connection's own size restored after."""
        if not self.is_sqlite:
            yield
            return
        previous = self.conn.exec_driver_sql("PRAGMA cache_size").scalar()
        self.conn.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
        try:
            yield
        finally:
            self.conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")

    @contextmanager
    def deferred_indexes(self, table: Table, row_count: int) -> Iterator[None]:
        """For a big load into an empty SQLite table: drop its secondary indexes, load, and
        create them again from their exact stored SQL (one sort instead of a B-tree update
        per row). All inside the open transaction, so a failure rolls the drop back too; unique
        indexes are checked when they are created again."""
        if not self.is_sqlite or row_count < DEFERRED_INDEX_ROWS or not self._in_transaction():
            yield
            return
        if self.conn.execute(text(f'SELECT 1 FROM "{table.name}" LIMIT 1')).first() is not None:
            yield
            return
        indexes = self.conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"),
            {"t": table.name},
        ).all()
        for name, _sql in indexes:
            self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
        yield
        self._batch_done(table.name, 0, "indexes")
        for _name, sql in indexes:
            self.conn.exec_driver_sql(sql)

    def _in_transaction(self) -> bool:
        dbapi = self.conn.connection.dbapi_connection
        return bool(getattr(dbapi, "in_transaction", False))

