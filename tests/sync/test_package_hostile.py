"""Packages signed correctly by a trusted sender around hostile contents: path traversal,
duplicates, a manifest that lies, wrong JSON types, zip bombs. Built with ``seal`` (the
writer's last step, which skips ``write_package``'s own checks); each must be refused with its
reason, without inflating what it should not (memory measured with tracemalloc)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import struct
import tracemalloc
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from test_package_format import Pair, make_pair

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.migrate import HEAD_REVISION
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.sync.package import PackageLimits, PackageRefused, seal

MiB = 1024 * 1024


@pytest.fixture
def pair(street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor, tmp_path: Path) -> Pair:
    return make_pair(street_db, district_db, clerk, district_officer, tmp_path)


def manifest_for(files: dict[str, bytes], **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "sender": "shahe",
        "recipient": "nanshan-district",
        "seq": 1,
        "schema_version": HEAD_REVISION,
        "files": {n: {"size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in files.items()},
    }
    doc.update(extra)
    return doc


def build_zip(entries: list[tuple[str, bytes]], manifest: dict[str, Any] | bytes) -> tuple[bytes, bytes]:
    manifest_bytes = manifest if isinstance(manifest, bytes) else json.dumps(manifest, ensure_ascii=False).encode()
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate names are the point of one test
        zf.writestr(zipfile.ZipInfo("manifest.json"), manifest_bytes)
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue(), manifest_bytes


def sealed(pair: Pair, body: bytes, manifest_bytes: bytes, name: str = "hostile.yqpkg") -> Path:
    recipient = pair.district_card_at_street()
    return seal(
        pair.tmp / name,
        body=body,
        manifest_bytes=manifest_bytes,
        identity=pair.street,
        recipient_fingerprint=recipient.fingerprint,
        recipient_box_public=base64.b64decode(recipient.box_public),
        seq=1,
        schema_version=HEAD_REVISION,
    ).path


def reason(pair: Pair, path: Path, **kw: Any) -> str:
    with pytest.raises(PackageRefused) as info:
        pair.open(path, **kw)
    assert info.value.message.startswith(f"{path.name}：")
    return info.value.reason


def test_sealed_helper_builds_an_acceptable_package(pair: Pair) -> None:
    files = {"tables/a.jsonl": b'{"x":1}\n'}
    body, mb = build_zip(list(files.items()), manifest_for(files))
    assert pair.open(sealed(pair, body, mb)).files == files


@pytest.mark.parametrize(
    "name",
    [
        "../../x",
        "tables/../../../etc/passwd",
        "/etc/passwd",
        "C:/Windows/x.dll",
        "a\\..\\b",
        "tables//a",
        "./a",
        "NUL.txt",
        "a\x01b",
        "trailing.",
    ],
)
def test_unsafe_entry_names(pair: Pair, name: str) -> None:
    files = {name: b"data"}
    body, mb = build_zip(list(files.items()), manifest_for(files))
    assert reason(pair, sealed(pair, body, mb)) == "unsafe-entry"


def test_duplicate_names(pair: Pair) -> None:
    files = {"tables/a.jsonl": b"one"}
    body, mb = build_zip([("tables/a.jsonl", b"one"), ("tables/a.jsonl", b"one")], manifest_for(files))
    assert reason(pair, sealed(pair, body, mb)) == "unsafe-entry"
    files = {"tables/a.jsonl": b"one", "tables/A.jsonl": b"one"}
    body, mb = build_zip(list(files.items()), manifest_for(files))
    assert reason(pair, sealed(pair, body, mb, "case.yqpkg")) == "unsafe-entry"


def test_directory_entry(pair: Pair) -> None:
    body, mb = build_zip([("tables/", b"")], manifest_for({}))
    assert reason(pair, sealed(pair, body, mb)) == "unsafe-entry"


def test_manifest_lists_a_missing_file_or_omits_one(pair: Pair) -> None:
    listed = {"tables/a.jsonl": b"one", "tables/b.jsonl": b"two"}
    body, mb = build_zip([("tables/a.jsonl", b"one")], manifest_for(listed))
    assert reason(pair, sealed(pair, body, mb)) == "bad-manifest"
    body, mb = build_zip(list(listed.items()), manifest_for({"tables/a.jsonl": b"one"}))
    assert reason(pair, sealed(pair, body, mb, "extra.yqpkg")) == "bad-manifest"


def test_hash_and_size_mismatch(pair: Pair) -> None:
    body, mb = build_zip([("tables/a.jsonl", b"two")], manifest_for({"tables/a.jsonl": b"one"}))
    assert reason(pair, sealed(pair, body, mb)) == "bad-manifest"
    body, mb = build_zip([("tables/a.jsonl", b"longer")], manifest_for({"tables/a.jsonl": b"one"}))
    assert reason(pair, sealed(pair, body, mb, "size.yqpkg")) == "bad-manifest"


def test_manifest_disagreeing_with_the_header(pair: Pair) -> None:
    for key, value in [("seq", 2), ("sender", "nantou"), ("recipient", "shahe"), ("schema_version", "0001")]:
        body, mb = build_zip([], manifest_for({}, **{key: value}))
        assert reason(pair, sealed(pair, body, mb, f"{key}.yqpkg")) == "bad-manifest"


@pytest.mark.parametrize(
    "manifest",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b"[" * 100_000,
        json.dumps({"files": []}).encode(),
        json.dumps({"files": {"a.jsonl": {"size": "3", "sha256": "0" * 64}}}).encode(),
        json.dumps({"files": {"a.jsonl": {"size": True, "sha256": "0" * 64}}}).encode(),
        json.dumps({"files": {"a.jsonl": {"size": -1, "sha256": "0" * 64}}}).encode(),
        json.dumps({"files": {"a.jsonl": {"size": 3, "sha256": "xyz"}}}).encode(),
        json.dumps({"files": {"a.jsonl": {"size": 3, "sha256": "0" * 64, "extra": 1}}}).encode(),
        json.dumps({"files": {"a.jsonl": 3}}).encode(),
    ],
)
def test_wrong_json_types_in_the_manifest(pair: Pair, manifest: bytes) -> None:
    body, mb = build_zip([("a.jsonl", b"abc")], manifest)
    assert reason(pair, sealed(pair, body, mb)) == "bad-manifest"


def test_missing_manifest_and_not_a_zip(pair: Pair) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("tables/a.jsonl", b"x")
    assert reason(pair, sealed(pair, buf.getvalue(), b"{}")) == "bad-manifest"
    assert reason(pair, sealed(pair, b"plain bytes, no zip", b"{}", "nozip.yqpkg")) == "bad-manifest"


def test_huge_manifest(pair: Pair) -> None:
    files = {f"tables/t{i:05d}.jsonl": b"" for i in range(3000)}
    body, mb = build_zip([], manifest_for(files, padding="x" * 300_000))
    limits = PackageLimits(max_manifest=256 * 1024)
    assert reason(pair, sealed(pair, body, mb), limits=limits) == "too-large"
    assert reason(pair, sealed(pair, body, mb, "many.yqpkg"), limits=PackageLimits(max_entries=100)) in {
        "too-large",
        "bad-manifest",
    }


def test_too_many_entries_is_refused_before_parsing_the_directory(pair: Pair) -> None:
    entries = [(f"f{i}", b"") for i in range(300)]
    body, mb = build_zip(entries, manifest_for(dict(entries)))
    assert reason(pair, sealed(pair, body, mb), limits=PackageLimits(max_entries=50)) == "too-large"


def _zeros_entry(zf: zipfile.ZipFile, name: str, size: int) -> str:
    """Stream ``size`` zero bytes into the zip without holding them; returns their SHA-256."""
    digest = hashlib.sha256()
    block = bytes(MiB)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w") as w:
        for _ in range(size // MiB):
            w.write(block)
            digest.update(block)
    return digest.hexdigest()


def _bomb(size: int) -> tuple[bytes, bytes]:
    """A zip whose one entry inflates to ``size`` zero bytes, with an honest manifest."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        placeholder = zipfile.ZipInfo("manifest.json")
        sha = _zeros_entry(zf, "tables/bomb.jsonl", size)
        manifest = manifest_for({})
        manifest["files"] = {"tables/bomb.jsonl": {"size": size, "sha256": sha}}
        mb = json.dumps(manifest).encode()
        zf.writestr(placeholder, mb)
    return buf.getvalue(), mb


