"""A workbook that fails half-way never replaces the file the clerk chose, nor leaves debris."""

from __future__ import annotations

from pathlib import Path

import pytest

from yanqun_desktop.reports.files import save_workbook


class _FailingWorkbook:
    def save(self, path: str) -> None:
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")


def test_failed_save_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "名单.xlsx"
    target.write_bytes(b"the clerk's earlier export")
    with pytest.raises(OSError):
        save_workbook(_FailingWorkbook(), target)
    assert target.read_bytes() == b"the clerk's earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["名单.xlsx"]


def test_roster_export_is_written_atomically(street_db, clerk, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The export goes through the temporary file: a failure at the last step (the rename, as
    when the stick is pulled) leaves the earlier file and no debris."""
    from yanqun_desktop.reports import files
    from yanqun_desktop.reports.roster_workbook import export_roster

    target = tmp_path / "导出.xlsx"
    target.write_bytes(b"before")

    def pulled(_src: str, _dst: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "replace", pulled)
    with pytest.raises(OSError):
        export_roster(street_db, clerk, target)
    assert target.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".tmp")] == ["导出.xlsx"]
