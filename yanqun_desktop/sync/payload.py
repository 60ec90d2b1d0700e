"""Rows ⇄ package payload files (shared/SYNC.md, "The package file").

One UTF-8 JSON-lines file per table, ``tables/<name>.jsonl``: the first line names the table and
its columns, then one JSON array per row in that column order (arrays, not objects: the column
names would otherwise be most of the bytes). Values: dates, times and datetimes as ISO text
(datetimes always with their UTC offset), binary columns (photos, documents) as separate
attachment files ``attachments/<sha256>`` referenced as ``{"$file": name}``, so each travels
once with its own hash in the manifest. Rows are sorted by id, so the same rows give the same
bytes. Tables are written in foreign-key dependency order (``Base.metadata.sorted_tables``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Table
from sqlalchemy.sql.sqltypes import Boolean, Date, DateTime, Float, Integer, LargeBinary, Numeric, String, Time

from yanqun_desktop.db.models import Base
from yanqun_desktop.sync.bulk import compact_encoder

# The schema of the rows a package carries: the last migration that changed a synced table's
# columns. A migration that only adds an index (0004) leaves it, so a district on a newer
# release still writes packages a street on the previous release can read (SYNC.md: streets
# upgrade over weeks). Raise it, with a transform in services/sync_import.SCHEMA_STEPS and a
# fixture package, when a synced table changes shape.
PACKAGE_SCHEMA = "0003"

TABLE_DIR = "tables/"
ATTACHMENT_DIR = "attachments/"
SYNC_COLUMNS = ("id", "owner", "version", "updated_at", "updated_by", "deleted")

Row = dict[str, Any]
# Most distinct date/time values a per-column conversion cache keeps (bounds its memory).
_CACHE_LIMIT = 65536
# The highest row version a package may carry: the receiver's clock moves past it (and ticks on
# from there), so it must leave room below 2**63, what the database's 64-bit integer holds.
MAX_VERSION = 2**62


class PayloadError(ValueError):
    """A payload file that cannot be read (message in Chinese)."""


def synced_tables() -> list[Table]:
    """The tables that travel, in foreign-key dependency order (parents first)."""
    return [t for t in Base.metadata.sorted_tables if "version" in t.c and "owner" in t.c]


def table_file(name: str) -> str:
    return f"{TABLE_DIR}{name}.jsonl"


def _encoder_for(column: Any) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, DateTime):
        return _datetime_out
    if isinstance(kind, Date | Time):
        return _iso
    return None


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _datetime_out(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite hands back naive values; every stored datetime is UTC
        return value.isoformat() + "+00:00"  # = value.replace(tzinfo=dt.UTC).isoformat(), cheaper
    return value.isoformat()


def _datetime_in(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def encode_table(table: Table, rows: Iterable[Mapping[str, Any]], attachments: dict[str, bytes]) -> bytes:
    """The JSON-lines bytes of ``rows`` (mappings keyed by column name); binary values are
    moved into ``attachments`` (name → bytes)."""
    columns = [c.name for c in table.columns]
    converters = [(i, _encoder_for(c)) for i, c in enumerate(table.columns)]
    converters = [(i, f) for i, f in converters if f is not None]
    binary = [i for i, c in enumerate(table.columns) if isinstance(c.type, LargeBinary)]
    dumps = compact_encoder()
    lines = [dumps({"table": table.name, "columns": columns})]
    # Hot loop (a street's full export is ~200,000 rows): the values by one itemgetter call.
    values_of = itemgetter(*columns) if len(columns) > 1 else (lambda r: (r[columns[0]],))
    for row in sorted(rows, key=itemgetter("id")):
        values = list(values_of(row))
        for i, convert in converters:
            values[i] = convert(values[i])
        for i in binary:
            data = values[i]
            if data is not None:
                name = ATTACHMENT_DIR + hashlib.sha256(data).hexdigest()
                attachments[name] = bytes(data)
                values[i] = {"$file": name}
        lines.append(dumps(values))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _decoder_for(column: Any, files: Mapping[str, bytes]) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, DateTime):
        return _datetime_in
    if isinstance(kind, Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if isinstance(kind, Time):
        return lambda v: None if v is None else dt.time.fromisoformat(v)
    if isinstance(kind, LargeBinary):

        def attachment(v: Any) -> bytes | None:
            if v is None:
                return None
            name = v.get("$file") if isinstance(v, dict) else None
            if name not in files:
                raise PayloadError(f"数据包缺少附件 {name}")
            return files[name]

        return attachment
    return None


class DecodedTable:
    """One table's rows as read from a package: ``rows`` hold Python values ready for the
    database; ``raw`` the same rows as JSON values (what the audit trail and the conflict
    queue store), made when first asked for: a big import needs them for few rows."""

    def __init__(self, table: Table, rows: list[Row], raw: list[Row] | None = None) -> None:
        self.table, self.rows, self._raw = table, rows, raw

    @property
    def raw(self) -> list[Row]:
        if self._raw is None:
            self._raw = [json_row(self.table, r) for r in self.rows]
        return self._raw


def _cached(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``decode`` remembering its results by input text: rows written together share their
    updated_at, so a package of 200,000 rows holds few distinct datetimes. Only str inputs
    are cached (the results are immutable date/time values)."""
    cache: dict[str, Any] = {}

    def run(value: Any) -> Any:
        if type(value) is not str:
            return decode(value)
        out = cache.get(value)
        if out is None:
            out = decode(value)
            if len(cache) < _CACHE_LIMIT:
                cache[value] = out
        return out

    return run


