"""Chinese fonts for printed documents, with per-character fallback.

Resolution order (issue 4, docs/printing.md):
1. the configured font (``Settings.pdf_font``, a .ttf/.ttc path), first for every role;
2. the Windows system fonts in %WINDIR%\\Fonts — Hei: simhei.ttf, msyh.ttc; Song/Fang: simsun.ttc,
   simfang.ttf, simkai.ttf — loaded defensively (reportlab refuses fonts that forbid embedding
   and CFF-outline fonts; such a font is skipped with a log line);
3. the fonts shipped in resources/fonts/: WenQuanYi Micro Hei (Hei) and a subset of AR PL UMing
   (Song; it alone has CJK Extension A/B characters such as 䶮 and 㛃);
4. reportlab's built-in CID font STSong-Light, only when no TrueType font loads at all (it is not
   embedded, so the PDF then depends on the viewer's fonts).

Each role ("title", "body") has a chain of faces; a character the first face lacks is drawn with
the next face that has it (``markup``/``runs``), never left blank; a character no face has is
collected in ``missing`` for the caller to report. Fonts load lazily: a fallback face is read
only when a character needs it, so a document in plain GB2312 text reads two font files.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

log = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
SHIPPED_HEI = "wqy-microhei.ttc"
SHIPPED_SONG = "uming-cn-subset.ttf"
CID_FONT = "STSong-Light"

# (file name, face index in a collection); order within a role is preference order.
WINDOWS_HEI = (("simhei.ttf", 0), ("msyh.ttc", 0))
WINDOWS_SONG = (("simsun.ttc", 0), ("simfang.ttf", 0), ("simkai.ttf", 0))

ROLES = ("title", "body")
# Characters that need no glyph check: layout controls, not ink.
_NO_INK = frozenset("\n\r\t\u200b\u200c\u200d\ufeff")


@dataclass(frozen=True)
class Candidate:
    path: Path
    index: int
    source: str  # configured | system | shipped


@dataclass
class Face:
    """A loaded font: reportlab's registered name and the code points it maps."""

    name: str
    path: Path | None
    source: str  # configured | system | shipped | cid
    codepoints: frozenset[int] | None  # None: the CID font (coverage judged by GBK encoding)

    def has(self, ch: str) -> bool:
        if self.codepoints is not None:
            return ord(ch) in self.codepoints
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            return False
        return True

    @property
    def embedded(self) -> bool:
        return self.codepoints is not None


def windows_fonts_dir() -> Path | None:
    root = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    return Path(root) / "Fonts" if root else None


def shipped_font_files() -> list[Path]:
    """The font files in resources/fonts (for QFontDatabase.addApplicationFont in the UI)."""
    return sorted(p for p in FONTS_DIR.glob("*") if p.suffix.lower() in (".ttf", ".ttc", ".otf"))


_registry_lock = threading.Lock()
_loaded: dict[tuple[str, int], Face | None] = {}  # process-wide: a font file is parsed once
_failures: dict[tuple[str, int], str] = {}


def load_face(path: Path, index: int, source: str) -> Face | None:
    """Register one TrueType face with reportlab, or None (reason in ``load_failure``)."""
    key = (str(path), index)
    with _registry_lock:
        if key in _loaded:
            return _loaded[key]
        face: Face | None = None
        try:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            if not path.is_file():
                raise FileNotFoundError("file not found")
            name = f"YQ-{_safe(path.stem)}-{index}-{len(_loaded)}"
            font = TTFont(name, str(path), subfontIndex=index)
            pdfmetrics.registerFont(font)
            face = Face(name, path, source, frozenset(font.face.charToGlyph))
        except Exception as e:  # reportlab raises TTFError, ValueError, struct errors ... on odd fonts
            # The file name only: a full path may hold a user's name.
            _failures[key] = f"{type(e).__name__}: {e}"
            log.warning("font %s (face %d) not used: %s", path.name, index, type(e).__name__)
        _loaded[key] = face
        return face


def load_failure(path: Path, index: int = 0) -> str | None:
    return _failures.get((str(path), index))


def _safe(stem: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else "_" for c in stem) or "font"


def _cid_face() -> Face:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return Face(CID_FONT, None, "cid", None)


def candidates(role: str, configured: str | os.PathLike[str] | None, *,
               windows_dir: Path | None = None, fonts_dir: Path | None = None) -> list[Candidate]:
    """The faces to try for a role, best first; the other role's faces follow as fallbacks."""
    out: list[Candidate] = []
    if configured:
        out.append(Candidate(Path(configured), 0, "configured"))
    win = windows_dir if windows_dir is not None else windows_fonts_dir()
    if win is not None:
        first, second = (WINDOWS_HEI, WINDOWS_SONG) if role == "title" else (WINDOWS_SONG, WINDOWS_HEI)
        out += [Candidate(win / f, i, "system") for f, i in (*first, *second)]
    ship = fonts_dir if fonts_dir is not None else FONTS_DIR
    first_s, second_s = (SHIPPED_HEI, SHIPPED_SONG) if role == "title" else (SHIPPED_SONG, SHIPPED_HEI)
    out += [Candidate(ship / first_s, 0, "shipped"), Candidate(ship / second_s, 0, "shipped")]
    return out


