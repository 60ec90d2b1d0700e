"""Refresh the Simplified Chinese catalogue of the GUI.

Runs ``pyside6-lupdate`` over ``yanqun_desktop/ui`` (new strings are added as unfinished,
strings no longer in the source are dropped), then ``pyside6-lrelease`` to write the ``.qm``
that is committed, so that a plain install shows Chinese. Translate the unfinished entries in
the ``.ts`` (Qt Linguist: ``pyside6-linguist``, or any editor), run this again and commit both.

    python tools/update_translations.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "yanqun_desktop" / "ui"
TS = ROOT / "yanqun_desktop" / "resources" / "translations" / "yanqun_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """The Qt tool beside this Python (a venv's bin/Scripts), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e '.[test]')")
    return found


def lupdate(ts: Path) -> None:
    # No line numbers in the .ts: otherwise every edit of the source churns the catalogue.
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-extensions", "py",
         "-source-language", "en", "-target-language", "zh_CN", str(SOURCES), "-ts", str(ts)],
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation, or None while unfinished."""
    result: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = translation.text if translation is not None else None
            result[(name, message.findtext("source", ""))] = None if kind == "unfinished" or not text else text
    return result


def main() -> int:
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    lrelease(TS, QM)
    found = messages(TS)
    unfinished = sorted(key for key, text in found.items() if text is None)
    print(f"{TS.relative_to(ROOT)}: {len(found)} messages, {len(unfinished)} unfinished")
    for context, source in unfinished:
        print(f"  unfinished  {context}: {source}")
    return 1 if unfinished else 0


if __name__ == "__main__":
    raise SystemExit(main())
