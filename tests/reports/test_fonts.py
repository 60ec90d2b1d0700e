"""Fonts for printing: resolution order, per-character fallback, missing characters, 禁则."""

from __future__ import annotations

import io
import itertools
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from yanqun_desktop.reports.fonts import FONTS_DIR, FontSet, shipped_font_files
from yanqun_desktop.reports.text import CANNOT_END, CANNOT_START, break_allowed, wrap_lines

NOBODY_HAS = "\U00020000"  # CJK Ext-B 𠀀: in neither shipped font (checked below)


@pytest.fixture
def shipped(tmp_path: Path) -> FontSet:
    """Only the shipped fonts, whatever machine runs the tests (an empty Windows font folder)."""
    return FontSet(None, windows_dir=tmp_path / "no-windows")


def test_shipped_fonts_and_licences_are_there() -> None:
    names = {p.name for p in shipped_font_files()}
    assert names == {"wqy-microhei.ttc", "uming-cn-subset.ttf"}
    for licence in ("ARPHICPL.TXT", "LICENSE-wqy-microhei.txt", "LICENSE-Apache-2.0.txt", "README.md"):
        assert (FONTS_DIR / licence).stat().st_size > 1000
    total = sum(p.stat().st_size for p in shipped_font_files())
    assert total < 15_000_000  # the installer budget (< 60 MB) keeps room for Qt


def test_roles_use_hei_for_titles_and_song_for_body(shipped: FontSet) -> None:
    assert shipped.face("title").path.name == "wqy-microhei.ttc"
    assert shipped.face("body").path.name == "uming-cn-subset.ttf"
    assert shipped.warnings == []


def test_rare_characters_fall_back_to_a_font_that_has_them(shipped: FontSet) -> None:
    runs = shipped.runs("王㛃与林䶮", "title")  # Hei first: WenQuanYi lacks Extension A
    assert runs[0] == (shipped.title, "王")
    assert ("㛃" in "".join(t for f, t in runs if f == shipped.body)) and ("䶮" in runs[-1][1])
    assert runs[-1][0] == shipped.body
    markup = shipped.markup("林䶮<b>", "title")
    assert f'<font face="{shipped.body}">䶮</font>' in markup and "&lt;b&gt;" in markup


def test_a_character_no_font_has_is_reported(shipped: FontSet) -> None:
    missing: set[str] = set()
    markup = shipped.markup(f"张{NOBODY_HAS}三", "body", missing)
    assert missing == {NOBODY_HAS} and NOBODY_HAS in markup  # kept in the text, and reported
    faces = shipped.chains["body"].faces  # every font was tried before giving up
    assert {f.path.name for f in faces if f.path} == {"wqy-microhei.ttc", "uming-cn-subset.ttf"}
    assert not any(face.has(NOBODY_HAS) for face in faces)


def test_configured_font_comes_first(tmp_path: Path) -> None:
    mine = tmp_path / "my-font.ttf"
    shutil.copy(FONTS_DIR / "uming-cn-subset.ttf", mine)
    fonts = FontSet(mine, windows_dir=tmp_path / "none")
    assert fonts.face("title").path == mine and fonts.face("body").path == mine
    assert fonts.face("title").source == "configured" and fonts.warnings == []


def test_broken_configured_font_falls_back_with_a_warning(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font at all" * 10)
    fonts = FontSet(bad, windows_dir=tmp_path / "none")
    assert fonts.face("body").path.name == "uming-cn-subset.ttf"
    assert fonts.warnings and "broken.ttf" in fonts.warnings[0]
    missing_path = FontSet(tmp_path / "gone.ttf", windows_dir=tmp_path / "none")
    assert missing_path.face("title").path.name == "wqy-microhei.ttc" and "gone.ttf" in missing_path.warnings[0]


def test_windows_fonts_come_before_shipped_ones_and_bad_ones_are_skipped(tmp_path: Path) -> None:
    win = tmp_path / "Fonts"
    win.mkdir()
    (win / "simhei.ttf").write_bytes(b"\0" * 100)  # unreadable: skipped quietly
    shutil.copy(FONTS_DIR / "wqy-microhei.ttc", win / "msyh.ttc")  # stands in for a good system font
    fonts = FontSet(None, windows_dir=win)
    assert fonts.face("title").path == win / "msyh.ttc" and fonts.face("title").source == "system"
    assert fonts.face("body").path == win / "msyh.ttc"  # no Song face installed: the Hei one serves


def test_drawn_text_is_embedded_and_searchable(shipped: FontSet) -> None:
    buf = io.BytesIO()
    c = Canvas(buf)
    shipped.draw_string(c, 72, 700, "第 1 页 共 2 页 林䶮", 12, role="title")
    c.showPage()
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert "林䶮" in reader.pages[0].extract_text()
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    embedded = [f for f in fonts if f["/BaseFont"].startswith("/AAAAA")]
    assert len(embedded) == 2 and all("/FontFile2" in f["/FontDescriptor"] for f in embedded)


TEXT = ("社区书记要善于倾听群众意见，做到“件件有回应、事事有着落”。他说：“好！”我们认为（这是关键）……"
        "要坚持《条例》的规定；2022年共完成13.5学时，出勤率98%！问题：怎么办？")


@pytest.mark.parametrize("width", range(60, 420, 7))
def test_kinsoku_at_many_widths(shipped: FontSet, width: int) -> None:
    lines = wrap_lines(TEXT, width, shipped.body, 10.5)
    assert "".join(lines) == TEXT  # nothing lost, nothing doubled
    assert len(lines) > 1 or width > 380
    for prev, line in itertools.pairwise(lines):
        assert line[0] not in CANNOT_START, (width, prev, line)
        assert prev[-1] not in CANNOT_END, (width, prev, line)
        assert not (prev[-1].isdigit() and line[0].isdigit()), (width, prev, line)  # 2022, 13.5 stay whole
        assert not (prev.endswith("…") and line.startswith("…"))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert all(stringWidth(line, shipped.body, 10.5) <= width + 0.01 for line in lines)  # nothing hangs out


def test_reportlab_alone_would_break_badly(shipped: FontSet) -> None:
    """The reason text.py exists: the stock CJK wrap starts lines with closing marks."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    bad = 0
    for width in range(60, 420, 7):
        p = Paragraph(TEXT, ParagraphStyle("x", fontName=shipped.body, fontSize=10.5, wordWrap="CJK"))
        p.wrap(width, 1e6)
        lines = ["".join(line[1]) if isinstance(line, tuple) else "".join(w.text for w in line.words)
                 for line in p.blPara.lines]
        bad += sum(1 for line in lines[1:] if line and line[0] in CANNOT_START)
    assert bad > 0


def test_break_rules() -> None:
    assert not break_allowed("好", "，") and not break_allowed("“", "好") and not break_allowed("…", "…")
    assert not break_allowed("2", "0") and break_allowed("年", "2") and break_allowed("。", "他")
