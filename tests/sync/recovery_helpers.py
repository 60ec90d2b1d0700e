"""Helpers for the recovery, re-export and read-only tests: real key cards, real package files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sync_helpers import actor_for

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.keys import trust_card, write_card
from yanqun_desktop.services.sync import export_package, import_packages


def copy_db(src: Path, dst: Path) -> None:
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)  # never a file copy: the live file may have pages in its WAL
    a.close()
    b.close()


def enrol(street: Database, district: Database, folder: Path, *, replace: bool = False) -> None:
    """The street and the district trust each other's cards (``replace``: a rebuilt street)."""
    folder.mkdir(exist_ok=True)
    write_card(street, folder / "street.yqkey")
    write_card(district, folder / "district.yqkey")
    trust_card(district, actor_for(district), folder / "street.yqkey", replace=replace)
    trust_card(street, actor_for(street), folder / "district.yqkey")


def ship(src: Database, dst: Database, folder: Path, **kw: str) -> str:
    """Export from src into folder, import into dst; the import status."""
    result = export_package(src, actor_for(src), folder, **kw)
    [report] = import_packages(dst, actor_for(dst), [result.path], backup=False)
    return report.status
