"""Start-up in steps: the main window's frame first, the database opened on a worker thread while
the frame keeps painting, then sign-in in front of the frame, which becomes the main window."""

from __future__ import annotations

import gc
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMetaObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox
from ui_helpers import add_people

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.ui import app as app_module
from yanqun_desktop.ui import sign_in
from yanqun_desktop.ui.app import wait_on_worker
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.main_window import MainWindow
from yanqun_desktop.ui.qt_app import ensure_app
from yanqun_desktop.ui.single_instance import hand_over, server_name


def test_the_frame_shows_the_opening_line_until_populated(qtbot, ui_street_db: Database,  # type: ignore[no-untyped-def]
                                                          settings: Settings, street_actor: Actor) -> None:
    add_people(ui_street_db, street_actor, ["林晓"])
    ensure_app()  # the Chinese catalogue, as the app has it before the frame
    frame = MainWindow()
    qtbot.addWidget(frame)
    frame.show()
    assert not frame.populated and frame.windowTitle() == "雁群"
    assert frame.findChild(QListWidget, "nav") is None  # no pages before someone signed in
    assert not frame.busy_bar.isHidden()  # the database is opening
    frame.set_opening_text("等待登录…", busy=False)
    assert frame.opening_label.text() == "等待登录…" and frame.busy_bar.isHidden()
    frame.populate(AppContext(ui_street_db, settings, street_actor))
    assert frame.populated and frame.windowTitle() == "雁群 — 招商街道"
    assert frame.nav.item(0).text() == "工作室学员" and frame.pages[0].model.rowCount() == 1
    assert frame.centralWidget().objectName() != "opening"
    frame.set_opening_text("不应出现")  # a late message changes nothing once populated
    assert "不应出现" not in [label.text() for label in frame.findChildren(type(frame.operator_label))]


def test_the_database_opens_on_a_worker_while_the_window_keeps_going(qapp) -> None:  # type: ignore[no-untyped-def]
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    release = threading.Event()
    QTimer.singleShot(100, release.set)  # only the UI thread's event loop can let the worker finish

    def work() -> tuple[str, bool]:
        assert release.wait(10), "the UI thread's event loop did not run while waiting"
        return threading.current_thread().name, gc.isenabled()

    assert gc.isenabled()
    # no cyclic collection on the worker meanwhile: it could delete the UI thread's Qt objects
    assert wait_on_worker(work) == ("yanqun-open", False)
    assert gc.isenabled()
    timer.stop()
    assert len(ticks) >= 3  # the window would have repainted meanwhile


def test_a_failure_on_the_worker_is_raised_on_the_ui_thread(qapp) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise ValueError("坏了")

    with pytest.raises(ValueError, match="坏了"):
        wait_on_worker(work)


def test_quitting_at_the_sign_in_closes_the_frame(qapp, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                  ui_street_db: Database) -> None:
    asked: list[MainWindow] = []

    def quit_at_sign_in(_db: Database, _settings: Settings, *, demo: bool, parent: MainWindow) -> None:
        asked.append(parent)
        assert parent.isVisible() and not parent.populated
        assert parent.opening_label.text() == "等待登录…" and parent.busy_bar.isHidden()  # waits for the clerk

    monkeypatch.setattr(sign_in, "start_session", quit_at_sign_in)
    assert app_module.run_gui(ui_street_db.path, demo=False, keys_dir=tmp_path / "zhaoshang-keys") == 0
    assert len(asked) == 1 and isinstance(asked[0], MainWindow)
    assert not asked[0].isVisible()


def test_a_frame_closed_while_the_database_opens_ends_the_start(qapp, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                                ui_street_db: Database) -> None:
    frames = _record_frames(monkeypatch)
    opened = app_module._open_in_worker

    def open_while_closed(location: str, keys: Path | None) -> Database:
        _close_from_the_worker(frames[0])
        return opened(location, keys)

    monkeypatch.setattr(app_module, "_open_in_worker", open_while_closed)
    monkeypatch.setattr(sign_in, "start_session", lambda *_a, **_k: pytest.fail("signed in after the close"))
    monkeypatch.setattr(QMessageBox, "critical", lambda *_a: pytest.fail("no message for a close"))
    assert app_module.run_gui(ui_street_db.path, demo=False, keys_dir=tmp_path / "zhaoshang-keys") == 0
    assert not frames[0].isVisible()


def test_a_package_handed_over_while_the_database_opens_is_opened_after(  # type: ignore[no-untyped-def]
        qapp, tmp_path: Path, monkeypatch, ui_street_db: Database, street_actor: Actor) -> None:
    add_people(ui_street_db, street_actor, ["林晓"])
    ui_street_db.set_meta(demo="1")  # opens without a sign-in
    package = tmp_path / "沙河-第3批.yqpkg"
    opened = app_module._open_in_worker
    given: list[list[Path]] = []

    def open_after_a_double_click(location: str, keys: Path | None) -> Database:
        # a second start hands a package over to this one while its database opens
        assert hand_over(server_name(location), [package])
        return opened(location, keys)

    monkeypatch.setattr(app_module, "_open_in_worker", open_after_a_double_click)
    monkeypatch.setattr(MainWindow, "receive_packages", lambda _w, paths: given.append(paths))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)  # the event loop is not run in tests
    assert app_module.run_gui(ui_street_db.path, demo=False, keys_dir=tmp_path / "zhaoshang-keys") == 0
    assert given == [[package]]
    _close_main_windows()


