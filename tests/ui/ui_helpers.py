"""Helpers shared by the UI tests (a module, not conftest, so tests can import it by name)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from db_template import open_sqlite

from yanqun_desktop.db.database import Database
from yanqun_desktop.domain.validation import make_id_card
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.setup import initialise

OPERATOR = "王小红"
STREET = "zhaoshang"


def id_card(year: int, sequence: int = 5, gender: str = "男") -> str:
    return make_id_card("440305", dt.date(year, 3, 12), sequence, gender)


def open_db(tmp_path: Path, office: str) -> Database:
    db = open_sqlite(tmp_path / f"{office}.sqlite", keys_dir=tmp_path / f"{office}-keys")
    initialise(db, office)
    return db


def add_people(db: Database, actor: Actor, names: list[str]) -> list[str]:
    return [
        save_person(db, actor, {"name": name, "id_card": id_card(1970 + i, 10 + i)}).id
        for i, name in enumerate(names)
    ]


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a clerk: ASCII key by key (qtbot.keyClicks); Chinese as an input method
    commits it (QTest's key simulation only knows ASCII keys and aborts on 张)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