def _peak(call: Any) -> tuple[str, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zip_bomb_over_the_entry_limit_is_not_inflated(pair: Pair) -> None:
    body, mb = _bomb(64 * MiB)
    assert len(body) < 200 * 1024  # a small file ...
    path = sealed(pair, body, mb)
    limits = PackageLimits(max_entry=8 * MiB, max_total=16 * MiB)
    got, peak = _peak(lambda: reason(pair, path, limits=limits))
    assert got == "too-large"
    assert peak < 4 * MiB  # ... never inflated towards its 64 MiB


def test_zip_bomb_by_compression_ratio(pair: Pair) -> None:
    body, mb = _bomb(32 * MiB)
    path = sealed(pair, body, mb)
    got, peak = _peak(lambda: reason(pair, path))  # default limits: the size alone would pass
    assert got == "too-large"
    assert peak < 4 * MiB


def _patch_sizes(body: bytes, name: bytes, new_size: int) -> bytes:
    """Make the zip lie: the entry's uncompressed size in the local header and the central
    directory both say ``new_size``."""
    data = bytearray(body)
    local = data.find(b"PK\x03\x04" + bytes(0))
    while local >= 0:
        n_len = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + n_len] == name:
            struct.pack_into("<I", data, local + 22, new_size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        n_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + n_len] == name:
            struct.pack_into("<I", data, central + 24, new_size)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_zip_bomb_with_lying_sizes_stops_at_the_declared_size(pair: Pair) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _zeros_entry(zf, "tables/bomb.jsonl", 64 * MiB)
        manifest = manifest_for({})
        small = b"\0" * 1000
        manifest["files"] = {"tables/bomb.jsonl": {"size": 1000, "sha256": hashlib.sha256(small).hexdigest()}}
        mb = json.dumps(manifest).encode()
        zf.writestr(zipfile.ZipInfo("manifest.json"), mb)
    body = _patch_sizes(buf.getvalue(), b"tables/bomb.jsonl", 1000)
    path = sealed(pair, body, mb)
    got, peak = _peak(lambda: reason(pair, path))
    assert got == "bad-manifest"  # the CRC of the first 1000 bytes does not match
    assert peak < 4 * MiB
