"""The start-up splash: painted from Qt alone (before the app's heavy imports), never shown
offscreen (tests, the self-test)."""

from __future__ import annotations

import subprocess
import sys


def test_splash_is_drawn_and_skipped_offscreen(qtbot) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.splash import show_splash, splash_pixmap

    pixmap = splash_pixmap()
    assert not pixmap.isNull() and pixmap.width() == 360
    image = pixmap.toImage()
    assert image.pixelColor(72, 100) != image.pixelColor(5, 5)  # the icon was painted
    assert show_splash() is None


def test_the_splash_module_loads_nothing_of_the_app() -> None:
    code = ("import sys, yanqun_desktop.ui.splash; "
            "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'yanqun_desktop.db', "
            "'yanqun_desktop.services'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
