"""Bulk writing helpers for the sync engine and the audit trail: a package of a whole street
(~200,000 rows, as many audit rows) is written in seconds only if the per-row work is a tuple
and a C call, not an ORM or Core parameter set.

* ``compact_encoder()``: compact JSON (no spaces, UTF-8 text rather than \\u escapes) for
  many small values.
* ``gc_paused()``: cyclic garbage collection paused around bulk work.
* ``insert_many(session, table, columns, rows)``: one prepared INSERT of a Core ``Table``
  executed with the driver's ``executemany`` on value lists; each column's bind processor
  (the dialect's type conversion: datetimes → text on SQLite, booleans → 0/1 ...) is applied
  here, so the stored values are exactly those a Core ``insert(table)`` would store. The SQL
  is SQLAlchemy's compilation for the session's dialect (no SQLite-only SQL). On PostgreSQL
  the same values go through ``COPY … FROM STDIN`` (psycopg adapts each as it would a query
  parameter): executemany there costs a protocol round of messages per row, twice SQLite's time.
* ``select_in``: on PostgreSQL one array parameter (``= ANY(%(v)s)``) instead of thousands of
  IN placeholders, which psycopg re-parses on every call (most of a whole street's import).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Connection, String, Table, any_, bindparam, cast, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.sqltypes import Boolean, Date, DateTime, Time


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk operation. Decoding or writing a whole
    street makes hundreds of thousands of lists, dicts and tuples that all stay alive; each
    batch of allocations triggers a collection that walks every one of them again (measured:
    a third of a package's decoding time). What bulk work leaves behind is freed by reference
    counting; the collector resumes (as it was) afterwards. Process-wide, for seconds."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compact_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` for many small values.
    ``JSONEncoder.encode`` builds a new C encoder on every call, which costs as much as
    encoding one row; this builds it once (same output; the pure-Python encoder where the C
    one is missing). After it raised, make a new one (the C encoder's circular-reference
    markers are not cleaned up on errors)."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    run = make(
        {},  # markers: circular references are refused, as json.dumps does
        encoder.default,
        json.encoder.encode_basestring,
        None,  # indent
        encoder.key_separator,
        encoder.item_separator,
        False,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )
    plain = json.encoder.encode_basestring

    def encode(value: Any) -> str:
        if value is None:  # most "before" values of an audit trail
            return "null"
        if isinstance(value, str):  # as JSONEncoder.encode: a bare string is quoted directly
            return plain(value)
        return "".join(run(value, 0))

    return encode


def _by_identity(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process`` remembering its result per value object: decoded rows share their datetime
    objects (the payload decoder caches them by text), so each is converted once. Keyed by
    identity, not equality: equal aware datetimes in different offsets convert differently."""
    seen: dict[int, tuple[Any, Any]] = {}

    def run(value: Any) -> Any:
        if value is None:
            return process(value)
        hit = seen.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        out = process(value)
        seen[id(value)] = (value, out)  # keeps ``value`` alive, so its id is not reused
        return out

    return run


def _only_bools(rows: list[Any], index: int) -> bool:
    return set(map(type, map(itemgetter(index), rows))) <= {bool, type(None)}


