"""Sync use cases (shared/SYNC.md): export a package, preview and import packages, the ledger,
the conflict queue. Each function returns plain dataclasses for the sync centre and the CLI.

The file format (keys, encryption, signature) is ``sync.package``; which rows travel is
``sync.export``; how they are applied is ``sync.merge``; the conflict decisions are
``sync.conflicts``. Refusals never touch the database: they go to a log file beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from yanqun_desktop import __version__
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.ids import new_id
from yanqun_desktop.db.models import DISTRICT_CODE, PackageRecord, Street, SyncConflict, SyncPeer
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, requires
from yanqun_desktop.services.sync_import import ImportReport, import_contents, import_packages, refusal_log
from yanqun_desktop.sync.conflicts import merge_duplicate, resolve_conflict
from yanqun_desktop.sync.export import Selection, district_selection, street_selection
from yanqun_desktop.sync.held import held_for
from yanqun_desktop.sync.payload import PACKAGE_SCHEMA, encode_rows

PACKAGE_SUFFIX = ".yqpkg"

__all__ = [
    "ConflictView",
    "ExportResult",
    "ImportReport",
    "LedgerEntry",
    "PackageContents",
    "build_package",
    "export_all_streets",
    "export_package",
    "import_contents",
    "import_packages",
    "list_conflicts",
    "list_ledger",
    "merge_duplicate",
    "package_file_name",
    "peer_status",
    "refusal_log",
    "resolve_conflict",
]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    recipient: str
    seq: int
    package_id: str
    counts: dict[str, int]  # rows per table
    rows: int
    ack_seq: int
    sha256: str
    size: int


@dataclass(frozen=True)
class PackageContents:
    """What goes into a package before it is sealed (the manifest and payload files)."""

    manifest: dict[str, Any]
    files: dict[str, bytes]
    counts: dict[str, int]
    up_to_version: int


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    direction: str  # sent | received
    status: str  # exported | applied | conflicts
    package_id: str | None
    sender: str | None
    recipient: str | None
    seq: int | None
    ack_seq: int | None
    created_at: dt.datetime | None
    recorded_at: dt.datetime
    recorded_by: str
    file_name: str
    sha256: str | None
    size: int | None
    counts: dict[str, Any] | None


@dataclass(frozen=True)
class ConflictView:
    id: str
    kind: str  # duplicate-person | both-changed | not-owner | waiting
    status: str  # open | waiting | resolved | sent-back
    table: str
    row_id: str
    candidate_id: str | None
    sender: str
    package_id: str
    local_row: dict[str, Any] | None
    incoming_row: dict[str, Any]
    created_at: dt.datetime


def package_file_name(org_code: str, seq: int, on: dt.date | None = None) -> str:
    """``<code>-<seq:04d>-<YYYYMMDD>.yqpkg`` (shared/CLI.md)."""
    return f"{org_code}-{seq:04d}-{(on or dt.date.today()):%Y%m%d}{PACKAGE_SUFFIX}"


def _peer(session: Any, code: str) -> SyncPeer:
    peer = session.get(SyncPeer, code)
    if peer is None:
        peer = SyncPeer(peer=code, last_sent_seq=0, acked_seq=0, acked_version=0, received_seq=0)
        session.add(peer)
    return peer


def build_package(db: Database, recipient: str, seq: int) -> PackageContents:
    """Select the rows for ``recipient`` and encode them with the manifest (no file yet)."""
    org = db.org()
    with db.session() as s:
        peer = s.get(SyncPeer, recipient)
        since = peer.acked_version if peer is not None else 0
        ack_seq = peer.received_seq if peer is not None else 0
        held = None
        if org.is_district:
            sel: Selection = district_selection(s, recipient, since)
            held = held_for(s, recipient)
        else:
            sel = street_selection(s, org.code, since)
    files, counts = encode_rows(sel.rows)
    manifest = {
        "package_id": new_id(),
        "schema_version": PACKAGE_SCHEMA,
        "app_version": __version__,
        "sender": org.code,
        "recipient": recipient,
        "seq": seq,
        "ack_seq": ack_seq,
        "since_version": since,
        "up_to_version": sel.up_to_version,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "counts": counts,
    }
    if held is not None:
        manifest["held"] = held  # the street's changes still in the district's conflict queue
    return PackageContents(manifest, files, counts, sel.up_to_version)


def _recipient_code(db: Database, to: str | None) -> str:
    org = db.org()
    if not org.is_district:
        if to not in (None, DISTRICT_CODE):
            raise ServiceError("街道只向区级发送数据包。")
        return DISTRICT_CODE
    if not to:
        raise ServiceError("区级导出数据包时须指定街道（--to 街道）。")
    from yanqun_desktop.services.lookup import resolve_street

    with db.session() as s:
        return resolve_street(s, to).code


@requires(Permission.EXCHANGE_PACKAGES)
def record_sent(
    db: Database, actor: Actor, contents: PackageContents, file_name: str, sha256: str, size: int,
    *, note: str | None = None,
) -> None:
    """The ledger row of a package written (``note``: e.g. that it is a recovery package)."""
    m = contents.manifest
    with db.session() as s, s.begin():
        s.add(
            PackageRecord(
                direction="sent",
                status="exported",
                package_id=m["package_id"],
                sender=m["sender"],
                recipient=m["recipient"],
                seq=m["seq"],
                ack_seq=m["ack_seq"],
                schema_version=m["schema_version"],
                app_version=m["app_version"],
                created_at=dt.datetime.fromisoformat(m["created_at"]),
                recorded_at=dt.datetime.now(dt.UTC),
                recorded_by=actor.name,
                file_name=file_name,
                file_sha256=sha256,
                file_size=size,
                up_to_version=contents.up_to_version,
                counts=contents.counts,
                message=note,
            )
        )
        peer = _peer(s, m["recipient"])
        peer.last_sent_seq = max(peer.last_sent_seq or 0, m["seq"])


@requires(Permission.EXCHANGE_PACKAGES)
def export_package(db: Database, actor: Actor, out: Path | str, *, to: str | None = None) -> ExportResult:
    """Write one package: a street's to the district, or the district's to street ``to``.
    ``out`` is a folder (the standard file name is used) or a file name."""
    from yanqun_desktop.services.readonly import EXPORT_REFUSED, refuse_if_read_only

    refuse_if_read_only(db, EXPORT_REFUSED)
    if actor.org_code != db.org().code:
        raise PermissionDenied("只能以本单位的身份导出数据包。")
    recipient = _recipient_code(db, to)
    return seal_and_record(
        db, actor, recipient, out,
        build=lambda seq: build_package(db, recipient, seq),
        file_name=lambda seq: package_file_name(db.org().code, seq),
    )


@requires(Permission.EXCHANGE_PACKAGES)
def seal_and_record(
    db: Database, actor: Actor, recipient: str, out: Path | str, *,
    build: Callable[[int], PackageContents], file_name: Callable[[int], str], note: str | None = None,
) -> ExportResult:
    """The steps every outgoing package shares: the recipient's trusted card, our identity, the
    next sequence number (persisted beside the keys first), the contents, the sealed file, the
    ledger row and the copy kept for a re-export if the stick is lost."""
    from yanqun_desktop.services.keys import trusted_for
    from yanqun_desktop.services.sync_recovery import keep_sent_copy
    from yanqun_desktop.sync.keys import IdentityError, load_identity, next_sequence
    from yanqun_desktop.sync.package import write_package

    keys = trusted_for(db, recipient)
    if not keys:
        name = "区级" if recipient == DISTRICT_CODE else _street_name(db, recipient)
        raise ServiceError(
            f"尚未信任{name}的密钥名片，无法为其加密数据包：请先导入对方的密钥名片（yanqun keys trust）。"
        )
    try:
        identity = load_identity(db)
    except IdentityError as e:
        raise ServiceError(str(e)) from None
    seq = next_sequence(db, recipient)
    contents = build(seq)
    out = Path(out)
    path = out / file_name(seq) if out.is_dir() else out
    written = write_package(
        path,
        files=contents.files,
        manifest=contents.manifest,
        identity=identity,
        recipient=keys[0],
        seq=seq,
        schema_version=PACKAGE_SCHEMA,
    )
    record_sent(db, actor, contents, path.name, written.sha256, written.size, note=note)
    keep_sent_copy(db, recipient, seq, written.path)
    return ExportResult(
        path=written.path,
        recipient=recipient,
        seq=seq,
        package_id=contents.manifest["package_id"],
        counts=contents.counts,
        rows=sum(contents.counts.values()),
        ack_seq=contents.manifest["ack_seq"],
        sha256=written.sha256,
        size=written.size,
    )


@requires(Permission.EXCHANGE_PACKAGES)
def export_all_streets(db: Database, actor: Actor, folder: Path | str) -> list[ExportResult]:
    """The district's packages for every street whose key card it trusts, into ``folder``."""
    from yanqun_desktop.services.keys import trusted_for

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with db.session() as s:
        codes = list(s.scalars(select(Street.code).where(~Street.deleted).order_by(Street.sort_order)))
    return [export_package(db, actor, folder, to=code) for code in codes if trusted_for(db, code)]


