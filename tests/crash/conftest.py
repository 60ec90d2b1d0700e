"""The crash tests reuse the sync tests' helpers to build their offices."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "sync"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
