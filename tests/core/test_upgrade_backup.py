"""The backup made before a schema upgrade: encrypted to the install's key when the key folder
holds this office's identity (listed, previewed with the old schema's counts, restored and
upgraded again), a plain copy said plainly when it does not, and no upgrade when it fails."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from yanqun_desktop.db.database import Database, OrgIdentity
from yanqun_desktop.db.migrate import HEAD_REVISION, SchemaError
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.backups import (
    KIND_LABELS,
    PREVIEW_TABLES,
    backup_folder,
    list_backups,
    preview_backup,
    restore_backup,
)
from yanqun_desktop.services.opening import open_database
from yanqun_desktop.services.people import save_person
from yanqun_desktop.sync.keys import ensure_identity

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"
# The newest released schema older than this program's (a fixture at HEAD needs no upgrade).
OLD = max(p for p in FIXTURES.glob("*.sqlite") if p.stem < HEAD_REVISION)
ADMIN = Actor("王管理", "admin", "shahe")


def _old_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "office" / "shahe.sqlite"
    copy.parent.mkdir()
    copy.write_bytes(OLD.read_bytes())
    return copy


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _revision(path: Path) -> str:
    return str(_query(path, "SELECT version_num FROM alembic_version")[0][0])


def _people(path: Path) -> list[tuple[object, ...]]:
    return _query(path, "SELECT id, name, id_card, phone, version FROM people ORDER BY id")


def _counts(path: Path) -> dict[str, int]:
    """What the preview should say, counted straight from the file."""
    out = {}
    for table, label in PREVIEW_TABLES:
        where = "" if table == "audit_operations" else " WHERE deleted = 0"
        out[label] = int(_query(path, f"SELECT count(*) FROM {table}{where}")[0][0])  # type: ignore[call-overload]
    return out


def _keys_for(path: Path, keys: Path) -> str:
    """The install's identity, as ``init`` made it, for the office of the old database file."""
    meta = dict(_query(path, "SELECT key, value FROM install_meta"))
    install = SimpleNamespace(keys_dir=keys, install_id=meta["install_id"],
                              org=lambda: OrgIdentity(str(meta["org_code"]), "沙河街道"))
    return ensure_identity(install).fingerprint  # type: ignore[arg-type]


def test_upgrade_with_keys_backs_up_encrypted_then_previews_and_restores(tmp_path: Path) -> None:
    path, keys = _old_copy(tmp_path), tmp_path / "keys"
    fingerprint = _keys_for(path, keys)
    old_revision, old_people, old_counts = _revision(path), _people(path), _counts(path)
    assert old_revision < HEAD_REVISION and old_people

    db = open_database(path, keys_dir=keys)
    backup = db.migration.backup
    assert backup is not None and db.migration.backup_encrypted
    # encrypted, in the backup folder the backup dialog lists, and no plaintext copy anywhere
    data = backup.read_bytes()
    assert data.startswith(b"YQBAK") and b"SQLite format 3" not in data
    assert not any(str(name).encode() in data for _id, name, *_ in old_people)
    assert backup.parent == backup_folder(db) == path.parent / "backups"
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []
    assert "加密备份" in db.migration.message and "未加密" not in db.migration.message
    # the migration ran after the backup
    assert db.migration.from_revision == old_revision and _revision(path) == HEAD_REVISION
    assert _query(path, "SELECT count(*) FROM accounts") == [(0,)]

    [listed] = list_backups(backup_folder(db), "shahe")
    assert listed.path == backup and listed.automatic
    assert KIND_LABELS[listed.header.kind] == "升级前"
    assert listed.header.schema_revision == old_revision and listed.header.fingerprint == fingerprint

    # previewed with the counts of the old schema's tables
    preview = preview_backup(db, ADMIN, backup)
    assert dict(preview.counts) == old_counts and preview.last_change is not None

    save_person(db, ADMIN, {"name": "升级后新增"})
    assert len(_people(path)) == len(old_people) + 1
    found, before = restore_backup(db, ADMIN, backup)
    assert found.header.kind == "before-upgrade" and before.header.kind == "before-restore"
    # the restored database is the pre-upgrade content, upgraded again while it was still a copy
    assert _revision(path) == HEAD_REVISION and _people(path) == old_people
    assert sorted(p.name for p in backup.parent.glob("*.sqlite")) == []  # no plaintext copy made
    again = open_database(path, keys_dir=keys)
    try:
        assert not again.migration.changed and again.migration.message == ""
        ops = _query(path, "SELECT operation FROM audit_operations ORDER BY id")
        assert ops[-1] == ("backup.restore",)
    finally:
        again.dispose()


