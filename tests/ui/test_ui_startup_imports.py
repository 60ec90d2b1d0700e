"""Start-up loads only what the first screen needs: the sign-in and the main window show before
reportlab, openpyxl, cryptography (the sync and backup crypto), calamine and the demo generator
are imported. Checked in a fresh process (other tests import them all) that runs the real
`yanqun` entry point: sign-in dialog, main window, the event loop's first turns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ui_helpers import STREET, open_db

from yanqun_desktop.services.accounts import create_first_admin

HEAVY = ("reportlab", "openpyxl", "cryptography", "python_calamine", "yanqun_desktop.services.demo")

CHILD = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from yanqun_desktop.ui.dialogs.sign_in_dialogs import SignInDialog
from yanqun_desktop.ui.main_window import MainWindow

def sign_in(dialog):  # the clerk types the password and presses Enter
    dialog.login.setText("admin")
    dialog.password.setText(sys.argv[3])
    dialog.try_sign_in()
    return dialog.result()

def event_loop():  # a few turns: the window paints and lists its first page, then quit
    for _ in range(20):
        QApplication.processEvents()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    print(json.dumps({"shown": len(shown), "modules": sorted(sys.modules)}))
    return 0

SignInDialog.exec = sign_in
QApplication.exec = staticmethod(event_loop)
from yanqun_desktop.cli import main
sys.exit(main(["--db", sys.argv[1], "--keys", sys.argv[2]]))
"""


def test_the_main_window_shows_before_the_heavy_libraries_load(tmp_path: Path) -> None:
    db = open_db(tmp_path, STREET)
    create_first_admin(db, "admin", "管理员", "Yanqun-test-2024")
    path = db.path
    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run([sys.executable, "-c", CHILD, str(path), str(tmp_path / f"{STREET}-keys"),
                            "Yanqun-test-2024"], env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert report["shown"] == 1
    loaded = [m for m in HEAVY if m in report["modules"]]
    assert loaded == [], f"imported at start-up: {loaded}"
    assert "PySide6.QtNetwork" in report["modules"]  # the single-instance server listens
