"""Open a database the way the app and the CLI do: an older SQLite schema is backed up,
encrypted to the install's key, before it is upgraded (``backups.backup_before_upgrade``).

``db/`` cannot import the services layer, so ``Database.open`` takes the backup as a hook; this
module supplies it. The backups module (and cryptography) is imported only when an upgrade
actually needs the backup, so opening a current database costs nothing more."""

from __future__ import annotations

from pathlib import Path

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.migrate import UpgradeBackup, UpgradeSource


def before_upgrade(source: UpgradeSource) -> UpgradeBackup:
    from yanqun_desktop.services.backups import backup_before_upgrade

    return backup_before_upgrade(source)


def open_database(
    path_or_url: str | Path, *, keys_dir: Path | str | None = None, backup_dir: Path | None = None
) -> Database:
    """``Database.open`` with the encrypted backup before an upgrade; ``SchemaError`` as there."""
    return Database.open(path_or_url, keys_dir=keys_dir, backup_dir=backup_dir, before_upgrade=before_upgrade)
