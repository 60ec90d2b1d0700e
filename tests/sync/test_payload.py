"""Rows ⇄ JSON-lines payload files: types, determinism, attachments, older schemas."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from yanqun_desktop.db.models import Base
from yanqun_desktop.sync.payload import PayloadError, decode_files, encode_rows, synced_tables

NOW = dt.datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)


def _row(table: str, **values: object) -> dict[str, object]:
    t = Base.metadata.tables[table]
    row = {c.name: None for c in t.columns}
    row.update(owner="shahe", version=7, updated_at=NOW, updated_by="王小红", deleted=False, **values)
    return row


def test_types_round_trip_and_attachments_travel_as_files() -> None:
    person = _row(
        "people",
        id="p1",
        street_id="s1",
        name="张三",
        name_pinyin="",
        name_initials="",
        name_sort="",
        birth_date=dt.date(1990, 5, 6),
        status="active",
    )
    photo = _row("person_photos", id="f1", person_id="p1", mime_type="image/png", sha256="x", data=b"\x89PNG\x00\xff")
    session = _row(
        "training_sessions",
        id="t1",
        kind="lecture",
        title="课",
        date=dt.date(2026, 1, 2),
        start_time=dt.time(9, 30),
        hours=1.5,
    )
    files, counts = encode_rows({"people": [person], "person_photos": [photo], "training_sessions": [session]})
    assert counts == {"people": 1, "person_photos": 1, "training_sessions": 1}
    attachment = [name for name in files if name.startswith("attachments/")]
    assert len(attachment) == 1 and files[attachment[0]] == b"\x89PNG\x00\xff"
    lines = files["tables/people.jsonl"].decode("utf-8").splitlines()
    assert json.loads(lines[0])["table"] == "people" and "张三" in lines[1]
    assert "2026-03-01T08:30:15.123456+00:00" in lines[1]
    decoded = {d.table.name: d for d in decode_files(files)}
    assert decoded["people"].rows[0] == person
    assert decoded["person_photos"].rows[0]["data"] == b"\x89PNG\x00\xff"
    assert decoded["person_photos"].raw[0]["data"] == "<6 bytes>"  # the audit keeps a size, not the bytes
    assert decoded["training_sessions"].rows[0] == session


def test_same_rows_same_bytes_in_dependency_order() -> None:
    a = [_row("positions", id=f"id{i}", person_id="p", title="t") for i in (3, 1, 2)]
    first, _ = encode_rows({"positions": a})
    second, _ = encode_rows({"positions": list(reversed(a))})
    assert first == second
    names = [t.name for t in synced_tables()]
    assert names.index("streets") < names.index("people") < names.index("positions")
    assert names.index("training_sessions") < names.index("attendance")


def test_missing_columns_take_defaults_and_unknown_tables_refuse() -> None:
    files = {
        "tables/positions.jsonl": (
            '{"table":"positions","columns":["id","owner","version","updated_at","updated_by","person_id","title"]}\n'
            '["a","shahe",1,"2026-01-01T00:00:00+00:00","x","p","书记"]\n'
        ).encode()
    }
    [d] = decode_files(files)
    assert d.rows[0]["deleted"] is False and d.rows[0]["end_date"] is None
    with pytest.raises(PayloadError, match="不认识"):
        decode_files({"tables/secrets.jsonl": b"{}"})


@pytest.mark.parametrize(
    "lines",
    [
        ['["a"] ["b"]'],  # two values on one line
        ['[["a"]', '["b"]]'],  # one value over two lines (the joined text would parse)
        [' ["a"]'],  # whitespace around a line's value
        ['["a"', '"b"]'],
    ],
)
def test_a_line_that_is_not_one_value_is_refused_naming_it(lines: list[str]) -> None:
    good = encode_rows({"positions": [_row("positions", id="x1", person_id="p", title="t")]})[0]
    text = good["tables/positions.jsonl"].decode("utf-8").splitlines()
    files = {"tables/positions.jsonl": "\n".join([text[0], text[1], *lines]).encode("utf-8")}
    with pytest.raises(PayloadError, match="positions 第 3 行无法读取"):
        decode_files(files)
