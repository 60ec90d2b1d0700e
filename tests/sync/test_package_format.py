"""The .yqpkg format: a package round-trips to the right recipient, and every altered,
truncated, misdirected, unsigned or too-new package is refused with its reason (SYNC.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.migrate import HEAD_REVISION
from yanqun_desktop.db.models.sync import TrustedKey
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.keys import trust_card, trusted_for, write_card
from yanqun_desktop.sync.keys import LocalIdentity, load_identity
from yanqun_desktop.sync.package import (
    OpenedPackage,
    PackageLimits,
    PackageRefused,
    open_package,
    read_header,
    write_package,
)
from yanqun_desktop.sync.package_format import MAGIC, SIGNATURE_LEN, SUITE

PAYLOAD = {
    "tables/people.jsonl": "".join(
        json.dumps({"id": f"p-{i}", "name": f"测试学员{i}", "owner": "shahe"}, ensure_ascii=False) + "\n"
        for i in range(300)
    ).encode(),
    "attachments/社区照片.jpg": bytes(range(256)) * 40,
    "tables/empty.jsonl": b"",
}


@dataclasses.dataclass
class Pair:
    """A street and the district that trust each other's cards."""

    street_db: Database
    district_db: Database
    street: LocalIdentity
    district: LocalIdentity
    tmp: Path

    def district_card_at_street(self) -> TrustedKey:
        return trusted_for(self.street_db, "nanshan-district")[0]

    def trusted_at_district(self) -> Callable[[str], list[TrustedKey]]:
        return lambda code: trusted_for(self.district_db, code)

    def write(self, name: str = "shahe-0001-20261128.yqpkg", **kw: object) -> Path:
        args: dict = {
            "files": PAYLOAD,
            "manifest": {"package_id": "pkg-1", "app_version": "0.9.0"},
            "identity": self.street,
            "recipient": self.district_card_at_street(),
            "seq": 1,
            "schema_version": HEAD_REVISION,
        }
        args.update(kw)
        return write_package(self.tmp / name, **args).path  # type: ignore[arg-type]

    def open(self, path: Path, **kw: object) -> OpenedPackage:
        args: dict = {"identity": self.district, "trusted": self.trusted_at_district(), "current_schema": HEAD_REVISION}
        args.update(kw)
        return open_package(path, **args)


def make_pair(street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor, tmp: Path) -> Pair:
    write_card(street_db, tmp / "shahe.yqkey")
    write_card(district_db, tmp / "district.yqkey")
    trust_card(district_db, district_officer, tmp / "shahe.yqkey")
    trust_card(street_db, clerk, tmp / "district.yqkey")
    return Pair(street_db, district_db, load_identity(street_db), load_identity(district_db), tmp)


@pytest.fixture
def pair(street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor, tmp_path: Path) -> Pair:
    return make_pair(street_db, district_db, clerk, district_officer, tmp_path)


def refused(call: Callable[[], object]) -> PackageRefused:
    with pytest.raises(PackageRefused) as info:
        call()
    return info.value


def test_round_trip_to_the_right_recipient(pair: Pair) -> None:
    path = pair.write()
    opened = pair.open(path)
    assert opened.files == PAYLOAD
    assert opened.header.sender == "shahe" and opened.header.seq == 1 and opened.header.suite == SUITE
    assert opened.header.schema_version == HEAD_REVISION
    assert opened.header.recipient_fingerprint == pair.district.fingerprint
    raw = path.read_bytes()
    assert opened.sha256 == hashlib.sha256(raw).hexdigest() and opened.size == len(raw)
    manifest = opened.manifest
    assert manifest["package_id"] == "pkg-1" and manifest["app_version"] == "0.9.0"
    assert (manifest["sender"], manifest["recipient"], manifest["seq"]) == ("shahe", "nanshan-district", 1)
    for name, data in PAYLOAD.items():
        assert manifest["files"][name] == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    # nothing personal in clear text: the names in the payload are not in the file
    assert "测试学员".encode() not in raw and b"people.jsonl" not in raw
    assert not [p for p in pair.tmp.iterdir() if p.name.endswith(".part")]


def test_header_is_readable_before_any_check(pair: Pair) -> None:
    path = pair.write(seq=7)
    header = read_header(path)
    assert (header.sender, header.seq, header.format_version) == ("shahe", 7, 1)
    assert path.read_bytes().startswith(MAGIC)
    assert refused(lambda: read_header(pair.tmp / "shahe.yqkey")).reason == "not-a-package"


def test_down_package_from_district_to_street(pair: Pair) -> None:
    recipient = trusted_for(pair.district_db, "shahe")[0]
    path = pair.write("nanshan-district-0001.yqpkg", identity=pair.district, recipient=recipient)
    opened = pair.open(path, identity=pair.street, trusted=lambda c: trusted_for(pair.street_db, c))
    assert opened.header.sender == "nanshan-district" and opened.files == PAYLOAD


def test_wrong_recipient(pair: Pair) -> None:
    err = refused(lambda: pair.open(pair.write(), identity=pair.street))
    assert err.reason == "not-for-us"
    assert err.message.startswith("shahe-0001-20261128.yqpkg：不是发给本单位的数据包")


def test_untrusted_sender(pair: Pair) -> None:
    err = refused(lambda: pair.open(pair.write(), trusted=lambda code: []))
    assert err.reason == "untrusted-sender" and "自称来自「shahe」" in err.message


