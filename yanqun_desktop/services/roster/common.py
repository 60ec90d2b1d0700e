"""What every roster import shares: reading the file, finding the headers and the kind, turning
a row into cleaned cells, the one transaction (rolled back for a preview or a refusal)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import Community, Street
from yanqun_desktop.domain.validation import ValidationError, ValidationErrors
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.imports import RowIssue
from yanqun_desktop.services.lookup import community_for, resolve_street
from yanqun_desktop.services.roster.specs import KINDS, Column, RosterKind
from yanqun_desktop.sheets.headers import HeaderMatch, find_header
from yanqun_desktop.sheets.normalise import clean_date, clean_id_number, clean_phone, clean_text, looks_masked
from yanqun_desktop.sheets.reading import SheetData

# Field labels validation uses that differ from our column headers.
LABEL_TO_KEY = {
    "姓名": "name", "性别": "gender", "出生日期": "birth_date", "民族": "ethnicity", "政治面貌": "political_status",
    "学历": "education", "身份证号": "id_card", "手机号码": "phone", "社区": "community",
}
MULTI_SPLIT = re.compile(r"[、,，;；/\n]+")


class Rollback(Exception):
    """Raised inside the unit of work to leave nothing written (preview, refusal)."""


@dataclass
class Options:
    dry_run: bool = False
    skip_invalid: bool = False
    cohort: str | None = None  # enrolment: the cohort for rows without a 期次 column
    street: str | None = None  # the district acting for one street


def detect_kind(sheet: SheetData) -> tuple[RosterKind, HeaderMatch]:
    """The kind whose headers the sheet matches best; a distinctive column (储备方向, 期次,
    导师类型 ...) decides between kinds that share 姓名 and 身份证号."""
    best: tuple[int, int, RosterKind, HeaderMatch] | None = None
    for kind in KINDS.values():
        m = find_header(sheet.rows, kind.fields)
        distinctive = sum(1 for k in kind.distinctive if k in m.columns)
        if kind.distinctive and not distinctive:
            continue  # e.g. a people list is not a reserve list just because it has 姓名
        score = (distinctive, m.score)
        if best is None or score > best[:2]:
            best = (*score, kind, m)
    if best is None or best[3].score == 0:
        raise ServiceError(f"{sheet.path.name}：前 10 行中找不到表头（如“姓名”“身份证号”），请使用导入模板。")
    return best[2], best[3]


def header_for(kind: RosterKind, match: HeaderMatch, key: str) -> str:
    """The column as the clerk's sheet names it (our header when the sheet lacks it)."""
    if key in match.headers:
        return match.headers[key]
    try:
        return kind.column(key).header
    except StopIteration:
        return key


def issues_from(kind: RosterKind, match: HeaderMatch, error: Exception) -> list[RowIssue]:
    errors: Sequence[ValidationError]
    if isinstance(error, ValidationErrors):
        errors = error.errors
    elif isinstance(error, ValidationError):
        errors = [error]
    else:
        return [RowIssue("", str(error))]
    out = []
    for e in errors:
        key = LABEL_TO_KEY.get(e.field) or next((c.key for c in kind.columns if c.header == e.field), None)
        out.append(RowIssue(header_for(kind, match, key) if key else e.field, e.message))
    return out


@dataclass
class Row:
    """One data row: cleaned cell values by field key (blank cells absent), and its issues."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[RowIssue] = field(default_factory=list)
    masked: set[str] = field(default_factory=set)  # keys whose cell was masked: keep the stored value


def data_rows(sheet: SheetData, kind: RosterKind, match: HeaderMatch) -> Iterator[Row]:
    """The rows below the header, blank rows skipped, each cell cleaned by its column kind.

    A 10,000-row file holds 120,000 cells, most of them repeats (汉族, 中共党员, a community),
    so each column keeps the cleaned value of every text it has seen."""
    columns = [(kind.column(k), i, match.headers[k], {}) for k, i in match.columns.items()]
    for index in range(match.row_index + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        row = Row(sheet.row_number(index))
        for col, i, header, seen in columns:
            raw = cells[i] if i < len(cells) else None
            if raw is None or raw == "":
                continue
            try:
                value = seen[raw]
            except (KeyError, TypeError):  # TypeError: unhashable, never from calamine or csv
                try:
                    value = clean_cell(col, raw)
                except ValidationError as e:
                    row.issues.append(RowIssue(header, e.message))
                    continue
                if col.kind not in ("id", "phone", "date") and isinstance(raw, str):
                    seen[raw] = value
            if col.kind in ("id", "phone") and isinstance(value, str) and looks_masked(value):
                row.masked.add(col.key)
                continue
            if value != "" and value is not None and value != []:
                row.values[col.key] = value
        if not row.values and not row.issues and not row.masked:
            continue  # blank, or only cells of ignored columns: not a row of ours
        yield row


def clean_cell(col: Column, raw: Any) -> Any:
    if col.kind == "date":
        return clean_date(raw, col.header)
    if col.kind == "id":
        return clean_id_number(raw, col.header)
    if col.kind == "phone":
        return clean_phone(raw)
    if col.kind == "multi":
        parts = [p.strip() for p in MULTI_SPLIT.split(clean_text(raw)) if p.strip()]
        return list(dict.fromkeys(parts))
    text = clean_text(raw)
    if len(text) > col.max_len:
        raise ValidationError(col.header, f"{col.header}过长（最多 {col.max_len} 字）")
    return text


def community_name(text: str) -> str:
    """As ``lookup.community_for`` spells it: no spaces, ending in 社区."""
    clean = text.strip().replace(" ", "")
    return clean if clean.endswith("社区") or not clean else clean + "社区"


class Communities:
    """The street's communities by name, loaded once; a name the street has not seen is added
    by ``community_for`` (待核实, for the district to confirm) the first time a valid row needs it."""

    def __init__(self, session: Session, actor: Actor, street_id: str) -> None:
        self.session, self.actor, self.street_id = session, actor, street_id
        self.added: list[str] = []
        rows = session.execute(
            select(Community.name, Community.id).where(Community.street_id == street_id, ~Community.deleted)
        )
        self.ids: dict[str, str] = {name: id_ for name, id_ in rows}

    def known(self, name: str) -> bool:
        return community_name(name) in self.ids

    def id_for(self, name: str) -> str:
        clean = community_name(name)
        if clean not in self.ids:
            self.ids[clean] = community_for(self.session, self.actor, self.street_id, clean).id
            self.added.append(clean)
        return self.ids[clean]


def acting_street(session: Session, actor: Actor, options: Options) -> Street:
    """The street the import writes for: the actor's own, or the one the district names."""
    if options.street:
        street = resolve_street(session, options.street)
        if not actor.is_district and street.code != actor.org_code:
            raise ServiceError("街道只能导入本街道的名单。")
        return street
    street = session.scalar(select(Street).where(Street.code == actor.org_code))
    if street is None:
        raise ServiceError("区级导入名单时须指定街道（--street）。")
    return street
