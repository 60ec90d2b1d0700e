"""考勤: a roll of 120 trainees recorded from the keyboard alone, refusals, guests, unsaved changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton
from sqlalchemy import select
from ui_helpers import OPERATOR, STREET, open_db, type_text

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Attendance
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import session_rate
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.ui.app import build_main_window
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.rollcall_dialog import RollCallDialog
from yanqun_desktop.ui.models.rollcall_model import NOTE, STATUS
from yanqun_desktop.ui.qt_app import ensure_app

TRAINEES = 120
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫"
GIVEN = "一二三四五六七八九十"
K = Qt.Key


@pytest.fixture(scope="module")
def roll(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One street with a cohort of 120 trainees and one person outside it (the tests each
    create their own session, so their attendance never meets)."""
    db = open_db(Path(tmp_path_factory.mktemp("roll")), STREET)
    actor = Actor(OPERATOR, "admin", STREET)
    cohort = save_cohort(db, actor, {"kind": "studio", "number": 1, "start_date": "2024-03-01"}).id
    for i in range(TRAINEES):
        person = save_person(db, actor, {"name": SURNAMES[i % 12] + GIVEN[i // 12]}).id
        save_enrolment(db, actor, {"cohort_id": cohort, "person_id": person, "enrolled_on": "2024-03-01"})
    guest = save_person(db, actor, {"name": "欧阳列席"}).id
    yield {"db": db, "actor": actor, "cohort": cohort, "guest": guest}
    db.dispose()


def _session(roll: dict[str, Any], title: str, date: dt.date) -> str:
    return save_session(roll["db"], roll["actor"], {"title": title, "kind": "通识课程", "date": date.isoformat(),
                                                    "hours": 3, "cohort_ids": [roll["cohort"]]}).id


def _dialog(qtbot, roll: dict[str, Any], session_id: str) -> RollCallDialog:  # type: ignore[no-untyped-def]
    ensure_app()
    dialog = RollCallDialog(AppContext(roll["db"], Settings(operator_name=OPERATOR)), session_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _recorded(db: Database, session_id: str) -> dict[str, tuple[str, str | None, bool]]:
    with db.session() as s:
        rows = s.execute(select(Attendance.person_id, Attendance.status, Attendance.note, Attendance.is_guest)
                         .where(Attendance.session_id == session_id, ~Attendance.deleted)).all()
    return {pid: (status, note, guest) for pid, status, note, guest in rows}


def test_roll_call_from_the_keyboard(qtbot, roll: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    db = roll["db"]
    session_id = _session(roll, "基层治理通识课", dt.date(2024, 4, 2))
    window = build_main_window(db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(5)
    page = window.pages[5]
    page.select_id(session_id)
    button = page.findChild(QPushButton, "roll_call")
    assert button.text() == "考勤…" and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RollCallDialog) and w.isVisible())
    assert dialog.windowTitle() == "考勤 — 基层治理通识课"
    assert dialog.model.rowCount() == TRAINEES
    assert "1 / Z" in dialog.findChild(type(dialog.counts), "legend").text()
    table = dialog.table
    assert table.currentIndex().row() == 0 and table.currentIndex().column() == STATUS
    ids = [r.person_id for r in dialog.model.rows]

    for key in (K.Key_1, K.Key_2, K.Key_3, K.Key_4, K.Key_Z, K.Key_C, K.Key_Q, K.Key_K):  # rows 0-7, one key each
        qtbot.keyClick(table, key)
    assert table.currentIndex().row() == 8
    qtbot.keyClick(table, K.Key_Down)  # row 8 left for later
    qtbot.keyClick(table, K.Key_1)  # row 9
    qtbot.keyClick(table, K.Key_Right)  # row 10, the note column: typing edits the note
    assert table.currentIndex().column() == NOTE
    type_text(qtbot, table, "交通堵塞")
    assert table.state() == table.State.EditingState
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "交通堵塞"
    qtbot.keyClick(editor, K.Key_Return)  # commits the note, does not save the roll
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=1000)  # the commit is queued
    assert dialog.isVisible() and dialog.model.rows[10].note == "交通堵塞"
    qtbot.keyClick(table, K.Key_Left)
    qtbot.keyClick(table, K.Key_2)  # row 10 late
    assert "已到 6（含迟到 3） / 应到 120，请假 2，缺席 2，出勤率 60.0%" in dialog.counts.text()
    qtbot.mouseClick(dialog.all_present_button, Qt.MouseButton.LeftButton)  # rows 8 and 11-119
    for _ in range(3):
        qtbot.keyClick(table, K.Key_Up)
    assert table.currentIndex().row() == 8
    qtbot.keyClick(table, K.Key_Delete)  # row 8 cleared again
    assert "1 人未登记" in dialog.counts.text() and "出勤率 96.6%" in dialog.counts.text()
    qtbot.keyClick(table, K.Key_Return)  # saves and closes

    assert dialog.result() == QDialog.DialogCode.Accepted
    recorded = _recorded(db, session_id)
    assert len(recorded) == TRAINEES - 1 and ids[8] not in recorded
    expected = ["present", "late", "leave", "absent", "present", "late", "leave", "absent", None, "present", "late"]
    assert [recorded.get(i, (None,))[0] for i in ids[:11]] == expected
    assert recorded[ids[10]] == ("late", "交通堵塞", False)
    assert all(recorded[i][0] == "present" for i in ids[11:])
    rate = session_rate(db, session_id)
    assert (rate.recorded, rate.present, rate.late, rate.leave, rate.absent) == (119, 112, 3, 2, 2)
    assert page.selected_values()["rate"] == "96.6%"  # the page refreshed from the dialog's changes


def test_future_session_takes_only_leave(qtbot, roll: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    future = dt.date.today() + dt.timedelta(days=10)
    session_id = _session(roll, "下期课程", future)
    dialog = _dialog(qtbot, roll, session_id)
    assert not dialog.all_present_button.isEnabled()
    assert dialog.findChild(type(dialog.counts), "future").text() == "本次活动还有 10 天才举行：现在只能登记请假。"
    warnings: list[str] = []
    dialog.warn = warnings.append  # type: ignore[method-assign]
    qtbot.keyClick(dialog.table, K.Key_3)  # leave: allowed ahead
    qtbot.keyClick(dialog.table, K.Key_1)  # present: refused
    qtbot.keyClick(dialog.table, K.Key_Return)
    assert len(warnings) == 1 and f"活动日期 {future.isoformat()} 尚未到来，只能登记请假" in warnings[0]
    assert dialog.model.rows[1].name in warnings[0]
    assert dialog.isVisible() and _recorded(roll["db"], session_id) == {}  # nothing written, not even the leave
    qtbot.keyClick(dialog.table, K.Key_Up)
    qtbot.keyClick(dialog.table, K.Key_Q)
    qtbot.keyClick(dialog.table, K.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and len(warnings) == 1
    assert sorted(s for s, _n, _g in _recorded(roll["db"], session_id).values()) == ["leave", "leave"]


def test_guest_and_unsaved_changes(qtbot, roll: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    session_id = _session(roll, "现场观摩", dt.date(2024, 5, 8))
    dialog = _dialog(qtbot, roll, session_id)
    picker_dialog = dialog.add_guest()
    assert picker_dialog.windowTitle() == "添加列席人员"
    type_text(qtbot, picker_dialog.picker.search, "欧阳")
    picker_dialog.picker.run_search()
    assert picker_dialog.picker.person_id == roll["guest"]
    qtbot.mouseClick(picker_dialog.ok_button, Qt.MouseButton.LeftButton)
    guest_row = dialog.model.rows[-1]
    assert dialog.model.rowCount() == TRAINEES + 1 and guest_row.person_id == roll["guest"]
    assert guest_row.status == "present" and dialog.model.index(TRAINEES, 5).data() == "列席"
    assert dialog.table.currentIndex().row() == TRAINEES and "列席 1" in dialog.counts.text()
    qtbot.keyClick(dialog.table, K.Key_F2)  # F2 on any column edits the row's note
    assert dialog.table.state() == dialog.table.State.EditingState and dialog.table.currentIndex().column() == NOTE
    qtbot.keyClick(dialog.table.viewport().findChild(QLineEdit), K.Key_Escape)  # leaves the note, not the roll
    qtbot.waitUntil(lambda: dialog.table.state() != dialog.table.State.EditingState, timeout=1000)
    assert dialog.isVisible()

    answers = iter(["cancel", "discard"])
    dialog.ask_unsaved = lambda: next(answers)  # type: ignore[method-assign]
    dialog.reject()  # 取消: stays open with the changes
    assert dialog.isVisible() and dialog.model.dirty
    dialog.reject()  # 放弃修改
    assert not dialog.isVisible() and _recorded(roll["db"], session_id) == {}

    dialog = _dialog(qtbot, roll, session_id)
    dialog.take_guest(roll["guest"])
    warnings: list[str] = []
    dialog.warn = warnings.append  # type: ignore[method-assign]
    dialog.model.setData(dialog.model.index(0, NOTE), "电话联系不上")  # a note without a status would be lost
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and warnings[0].startswith("备注须与出勤情况一起登记")
    assert dialog.model.rows[0].name in warnings[0]
    dialog.model.setData(dialog.model.index(0, NOTE), "")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _recorded(roll["db"], session_id) == {roll["guest"]: ("present", None, True)}
    again = _dialog(qtbot, roll, session_id)
    assert again.model.rows[-1].person_id == roll["guest"] and not again.model.dirty
    again.reject()  # nothing changed: closes without asking
    assert not again.isVisible()
