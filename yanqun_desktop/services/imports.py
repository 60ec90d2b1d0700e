"""The shape every spreadsheet import reports: one outcome per data row, then totals.

Roster imports and sign-in sheet imports share it, so the preview screen, the error
workbook and the CLI's ``--json`` object (CLI.md) look the same for both."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

RowStatus = Literal["new", "updated", "unchanged", "invalid"]
ImportStatus = Literal["applied", "already-applied", "refused", "dry-run", "conflicts"]

STATUS_LABELS: dict[str, str] = {"new": "新增", "updated": "更新", "unchanged": "无变化", "invalid": "有误"}


@dataclass(frozen=True)
class RowIssue:
    """What is wrong with one cell (or the row, when ``column`` is empty)."""

    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.column}：{self.message}" if self.column else self.message


@dataclass
class RowOutcome:
    row: int  # the spreadsheet row number the clerk sees
    status: RowStatus
    label: str  # who or what the row is about, e.g. the person's name
    issues: list[RowIssue] = field(default_factory=list)
    changed_fields: list[str] = field(default_factory=list)  # for "updated": which fields change
    record_id: str | None = None  # the matched or created record

    @property
    def reason(self) -> str:
        return "；".join(str(i) for i in self.issues)

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row, "status": self.status, "label": self.label,
            "issues": [{"column": i.column, "message": i.message} for i in self.issues],
            "changed_fields": self.changed_fields,
        }


@dataclass
class ImportReport:
    file: str
    kind: str
    status: ImportStatus = "dry-run"
    rows: list[RowOutcome] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # file-level notes (ignored columns, hidden sheets ...)
    header_row: int | None = None  # the spreadsheet row the headers were found on (roster imports)

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def invalid(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.status == "invalid"]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": self.count("new"), "updated": self.count("updated"), "unchanged": self.count("unchanged"),
            "conflicts": 0, "rejected": self.count("invalid"),
        }

    def summary(self) -> str:
        c = self.counts
        return f"新增 {c['new']} 行，更新 {c['updated']} 行，无变化 {c['unchanged']} 行，有误 {c['rejected']} 行"

    def as_json(self, *, with_rows: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.file, "kind": self.kind, "status": self.status, "counts": self.counts,
            "messages": self.messages,
        }
        if with_rows:
            data["rows"] = [r.as_json() for r in self.rows if r.status != "unchanged"]
        return data
