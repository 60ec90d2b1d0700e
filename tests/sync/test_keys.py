"""Key enrolment: the local identity, key cards, the trust list, key backups and the package
sequence high-water mark (SYNC.md "The package file", "Recovery"; CLI.md `keys ...`)."""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from db_template import open_sqlite
from sqlalchemy import select
from sync_helpers import location

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditChange, AuditOperation
from yanqun_desktop.db.models.sync import SyncPeer, TrustedKey
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.keys import enrol_card, list_trusted, trust_card, trusted_for, write_card
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.sync.keycard import MAX_CARD_BYTES, KeyCardError, parse_card, read_card
from yanqun_desktop.sync.keys import (
    BOX_KEY_FILE,
    IDENTITY_FILE,
    SIGN_KEY_FILE,
    IdentityError,
    LocalIdentity,
    ensure_identity,
    export_key_backup,
    fingerprint_groups,
    import_key_backup,
    load_identity,
    next_sequence,
)
from yanqun_desktop.sync.package import PackageRefused, open_package

pytestmark = pytest.mark.postgres("district")

FAST_N = 2**14  # scrypt work factor for tests (the default costs 64 MiB and ~0.3 s)
PASSPHRASE = "雁群测试口令-Correct-Horse"


def new_street(tmp_path: Path, name: str, street: str = "shahe") -> Database:
    db = open_sqlite(tmp_path / f"{name}.sqlite", keys_dir=tmp_path / f"{name}-keys")
    initialise(db, street)
    return db


# -- local identity -------------------------------------------------------------------------
def test_initialise_creates_the_identity_once(street_db: Database) -> None:
    folder = Path(street_db.keys_dir)
    first = load_identity(street_db)
    assert first.org_code == "shahe" and first.org_name == "沙河街道" and first.install_id == street_db.install_id
    assert ensure_identity(street_db).fingerprint == first.fingerprint  # idempotent
    for name in (SIGN_KEY_FILE, BOX_KEY_FILE, IDENTITY_FILE):
        assert (folder / name).exists()
        if sys.platform != "win32":
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    pem = (folder / SIGN_KEY_FILE).read_bytes()
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS8
    assert len(first.sign_public) == 32 and len(first.box_public) == 32
    assert re.fullmatch(r"[0-9a-f]{64}", first.fingerprint)


def test_fingerprint_groups_read_over_the_phone(street_db: Database) -> None:
    groups = fingerprint_groups(load_identity(street_db).fingerprint)
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", groups)


@pytest.mark.parametrize("victim", [SIGN_KEY_FILE, BOX_KEY_FILE, IDENTITY_FILE])
def test_missing_or_corrupt_key_files(street_db: Database, victim: str) -> None:
    path = Path(street_db.keys_dir) / victim
    path.write_bytes(b"garbage")
    with pytest.raises(IdentityError, match=f"^本机密钥文件缺失或损坏：.*{re.escape(victim)}"):
        load_identity(street_db)
    path.unlink()
    with pytest.raises(IdentityError, match=r"本机密钥文件缺失或损坏：.*文件不存在"):
        load_identity(street_db)


def test_keys_of_another_office_are_refused(tmp_path: Path) -> None:
    db = new_street(tmp_path, "a")
    other = Database.open(tmp_path / "b.sqlite", keys_dir=tmp_path / "a-keys")  # same key folder
    with pytest.raises(ServiceError, match="本机密钥文件缺失或损坏"):
        initialise(other, "nantou")
    db.dispose()
    other.dispose()


# -- key cards ------------------------------------------------------------------------------
def test_card_round_trip(street_db: Database, tmp_path: Path) -> None:
    fp = write_card(street_db, tmp_path / "沙河街道.yqkey")
    card = read_card(tmp_path / "沙河街道.yqkey")
    assert card.fingerprint == fp == load_identity(street_db).fingerprint
    assert (card.org_code, card.org_name, card.install_id) == ("shahe", "沙河街道", street_db.install_id)
    doc = json.loads((tmp_path / "沙河街道.yqkey").read_text("utf-8"))
    assert doc["format"] == "yanqun-keycard" and "PRIVATE" not in json.dumps(doc)


