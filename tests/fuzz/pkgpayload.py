"""Package fuzz cases about the payload: table files whose header, lines or values are wrong
in every way a JSON-lines file can be, rows of owners or tables the sender may not touch, and
every column of a people row given a value of the wrong type."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from fuzzkit import scale
from pkgcases import Case, MiB, add_line, draft, file_change, rows_of, sealed, set_value
from pkgworld import Draft, frag


def _head(table: str, text: str) -> Callable[[Draft], None]:
    def change(d: Draft) -> None:
        d.heads[table] = text

    return change


def _table_bytes(table: str, edit: Callable[[bytes], bytes]) -> Callable[[Draft], None]:
    """The rendered table file, then changed at the byte level."""

    def change(d: Draft) -> None:
        name = f"tables/{table}.jsonl"
        d.extra_files[name] = edit(d.files()[name])

    return change


def _foreign_rows(table: str, values: dict[str, Any]) -> Callable[[Draft], None]:
    """A table the base lacks, with one row (its columns from the schema)."""

    def change(d: Draft) -> None:
        from yanqun_desktop.db.models import Base

        cols = [c.name for c in Base.metadata.tables[table].columns]
        row = {c: None for c in cols}
        row.update(id=str(uuid.uuid4()), owner="shahe", version=2**52, updated_at="2026-01-01T00:00:00+00:00",
                   updated_by="测试", deleted=False)
        row.update(values)
        head = json.dumps({"table": table, "columns": cols}, ensure_ascii=False)
        d.extra_files[f"tables/{table}.jsonl"] = (head + "\n" + frag([row[c] for c in cols]) + "\n").encode()

    return change


def _duplicate_row(table: str) -> Callable[[Draft], None]:
    def change(d: Draft) -> None:
        d.row_values[table].append(list(d.row_values[table][0]))

    return change


def _same_cohort_number(d: Draft) -> None:
    cols = d.columns("cohorts")
    rows = d.row_values["cohorts"]
    for key in ("kind", "street_id", "number"):
        rows[1][cols.index(key)] = rows[0][cols.index(key)]


def payload_cases() -> list[Case]:
    p = "people"
    big = "长" * (5 * MiB // 3)
    cases: list[Case] = [
        ("payload: header not json", sealed(draft(_head(p, "not json")))),
        ("payload: header a list", sealed(draft(_head(p, "[1,2]")))),
        ("payload: header no columns", sealed(draft(_head(p, '{"table":"people"}')))),
        ("payload: columns a number", sealed(draft(_head(p, '{"table":"people","columns":5}')))),
        ("payload: columns a string", sealed(draft(_head(p, '{"table":"people","columns":"id"}')))),
        ("payload: columns of lists", sealed(draft(_head(p, '{"table":"people","columns":[["id"],"id"]}')))),
        ("payload: columns of numbers", sealed(draft(_head(p, '{"table":"people","columns":[1,2,"id"]}')))),
        ("payload: columns without id", sealed(draft(_head(p, '{"table":"people","columns":["name"]}')))),
        ("payload: column twice", sealed(draft(_head(p, json.dumps({"table": p, "columns": ["id", "id", "name"]}))))),
        ("payload: header of another table", sealed(draft(_head(p, '{"table":"streets","columns":["id"]}')))),
        ("payload: header nested 5000", sealed(draft(_head(p, "[" * 5000 + "]" * 5000)))),
        ("payload: header table a list", sealed(draft(_head(p, '{"table":["people"],"columns":["id"]}')))),
        ("payload: empty file", sealed(draft(file_change("tables/people.jsonl", b"")))),
        ("payload: header only", sealed(draft(_table_bytes(p, lambda b: b.split(b"\n")[0] + b"\n")))),
        ("payload: not utf-8", sealed(draft(_table_bytes(p, lambda b: b + b"\xff\xfe\n")))),
        ("payload: BOM", sealed(draft(_table_bytes(p, lambda b: b"\xef\xbb\xbf" + b)))),
        ("payload: CRLF lines (accepted)", sealed(draft(_table_bytes(p, lambda b: b.replace(b"\n", b"\r\n"))))),
        ("payload: blank lines (accepted)", sealed(draft(_table_bytes(p, lambda b: b.replace(b"\n", b"\n\n"))))),
        ("payload: line not json", sealed(draft(add_line(p, "{not json")))),
        ("payload: row NaN", sealed(draft(add_line(p, "NaN")))),
        ("payload: row an object", sealed(draft(add_line(p, '{"id":"x"}')))),
        ("payload: row a string", sealed(draft(add_line(p, '"row"')))),
        ("payload: row null", sealed(draft(add_line(p, "null")))),
        ("payload: row empty list", sealed(draft(add_line(p, "[]")))),
        ("payload: row nested 100,000", sealed(draft(add_line(p, "[" * 100_000)))),
        ("payload: row too long", sealed(draft(lambda d: d.row_values[p][0].extend(["1"] * 50)))),
        ("payload: note with U+2028 (accepted)", sealed(draft(set_value(p, "note", frag("一\u2028二\u2029三"))))),
        ("payload: note with NEL (accepted)", sealed(draft(set_value(p, "note", frag("一\x85二\x1c三"))))),
        ("payload: name lone surrogate", sealed(draft(set_value(p, "name", '"\\ud800"')))),
        ("payload: note 5 MB", sealed(draft(set_value(p, "note", frag(big))))),
        ("payload: name 5 MB", sealed(draft(set_value(p, "name", frag(big))))),
        ("payload: unknown table", sealed(draft(file_change("tables/secrets.jsonl", b'{"table":"secrets"}\n')))),
        ("payload: audit table", sealed(draft(file_change("tables/audit_changes.jsonl", b'{"table":"x"}\n')))),
        ("payload: a file outside tables/", sealed(draft(file_change("notes/readme.txt", b"hello")))),
        ("payload: owner another street", sealed(draft(rows_of(p, {"owner": "nantou"})))),
        ("payload: owner the district", sealed(draft(rows_of(p, {"owner": "nanshan-district"})))),
        ("payload: owner empty", sealed(draft(rows_of(p, {"owner": ""})))),
        ("payload: down rows of another street",
         sealed(draft(rows_of(p, {"owner": "nantou"}), direction="down"), "down")),
        ("payload: a new street from a street", sealed(draft(_foreign_rows("streets", {
            "code": "evil", "name": "伪造街道", "district_code": "nanshan", "sort_order": 99})))),
        ("payload: a tutor from a street", sealed(draft(_foreign_rows("tutors", {"name": "伪造导师"})))),
        ("payload: a transfer from a street", sealed(draft(_foreign_rows("transfers", {})))),
        ("payload: person alias from a street", sealed(draft(_foreign_rows("person_aliases", {
            "alias_id": str(uuid.uuid4()), "person_id": str(uuid.uuid4())})))),
        ("payload: reference to nobody", sealed(draft(rows_of("attendance", {"person_id": str(uuid.uuid4())})))),
        ("payload: street unknown", sealed(draft(rows_of(p, {"street_id": str(uuid.uuid4())})))),
        ("payload: same id twice", sealed(draft(_duplicate_row(p)))),
        ("payload: same id twice (attendance)", sealed(draft(_duplicate_row("attendance")))),
        ("payload: two cohorts one number", sealed(draft(_same_cohort_number))),
        ("payload: version 0", sealed(draft(rows_of(p, {"version": 0})))),
        ("payload: version negative", sealed(draft(rows_of(p, {"version": -5})))),
        ("payload: version 2**63-1", sealed(draft(rows_of(p, {"version": 2**63 - 1})))),
        ("payload: version 2**63", sealed(draft(rows_of(p, {"version": 2**63})))),
        ("payload: tombstones (accepted)", sealed(draft(rows_of(p, {"deleted": True})))),
        ("payload: attachment missing", sealed(draft(rows_of("documents", {"data": {"$file": "attachments/none"}})))),
        ("payload: attachment not a reference", sealed(draft(rows_of("documents", {"data": "aGVsbG8="})))),
        ("payload: attachment path traversal", sealed(draft(rows_of("documents", {"data": {"$file": "../x"}})))),
        ("payload: date 2026-02-30", sealed(draft(set_value(p, "birth_date", '"2026-02-30"')))),
        ("payload: datetime naive", sealed(draft(rows_of(p, {"updated_at": "2026-01-01T00:00:00"})))),
        ("payload: datetime year 9999 +14:00", sealed(draft(rows_of(p, {"updated_at": "9999-12-31T23:59:59+14:00"})))),
        ("payload: datetime year 1 -14:00", sealed(draft(rows_of(p, {"updated_at": "0001-01-01T00:00:00-14:00"})))),
        ("payload: hours NaN", sealed(draft(set_value("training_sessions", "hours", "NaN")))),
        ("payload: hours 1e308", sealed(draft(set_value("training_sessions", "hours", "1e308")))),
        ("payload: time 25:00", sealed(draft(set_value("training_sessions", "start_time", '"25:00"')))),
        ("payload: hours an object", sealed(draft(set_value("training_sessions", "hours", '{"h":3}')))),
        ("payload: score a list", sealed(draft(set_value("assessment_scores", "score", "[1]")))),
        ("payload: score a string", sealed(draft(set_value("assessment_scores", "score", '"九十"')))),
    ]
    return cases


def people_wrong_types() -> list[Case]:
    """Every column of a people row given a value of the wrong JSON type or size."""
    out: list[Case] = []
    wrong = ("5", '"x"', "true", "[1]", '{"a":1}', "1.5", "null", '"' + "长" * 400 + '"', "-1")
    columns = ("id", "owner", "version", "updated_at", "deleted", "name", "birth_date", "street_id",
               "community_id", "gender", "note", "id_card", "status")
    step = 1 if scale() > 1 else 3  # CI: every third value per column, rotating
    for n, column in enumerate(columns):
        for value in wrong[n % step :: step]:
            out.append((f"people.{column}={value[:12]}", sealed(draft(set_value("people", column, value)))))
    return out


