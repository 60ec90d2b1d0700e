"""Finding the header row of a clerk's sheet and which column holds which field.

Clerks' sheets put a title (“沙河街道2024年社区人才名单”) and a blank line or two above the
headers, order columns as they like, name them with the synonyms in use in their office
(名字, 联系电话, 文化程度 ...), add columns of their own (序号, 籍贯) and mark required ones
with an asterisk. The header row is the row among the first ``SCAN_ROWS`` that matches the
most known headers; unknown columns are reported so the clerk sees what was ignored."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SCAN_ROWS = 10
# Decorations around a header: required markers, notes in brackets (出生日期（年-月-日）).
_DECORATION = re.compile(r"[*＊※★]|[（(【\[][^)）】\]]*[)）】\]]")
_DROP = re.compile(r"[\s:：_\-—/、.]+")


def header_key(text: Any) -> str:
    """The comparable form of a header cell: half-width, no decorations, no spaces or
    separators, lower case ("* 身份证号码（必填）" → "身份证号码")."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = _DECORATION.sub("", s)
    return _DROP.sub("", s).casefold()


@dataclass(frozen=True)
class HeaderField:
    """A field a sheet may hold: its key, the header our templates write, and synonyms."""

    key: str
    header: str
    synonyms: tuple[str, ...] = ()

    def header_keys(self) -> set[str]:
        return {header_key(self.header), *(header_key(s) for s in self.synonyms)}


@dataclass
class HeaderMatch:
    row_index: int  # 0-based index in SheetData.rows
    columns: dict[str, int]  # field key -> 0-based column index
    headers: dict[str, str]  # field key -> the header text as written in the sheet
    extra: list[str] = field(default_factory=list)  # headers of columns nobody reads
    duplicates: list[str] = field(default_factory=list)  # a field named by two columns

    @property
    def score(self) -> int:
        return len(self.columns)


def match_row(row: Sequence[Any], fields: Iterable[HeaderField], row_index: int = 0) -> HeaderMatch:
    lookup: dict[str, HeaderField] = {}
    for f in fields:
        for k in f.header_keys():
            lookup.setdefault(k, f)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    extra: list[str] = []
    duplicates: list[str] = []
    for i, cell in enumerate(row):
        key = header_key(cell)
        if not key:
            continue
        f = lookup.get(key)
        if f is None:
            extra.append(str(cell).strip())
        elif f.key in columns:
            duplicates.append(str(cell).strip())
        else:
            columns[f.key] = i
            headers[f.key] = str(cell).strip()
    return HeaderMatch(row_index, columns, headers, extra, duplicates)


def find_header(rows: Sequence[Sequence[Any]], fields: Sequence[HeaderField], scan: int = SCAN_ROWS) -> HeaderMatch:
    """The best-matching row among the first ``scan`` rows (the earliest one on a tie);
    a match with no known column at all has ``score`` 0."""
    best = HeaderMatch(0, {}, {})
    for i, row in enumerate(rows[:scan]):
        m = match_row(row, fields, i)
        if m.score > best.score:
            best = m
    return best
