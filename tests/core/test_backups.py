"""Encrypted backups: made online, unreadable without the install's key, refused when altered,
truncated or another office's, previewed, restored (the package sequence is not reused), and
thinned to daily / weekly / monthly."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from yanqun_desktop.backups.format import BackupHeader
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.backups import (
    BackupFile,
    backup_now,
    list_backups,
    make_backup,
    preview_backup,
    restore_backup,
    scheduled_backup_due,
    to_thin,
)
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.setup import initialise

CARD = "11010519491231002X"
ADMIN = Actor("王管理", "admin", "shahe")
ADMIN_OTHER = Actor("西丽管理", "admin", "xili")


def _names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM people WHERE deleted = 0")}
    finally:
        conn.close()


def test_backup_is_encrypted_and_restores(tmp_path: Path, street_db: Database, clerk: Actor) -> None:
    save_person(street_db, clerk, {"name": "备份前甲", "id_card": CARD})
    folder = tmp_path / "second-drive"
    made = backup_now(street_db, ADMIN, folder=folder)
    data = made.path.read_bytes()
    assert made.path.parent == folder and made.path.name.endswith("-manual.yqbak")
    assert CARD.encode() not in data and "备份前甲".encode() not in data and b"SQLite format" not in data
    assert [b.path for b in list_backups(folder, "shahe")] == [made.path]

    save_person(street_db, clerk, {"name": "备份后乙"})
    preview = preview_backup(street_db, ADMIN, made.path)
    assert dict(preview.counts)["人员"] == 1 and preview.last_change is not None

    path, keys = street_db.path, street_db.keys_dir
    assert path is not None
    restored, before = restore_backup(street_db, clerk, made.path)
    assert restored.path == made.path and before.header.kind == "before-restore"
    assert _names(path) == {"备份前甲"}
    db = Database.open(path, keys_dir=keys)
    try:
        with sqlite3.connect(path) as conn:
            ops = [r[0] for r in conn.execute("SELECT operation FROM audit_operations ORDER BY id")]
        assert ops[-1] == "backup.restore"
        # the backup made before restoring holds the later person
        assert dict(preview_backup(db, ADMIN, before.path).counts)["人员"] == 2
    finally:
        db.dispose()


def test_altered_truncated_foreign_and_keyless_backups_are_refused(
    tmp_path: Path, street_db: Database, clerk: Actor
) -> None:
    save_person(street_db, clerk, {"name": "完好"})
    made = backup_now(street_db, ADMIN, folder=tmp_path / "b")
    data = made.path.read_bytes()
    altered = tmp_path / "altered.yqbak"
    altered.write_bytes(data[:-100] + bytes([data[-100] ^ 1]) + data[-99:])
    truncated = tmp_path / "truncated.yqbak"
    truncated.write_bytes(data[: len(data) // 2])
    for bad, words in ((altered, "校验失败"), (truncated, "")):
        with pytest.raises(ServiceError, match=words or bad.name):
            restore_backup(street_db, clerk, bad)
    assert _names(street_db.path) == {"完好"}  # type: ignore[arg-type]

    other = Database.open(tmp_path / "xili.sqlite", keys_dir=tmp_path / "xili-keys")
    initialise(other, "xili")
    with pytest.raises(ServiceError, match=r"沙河街道.*的备份"):
        preview_backup(other, ADMIN_OTHER, made.path)
    other.dispose()

    # the same office rebuilt without its old keys cannot read it
    rebuilt = Database.open(tmp_path / "rebuilt.sqlite", keys_dir=tmp_path / "new-keys")
    initialise(rebuilt, "shahe")
    with pytest.raises(ServiceError, match="另一套密钥"):
        preview_backup(rebuilt, ADMIN, made.path)
    rebuilt.dispose()


def test_restore_keeps_the_package_sequence(tmp_path: Path, street_db: Database, clerk: Actor) -> None:
    from yanqun_desktop.sync.keys import next_sequence

    made = backup_now(street_db, ADMIN, folder=tmp_path / "b")
    assert next_sequence(street_db, "nanshan-district") == 1
    assert next_sequence(street_db, "nanshan-district") == 2
    path, keys = street_db.path, street_db.keys_dir
    restore_backup(street_db, clerk, made.path)
    db = Database.open(path, keys_dir=keys)  # type: ignore[arg-type]
    try:
        assert next_sequence(db, "nanshan-district") == 3  # never 1 again
    finally:
        db.dispose()


def _fake(tmp: Path, when: dt.datetime, kind: str = "scheduled") -> BackupFile:
    header = BackupHeader("shahe", "沙河街道", "i", when.isoformat(), kind, "0004", 0, "f")
    return BackupFile(tmp / f"{when:%Y%m%d%H%M}-{kind}.yqbak", header, 0)


def test_thinning_keeps_days_weeks_months_and_manual(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)
    hourly = [_fake(tmp_path, now - dt.timedelta(hours=h)) for h in range(0, 24 * 400, 6)]
    manual = _fake(tmp_path, now - dt.timedelta(days=1000), "manual")
    gone = {b.path for b in to_thin([*hourly, manual], now)}
    kept = [b for b in hourly if b.path not in gone]
    assert manual.path not in gone
    assert hourly[0] in kept and hourly[1] in kept and hourly[2] in kept  # the 3 newest
    days = {b.created.astimezone().date() for b in kept if now - b.created <= dt.timedelta(days=7)}
    assert len(days) >= 7
    assert len(kept) <= 3 + 7 + 5 + 12 and len(kept) >= 12
    assert all(now - b.created <= dt.timedelta(days=31 * 12) for b in kept)


def test_scheduled_backup_due_after_a_day(tmp_path: Path, street_db: Database) -> None:
    assert scheduled_backup_due(street_db)
    make_backup(street_db, kind="scheduled")
    assert not scheduled_backup_due(street_db)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
    assert scheduled_backup_due(street_db, now=later)


def test_backup_and_restore_from_the_command_line(
    tmp_path: Path, street_db: Database, clerk: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    from yanqun_desktop.cli import main

    save_person(street_db, clerk, {"name": "命令行甲", "id_card": CARD})
    base = ["--db", str(street_db.path), "--keys", str(street_db.keys_dir), "--user", "admin"]
    folder = tmp_path / "usb"
    assert main([*base, "backup", "--out", str(folder)]) == 0
    _, err = capsys.readouterr()
    [made] = folder.glob("*.yqbak")
    assert str(made) in err and CARD not in err
    assert main([*base, "backup", "--out", str(folder), "--list"]) == 0
    assert "手动" in capsys.readouterr()[1]
    save_person(street_db, clerk, {"name": "命令行乙"})
    street_db.dispose()
    assert main([*base, "restore", str(made)]) == 1  # not a terminal, no --yes: nothing done
    assert "--yes" in capsys.readouterr()[1]
    assert _names(street_db.path) == {"命令行甲", "命令行乙"}  # type: ignore[arg-type]
    assert main([*base, "restore", str(made), "--yes"]) == 0
    _, err = capsys.readouterr()
    assert "人员 1" in err and "恢复前的数据库已备份" in err
    assert _names(street_db.path) == {"命令行甲"}  # type: ignore[arg-type]
    assert main([*base, "restore", str(tmp_path / "missing.yqbak"), "--yes"]) == 1


def test_leftovers_of_a_killed_backup_are_swept(tmp_path: Path, street_db: Database) -> None:
    import os

    from yanqun_desktop.services.backups import sweep_leftovers

    folder = tmp_path / "b"
    folder.mkdir()
    source = street_db.path
    assert source is not None
    plain = source.with_name(f".{source.name}.backup.part")
    half = folder / "shahe-20260101-000000-scheduled.yqbak.part"
    fresh = folder / "shahe-20260101-000001-manual.yqbak.part"
    for f in (plain, half, fresh):
        f.write_bytes(b"x")
    old = dt.datetime.now().timestamp() - 7200
    os.utime(plain, (old, old))
    os.utime(half, (old, old))
    assert set(sweep_leftovers(source, folder)) == {plain, half}
    assert fresh.exists()  # another window's backup may be writing it


def test_a_full_disk_while_writing_stops_the_backup(tmp_path: Path, street_db: Database,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The encrypted chunks are written on a second thread: its error reaches the backup, which
    leaves no file under a final name (and does not hang with chunks still queued)."""
    import errno
    import io

    from yanqun_desktop.backups import format as backup_format

    for name in ("满盘甲", "满盘乙", "满盘丙", "满盘丁"):
        save_person(street_db, ADMIN, {"name": name, "note": "备注" * 20000})
    monkeypatch.setattr(backup_format, "CHUNK", 4096)  # many chunks, so the queue fills

    class FullDisk:
        """A file whose disk fills after three writes."""

        def __init__(self, handle: io.BufferedWriter) -> None:
            self.handle, self.written = handle, 0

        def write(self, data: bytes) -> int:
            self.written += 1
            if self.written > 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(data)

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self.handle, name)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    real_open = Path.open

    def open_(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        handle = real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]
        return FullDisk(handle) if mode == "wb" and self.name.endswith(".yqbak.part") else handle

    monkeypatch.setattr(Path, "open", open_)
    folder = tmp_path / "b"
    with pytest.raises(OSError, match="No space"):
        backup_now(street_db, ADMIN, folder=folder)
    assert list(folder.iterdir()) == []
