"""This install's identity: an Ed25519 signing key and an X25519 encryption key, kept as files
in the key folder (CLI.md ``--keys``), outside the database, so that a database restored from a
backup keeps signing with the same keys and never reuses a package sequence number (SYNC.md).

Files in the key folder (each written to a temporary name, then renamed; mode 0600):

* ``sign-ed25519.pem`` and ``box-x25519.pem``: the private keys, PKCS8 PEM. Unencrypted on disk:
  they are protected by the OS account, like SSH keys; a backup leaves the folder only
  passphrase-encrypted (``export_key_backup``).
* ``identity.json``: which office and install made the keys. Written last: a folder without it
  holds no identity yet (an interrupted creation is simply redone).
* ``package-seq.json``: the highest package sequence number used per recipient.

Private key material never appears in an exception message, a log line or a ``repr``."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

if TYPE_CHECKING:
    from yanqun_desktop.db.database import Database

SIGN_KEY_FILE = "sign-ed25519.pem"
BOX_KEY_FILE = "box-x25519.pem"
IDENTITY_FILE = "identity.json"
SEQUENCE_FILE = "package-seq.json"
FINGERPRINT_DOMAIN = b"yanqun-key-fingerprint-v1\x00"
ORG_CODE_RE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
INSTALL_ID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

BACKUP_FORMAT = "yanqun-key-backup"
BACKUP_VERSION = 1
# scrypt with r=8 uses 128 * r * n bytes: 2**16 -> 64 MiB, about 0.3 s here. The reader accepts
# a bounded range, so a hostile backup file cannot ask for gigabytes or hours.
SCRYPT_N = 2**16
SCRYPT_N_RANGE = (2**14, 2**20)
MIN_PASSPHRASE = 8
MAX_SMALL_FILE = 64 * 1024


class IdentityError(Exception):
    """The local identity or a key backup cannot be used (Chinese message, no key material)."""


def fingerprint_of(org_code: str, install_id: str, sign_public: bytes, box_public: bytes) -> str:
    """Hex SHA-256 over a canonical encoding of the two public keys, the office and the install.
    Org codes and install ids never hold NUL, so the separators make the encoding unambiguous."""
    data = b"".join(
        [FINGERPRINT_DOMAIN, org_code.encode(), b"\x00", install_id.encode(), b"\x00", sign_public, box_public]
    )
    return hashlib.sha256(data).hexdigest()


def fingerprint_groups(fp: str) -> str:
    """The first 128 bits as 8 groups of 4 hex digits, for reading aloud over the phone
    (128 bits leave no practical room for a second card with the same groups)."""
    digits = fp.upper()[:32]
    return " ".join(digits[i : i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class LocalIdentity:
    org_code: str
    org_name: str
    install_id: str
    created_at: str
    sign_key: Ed25519PrivateKey = field(repr=False, compare=False)
    box_key: X25519PrivateKey = field(repr=False, compare=False)
    keys_dir: Path | None = field(default=None, compare=False)  # where the files live (None: in memory)
    fingerprint: str = field(default="", init=False)

    def __post_init__(self) -> None:
        fp = fingerprint_of(self.org_code, self.install_id, self.sign_public, self.box_public)
        object.__setattr__(self, "fingerprint", fp)

    @property
    def sign_public(self) -> bytes:
        return self.sign_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def box_public(self) -> bytes:
        return self.box_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def __repr__(self) -> str:
        return f"LocalIdentity(org_code={self.org_code!r}, fingerprint={fingerprint_groups(self.fingerprint)!r})"


# -- files ---------------------------------------------------------------------------------
def _ensure_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # e.g. a FAT stick: the OS account is the only protection there
        os.chmod(folder, 0o700)


def write_private_file(path: Path, data: bytes) -> None:
    """Write atomically (temporary name in the same folder, fsync, rename), mode 0600 where the
    OS supports it, so a crash never leaves a half-written key under the final name."""
    _ensure_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _read_small(path: Path, limit: int = MAX_SMALL_FILE) -> bytes:
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _Bad("文件过大")
    return data


def _pem(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write_identity(folder: Path, meta: dict[str, str], sign_pem: bytes, box_pem: bytes) -> None:
    write_private_file(folder / SIGN_KEY_FILE, sign_pem)
    write_private_file(folder / BOX_KEY_FILE, box_pem)
    write_private_file(folder / IDENTITY_FILE, json.dumps(meta, ensure_ascii=False, sort_keys=True).encode())


class _Bad(ValueError):
    """A reason of ours, safe to show (cryptography's own texts are replaced by a generic one)."""


def _load_from(folder: Path, org_name: str | None) -> LocalIdentity:
    current = folder / IDENTITY_FILE
    try:
        meta = json.loads(_read_small(current).decode("utf-8"))
        if not isinstance(meta, dict):
            raise _Bad("内容不是对象")
        org_code, install_id, created = meta.get("org_code"), meta.get("install_id"), meta.get("created_at")
        if not (isinstance(org_code, str) and ORG_CODE_RE.match(org_code)):
            raise _Bad("单位代码无效")
        if not (isinstance(install_id, str) and INSTALL_ID_RE.match(install_id)):
            raise _Bad("安装编号无效")
        if not isinstance(created, str):
            raise _Bad("创建时间无效")
        current = folder / SIGN_KEY_FILE
        sign_key = serialization.load_pem_private_key(_read_small(current), password=None)
        if not isinstance(sign_key, Ed25519PrivateKey):
            raise _Bad("不是 Ed25519 私钥")
        current = folder / BOX_KEY_FILE
        box_key = serialization.load_pem_private_key(_read_small(current), password=None)
        if not isinstance(box_key, X25519PrivateKey):
            raise _Bad("不是 X25519 私钥")
    except FileNotFoundError:
        raise IdentityError(f"本机密钥文件缺失或损坏：{current}（文件不存在）") from None
    except _Bad as e:
        raise IdentityError(f"本机密钥文件缺失或损坏：{current}（{e}）") from None
    except (OSError, ValueError, TypeError) as e:
        why = "文件过大" if str(e) == "文件过大" else "格式无效"
        raise IdentityError(f"本机密钥文件缺失或损坏：{current}（{why}）") from None
    name = org_name if org_name is not None else str(meta.get("org_name") or org_code)
    return LocalIdentity(org_code, name, install_id, created, sign_key, box_key, folder)


def has_identity(keys_dir: Path) -> bool:
    return (keys_dir / IDENTITY_FILE).exists()


def load_identity(db: Database) -> LocalIdentity:
    """The identity in ``db.keys_dir``; ``IdentityError`` when it is missing, corrupt or made
    for another office."""
    org = db.org()
    return load_identity_in(Path(db.keys_dir), org.code, org.name)


def load_identity_in(keys_dir: Path, org_code: str, org_name: str) -> LocalIdentity:
    """The identity in ``keys_dir`` for the office ``org_code`` (for a database not opened as a
    ``Database`` yet, e.g. before its upgrade); ``IdentityError`` as ``load_identity``."""
    identity = _load_from(Path(keys_dir), org_name)
    if identity.org_code != org_code:
        raise IdentityError(
            f"本机密钥文件缺失或损坏：{Path(keys_dir) / IDENTITY_FILE}"
            f"（这套密钥属于「{identity.org_code}」，而数据库属于「{org_name}」）"
        )
    return identity


def ensure_identity(db: Database) -> LocalIdentity:
    """Create the key pairs on first use; afterwards load them (idempotent)."""
    folder = Path(db.keys_dir)
    if has_identity(folder):
        return load_identity(db)
    org = db.org()
    meta = {
        "org_code": org.code,
        "org_name": org.name,
        "install_id": db.install_id,
        "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    _write_identity(folder, meta, _pem(Ed25519PrivateKey.generate()), _pem(X25519PrivateKey.generate()))
    return load_identity(db)


# -- package sequence high-water mark -------------------------------------------------------
def _read_sequences(folder: Path) -> dict[str, int]:
    path = folder / SEQUENCE_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(_read_small(path).decode("utf-8"))
    except (OSError, ValueError) as e:
        raise IdentityError(f"本机密钥文件缺失或损坏：{path}（数据包序号记录无法读取）") from e
    if not isinstance(data, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in data.values()):
        raise IdentityError(f"本机密钥文件缺失或损坏：{path}（数据包序号记录格式无效）")
    return {str(k): int(v) for k, v in data.items()}


def _write_sequences(folder: Path, values: dict[str, int]) -> None:
    write_private_file(folder / SEQUENCE_FILE, json.dumps(values, sort_keys=True).encode())


def sequence_high_water(keys_dir: Path, peer: str) -> int:
    return _read_sequences(Path(keys_dir)).get(peer, 0)


def next_sequence(db: Database, peer: str) -> int:
    """The next package sequence number for ``peer``: past the database's
    ``SyncPeer.last_sent_seq``, every number the peer acknowledged (a recovery package
    acknowledges the highest one it ever received) and the mark in the key folder, which is
    persisted before the number is returned, so a database restored from an old backup never
    reuses a number.
    An export that fails after this leaves a gap, which the recipient reports and the next
    (cumulative) package fills."""
    from sqlalchemy import func, select

    from yanqun_desktop.db.models.sync import PackageRecord, SyncPeer

    with db.session() as s:
        row = s.get(SyncPeer, peer)
        in_db = row.last_sent_seq if row is not None and row.last_sent_seq else 0
        # A number the peer says it received was used, even if this database (restored, or
        # rebuilt from a recovery package) never recorded sending it.
        acked = s.scalar(
            select(func.max(PackageRecord.ack_seq)).where(
                PackageRecord.direction == "received", PackageRecord.sender == peer
            )
        )
        in_db = max(in_db, acked or 0)
    folder = Path(db.keys_dir)
    marks = _read_sequences(folder)
    seq = max(in_db, marks.get(peer, 0)) + 1
    marks[peer] = seq
    _write_sequences(folder, marks)
    return seq


# -- passphrase-protected backup ------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _kdf(passphrase: str, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))


def _backup_aad(params: dict[str, Any]) -> bytes:
    return json.dumps(params, sort_keys=True, separators=(",", ":")).encode()


def export_key_backup(identity: LocalIdentity, path: Path, passphrase: str, *, scrypt_n: int = SCRYPT_N) -> Path:
    """Write the identity, encrypted with a key derived from ``passphrase`` (scrypt +
    ChaCha20-Poly1305; the KDF parameters are authenticated as associated data)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise IdentityError(f"备份口令至少需要 {MIN_PASSPHRASE} 个字符。")
    if not SCRYPT_N_RANGE[0] <= scrypt_n <= SCRYPT_N_RANGE[1]:
        raise ValueError("scrypt_n out of range")
    seqs = _read_sequences_quiet(identity)
    secret = {
        "org_code": identity.org_code,
        "org_name": identity.org_name,
        "install_id": identity.install_id,
        "created_at": identity.created_at,
        "sign_pem": _pem(identity.sign_key).decode("ascii"),
        "box_pem": _pem(identity.box_key).decode("ascii"),
        "sequences": seqs,
    }
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    params = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "kdf": "scrypt",
        "n": scrypt_n,
        "r": 8,
        "p": 1,
        "salt": _b64(salt),
        "cipher": "chacha20poly1305",
        "nonce": _b64(nonce),
        "fingerprint": identity.fingerprint,
    }
    sealed = ChaCha20Poly1305(_kdf(passphrase, salt, scrypt_n)).encrypt(
        nonce, json.dumps(secret).encode(), _backup_aad(params)
    )
    doc = dict(params, ciphertext=_b64(sealed))
    write_private_file(Path(path), json.dumps(doc, indent=1).encode())
    return Path(path)


def _read_sequences_quiet(identity: LocalIdentity) -> dict[str, int]:
    if identity.keys_dir is None:
        return {}
    try:
        return _read_sequences(identity.keys_dir)
    except IdentityError:
        return {}


def import_key_backup(path: Path, passphrase: str, keys_dir: Path, *, expected_org: str | None = None) -> LocalIdentity:
    """Restore a backup into ``keys_dir``. Refuses a wrong passphrase or an altered file, and
    never overwrites a different identity already in the folder (restoring the same one again
    only merges the sequence marks)."""
    name = Path(path).name
    try:
        doc = json.loads(_read_small(Path(path)).decode("utf-8"))
    except (OSError, ValueError) as e:
        raise IdentityError(f"{name}：不是有效的密钥备份文件") from e
    try:
        params = {
            k: doc[k] for k in ("format", "version", "kdf", "n", "r", "p", "salt", "cipher", "nonce", "fingerprint")
        }
        ok = (
            params["format"] == BACKUP_FORMAT
            and params["version"] == BACKUP_VERSION
            and params["kdf"] == "scrypt"
            and params["cipher"] == "chacha20poly1305"
            and type(params["n"]) is int
            and SCRYPT_N_RANGE[0] <= params["n"] <= SCRYPT_N_RANGE[1]
            and params["r"] == 8
            and params["p"] == 1
        )
        salt, nonce = base64.b64decode(params["salt"], validate=True), base64.b64decode(params["nonce"], validate=True)
        sealed = base64.b64decode(doc["ciphertext"], validate=True)
    except (KeyError, TypeError, ValueError):
        ok = False
    if not ok or len(nonce) != 12 or len(salt) < 16:
        raise IdentityError(f"{name}：不是有效的密钥备份文件（格式或版本不受支持）")
    try:
        plain = ChaCha20Poly1305(_kdf(passphrase, salt, params["n"])).decrypt(nonce, sealed, _backup_aad(params))
    except InvalidTag:
        raise IdentityError(f"{name}：备份口令不正确，或文件已被改动") from None
    secret = json.loads(plain)
    if expected_org is not None and secret["org_code"] != expected_org:
        raise IdentityError(f"{name}：这是「{secret['org_name']}」的密钥备份，与本机数据库所属单位不符")
    folder = Path(keys_dir)
    meta = {k: secret[k] for k in ("org_code", "org_name", "install_id", "created_at")}
    restored_seqs = {str(k): int(v) for k, v in (secret.get("sequences") or {}).items()}
    if has_identity(folder):
        existing = _load_from(folder, None)
        if existing.fingerprint != params["fingerprint"]:
            raise IdentityError(
                f"{name}：密钥文件夹 {folder} 中已有另一套密钥，不会覆盖。"
                "请在 yanqun init 之前恢复，或用 --keys 指定一个空文件夹。"
            )
    else:
        _write_identity(folder, meta, secret["sign_pem"].encode(), secret["box_pem"].encode())
    marks = _read_sequences(folder)
    for peer, seq in restored_seqs.items():
        marks[peer] = max(marks.get(peer, 0), seq)
    if marks:
        _write_sequences(folder, marks)
    identity = _load_from(folder, None)
    if identity.fingerprint != params["fingerprint"]:
        raise IdentityError(f"{name}：备份中的密钥与记录的指纹不符")
    return identity
