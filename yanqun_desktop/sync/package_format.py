"""The ``.yqpkg`` byte layout, the clear-text header and the encryption (docs/sync-format.md).

::

    offset  size  field
    0       5     magic b"YQPKG"
    5       1     format version (1)
    6       2     H: header length, big-endian, at most 4 KiB
    8       H     header: UTF-8 JSON object (canonical: sorted keys, no spaces)
    8+H     P     body: the zip, encrypted in 64 KiB chunks (P = header "payload_length")
    8+H+P   64    Ed25519 signature by the sender over bytes[0:8+H] ‖ manifest.json
    end           nothing may follow

The body key is fresh per package: an ephemeral X25519 key (its public half in the header)
agrees a secret with the recipient's X25519 key, HKDF-SHA256 turns it into a ChaCha20-Poly1305
key. Each 64 KiB chunk is sealed with nonce = chunk counter (11 bytes) ‖ last-chunk flag and
the header bytes as associated data (the STREAM construction, as in age), so the body is
decrypted chunk by chunk, a truncated or reordered body fails, and any change to the header
fails every chunk."""

from __future__ import annotations

import base64
import json
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"YQPKG"
FORMAT_VERSION = 1
SUITE = "x25519-hkdf-sha256-chacha20poly1305-ed25519"
PREFIX = struct.Struct(">5sBH")  # magic, format version, header length
MAX_HEADER = 4096
CHUNK = 64 * 1024
TAG = 16
SIGNATURE_LEN = 64
KDF_INFO = b"yanqun-package-v1\x00" + SUITE.encode()
HEADER_KEYS = frozenset(
    {
        "suite",
        "sender",
        "sender_fingerprint",
        "recipient_fingerprint",
        "seq",
        "schema_version",
        "payload_length",
        "ephemeral_public",
    }
)
FP_RE = re.compile(r"^[0-9a-f]{64}$")
ORG_RE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
SCHEMA_RE = re.compile(r"^[0-9]{4}$")  # the Alembic revision, e.g. "0003"
MAX_SEQ = 2**31 - 1

REASONS = {
    "not-a-package": "不是雁群数据包",
    "too-large": "数据包过大",
    "truncated": "数据包不完整（文件被截断）",
    "tampered": "数据包已被改动或损坏",
    "not-for-us": "不是发给本单位的数据包",
    "untrusted-sender": "发送方未被信任",
    "bad-signature": "签名无效",
    "bad-manifest": "内容清单与数据不符",
    "unsafe-entry": "数据包含有不安全的文件",
    "newer-schema": "数据包来自更新版本的程序",
}