def _card_doc(street_db: Database, tmp_path: Path) -> dict:
    write_card(street_db, tmp_path / "c.yqkey")
    return json.loads((tmp_path / "c.yqkey").read_text("utf-8"))


@pytest.mark.parametrize(
    ("field", "value"),
    [("org_name", "南头街道"), ("org_code", "nantou"), ("install_id", "0" * 8 + "-0000-0000-0000-" + "0" * 12)],
)
def test_card_altered_in_transit_is_refused(street_db: Database, tmp_path: Path, field: str, value: str) -> None:
    doc = _card_doc(street_db, tmp_path)
    doc[field] = value
    with pytest.raises(KeyCardError, match=r"^c.yqkey：密钥名片的签名不符"):
        parse_card(json.dumps(doc, ensure_ascii=False).encode(), "c.yqkey")


def test_card_with_a_swapped_encryption_key_is_refused(street_db: Database, tmp_path: Path) -> None:
    doc = _card_doc(street_db, tmp_path)
    doc["box_public"] = base64.b64encode(bytes(range(32))).decode()
    with pytest.raises(KeyCardError, match="签名不符"):
        parse_card(json.dumps(doc).encode(), "c.yqkey")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=2), "格式版本"),
        (lambda d: d.update(version="1"), "格式版本"),
        (lambda d: d.update(format="other"), "不是雁群的密钥名片"),
        (lambda d: d.update(extra=1), "字段不符"),
        (lambda d: d.pop("signature"), "字段不符"),
        (lambda d: d.update(org_name=123), "org_name 应为文字"),
        (lambda d: d.update(org_name="x" * 65), "单位名称无效"),
        (lambda d: d.update(org_code="../etc"), "单位代码无效"),
        (lambda d: d.update(install_id="not-a-uuid"), "安装编号无效"),
        (lambda d: d.update(created_at="yesterday"), "创建时间无效"),
        (lambda d: d.update(sign_public="AAAA"), "sign_public 不是有效的 32 字节公钥"),
        (lambda d: d.update(box_public="!!!"), "box_public 不是有效的 32 字节公钥"),
        (lambda d: d.update(signature=["x"]), "signature 不是有效的 64 字节公钥"),
    ],
)
def test_card_parsing_is_strict(street_db: Database, tmp_path: Path, change, message: str) -> None:
    doc = _card_doc(street_db, tmp_path)
    change(doc)
    with pytest.raises(KeyCardError, match=f"^c.yqkey：.*{re.escape(message)}"):
        parse_card(json.dumps(doc, ensure_ascii=False).encode(), "c.yqkey")


def test_card_size_and_encoding_limits(tmp_path: Path) -> None:
    with pytest.raises(KeyCardError, match="文件过大"):
        parse_card(b"{" + b" " * MAX_CARD_BYTES + b"}", "big.yqkey")
    with pytest.raises(KeyCardError, match="不是 UTF-8 编码的 JSON"):
        parse_card("名片".encode("gb18030"), "gbk.yqkey")
    with pytest.raises(KeyCardError, match="不是雁群的密钥名片"):
        parse_card(b"[1, 2]", "list.yqkey")
    with pytest.raises(KeyCardError, match=r"missing.yqkey：无法读取文件"):
        read_card(tmp_path / "missing.yqkey")


