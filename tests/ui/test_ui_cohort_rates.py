"""班次出勤统计: the cohort's overall rate and each trainee's, as recorded by roll-calls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from ui_helpers import add_people

from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.attendance import cohort_rate, person_rates_in_cohort, record_attendance
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.ui.dialogs.cohort_rates_dialog import CohortRatesDialog


def test_cohort_rates_match_the_roll_calls(qtbot, window, ui_street_db, street_actor) -> None:  # type: ignore[no-untyped-def]
    db, actor = ui_street_db, street_actor
    cohort = save_cohort(db, actor, {"kind": "studio", "number": 1, "start_date": "2024-03-01"}).id
    people = add_people(db, actor, ["张三", "李四", "王五"])
    for person in people:
        save_enrolment(db, actor, {"cohort_id": cohort, "person_id": person, "enrolled_on": "2024-03-01"})
    sessions = [
        save_session(db, actor, {"title": f"课程{i}", "kind": "通识课程", "date": f"2024-04-0{i + 1}",
                                 "hours": 3, "cohort_ids": [cohort]}).id
        for i in range(2)
    ]
    record_attendance(db, actor, sessions[0], [
        {"person_id": people[0], "status": "present"}, {"person_id": people[1], "status": "absent"},
        {"person_id": people[2], "status": "late"}])
    record_attendance(db, actor, sessions[1], [
        {"person_id": people[0], "status": "present"}, {"person_id": people[1], "status": "leave"},
        {"person_id": people[2], "status": "absent"}])

    window.nav.setCurrentRow(5)
    button = window.pages[5].findChild(QPushButton, "cohort_rates")
    assert button.text() == "出勤统计…" and button.isEnabled()
    button.click()
    dialog = window.pages[5].findChild(CohortRatesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.select_cohort(cohort)

    overall = cohort_rate(db, cohort)
    assert (overall.recorded, overall.attended) == (6, 3)
    summary = dialog.summary.text()
    assert "应记录 6" in summary and "出勤率 50.0%" in summary
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(7)]
    assert headers == ["姓名", "应记录", "出席", "迟到", "请假", "缺席", "出勤率"]
    rows = dialog.row_values()
    rates = person_rates_in_cohort(db, cohort)
    expected = {
        name: [str(r.recorded), str(r.present), str(r.late), str(r.leave), str(r.absent), f"{r.rate * 100:.1f}%"]
        for name, r in zip(["张三", "李四", "王五"], [rates[p] for p in people], strict=True)
    }
    assert {row[0]: row[1:] for row in rows} == expected
    assert [row[0] for row in rows] == ["李四", "王五", "张三"]  # lowest rate first
    assert rows[0][1:] == ["2", "0", "0", "1", "1", "0.0%"]
    dialog.table.sortItems(6, Qt.SortOrder.DescendingOrder)
    assert dialog.row_values()[0][0] == "张三"
    window.grab().save("/tmp/yq5_rates_window.png")
    dialog.grab().save("/tmp/yq5_rates.png")
