"""`yanqun package export|import|ledger` with real encrypted packages between real databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_helpers import checksum, location, rows_of

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.keys import trust_card, write_card
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.sync_import import refusal_log

pytestmark = pytest.mark.postgres("district")


@pytest.fixture
def offices(street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor, tmp_path: Path):
    """The street and the district trust each other's key cards."""
    write_card(street_db, tmp_path / "shahe.yqkey")
    write_card(district_db, tmp_path / "district.yqkey")
    trust_card(district_db, district_officer, tmp_path / "shahe.yqkey")
    trust_card(street_db, clerk, tmp_path / "district.yqkey")
    return street_db, district_db


def run(capsys: pytest.CaptureFixture[str], db: Database, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", location(db), "--keys", str(db.keys_dir), "--user", "admin", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_import_round_trip(offices, clerk: Actor, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    street, district = offices
    save_person(street, clerk, {"name": "陈思远", "id_card": "11010519491231002X"})
    outbox = tmp_path / "stick"
    outbox.mkdir()
    code, _, err = run(capsys, street, "package", "export", "--out", str(outbox))
    assert code == 0, err
    [pkg] = outbox.glob("*.yqpkg")
    assert pkg.name.startswith("shahe-0001-") and "11010519491231002X" not in err
    assert b"11010519491231002X" not in pkg.read_bytes()  # encrypted

    before = checksum(district)
    code, out, _ = run(capsys, district, "package", "import", str(pkg), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["status"] == "dry-run" and checksum(district) == before
    code, out, err = run(capsys, district, "package", "import", str(pkg), "--json")
    report = json.loads(out)
    assert code == 0 and report["status"] == "applied" and report["counts"]["new"] == 1, err
    assert rows_of(district, "people", "shahe") == rows_of(street, "people", "shahe")
    if district.path is not None:  # SQLite: an online backup before the import
        assert list((district.path.parent / "backups").glob("*-before-import.yqbak"))
    else:  # PostgreSQL: no file to back up (one transaction; the server's own backups apply)
        assert not list(tmp_path.rglob("*before-import*"))
    code, out, _ = run(capsys, district, "package", "import", str(pkg), "--json")
    assert code == 0 and json.loads(out)["status"] == "already-applied"

    down = tmp_path / "down.yqpkg"
    code, _, err = run(capsys, district, "package", "export", "--to", "沙河", "--out", str(down))
    assert code == 0, err
    code, out, _ = run(capsys, street, "package", "import", str(down), "--json")
    assert code == 0 and json.loads(out)["status"] == "applied"
    code, out, _ = run(capsys, street, "package", "ledger", "--json")
    assert [json.loads(line)["direction"] for line in out.splitlines()] == ["received", "sent"]


def test_tampered_and_misaddressed_packages_are_refused(offices, clerk: Actor, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    street, district = offices
    save_person(street, clerk, {"name": "陈思远"})
    pkg = tmp_path / "p.yqpkg"
    assert run(capsys, street, "package", "export", "--out", str(pkg))[0] == 0
    data = bytearray(pkg.read_bytes())
    data[-40] ^= 1
    bad = tmp_path / "bad.yqpkg"
    bad.write_bytes(bytes(data))
    short = tmp_path / "short.yqpkg"
    short.write_bytes(bytes(data[: len(data) // 2]))
    before = checksum(district)
    code, out, err = run(capsys, district, "package", "import", str(bad), str(short), str(pkg), "--json")
    statuses = [json.loads(line)["status"] for line in out.splitlines()]
    assert statuses == ["refused", "refused", "applied"] and code == 1
    assert "bad.yqpkg" in err
    after_good = checksum(district)
    assert after_good != before
    # the street cannot open its own package (it is for the district): refused, unchanged
    street_before = checksum(street)
    code, out, err = run(capsys, street, "package", "import", str(pkg), "--json")
    assert code == 1 and json.loads(out)["status"] == "refused" and checksum(street) == street_before
    log = refusal_log(district).read_text(encoding="utf-8")
    assert "bad.yqpkg" in log and "short.yqpkg" in log and "陈思远" not in log


def test_export_without_a_trusted_card_fails(street_db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, street_db, "package", "export", "--out", str(tmp_path))
    assert code == 1 and "密钥名片" in err


def test_conflicts_listed_and_decided_from_the_command_line(  # type: ignore[no-untyped-def]
    offices, clerk: Actor, district_officer: Actor, tmp_path: Path, capsys
) -> None:
    street, district = offices
    person = save_person(street, clerk, {"name": "冲突人", "id_card": "11010519491231002X"})
    stick = tmp_path / "stick"
    stick.mkdir()

    def up() -> tuple[int, str]:
        for f in stick.glob("*.yqpkg"):
            f.unlink()
        assert run(capsys, street, "package", "export", "--out", str(stick))[0] == 0
        [pkg] = stick.glob("*.yqpkg")
        code, out, _ = run(capsys, district, "package", "import", str(pkg), "--json")
        return code, out

    def down() -> str:
        target = tmp_path / "down.yqpkg"
        target.unlink(missing_ok=True)
        assert run(capsys, district, "package", "export", "--to", "shahe", "--out", str(target))[0] == 0
        code, _, err = run(capsys, street, "package", "import", str(target))
        assert code == 0, err
        return err

    assert up()[0] == 0
    save_person(district, district_officer, {"note": "区级改"}, person.id)
    # The street's edit is the later one. (A database opened again starts its clock at the mark
    # it reserved ahead, up to a minute: the command-line runs put the district's clock there.)
    with district.session() as s:
        street.clock.observe(s.get(Person, person.id).version)
    save_person(street, clerk, {"note": "街道改", "phone": "13800001111"}, person.id)
    code, out = up()
    assert code == 3 and json.loads(out)["status"] == "conflicts", out

    code, out, _ = run(capsys, district, "package", "conflicts", "--json")
    [entry] = [json.loads(line) for line in out.splitlines()]
    assert (entry["kind"], entry["table"], entry["row_id"]) == ("both-changed", "people", person.id)
    code, _, err = run(capsys, district, "package", "conflicts")
    assert "冲突人" in err and "11010519491231002X" not in err and "13800001111" not in err

    # the street hears its change is held
    assert "区级仍有 1 条" in down()
    code, _, err = run(capsys, street, "package", "conflicts")
    assert code == 0 and "暂扣本街道的 1 条" in err and "冲突人" in err

    cid = entry["id"]
    assert run(capsys, district, "package", "decide", cid[:7], "--keep-local")[0] == 1  # too short a prefix
    code, _, err = run(capsys, district, "package", "decide", cid[:8], "--same-person")
    assert code == 1 and "两端都有修改" in err
    code, _, err = run(capsys, district, "package", "decide", cid[:8], "--keep-local", "--take", "no_such")
    assert code == 1 and "no_such" in err
    before = checksum(district)
    code, _, err = run(capsys, district, "package", "decide", cid[:8], "--keep-local", "--take", "phone")
    assert code == 0, err
    assert checksum(district) != before
    with district.session() as s:
        kept = s.get(Person, person.id)
        assert (kept.note, kept.phone) == ("区级改", "13800001111")  # the district's note, the street's phone
    assert run(capsys, district, "package", "conflicts")[2].strip() == "没有待处理的冲突。"

    down()
    assert "没有暂扣" in run(capsys, street, "package", "conflicts")[2]
    with street.session() as s:
        assert s.get(Person, person.id).phone == "13800001111"
