"""Accounts: the hash, the timed lock, the last administrator, the recovery code, the district's
reset file, and an audit trail the database refuses to rewrite."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Account, AuditChange, AuditOperation
from yanqun_desktop.services import accounts
from yanqun_desktop.services.account_recovery import (
    apply_reset_file,
    read_reset_file,
    recover_with_code,
    write_reset_file,
)
from yanqun_desktop.services.accounts import (
    SignInRefused,
    add_account,
    create_first_admin,
    sign_in,
    unlock_account,
    update_account,
)
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.keys import trust_card, write_card

PASSWORD = "first-admin-pw1"


@pytest.fixture
def admin(street_db: Database) -> Actor:
    return create_first_admin(street_db, "Admin", "王管理", PASSWORD)[0]


def _row(db: Database, login: str) -> Account:
    with db.session() as s:
        row = s.scalar(select(Account).where(Account.login == login))
        assert row is not None
        return row


def test_first_admin_hash_and_sign_in(street_db: Database) -> None:
    actor, code = create_first_admin(street_db, " Ａdmin ", "王管理", PASSWORD)
    assert (actor.login, actor.role, actor.name) == ("admin", "admin", "王管理")
    assert len(code) == 24 and code.count("-") == 4
    row = _row(street_db, "admin")
    assert row.password_hash.startswith("scrypt$") and PASSWORD not in row.password_hash
    assert sign_in(street_db, "ADMIN", PASSWORD) == actor  # full-width, case and spaces ignored
    with pytest.raises(ServiceError, match="已有账户"):
        create_first_admin(street_db, "other", "另一个", PASSWORD)
    with street_db.session() as s:  # audited, without the hash
        change = s.scalars(select(AuditChange).where(AuditChange.table_name == "accounts")).one()
        assert "password_hash" not in change.after and change.after["role"] == "admin"


def test_the_district_starts_with_a_district_administrator(district_db: Database) -> None:
    actor, _code = create_first_admin(district_db, "zuzhi", "赵组织", PASSWORD)
    assert actor.role == "district_admin"
    with pytest.raises(ServiceError, match="角色只能是"):
        add_account(district_db, actor, "studio", "牵头人", "studio_leader", "studio-pw-1")


def test_password_rules(street_db: Database) -> None:
    for bad, words in (("short1", "至少"), ("aaaaaaaaaaaa", "过于简单"), ("admin-Admin", None)):
        with pytest.raises(ServiceError, match=words or "不能与账户名相同"):
            create_first_admin(street_db, "admin-admin" if words is None else "admin", "王管理", bad)
    assert not accounts.has_accounts(street_db)


def test_timed_lock_grows_and_never_lasts(street_db: Database, admin: Actor) -> None:
    start = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    for i in range(4):
        with pytest.raises(SignInRefused, match="不正确"):
            sign_in(street_db, "admin", "wrong", now=start + dt.timedelta(seconds=i))
    with pytest.raises(SignInRefused, match="锁定 5 分钟"):
        sign_in(street_db, "admin", "wrong", now=start)
    # locked: even the right password waits, and tries do not count
    with pytest.raises(SignInRefused, match="暂时锁定"):
        sign_in(street_db, "admin", PASSWORD, now=start + dt.timedelta(minutes=4))
    assert _row(street_db, "admin").failed_attempts == 5
    later = start + dt.timedelta(minutes=6)
    for _ in range(4):
        with pytest.raises(SignInRefused):
            sign_in(street_db, "admin", "wrong", now=later)
    with pytest.raises(SignInRefused, match="锁定 10 分钟"):  # the second lock is longer
        sign_in(street_db, "admin", "wrong", now=later)
    assert sign_in(street_db, "admin", PASSWORD, now=later + dt.timedelta(minutes=11)).login == "admin"
    assert _row(street_db, "admin").failed_attempts == 0
    assert accounts._lock_minutes(5 * 40) == accounts.LONGEST_LOCK_MINUTES  # never longer than an hour
    with street_db.session() as s:
        locks = s.scalars(select(AuditOperation.summary).where(AuditOperation.operation == "accounts.locked")).all()
        assert len(locks) == 2


def test_unknown_and_disabled_accounts(street_db: Database, admin: Actor) -> None:
    with pytest.raises(SignInRefused, match="账户名或密码不正确"):
        sign_in(street_db, "nobody", PASSWORD)
    clerk = add_account(street_db, admin, "li", "李办事", "clerk", "clerk-pass-1")
    assert clerk.must_change_password
    update_account(street_db, admin, clerk.id, disabled=True)
    with pytest.raises(SignInRefused, match="已停用"):
        sign_in(street_db, "li", "clerk-pass-1")


def test_the_last_administrator_stays(street_db: Database, admin: Actor) -> None:
    me = _row(street_db, "admin")
    with pytest.raises(ServiceError, match="最后一个管理员"):
        update_account(street_db, admin, me.id, role="clerk")
    with pytest.raises(ServiceError, match="当前登录"):
        update_account(street_db, admin, me.id, disabled=True)
    second = add_account(street_db, admin, "zhang", "张管理", "admin", "second-admin-1")
    update_account(street_db, admin, me.id, role="clerk")  # now there is another
    assert _row(street_db, "admin").role == "clerk"
    with pytest.raises(PermissionDenied, match="管理账户"):
        unlock_account(street_db, sign_in(street_db, "admin", PASSWORD), second.id)


def test_recovery_code_works_once(street_db: Database) -> None:
    _admin, code = create_first_admin(street_db, "admin", "王管理", PASSWORD)
    with pytest.raises(ServiceError, match="恢复码不正确"):
        recover_with_code(street_db, "AAAA-BBBB-CCCC-DDDD-EEEE", "new-password-1")
    for _ in range(5):  # and the account gets locked meanwhile
        with pytest.raises(SignInRefused):
            sign_in(street_db, "admin", "forgotten")
    actor, next_code = recover_with_code(street_db, code.lower().replace("-", " "), "new-password-1")
    assert actor.login == "admin" and next_code != code
    assert sign_in(street_db, "admin", "new-password-1").login == "admin"  # unlocked too
    with pytest.raises(ServiceError, match="恢复码不正确"):
        recover_with_code(street_db, code, "new-password-2")
    recover_with_code(street_db, next_code, "new-password-2")


@pytest.fixture
def trusting(street_db: Database, district_db: Database, tmp_path: Path) -> tuple[Actor, Actor]:
    street_admin = create_first_admin(street_db, "admin", "王管理", PASSWORD)[0]
    officer = create_first_admin(district_db, "zuzhi", "赵组织", PASSWORD)[0]
    write_card(street_db, tmp_path / "shahe.yqkey")
    write_card(district_db, tmp_path / "district.yqkey")
    trust_card(district_db, officer, tmp_path / "shahe.yqkey")
    trust_card(street_db, street_admin, tmp_path / "district.yqkey")
    return street_admin, officer


def test_district_reset_file(
    street_db: Database, district_db: Database, trusting: tuple[Actor, Actor], tmp_path: Path
) -> None:
    street_admin, officer = trusting
    with pytest.raises(PermissionDenied, match="签发"):
        write_reset_file(street_db, street_admin, "shahe", tmp_path / "x.yqreset")
    grant = write_reset_file(district_db, officer, "沙河", tmp_path / "shahe.yqreset", valid_days=3)
    assert grant.street == "shahe" and read_reset_file(street_db, tmp_path / "shahe.yqreset").nonce == grant.nonce

    doc = json.loads((tmp_path / "shahe.yqreset").read_text(encoding="utf-8"))
    for field, value in (("login", "someone"), ("expires_at", "2099-01-01T00:00:00+00:00"), ("street", "xili")):
        (tmp_path / "bad.yqreset").write_text(json.dumps({**doc, field: value}), encoding="utf-8")
        with pytest.raises(ServiceError, match="签名无效"):
            read_reset_file(street_db, tmp_path / "bad.yqreset")
    (tmp_path / "junk.yqreset").write_bytes(b"\x00" * 100)
    with pytest.raises(ServiceError, match=r"junk\.yqreset：不是有效"):
        read_reset_file(street_db, tmp_path / "junk.yqreset")
    with pytest.raises(ServiceError, match="过期"):
        read_reset_file(street_db, tmp_path / "shahe.yqreset", now=grant.expires_at + dt.timedelta(minutes=1))

    actor = apply_reset_file(street_db, tmp_path / "shahe.yqreset", "after-reset-pw1")
    assert actor.login == "admin" and sign_in(street_db, "admin", "after-reset-pw1").role == "admin"
    with pytest.raises(ServiceError, match="已经用过"):
        apply_reset_file(street_db, tmp_path / "shahe.yqreset", "again-reset-pw1")
    with street_db.session() as s:
        summary = s.scalar(select(AuditOperation.summary).where(AuditOperation.operation == "accounts.reset"))
        assert summary is not None and "赵组织" in summary


def test_a_reset_file_for_another_install_is_refused(
    street_db: Database, district_db: Database, trusting: tuple[Actor, Actor], tmp_path: Path, open_office
) -> None:  # type: ignore[no-untyped-def]
    _street_admin, officer = trusting
    write_reset_file(district_db, officer, "shahe", tmp_path / "shahe.yqreset")
    rebuilt = open_office("shahe", "rebuilt", keys="rebuilt-keys")  # same street, another PC
    create_first_admin(rebuilt, "admin", "王管理", PASSWORD)
    trust_card(rebuilt, Actor("王管理", "admin", "shahe"), tmp_path / "district.yqkey")
    with pytest.raises(ServiceError, match="另一台电脑"):
        read_reset_file(rebuilt, tmp_path / "shahe.yqreset")


@pytest.mark.postgres
def test_the_database_refuses_to_rewrite_the_audit_trail(street_db: Database, admin: Actor) -> None:
    for statement in ("UPDATE audit_operations SET summary = 'x'", "DELETE FROM audit_changes",
                      "DELETE FROM audit_operations"):
        with pytest.raises(DBAPIError, match="audit rows cannot be changed"), street_db.engine.begin() as conn:
            conn.execute(text(statement))
    with street_db.session() as s:
        assert s.scalar(select(AuditOperation.summary)) == "首次启动：创建管理员账户「王管理」"
    if street_db.path is not None:  # a DB browser on the file gets the same refusal
        conn = sqlite3.connect(street_db.path)
        with pytest.raises(sqlite3.DatabaseError, match="audit rows cannot be changed"):
            conn.execute("DELETE FROM audit_operations")
        conn.close()


def test_a_restore_keeps_the_accounts_as_they_are(street_db: Database, admin: Actor) -> None:
    from yanqun_desktop.services.backups import backup_now, restore_backup

    clerk = add_account(street_db, admin, "li", "李办事", "clerk", "clerk-pass-1")
    made = backup_now(street_db, admin)
    accounts.change_own_password(street_db, admin, PASSWORD, "changed-after-1")
    update_account(street_db, admin, clerk.id, disabled=True)
    restore_backup(street_db, admin, made.path)
    restored = Database.open(street_db.path, keys_dir=street_db.keys_dir)
    try:
        assert sign_in(restored, "admin", "changed-after-1").login == "admin"
        with pytest.raises(SignInRefused):
            sign_in(restored, "admin", PASSWORD)  # the old password does not come back
        with pytest.raises(SignInRefused, match="已停用"):
            sign_in(restored, "li", "clerk-pass-1")
        assert _row(restored, "admin").last_sign_in_at is not None
    finally:
        restored.dispose()
