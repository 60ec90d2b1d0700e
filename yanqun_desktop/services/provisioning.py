"""Preset settings an IT person gives the installer (``/STREET=`` and ``/DISTRICTCARD=``).

The Windows installer writes ``provision.json`` beside the program (installer/yanqun.nsi); an IT
person may also place one in the machine-wide data folder (``C:\\ProgramData\\yanqun``, Linux
``/usr/local/share/yanqun`` or ``/usr/share/yanqun``) or name one with ``YANQUN_PROVISION``::

    {"version": 1, "street": "沙河", "district_card": "provision/南山区.yqkey"}

``street`` is a street's code or name, or the district (南山区); ``district_card`` the district's
key card (.yqkey), relative to the file's folder or absolute. Both are optional. The file may be
UTF-8 (with or without a byte-order mark) or UTF-16 with one (what NSIS writes).

On the first start the program applies it: the first-run screen takes the street from it
(``preset_office``) instead of asking, and once the first administrator exists the district's
card is trusted (``apply_provision``), recorded in the audit trail like a clerk's ``keys trust``.
Applying is idempotent: a database that already belongs to the street, or already trusts the
card, is left as it is; the file's digest is kept in the install's meta (``provision_applied``) so
later starts skip it. A provision for another office than the database's is refused, never applied.
Core only: no Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from yanqun_desktop.config import APP_NAME
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, requires

PROVISION_FILE = "provision.json"
PROVISION_ENV = "YANQUN_PROVISION"
APPLIED_META = "provision_applied"


class ProvisionError(ServiceError):
    """The provisioning file cannot be used (message in Chinese, naming the file)."""


@dataclass(frozen=True)
class Provision:
    source: Path
    street: str  # street code or name, or the district; "" = not preset
    district_card: Path | None
    digest: str  # sha256 of the file: what was applied

    @property
    def empty(self) -> bool:
        return not self.street and self.district_card is None


@dataclass(frozen=True)
class ProvisionResult:
    applied: bool
    messages: tuple[str, ...]


def candidate_paths() -> list[Path]:
    """Where a provisioning file is looked for, first match wins."""
    paths: list[Path] = []
    env = os.environ.get(PROVISION_ENV)
    if env:
        paths.append(Path(env))
    if getattr(sys, "frozen", False):  # the installed program: beside yanqun.exe / /opt/yanqun/yanqun
        paths.append(Path(sys.executable).resolve().parent / PROVISION_FILE)
    for folder in platformdirs.site_data_dir(APP_NAME, appauthor=False, multipath=True).split(os.pathsep):
        if folder:
            paths.append(Path(folder) / PROVISION_FILE)
    return paths


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def read_provision(path: Path) -> Provision:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ProvisionError(f"{path}：无法读取预置文件（{e.strerror or e}）") from None
    try:
        data = json.loads(_decode(raw))
    except (UnicodeDecodeError, ValueError):
        raise ProvisionError(f"{path}：预置文件不是有效的 JSON") from None
    if not isinstance(data, dict):
        raise ProvisionError(f"{path}：预置文件应是一个 JSON 对象")
    version = data.get("version", 1)
    if version != 1:
        raise ProvisionError(f"{path}：预置文件版本 {version} 不受此版本程序支持")
    street = data.get("street") or ""
    card = data.get("district_card") or ""
    if not isinstance(street, str) or not isinstance(card, str):
        raise ProvisionError(f"{path}：street 与 district_card 应是文字")
    card_path: Path | None = None
    if card.strip():
        card_path = Path(card.strip())
        if not card_path.is_absolute():
            card_path = path.parent / card_path
        if not card_path.is_file():
            raise ProvisionError(f"{path}：找不到区级密钥名片 {card_path}")
    return Provision(path, street.strip(), card_path, hashlib.sha256(raw).hexdigest())


def find_provision(paths: list[Path] | None = None) -> Provision | None:
    """The first provisioning file found (None: none). A broken file raises ProvisionError."""
    for path in candidate_paths() if paths is None else paths:
        if path.is_file():
            provision = read_provision(path)
            return None if provision.empty else provision
    return None


def preset_office(provision: Provision | None) -> str | None:
    """The office the first-run screen should take without asking (None: ask the clerk)."""
    return provision.street if provision is not None and provision.street else None


def already_applied(db: Database, provision: Provision) -> bool:
    return db.meta(APPLIED_META) == provision.digest


@requires(Permission.MANAGE_KEYS)
def apply_provision(db: Database, actor: Actor, provision: Provision) -> ProvisionResult:
    """Bind the database to the preset office (if not yet bound) and trust the district's card
    as ``actor`` (the first administrator). Raises ServiceError (KeyTrustError, ProvisionError)
    with a message for the clerk; nothing is recorded as applied then."""
    from yanqun_desktop.services.setup import initialise

    if already_applied(db, provision):
        return ProvisionResult(False, ())
    messages: list[str] = []
    if provision.street:
        if db.is_initialised:
            own = db.org()
            # initialise() refuses another office with its own message; the same office is a no-op
            try:
                initialise(db, provision.street)
            except ServiceError as e:
                raise ProvisionError(
                    f"{provision.source}：预置的单位「{provision.street}」与本数据库不符：{e}"
                ) from None
            messages.append(f"本机属于{own.name}（与预置一致）。")
        else:
            org = initialise(db, provision.street)
            messages.append(f"已按预置设为{org.name}。")
    if provision.district_card is not None:
        from yanqun_desktop.services.keys import enrol_card  # lazy: cryptography
        from yanqun_desktop.sync.keys import fingerprint_groups

        outcome = enrol_card(db, actor, provision.district_card)
        groups = fingerprint_groups(outcome.key.fingerprint)
        if outcome.status == "unchanged":
            messages.append("区级密钥名片此前已信任。")
        else:
            messages.append(f"已信任区级密钥名片（指纹 {groups}）。")
    db.set_meta(**{APPLIED_META: provision.digest})
    return ProvisionResult(True, tuple(messages))
