"""The world package fuzz cases run in: a street with demo data and the district, trusting each
other's cards; a small base package drawn from the street's real export; a ``Draft`` that
renders that package at every layer (payload lines, manifest, zip, sealed file) so a case can
damage any one of them; and ``run_package`` which imports a file through the real service
(``import_packages``) and checks the contract: a refusal names the file and leaves the
database byte for byte unchanged, and nothing but an ``ImportReport`` ever comes back."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuzzkit import Tally, marking, patched
from sync_helpers import actor_for, checksum, open_street

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.services import sync_import
from yanqun_desktop.services.keys import trust_card, trusted_for, write_card
from yanqun_desktop.services.sync import build_package
from yanqun_desktop.sync import package as package_module
from yanqun_desktop.sync.keys import LocalIdentity, load_identity
from yanqun_desktop.sync.package import seal
from yanqun_desktop.sync.payload import PACKAGE_SCHEMA

# The reader's stages, in the order a package meets them (docs/sync-format.md "Check order").
STAGES = ("header", "decrypt", "trust", "zip", "signature", "manifest", "entries", "opened", "payload", "plan", "apply")
ROWS_PER_TABLE = 4


@dataclass
class World:
    root: Path
    street: Database
    district: Database
    street_id: LocalIdentity
    district_id: LocalIdentity
    base_tables: dict[str, tuple[list[str], list[list[Any]]]]
    base_attachments: dict[str, bytes]
    base_manifest: dict[str, Any]
    counter: int = 0

    def db(self, direction: str) -> Database:
        return self.district if direction == "up" else self.street

    def next_name(self, label: str) -> str:
        self.counter += 1
        safe = "".join(c if c.isalnum() else "-" for c in label)[:40]
        return f"case{self.counter:06d}-{safe}.yqpkg"


@contextmanager
def _env(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


REFERENCE_TABLES = {"streets", "communities", "tutors", "competency_models", "competency_nodes"}


def _subset(contents_files: dict[str, bytes]) -> tuple[dict[str, tuple[list[str], list[list[Any]]]], dict[str, bytes]]:
    """A few rows per table from a real export, closed under references: a row is kept only if
    every row it refers to is kept too (or is reference data both offices hold), so that the
    same rows under fresh ids insert cleanly."""
    from yanqun_desktop.sync.payload import synced_tables

    tables: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for name, data in contents_files.items():
        if name.startswith("tables/"):
            lines = data.decode("utf-8").split("\n")
            head = json.loads(lines[0])
            tables[head["table"]] = (head["columns"], [json.loads(line) for line in lines[1:] if line])
    kept: dict[str, set[str]] = {}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for table in synced_tables():  # parents first
        if table.name not in tables:
            continue
        cols, rows = tables[table.name]
        refs = [
            (cols.index(fk.parent.name), fk.column.table.name) for fk in table.foreign_keys if fk.parent.name in cols
        ]
        chosen = [
            r for r in rows
            if all(r[i] is None or target in REFERENCE_TABLES or r[i] in kept.get(target, ()) for i, target in refs)
        ][:ROWS_PER_TABLE]
        if chosen:
            out[table.name] = (cols, chosen)
            kept[table.name] = {r[cols.index("id")] for r in chosen}
    referenced = {
        v["$file"] for _, rows in out.values() for r in rows for v in r if isinstance(v, dict) and "$file" in v
    }
    attachments = {n: d for n, d in contents_files.items() if n in referenced}
    return out, attachments


def make_world(root: Path) -> World:
    root.mkdir(parents=True, exist_ok=True)
    with _env(YANQUN_DATA_DIR=str(root / "data"), YANQUN_CONFIG_DIR=str(root / "config")):
        from yanqun_desktop.services.demo import generate_demo

        street = open_street(root, "shahe")
        district = open_street(root, "南山区")
        generate_demo(street, actor_name="测试员", org_code="shahe", scale=100, attendance_per_person=1, seed=11)
        write_card(street, root / "shahe.yqkey")
        write_card(district, root / "district.yqkey")
        trust_card(district, actor_for(district), root / "shahe.yqkey")
        trust_card(street, actor_for(street), root / "district.yqkey")
        contents = build_package(street, DISTRICT_CODE, 1)
    tables, attachments = _subset(contents.files)
    manifest = {k: v for k, v in contents.manifest.items() if k not in ("sender", "recipient", "seq", "schema_version")}
    return World(root, street, district, load_identity(street), load_identity(district), tables, attachments, manifest)


def frag(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Draft:
    """One package to be, layer by layer; a case changes any layer before ``write``."""

    world: World
    direction: str = "up"  # up: street → district; down: district → street
    seq: int = 1
    schema: str = PACKAGE_SCHEMA
    heads: dict[str, str] = field(default_factory=dict)  # table → header line
    rows: dict[str, list[str]] = field(default_factory=dict)  # table → row lines
    row_values: dict[str, list[list[str]]] = field(default_factory=dict)  # table → rows as value fragments
    extra_files: dict[str, bytes] = field(default_factory=dict)  # added or replacing a rendered file
    dropped_files: set[str] = field(default_factory=set)
    attachments: dict[str, bytes] = field(default_factory=dict)
    manifest: dict[str, str] = field(default_factory=dict)  # key → JSON fragment ("files" computed unless set)
    manifest_raw: bytes | None = None
    listed_override: Callable[[dict[str, bytes]], dict[str, Any]] | None = None
    zip_entries: Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]] | None = None
    zip_raw: Callable[[bytes], bytes] | None = None  # the zip bytes, altered after writing
    body_raw: bytes | None = None
    file_raw: Callable[[bytes], bytes] | None = None  # the sealed file, altered (no longer signed)
    signer: LocalIdentity | None = None
    recipient_fp: str | None = None

    @classmethod
    def base(cls, world: World, *, direction: str = "up", ids: str = "fresh", seq: int | None = None) -> Draft:
        """The base package. ``ids``: "fresh" (every row id new, references kept consistent:
        rows get inserted), "bump" (same ids, higher versions: rows get updated) or "same"."""
        d = cls(world, direction, seq or world.counter + 1)
        remap: dict[str, str] = {}
        if ids == "fresh":
            for cols, rows in world.base_tables.values():
                for r in rows:
                    remap[r[cols.index("id")]] = str(uuid.uuid4())
        for name, (cols, rows) in world.base_tables.items():
            d.heads[name] = json.dumps({"table": name, "columns": cols}, ensure_ascii=False)
            vi = cols.index("version")
            out = []
            for r in rows:
                values = [remap.get(v, v) if isinstance(v, str) else v for v in r]
                if ids in ("fresh", "bump"):
                    values[vi] = values[vi] + world.counter + 1
                if ids == "fresh" and name == "cohorts":  # unique (kind, street, number): a new number
                    values[cols.index("number")] = 1000 + world.counter * ROWS_PER_TABLE + len(out)
                if ids == "fresh" and name == "people" and values[cols.index("id_card")]:  # unique too
                    values[cols.index("id_card")] = f"{uuid.uuid4().int % 10**17:017d}X"
                out.append([frag(v) for v in values])
            d.row_values[name] = out
        d.attachments = dict(world.base_attachments)
        m = dict(world.base_manifest, package_id=str(uuid.uuid4()), ack_seq=0)
        if direction == "down":
            m["held"] = {"count": 0, "entries": []}
        d.manifest = {k: frag(v) for k, v in m.items()}
        return d

    # -- rendering -------------------------------------------------------------------------
    @property
    def sender(self) -> LocalIdentity:
        return self.world.street_id if self.direction == "up" else self.world.district_id

    def columns(self, table: str) -> list[str]:
        return self.world.base_tables[table][0]

    def files(self) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for name, head in self.heads.items():
            lines = [head, *self.rows.get(name, ()), *("[" + ",".join(v) + "]" for v in self.row_values.get(name, ()))]
            out[f"tables/{name}.jsonl"] = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
        out.update(self.attachments)
        out.update(self.extra_files)
        for name in self.dropped_files:
            out.pop(name, None)
        return out

    def manifest_bytes(self, files: dict[str, bytes]) -> bytes:
        if self.manifest_raw is not None:
            return self.manifest_raw
        listed = (
            self.listed_override(files)
            if self.listed_override
            else {n: {"size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in sorted(files.items())}
        )
        recipient = DISTRICT_CODE if self.direction == "up" else "shahe"
        doc = {
            "sender": frag(self.sender.org_code),
            "recipient": frag(recipient),
            "seq": frag(self.seq),
            "schema_version": frag(self.schema),
            "files": frag(listed),
        }
        doc.update(self.manifest)
        body = ",".join(f"{frag(k)}:{v}" for k, v in doc.items())
        return ("{" + body + "}").encode("utf-8", "surrogatepass")

    def body(self) -> tuple[bytes, bytes]:
        files = self.files()
        manifest = self.manifest_bytes(files)
        if self.body_raw is not None:
            return self.body_raw, manifest
        entries = [("manifest.json", manifest), *sorted(files.items())]
        if self.zip_entries:
            entries = self.zip_entries(entries)
        return zip_of(entries), manifest

    def write(self, path: Path) -> Path:
        body, manifest = self.body()
        if self.zip_raw is not None:
            body = self.zip_raw(body)
        recipient = (
            trusted_for(self.world.street, DISTRICT_CODE)[0]
            if self.direction == "up"
            else trusted_for(self.world.district, "shahe")[0]
        )
        seal(
            path,
            body=body,
            manifest_bytes=manifest,
            identity=self.signer or self.sender,
            recipient_fingerprint=self.recipient_fp or recipient.fingerprint,
            recipient_box_public=base64.b64decode(recipient.box_public),
            seq=self.seq,
            schema_version=self.schema,
        )
        if self.file_raw is not None:
            path.write_bytes(self.file_raw(path.read_bytes()))
        return path


def zip_of(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", method, compresslevel=1) as zf:
        warnings.simplefilter("ignore")  # duplicate names are some cases' point
        for name, data in entries:
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = method
            zf.writestr(info, data)
    return buf.getvalue()


@contextmanager
def counting_stages(tally: Tally) -> Iterator[None]:
    """Mark each reader stage a case reaches (the functions open_package and import call)."""
    pm, si = package_module, sync_import
    with ExitStack() as stack:
        for module, name, stage, after in (
            (pm, "parse_header", "header", False),
            (pm, "_decrypt", "decrypt", False),
            (pm, "_sender_key", "trust", False),
            (pm, "open_zip", "zip", False),
            (pm, "read_manifest_bytes", "signature", True),  # returned: the signature is checked next
            (pm, "parse_manifest", "manifest", False),  # called only once the signature held
            (pm, "extract", "entries", False),
            (pm, "open_package", "opened", True),
            (si, "decode_files", "payload", False),
            (si, "plan_import", "plan", False),
            (si, "apply_plan", "apply", False),
        ):
            stack.enter_context(patched(module, name, marking(tally, stage, after=after)))
        yield


def run_package(tally: Tally, world: World, path: Path, label: str, direction: str = "up") -> None:
    """Import one file through the service and check the contract (see the module docstring)."""
    db = world.db(direction)
    before = checksum(db)
    with tally.case(label):
        reports = sync_import.import_packages(db, actor_for(db), [path], backup=False)
        (report,) = reports
        if report.status == "refused":
            tally.outcome(f"refused:{report.reason}", label)
            if not report.messages or not report.messages[0].startswith(f"{path.name}："):
                tally.bad_messages.append(f"{label}: {report.messages!r:.200}")
            if checksum(db) != before:
                tally.db_changes.append(label)
        else:
            rejected = report.counts.get("rejected", 0)
            tally.outcome(report.status + (" (rows rejected)" if rejected else ""), label)
            if report.status == "already-applied" and checksum(db) != before:
                tally.db_changes.append(label)
    path.unlink(missing_ok=True)
