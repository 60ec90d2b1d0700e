"""The shipped fonts serve the screen too: a rare character in a name shows as itself."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QRawFont

from yanqun_desktop.ui.qt_app import SHIPPED_FONTS, ensure_app


def test_shipped_fonts_are_registered_as_fallbacks() -> None:
    app = ensure_app()
    families = app.font().families()
    assert "AR PL UMing CN" in families
    assert "AR PL UMing CN" in QFontDatabase.families()
    assert families[0] != "AR PL UMing CN"  # the platform's own font stays first


def test_a_registered_fallback_has_the_rare_characters() -> None:
    ensure_app()
    covering = [p for p in SHIPPED_FONTS.glob("*.tt[fc]") if QRawFont(str(p), 12).supportsCharacter("䶮")]
    assert covering, "no shipped font has 䶮 (CJK Extension A)"
