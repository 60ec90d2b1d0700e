"""Getting back in when the administrator's password is lost.

Two ways, both ending with a new password chosen on the spot:
- the **recovery code** shown once at first start (100 random bits, kept on paper in the
  office safe); using it issues a new one, as the old one has been seen;
- a **reset file** (``.yqreset``) the district signs with its package key for one street's
  install (bound to the install id on the street's key card), valid for a few days and once.
  The street checks it against the district key card it already trusts; the file carries no
  secret, so losing it on the way grants nothing after its day or its first use."""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import DISTRICT_CODE, Account, InstallMeta, Street
from yanqun_desktop.services.accounts import (
    _snapshot,
    actor_of,
    audit_account,
    check_password_rules,
    hash_secret,
    normalise_login,
    verify_secret,
)
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import ADMIN_ROLES, Permission, requires

RECOVERY_META_KEY = "recovery_code_hash"
RESET_NONCE_PREFIX = "reset_used:"
RESET_KIND = "yanqun-account-reset"
RESET_SUFFIX = ".yqreset"
RESET_VALID_DAYS = 7
MAX_RESET_BYTES = 8 * 1024
_SIGNATURE_DOMAIN = b"yanqun account reset v1\n"
# Crockford's base32: no I, L, O or U to misread on paper.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# -- the recovery code ----------------------------------------------------------------------


