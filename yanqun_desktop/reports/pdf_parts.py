"""The page furniture every printed document shares (growth archive, sign-in sheet ...).

- A4 with margins after GB/T 9704 (党政机关公文格式): top 37 mm, bottom 35 mm, left 28 mm,
  right 26 mm; the header (street on the left, studio or cohort on the right) and the footer
  ("第 N 页 共 M 页") sit inside those margins.
- Page numbers are per *group*: a document is one or more groups (one per person in a cohort
  archive), each started by a ``GroupStart`` flowable; ``NumberedCanvas`` holds the pages back
  and numbers them when the document is saved, so "共 M 页" is the group's own page count.
- ``Typesetter`` turns plain text into paragraphs with 禁则 line breaking and per-character font
  fallback, and collects the characters no font has.
- ``StreamingDocTemplate`` lays out a story that is produced while it is laid out (a batch of
  300 archives is read person by person, so progress and cancel work during the whole run).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from yanqun_desktop.reports.fonts import FontSet
from yanqun_desktop.reports.text import CJKParagraph


@dataclass(frozen=True)
class Margins:
    top: float = 37 * mm
    bottom: float = 35 * mm
    left: float = 28 * mm
    right: float = 26 * mm


GBT9704 = Margins()
RULE_COLOUR = colors.HexColor("#7a1f1f")  # the red rule of official papers, toned down for office printers
GRID_COLOUR = colors.HexColor("#555555")
HEAD_FILL = colors.HexColor("#ececec")


class Cancelled(Exception):
    """The caller cancelled a document build; nothing was written under the final name."""

    def __init__(self) -> None:
        super().__init__("已取消：没有生成文件")


# -- text -------------------------------------------------------------------------------------
def make_styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    """Sizes follow Chinese type sizes: 小一 24, 二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5, 小五 9."""
    hei, song = fonts.title, fonts.body
    base = ParagraphStyle("body", fontName=song, fontSize=10.5, leading=17, alignment=TA_JUSTIFY, wordWrap="CJK")
    return {
        "body": base,
        "cover_title": ParagraphStyle("cover_title", parent=base, fontName=hei, fontSize=30, leading=40,
                                      alignment=TA_CENTER, spaceAfter=6 * mm),
        "title": ParagraphStyle("title", parent=base, fontName=hei, fontSize=22, leading=30, alignment=TA_CENTER,
                                spaceAfter=4 * mm),
        "h1": ParagraphStyle("h1", parent=base, fontName=hei, fontSize=14, leading=20, spaceBefore=5 * mm,
                             spaceAfter=2.5 * mm, alignment=TA_LEFT, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=base, fontName=hei, fontSize=11, leading=16, spaceBefore=2 * mm,
                             spaceAfter=1.5 * mm, alignment=TA_LEFT, keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10, leading=14, alignment=TA_LEFT),
        "cell_center": ParagraphStyle("cell_center", parent=base, fontSize=10, leading=14, alignment=TA_CENTER),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontName=hei, fontSize=10, leading=14,
                                    alignment=TA_CENTER),
        "cover_line": ParagraphStyle("cover_line", parent=base, fontSize=16, leading=26, alignment=TA_LEFT),
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=13, textColor=colors.HexColor("#444444")),
    }


@dataclass
class Typesetter:
    """Fonts, styles and the characters no font could draw, for one document."""

    fonts: FontSet
    styles: dict[str, ParagraphStyle] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.styles:
            self.styles = make_styles(self.fonts)

    def _plain(self, text: str, style: str, width: float) -> bool:
        return _plain_ok(self, text, style, width)

    def chains_has(self, ch: str, style: ParagraphStyle) -> bool:
        return self.fonts.chains[self.role_of(style)].face_for(ch) is not None

    def role_of(self, style: ParagraphStyle) -> str:
        return "title" if style.fontName == self.fonts.title and self.fonts.title != self.fonts.body else "body"

    def p(self, text: str, style: str = "body", *, missing: set[str] | None = None) -> CJKParagraph:
        """A paragraph of plain text (escaped here; newlines kept)."""
        st = self.styles[style]
        sink = self.missing if missing is None else missing
        return CJKParagraph(self.fonts.markup(text, self.role_of(st), sink), st)

    def table(self, rows: list[list[str]], widths: list[float], *, header: bool = True,
              styles: list[str] | None = None, extra: list[tuple[Any, ...]] | None = None) -> Table:
        """A ruled table of plain-text cells that wraps inside its cells and splits across pages
        (the header row repeats; a very tall row splits too)."""
        cell_styles = styles or ["cell"] * len(widths)
        data = []
        plain: list[tuple[Any, ...]] = []
        for r, row in enumerate(rows):
            if header and r == 0:
                data.append([self.p(c, "cell_head") for c in row])
                continue
            cells: list[Any] = []
            for i, c in enumerate(row):
                if isinstance(c, str) and self._plain(c, cell_styles[i], widths[i] - 8):
                    # a short one-line cell is drawn as a string: no paragraph to parse and wrap
                    cells.append(c)
                    st = self.styles[cell_styles[i]]
                    plain.append(("FONTNAME", (i, r), (i, r), st.fontName))
                    if st.alignment == TA_CENTER:
                        plain.append(("ALIGN", (i, r), (i, r), "CENTER"))
                else:
                    cells.append(self.p(c, cell_styles[i]) if isinstance(c, str) else c)
            data.append(cells)
        t = Table(data, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1, hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.body),  # empty cells too: no stray Helvetica
            ("FONTSIZE", (0, 0), (-1, -1), self.styles["cell"].fontSize),
            ("LEADING", (0, 0), (-1, -1), self.styles["cell"].leading),
            *plain,
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
        t.setStyle(TableStyle(commands + (extra or [])))
        return t


def _plain_ok(ts: Typesetter, text: str, style: str, width: float) -> bool:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    st = ts.styles[style]
    if not text or "\n" in text or len(text) > 40:
        return False
    runs = ts.fonts.runs(text, ts.role_of(st))
    return (len(runs) == 1 and runs[0][0] == st.fontName and text.isprintable()
            and stringWidth(text, st.fontName, st.fontSize) <= width
            and all(ts.chains_has(ch, st) for ch in text))


def signature_block(ts: Typesetter, roles: Iterable[str], width: float) -> Table:
    """Lines to sign, e.g. 学员（签名）____ 日期：____年__月__日, one role a row."""
    st = ts.styles["body"]
    rows = []
    for role in roles:
        rows.append([ts.p(role + "：", "body"), "", ts.p("日期：______年____月____日", "body")])
    sign_w = width * 0.32
    t = Table(rows, colWidths=[width * 0.30, sign_w, width * 0.38], rowHeights=[st.leading * 2.4] * len(rows),
              hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ts.fonts.body),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),  # the line to sign on
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (1, 0), (1, -1), 6 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


# -- page groups and numbering --------------------------------------------------------------------
@dataclass(frozen=True)
class PageHeader:
    left: str  # e.g. 沙河街道
    right: str  # e.g. 沙河街道书记工作室第一期
    footer_note: str = ""  # small text beside the page number, e.g. 打印日期


class GroupStart(Flowable):
    """Zero-size marker: the pages from here on are a new numbering group with this header."""

    def __init__(self, key: Any, header: PageHeader) -> None:
        super().__init__()
        self.key, self.header = key, header

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        setattr(self.canv, "page_group", (self.key, self.header))  # noqa: B010 - a NumberedCanvas attribute


class Checkpoint(Flowable):
    """Zero-size marker at the end of a unit of work (a person): reports progress, checks cancel."""

    def __init__(self, on_reach: Callable[[], None]) -> None:
        super().__init__()
        self.on_reach = on_reach

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.on_reach()


def numbered_canvas(fonts: FontSet, margins: Margins = GBT9704, missing: set[str] | None = None) -> type[Canvas]:
    """A canvas class that draws the header and "第 N 页 共 M 页" on save, counting per group."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = fonts.body  # no stray non-embedded Helvetica
            super().__init__(*args, **kwargs)
            self.page_group: tuple[Any, PageHeader] | None = None
            self._held: list[tuple[dict[str, Any], tuple[Any, PageHeader] | None]] = []

        def showPage(self) -> None:
            self._held.append((dict(self.__dict__), self.page_group))
            self._startPage()

        def save(self) -> None:
            totals = Counter(g[0] if g else None for _, g in self._held)
            seen: Counter[Any] = Counter()
            for state, group in self._held:
                self.__dict__.update(state)
                key = group[0] if group else None
                seen[key] += 1
                self._decorate(seen[key], totals[key], group[1] if group else None)
                Canvas.showPage(self)
            Canvas.save(self)

        @property
        def page_count(self) -> int:
            return len(self._held)

        def _decorate(self, n: int, total: int, header: PageHeader | None) -> None:
            w, h = self._pagesize
            top = h - margins.top + 6 * mm
            self.saveState()
            if header is not None:
                fonts.draw_string(self, margins.left, top + 1.6 * mm, header.left, 9, missing=missing)
                fonts.draw_string(self, w - margins.right, top + 1.6 * mm, header.right, 9, align="right",
                                  missing=missing)
                self.setStrokeColor(RULE_COLOUR)
                self.setLineWidth(0.8)
                self.line(margins.left, top, w - margins.right, top)
            y = margins.bottom - 14 * mm
            fonts.draw_string(self, w / 2, y, f"第 {n} 页 共 {total} 页", 10.5, align="center")
            if header is not None and header.footer_note:
                fonts.draw_string(self, w - margins.right, y, header.footer_note, 8, align="right", missing=missing)
            self.restoreState()

    return NumberedCanvas


class StreamingDocTemplate(BaseDocTemplate):
    """Lays out ``first`` and then, as the story runs short, the chunks ``more`` yields."""

    def __init__(self, out: Any, *, more: Iterator[list[Flowable]] | None = None,
                 margins: Margins = GBT9704, pagesize: tuple[float, float] = A4, **kw: Any) -> None:
        super().__init__(out, pagesize=pagesize, leftMargin=margins.left, rightMargin=margins.right,
                         topMargin=margins.top, bottomMargin=margins.bottom, **kw)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._more = more
        self._story: list[Flowable] | None = None

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        self._story = flowables  # refilled in place while reportlab consumes it
        super().build(flowables, *args, **kwargs)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        # reportlab also passes its own list of hanging page-begin actions here: leave that alone
        if self._more is not None and flowables is self._story and len(flowables) <= 1:
            for chunk in self._more:
                flowables.extend(chunk)
                break
            else:
                self._more = None
        super().handle_flowable(flowables)


def write_atomically(out: str | os.PathLike[str], build: Callable[[Any], None]) -> Path:
    """Run ``build`` on a temporary file beside ``out`` and move it into place only when it
    succeeded; on any error (a cancel too) the temporary file is removed."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        build(tmp_name)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return target
