"""SQL-backed lists for the registry pages: ordered ids for a search/sort/scope, then the
display rows for just the ids on screen. Sorting, filtering and search happen in SQL, so a
page of 100,000 people never loads 100,000 rows (ARCHITECTURE.md, "UI")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database, OrgIdentity
from yanqun_desktop.domain.pinyin import normalize_query
from yanqun_desktop.domain.validation import mask_phone

Formatter = Callable[[Any], str]


def plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def coded(vocabulary: Any) -> Formatter:
    def fmt(value: Any) -> str:
        return vocabulary.label(value) if value in vocabulary else plain(value)

    return fmt


def age(value: Any) -> str:
    if not isinstance(value, dt.date):
        return ""
    today = dt.date.today()
    return str(today.year - value.year - ((today.month, today.day) < (value.month, value.day)))


def masked_phone(value: Any) -> str:
    return mask_phone(value) if value else ""


def percent(value: Any) -> str:
    return "" if value is None else f"{float(value) * 100:.1f}%"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Chinese column header
    expr: ColumnElement[Any]
    fmt: Formatter = plain
    sort_expr: ColumnElement[Any] | None = None  # e.g. pinyin for a name column
    reverse: bool = False  # the expression sorts against the shown value (age ↔ birth date)
    width: int = 100


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    condition: ColumnElement[bool]


@dataclass(frozen=True)
class RegistrySpec:
    """How one page lists its records. ``source`` gives the FROM clause (joins) and
    ``visible`` the rows the install may see; ``search`` turns the search box into SQL."""

    key: str
    title: str
    what: str  # the record's Chinese noun, for messages ("人员", "师资")
    id_column: ColumnElement[str]
    columns: tuple[Column, ...]
    source: Callable[[], FromClause]
    visible: Callable[[OrgIdentity], ColumnElement[bool]]
    search: Callable[[str], ColumnElement[bool]]
    scopes: Callable[[Session, OrgIdentity], list[Scope]] = field(default=lambda s, o: [])
    retired: ColumnElement[bool] | None = None  # rows hidden unless "show retired" is ticked
    # the same as ``~retired`` spelled as an equality, where an index can then give the order
    active: ColumnElement[bool] | None = None
    default_sort: str = ""
    # The street a row belongs to, for the district's 街道 filter (None: the page has no streets)
    street_id: ColumnElement[str | None] | None = None

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass(frozen=True)
class ListQuery:
    search: str = ""
    sort_key: str = ""
    descending: bool = False
    scope: str = ""
    show_retired: bool = False
    street_id: str = ""  # the district looks at one street ("" = all)


def _where(spec: RegistrySpec, db: Database, session: Session, query: ListQuery) -> ColumnElement[bool]:
    org = db.org()
    conditions: list[ColumnElement[bool]] = [spec.visible(org)]
    text = normalize_query(query.search)
    if text:
        conditions.append(spec.search(text))
    if spec.retired is not None and not query.show_retired:
        # Unfiltered, the equality lets an index hand over the rows already in order. With a
        # search, few rows match: finding them through the plain street index and sorting them
        # beats walking the ordered index and visiting every row in name order.
        ordered = spec.active is not None and not text
        conditions.append(spec.active if ordered else ~spec.retired)
    if query.scope:
        scope = next((s for s in spec.scopes(session, org) if s.key == query.scope), None)
        conditions.append(scope.condition if scope else false())
    if query.street_id and spec.street_id is not None:
        conditions.append(spec.street_id == query.street_id)
    return and_(true(), *conditions)


def list_ids(db: Database, spec: RegistrySpec, query: ListQuery) -> list[str]:
    """The ids of every matching row, in display order. Ids only: 100k of them cost ~30 ms."""
    sort_key = query.sort_key or spec.default_sort or spec.columns[0].key
    col = spec.column(sort_key)
    order = col.sort_expr if col.sort_expr is not None else col.expr
    order = order.desc() if query.descending != col.reverse else order.asc()
    with db.session() as s:
        stmt: Select[Any] = (
            select(spec.id_column)
            .select_from(spec.source())
            .where(_where(spec, db, s, query))
            .order_by(order, spec.id_column)
        )
        return list(s.scalars(stmt))


def fetch_rows(db: Database, spec: RegistrySpec, ids: Sequence[str]) -> dict[str, list[str]]:
    """Display strings for the given ids (one query for the visible window)."""
    if not ids:
        return {}
    exprs = [c.expr.label(c.key) for c in spec.columns]
    with db.session() as s:
        stmt = select(spec.id_column, *exprs).select_from(spec.source()).where(spec.id_column.in_(list(ids)))
        rows = s.execute(stmt).all()
    return {row[0]: [c.fmt(v) for c, v in zip(spec.columns, row[1:], strict=True)] for row in rows}


def _prefix(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as a range an index can answer (LIKE 'x%' cannot, on
    SQLite's default case-insensitive LIKE)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def name_search(
    name: ColumnElement[str], pinyin: ColumnElement[str], initials: ColumnElement[str],
    id_card: ColumnElement[str] | None = None,
) -> Callable[[str], ColumnElement[bool]]:
    """Search by name fragment (张), full pinyin prefix (``zhangs``), initials (``zs``) or the
    start of an ID-card number. Letters search only the pinyin keys, which also hold Latin names
    in lower case; so do digits the ID numbers: each is then an indexed range, not a scan."""

    def build(text: str) -> ColumnElement[bool]:
        if text.isascii() and text.isalpha():
            low = text.lower()
            return or_(_prefix(pinyin, low), _prefix(initials, low))
        if id_card is not None and len(text) >= 4 and text[:-1].isdigit() and (text[-1].isdigit() or text[-1] in "xX"):
            return _prefix(id_card, text.upper())
        return name.icontains(text, autoescape=True)

    return build
