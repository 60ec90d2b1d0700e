"""Accounts: sign-in with a memory-hard password hash, roles, a timed lock after failures.

Passwords are hashed with scrypt (hashlib; ~32 MiB and ~0.1 s per attempt here), the
parameters stored beside the hash. Repeated failures lock an account for a while, longer each
time, never for good: a street office has one administrator and no help desk. The lock lives
in the database, so restarting the app does not reset it. Account changes are audited (never
the hash)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import DISTRICT_CODE, Account, AuditChange, AuditOperation
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import NotFound, ServiceError
from yanqun_desktop.services.permissions import (
    ADMIN_ROLES,
    DISTRICT_ROLES,
    STREET_ROLES,
    Permission,
    Role,
    requires,
    role_label,
)

# scrypt cost: n = 2**15, r = 8 → 32 MiB per hash. Tests lower SCRYPT_LOG_N (tests/conftest.py);
# a hash records its own parameters, so each verifies with the ones it was made with.
SCRYPT_LOG_N = 15
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 128 * 1024 * 1024

MIN_PASSWORD_LENGTH = 8
LOCK_AFTER_FAILURES = 5
FIRST_LOCK_MINUTES = 5
LONGEST_LOCK_MINUTES = 60


class SignInRefused(ServiceError):
    """Wrong name or password, a locked or disabled account (message in Chinese)."""


# -- hashing --------------------------------------------------------------------------------


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(secret, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_LOG_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, log_n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(secret, base64.b64decode(salt), int(log_n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(secret: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    if not (10 <= log_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise ValueError("scrypt parameters out of range")
    data = unicodedata.normalize("NFC", secret).encode("utf-8")
    return hashlib.scrypt(data, salt=salt, n=2**log_n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=32)


def normalise_login(login: str) -> str:
    """What identifies an account: full-width letters, case and surrounding spaces ignored."""
    return unicodedata.normalize("NFKC", login).strip().casefold()


def check_password_rules(password: str, login: str = "") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。")
    if len(set(password)) < 3:
        raise ServiceError("密码过于简单：请不要只用一两个重复的字符。")
    if login and normalise_login(password) == normalise_login(login):
        raise ServiceError("密码不能与账户名相同。")


# -- what callers get back ------------------------------------------------------------------


@dataclass(frozen=True)
class AccountInfo:
    id: str
    login: str
    name: str
    role: str
    disabled: bool
    locked_until: dt.datetime | None
    must_change_password: bool
    last_sign_in_at: dt.datetime | None

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    def locked(self, now: dt.datetime | None = None) -> bool:
        return _is_locked(self.locked_until, now or _now())


def _info(row: Account) -> AccountInfo:
    return AccountInfo(
        row.id, row.login, row.name, row.role, row.disabled, row.locked_until,
        row.must_change_password, row.last_sign_in_at,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)  # SQLite drops the zone


def _is_locked(until: dt.datetime | None, now: dt.datetime) -> bool:
    return until is not None and _aware(until) > now


def _local_time(value: dt.datetime) -> str:
    return f"{_aware(value).astimezone():%H:%M}"


def actor_of(db: Database, account: Account | AccountInfo) -> Actor:
    return Actor(account.name, str(account.role), db.org().code, account.login)


def roles_for(db: Database) -> tuple[Role, ...]:
    return DISTRICT_ROLES if db.org().code == DISTRICT_CODE else STREET_ROLES


def first_admin_role(db: Database) -> Role:
    return Role.DISTRICT_ADMIN if db.org().code == DISTRICT_CODE else Role.ADMIN


# -- audit ----------------------------------------------------------------------------------

_AUDITED = ("login", "name", "role", "disabled", "must_change_password")


def _snapshot(row: Account) -> dict[str, Any]:
    return {key: getattr(row, key) for key in _AUDITED}


def audit_account(
    s: Session, actor: Actor, operation: str, summary: str, row: Account, before: dict[str, Any] | None
) -> None:
    """One audit operation with one change row for an account (its hash is never recorded;
    a password change shows as ``password: 已更改``)."""
    after = _snapshot(row)
    if operation in {"accounts.password", "accounts.recover", "accounts.reset"}:
        after["password"] = "已更改"
    op = AuditOperation(
        at=_now(), actor=actor.name, role=actor.role, org_code=actor.org_code,
        operation=operation, summary=summary[:500], change_count=1,
    )
    s.add(op)
    s.flush()
    action = "insert" if before is None else "update"
    s.add(AuditChange(operation_id=op.id, table_name="accounts", row_id=row.id, action=action,
                      before=before, after=after))


# -- first start and sign-in ----------------------------------------------------------------


def has_accounts(db: Database) -> bool:
    with db.session() as s:
        return bool(s.scalar(select(func.count()).select_from(Account)))


def _validate_new(s: Session, db: Database, login: str, name: str, role: str, password: str) -> str:
    key = normalise_login(login)
    if not key or len(key) > 64:
        raise ServiceError("账户名不能为空，且不超过 64 个字符。")
    if not name.strip() or len(name.strip()) > 64:
        raise ServiceError("姓名不能为空，且不超过 64 个字符。")
    if role not in roles_for(db):
        labels = "、".join(role_label(r) for r in roles_for(db))
        raise ServiceError(f"本单位的账户角色只能是：{labels}。")
    if s.scalar(select(Account.id).where(Account.login == key)) is not None:
        raise ServiceError(f"账户名「{login.strip()}」已存在。")
    check_password_rules(password, login)
    return key


def _insert_account(
    s: Session, db: Database, login: str, name: str, role: str, password: str, *, must_change_password: bool
) -> Account:
    key = _validate_new(s, db, login, name, role, password)
    now = _now()
    row = Account(id=new_id(), login=key, name=name.strip(), role=role, password_hash=hash_secret(password),
                  must_change_password=must_change_password, disabled=False, failed_attempts=0, created_at=now,
                  password_changed_at=now)
    s.add(row)
    s.flush()
    return row


def create_first_admin(db: Database, login: str, name: str, password: str) -> tuple[Actor, str]:
    """The administrator an install starts with; returns it and the one-time recovery code,
    shown once to be written down (services/account_recovery.py)."""
    from yanqun_desktop.services.account_recovery import issue_recovery_code

    role = first_admin_role(db)
    with db.session() as s, s.begin():
        if s.scalar(select(func.count()).select_from(Account)):
            raise ServiceError("本机已有账户：请用已有的管理员账户登录。")
        row = _insert_account(s, db, login, name, role, password, must_change_password=False)
        actor = actor_of(db, row)
        audit_account(s, actor, "accounts.create", f"首次启动：创建管理员账户「{row.name}」", row, None)
        code = issue_recovery_code(s)
    return actor, code


def _lock_minutes(failures: int) -> int:
    """5 failures: 5 minutes; every further 5: twice as long, up to an hour."""
    rounds = failures // LOCK_AFTER_FAILURES
    return min(FIRST_LOCK_MINUTES * 2 ** (rounds - 1), LONGEST_LOCK_MINUTES)


def sign_in(db: Database, login: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The actor for a correct name and password; ``SignInRefused`` otherwise. A failure is
    counted (and may lock the account) in its own transaction, whatever the caller does next."""
    now = now or _now()
    key = normalise_login(login)
    with db.session() as s, s.begin():
        row = s.scalar(select(Account).where(Account.login == key))
        if row is None:
            hash_secret(password)  # the same time as a real check: no hint which names exist
            raise SignInRefused("账户名或密码不正确。")
        if row.disabled:
            raise SignInRefused(f"账户「{row.name}」已停用，请联系管理员。")
        if _is_locked(row.locked_until, now):
            raise SignInRefused(
                f"密码错误次数过多，账户「{row.name}」已暂时锁定，请在 {_local_time(row.locked_until)} 之后再试"  # type: ignore[arg-type]
                "（管理员可以提前解锁）。"
            )
        if not verify_secret(password, row.password_hash):
            row.failed_attempts += 1
            if row.failed_attempts % LOCK_AFTER_FAILURES == 0:
                minutes = _lock_minutes(row.failed_attempts)
                row.locked_until = now + dt.timedelta(minutes=minutes)
                summary = f"账户「{row.name}」连续 {row.failed_attempts} 次密码错误，锁定 {minutes} 分钟"
                s.add(AuditOperation(at=now, actor=row.name, role=row.role, org_code=db.org().code,
                                     operation="accounts.locked", change_count=0, summary=summary))
                message = f"密码错误次数过多，账户已锁定 {minutes} 分钟。"
            else:
                left = LOCK_AFTER_FAILURES - row.failed_attempts % LOCK_AFTER_FAILURES
                message = "账户名或密码不正确。" + (f"再错 {left} 次账户将暂时锁定。" if left <= 2 else "")
            failure = SignInRefused(message)
        else:
            row.failed_attempts, row.locked_until, row.last_sign_in_at = 0, None, now
            failure = None
            actor = actor_of(db, row)
    if failure is not None:
        raise failure
    return actor