class PackageRefused(Exception):
    """A package that must not be applied. ``reason`` is a short code (see ``REASONS``);
    ``message`` is Chinese, names the file and says why. It never holds key material."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


def refuse(reason: str, name: str, detail: str = "") -> PackageRefused:
    text = REASONS[reason]
    return PackageRefused(reason, f"{name}：{text}" + (f"（{detail}）" if detail else ""))


@dataclass(frozen=True)
class PackageHeader:
    format_version: int
    suite: str
    sender: str
    sender_fingerprint: str
    recipient_fingerprint: str
    seq: int
    schema_version: str


@dataclass(frozen=True)
class RawHeader:
    """The parsed header plus what only the reader needs."""

    header: PackageHeader
    header_bytes: bytes  # bytes[0:8+H]: associated data and the first half of the signed message
    payload_length: int
    ephemeral_public: bytes

    @property
    def total_size(self) -> int:
        return len(self.header_bytes) + self.payload_length + SIGNATURE_LEN


def encode_header(header: PackageHeader, payload_length: int, ephemeral_public: bytes) -> bytes:
    doc = {
        "suite": header.suite,
        "sender": header.sender,
        "sender_fingerprint": header.sender_fingerprint,
        "recipient_fingerprint": header.recipient_fingerprint,
        "seq": header.seq,
        "schema_version": header.schema_version,
        "payload_length": payload_length,
        "ephemeral_public": base64.b64encode(ephemeral_public).decode("ascii"),
    }
    body = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_HEADER:
        raise ValueError("package header too long")
    return PREFIX.pack(MAGIC, header.format_version, len(body)) + body


def parse_header(fh: BinaryIO, name: str) -> RawHeader:
    """Read and check the clear-text header; nothing here is trusted yet."""
    prefix = fh.read(PREFIX.size)
    if len(prefix) < PREFIX.size or not prefix.startswith(MAGIC[: len(prefix)]):
        raise refuse("not-a-package", name, "文件开头不是数据包标识")
    magic, version, length = PREFIX.unpack(prefix)
    if magic != MAGIC:
        raise refuse("not-a-package", name, "文件开头不是数据包标识")
    if version != FORMAT_VERSION:
        raise refuse("not-a-package", name, f"数据包格式版本 {version} 不受支持，可能需要升级程序")
    if length > MAX_HEADER:
        raise refuse("not-a-package", name, "文件头过长")
    body = fh.read(length)
    if len(body) < length:
        raise refuse("truncated", name, "文件头不完整")
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise refuse("not-a-package", name, "文件头无法解析") from None
    if not isinstance(doc, dict) or set(doc) != HEADER_KEYS:
        raise refuse("not-a-package", name, "文件头字段不符")
    if doc["suite"] != SUITE:
        raise refuse("not-a-package", name, f"不支持的加密套件「{str(doc['suite'])[:60]}」")
    ints = (doc["seq"], doc["payload_length"])
    if not all(type(v) is int for v in ints) or not all(
        isinstance(doc[k], str) for k in HEADER_KEYS - {"seq", "payload_length"}
    ):
        raise refuse("not-a-package", name, "文件头字段类型不符")
    checks = [  # fullmatch: with match, "$" would let a final "\n" through
        ORG_RE.fullmatch(doc["sender"]),
        FP_RE.fullmatch(doc["sender_fingerprint"]),
        FP_RE.fullmatch(doc["recipient_fingerprint"]),
        SCHEMA_RE.fullmatch(doc["schema_version"]),
        1 <= doc["seq"] <= MAX_SEQ,
        doc["payload_length"] >= TAG,
    ]
    try:
        ephemeral = base64.b64decode(doc["ephemeral_public"], validate=True)
    except ValueError:
        ephemeral = b""
    if not all(checks) or len(ephemeral) != 32:
        raise refuse("not-a-package", name, "文件头字段取值无效")
    header = PackageHeader(
        version,
        doc["suite"],
        doc["sender"],
        doc["sender_fingerprint"],
        doc["recipient_fingerprint"],
        doc["seq"],
        doc["schema_version"],
    )
    return RawHeader(header, prefix + body, doc["payload_length"], ephemeral)


# -- the body -------------------------------------------------------------------------------
def _body_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> ChaCha20Poly1305:
    if shared == bytes(32):  # a low-order point: no secret was agreed
        raise ValueError("degenerate key agreement")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public, info=KDF_INFO).derive(
        shared
    )
    return ChaCha20Poly1305(key)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def sealed_length(plain_length: int) -> int:
    chunks = max(1, -(-plain_length // CHUNK))
    return plain_length + chunks * TAG


def new_ephemeral(recipient_public: bytes) -> tuple[bytes, ChaCha20Poly1305]:
    """A fresh ephemeral key pair for one package: its public half and the body cipher."""
    eph = X25519PrivateKey.generate()
    eph_public = eph.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    return eph_public, _body_key(shared, eph_public, recipient_public)


def seal_chunks(cipher: ChaCha20Poly1305, plain: bytes, aad: bytes) -> Iterator[bytes]:
    view = memoryview(plain)
    count = max(1, -(-len(plain) // CHUNK))
    for i in range(count):
        yield cipher.encrypt(_nonce(i, i == count - 1), bytes(view[i * CHUNK : (i + 1) * CHUNK]), aad)


def open_cipher(box_key: X25519PrivateKey, ephemeral_public: bytes) -> ChaCha20Poly1305:
    own_public = box_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    shared = box_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    return _body_key(shared, ephemeral_public, own_public)


def chunk_plan(payload_length: int) -> list[int]:
    """The sealed chunk sizes a body of ``payload_length`` bytes must consist of."""
    full, rest = divmod(payload_length, CHUNK + TAG)
    sizes = [CHUNK + TAG] * full
    if rest:
        if rest < TAG:
            raise ValueError("body length cannot be a chunk sequence")
        sizes.append(rest)
    return sizes


def as_dict(header: PackageHeader) -> dict[str, Any]:
    return dict(header.__dict__)
