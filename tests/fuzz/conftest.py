"""The fuzz suite reuses the sync tests' helpers (offices, checksums) and shares one world per
module (building offices with keys and demo data takes a second; each case then runs in ms)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "sync"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