def needs_password_change(db: Database, actor: Actor) -> bool:
    with db.session() as s:
        return bool(s.scalar(select(Account.must_change_password).where(Account.login == actor.login)))


# -- an account's own password -------------------------------------------------------------


def change_own_password(db: Database, actor: Actor, old: str, new: str) -> None:
    with db.session() as s, s.begin():
        row = s.scalar(select(Account).where(Account.login == actor.login))
        if row is None:
            raise NotFound("找不到当前账户。")
        if not verify_secret(old, row.password_hash):
            raise ServiceError("原密码不正确。")
        check_password_rules(new, row.login)
        if verify_secret(new, row.password_hash):
            raise ServiceError("新密码不能与原密码相同。")
        before = _snapshot(row)
        row.password_hash, row.must_change_password, row.password_changed_at = hash_secret(new), False, _now()
        audit_account(s, actor, "accounts.password", f"修改自己的密码（{row.name}）", row, before)


# -- administration -------------------------------------------------------------------------


@requires(Permission.MANAGE_ACCOUNTS)
def list_accounts(db: Database, actor: Actor) -> list[AccountInfo]:
    with db.session() as s:
        return [_info(r) for r in s.scalars(select(Account).order_by(Account.created_at, Account.login))]


@requires(Permission.MANAGE_ACCOUNTS)
def find_account(db: Database, actor: Actor, who: str) -> AccountInfo:
    """By id or login (the CLI names accounts by login)."""
    with db.session() as s:
        row = s.get(Account, who) or s.scalar(select(Account).where(Account.login == normalise_login(who)))
        if row is None:
            raise NotFound(f"找不到账户「{who}」。")
        return _info(row)


