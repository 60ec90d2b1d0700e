"""District mode: the district's database holds every street; each page with streets filters by one."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import OPERATOR, open_db

from yanqun_desktop.config import Settings
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.ui.app import build_main_window


def test_people_page_filters_by_street(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_db(tmp_path, "nanshan-district")
    try:
        from yanqun_desktop.services.programmes import street_choices

        streets = {name: street_id for street_id, name in street_choices(db)}
        officer = Actor(OPERATOR, "district_admin", "nanshan-district")
        for name, street in (("沙一", "沙河街道"), ("沙二", "沙河街道"), ("西一", "西丽街道")):
            save_person(db, officer, {"name": name, "street_id": streets[street]})
        window = build_main_window(db, Settings(operator_name=OPERATOR))
        qtbot.addWidget(window)
        window.show()
        people = window.pages[0]
        assert people.street.isVisibleTo(window)
        assert people.street.itemText(0) == "全部街道" and people.street.count() == 9
        assert people.model.rowCount() == 3
        people.street.setCurrentIndex(people.street.findText("沙河街道"))
        assert people.model.rowCount() == 2
        people.street.setCurrentIndex(people.street.findText("西丽街道"))
        assert people.model.rowCount() == 1
        tutors = window.pages[1]
        assert not tutors.street.isVisibleTo(window)  # the tutor pool is the district's, not a street's
    finally:
        db.dispose()


def test_a_street_has_no_street_filter(window) -> None:  # type: ignore[no-untyped-def]
    assert not window.pages[0].street.isVisibleTo(window)