def test_replaced_sender_key_is_refused(pair: Pair, tmp_path: Path, district_officer: Actor) -> None:
    path = pair.write()
    rebuilt = Database.open(tmp_path / "rebuilt.sqlite", keys_dir=tmp_path / "rebuilt-keys")
    from yanqun_desktop.services.setup import initialise

    initialise(rebuilt, "shahe")
    write_card(rebuilt, tmp_path / "shahe-new.yqkey")
    trust_card(pair.district_db, district_officer, tmp_path / "shahe-new.yqkey", replace=True)
    err = refused(lambda: pair.open(path))
    assert err.reason == "untrusted-sender" and "可能已被替换" in err.message
    # the rebuilt install's packages are accepted
    new_path = pair.write("shahe-0002.yqpkg", identity=load_identity(rebuilt))
    assert pair.open(new_path).files == PAYLOAD
    rebuilt.dispose()


def test_newer_schema_refused_older_accepted(pair: Pair) -> None:
    newer = pair.write("newer.yqpkg", schema_version="9999")
    err = refused(lambda: pair.open(newer))
    assert err.reason == "newer-schema" and "需要升级到 0.9.0 版" in err.message
    older = pair.write("older.yqpkg", schema_version="0001")
    assert pair.open(older).header.schema_version == "0001"


def test_truncated_and_trailing_bytes(pair: Pair) -> None:
    data = pair.write().read_bytes()
    cut = pair.tmp / "cut.yqpkg"
    cut.write_bytes(data[:-1])
    assert refused(lambda: pair.open(cut)).reason == "truncated"
    longer = pair.tmp / "longer.yqpkg"
    longer.write_bytes(data + b"\0")
    assert refused(lambda: pair.open(longer)).reason == "tampered"


def _regions(data: bytes) -> dict[str, int]:
    (header_len,) = struct.unpack(">H", data[6:8])
    return {
        "magic": 0,
        "version": 5,
        "header": 8 + header_len // 2,
        "ciphertext": 8 + header_len + 40,
        "signature": len(data) - SIGNATURE_LEN + 3,
        "tail": len(data) - 1,
    }


@pytest.mark.parametrize(
    ("region", "reasons"),
    [
        ("magic", {"not-a-package"}),
        ("version", {"not-a-package"}),
        ("header", {"not-a-package", "tampered", "not-for-us", "truncated"}),
        ("ciphertext", {"tampered"}),
        ("signature", {"bad-signature"}),
        ("tail", {"bad-signature"}),
    ],
)
def test_one_flipped_byte(pair: Pair, region: str, reasons: set[str]) -> None:
    data = bytearray(pair.write().read_bytes())
    data[_regions(bytes(data))[region]] ^= 0x01
    path = pair.tmp / "flipped.yqpkg"
    path.write_bytes(bytes(data))
    assert refused(lambda: pair.open(path)).reason in reasons


def test_not_a_package_and_too_large(pair: Pair) -> None:
    empty = pair.tmp / "empty.yqpkg"
    empty.write_bytes(b"")
    assert refused(lambda: pair.open(empty)).reason == "not-a-package"
    assert refused(lambda: pair.open(pair.tmp / "missing.yqpkg")).reason == "not-a-package"
    assert refused(lambda: pair.open(pair.tmp / "shahe.yqkey")).reason == "not-a-package"
    path = pair.write()
    small = PackageLimits(max_file=1024)
    assert refused(lambda: pair.open(path, limits=small)).reason == "too-large"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_flipped_byte_or_truncation_is_refused(pair: Pair, data: st.DataObject) -> None:
    original = getattr(pair, "_sample", None)
    if original is None:
        original = pair.write().read_bytes()
        pair._sample = original  # type: ignore[attr-defined]  # one package for every example
    buf = bytearray(original)
    if data.draw(st.booleans(), label="truncate"):
        buf = buf[: data.draw(st.integers(0, len(buf) - 1), label="length")]
    else:
        at = data.draw(st.integers(0, len(buf) - 1), label="offset")
        buf[at] ^= data.draw(st.integers(1, 255), label="xor")
    path = pair.tmp / "hostile.yqpkg"
    path.write_bytes(bytes(buf))
    trusted = [k for k in trusted_for(pair.district_db, "shahe")]
    try:
        open_package(path, identity=pair.district, trusted=lambda c: trusted, current_schema=HEAD_REVISION)
    except PackageRefused as e:
        assert e.message.startswith("hostile.yqpkg：")
    else:
        pytest.fail("an altered package was accepted")


def test_writer_refuses_what_readers_would(pair: Pair) -> None:
    for bad in ("../x.jsonl", "/etc/passwd", "C:/x", "a\\b", "tables/../../x", "CON", "manifest.json"):
        with pytest.raises(ValueError):
            pair.write(files={bad: b"x"})
    with pytest.raises(ValueError):
        pair.write(manifest={"seq": 5})  # disagrees with the header
    with pytest.raises(ValueError):
        pair.write(files={"A.jsonl": b"", "a.jsonl": b""})
    assert [p.name for p in pair.tmp.iterdir() if p.suffix in (".yqpkg", ".part")] == []


def test_write_is_atomic(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    import yanqun_desktop.sync.package as package

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(package.os, "fsync", broken)
    with pytest.raises(OSError):
        pair.write()
    assert [p.name for p in pair.tmp.iterdir() if "yqpkg" in p.name] == []
