"""Writing a document so that a crash, a full disk or a pulled USB stick never leaves half a
file under the name the clerk chose: write beside it under a temporary name, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def save_workbook(wb: Any, out: Path | str) -> Path:
    """Save an openpyxl workbook to ``out`` atomically (temporary file in the same folder, then
    ``os.replace``, which is atomic on one volume); the temporary file goes on any failure."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".xlsx.tmp", dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
