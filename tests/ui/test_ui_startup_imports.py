"""Start-up loads only what the first screen needs. The main window's frame paints before
SQLAlchemy, the models or any sub-command of the CLI is imported; the sign-in comes up in
front of that frame, which then becomes the main window; and the whole way to the listed first
page loads no reportlab, openpyxl, cryptography (the sync and backup crypto), calamine or demo
generator. Checked in a fresh process (other tests import them all) that runs the real
`yanqun` entry point: frame, sign-in dialog, main window, the event loop's first turns."""

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
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog

app = QApplication(sys.argv[:1])  # the one the app will set up (ensure_app reuses it)
first_paint = {}

class FirstPaint(QObject):  # what was loaded when a main window first painted
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not first_paint and type(obj).__name__ == "MainWindow":
            first_paint["populated"] = obj.populated
            first_paint["loaded"] = sorted(m for m in sys.modules if m.startswith(
                ("sqlalchemy", "yanqun_desktop.db", "yanqun_desktop.services.accounts", "yanqun_desktop.cli."))
                and m != "yanqun_desktop.cli.context")  # where the database is: needed
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
parents = []

def sign_in(dialog):  # the clerk types the password and presses Enter (the only dialog expected)
    parents.append(f"{type(dialog).__name__} over {type(dialog.parent()).__name__}")
    dialog.login.setText("admin")
    dialog.password.setText(sys.argv[3])
    dialog.try_sign_in()
    return dialog.result()

def event_loop():  # a few turns: the window paints and lists its first page, then quit
    for _ in range(20):
        QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what the running loop does
    shown = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
    print(json.dumps({"shown": len(shown), "populated": [w.populated for w in shown], "parents": parents,
                      "dialogs": [type(d).__name__ for w in shown for d in w.findChildren(QDialog)],
                      "first_paint": first_paint, "modules": sorted(sys.modules)}))
    return 0

QDialog.exec = sign_in  # patched on Qt's class: importing the dialog here would load SQLAlchemy
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
    assert report["first_paint"] == {"populated": False, "loaded": []}  # the frame, before SQLAlchemy
    assert report["parents"] == ["SignInDialog over MainWindow"]  # the sign-in, in front of the frame
    assert report["shown"] == 1 and report["populated"] == [True]  # the frame became the main window
    assert report["dialogs"] == []  # the sign-in dialog did not stay behind in the window all day
    loaded = [m for m in HEAVY if m in report["modules"]]
    assert loaded == [], f"imported at start-up: {loaded}"
    assert "PySide6.QtNetwork" in report["modules"]  # the single-instance server listens
