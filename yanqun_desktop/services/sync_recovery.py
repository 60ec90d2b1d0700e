"""Recovery packages and re-exports (shared/SYNC.md "Recovery"; issue 5 parts 7 and 8).

* ``export_recovery_package``: the district writes, for one street, every row that street owns
  plus the district data it needs (``sync.recovery``); the street imports it with the ordinary
  import after a restore from backup or on a rebuilt PC.
* The outbox: every package written is also kept, byte for byte, in ``<db file>.outbox/`` beside
  the database, ``<recipient>/<seq:06d>.yqpkg``, until the recipient acknowledges it (pruned at
  each export and re-export).
* ``reexport_package``: when the stick was lost, the kept copy is written again. The same bytes
  mean the same package id and hash, so an importer that already applied it says "already
  imported" and one that never saw it applies it exactly as the ledger describes it.
  *Decision*: a copy rather than a rebuild: a rebuild could not hold the same rows (they may
  have changed since) under the same id and hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from yanqun_desktop import __version__, config
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import DISTRICT_CODE, PackageRecord, SyncPeer
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, requires
from yanqun_desktop.services.readonly import EXPORT_REFUSED, refuse_if_read_only
from yanqun_desktop.services.sync import (
    PACKAGE_SUFFIX,
    ExportResult,
    PackageContents,
    _recipient_code,
    _street_name,
)
from yanqun_desktop.sync.payload import PACKAGE_SCHEMA, encode_rows
from yanqun_desktop.sync.recovery import highest_received_seq, recovery_selection

RECOVERY_NOTE = "恢复数据包"


@dataclass(frozen=True)
class ReexportResult:
    path: Path
    recipient: str
    seq: int
    package_id: str | None
    sha256: str
    size: int


# -- the outbox --------------------------------------------------------------------------------
def outbox_dir(db: Database) -> Path:
    """``<db file>.outbox/`` beside the database (the data folder for a non-file database)."""
    path = db.path
    if path is not None:
        return path.with_name(path.name + ".outbox")
    return config.data_dir() / "outbox"


def _kept(db: Database, recipient: str, seq: int) -> Path:
    return outbox_dir(db) / recipient / f"{seq:06d}{PACKAGE_SUFFIX}"


def keep_sent_copy(db: Database, recipient: str, seq: int, written: Path) -> Path | None:
    """Keep a copy of a package just written (called by every export), then prune the copies
    the recipient has acknowledged. A copy that cannot be written (disk full) does not undo
    the export, which has succeeded: that package just cannot be re-exported (None)."""
    kept = _kept(db, recipient, seq)
    part = kept.with_name(kept.name + ".part")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(written, part)
        part.replace(kept)
        prune_outbox(db)
    except OSError:
        part.unlink(missing_ok=True)
        return None
    return kept


def prune_outbox(db: Database) -> list[Path]:
    """Remove kept copies of packages their recipient acknowledged. Returns the removed files.
    (A copy sealed to a card replaced since is kept until then; re-exporting it is refused.)"""
    root = outbox_dir(db)
    if not root.is_dir():
        return []
    with db.session() as s:
        acked = {p.peer: p.acked_seq or 0 for p in s.scalars(select(SyncPeer))}
    removed = []
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        for f in folder.glob(f"*{PACKAGE_SUFFIX}"):
            try:
                seq = int(f.stem)
            except ValueError:
                continue
            if seq <= acked.get(folder.name, 0):
                f.unlink(missing_ok=True)
                removed.append(f)
    return removed


# -- recovery ----------------------------------------------------------------------------------
def build_recovery_package(db: Database, street: str, seq: int) -> PackageContents:
    """The district's recovery package for ``street`` (no file yet)."""
    with db.session() as s:
        sel = recovery_selection(s, street)
        ack_seq = highest_received_seq(s, street)
    files, counts = encode_rows(sel.rows)
    manifest = {
        "package_id": new_id(),
        "schema_version": PACKAGE_SCHEMA,
        "app_version": __version__,
        "sender": DISTRICT_CODE,
        "recipient": street,
        "seq": seq,
        "ack_seq": ack_seq,
        "since_version": 0,
        "up_to_version": sel.up_to_version,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "counts": counts,
        "recovery": True,
    }
    return PackageContents(manifest, files, counts, sel.up_to_version)


