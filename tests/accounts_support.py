"""The administrator test databases get: the login ``yanqun init --admin`` defaults to and a
password the CLI reads from ``YANQUN_PASSWORD`` (tests/conftest.py sets both for every test)."""

from __future__ import annotations

from yanqun_desktop.db.database import Database

TEST_ADMIN, TEST_PASSWORD = "admin", "test-password-1"


def add_test_admin(db: Database) -> None:
    """The administrator ``yanqun init`` would have created, for a database a test initialised
    through the services and then drives through the CLI."""
    from yanqun_desktop.services.accounts import create_first_admin, has_accounts

    if not has_accounts(db):
        create_first_admin(db, TEST_ADMIN, "测试管理员", TEST_PASSWORD)
