"""package export / import: sync packages (filled in by the sync work)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Registered by cli/__init__.py; the sub-commands are added here."""
