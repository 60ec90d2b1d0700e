"""The printed sign-in sheet (签到表.pdf): the session's roll with a blank column to sign in.

Rows are tall (about 11 mm) so a signature fits; the table splits across pages with its header
row repeated, and every page carries the street, the session and "第 N 页 共 M 页". The same
codes as the workbook are printed, so the clerk can type the result in afterwards. No ID
numbers or phones."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.fonts import FontSet, font_set
from yanqun_desktop.reports.pdf_parts import (
    GRID_COLOUR,
    HEAD_FILL,
    GroupStart,
    Margins,
    PageHeader,
    StreamingDocTemplate,
    Typesetter,
    numbered_canvas,
    write_atomically,
)
from yanqun_desktop.services.signin_roster import SigninRoster, load_signin_roster

log = logging.getLogger(__name__)

# Narrower than the archive's GB/T 9704 margins: a sign-in sheet is a working form, and more
# rows per page means fewer sheets passed round the room.
MARGINS = Margins(top=27 * mm, bottom=24 * mm, left=18 * mm, right=18 * mm)
ROW_HEIGHT = 11 * mm
# (header, width in mm, cell style); the widths add up to the frame's 174 mm.
COLUMNS = (("序号", 12, "cell_center"), ("编码", 19, "cell_center"), ("姓名", 28, "cell"),
           ("所属社区", 39, "cell"), ("签名", 52, "cell"), ("备注", 24, "cell"))
PAD_TOP, PAD_BOTTOM = 3, 3


@dataclass
class SigninPdfResult:
    path: Path | None
    pages: int
    people: int
    missing_chars: list[str] = field(default_factory=list)  # characters no font could draw
    warnings: list[str] = field(default_factory=list)
    data: bytes | None = None


def _details(ts: Typesetter, roster: SigninRoster, width: float) -> Table:
    """The session's facts, two to a line, without rules; the cohorts (a long line) span the width."""
    lines = roster.detail_lines()
    wide = [x for x in lines if x.startswith("班次：")]
    short = [x for x in lines if x not in wide]
    rows: list[list[Any]] = [[ts.p(x, "body") for x in short[i:i + 2]] for i in range(0, len(short), 2)]
    rows += [[ts.p(x, "body")] for x in wide]
    rows = [r + [""] * (2 - len(r)) for r in rows]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), ts.fonts.body),  # the blank filler cells too: no stray Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    commands += [("SPAN", (0, i), (1, i)) for i, r in enumerate(rows) if r[1] == ""]
    t = Table(rows, colWidths=[width * 0.55, width * 0.45], hAlign="LEFT")
    t.setStyle(TableStyle(commands))
    return t


def _roll_table(ts: Typesetter, roster: SigninRoster) -> Table:
    widths = [w * mm for _, w, _ in COLUMNS]
    # A spacer in the 签名 cell holds each row at least ROW_HEIGHT tall; a long community name
    # may still make a row taller, never clipped.
    tall = ROW_HEIGHT - PAD_TOP - PAD_BOTTOM
    data: list[list[Any]] = [[ts.p(h, "cell_head") for h, _, _ in COLUMNS]]
    for r in roster.rows:
        values = [str(r.number), r.code, r.name, r.community]
        cells: list[Any] = [ts.p(v, COLUMNS[i][2]) for i, v in enumerate(values)]
        cells += [Spacer(1, tall), ts.p("旁听" if r.is_guest else "", "cell")]
        data.append(cells)
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ts.fonts.body),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return t


def _story(ts: Typesetter, roster: SigninRoster, width: float, printed_on: dt.date) -> list[Flowable]:
    right = "、".join(roster.cohorts) or roster.kind_label
    header = PageHeader(roster.street, right, f"打印日期：{printed_on.isoformat()}")
    title = ts.styles["title"].clone("signin_title", fontSize=18, leading=26, spaceAfter=3 * mm)
    ts.styles.setdefault("signin_title", title)
    story: list[Flowable] = [
        GroupStart(roster.session_id, header),
        ts.p(f"{roster.title}\n签到表", "signin_title"),
        _details(ts, roster, width),
        Spacer(1, 4 * mm),
    ]
    if roster.rows:
        story.append(_roll_table(ts, roster))
    else:
        story.append(ts.p("本次活动的班次名单中没有学员。", "body"))
    story += [
        Spacer(1, 6 * mm),
        ts.p(f"应到 {sum(1 for r in roster.rows if not r.is_guest)} 人　　实到 ______ 人　　"
             "请假 ______ 人　　记录人：______________", "body"),
    ]
    return story


def _render(db: Database, session_id: str, out: Any, fonts: FontSet | None) -> SigninPdfResult:
    roster = load_signin_roster(db, session_id)
    fonts = fonts or font_set()
    ts = Typesetter(fonts)
    doc_missing: set[str] = set()
    doc = StreamingDocTemplate(out, margins=MARGINS, title=f"{roster.title} 签到表", author="雁群",
                               creator="雁群 yanqun", subject="签到表")
    story = _story(ts, roster, doc.width, dt.date.today())
    doc.build(story, canvasmaker=numbered_canvas(fonts, MARGINS, missing=doc_missing))
    canvas = getattr(doc, "canv", None)
    pages = int(getattr(canvas, "page_count", 0) or doc.page)
    missing = sorted(ts.missing | doc_missing)
    if missing:
        log.warning("sign-in sheet: %d character(s) have no glyph in any font", len(missing))
    return SigninPdfResult(None, pages, len(roster.rows), missing, fonts.warnings)


def write_signin_pdf(db: Database, session_id: str, out_path: str | os.PathLike[str], *,
                     fonts: FontSet | None = None) -> SigninPdfResult:
    """Write the session's printable sign-in sheet to ``out_path`` (temp file, then replace)."""
    holder: list[SigninPdfResult] = []
    path = write_atomically(out_path, lambda tmp: holder.append(_render(db, session_id, tmp, fonts)))
    result = holder[0]
    result.path = path
    return result


def signin_pdf_bytes(db: Database, session_id: str, *, fonts: FontSet | None = None) -> bytes:
    """The sheet in memory, for an in-app preview."""
    buf = io.BytesIO()
    _render(db, session_id, buf, fonts)
    return buf.getvalue()
