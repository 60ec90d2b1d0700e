"""Package fuzz cases: hand-made ones (each attack named) and hypothesis strategies that damage
one layer of a correctly signed and encrypted package (payload lines, manifest, zip) or the
sealed file itself (bit flips, truncation: these die at the header or the cipher)."""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fuzzkit import scale
from hypothesis import strategies as st
from pkgworld import Draft, World, frag, zip_of

from yanqun_desktop.sync.keys import LocalIdentity

MiB = 1024 * 1024
Case = tuple[str, Callable[[World, Path], tuple[Path, str]]]  # label, build(world, path) -> (file, direction)

# JSON fragments that break types, ranges, the parser or memory (some are not JSON at all).
SPECIAL_FRAGMENTS = (
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "-0", "0.0", "1.5", "2147483648", "-2147483649",
    "9223372036854775807", "9223372036854775808", "18446744073709551616", "-9223372036854775809",
    "1" + "0" * 5000, '"\\ud800"', '"\\u0000"', '"a\u2028b"', '"a\x85b"', '""', '" "', '"x"',
    '"' + "字" * 70_000 + '"', "[" * 5000 + "]" * 5000, "{" * 3, '{"$file":"attachments/none"}', '{"$file":5}',
    "true", "false", "null", "[]", "{}", '[1,2]', '{"a":{"b":[1,{"c":null}]}}', '"2026-02-30"',
    '"2026-01-01T25:00:00"', '"9999-12-31T23:59:59+14:00"', '"0001-01-01"', '"not a date"', '"2026-13-01"',
    '"12:61"', '"\\"quoted\\""', "'single'", "undefined", "0x10", "01", ".5", "+1", "1_000",
)

json_scalars = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=60)
)
json_values = st.recursive(
    json_scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=10,
)
fragments = st.one_of(st.sampled_from(SPECIAL_FRAGMENTS), json_values.map(frag))


def sealed(draft_fn: Callable[[World], Draft], direction: str = "up") -> Callable[[World, Path], tuple[Path, str]]:
    def build(world: World, path: Path) -> tuple[Path, str]:
        return draft_fn(world).write(path), direction

    return build


def draft(change: Callable[[Draft], Any], *, ids: str = "fresh", direction: str = "up") -> Callable[[World], Draft]:
    def make(world: World) -> Draft:
        d = Draft.base(world, direction=direction, ids=ids)
        change(d)
        return d

    return make


def raw(change: Callable[[bytes, World], bytes]) -> Callable[[World, Path], tuple[Path, str]]:
    """A valid sealed package whose bytes are then changed (no longer what was signed)."""

    def build(world: World, path: Path) -> tuple[Path, str]:
        Draft.base(world).write(path)
        path.write_bytes(change(path.read_bytes(), world))
        return path, "up"

    return build


def raw_bytes(data: bytes) -> Callable[[World, Path], tuple[Path, str]]:
    def build(world: World, path: Path) -> tuple[Path, str]:
        path.write_bytes(data)
        return path, "up"

    return build


def _header_len(data: bytes) -> int:
    return 8 + struct.unpack(">H", data[6:8])[0]


def _reheader(change: Callable[[dict[str, Any]], Any]) -> Callable[[bytes, World], bytes]:
    """Rewrite the clear-text header's JSON (lengths fixed up): the body no longer decrypts."""

    def edit(data: bytes, world: World) -> bytes:
        end = _header_len(data)
        doc = json.loads(data[8:end])
        change(doc)
        body = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
        return data[:6] + struct.pack(">H", len(body)) + body + data[end:]

    return edit


def _stranger(world: World) -> LocalIdentity:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return LocalIdentity("shahe", "沙河街道", str(uuid.uuid4()), "2026-01-01", Ed25519PrivateKey.generate(),
                         X25519PrivateKey.generate())


def _bomb_entries(size: int, declared: int | None = None) -> Callable[[Draft], None]:
    """One payload entry of ``size`` zero bytes (manifest honest, or claiming ``declared``)."""

    def change(d: Draft) -> None:
        zeros = bytes(size)
        d.extra_files["attachments/bomb"] = zeros
        if declared is not None:
            small = bytes(declared)
            d.listed_override = lambda files: {
                n: {"size": declared if n == "attachments/bomb" else len(b),
                    "sha256": hashlib.sha256(small if n == "attachments/bomb" else b).hexdigest()}
                for n, b in files.items()
            }
            d.zip_raw = lambda body: _patch_sizes(body, b"attachments/bomb", declared)

    return change


