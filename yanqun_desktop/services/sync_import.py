"""Importing packages (shared/SYNC.md, "Import"): the checks after the file format's own, the
preview, the backup, one transaction, the ledger and the acknowledgements. Part of
``services.sync`` (re-exported there).

Every package applied is kept, byte for byte, in the inbox ``<db file>.inbox/<sender>/``: the
audit trail records a row a package inserted by its version only, and the kept package (named
in the ledger by its SHA-256) holds the values it arrived with."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, ProgrammingError

from yanqun_desktop import config
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, PackageRecord, SyncPeer
from yanqun_desktop.db.models.base import UUID_LEN
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.permissions import Permission, requires
from yanqun_desktop.services.uow import unit_of_work
from yanqun_desktop.sync.bulk import gc_paused
from yanqun_desktop.sync.conflicts import follow_aliases, retire_aliases
from yanqun_desktop.sync.held import record_held
from yanqun_desktop.sync.merge import COUNT_KEYS, apply_plan, plan_import
from yanqun_desktop.sync.payload import PACKAGE_SCHEMA, PayloadError, decode_files

APPLIED = ("applied", "conflicts")
# One transform per schema step, oldest first: (from revision, function on manifest and files).
# Packages started at schema 0003; a later schema adds its step here with a fixture package.
SCHEMA_STEPS: list[tuple[str, Any]] = []


@dataclass(frozen=True)
class ImportReport:
    """One file's outcome (shared/CLI.md ``--json``)."""

    file: str
    status: str  # applied | already-applied | refused | dry-run | conflicts
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    messages: tuple[str, ...] = ()
    sender: str | None = None
    seq: int | None = None
    package_id: str | None = None
    reason: str | None = None  # refusals: the short code
    backup: Path | None = None

    @property
    def exit_code(self) -> int:
        if self.status == "refused":
            return 1
        return 3 if self.counts.get("conflicts") else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "counts": self.counts,
            "messages": list(self.messages),
            "sender": self.sender,
            "seq": self.seq,
            "tables": self.tables,
        }


def refusal_log(db: Database) -> Path:
    """The refusal log: beside the database file (never inside it)."""
    path = db.path
    if path is not None:
        return path.with_name(path.name + ".sync-refusals.log")
    return config.data_dir() / "sync-refusals.log"


def _log_refusal(db: Database, file_name: str, reason: str, message: str) -> None:
    """One line per refusal: when, which file, why. The message names the file and the reason
    only (never personal data)."""
    line = f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\t{file_name}\t{reason}\t{message}\n"
    log = refusal_log(db)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(line)


def _refused(db: Database, file_name: str, reason: str, message: str, **extra: Any) -> ImportReport:
    _log_refusal(db, file_name, reason, message)
    return ImportReport(file_name, "refused", messages=(message,), reason=reason, **extra)


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.yqpkg")) if p.is_dir() else [p])
    return out


@requires(Permission.EXCHANGE_PACKAGES)
def import_packages(
    db: Database, actor: Actor, paths: Iterable[Path | str], *, dry_run: bool = False, backup: bool = True
) -> list[ImportReport]:
    """Open, check and (unless ``dry_run``) apply each package file (folders: their .yqpkg
    files); one report per file. A refused file changes nothing and is logged beside the DB."""
    from yanqun_desktop.services.keys import trusted_for
    from yanqun_desktop.sync.keys import IdentityError, load_identity
    from yanqun_desktop.sync.package import PackageRefused, open_package

    reports = []
    for path in _expand(paths):
        try:
            identity = load_identity(db)
            opened = open_package(
                path, identity=identity, trusted=lambda code: trusted_for(db, code), current_schema=PACKAGE_SCHEMA
            )
        except PackageRefused as e:
            reports.append(_refused(db, path.name, e.reason, e.message))
            continue
        except IdentityError as e:
            reports.append(_refused(db, path.name, "no-identity", f"{path.name}：{e}"))
            continue
        except OSError as e:
            reports.append(_refused(db, path.name, "unreadable", f"{path.name}：无法读取（{e.strerror or e}）"))
            continue
        with gc_paused():
            report = import_contents(
                db,
                actor,
                manifest=opened.manifest,
                files=opened.files,
                file_name=path.name,
                sha256=opened.sha256,
                size=opened.size,
                dry_run=dry_run,
                backup=backup,
            )
        if report.status in APPLIED and keep_received_copy(db, path, report, opened.sha256) is None:
            note = f"{path.name}：已导入，但未能在收件箱保存副本"
            report = replace(report, messages=(*report.messages, note))
        reports.append(report)
    return reports


def inbox_dir(db: Database) -> Path:
    """``<db file>.inbox/`` beside the database (the data folder for a non-file database)."""
    path = db.path
    if path is not None:
        return path.with_name(path.name + ".inbox")
    return config.data_dir() / "inbox"