def _parse_lines(table_name: str, body: list[tuple[int, str]]) -> list[Any]:
    """Every line's JSON value, each line exactly one value. orjson: a whole street is ~200,000
    lines, which the standard library parses about four times slower."""
    loads = orjson.loads
    try:
        return [loads(line) for _, line in body]
    except orjson.JSONDecodeError:
        pass
    for number, line in body:  # name the first line that does not parse
        try:
            loads(line)
        except orjson.JSONDecodeError as e:
            raise PayloadError(f"数据包中 {table_name} 第 {number} 行无法读取") from e
    raise AssertionError("unreachable: some line did not parse")


def decode_table(table: Table, data: bytes, files: Mapping[str, bytes]) -> DecodedTable:
    """Rows of a payload file. Columns this schema lacks are dropped; columns the package lacks
    (an older schema) take the column's default, or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise PayloadError(f"数据包中 {table.name} 不是 UTF-8 文本") from e
    # Split on "\n" only (what encode_table writes): str.splitlines would also cut a line at a
    # U+2028, U+0085 or U+001C inside a text value, which JSON leaves unescaped.
    lines = text.split("\n") if text else []
    if not lines:
        return DecodedTable(table, [], [])
    try:
        head = json.loads(lines[0])
    except (ValueError, RecursionError) as e:
        raise PayloadError(f"数据包中 {table.name} 的表头无法读取") from e
    columns: Sequence[str] = head.get("columns") if isinstance(head, dict) else None  # type: ignore[assignment]
    # Column names index dicts and the table: a list, of distinct strings (anything else is
    # from no writer of ours, and would fail in the loop below as unhashable or misaligned).
    if not isinstance(columns, list) or not all(type(c) is str for c in columns) or len(set(columns)) != len(columns):
        raise PayloadError(f"数据包中 {table.name} 的表头无法读取")
    if head.get("table") != table.name or "id" not in columns:
        raise PayloadError(f"数据包中 {table.name} 的表头与表名不符")
    known = [(i, name) for i, name in enumerate(columns) if name in table.c]
    missing = {}
    for c in table.columns:
        if c.name not in columns:
            default = c.default.arg if c.default is not None and getattr(c.default, "is_scalar", False) else None
            missing[c.name] = default
    decoders = [(name, _decoder_for(table.c[name], files)) for _, name in known]
    decoders = [(name, f if isinstance(table.c[name].type, LargeBinary) else _cached(f)) for name, f in decoders if f]
    names = [name for _, name in known]
    # Fast path: the package's leading columns are all known here, in order (the same schema),
    # so a row is ``zip(names, values)`` — equal to the general comprehension below whenever
    # the row is a list at least that long (anything else takes the general path and its errors).
    contiguous = [i for i, _ in known] == list(range(len(known)))
    width = len(known)
    rows: list[Row] = []
    body = [(number, line) for number, line in enumerate(lines[1:], start=2) if line]
    for (number, _), values in zip(body, _parse_lines(table.name, body), strict=True):
        if type(values) is not list:  # a row is an array (an object or a string would index oddly)
            raise PayloadError(f"数据包中 {table.name} 第 {number} 行无法读取")
        try:
            if contiguous and len(values) >= width:
                row = dict(zip(names, values, strict=False))  # extra values: ignored, as below
            else:
                row = {name: values[i] for i, name in known}
        except (ValueError, IndexError, TypeError) as e:
            raise PayloadError(f"数据包中 {table.name} 第 {number} 行无法读取") from e
        if missing:
            row.update(missing)
        try:
            for name, decode in decoders:
                row[name] = decode(row[name])
        except (ValueError, TypeError, AttributeError) as e:
            raise PayloadError(f"数据包中 {table.name} 第 {number} 行的 {name} 无法读取") from e
        rows.append(row)
    _check_values(table, rows, [number for number, _ in body])
    return DecodedTable(table, rows)


def _json_types(column: Any) -> tuple[type, ...] | None:
    """The Python types (as JSON decodes them) a column's value may have; None: the column's
    decoder has already checked it (dates, times, attachments)."""
    kind = column.type
    if isinstance(kind, Boolean):
        return (bool,)
    if isinstance(kind, Integer):
        return (int,)
    if isinstance(kind, Numeric | Float):  # Float is no Numeric subclass in SQLAlchemy 2.1
        return (int, float)
    if isinstance(kind, String):  # Text too
        return (str,)
    return None


def _check_values(table: Table, rows: list[Row], numbers: list[int]) -> None:
    """Every value of the type its column stores, NOT NULL columns filled, integers within 64
    bits, ids distinct. A signed package is from a trusted office, but one bug or one hostile
    install there must end in a refusal naming the row, not in a database error half-way
    through the import (or, for versions, in a clock pushed past what 64 bits hold). One pass
    per column over types (C speed: ~200,000 rows per table in a whole street)."""
    if not rows:
        return

    def fail(name: str, bad: Callable[[Any], bool], why: str) -> None:
        i = next(i for i, row in enumerate(rows) if bad(row[name]))
        raise PayloadError(f"数据包中 {table.name} 第 {numbers[i]} 行的 {name} {why}")

    for column in table.columns:
        name = column.name
        values = list(map(itemgetter(name), rows))
        kinds = set(map(type, values))
        if type(None) in kinds and not column.nullable:
            fail(name, lambda v: v is None, "不能为空")
        allowed = _json_types(column)
        if allowed is None:
            continue
        if kinds - {*allowed, type(None)}:
            fail(name, lambda v, ok=allowed: v is not None and type(v) not in ok, "类型不符")
        if int in allowed and int in kinds:
            ints = [v for v in values if type(v) is int]
            low, high = (0, MAX_VERSION) if name == "version" else (-(2**63), 2**63 - 1)
            if min(ints) < low or max(ints) > high:
                fail(name, lambda v, lo=low, hi=high: type(v) is int and not lo <= v <= hi, "超出范围")
        if float in kinds and not all(map(math.isfinite, (v for v in values if type(v) is float))):
            fail(name, lambda v: type(v) is float and not math.isfinite(v), "超出范围")
    ids = list(map(itemgetter("id"), rows))
    if len(set(ids)) != len(ids):  # two rows of one id: the second would hit the primary key
        seen: set[Any] = set()
        for i, row_id in enumerate(ids):
            if row_id in seen:
                raise PayloadError(f"数据包中 {table.name} 第 {numbers[i]} 行的 id 与前面的行重复")
            seen.add(row_id)


def encode_rows(rows_by_table: Mapping[str, list[Mapping[str, Any]]]) -> tuple[dict[str, bytes], dict[str, int]]:
    """Payload files for rows grouped by table name (tables without rows are left out), and
    per-table row counts."""
    files: dict[str, bytes] = {}
    attachments: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for table in synced_tables():
        rows = rows_by_table.get(table.name)
        if rows:
            files[table_file(table.name)] = encode_table(table, rows, attachments)
            counts[table.name] = len(rows)
    files.update(attachments)
    return files, counts


def decode_files(files: Mapping[str, bytes]) -> list[DecodedTable]:
    """Every table file in a package, decoded, in dependency order. A table this schema does
    not know is an error (packages from newer schemas are refused before this point)."""
    known = {t.name for t in synced_tables()}
    for name in files:
        table = name[len(TABLE_DIR) : -len(".jsonl")]
        if name.startswith(TABLE_DIR) and name.endswith(".jsonl") and table not in known:
            raise PayloadError(f"数据包含有本程序不认识的数据表 {name}")
    out = []
    for table in synced_tables():
        data = files.get(table_file(table.name))
        if data is not None:
            out.append(decode_table(table, data, files))
    return out


def json_row(table: Table, row: Mapping[str, Any]) -> Row:
    """A database row as JSON values (the audit trail and the conflict queue keep these);
    binary values become their size. Columns ``row`` lacks are left out."""
    out: Row = {}
    for c in table.columns:
        if c.name not in row:
            continue
        value = row[c.name]
        if value is not None:
            if isinstance(c.type, DateTime):
                value = _datetime_out(value)
            elif isinstance(c.type, Date | Time):
                value = value.isoformat()
            elif isinstance(c.type, LargeBinary):
                value = f"<{len(value)} bytes>"
        out[c.name] = value
    return out


def decode_json_row(table: Table, raw: Mapping[str, Any]) -> Row:
    """JSON values back to database values, for the columns ``raw`` has (binary columns,
    kept only as their size, are left out)."""
    out: Row = {}
    for c in table.columns:
        if c.name not in raw or isinstance(c.type, LargeBinary):
            continue
        decode = _decoder_for(c, {})
        out[c.name] = decode(raw[c.name]) if decode is not None else raw[c.name]
    return out
