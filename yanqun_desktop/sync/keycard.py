"""Key cards (``.yqkey``): the public half of an install's identity, carried to the other
office on a stick or by e-mail and trusted once after the fingerprint is read over the phone.

A card is UTF-8 JSON, at most 16 KiB::

    {"format": "yanqun-keycard", "version": 1, "org_code": "shahe", "org_name": "沙河街道",
     "install_id": "<uuid>", "sign_public": "<base64 Ed25519>", "box_public": "<base64 X25519>",
     "created_at": "2026-11-28T09:00:00+00:00", "signature": "<base64 Ed25519>"}

The signature is the card's own Ed25519 key over a canonical encoding of every other field, so
a card altered on the way (another office name, a swapped encryption key) is refused. It does
not prove who made the card: that is what reading the fingerprint aloud is for."""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from yanqun_desktop.sync.keys import (
    INSTALL_ID_RE,
    ORG_CODE_RE,
    LocalIdentity,
    fingerprint_groups,
    fingerprint_of,
    write_private_file,
)

__all__ = ["KeyCard", "KeyCardError", "card_for", "fingerprint_groups", "parse_card", "read_card", "write_card_file"]

CARD_FORMAT = "yanqun-keycard"
CARD_VERSION = 1
CARD_SUFFIX = ".yqkey"
MAX_CARD_BYTES = 16 * 1024
MAX_ORG_NAME = 64
SIGNATURE_DOMAIN = b"yanqun-keycard-signature-v1\x00"
FIELDS = ("format", "version", "org_code", "org_name", "install_id", "sign_public", "box_public", "created_at")


class KeyCardError(Exception):
    """A card that cannot be read or trusted (Chinese message naming the file)."""


@dataclass(frozen=True)
class KeyCard:
    org_code: str
    org_name: str
    install_id: str
    sign_public: bytes  # raw 32 bytes
    box_public: bytes  # raw 32 bytes
    created_at: str
    signature: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.org_code, self.install_id, self.sign_public, self.box_public)

    @property
    def groups(self) -> str:
        return fingerprint_groups(self.fingerprint)

    def fields(self) -> dict[str, Any]:
        return {
            "format": CARD_FORMAT,
            "version": CARD_VERSION,
            "org_code": self.org_code,
            "org_name": self.org_name,
            "install_id": self.install_id,
            "sign_public": base64.b64encode(self.sign_public).decode("ascii"),
            "box_public": base64.b64encode(self.box_public).decode("ascii"),
            "created_at": self.created_at,
        }

    def to_bytes(self) -> bytes:
        doc = dict(self.fields(), signature=base64.b64encode(self.signature).decode("ascii"))
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _signed_message(fields: dict[str, Any]) -> bytes:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return SIGNATURE_DOMAIN + canonical.encode("utf-8")


def card_for(identity: LocalIdentity) -> KeyCard:
    unsigned = KeyCard(
        identity.org_code,
        identity.org_name,
        identity.install_id,
        identity.sign_public,
        identity.box_public,
        dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        b"",
    )
    signature = identity.sign_key.sign(_signed_message(unsigned.fields()))
    return KeyCard(**{**unsigned.__dict__, "signature": signature})


def write_card_file(identity: LocalIdentity, path: Path) -> KeyCard:
    card = card_for(identity)
    write_private_file(Path(path), card.to_bytes())  # atomic; public data, but never half-written
    return card


def _key(doc: dict[str, Any], field: str, name: str, size: int) -> bytes:
    value = doc[field]
    try:
        raw = base64.b64decode(value, validate=True) if isinstance(value, str) and len(value) <= 128 else b""
    except ValueError:
        raw = b""
    if len(raw) != size:
        raise KeyCardError(f"{name}：密钥名片中的 {field} 不是有效的 {size} 字节公钥")
    return raw


def parse_card(data: bytes, name: str) -> KeyCard:
    """Strict: size, UTF-8, JSON object with exactly the known fields, their types and lengths,
    then the self-signature. Every message names the file."""
    if len(data) > MAX_CARD_BYTES:
        raise KeyCardError(f"{name}：文件过大（超过 {MAX_CARD_BYTES // 1024} KB），不是密钥名片")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: "[[[[…" 16 KB deep
        raise KeyCardError(f"{name}：不是密钥名片（不是 UTF-8 编码的 JSON）") from None
    if not isinstance(doc, dict) or doc.get("format") != CARD_FORMAT:
        raise KeyCardError(f"{name}：不是雁群的密钥名片")
    if doc.get("version") != CARD_VERSION or type(doc.get("version")) is not int:
        raise KeyCardError(f"{name}：密钥名片的格式版本（{doc.get('version')!r:.20}）不受支持，可能需要升级程序")
    expected = {*FIELDS, "signature"}
    if set(doc) != expected:
        extra = sorted(set(doc) - expected)
        missing = sorted(expected - set(doc))
        detail = f"缺少 {', '.join(missing)}" if missing else f"多出 {', '.join(extra)[:80]}"
        raise KeyCardError(f"{name}：密钥名片字段不符（{detail}）")
    for field in ("org_code", "org_name", "install_id", "created_at"):
        if not isinstance(doc[field], str):
            raise KeyCardError(f"{name}：密钥名片中的 {field} 应为文字")
    if not ORG_CODE_RE.fullmatch(doc["org_code"]):  # fullmatch: "$" allows a final "\n"
        raise KeyCardError(f"{name}：密钥名片中的单位代码无效")
    if not 0 < len(doc["org_name"]) <= MAX_ORG_NAME or not doc["org_name"].isprintable():
        raise KeyCardError(f"{name}：密钥名片中的单位名称无效")
    if not INSTALL_ID_RE.fullmatch(doc["install_id"]):
        raise KeyCardError(f"{name}：密钥名片中的安装编号无效")
    try:
        dt.datetime.fromisoformat(doc["created_at"][:40])
    except ValueError:
        raise KeyCardError(f"{name}：密钥名片中的创建时间无效") from None
    card = KeyCard(
        doc["org_code"],
        doc["org_name"],
        doc["install_id"],
        _key(doc, "sign_public", name, 32),
        _key(doc, "box_public", name, 32),
        doc["created_at"],
        _key(doc, "signature", name, 64),
    )
    try:
        Ed25519PublicKey.from_public_bytes(card.sign_public).verify(card.signature, _signed_message(card.fields()))
    except (InvalidSignature, ValueError):
        raise KeyCardError(f"{name}：密钥名片的签名不符，文件在传递中被改动过，请让对方重新发送") from None
    try:  # a low-order point (all zeros ...) agrees no secret: every package to it would fail to seal
        X25519PrivateKey.generate().exchange(X25519PublicKey.from_public_bytes(card.box_public))
    except ValueError:
        raise KeyCardError(f"{name}：密钥名片中的加密公钥无效（不能用于加密）") from None
    return card


def read_card(path: Path) -> KeyCard:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CARD_BYTES + 1)
    except OSError:
        raise KeyCardError(f"{path.name}：无法读取文件") from None
    return parse_card(data, path.name)