@requires(Permission.MANAGE_ACCOUNTS)
def add_account(db: Database, actor: Actor, login: str, name: str, role: str, password: str) -> AccountInfo:
    """A new account whose first sign-in asks for a new password (the administrator knows this one)."""
    with db.session() as s, s.begin():
        row = _insert_account(s, db, login, name, role, password, must_change_password=True)
        audit_account(s, actor, "accounts.create", f"新增账户「{row.name}」（{role_label(role)}）", row, None)
        return _info(row)


def _load(s: Session, account_id: str) -> Account:
    row = s.get(Account, account_id)
    if row is None:
        raise NotFound("找不到该账户（可能已被删除）。")
    return row


def _other_admins(s: Session, row: Account) -> int:
    return s.scalar(
        select(func.count()).select_from(Account)
        .where(Account.id != row.id, Account.role.in_(ADMIN_ROLES), Account.disabled.is_(False))
    ) or 0


@requires(Permission.MANAGE_ACCOUNTS)
def update_account(
    db: Database, actor: Actor, account_id: str, *, name: str | None = None, role: str | None = None,
    disabled: bool | None = None,
) -> AccountInfo:
    with db.session() as s, s.begin():
        row = _load(s, account_id)
        before = _snapshot(row)
        if role is not None and role != row.role:
            if role not in roles_for(db):
                raise ServiceError("本单位没有这个角色。")
            if row.role in ADMIN_ROLES and role not in ADMIN_ROLES and not _other_admins(s, row):
                raise ServiceError("这是最后一个管理员账户，不能改为其他角色：请先指定另一位管理员。")
            row.role = role
        if disabled is not None and disabled != row.disabled:
            if disabled and row.login == actor.login:
                raise ServiceError("不能停用当前登录的账户。")
            if disabled and row.role in ADMIN_ROLES and not _other_admins(s, row):
                raise ServiceError("这是最后一个管理员账户，不能停用。")
            row.disabled = disabled
        if name is not None and name.strip() and name.strip() != row.name:
            row.name = name.strip()[:64]
        if _snapshot(row) != before:
            audit_account(s, actor, "accounts.update", f"修改账户「{row.name}」", row, before)
        return _info(row)


@requires(Permission.MANAGE_ACCOUNTS)
def set_password(db: Database, actor: Actor, account_id: str, password: str) -> None:
    """An administrator sets someone's password: it is to be changed at their next sign-in."""
    with db.session() as s, s.begin():
        row = _load(s, account_id)
        check_password_rules(password, row.login)
        before = _snapshot(row)
        row.password_hash, row.password_changed_at = hash_secret(password), _now()
        row.must_change_password = row.login != actor.login
        row.failed_attempts, row.locked_until = 0, None
        audit_account(s, actor, "accounts.password", f"重设账户「{row.name}」的密码", row, before)


@requires(Permission.MANAGE_ACCOUNTS)
def unlock_account(db: Database, actor: Actor, account_id: str) -> None:
    with db.session() as s, s.begin():
        row = _load(s, account_id)
        if not _is_locked(row.locked_until, _now()) and not row.failed_attempts:
            return
        before = _snapshot(row)
        row.failed_attempts, row.locked_until = 0, None
        audit_account(s, actor, "accounts.unlock", f"解锁账户「{row.name}」", row, before)


def demo_actor(db: Database, *, demo_location: bool = False) -> Actor:
    """A demo database (synthetic people only) opens without signing in: one marked demo, or
    the separate demo database ``--demo`` opens (``demo_location``), never the real one."""
    if db.meta("demo") != "1" and not demo_location:
        raise PermissionDenied("只有演示数据库可以免登录打开。")
    return Actor("演示管理员", first_admin_role(db), db.org().code, "")
