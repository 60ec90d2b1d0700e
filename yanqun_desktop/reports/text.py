"""Chinese line breaking for reportlab paragraphs (禁则 / kinsoku).

reportlab's CJK wrap breaks anywhere and only hangs one closing mark into the margin, so ，；：！？
”’》）… and a second closing mark (。” or ……) can start a line, and “ ‘ 《 （ can end one. Here a
line never starts with a closing mark and never ends with an opening one: when the natural break
point is forbidden, characters move to the next line (nothing hangs into the margin, so nothing
overflows). Latin words and numbers are not split either (2022年, 13.5 学时, Python); a run
longer than the line is cut as a last resort so the text always fits.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

# Closing punctuation (GB/T 15834; W3C clreq): never at the start of a line.
CANNOT_START = frozenset(
    "，。、；：！？）》」』】〕〉〗〙｝］”’…‥·・—–～％‰℃°′″ー々〃"
    "!),.:;?]}%"
    "\uff09\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff05"
)
# Opening punctuation and prefixes: never at the end of a line.
CANNOT_END = frozenset("“‘（《「『【〔〈〖〘｛［([{￥$＄£")
# Pairs that stay together (a dash or ellipsis is two characters wide: —— ……).
INSEPARABLE = frozenset("—…")


def _wordish(ch: str) -> bool:
    """Part of a Latin word or a number: ASCII, not a space."""
    return ch.isascii() and not ch.isspace() and ch not in "([{"


def break_allowed(prev: str, nxt: str) -> bool:
    """May a line end after ``prev`` with ``nxt`` starting the next line?"""
    if nxt in CANNOT_START or prev in CANNOT_END:
        return False
    if prev == nxt and prev in INSEPARABLE:
        return False
    return not (_wordish(prev) and _wordish(nxt))


def _width(u: Any, max_width: float) -> float:
    w = u.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


class _Piece(str):
    """A character (or a whole frag on the fast path) with its frag and width, as reportlab's
    ``cjkU`` but with the width given: widths come from a cache, not one stringWidth per char."""

    frag: Any
    width: float

    def __new__(cls, value: str, frag: Any, width: float) -> _Piece:
        self = str.__new__(cls, value)
        self.frag, self.width = frag, width
        return self


_widths: dict[tuple[str, str, float], float] = {}


def _char_width(ch: str, font: str, size: float) -> float:
    key = (ch, font, size)
    w = _widths.get(key)
    if w is None:
        w = _widths[key] = stringWidth(ch, font, size)
    return w


def _pieces(frags: list[Any]) -> list[Any]:
    chars: list[Any] = []
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        if not text or hasattr(f, "cbDefn"):
            chars.append(cjkU(text, f, "utf8"))  # images, <br/> and empty frags: reportlab's own way
            continue
        font, size = f.fontName, f.fontSize
        chars.extend(_Piece(t, f, _char_width(t, font, size)) for t in text)
    return chars


def _fits_on_one_line(frags: list[Any], max_width: float) -> list[Any] | None:
    """Most table cells are short: when the whole text fits, one piece per frag, no breaking."""
    pieces = []
    total = 0.0
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        if hasattr(f, "lineBreak") or hasattr(f, "cbDefn") or not text:
            return None
        w = stringWidth(text, f.fontName, f.fontSize)
        total += w
        if total > max_width + _FUZZ:
            return None
        pieces.append(_Piece(text, f, w))
    return pieces


def kinsoku_split(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> Any:
    """reportlab's ``cjkFragSplit`` with 禁则: the same line objects, better break points."""
    one = _fits_on_one_line(frags, max_widths[0])
    if one is not None:
        used = sum(p.width for p in one)
        return ParaLines(kind=1, lines=[makeCJKParaLine(one, max_widths[0], used, max_widths[0] - used, False,
                                                        calc_bounds)])
    chars = _pieces(frags)
    lines: list[Any] = []
    n = len(chars)
    start = i = 0
    used = 0.0
    max_width = max_widths[0]

    def next_width() -> float:
        return max_widths[len(lines)] if len(lines) < len(max_widths) else max_widths[-1]

    while i < n:
        u = chars[i]
        if hasattr(u.frag, "lineBreak"):  # <br/>
            lines.append(makeCJKParaLine(chars[start:i + 1], max_width, used, max_width - used, True, calc_bounds))
            i = start = i + 1
            used, max_width = 0.0, next_width()
            continue
        w = _width(u, max_width)
        if used + w > max_width + _FUZZ and i > start:
            b = i
            while b > start + 1 and not break_allowed(chars[b - 1], chars[b]):
                b -= 1
            if not break_allowed(chars[b - 1], chars[b]):
                b = i  # no allowed break on this line (a very long word): cut where it overflows
            line_w = sum(_width(c, max_width) for c in chars[start:b])
            lines.append(makeCJKParaLine(chars[start:b], max_width, line_w, max_width - line_w, False, calc_bounds))
            start = i = b
            while start < n and chars[start] == " ":  # a space does not start a line
                start += 1
            i = start
            used, max_width = 0.0, next_width()
            continue
        used += w
        i += 1
    if start < n:
        lines.append(makeCJKParaLine(chars[start:], max_width, used, max_width - used, False, calc_bounds))
    return ParaLines(kind=1, lines=lines)


class CJKParagraph(Paragraph):
    """A Paragraph that wraps Chinese text with 禁则 (always the CJK wrap, whatever the style says)."""

    def __init__(self, text: str, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        if style.wordWrap != "CJK":
            style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
        super().__init__(text, style, *args, **kwargs)

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara  # the second half of a paragraph split across pages keeps its lines
        if not self.frags:
            style = self.style
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return kinsoku_split(self.frags, list(maxWidths), auto not in ("", "off"))


def wrap_lines(text: str, width: float, font: str, size: float) -> list[str]:
    """The lines ``text`` breaks into at ``width`` points (for tests and for measuring)."""
    style = ParagraphStyle("measure", fontName=font, fontSize=size, leading=size * 1.5, alignment=TA_LEFT,
                           wordWrap="CJK")
    from xml.sax.saxutils import escape

    para = CJKParagraph(escape(text), style)
    para.wrap(width, 1e6)
    return ["".join(w.text for w in line.words) for line in para.blPara.lines]
