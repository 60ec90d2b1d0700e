"""Printing growth archives from the app: one person's archive opens in the preview (and prints
onto a PDF-format printer), a cohort's is written in the background and can be cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from ui_helpers import OPERATOR, STREET

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment

NAMES = ["龚䶮", "柏青山", "温如玉", "简一帆"]


@pytest.fixture
def cohort(ui_street_db: Database) -> tuple[str, list[str]]:
    actor = Actor(OPERATOR, "admin", STREET)
    cohort_id = save_cohort(ui_street_db, actor, {"kind": "studio", "number": 2, "start_date": "2024-03-01"}).id
    ids = []
    for name in NAMES:
        pid = save_person(ui_street_db, actor, {"name": name, "gender": "女", "education": "大学本科"}).id
        save_enrolment(ui_street_db, actor, {"cohort_id": cohort_id, "person_id": pid, "enrolled_on": "2024-03-01"})
        ids.append(pid)
    return cohort_id, ids


def test_archive_preview_and_print(qtbot, window, cohort: tuple[str, list[str]], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.archive_dialog import ArchiveDialog

    person_id = cohort[1][0]
    archive = ArchiveDialog(window.ctx, person_id, window)
    qtbot.addWidget(archive)
    archive.print_preview()
    qtbot.waitUntil(lambda: archive.findChild(QDialog, "archive_preview") is not None, timeout=20000)
    preview = archive.findChild(QDialog, "archive_preview")
    assert preview.windowTitle() == "成长档案 — 龚䶮"
    assert preview.document.pageCount() >= 2
    text = "".join(page.extract_text() for page in PdfReader(preview.path).pages)
    assert "龚䶮" in text and "成长档案" in text  # the rare character printed as itself

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.document.pageCount()
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == preview.document.pageCount()
    folder = preview.path.parent
    preview.reject()
    qtbot.waitUntil(lambda: not folder.exists(), timeout=3000)  # the temporary PDF goes with the preview


def test_cohort_batch_written_in_the_background(qtbot, window, cohort: tuple[str, list[str]],  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    dialog = window.data_menu.batch_print()
    qtbot.addWidget(dialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData(cohort[0]))
    target = tmp_path / "第二期.pdf"
    dialog.path_edit.setText(str(target))
    task = dialog.start()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)
    assert dialog.result is not None and dialog.result.people == len(NAMES)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    for name in NAMES:
        assert name in text
    assert dialog.preview_button.isEnabled()
    preview = dialog.preview()
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == dialog.result.pages


def test_cancelled_batch_leaves_no_file(qtbot, window, cohort: tuple[str, list[str]], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = window.data_menu.batch_print()
    qtbot.addWidget(dialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData(cohort[0]))
    target = tmp_path / "取消.pdf"
    dialog.path_edit.setText(str(target))
    task = dialog.start()
    task.cancel()  # at once, as a clerk who picked the wrong cohort: the worker stops at its next check
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30000)
    assert dialog.status.text() == "已取消，未生成文件。"
    assert not target.exists()
    assert list(tmp_path.glob("*.pdf*")) == []  # no temporary file left either


def test_batch_refuses_a_missing_folder(qtbot, window, cohort: tuple[str, list[str]], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = window.data_menu.batch_print()
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "没有这个文件夹" / "a.pdf"))
    assert dialog.start() is None
    assert "不存在" in dialog.error.text()


def test_closing_the_batch_dialog_while_writing(qtbot, window, cohort: tuple[str, list[str]], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = window.data_menu.batch_print()  # deleted once closed: not handed to qtbot
    dialog.scope.setCurrentIndex(dialog.scope.findData(cohort[0]))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "关闭.pdf"
    dialog.path_edit.setText(str(target))
    dialog.start()
    dialog.reject()  # returns (no deadlock): the work is cancelled and waited for
    assert dialog.task is None
    qtbot.wait(100)
    assert [p for p in out.iterdir() if p != target] == []  # no temporary file left behind
    if target.exists():  # it had finished before the close: then it is whole
        assert len(PdfReader(target).pages) >= len(NAMES)