def _street_name(db: Database, code: str) -> str:
    with db.session() as s:
        return s.scalar(select(Street.name).where(Street.code == code)) or code


def list_ledger(db: Database, *, limit: int | None = None) -> list[LedgerEntry]:
    """Every package sent and received, newest first."""
    with db.session() as s:
        stmt = select(PackageRecord).order_by(PackageRecord.id.desc())
        if limit:
            stmt = stmt.limit(limit)
        return [
            LedgerEntry(
                r.id,
                r.direction,
                r.status,
                r.package_id,
                r.sender,
                r.recipient,
                r.seq,
                r.ack_seq,
                r.created_at,
                r.recorded_at,
                r.recorded_by,
                r.file_name,
                r.file_sha256,
                r.file_size,
                r.counts,
            )
            for r in s.scalars(stmt)
        ]


def peer_status(db: Database) -> list[SyncPeer]:
    """Where this install stands with each peer (detached rows)."""
    with db.session() as s:
        return list(s.scalars(select(SyncPeer).order_by(SyncPeer.peer)))


def list_conflicts(db: Database, *, status: str | None = "open") -> list[ConflictView]:
    """The conflict queue (``status`` None: every entry), oldest first."""
    with db.session() as s:
        stmt = select(SyncConflict).order_by(SyncConflict.created_at, SyncConflict.id)
        if status is not None:
            stmt = stmt.where(SyncConflict.status == status)
        return [
            ConflictView(
                c.id,
                c.kind,
                c.status,
                c.table_name,
                c.row_id,
                c.candidate_id,
                c.sender,
                c.package_id,
                c.local_row,
                c.incoming_row,
                c.created_at,
            )
            for c in s.scalars(stmt)
        ]