# -- trust ----------------------------------------------------------------------------------
def test_district_trusts_a_street_card_once(
    street_db: Database, district_db: Database, district_officer: Actor, tmp_path: Path
) -> None:
    write_card(street_db, tmp_path / "shahe.yqkey")
    first = enrol_card(district_db, district_officer, tmp_path / "shahe.yqkey")
    assert first.status == "trusted" and first.key.org_name == "沙河街道"
    again = enrol_card(district_db, district_officer, tmp_path / "shahe.yqkey")
    assert again.status == "unchanged" and again.key.id == first.key.id
    assert [k.fingerprint for k in trusted_for(district_db, "shahe")] == [first.key.fingerprint]
    with district_db.session() as s:
        ops = s.scalars(select(AuditOperation).where(AuditOperation.operation == "keys.trust")).all()
        assert len(ops) == 1 and ops[0].actor == district_officer.name


def test_who_may_be_trusted(
    street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor, tmp_path: Path
) -> None:
    other = new_street(tmp_path, "nantou", "nantou")
    write_card(other, tmp_path / "nantou.yqkey")
    write_card(district_db, tmp_path / "district.yqkey")
    write_card(street_db, tmp_path / "own.yqkey")
    with pytest.raises(ServiceError, match="街道只信任区级的密钥名片"):
        trust_card(street_db, clerk, tmp_path / "nantou.yqkey")
    with pytest.raises(ServiceError, match="区级只信任各街道的名片"):
        trust_card(district_db, district_officer, tmp_path / "district.yqkey")
    with pytest.raises(ServiceError, match="街道只信任区级"):
        trust_card(street_db, clerk, tmp_path / "own.yqkey")
    assert trust_card(street_db, clerk, tmp_path / "district.yqkey").org_code == "nanshan-district"
    other.dispose()


def test_a_second_card_needs_replace_which_is_audited(
    street_db: Database, district_db: Database, district_officer: Actor, tmp_path: Path
) -> None:
    write_card(street_db, tmp_path / "old.yqkey")
    old = trust_card(district_db, district_officer, tmp_path / "old.yqkey")
    with district_db.session() as s, s.begin():
        s.add(SyncPeer(peer="shahe", last_sent_seq=0, acked_seq=0, acked_version=0, received_seq=12))
    rebuilt = new_street(tmp_path, "rebuilt")
    write_card(rebuilt, tmp_path / "new.yqkey")
    with pytest.raises(ServiceError, match=r"已信任沙河街道的另一张名片.*--replace"):
        trust_card(district_db, district_officer, tmp_path / "new.yqkey")
    outcome = enrol_card(district_db, district_officer, tmp_path / "new.yqkey", replace=True)
    assert outcome.status == "replaced" and outcome.replaced is not None and outcome.replaced.id == old.id
    assert [k.id for k in trusted_for(district_db, "shahe")] == [outcome.key.id]
    replaced = next(k for k in list_trusted(district_db) if k.id == old.id)
    assert replaced.replaced_at is not None
    with district_db.session() as s:
        op = s.scalars(select(AuditOperation).where(AuditOperation.operation == "keys.replace")).one()
        changes = s.scalars(select(AuditChange).where(AuditChange.operation_id == op.id)).all()
        assert {(c.table_name, c.action) for c in changes} == {
            ("trusted_keys", "update"),
            ("trusted_keys", "insert"),
            ("sync_peers", "update"),
        }
        assert s.get(SyncPeer, "shahe").received_seq == 0  # the ledger baseline is reset
    # the replaced card can never come back
    with pytest.raises(ServiceError, match=r"已.*被替换，不能再次信任"):
        trust_card(district_db, district_officer, tmp_path / "old.yqkey", replace=True)
    rebuilt.dispose()


def test_a_card_naming_the_wrong_office_is_refused(
    street_db: Database, district_db: Database, district_officer: Actor, tmp_path: Path
) -> None:
    identity = load_identity(street_db)
    fake = LocalIdentity("shahe", "沙河", identity.install_id, identity.created_at, identity.sign_key, identity.box_key)
    from yanqun_desktop.sync.keycard import write_card_file

    write_card_file(fake, tmp_path / "fake.yqkey")
    with pytest.raises(ServiceError, match="单位名称「沙河」与代码 shahe（沙河街道）不符"):
        trust_card(district_db, district_officer, tmp_path / "fake.yqkey")
    with district_db.session() as s:
        assert s.scalars(select(TrustedKey)).all() == []