def recovery_file_name(seq: int, on: dt.date | None = None) -> str:
    return f"{DISTRICT_CODE}-{seq:04d}-{(on or dt.date.today()):%Y%m%d}-recovery{PACKAGE_SUFFIX}"


@requires(Permission.EXCHANGE_PACKAGES)
def export_recovery_package(db: Database, actor: Actor, out: Path | str, *, to: str) -> ExportResult:
    """District only: write the recovery package for street ``to`` to ``out`` (a folder, or a
    file name). It is encrypted to the street's current card: after a rebuild, trust the new
    card (``keys trust --replace``) first."""
    from yanqun_desktop.services.sync import seal_and_record

    refuse_if_read_only(db, EXPORT_REFUSED)
    if not db.org().is_district or actor.org_code != DISTRICT_CODE:
        raise PermissionDenied("只有区级可以为街道制作恢复数据包。")
    street = _recipient_code(db, to)
    return seal_and_record(
        db, actor, street, out,
        build=lambda seq: build_recovery_package(db, street, seq),
        file_name=recovery_file_name, note=RECOVERY_NOTE,
    )


# -- re-export ---------------------------------------------------------------------------------
@requires(Permission.EXCHANGE_PACKAGES)
def reexport_package(
    db: Database, actor: Actor, seq: int, out: Path | str, *, to: str | None = None
) -> ReexportResult:
    """Write package ``seq`` (to ``to``; a street's recipient is the district) again, byte for
    byte, from the outbox. ``out`` is a folder (the ledger's file name is used) or a file name."""
    from yanqun_desktop.services.keys import trusted_for
    from yanqun_desktop.sync.package import read_header

    refuse_if_read_only(db, EXPORT_REFUSED)
    if actor.org_code != db.org().code:
        raise PermissionDenied("只能以本单位的身份补发数据包。")
    recipient = _recipient_code(db, to)
    with db.session() as s:
        entry = s.scalars(
            select(PackageRecord)
            .where(PackageRecord.direction == "sent", PackageRecord.recipient == recipient, PackageRecord.seq == seq)
            .order_by(PackageRecord.id.desc())
        ).first()
        peer = s.get(SyncPeer, recipient)
        acked = peer.acked_seq if peer is not None else 0
    who = "区级" if recipient == DISTRICT_CODE else _street_name(db, recipient)
    if entry is None:
        raise ServiceError(f"台账中没有发往{who}的第 {seq} 号数据包")
    prune_outbox(db)
    kept = _kept(db, recipient, seq)
    if not kept.is_file():
        if seq <= (acked or 0):
            raise ServiceError(f"{who}已确认收到第 {seq} 号数据包，无需补发")
        raise ServiceError(
            f"没有保存第 {seq} 号数据包的副本，无法原样补发：请重新导出数据包（新的数据包包含其中的全部记录）"
        )
    data = kept.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if entry.file_sha256 and digest != entry.file_sha256:
        raise ServiceError(f"第 {seq} 号数据包的保存副本与台账记录的校验值不符，未补发：请重新导出数据包")
    current = {k.fingerprint for k in trusted_for(db, recipient)}
    if read_header(kept).recipient_fingerprint not in current:
        raise ServiceError(f"{who}已更换密钥名片，第 {seq} 号数据包对方已无法打开：请重新导出数据包")
    target = Path(out)
    if target.is_dir():
        target = target / entry.file_name
    part = target.with_name(target.name + ".part")
    part.write_bytes(data)
    part.replace(target)
    return ReexportResult(target, recipient, seq, entry.package_id, digest, len(data))