def insert_many(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    as_stored: Collection[str] = (),
) -> None:
    """INSERT ``rows`` (value sequences in ``columns`` order, Python values) into ``table``
    through the session's connection, in its transaction. Columns in ``as_stored`` hold values
    already in the form the column type would store (e.g. JSON text for a JSON column): they
    skip the type's conversion."""
    rows = list(rows)
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    binds = list(compiled.positiontup or ()) if compiled.positional else list(compiled.params)
    if sorted(binds) != sorted(columns):
        # The statement needs other parameters too (a column default the caller left out).
        raise ValueError(f"insert_many({table.name}): every column with a default must be given")
    process = []
    for i, name in enumerate(columns):
        column = table.c[name]
        proc = None if name in as_stored else column.type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None and isinstance(column.type, Boolean) and _only_bools(rows, i):
            # The processor only validates and turns True into 1 (or keeps it): the driver
            # binds a bool as that same value. Checked per column at C speed, not per value.
            proc = None
        if proc is not None:
            if isinstance(column.type, DateTime | Date | Time):
                proc = _by_identity(proc)
            process.append((i, proc))
    params: list[Any]
    if process:
        params = []
        for row in rows:
            values = list(row)
            for i, proc in process:
                values[i] = proc(values[i])
            params.append(tuple(values))
    else:
        params = rows
    if dialect.name == "postgresql":
        _copy_rows(conn, table, columns, params)
        return
    if compiled.positional:
        order = [list(columns).index(name) for name in binds]
        if order != list(range(len(columns))):
            params = [tuple(p[i] for i in order) for p in params]
    else:
        names = list(columns)
        params = [dict(zip(names, p, strict=True)) for p in params]
    conn.exec_driver_sql(compiled.string, params)


def _copy_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """``COPY table (columns) FROM STDIN`` on the connection's open transaction (psycopg 3)."""
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(table.c[c].name) for c in columns)
    )
    with conn.connection.dbapi_connection.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(row)


def _pg_select_any(table: Table, cols: list[Any], key: str) -> Any:
    """``SELECT cols WHERE key = ANY(<the keys>)`` with the keys as one JSON text parameter,
    unpacked by the server: psycopg dumps a Python list parameter element by element in Python
    (a second per whole street), a string at C speed."""
    keys = select(func.json_array_elements_text(cast(bindparam("v", type_=String), JSON))).scalar_subquery()
    return select(*cols).where(table.c[key] == any_(func.array(keys)))


def select_in(
    session: Session, table: Table, columns: Sequence[str], key: str, values: Sequence[Any], *, chunk: int = 5000
) -> list[tuple[Any, ...]]:
    """``SELECT columns FROM table WHERE key IN (values)``, ``chunk`` values per query. The
    statement is Core's, compiled once per chunk length with its IN list expanded, then run
    on the driver (SQLAlchemy would otherwise render thousands of IN parameters anew for every
    chunk — most of the planning time of a whole-street package). Result values are
    converted by the columns' types as a Core select would."""
    if not values:
        return []
    conn = session.connection()
    dialect = conn.dialect
    cols = [table.c[c] for c in columns]
    convert = [(i, c.type.dialect_impl(dialect).result_processor(dialect, None)) for i, c in enumerate(cols)]
    convert = [(i, f) for i, f in convert if f is not None]
    to_db = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
    if to_db is not None:
        values = [to_db(v) for v in values]
    if dialect.name == "postgresql":
        compiled = _pg_select_any(table, cols, key).compile(dialect=dialect)
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        out_pg: list[tuple[Any, ...]] = []
        for start in range(0, len(values), chunk):
            part = encode(list(values[start : start + chunk]))
            for row in conn.exec_driver_sql(compiled.string, {"v": part}).all():
                values_ = list(row)
                for i, f in convert:
                    values_[i] = f(values_[i])
                out_pg.append(tuple(values_))
        return out_pg
    compiled_by_length: dict[int, tuple[str, list[str] | None]] = {}
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(values), chunk):
        part = list(values[start : start + chunk])
        prepared = compiled_by_length.get(len(part))
        if prepared is None:
            stmt = select(*cols).where(table.c[key].in_(bindparam("v", value=part, expanding=True)))
            compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
            names = None if compiled.positional else list(compiled.construct_params())
            prepared = compiled_by_length[len(part)] = (compiled.string, names)
        sql, names = prepared
        params: Any = tuple(part) if names is None else dict(zip(names, part, strict=True))
        for row in conn.exec_driver_sql(sql, params).all():
            if convert:
                values_ = list(row)
                for i, f in convert:
                    values_[i] = f(values_[i])
                out.append(tuple(values_))
            else:
                out.append(tuple(row))
    return out