# -- backups --------------------------------------------------------------------------------
def test_key_backup_round_trip_and_wrong_passphrase(street_db: Database, tmp_path: Path) -> None:
    identity = load_identity(street_db)
    next_sequence(street_db, "nanshan-district")
    backup = export_key_backup(identity, tmp_path / "备份.yqkeys", PASSPHRASE, scrypt_n=FAST_N)
    raw = backup.read_bytes()
    assert b"PRIVATE KEY" not in raw
    with pytest.raises(IdentityError, match=r"^备份.yqkeys：备份口令不正确"):
        import_key_backup(backup, "wrong passphrase", tmp_path / "restored")
    assert not (tmp_path / "restored").exists()
    restored = import_key_backup(backup, PASSPHRASE, tmp_path / "restored")
    assert restored.fingerprint == identity.fingerprint and restored.org_code == "shahe"
    assert (tmp_path / "restored" / "package-seq.json").exists()
    # restoring into a folder that already holds another identity never overwrites it
    other = new_street(tmp_path, "other")
    with pytest.raises(IdentityError, match="已有另一套密钥，不会覆盖"):
        import_key_backup(backup, PASSPHRASE, Path(other.keys_dir))
    assert load_identity(other).fingerprint != identity.fingerprint
    with pytest.raises(IdentityError, match="与本机数据库所属单位不符"):
        import_key_backup(backup, PASSPHRASE, tmp_path / "elsewhere", expected_org="nantou")
    other.dispose()


def test_backup_altered_or_too_short_passphrase(street_db: Database, tmp_path: Path) -> None:
    identity = load_identity(street_db)
    with pytest.raises(IdentityError, match="至少需要 8 个字符"):
        export_key_backup(identity, tmp_path / "b.yqkeys", "short", scrypt_n=FAST_N)
    backup = export_key_backup(identity, tmp_path / "b.yqkeys", PASSPHRASE, scrypt_n=FAST_N)
    doc = json.loads(backup.read_text())
    doc["n"] = 2**15  # the KDF parameters are authenticated
    backup.write_text(json.dumps(doc))
    with pytest.raises(IdentityError, match="口令不正确，或文件已被改动"):
        import_key_backup(backup, PASSPHRASE, tmp_path / "r")
    doc["n"] = 2**40  # a hostile work factor is refused before any work
    backup.write_text(json.dumps(doc))
    with pytest.raises(IdentityError, match="不受支持"):
        import_key_backup(backup, PASSPHRASE, tmp_path / "r")


# -- sequence high-water mark ---------------------------------------------------------------
def test_sequence_survives_a_database_restore(street_db: Database, tmp_path: Path) -> None:
    assert [next_sequence(street_db, "nanshan-district") for _ in range(3)] == [1, 2, 3]
    # the PC is restored from a backup older than those packages: a new DB, the same key folder
    restored = Database.open(tmp_path / "restored.sqlite", keys_dir=street_db.keys_dir)
    initialise(restored, "shahe")
    assert next_sequence(restored, "nanshan-district") == 4
    # and a database ahead of the file (the file lost) wins too
    with restored.session() as s, s.begin():
        s.add(SyncPeer(peer="nanshan-district", last_sent_seq=40, acked_seq=0, acked_version=0, received_seq=0))
    assert next_sequence(restored, "nanshan-district") == 41
    assert next_sequence(restored, "other-peer") == 1
    restored.dispose()


# -- secrets never leak ---------------------------------------------------------------------
def _secrets(identity: LocalIdentity) -> list[str]:
    out: list[str] = [PASSPHRASE]
    for key in (identity.sign_key, identity.box_key):
        raw = key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        out += [raw.hex(), raw.hex().upper(), base64.b64encode(raw).decode(), pem.splitlines()[1], repr(raw)[2:-1]]
    return out