def test_upgrade_backup_goes_to_the_backup_folder_of_the_settings(tmp_path: Path) -> None:
    from yanqun_desktop.config import load_settings, save_settings

    settings = load_settings()
    settings.backup_dir = str(tmp_path / "drive-d")
    save_settings(settings)
    path, keys = _old_copy(tmp_path), tmp_path / "keys"
    _keys_for(path, keys)
    db = open_database(path, keys_dir=keys)
    try:
        assert db.migration.backup is not None and db.migration.backup.parent == tmp_path / "drive-d"
        assert [b.path for b in list_backups(backup_folder(db), "shahe")] == [db.migration.backup]
    finally:
        db.dispose()


def test_without_keys_the_plain_copy_is_kept_and_said(tmp_path: Path) -> None:
    path = _old_copy(tmp_path)
    old_revision, old_people = _revision(path), _people(path)
    db = open_database(path, keys_dir=tmp_path / "no-keys-yet")
    try:
        backup = db.migration.backup
        assert backup is not None and not db.migration.backup_encrypted
        assert backup.suffix == ".sqlite" and backup.read_bytes().startswith(b"SQLite format 3")
        assert _revision(backup) == old_revision and _people(backup) == old_people
        assert "未加密" in db.migration.message and "没有本机密钥" in db.migration.message
        assert _revision(path) == HEAD_REVISION
    finally:
        db.dispose()


def test_keys_of_another_office_fall_back_to_the_plain_copy(tmp_path: Path) -> None:
    path, keys = _old_copy(tmp_path), tmp_path / "keys"
    other = SimpleNamespace(keys_dir=keys, install_id="01a224e3-3d28-7443-9270-a670f4ba5b99",
                            org=lambda: OrgIdentity("xili", "西丽街道"))
    ensure_identity(other)  # type: ignore[arg-type]
    db = open_database(path, keys_dir=keys)
    try:
        assert not db.migration.backup_encrypted and "xili" in db.migration.message
    finally:
        db.dispose()


@pytest.mark.parametrize("with_keys", [True, False], ids=["encrypted", "plain"])
def test_a_failing_backup_leaves_the_database_unmigrated(tmp_path: Path, with_keys: bool) -> None:
    path, keys = _old_copy(tmp_path), tmp_path / "keys"
    if with_keys:
        _keys_for(path, keys)
    before = path.read_bytes()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    with pytest.raises(SchemaError, match="升级前的备份失败") as refused:
        open_database(path, keys_dir=keys, backup_dir=blocker / "backups")
    assert "未做任何修改" in str(refused.value)
    assert path.read_bytes() == before and _revision(path) < HEAD_REVISION
    # without the hook (plain copy) the same refusal
    with pytest.raises(SchemaError, match="升级前的备份失败"):
        Database.open(path, keys_dir=keys, backup_dir=blocker / "backups")
    assert path.read_bytes() == before


def test_the_command_line_upgrades_after_an_encrypted_backup_and_restores_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from yanqun_desktop.cli import main

    path, keys = _old_copy(tmp_path), tmp_path / "keys"
    _keys_for(path, keys)
    old_people = _people(path)
    base = ["--db", str(path), "--keys", str(keys)]
    assert main([*base, "backup", "--list"]) == 0
    err = capsys.readouterr()[1]
    [made] = (path.parent / "backups").glob("*-before-upgrade.yqbak")
    assert f"升级前已做加密备份：{made}" in err and "升级前" in err.split(str(made))[-1]
    assert _revision(path) == HEAD_REVISION
    assert main([*base, "restore", str(made), "--yes"]) == 0
    err = capsys.readouterr()[1]
    assert f"人员 {len(old_people)}" in err and "恢复前的数据库已备份" in err
    assert _revision(path) == HEAD_REVISION and _people(path) == old_people


@pytest.mark.parametrize("fixture", sorted(p for p in FIXTURES.glob("*.sqlite") if p.stem < HEAD_REVISION),
                         ids=lambda p: p.stem)
def test_every_older_released_schema_is_backed_up_encrypted(fixture: Path, tmp_path: Path) -> None:
    copy, keys = tmp_path / fixture.name, tmp_path / "keys"
    copy.write_bytes(fixture.read_bytes())
    _keys_for(copy, keys)
    db = open_database(copy, keys_dir=keys)
    try:
        assert db.migration.backup_encrypted and db.migration.from_revision == fixture.stem
        assert dict(preview_backup(db, ADMIN, db.migration.backup).counts) == _counts(fixture)  # type: ignore[arg-type]
    finally:
        db.dispose()