@dataclass
class FontChain:
    """One role's faces. The first face that loads is the role's font; later ones load when a
    character needs them."""

    role: str
    pending: list[Candidate]
    faces: list[Face] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _by_char: dict[str, str | None] = field(default_factory=dict)

    def _load_next(self) -> bool:
        while self.pending:
            cand = self.pending.pop(0)
            if cand.source == "system" and not cand.path.is_file():
                continue  # not a Windows machine, or that font is not installed: nothing to say
            face = load_face(cand.path, cand.index, cand.source)
            if face is not None:
                self.faces.append(face)
                return True
            if cand.source in ("configured", "shipped"):
                reason = load_failure(cand.path, cand.index) or ""
                self.warnings.append(f"字体文件 {cand.path.name} 无法使用（{reason}），已改用其他字体")
        if not any(f.embedded for f in self.faces) and not any(f.source == "cid" for f in self.faces):
            self.faces.append(_cid_face())
            self.warnings.append("没有可嵌入的中文字体，已改用 PDF 内置字体 STSong-Light（不嵌入）")
            return True
        return False

    @property
    def primary(self) -> Face:
        if not self.faces:
            self._load_next()
        return self.faces[0]

    def face_for(self, ch: str) -> str | None:
        """The registered font name that draws ``ch``, or None when no face has it."""
        try:
            return self._by_char[ch]
        except KeyError:
            pass
        found = None
        i = 0
        while True:
            if i >= len(self.faces) and not self._load_next():
                break
            if self.faces[i].has(ch):
                found = self.faces[i].name
                break
            i += 1
        self._by_char[ch] = found
        return found


class FontSet:
    """The fonts of one document (or of one batch): chains for titles and body text."""

    def __init__(self, configured: str | os.PathLike[str] | None = None, *,
                 windows_dir: Path | None = None, fonts_dir: Path | None = None) -> None:
        self.chains = {role: FontChain(role, candidates(role, configured, windows_dir=windows_dir,
                                                        fonts_dir=fonts_dir)) for role in ROLES}
        self._lock = threading.Lock()

    @property
    def title(self) -> str:
        return self.chains["title"].primary.name

    @property
    def body(self) -> str:
        return self.chains["body"].primary.name

    def face(self, role: str) -> Face:
        return self.chains[role].primary

    @property
    def warnings(self) -> list[str]:
        seen: list[str] = []
        for chain in self.chains.values():
            seen += [w for w in chain.warnings if w not in seen]
        return seen

    def runs(self, text: str, role: str = "body", missing: set[str] | None = None) -> list[tuple[str, str]]:
        """``text`` cut into (font name, text) runs; characters no face has are drawn with the
        role's font (so the text stays searchable) and added to ``missing``."""
        chain = self.chains[role]
        with self._lock:
            primary = chain.primary.name
            out: list[tuple[str, str]] = []
            for ch in text:
                if ch in _NO_INK or ch == " ":
                    name: str | None = out[-1][0] if out else primary
                else:
                    name = chain.face_for(ch)
                    if name is None:
                        if missing is not None:
                            missing.add(ch)
                        name = primary
                if out and out[-1][0] == name:
                    out[-1] = (name, out[-1][1] + ch)
                else:
                    out.append((name, ch))
            return out

    def markup(self, text: str, role: str = "body", missing: set[str] | None = None) -> str:
        """Paragraph markup for plain ``text``: escaped, with runs the role's font lacks wrapped in
        ``<font face=...>``. Newlines become ``<br/>``."""
        primary = self.chains[role].primary.name
        parts = []
        for name, chunk in self.runs(text, role, missing):
            body = escape(chunk).replace("\n", "<br/>")
            parts.append(body if name == primary else f'<font face="{name}">{body}</font>')
        return "".join(parts)

    def draw_string(self, canvas: object, x: float, y: float, text: str, size: float, *, role: str = "body",
                    align: str = "left", missing: set[str] | None = None) -> float:
        """Draw one line on a canvas with per-character fallback; returns its width."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        runs = self.runs(text, role, missing)
        width = sum(stringWidth(t, f, size) for f, t in runs)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        # One text object for all runs, so that a viewer (and text extraction) reads one line.
        tx = canvas.beginText(x, y)  # type: ignore[attr-defined]
        for name, chunk in runs:
            tx.setFont(name, size)
            tx.textOut(chunk)
        canvas.drawText(tx)  # type: ignore[attr-defined]
        return width


_default_sets: dict[str, FontSet] = {}


def font_set(configured: str | os.PathLike[str] | None = None) -> FontSet:
    """The process-wide font set for a configured font (''/None: the settings' ``pdf_font``)."""
    if configured is None:
        from yanqun_desktop.config import load_settings

        try:
            configured = load_settings().pdf_font
        except Exception:  # an unreadable settings file must not stop printing
            log.warning("settings unreadable; printing with the default fonts")
            configured = ""
    key = str(configured or "")
    with _registry_lock:
        fs = _default_sets.get(key)
        if fs is None:
            fs = _default_sets[key] = FontSet(key or None)
        return fs
