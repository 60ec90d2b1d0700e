"""成长档案: derived entries read-only, typed entries added, edited and deleted, a long timeline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from sqlalchemy import insert, select
from ui_helpers import OPERATOR, STREET, add_people, type_text

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import ArchiveEntry
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.archive_dialog import ArchiveDialog
from yanqun_desktop.ui.models.timeline_model import CONTENT, DERIVED_COLOUR
from yanqun_desktop.ui.qt_app import ensure_app

DERIVED_TIP = "由考勤/课题/测评/荣誉记录自动生成，请在原记录中修改"


def _save(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == QDialog.DialogCode.Accepted, form.general_error.text()


def _typed(db: Database) -> list[ArchiveEntry]:
    with db.session() as s:
        return list(s.scalars(select(ArchiveEntry)))


def test_archive_with_derived_and_typed_entries(qtbot, window, ui_street_db: Database,  # type: ignore[no-untyped-def]
                                                 street_actor: Actor) -> None:
    db = ui_street_db
    (person_id,) = add_people(db, street_actor, ["张三"])
    cohort = save_cohort(db, street_actor, {"kind": "studio", "number": 1, "start_date": "2024-03-01"}).id
    save_enrolment(db, street_actor, {"cohort_id": cohort, "person_id": person_id, "enrolled_on": "2024-03-01"})
    session = save_session(db, street_actor, {"title": "社区治理概论", "kind": "通识课程", "date": "2024-04-02",
                                              "hours": 3, "cohort_ids": [cohort]}).id
    record_attendance(db, street_actor, session, [{"person_id": person_id, "status": "出席"}])
    page = window.pages[0]
    page.refresh()
    page.select_id(person_id)
    button = page.findChild(QPushButton, "archive")
    assert button.text() == "成长档案…" and button.isEnabled()
    dialog = page.archive()
    assert dialog.windowTitle() == "成长档案 — 张三"
    assert dialog.summary_label.text() == "参加活动 1 次 · 3 学时 · 出勤率 100.0%"
    assert dialog.model.rowCount() == 1

    # the derived attendance entry: lighter, says where it comes from, not editable here
    dialog.table.selectRow(0)
    derived = dialog.model.index(0, CONTENT)
    assert "社区治理概论" in derived.data() and DERIVED_TIP in derived.data(Qt.ItemDataRole.ToolTipRole)
    assert derived.data(Qt.ItemDataRole.ForegroundRole).color().name() == DERIVED_COLOUR
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert dialog.derived_hint.text() == DERIVED_TIP
    assert dialog.edit_entry() is None and dialog.delete_entry() is None

    form = dialog.add_entry()
    assert form.windowTitle() == "新增档案记录" and form.fields["recorded_by"].get() == OPERATOR
    form.fields["entry_date"].set("2024-05-06")
    form.fields["kind"].set("种子遴选")
    type_text(qtbot, form.fields["content"].widget, "经街道党工委推荐，入选种子学员")
    _save(qtbot, form)
    (entry,) = _typed(db)
    assert (entry.person_id, entry.kind, entry.recorded_by) == (person_id, "selection", OPERATOR)
    assert entry.entry_date == dt.date(2024, 5, 6) and entry.content == "经街道党工委推荐，入选种子学员"
    assert dialog.model.rowCount() == 2 and dialog.selected().entry_id == entry.id  # newest first, selected
    assert dialog.model.index(0, 1).data() == "种子遴选" and dialog.model.index(0, 3).data() == OPERATOR
    assert dialog.edit_button.isEnabled() and dialog.delete_button.isEnabled()

    form = dialog.edit_entry()
    assert form.windowTitle() == "编辑档案记录" and form.fields["kind"].get() == "种子遴选"
    form.fields["content"].set("入选第一期种子学员")
    form.fields["recorded_by"].set("李文书")
    _save(qtbot, form)
    (entry,) = _typed(db)
    assert (entry.content, entry.recorded_by) == ("入选第一期种子学员", "李文书")

    dialog.set_filter("entry")
    assert dialog.model.rowCount() == 1 and dialog.filter.currentText() == "档案记录（1）"
    dialog.table.selectRow(0)
    dialog.confirm = lambda _text: True  # type: ignore[method-assign]
    assert dialog.delete_entry() is not None
    (entry,) = _typed(db)
    assert entry.deleted
    assert dialog.model.rowCount() == 0 and dialog.empty.text() == "没有这一类的记录。"
    dialog.set_filter("")
    assert dialog.model.rowCount() == 1


def test_a_long_archive_opens_at_once(qtbot, ui_street_db: Database, street_actor: Actor,  # type: ignore[no-untyped-def]
                                      settings: Settings) -> None:
    (person_id,) = add_people(ui_street_db, street_actor, ["李四"])
    start = dt.date(2015, 1, 1)
    rows = [{"id": new_id(), "owner": STREET, "version": i + 1, "updated_at": dt.datetime.now(dt.UTC),
             "updated_by": OPERATOR, "deleted": False, "person_id": person_id,
             "entry_date": start + dt.timedelta(days=i), "kind": "note", "content": f"第 {i} 条记录。" * 8,
             "recorded_by": OPERATOR} for i in range(2000)]
    with ui_street_db.session() as s:
        s.execute(insert(ArchiveEntry), rows)
        s.commit()
    ensure_app()
    ctx = AppContext(ui_street_db, settings)
    # How fast it opens is measured by benchmarks/bench_records.py, not here: this machine is
    # shared, and a timed assertion only makes the suite flaky.
    dialog = ArchiveDialog(ctx, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.repaint()
    assert dialog.model.rowCount() == 2000
    assert dialog.model.index(0, 0).data() == (start + dt.timedelta(days=1999)).isoformat()  # newest first