def _patch_sizes(body: bytes, name: bytes, new_size: int) -> bytes:
    """The zip lies: ``name``'s uncompressed size, in its local header and the directory."""
    data = bytearray(body)
    for sig, name_at, size_at, len_at in ((b"PK\x03\x04", 30, 22, 26), (b"PK\x01\x02", 46, 24, 28)):
        at = data.find(sig)
        while at >= 0:
            n = struct.unpack_from("<H", data, at + len_at)[0]
            if data[at + name_at : at + name_at + n] == name:
                struct.pack_into("<I", data, at + size_at, new_size)
            at = data.find(sig, at + 4)
    return bytes(data)


def _eocd_edit(offset: int, fmt: str, value: int) -> Callable[[bytes], bytes]:
    def edit(body: bytes) -> bytes:
        data = bytearray(body)
        at = data.rfind(b"PK\x05\x06")
        struct.pack_into(fmt, data, at + offset, value)
        return bytes(data)

    return edit


def _flag_entries(flag: int | None = None, method: int | None = None) -> Callable[[bytes], bytes]:
    """Set a general-purpose flag bit or the compression method on every payload entry."""

    def edit(body: bytes) -> bytes:
        data = bytearray(body)
        for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
            at = data.find(sig)
            while at >= 0:
                if flag is not None:
                    struct.pack_into("<H", data, at + flag_at, struct.unpack_from("<H", data, at + flag_at)[0] | flag)
                if method is not None:
                    struct.pack_into("<H", data, at + method_at, method)
                at = data.find(sig, at + 4)
        return bytes(data)

    return edit


def set_value(table: str, column: str, fragment: str, row: int = 0) -> Callable[[Draft], None]:
    def change(d: Draft) -> None:
        i = d.columns(table).index(column)
        d.row_values[table][row][i] = fragment

    return change


def add_line(table: str, line: str) -> Callable[[Draft], None]:
    def change(d: Draft) -> None:
        d.rows.setdefault(table, []).append(line)

    return change


def set_manifest(key: str, fragment: str | None) -> Callable[[Draft], None]:
    def change(d: Draft) -> None:
        if fragment is None:
            d.manifest.pop(key, None)
            d.manifest["__drop__" + key] = "null"  # keeps the key set differing from the base
        else:
            d.manifest[key] = fragment

    return change


def file_change(name: str, data: bytes | None) -> Callable[[Draft], None]:
    def change(d: Draft) -> None:
        if data is None:
            d.dropped_files.add(name)
        else:
            d.extra_files[name] = data

    return change


def rows_of(table: str, values: dict[str, Any], *, ids: str = "fresh") -> Callable[[Draft], None]:
    """Every row of ``table`` given these column values."""

    def change(d: Draft) -> None:
        cols = d.columns(table)
        for r in d.row_values[table]:
            for column, value in values.items():
                r[cols.index(column)] = frag(value)

    return change


def _nothing(d: Draft) -> None:
    return None


UNSAFE_NAMES = (
    "../../x", "tables/../../../etc/passwd", "/etc/passwd", "C:/Windows/x.dll", "a\\..\\b", "tables//a", "./a",
    "NUL.txt", "tables/aux.jsonl", "a\x01b", "trailing.", "trailing ", "x" * 300, "/".join("a" * 9),
    "e\u0301.jsonl", "a:b", "a*b", "\u202eexe.jsonl", "",
)


def _swap_chunks(d: Draft) -> None:
    d.extra_files["attachments/noise"] = hashlib.sha256(b"seed").digest() * 8000  # 256 KB, several chunks

    def swap(data: bytes) -> bytes:
        start, size = _header_len(data), 64 * 1024 + 16
        a, b = data[start : start + size], data[start + size : start + 2 * size]
        return data[:start] + b + a + data[start + 2 * size :]

    d.file_raw = swap


def _signer_stranger(d: Draft) -> None:
    d.signer = _stranger(d.world)


def _stored(d: Draft) -> bytes:
    files = d.files()
    return zip_of([("manifest.json", d.manifest_bytes(files)), *sorted(files.items())], zipfile.ZIP_STORED)


def _crc_flip(body: bytes) -> bytes:
    data = bytearray(body)
    for sig, crc_at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        at = data.find(sig)
        while at >= 0:
            data[at + crc_at] ^= 0xFF
            at = data.find(sig, at + 4)
    return bytes(data)


def _many_entries(n: int) -> Callable[[Draft], None]:
    def change(d: Draft) -> None:
        for i in range(n):
            d.extra_files[f"attachments/e{i}"] = b""

    return change


def _manifest_bom(d: Draft) -> None:
    d.manifest_raw = b"\xef\xbb\xbf" + d.manifest_bytes(d.files())


