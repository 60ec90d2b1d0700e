"""培养看板: the district moves a card along the pipeline; a street only looks."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from ui_helpers import open_db

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Enrolment, Street
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.ui.app import build_main_window

DISTRICT = Actor("区组织部", "district_admin", "nanshan-district")


def camp_trainee(db: Database, name: str = "何明") -> tuple[str, str, str]:
    """(cohort id, person id, enrolment id) of a trainee from 沙河, written as the district."""
    with db.session() as s:
        street_id = s.scalar(select(Street.id).where(Street.code == "shahe"))
    cohort = save_cohort(db, DISTRICT, {"kind": "camp", "number": 2024}).id
    person = save_person(db, DISTRICT, {"name": name, "street_id": street_id}).id
    enrolment = save_enrolment(db, DISTRICT, {"cohort_id": cohort, "person_id": person,
                                              "camp_tier": "后备培养学员"}).id
    return cohort, person, enrolment


def district_window(qtbot, tmp_path: Path, settings: Settings):  # type: ignore[no-untyped-def]
    db = open_db(tmp_path, "nanshan-district")
    w = build_main_window(db, settings)
    qtbot.addWidget(w)
    w.show()
    return db, w


def test_district_moves_a_card_and_sets_the_tier(qtbot, tmp_path: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    db, w = district_window(qtbot, tmp_path, settings)
    try:
        cohort, _person, enrolment = camp_trainee(db)
        page = w.pages[3]
        w.nav.setCurrentRow(3)
        page.refresh()
        page.select_id(enrolment)
        board = page.open_board()
        assert board.cohort_id() == cohort
        assert board.columns["seed"].count() == 1
        assert board.selected_card() is not None and board.next_button.isEnabled()
        assert not board.back_button.isEnabled()
        assert board.move(1) is not None
        with db.session() as s:
            assert s.get(Enrolment, enrolment).camp_stage == "seedling"
        assert board.columns["seedling"].count() == 1 and board.columns["seed"].count() == 0
        board.tier.setCurrentIndex(board.tier.findData("district_key"))
        assert board.apply_tier() is not None
        with db.session() as s:
            assert s.get(Enrolment, enrolment).camp_tier == "district_key"
        assert "育苗特训" in page.selected_values().get("stage", "")  # the page refreshed
        board.grab().save("/tmp/yq4_camp_board.png")
        board.close()
    finally:
        w.close()
        db.dispose()


def test_board_is_read_only_at_a_street(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.pages[3]
    board = page.open_board()
    for button in (board.next_button, board.back_button, board.tier_button):
        assert not button.isEnabled()
        assert button.toolTip()  # says why (the camp is the district's)
    assert page.findChild(type(board.next_button), "board").isEnabled()
    board.close()
