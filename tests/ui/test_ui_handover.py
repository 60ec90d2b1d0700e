"""A double-click on a package: `yanqun FILE.yqpkg` opens the import screen, or hands the file to
the app already running for this user and database (which raises its window, behind the lock
first when locked), and exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.accounts import create_first_admin
from yanqun_desktop.ui.app import HandOver, WindowKeeper, build_main_window
from yanqun_desktop.ui.dialogs.package_import_dialog import PackageImportDialog
from yanqun_desktop.ui.pages.sync_page import SyncPage
from yanqun_desktop.ui.single_instance import InstanceServer, server_name

PASSWORD = "Yanqun-test-2024"


def _package(tmp_path: Path) -> Path:
    """Not a real package: the import screen opens on it and refuses it (nothing is written)."""
    path = tmp_path / "district-0001-20240105.yqpkg"
    path.write_bytes(b"not a package")
    return path


def _import_dialogs() -> list[PackageImportDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PackageImportDialog) and w.isVisible()]


def _opened(qtbot, path: Path) -> PackageImportDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(d.paths == [path] for d in _import_dialogs()), timeout=10000)
    dialog = next(d for d in _import_dialogs() if d.paths == [path])
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    return dialog


@pytest.fixture
def server(ui_street_db: Database):  # type: ignore[no-untyped-def]
    instance = InstanceServer(server_name(ui_street_db.path))
    assert instance.listen()
    yield instance
    instance.close()


def test_the_local_server_receives_a_path_and_opens_the_import_dialog(  # type: ignore[no-untyped-def]
    qtbot, ui_street_db: Database, settings: Settings, server: InstanceServer, tmp_path: Path
) -> None:
    keeper = WindowKeeper(ui_street_db, settings)
    keeper.window = build_main_window(ui_street_db, settings)
    qtbot.addWidget(keeper.window)
    keeper.window.show()
    hand_over = HandOver(keeper, [])  # referenced: a connection does not keep it alive
    server.received.connect(hand_over.receive)
    package = _package(tmp_path)
    client = QLocalSocket()
    client.connectToServer(server.name)
    assert client.waitForConnected(2000)
    client.write(json.dumps({"open": [str(package)]}).encode() + b"\n")
    client.flush()
    dialog = _opened(qtbot, package)
    qtbot.waitUntil(lambda: client.bytesAvailable() > 0 or client.waitForReadyRead(10), timeout=5000)
    assert bytes(client.readAll().data()) == b"ok\n"
    window = keeper.window
    assert isinstance(window.pages[window.nav.currentRow()], SyncPage)  # the sync page, under the dialog
    assert [r.status for r in dialog.reports] == ["refused"]
    assert not dialog.apply_button.isEnabled()
    dialog.reject()


def test_a_locked_app_shows_the_lock_first_and_the_import_once_unlocked(  # type: ignore[no-untyped-def]
    qtbot, ui_street_db: Database, settings: Settings, tmp_path: Path
) -> None:
    actor, _code = create_first_admin(ui_street_db, "admin", "管理员", PASSWORD)
    window = build_main_window(ui_street_db, settings, actor)
    qtbot.addWidget(window)
    window.show()
    lock = window.lock()
    package = _package(tmp_path)
    assert window.receive_packages([package]) is lock
    assert _import_dialogs() == [] and window.pending_packages == [package]
    lock.password.setText(PASSWORD)
    lock.unlock()
    dialog = _opened(qtbot, package)
    assert window.pending_packages == []
    dialog.reject()


def test_packages_wait_for_the_sign_in(  # type: ignore[no-untyped-def]
    qtbot, ui_street_db: Database, settings: Settings, tmp_path: Path
) -> None:
    """Started by a double-click (or handed a file while the sign-in dialog is up): the import
    screen opens once the main window is there."""
    keeper = WindowKeeper(ui_street_db, settings)
    package = _package(tmp_path)
    hand_over = HandOver(keeper, [])
    hand_over.receive([str(package)])
    assert hand_over.pending == [package] and _import_dialogs() == []
    actor, _code = create_first_admin(ui_street_db, "admin", "管理员", PASSWORD)
    window = keeper.open(actor)
    qtbot.addWidget(window)
    hand_over.window_shown()
    _opened(qtbot, package).reject()


def test_a_second_start_hands_over_and_exits_0(  # type: ignore[no-untyped-def]
    qtbot, ui_street_db: Database, server: InstanceServer, tmp_path: Path
) -> None:
    received: list[list[str]] = []
    server.received.connect(received.append)
    package = _package(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", "yanqun_desktop", "--db", str(ui_street_db.path), package.name],
                             cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=60000)  # the event loop turns: the server answers
    _out, err = child.communicate()
    assert child.returncode == 0, err.decode(errors="replace")
    assert received == [[str(package)]]  # made absolute by the second start (its working folder differs)


def test_a_bare_second_start_only_raises_the_running_window(  # type: ignore[no-untyped-def]
    qtbot, ui_street_db: Database, settings: Settings, server: InstanceServer
) -> None:
    keeper = WindowKeeper(ui_street_db, settings)
    keeper.window = build_main_window(ui_street_db, settings)
    qtbot.addWidget(keeper.window)
    keeper.window.showMinimized()
    hand_over = HandOver(keeper, [])
    server.received.connect(hand_over.receive)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", "yanqun_desktop", "--db", str(ui_street_db.path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=60000)
    assert child.returncode == 0
    qtbot.waitUntil(lambda: not keeper.window.isMinimized(), timeout=5000)
    assert _import_dialogs() == []


def test_one_server_per_user_and_database(ui_street_db: Database, server: InstanceServer, tmp_path: Path) -> None:
    assert server_name(ui_street_db.path) == server_name(Path(os.path.relpath(ui_street_db.path)))
    assert server_name(tmp_path / "other.sqlite") != server.name  # the demo database is another app
    assert not InstanceServer(server.name).listen()  # a running app is never displaced


def test_the_command_line_opens_the_gui_with_a_bare_package(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import yanqun_desktop.ui.app as app_module
    from yanqun_desktop.cli import main

    calls: list[tuple[str, list[Path]]] = []
    monkeypatch.setattr(app_module, "run_gui", lambda location, *, packages, **_k: calls.append((location, packages))
                        or 0)
    db = tmp_path / "x.sqlite"
    assert main(["--db", str(db), "C:\\Users\\clerk\\Downloads\\district-0003-20240301.YQPKG"]) == 0
    assert calls == [(str(db), [Path("C:\\Users\\clerk\\Downloads\\district-0003-20240301.YQPKG")])]
    with pytest.raises(SystemExit) as usage:  # anything else bare is still a usage error
        main(["--db", str(db), "notes.txt"])
    assert usage.value.code == 2