def issue_recovery_code(s: Session) -> str:
    """A new code (20 characters in groups of 4); only its hash is kept."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(20))
    s.merge(InstallMeta(key=RECOVERY_META_KEY, value=hash_secret(raw)))
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper().translate(_READS_AS) if ch.isalnum())


def _admin_to_reset(s: Session, login: str | None) -> Account:
    if login:
        row = s.scalar(select(Account).where(Account.login == normalise_login(login)))
        if row is None or row.role not in ADMIN_ROLES:
            raise ServiceError(f"「{login}」不是本机的管理员账户。")
        return row
    row = s.scalar(select(Account).where(Account.role.in_(ADMIN_ROLES)).order_by(Account.created_at).limit(1))
    if row is None:
        raise ServiceError("本机没有管理员账户。")
    return row


def _reset(s: Session, db: Database, row: Account, password: str, operation: str, summary: str) -> Actor:
    check_password_rules(password, row.login)
    before = _snapshot(row)
    row.password_hash, row.password_changed_at = hash_secret(password), _now()
    row.must_change_password, row.disabled, row.failed_attempts, row.locked_until = False, False, 0, None
    actor = actor_of(db, row)
    audit_account(s, actor, operation, summary, row, before)
    return actor


def recover_with_code(db: Database, code: str, new_password: str, login: str | None = None) -> tuple[Actor, str]:
    """Set an administrator's password with the recovery code; returns the administrator and
    the next recovery code (the used one no longer works)."""
    with db.session() as s, s.begin():
        stored = s.get(InstallMeta, RECOVERY_META_KEY)
        if stored is None or not verify_secret(_normalise_code(code), stored.value):
            raise ServiceError("恢复码不正确（恢复码在首次启动时显示，共 20 位，可以不输入横线）。")
        row = _admin_to_reset(s, login)
        actor = _reset(s, db, row, new_password, "accounts.recover", f"用恢复码重设管理员「{row.name}」的密码")
        return actor, issue_recovery_code(s)


# -- the district's reset file --------------------------------------------------------------


@dataclass(frozen=True)
class ResetGrant:
    street: str
    install_id: str
    login: str  # "" = the street's first administrator
    nonce: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    issued_by: str


def _message(fields: dict[str, Any]) -> bytes:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _SIGNATURE_DOMAIN + canonical.encode("utf-8")


@requires(Permission.SIGN_RESETS)
def write_reset_file(
    db: Database, actor: Actor, street: str, out: Path, *, login: str = "", valid_days: int = RESET_VALID_DAYS
) -> ResetGrant:
    """The district signs a one-time reset for a street's install it holds a key card of."""
    from yanqun_desktop.services.keys import trusted_for
    from yanqun_desktop.services.lookup import resolve_street
    from yanqun_desktop.sync.keys import load_identity, write_private_file

    if db.org().code != DISTRICT_CODE:
        raise ServiceError("只有区级可以签发管理员重置文件。")
    with db.session() as s:
        code = resolve_street(s, street).code
        name = s.scalar(select(Street.name).where(Street.code == code)) or code
    cards = trusted_for(db, code)
    if not cards:
        raise ServiceError(f"区级还没有信任{name}的密钥名片，无法签发重置文件。")
    now = _now().replace(microsecond=0)
    grant = ResetGrant(code, cards[-1].install_id, normalise_login(login) if login else "", new_id(), now,
                       now + dt.timedelta(days=max(1, min(valid_days, 30))), actor.name)
    fields = _grant_fields(grant)
    signature = load_identity(db).sign_key.sign(_message(fields))
    doc = dict(fields, signature=base64.b64encode(signature).decode("ascii"))
    write_private_file(Path(out), (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return grant


def _grant_fields(grant: ResetGrant) -> dict[str, Any]:
    return {
        "kind": RESET_KIND, "street": grant.street, "install_id": grant.install_id, "login": grant.login,
        "nonce": grant.nonce, "issued_at": grant.issued_at.isoformat(), "expires_at": grant.expires_at.isoformat(),
        "issued_by": grant.issued_by,
    }


def read_reset_file(db: Database, path: Path, *, now: dt.datetime | None = None) -> ResetGrant:
    """Check a reset file for this install: the district's signature, this street and install,
    its dates and that it was never used. Every refusal names the file."""
    from yanqun_desktop.services.keys import trusted_for
    from yanqun_desktop.sync.keys import load_identity

    name = Path(path).name
    try:
        data = Path(path).read_bytes()[: MAX_RESET_BYTES + 1]
    except OSError as e:
        raise ServiceError(f"{name}：无法读取（{e.strerror or type(e).__name__}）") from None
    grant, fields, signature = _parse(data, name)
    keys = trusted_for(db, DISTRICT_CODE)
    if not keys:
        raise ServiceError(f"{name}：本机还没有信任区级的密钥名片，无法核验重置文件。")
    if not any(_verifies(k.sign_public, signature, _message(fields)) for k in keys):
        raise ServiceError(f"{name}：签名无效，这不是区级签发的重置文件（或已被改动）。")
    if grant.street != db.org().code or grant.install_id != load_identity(db).install_id:
        raise ServiceError(f"{name}：这份重置文件是签发给另一台电脑或另一个街道的。")
    now = now or _now()
    if now > grant.expires_at:
        expired = f"{grant.expires_at.astimezone():%Y-%m-%d %H:%M}"
        raise ServiceError(f"{name}：重置文件已于 {expired} 过期，请向区级重新申请。")
    if now < grant.issued_at - dt.timedelta(days=1):
        raise ServiceError(f"{name}：重置文件的签发时间晚于本机时间，请核对电脑日期。")
    if _spent(db, grant.nonce):
        raise ServiceError(f"{name}：这份重置文件已经用过，每份只能使用一次。")
    return grant


def _verifies(public_b64: str, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64)).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def _parse(data: bytes, name: str) -> tuple[ResetGrant, dict[str, Any], bytes]:
    bad = ServiceError(f"{name}：不是有效的管理员重置文件。")
    if len(data) > MAX_RESET_BYTES:
        raise bad
    try:
        doc = json.loads(data.decode("utf-8-sig"))  # a BOM from an editor is harmless
        fields = {k: doc[k] for k in ("kind", "street", "install_id", "login", "nonce", "issued_at",
                                       "expires_at", "issued_by")}
        if fields["kind"] != RESET_KIND or set(doc) != {*fields, "signature"}:
            raise bad
        if not all(isinstance(v, str) and len(v) <= 100 for v in fields.values()):
            raise bad
        signature = base64.b64decode(doc["signature"], validate=True)
        grant = ResetGrant(
            fields["street"], fields["install_id"], fields["login"], fields["nonce"],
            dt.datetime.fromisoformat(fields["issued_at"]), dt.datetime.fromisoformat(fields["expires_at"]),
            fields["issued_by"],
        )
        if grant.issued_at.tzinfo is None or grant.expires_at.tzinfo is None:
            raise bad
    except (ValueError, KeyError, TypeError, AttributeError):
        raise bad from None
    return grant, fields, signature


def apply_reset_file(db: Database, path: Path, new_password: str, *, now: dt.datetime | None = None) -> Actor:
    """Set the named (or first) administrator's password with a valid reset file, and spend it."""
    grant = read_reset_file(db, path, now=now)
    with db.session() as s, s.begin():
        if s.get(InstallMeta, RESET_NONCE_PREFIX + grant.nonce) is not None:  # two windows at once
            raise ServiceError(f"{Path(path).name}：这份重置文件已经用过，每份只能使用一次。")
        row = _admin_to_reset(s, grant.login or None)
        actor = _reset(s, db, row, new_password, "accounts.reset",
                       f"用区级重置文件（{grant.issued_by} 签发）重设管理员「{row.name}」的密码")
        s.add(InstallMeta(key=RESET_NONCE_PREFIX + grant.nonce, value=_now().isoformat()))
    return actor


def _spent(db: Database, nonce: str) -> bool:
    with db.session() as s:
        return s.get(InstallMeta, RESET_NONCE_PREFIX + nonce) is not None