def test_no_private_key_bytes_or_passphrase_in_any_message(street_db: Database, tmp_path: Path) -> None:
    identity = load_identity(street_db)
    messages = [repr(identity), str(identity)]
    backup = export_key_backup(identity, tmp_path / "b.yqkeys", PASSPHRASE, scrypt_n=FAST_N)
    for attempt in (
        lambda: import_key_backup(backup, PASSPHRASE[:-1], tmp_path / "r"),
        lambda: export_key_backup(identity, tmp_path / "c.yqkeys", "short"),
        lambda: open_package(tmp_path / "b.yqkeys", identity=identity, trusted=lambda c: [], current_schema="0003"),
    ):
        with pytest.raises((IdentityError, PackageRefused)) as info:
            attempt()
        messages += [str(info.value), repr(info.value)]
    folder = Path(street_db.keys_dir)
    pem = (folder / SIGN_KEY_FILE).read_text()
    (folder / SIGN_KEY_FILE).write_text(pem[:-30] + "Zm9v\n-----END PRIVATE KEY-----\n")  # corrupt, key bytes kept
    with pytest.raises(IdentityError) as info:
        load_identity(street_db)
    messages += [str(info.value), repr(info.value), str(info.value.__cause__), str(info.value.__context__)]
    text = "\n".join(messages)
    for secret in _secrets(identity):
        assert secret not in text


# -- CLI ------------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", location(db), "--keys", str(db.keys_dir), "--user", "admin", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_card_trust_list(
    street_db: Database, district_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "沙河街道.yqkey"
    code, _, err = run(capsys, street_db, "keys", "card", "--out", str(card))
    groups = fingerprint_groups(load_identity(street_db).fingerprint)
    assert code == 0 and groups in err and card.exists()
    code, _, err = run(capsys, district_db, "keys", "trust", str(card))
    assert code == 0 and "已信任：沙河街道（shahe）" in err and groups in err
    code, _, err = run(capsys, district_db, "keys", "trust", str(card))
    assert code == 0 and "无变化" in err
    code, out, _ = run(capsys, district_db, "keys", "list", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["own"]["org_code"] == "nanshan-district"
    assert [(k["org_code"], k["replaced_at"]) for k in doc["trusted"]] == [("shahe", None)]
    code, _, err = run(capsys, street_db, "keys", "trust", str(card))  # a street trusting a street
    assert code == 1 and "街道只信任区级的密钥名片" in err
    bogus = tmp_path / "bogus.yqkey"
    bogus.write_text("{}")
    code, _, err = run(capsys, district_db, "keys", "trust", str(bogus))
    assert code == 1 and err.startswith("bogus.yqkey：")


def test_cli_backup_and_restore(
    street_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("YANQUN_KEY_PASSPHRASE", PASSPHRASE)
    backup = tmp_path / "keys.yqkeys"
    code, out, err = run(capsys, street_db, "keys", "backup", "--out", str(backup))
    assert code == 0 and backup.exists() and PASSPHRASE not in out + err
    # a rebuilt PC: restore into the key folder before `init`
    fresh = Database.open(tmp_path / "fresh.sqlite", keys_dir=tmp_path / "fresh-keys")
    code, _, err = run(capsys, fresh, "keys", "restore", str(backup))
    assert code == 0 and fingerprint_groups(load_identity(street_db).fingerprint) in err
    initialise(fresh, "shahe")
    assert load_identity(fresh).fingerprint == load_identity(street_db).fingerprint
    monkeypatch.setenv("YANQUN_KEY_PASSPHRASE", "not the passphrase")
    code, _, err = run(capsys, fresh, "keys", "restore", str(backup))
    assert code == 1 and "口令不正确" in err
    fresh.dispose()
    os.environ.pop("YANQUN_KEY_PASSPHRASE", None)
