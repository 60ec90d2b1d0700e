"""Roster import and export (issue 4, parts 6-7): people, tutors, reserve candidates and cohort
enrolments from the spreadsheets clerks send, with a preview, in one transaction.

``preview_roster`` classifies every row (new / updated with the fields that change /
unchanged / invalid with row, column and reason) and writes nothing; ``import_roster`` does the
same and then writes, all or nothing — unless ``skip_invalid`` — in one unit of work with one
audit operation (a change row per record). Re-importing a file changes nothing and writes no
audit rows. The UI runs these off the GUI thread; nothing here imports Qt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.imports import ImportReport
from yanqun_desktop.services.permissions import Permission, requires
from yanqun_desktop.services.roster.common import Options, Rollback, detect_kind
from yanqun_desktop.services.roster.people import import_people
from yanqun_desktop.services.roster.programmes import import_enrolment, import_reserve, import_tutors
from yanqun_desktop.services.roster.specs import KINDS, RosterKind, roster_kind
from yanqun_desktop.services.uow import unit_of_work
from yanqun_desktop.sheets.headers import HeaderMatch, find_header
from yanqun_desktop.sheets.reading import SheetData, SheetError, read_sheet

__all__ = ["KINDS", "import_roster", "import_sheet", "preview_roster"]

Handler = Callable[..., Any]
HANDLERS: dict[str, Handler] = {
    "people": import_people, "tutors": import_tutors, "reserve": import_reserve, "enrolment": import_enrolment,
}
# Hidden sheets our own templates carry (drop-down lists): not worth a message.
TEMPLATE_SHEETS = {"列表", "填写说明"}


@requires(Permission.EDIT_RECORDS)
def preview_roster(
    db: Database, actor: Actor, path: Path | str, kind: str | None = None, *,
    cohort: str | None = None, street: str | None = None,
) -> ImportReport:
    """What importing the file would do, row by row; nothing is written."""
    return import_roster(db, actor, path, kind, dry_run=True, cohort=cohort, street=street)


@requires(Permission.EDIT_RECORDS)
def import_roster(
    db: Database, actor: Actor, path: Path | str, kind: str | None = None, *,
    dry_run: bool = False, skip_invalid: bool = False, cohort: str | None = None, street: str | None = None,
) -> ImportReport:
    """Import one file. ``kind`` (people|tutors|reserve|enrolment) is detected from the headers
    when None; ``cohort`` names the cohort for enrolment rows without a 期次 column; ``street``
    lets the district import for one street. Status: "dry-run", "refused" (nothing written:
    an unreadable file, or invalid rows without ``skip_invalid``), "applied", or
    "already-applied" (every row already as the file says)."""
    path = Path(path)
    report = ImportReport(file=str(path), kind=kind or "")
    try:
        sheet = read_sheet(path)
    except SheetError as e:
        report.status = "refused"
        report.messages.append(str(e))
        return report
    return import_sheet(db, actor, sheet, report, kind, Options(dry_run, skip_invalid, cohort, street))


def _resolve_kind(sheet: SheetData, kind: str | None) -> tuple[RosterKind, HeaderMatch]:
    if kind is None:
        return detect_kind(sheet)
    spec = roster_kind(kind)
    match = find_header(sheet.rows, spec.fields)
    if match.score == 0:
        raise ServiceError(f"{sheet.path.name}：前 10 行中找不到{spec.label}的表头，请使用导入模板。")
    return spec, match


def import_sheet(
    db: Database, actor: Actor, sheet: SheetData, report: ImportReport, kind: str | None, options: Options
) -> ImportReport:
    try:
        spec, match = _resolve_kind(sheet, kind)
    except (ServiceError, ValueError) as e:
        report.status = "refused"
        report.messages.append(str(e))
        return report
    report.kind = spec.key
    report.header_row = match.row_index + 1
    missing = [c.header for c in spec.columns if c.required and c.key not in match.columns]
    if "name" not in match.columns:
        missing.insert(0, "姓名")
    if missing:
        report.status = "refused"
        report.messages.append(f"{sheet.path.name}：缺少必填列：{'、'.join(dict.fromkeys(missing))}。")
        return report
    if match.extra:
        report.messages.append(f"以下列不属于{spec.label}，已忽略：{'、'.join(match.extra)}")
    if match.duplicates:
        report.messages.append(f"以下列与前面的列重复，已忽略：{'、'.join(match.duplicates)}")
    hidden = [h for h in sheet.hidden_sheets if h not in TEMPLATE_SHEETS]
    if hidden:
        report.messages.append(f"只读取了工作表“{sheet.sheet_name}”；隐藏的工作表未读取：{'、'.join(hidden)}")
    plan: Any = None
    try:
        with unit_of_work(db, actor, "roster.import", f"导入{spec.label}") as work:
            plan = HANDLERS[spec.key](work, sheet, spec, match, report, options)
            if options.dry_run:
                raise Rollback
            if report.invalid and not options.skip_invalid:
                report.status = "refused"
                raise Rollback
            plan.apply(work)
            c = report.counts
            work.summary = f"导入{spec.label}：{sheet.path.name}（新增 {c['new']} 行，更新 {c['updated']} 行）"
    except Rollback:
        pass
    except (ServiceError, PermissionDenied) as e:
        report.status = "refused"
        report.messages.append(str(e))
        return report
    if options.dry_run:
        report.status = "dry-run"
    elif report.status != "refused":
        changed = report.count("new") + report.count("updated")
        report.status = "applied" if changed or report.invalid else "already-applied"
    added = getattr(plan, "new_communities", None)
    if added:
        verb = "已新增" if report.status == "applied" else "将新增"
        report.messages.append(f"{verb}社区：{'、'.join(added)}（标记为“待核实”，由区级确认）")
    return report