def hand_made() -> list[Case]:
    cases: list[Case] = [
        ("valid base package", sealed(draft(_nothing))),
        ("valid, same rows again (bump)", sealed(draft(_nothing, ids="bump"))),
        ("valid down package", sealed(draft(_nothing, direction="down"), "down")),
        # -- the file: dies at the header or the cipher ------------------------------------
        ("empty file", raw_bytes(b"")),
        ("magic only", raw_bytes(b"YQPKG")),
        ("garbage 1 MB", raw_bytes(bytes(range(256)) * 4096)),
        ("header length 65535", raw_bytes(b"YQPKG\x01\xff\xff" + b"{" * 100)),
        ("header length 4096 of brackets", raw_bytes(b"YQPKG\x01\x10\x00" + b"[" * 4096)),
        ("header not json", raw_bytes(b"YQPKG\x01\x00\x05hello")),
        ("format version 2", raw(lambda b, w: b[:5] + b"\x02" + b[6:])),
        ("header extra key", raw(_reheader(lambda h: h.update(extra=1)))),
        ("header seq as text", raw(_reheader(lambda h: h.update(seq="1")))),
        ("header seq 0", raw(_reheader(lambda h: h.update(seq=0)))),
        ("header seq 2**40", raw(_reheader(lambda h: h.update(seq=2**40)))),
        ("header payload_length huge", raw(_reheader(lambda h: h.update(payload_length=10**30)))),
        ("header payload_length 15", raw(_reheader(lambda h: h.update(payload_length=15)))),
        ("header suite unknown", raw(_reheader(lambda h: h.update(suite="rot13")))),
        ("header sender changed", raw(_reheader(lambda h: h.update(sender="nantou")))),
        ("header seq changed", raw(_reheader(lambda h: h.update(seq=h["seq"] + 1)))),
        ("header low-order ephemeral key", raw(_reheader(lambda h: h.update(ephemeral_public="A" * 43 + "=")))),
        ("header recipient not us", raw(_reheader(lambda h: h.update(recipient_fingerprint="0" * 64)))),
        ("truncated in the body", raw(lambda b, w: b[: _header_len(b) + 100])),
        ("truncated signature", raw(lambda b, w: b[:-10])),
        ("one byte appended", raw(lambda b, w: b + b"\0")),
        ("signature zeroed", raw(lambda b, w: b[:-64] + bytes(64))),
        ("body byte flipped", raw(lambda b, w: b[:-100] + bytes([b[-100] ^ 1]) + b[-99:])),
        ("two chunks swapped", sealed(draft(_swap_chunks))),
        ("signed by a stranger claiming shahe", sealed(draft(_signer_stranger))),
        ("sealed to another recipient", sealed(draft(lambda d: setattr(d, "recipient_fp", "ab" * 32)))),
        ("newer schema", sealed(draft(lambda d: setattr(d, "schema", "9999")))),
        ("older schema", sealed(draft(lambda d: setattr(d, "schema", "0001")))),
        # -- the zip ---------------------------------------------------------------------------
        ("zip: not a zip", sealed(draft(lambda d: setattr(d, "body_raw", b"plain bytes, no zip")))),
        ("zip: empty body", sealed(draft(lambda d: setattr(d, "body_raw", b"")))),
        ("zip: empty zip", sealed(draft(lambda d: setattr(d, "body_raw", zip_of([]))))),
        ("zip: manifest missing", sealed(draft(lambda d: setattr(d, "zip_entries", lambda e: e[1:])))),
        ("zip: manifest twice", sealed(draft(lambda d: setattr(d, "zip_entries", lambda e: [e[0], *e])))),
        ("zip: entry twice", sealed(draft(lambda d: setattr(d, "zip_entries", lambda e: [*e, e[-1]])))),
        ("zip: names differ in case", sealed(draft(file_change("TABLES/PEOPLE.JSONL", b"")))),
        ("zip: directory entry", sealed(draft(lambda d: setattr(d, "zip_entries", lambda e: [*e, ("tables/", b"")])))),
        ("zip: unlisted entry", sealed(draft(lambda d: setattr(
            d, "zip_entries", lambda e: [*e, ("tables/extra.jsonl", b"{}")])))),
        ("zip: listed entry missing", sealed(draft(lambda d: setattr(
            d, "zip_entries", lambda e: [x for x in e if x[0] != "tables/people.jsonl"])))),
        ("zip: encrypted flag", sealed(draft(lambda d: setattr(d, "zip_raw", _flag_entries(flag=1))))),
        ("zip: data descriptor flag", sealed(draft(lambda d: setattr(d, "zip_raw", _flag_entries(flag=8))))),
        ("zip: method lzma", sealed(draft(lambda d: setattr(d, "zip_raw", _flag_entries(method=14))))),
        ("zip: method 99", sealed(draft(lambda d: setattr(d, "zip_raw", _flag_entries(method=99))))),
        ("zip: stored", sealed(draft(lambda d: setattr(d, "body_raw", _stored(d))))),
        ("zip: zip64 entry count", sealed(draft(lambda d: setattr(d, "zip_raw", _eocd_edit(10, "<H", 0xFFFF))))),
        ("zip: multi-disk", sealed(draft(lambda d: setattr(d, "zip_raw", _eocd_edit(4, "<H", 1))))),
        ("zip: directory offset lies", sealed(draft(lambda d: setattr(d, "zip_raw", _eocd_edit(16, "<L", 7))))),
        ("zip: directory size huge", sealed(draft(lambda d: setattr(d, "zip_raw", _eocd_edit(12, "<L", 2**31))))),
        ("zip: comment length lies", sealed(draft(lambda d: setattr(d, "zip_raw", _eocd_edit(20, "<H", 9))))),
        ("zip: trailing junk", sealed(draft(lambda d: setattr(d, "zip_raw", lambda b: b + b"junk")))),
        ("zip: crc flipped", sealed(draft(lambda d: setattr(d, "zip_raw", _crc_flip)))),
        ("zip bomb: ratio (4 MiB of zeros)", sealed(draft(_bomb_entries(4 * MiB)))),
        ("zip bomb: declares 600 MiB", sealed(draft(_bomb_entries(1000, declared=600 * MiB)))),
        ("zip bomb: sizes lie (16 MiB as 1000 bytes)", sealed(draft(_bomb_entries(16 * MiB, declared=1000)))),
        ("zip: 20,001 entries", sealed(draft(_many_entries(20_001)))),
        # -- the manifest ------------------------------------------------------------------------
        ("manifest: not json", sealed(draft(lambda d: setattr(d, "manifest_raw", b"not json")))),
        ("manifest: not utf-8", sealed(draft(lambda d: setattr(d, "manifest_raw", b"\xff\xfe{}")))),
        ("manifest: BOM", sealed(draft(_manifest_bom))),
        ("manifest: a list", sealed(draft(lambda d: setattr(d, "manifest_raw", b"[]")))),
        ("manifest: nesting 100,000", sealed(draft(lambda d: setattr(d, "manifest_raw", b"[" * 100_000)))),
        ("manifest: 9 MiB", sealed(draft(set_manifest("padding", frag("x" * (9 * MiB)))))),
        ("manifest: 3 MiB padding (accepted)", sealed(draft(set_manifest("padding", frag("x" * (3 * MiB)))))),
        ("manifest: NaN ack", sealed(draft(set_manifest("ack_seq", "NaN")))),
        ("manifest: 5000-digit number", sealed(draft(set_manifest("ack_seq", "9" * 5000)))),
        ("manifest: files a list", sealed(draft(set_manifest("files", "[]")))),
        ("manifest: file size as text", sealed(draft(lambda d: setattr(d, "listed_override", lambda f: {
            n: {"size": str(len(b)), "sha256": hashlib.sha256(b).hexdigest()} for n, b in f.items()})))),
        ("manifest: hash mismatch", sealed(draft(lambda d: setattr(d, "listed_override", lambda f: {
            n: {"size": len(b), "sha256": "0" * 64} for n, b in f.items()})))),
        ("manifest: size mismatch", sealed(draft(lambda d: setattr(d, "listed_override", lambda f: {
            n: {"size": len(b) + 1, "sha256": hashlib.sha256(b).hexdigest()} for n, b in f.items()})))),
        ("manifest: 20,001 files listed", sealed(draft(lambda d: setattr(d, "listed_override", lambda f: {
            f"t/{i}": {"size": 0, "sha256": "0" * 64} for i in range(20_001)})))),
    ]
    for key in ("sender", "recipient", "seq", "schema_version"):
        for value in ('"nantou"', "2", "1.0", "true", "null", "[]", '"1"'):
            cases.append((f"manifest: {key}={value}", sealed(draft(set_manifest(key, value)))))
    step = 1 if scale() > 1 else 2  # CI: every other value per key, rotating
    for n, key in enumerate(("package_id", "ack_seq", "created_at", "app_version", "since_version",
                             "up_to_version", "counts", "held")):
        for value in ("5", '"x"', "true", "null", "[]", '{"a":1}', "-1", "1e300", '"' + "长" * 300 + '"',
                      '"2026-02-30T00:00:00"', "99999999999999999999", "[" * 50 + "]" * 50)[n % step :: step]:
            for direction in ("up", "down") if key == "held" else ("up",):
                cases.append((f"manifest({direction}): {key}={value[:14]}",
                              sealed(draft(set_manifest(key, value), direction=direction), direction)))
    cases.append(("manifest: package_id missing", sealed(draft(set_manifest("package_id", None)))))
    for name in UNSAFE_NAMES:
        cases.append((f"zip name {name[:20]!r}", sealed(draft(file_change(name, b"data")))))
    return cases


