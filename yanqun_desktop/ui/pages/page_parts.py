"""What every page of the main window shares: the heading, and listing lazily.

The main window calls ``page_title``, ``mark_stale``, ``load_if_stale`` and
``refresh_if_touched`` on each page; a page lists (or counts) only when it is shown, so
start-up stays fast and a write refreshes only the visible page at once."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def page_heading(text: str) -> QLabel:
    """The page's title, larger and bold, at the top left."""
    title = QLabel(text)
    title.setObjectName("page_title")
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    title.setFont(font)
    return title


class LazyRefresh:
    """``mark_stale``/``load_if_stale`` for a QWidget page that defines ``refresh`` (list it after
    QWidget among the bases: it only adds methods QWidget does not have)."""

    _stale: bool = True  # nothing listed until the page is first shown

    def mark_stale(self) -> None:
        """Something this page shows changed: refresh now if visible, else when next shown."""
        # isHidden, not isVisible: the current page of a window not shown yet (selftest) is live too.
        if not self.isHidden():  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def load_if_stale(self) -> None:
        """Refresh now if this is the current page and what it shows is out of date."""
        if self._stale and not self.isHidden():  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]