def keep_received_copy(db: Database, path: Path, report: ImportReport, sha256: str) -> Path | None:
    """Copy an applied package into the inbox, ``<sender>/<seq:06d>-<hash prefix>.yqpkg``. The
    copy must hash as the file opened (else it changed on the stick meanwhile and is dropped).
    A copy that cannot be written does not undo the import, which has succeeded (None)."""
    kept = inbox_dir(db) / str(report.sender) / f"{report.seq or 0:06d}-{sha256[:12]}.yqpkg"
    part = kept.with_name(kept.name + ".part")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, part)
        with part.open("rb") as fh:
            if hashlib.file_digest(fh, "sha256").hexdigest() != sha256:
                part.unlink()
                return None
        part.replace(kept)
    except OSError:
        part.unlink(missing_ok=True)
        return None
    return kept


def _gaps(session: Any, sender: str, seq: int) -> list[tuple[int, int]]:
    """The sender's sequence numbers below ``seq`` not yet applied, as (first, last) ranges:
    ranges, not numbers, because a package may say seq 2,147,483,647."""
    seen = set(
        session.scalars(
            select(PackageRecord.seq).where(
                PackageRecord.direction == "received", PackageRecord.sender == sender, PackageRecord.status.in_(APPLIED)
            )
        )
    )
    peer = session.get(SyncPeer, sender)
    floor = 0
    if peer is not None and not seen and peer.received_seq:  # a reset baseline (replacement key card)
        floor = peer.received_seq
    gaps, expected = [], floor + 1
    for n in sorted(n for n in seen if n is not None and floor < n < seq):
        if n > expected:
            gaps.append((expected, n - 1))
        expected = n + 1
    if expected < seq:
        gaps.append((expected, seq - 1))
    return gaps


def _ranges(gaps: list[tuple[int, int]]) -> str:
    return "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in gaps)


# Errors a package's rows (not the database or the disk) can cause while planning and writing:
# a unique key another row already holds, a value the column or the driver refuses. The
# transaction is rolled back; the package is refused. (OperationalError — a locked database, a
# full disk — is not the package's fault and is not caught.)
_ROW_ERRORS = (IntegrityError, DataError, ProgrammingError, InterfaceError, OverflowError)


def _unwritable(file_name: str, error: Exception) -> str:
    orig = getattr(error, "orig", None) or error
    detail = str(orig).strip().splitlines()[0][:120] if str(orig).strip() else type(orig).__name__
    return f"{file_name}：数据包中的记录无法写入本机数据库（{detail}），未做任何修改"


def _manifest_problem(m: dict[str, Any]) -> str | None:
    """The first of the engine's manifest keys with a value of the wrong type or form (the
    ledger stores them; a wrong type would fail in the database, not as a refusal)."""
    package_id = m.get("package_id")
    if not isinstance(package_id, str) or not 0 < len(package_id) <= UUID_LEN:
        return "package_id"
    ack = m.get("ack_seq")
    if ack is not None and (type(ack) is not int or not 0 <= ack <= 2**31 - 1):
        return "ack_seq"
    for key, limit in (("app_version", 32), ("created_at", 40)):
        value = m.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            return key
    created = m.get("created_at")
    if created:
        try:
            dt.datetime.fromisoformat(created)
        except ValueError:
            return "created_at"
    return None


