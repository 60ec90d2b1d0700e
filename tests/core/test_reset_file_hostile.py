"""Hostile reset files: whatever the bytes, reading one ends in a clear refusal naming the file
(never a crash), and nothing is written."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.account_recovery import read_reset_file, write_reset_file
from yanqun_desktop.services.accounts import create_first_admin
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.keys import trust_card, write_card

FIELDS = ("kind", "street", "install_id", "login", "nonce", "issued_at", "expires_at", "issued_by", "signature")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@pytest.fixture
def signed(street_db: Database, district_db: Database, tmp_path: Path) -> bytes:
    street_admin = create_first_admin(street_db, "admin", "王管理", "street-pass-1")[0]
    officer = create_first_admin(district_db, "zuzhi", "赵组织", "district-pass-1")[0]
    write_card(street_db, tmp_path / "s.yqkey")
    write_card(district_db, tmp_path / "d.yqkey")
    trust_card(district_db, officer, tmp_path / "s.yqkey")
    trust_card(street_db, street_admin, tmp_path / "d.yqkey")
    write_reset_file(district_db, officer, "shahe", tmp_path / "good.yqreset")
    return (tmp_path / "good.yqreset").read_bytes()


def _refused(db: Database, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    with pytest.raises(ServiceError) as refused:
        read_reset_file(db, path)
    assert str(refused.value).startswith(f"{path.name}：")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), value=JSON_VALUES)
def test_any_changed_field_is_refused(street_db: Database, signed: bytes, tmp_path: Path, field: str,
                                      value: object) -> None:
    doc = json.loads(signed)
    if doc[field] == value:
        return
    doc[field] = value
    _refused(street_db, tmp_path / "changed.yqreset", json.dumps(doc).encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=2000), flip=st.integers(min_value=0, max_value=20000),
       junk=st.binary(max_size=64))
def test_truncated_flipped_and_padded_files_are_refused(street_db: Database, signed: bytes, tmp_path: Path,
                                                        cut: int, flip: int, junk: bytes) -> None:
    data = bytearray(signed[: min(cut, len(signed) - 1)] + junk)
    if data:
        data[flip % len(data)] ^= 1 + flip % 255
    _refused(street_db, tmp_path / "mangled.yqreset", bytes(data))


def test_hand_made_cases(street_db: Database, signed: bytes, tmp_path: Path) -> None:
    doc = json.loads(signed)
    cases = [
        b"",
        signed + b" " * 9000,  # too big
        json.dumps([doc]).encode(),
        json.dumps({**doc, "extra": 1}).encode(),
        json.dumps({**doc, "signature": base64.b64encode(b"\0" * 64).decode()}).encode(),
        json.dumps({**doc, "signature": "not base64!"}).encode(),
        json.dumps({**doc, "issued_at": "2026-12-06T00:00:00"}).encode(),  # no zone
        "\ud800".encode("utf-8", "surrogatepass"),
        b"{" * 5000,
    ]
    for i, data in enumerate(cases):
        _refused(street_db, tmp_path / f"case{i}.yqreset", data)
    (tmp_path / "ok.yqreset").write_bytes(b"\xef\xbb\xbf" + signed)  # saved again by an editor
    assert read_reset_file(street_db, tmp_path / "ok.yqreset").street == "shahe"
