"""Build the shipped Song body face: a subset of AR PL UMing CN (Debian fonts-arphic-uming).

    pip install fonttools     # build-time only; the app reads the committed .ttf with reportlab
    python tools/subset_uming.py [--source /usr/share/fonts/truetype/arphic/uming.ttc]

Why a subset: the whole uming.ttc is 21 MB (four faces sharing outlines, plus embedded bitmaps);
the installer target is < 60 MB. The subset keeps what a growth archive prints in the Song face
and what WenQuanYi Micro Hei (the shipped Hei face) lacks:
- GB2312 (6,763 hanzi + symbols): the ordinary body text;
- all of CJK Extension A and the Extension B characters UMing has: rare characters in names
  (䶮, 㛃), which no other shipped font has;
- Latin, digits, general and CJK punctuation, full-width forms.
Hanzi outside GB2312 that UMing also has fall back to WenQuanYi (Hei) at print time.
Bitmaps (EBDT/EBLC/BDF), hinting and layout tables are dropped: PDFs need outlines only.

The Arphic Public License (section 2a) asks every modified file to carry a prominent notice of
how and when it was changed: the notice goes into the font's name table (description, version
and copyright records) and into resources/fonts/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
DEFAULT_OUT = ROOT / "yanqun_desktop" / "resources" / "fonts" / "uming-cn-subset.ttf"

RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x024F),  # Latin, Latin-1, Latin Extended-A/B (pinyin tone marks)
    (0x02C0, 0x02FF), (0x0391, 0x03C9), (0x0401, 0x0451),  # modifier letters, Greek, Cyrillic (GB2312 has them)
    (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),  # punctuation, letterlike, arrows, maths
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF),  # enclosed numbers, boxes, shapes
    (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F),  # radicals, CJK punctuation, kana, bopomofo
    (0x3200, 0x33FF),  # enclosed CJK, compatibility
    (0x3400, 0x4DBF),  # CJK Extension A: all of it
    (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),  # compatibility ideographs and forms, full-width
    (0x20000, 0x2A6DF),  # CJK Extension B: what UMing has
)


def gb2312() -> set[int]:
    out: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return out


def wanted() -> set[int]:
    codes = gb2312()
    for lo, hi in RANGES:
        codes.update(range(lo, hi + 1))
    return codes


def build(source: Path, out: Path, face: int = 0) -> dict[str, int]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=face, lazy=False)
    cmap = font.getBestCmap()
    keep = sorted(c for c in wanted() if c in cmap)
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.drop_tables += ["BDF ", "EBDT", "EBLC", "EBSC", "FFTM", "VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=keep)
    sub.subset(font)
    _add_notice(font, len(keep))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    font.save(tmp)
    tmp.replace(out)
    exta = sum(1 for c in keep if 0x3400 <= c <= 0x4DBF)
    extb = sum(1 for c in keep if 0x20000 <= c <= 0x2A6DF)
    return {"characters": len(keep), "ext_a": exta, "ext_b": extb, "bytes": out.stat().st_size}


def _add_notice(font: object, count: int) -> None:
    """Arphic Public License 2a: a prominent notice of how and when the file was changed."""
    name = font["name"]  # type: ignore[index]
    today = dt.date.today().isoformat()
    notice = (
        f"Modified {today} by the yanqun project (tools/subset_uming.py): subset of AR PL UMing CN "
        f"0.2.20080216 to {count} characters (GB2312, CJK Extension A, the Extension B characters it has, "
        "Latin and punctuation); bitmaps, hinting and layout tables removed. "
        "Distributed under the Arphic Public License, see ARPHICPL.TXT."
    )
    for rec in list(name.names):
        if rec.nameID == 5:  # version: say it is a subset wherever the version is shown
            name.setName(f"{rec.toUnicode()}; yanqun subset {today}", 5, rec.platformID, rec.platEncID, rec.langID)
    name.setName(notice, 10, 3, 1, 0x409)  # description
    name.setName(notice, 10, 1, 0, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source} not found: apt-get install fonts-arphic-uming", file=sys.stderr)
        return 1
    stats = build(args.source, args.out)
    print(f"{args.out}: {stats['characters']} characters (Ext-A {stats['ext_a']}, Ext-B {stats['ext_b']}), "
          f"{stats['bytes'] / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