def import_contents(
    db: Database,
    actor: Actor,
    *,
    manifest: dict[str, Any],
    files: dict[str, bytes],
    file_name: str,
    sha256: str | None = None,
    size: int | None = None,
    dry_run: bool = False,
    backup: bool = True,
) -> ImportReport:
    """Everything after the file format's checks: the opened package's manifest and files."""
    org = db.org()
    sender, seq, package_id = manifest.get("sender"), manifest.get("seq"), manifest.get("package_id")
    base = {"sender": sender, "seq": seq, "package_id": package_id}
    if manifest.get("recipient") != org.code:
        return _refused(db, file_name, "not-for-us", f"{file_name}：不是发给本单位的数据包", **base)
    if sender == org.code or (not org.is_district and sender != DISTRICT_CODE):
        return _refused(db, file_name, "wrong-sender", f"{file_name}：本单位不接收来自 {sender} 的数据包", **base)
    problem = _manifest_problem(manifest)
    if problem:
        return _refused(db, file_name, "bad-manifest", f"{file_name}：内容清单中的 {problem} 无效", **base)
    with db.session() as s:
        done = s.scalar(
            select(PackageRecord.seq).where(
                PackageRecord.direction == "received",
                PackageRecord.package_id == package_id,
                PackageRecord.status.in_(APPLIED),
            )
        )
    if done is not None:
        note = f"{file_name}：此数据包已导入过，未做任何修改"
        return ImportReport(file_name, "already-applied", messages=(note,), **base)
    try:
        for revision, step in SCHEMA_STEPS:
            if str(manifest.get("schema_version")) <= revision:
                manifest, files = step(manifest, files)
        tables = decode_files(files)
    except PayloadError as e:
        return _refused(db, file_name, "bad-payload", f"{file_name}：{e}", **base)
    messages: list[str] = []
    try:
        with db.session() as s:
            peer = s.get(SyncPeer, sender)
            acked_version = max(peer.acked_version if peer is not None else 0, _acked_by(s, manifest))
            received = peer.received_seq if peer is not None else 0
            missing = _gaps(s, sender, seq)
            plan = plan_import(s, local_org=org.code, sender=sender, tables=tables, acked_version=acked_version)
    except _ROW_ERRORS as e:
        return _refused(db, file_name, "bad-payload", _unwritable(file_name, e), **base)
    if missing:
        messages.append(f"未收到 {sender} 第 {_ranges(missing)} 号数据包（之后的数据包会带上其中的记录）")
    if seq < received:
        messages.append(f"此数据包（第 {seq} 号）早于已导入的第 {received} 号：其中较旧的记录已跳过")
    messages.extend(plan.messages)
    counts, per_table = plan.totals(), {k: v.as_dict() for k, v in plan.counts.items()}
    if dry_run:
        return ImportReport(file_name, "dry-run", counts, per_table, tuple(messages), **base)
    backup_path = None
    if backup and db.path is not None and plan.writes + len(plan.held):
        from yanqun_desktop.services.backups import make_backup

        backup_path = make_backup(db, kind="before-import").path  # encrypted, thinned like the daily ones
    status = "conflicts" if counts["conflicts"] else "applied"
    if plan.max_version:
        db.clock.observe(plan.max_version)  # later local edits must be newer than what arrived
    try:
        with unit_of_work(db, actor, "sync.import", f"导入 {sender} 第 {seq} 号数据包") as work:
            s = work.session
            if not org.is_district:
                retire_aliases(s, db, actor, plan, work.changes)
            apply_plan(s, plan, package_id=package_id, changes=work.changes)
            if not org.is_district:
                follow_aliases(s, db, actor, plan, work.changes)
                if seq >= received:  # an older package arriving late says nothing newer
                    held = record_held(s, org.code, manifest.get("held"), package_id)
                    if held:
                        messages.append(f"区级仍有 {held} 条本街道的修改待处理（见同步中心“区级待处理”）")
            _ledger(s, actor, manifest, file_name, sha256, size, status, per_table)
            _advance_peer(s, manifest)
    except _ROW_ERRORS as e:  # rolled back: nothing of the package was written
        return _refused(db, file_name, "bad-payload", _unwritable(file_name, e), **base)
    if counts["conflicts"]:
        messages.append(f"{counts['conflicts']} 条记录进入冲突队列，等待区级处理")
    return ImportReport(file_name, status, counts, per_table, tuple(messages), backup=backup_path, **base)


def _ledger(
    s: Any,
    actor: Actor,
    m: dict[str, Any],
    file_name: str,
    sha256: str | None,
    size: int | None,
    status: str,
    per_table: dict[str, dict[str, int]],
) -> None:
    created = m.get("created_at")
    s.add(
        PackageRecord(
            direction="received",
            status=status,
            package_id=m["package_id"],
            sender=m["sender"],
            recipient=m["recipient"],
            seq=m["seq"],
            ack_seq=m.get("ack_seq"),
            schema_version=m.get("schema_version"),
            app_version=m.get("app_version"),
            created_at=dt.datetime.fromisoformat(created) if created else None,
            recorded_at=dt.datetime.now(dt.UTC),
            recorded_by=actor.name,
            file_name=file_name,
            file_sha256=sha256,
            file_size=size,
            counts=per_table,
        )
    )


def _advance_peer(s: Any, m: dict[str, Any]) -> None:
    """The sender's sequence we now hold, and its acknowledgement of ours: our export
    watermark for it moves to the version our acknowledged package carried."""
    peer = s.get(SyncPeer, m["sender"])
    if peer is None:
        peer = SyncPeer(peer=m["sender"], last_sent_seq=0, acked_seq=0, acked_version=0, received_seq=0)
        s.add(peer)
    peer.received_seq = max(peer.received_seq or 0, m["seq"])
    peer.last_received_at = dt.datetime.now(dt.UTC)
    peer.schema_version, peer.app_version = m.get("schema_version"), m.get("app_version")
    ack = m.get("ack_seq") or 0
    if ack > (peer.acked_seq or 0):
        sent = _acked_by(s, m)
        if sent:
            peer.acked_seq = ack
            peer.acked_version = max(peer.acked_version or 0, sent)


def _acked_by(s: Any, m: dict[str, Any]) -> int:
    """The version watermark of our package that this one acknowledges (0: none known)."""
    ack = m.get("ack_seq") or 0
    if not ack:
        return 0
    sent = s.scalar(
        select(PackageRecord.up_to_version).where(
            PackageRecord.direction == "sent", PackageRecord.recipient == m["sender"], PackageRecord.seq == ack
        )
    )
    return sent or 0
