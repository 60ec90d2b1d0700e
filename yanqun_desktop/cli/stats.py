"""stats: the figures and the statistics workbook (filled in by the statistics work)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Registered by cli/__init__.py; the sub-commands are added here."""
