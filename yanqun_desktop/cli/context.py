"""What every sub-command shares: where the database is, who acts, how errors print."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from yanqun_desktop import config

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_CONFLICTS = 3
EXIT_PROBLEMS = 4



class CliError(Exception):
    def __init__(self, message: str, exit_code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def say(message: str) -> None:
    """Human text goes to standard error, so standard output stays clean for --json."""
    print(message, file=sys.stderr)


@dataclass
class CliContext:
    db_location: str
    keys_dir: Path | None
    operator: str
    demo: str | None
    settings: config.Settings
    _db: object | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        settings = config.load_settings()
        if args.demo:
            location = str(config.demo_db_path(args.demo))
        else:
            location = args.db or os.environ.get("YANQUN_DB") or settings.db or str(config.default_db_path())
        keys = args.keys or os.environ.get("YANQUN_KEYS") or settings.keys_dir or None
        operator = args.user or os.environ.get("YANQUN_USER") or settings.operator
        return cls(location, Path(keys) if keys else None, operator, args.demo, settings)

    def open_db(self):  # type: ignore[no-untyped-def]
        """Open (create/upgrade) the database; refusals become a CliError (exit 1)."""
        if self._db is not None:
            return self._db
        from yanqun_desktop.db.database import Database
        from yanqun_desktop.db.migrate import SchemaError

        try:
            db = Database.open(self.db_location, keys_dir=self.keys_dir)
        except SchemaError as e:
            from yanqun_desktop.db.engine import display_location  # a URL's password is never shown

            raise CliError(f"{display_location(self.db_location)}：{e}") from None
        if db.migration.changed and db.migration.from_revision is not None:
            say(
                f"数据库已从架构 {db.migration.from_revision} 升级到 {db.migration.to_revision}，"
                f"升级前的备份：{db.migration.backup}"
            )
        self._db = db
        return db

    def actor(self):  # type: ignore[no-untyped-def]
        from yanqun_desktop.services.actor import Actor

        db = self.open_db()
        if not db.is_initialised:
            raise CliError("数据库尚未初始化：请先运行 yanqun init --street 街道名（或 --district 南山区）。")
        return Actor(self.operator, "operator", db.org().code)

    def run_gui(self) -> int:
        from yanqun_desktop.ui.app import run_gui

        return run_gui(self.db_location, demo=bool(self.demo), demo_kind=self.demo or "street", keys_dir=self.keys_dir)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()  # type: ignore[attr-defined]
