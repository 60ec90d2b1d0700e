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



PASSWORD_ENV = "YANQUN_PASSWORD"
NEW_PASSWORD_ENV = "YANQUN_NEW_PASSWORD"


def read_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A password from the environment or, on a terminal, typed without echo; else exit 1."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"需要密码：请设置环境变量 {env}，或在终端中运行以输入密码。")
    import getpass

    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入：") != value:
        raise CliError("两次输入的密码不一致。")
    return value


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
    user: str | None
    demo: str | None
    settings: config.Settings
    _db: object | None = field(default=None, repr=False)
    _actor: object | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        settings = config.load_settings()
        if args.demo:
            location = str(config.demo_db_path(args.demo))
        else:
            location = args.db or os.environ.get("YANQUN_DB") or settings.db or str(config.default_db_path())
        keys = args.keys or os.environ.get("YANQUN_KEYS") or settings.keys_dir or None
        user = args.user or os.environ.get("YANQUN_USER") or None
        return cls(location, Path(keys) if keys else None, user, args.demo, settings)

    def open_db(self):  # type: ignore[no-untyped-def]
        """Open (create/upgrade) the database; refusals become a CliError (exit 1)."""
        if self._db is not None:
            return self._db
        from yanqun_desktop.db.migrate import SchemaError
        from yanqun_desktop.services.opening import open_database

        try:
            db = open_database(self.db_location, keys_dir=self.keys_dir)  # an older schema: encrypted backup first
        except SchemaError as e:
            from yanqun_desktop.db.engine import display_location  # a URL's password is never shown

            raise CliError(f"{display_location(self.db_location)}：{e}") from None
        if db.migration.message:
            say(db.migration.message)
        self._db = db
        return db

    def actor(self):  # type: ignore[no-untyped-def]
        """The signed-in account (CLI.md: ``--user``/``YANQUN_USER``, the password from
        ``YANQUN_PASSWORD`` or a prompt on a terminal; neither: exit 1). A demo database acts
        as its demo administrator without a password."""
        if self._actor is not None:
            return self._actor
        from yanqun_desktop.services import accounts

        db = self.open_db()
        if self.demo and not db.is_initialised:  # the separate demo database, made on first use
            from yanqun_desktop.services.setup import DEMO_STREET, initialise

            initialise(db, "nanshan-district" if self.demo == "district" else DEMO_STREET)
        if not db.is_initialised:
            raise CliError("数据库尚未初始化：请先运行 yanqun init --street 街道名（或 --district 南山区）。")
        if self.demo or db.meta("demo") == "1":
            self._actor = accounts.demo_actor(db, demo_location=bool(self.demo))
            return self._actor
        if not accounts.has_accounts(db):
            raise CliError(
                "此数据库还没有账户：请运行 yanqun init --street 街道名 --admin 账户名 创建管理员"
                "（或在图形界面中首次启动时创建）。"
            )
        if not self.user:
            raise CliError("请用 --user 或环境变量 YANQUN_USER 指明以哪个账户操作。")
        password = read_secret(PASSWORD_ENV, "密码：")
        try:
            self._actor = accounts.sign_in(db, self.user, password)
        except accounts.SignInRefused as e:
            raise CliError(str(e)) from None
        return self._actor

    def run_gui(self, packages: list[Path] | None = None) -> int:
        # ui/app.py shows the main window's frame before it loads SQLAlchemy and the models
        from yanqun_desktop.ui.app import run_gui

        return run_gui(self.db_location, demo=bool(self.demo), demo_kind=self.demo or "street",
                       keys_dir=self.keys_dir, packages=packages)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()  # type: ignore[attr-defined]
