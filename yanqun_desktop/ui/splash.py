"""The start-up splash: shown before the GUI's heavy imports (SQLAlchemy, the models, every
page), because the first window takes over a second to appear on an office PC (issue 8:
measured 1.1-1.2 s). Imports nothing of the app but Qt, so it paints within ~0.2 s."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QSplashScreen

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "yanqun-256.png"


def show_splash() -> QSplashScreen | None:
    """Create the QApplication and paint the splash; it closes itself as soon as an event loop
    runs, i.e. when the sign-in dialog or the main window is shown."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if app.platformName() == "offscreen":  # tests, the self-test: nobody to see it
        return None
    splash = QSplashScreen(splash_pixmap())
    splash.show()
    app.processEvents()
    QTimer.singleShot(0, splash.close)  # the first event loop (a dialog's exec or the app's) closes it
    return splash


def splash_pixmap() -> QPixmap:
    pixmap = QPixmap(360, 200)
    pixmap.fill(QColor("#fbf7f2"))
    painter = QPainter(pixmap)
    icon = QPixmap(str(ICON))
    if not icon.isNull():
        painter.drawPixmap(24, 52, icon.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
    title = QFont()
    title.setPointSize(22)
    title.setBold(True)
    painter.setFont(title)
    painter.setPen(QColor("#b3261e"))
    painter.drawText(140, 95, "雁群")
    body = QFont()
    body.setPointSize(10)
    painter.setFont(body)
    painter.setPen(QColor("#555555"))
    painter.drawText(140, 125, "正在启动…")
    painter.end()
    return pixmap
