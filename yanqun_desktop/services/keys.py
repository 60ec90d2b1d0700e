"""Key enrolment use cases (SYNC.md "The package file", "Recovery"): write this install's key
card, trust a peer's card once, list the trust list, replace a peer's card after a rebuild.

Who may be trusted: the district trusts the eight streets' cards; a street trusts only the
district's. One current card per office; a second one is refused unless ``replace=True``,
which marks the old card replaced (packages signed with it are refused from then on), resets
the ledger baseline for that office (its rebuilt install numbers packages afresh) and is
audited. Trusting the same card again changes nothing."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import DISTRICT_CODE, Street
from yanqun_desktop.db.models.sync import SyncPeer, TrustedKey
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.uow import unit_of_work
from yanqun_desktop.sync.keycard import KeyCard, KeyCardError, read_card, write_card_file
from yanqun_desktop.sync.keys import IdentityError, LocalIdentity, ensure_identity, fingerprint_groups


class KeyTrustError(ServiceError):
    """A card that is not trusted (Chinese message naming the file)."""


@dataclass(frozen=True)
class TrustOutcome:
    key: TrustedKey
    status: str  # trusted | unchanged | replaced
    replaced: TrustedKey | None = None


def ensure_keys(db: Database) -> LocalIdentity:
    """Create this install's key pairs on first use (``initialise`` calls it), else load them."""
    try:
        return ensure_identity(db)
    except IdentityError as e:
        raise ServiceError(str(e)) from None


def write_card(db: Database, out: Path) -> str:
    """Write this install's key card to ``out`` (creating the keys if this is the first use);
    returns the fingerprint (hex)."""
    try:
        identity = ensure_identity(db)
        return write_card_file(identity, Path(out)).fingerprint
    except IdentityError as e:
        raise ServiceError(str(e)) from None
    except OSError as e:
        raise ServiceError(f"{Path(out).name}：无法写入密钥名片（{e.strerror or type(e).__name__}）") from None


def _expected_name(db: Database, card: KeyCard, file_name: str) -> str:
    """The office name from our own reference data; the card must agree with it."""
    own = db.org()
    if own.is_district:
        if card.org_code == DISTRICT_CODE:
            raise KeyTrustError(f"{file_name}：这是区级的密钥名片，区级只信任各街道的名片")
        with db.session() as s:
            name = s.scalar(select(Street.name).where(Street.code == card.org_code))
        if name is None:
            raise KeyTrustError(f"{file_name}：名片上的单位代码「{card.org_code}」不是本区的街道")
    else:
        if card.org_code != DISTRICT_CODE:
            raise KeyTrustError(f"{file_name}：街道只信任区级的密钥名片，这张名片来自「{card.org_name}」")
        name = "南山区"
    if card.org_name != name:
        raise KeyTrustError(f"{file_name}：名片上的单位名称「{card.org_name}」与代码 {card.org_code}（{name}）不符")
    return name


def enrol_card(db: Database, actor: Actor, path: Path, *, replace: bool = False) -> TrustOutcome:
    """Trust the card in ``path``; see the module docstring for the rules."""
    path = Path(path)
    try:
        card = read_card(path)
    except KeyCardError as e:
        raise KeyTrustError(str(e)) from None
    name = _expected_name(db, card, path.name)
    try:
        own = ensure_identity(db)
    except IdentityError as e:
        raise ServiceError(str(e)) from None
    if card.fingerprint == own.fingerprint:
        raise KeyTrustError(f"{path.name}：这是本机自己的密钥名片")
    groups = fingerprint_groups(card.fingerprint)
    with db.session() as s:  # only to name the audit operation; the decision is made below
        active = s.scalar(
            select(TrustedKey.id).where(TrustedKey.org_code == card.org_code, TrustedKey.replaced_at.is_(None))
        )
    operation = "keys.replace" if replace and active else "keys.trust"
    with unit_of_work(db, actor, operation, f"信任{name}的密钥名片（指纹 {groups}）") as work:
        s = work.session
        same = s.scalar(select(TrustedKey).where(TrustedKey.fingerprint == card.fingerprint))
        if same is not None:
            if same.replaced_at is not None:
                raise KeyTrustError(
                    f"{path.name}：这张名片（指纹 {groups}）已于 {same.replaced_at:%Y-%m-%d} 被替换，不能再次信任"
                )
            return TrustOutcome(same, "unchanged")
        current = s.scalars(
            select(TrustedKey).where(TrustedKey.org_code == card.org_code, TrustedKey.replaced_at.is_(None))
        ).all()
        if current and not replace:
            old = fingerprint_groups(current[0].fingerprint)
            raise KeyTrustError(
                f"{path.name}：已信任{name}的另一张名片（指纹 {old}）。"
                "若对方电脑重装后换了密钥，请确认新指纹后使用“替换”（--replace）"
            )
        now = dt.datetime.now(dt.UTC)
        for old_key in current:
            old_key.replaced_at = now
            work.changes.append(
                ("trusted_keys", old_key.id, "update", {"replaced_at": None}, {"replaced_at": now.isoformat()})
            )
        key = TrustedKey(
            id=new_id(),
            org_code=card.org_code,
            org_name=name,
            install_id=card.install_id,
            sign_public=base64.b64encode(card.sign_public).decode("ascii"),
            box_public=base64.b64encode(card.box_public).decode("ascii"),
            fingerprint=card.fingerprint,
            trusted_at=now,
            trusted_by=actor.name,
            note=f"替换 {len(current)} 张旧名片" if current else None,
        )
        s.add(key)
        after = {
            "org_code": key.org_code,
            "org_name": name,
            "install_id": key.install_id,
            "fingerprint": key.fingerprint,
        }
        work.changes.append(("trusted_keys", key.id, "insert", None, after))
        if current:
            work.summary = f"替换{name}的密钥名片（新指纹 {groups}）"
            peer = s.get(SyncPeer, card.org_code)
            if peer is not None and peer.received_seq:  # the rebuilt install numbers its packages afresh
                work.changes.append(
                    ("sync_peers", peer.peer, "update", {"received_seq": peer.received_seq}, {"received_seq": 0})
                )
                peer.received_seq = 0
        s.flush()
    return TrustOutcome(key, "replaced" if current else "trusted", current[0] if current else None)


def trust_card(db: Database, actor: Actor, path: Path, *, replace: bool = False) -> TrustedKey:
    return enrol_card(db, actor, path, replace=replace).key


def list_trusted(db: Database, *, include_replaced: bool = True) -> list[TrustedKey]:
    with db.session() as s:
        stmt = select(TrustedKey).order_by(TrustedKey.org_code, TrustedKey.trusted_at)
        if not include_replaced:
            stmt = stmt.where(TrustedKey.replaced_at.is_(None))
        return list(s.scalars(stmt))


def trusted_for(db: Database, org_code: str) -> list[TrustedKey]:
    """The office's current (not replaced) cards: the ``trusted`` callback of ``open_package``."""
    with db.session() as s:
        stmt = select(TrustedKey).where(TrustedKey.org_code == org_code, TrustedKey.replaced_at.is_(None))
        return list(s.scalars(stmt))