def test_a_package_handed_over_while_the_frame_paints_is_kept(  # type: ignore[no-untyped-def]
        qapp, tmp_path: Path, monkeypatch, ui_street_db: Database, street_actor: Actor) -> None:
    """Several packages double-clicked at once: the later starts wait on the start-up lock and
    hand over as soon as this start listens, i.e. while its frame paints."""
    add_people(ui_street_db, street_actor, ["林晓"])
    ui_street_db.set_meta(demo="1")
    package = tmp_path / "西丽-第1批.yqpkg"
    show_painted = app_module.show_painted
    given: list[list[Path]] = []

    def painted_while_another_start_hands_over(window: MainWindow, timeout_ms: int = 1000) -> None:
        handed: list[bool] = []
        other = threading.Thread(target=lambda: handed.append(hand_over(server_name(ui_street_db.path), [package])))
        other.start()
        while other.is_alive():  # the frame's first event loop turns meanwhile
            QApplication.processEvents()
        assert handed == [True]
        show_painted(window, timeout_ms)

    monkeypatch.setattr(app_module, "show_painted", painted_while_another_start_hands_over)
    monkeypatch.setattr(MainWindow, "receive_packages", lambda _w, paths: given.append(paths))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    assert app_module.run_gui(ui_street_db.path, demo=False, keys_dir=tmp_path / "zhaoshang-keys") == 0
    assert given == [[package]]
    _close_main_windows()


def test_a_double_click_after_closing_the_frame_brings_it_back(  # type: ignore[no-untyped-def]
        qapp, tmp_path: Path, monkeypatch, ui_street_db: Database, street_actor: Actor) -> None:
    add_people(ui_street_db, street_actor, ["林晓"])
    ui_street_db.set_meta(demo="1")
    package = tmp_path / "蛇口-第2批.yqpkg"
    frames = _record_frames(monkeypatch)
    opened = app_module._open_in_worker
    given: list[list[Path]] = []

    def closed_then_double_clicked(location: str, keys: Path | None) -> Database:
        _close_from_the_worker(frames[0])
        assert hand_over(server_name(location), [package])  # the clerk starts it again meanwhile
        return opened(location, keys)

    monkeypatch.setattr(app_module, "_open_in_worker", closed_then_double_clicked)
    monkeypatch.setattr(MainWindow, "receive_packages", lambda _w, paths: given.append(paths))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    assert app_module.run_gui(ui_street_db.path, demo=False, keys_dir=tmp_path / "zhaoshang-keys") == 0
    assert frames[0].isVisible() and frames[0].populated  # shown again, then the main window
    assert given == [[package]]
    _close_main_windows()


def test_an_open_that_fails_names_the_packages_handed_over_meanwhile(  # type: ignore[no-untyped-def]
        qapp, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    package = tmp_path / "南头-第4批.yqpkg"
    opened = app_module._open_in_worker

    def double_clicked_then_refused(location: str, keys: Path | None) -> Database:
        assert hand_over(server_name(location), [package])
        return opened(location, keys)

    shown: list[str] = []
    monkeypatch.setattr(app_module, "_open_in_worker", double_clicked_then_refused)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: shown.append(f"{title}|{text}"))
    assert app_module.run_gui(path, demo=False, keys_dir=tmp_path / "keys") == 1
    assert len(shown) == 1 and "不是雁群数据库" in shown[0]
    assert "以下数据包没有打开" in shown[0] and str(package) in shown[0]


def _close_main_windows() -> None:
    """The windows a stand-in event loop left open: closed and deleted, timers and all."""
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.close()
            window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _record_frames(monkeypatch) -> list[MainWindow]:  # type: ignore[no-untyped-def]
    """The frames run_gui shows, in a list the test can read from the worker."""
    frames: list[MainWindow] = []
    show_painted = app_module.show_painted

    def shown(window: MainWindow, timeout_ms: int = 1000) -> None:
        frames.append(window)
        show_painted(window, timeout_ms)

    monkeypatch.setattr(app_module, "show_painted", shown)
    return frames


def _close_from_the_worker(frame: MainWindow) -> None:
    """The clerk closes the window while the database opens: asked of the UI thread, as a click
    would be, and waited for."""
    QMetaObject.invokeMethod(frame, "close", Qt.ConnectionType.QueuedConnection)
    for _ in range(1000):
        if not frame.isVisible():
            return
        threading.Event().wait(0.01)
