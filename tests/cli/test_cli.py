"""The `yanqun` command's contract: identifiers, exit codes, --json (shared/CLI.md)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from yanqun_desktop import __version__, config
from yanqun_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and __version__ in capsys.readouterr().out


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["init"])  # --street or --district is required
    assert e.value.code == 2


@pytest.mark.parametrize("name", ["shahe", "沙河街道", "沙河"])
def test_init_accepts_every_street_form(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    db = str(tmp_path / "s.sqlite")
    code, out, err = run(capsys, "--db", db, "init", "--street", name)
    assert code == 0 and "沙河街道" in err and out == ""
    code, out, _ = run(capsys, "--db", db, "info", "--json")
    info = json.loads(out)
    assert code == 0 and info["org_code"] == "shahe" and info["counts"]["streets"] == 8 and not info["demo"]


def test_init_refuses_unknown_street_and_rebinding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    code, _, err = run(capsys, "--db", db, "init", "--street", "火星")
    assert code == 1 and "火星" in err
    assert run(capsys, "--db", db, "init", "--district", "南山区")[0] == 0
    code, _, err = run(capsys, "--db", db, "init", "--street", "xili")
    assert code == 1 and "南山区" in err


def test_db_from_environment(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("YANQUN_DB", str(tmp_path / "env.sqlite"))
    assert run(capsys, "init", "--street", "xili")[0] == 0
    assert (tmp_path / "env.sqlite").exists()


def test_demo_flag_never_touches_the_real_database(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--demo", "info", "--json")
    assert code == 0
    assert json.loads(out)["database"] == str(config.demo_db_path("street"))
    assert not config.default_db_path().exists()


def test_check_reports_problems_with_exit_4(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    run(capsys, "--db", str(db), "init", "--street", "shahe")
    code, _, err = run(capsys, "--db", str(db), "check")
    assert code == 0 and "未发现问题" in err
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(
        "insert into committee_terms (id, community_id, label, election_date, owner, version, updated_at,"
        " updated_by, deleted) values ('01a223e4-f82f-7b93-b68c-f2ceadce4b14', 'nowhere', '2021年换届',"
        " '2021-05-01', 'shahe', 5, '2021-05-01', 'x', 0)"
    )
    con.commit()
    con.close()
    code, _, err = run(capsys, "--db", str(db), "check")
    assert code == 4 and "committee_terms" in err and "外键" in err


def test_commands_need_an_initialised_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite"), "demo")
    assert code == 1 and "init" in err


def test_demo_then_info_then_selftest(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    code, _, err = run(capsys, "--demo", "demo", "--scale", "150", "--seed", "3")
    assert code == 0 and "演示数据已生成" in err
    code, out, _ = run(capsys, "--demo", "info", "--json")
    info = json.loads(out)
    assert info["demo"] and info["org_code"] == "zhaoshang" and info["counts"]["people"] >= 150
    assert info["counts"]["attendance"] > 0 and info["counts"]["audit_operations"] == 1
    code, _, err = run(capsys, "--demo", "demo", "--scale", "150")
    assert code == 1  # demo data is generated once
    code, _, err = run(capsys, "--demo", "selftest")
    assert code == 0 and "自检通过" in err and "演示数据" in err
    assert "成长档案 PDF 已生成" in err  # the demo has trainees: an archive is printed and read back


def test_demo_refuses_a_database_with_real_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "real.sqlite")
    run(capsys, "--db", db, "init", "--street", "shahe")
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.people import save_person

    real = Database.open(db, keys_dir=tmp_path / "k")
    save_person(real, Actor("王小红", "admin", "shahe"), {"name": "真实人员"})
    real.dispose()
    code, _, err = run(capsys, "--db", db, "demo", "--scale", "150")
    assert code == 1 and "演示" in err
    code, out, _ = run(capsys, "--db", db, "info", "--json")
    assert json.loads(out)["counts"]["people"] == 1


def test_archive_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db_path = str(tmp_path / "s.sqlite")
    run(capsys, "--db", db_path, "init", "--street", "shahe")
    import datetime as dt

    from yanqun_desktop.db.database import Database
    from yanqun_desktop.domain.validation import make_id_card
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.archive import save_archive_entry
    from yanqun_desktop.services.people import save_person

    db = Database.open(db_path, keys_dir=tmp_path / "k")
    clerk = Actor("王小红", "admin", "shahe")
    card = make_id_card("440305", dt.date(1990, 1, 2), 7, "男")
    pid = save_person(db, clerk, {"name": "何明", "id_card": card, "phone": "13900001234"}).id
    save_person(db, clerk, {"name": "同名"})
    save_person(db, clerk, {"name": "同名"})
    save_archive_entry(db, clerk, {"person_id": pid, "entry_date": "2022-03-01", "kind": "当选",
                                   "content": "2021年换届当选社区党委书记"})
    db.dispose()
    for ident in ("何明", pid, card):
        code, out, _ = run(capsys, "--db", db_path, "archive", "show", ident, "--json")
        data = json.loads(out)
        assert code == 0 and data["name"] == "何明" and data["entries"][0]["kind_label"] == "当选"
        assert card not in out and "13900001234" not in out
    code, _, err = run(capsys, "--db", db_path, "archive", "show", "何明")
    assert code == 0 and "当选社区党委书记" in err and card not in err
    code, _, err = run(capsys, "--db", db_path, "archive", "show", "同名")
    assert code == 1 and "2 人" in err
    code, _, err = run(capsys, "--db", db_path, "archive", "show", "无此人")
    assert code == 1
