"""`yanqun stats`: exit codes, the JSON object, the human text and the workbook."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from yanqun_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An initialised street database, made once (the tests only read it)."""
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.setup import initialise

    path = tmp_path_factory.mktemp("cli") / "s.sqlite"
    database = Database.open(path, keys_dir=path.parent / "keys")
    initialise(database, "沙河")
    database.dispose()
    return str(path)


def test_json_is_one_object_on_stdout(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(capsys, "--db", db, "stats", "--json", "--at", "2021年6月30日")
    assert code == 0
    data = json.loads(out)
    assert data["scope"]["code"] == "shahe" and data["at"] == "2021-06-30"  # a street install: its own street
    assert set(data) >= {"headline", "people", "training", "topics", "honours", "committees", "elected"}
    assert data["headline"]["people"] == 0 and data["headline"]["committee_age"] is None
    assert data["people"]["roles"]["rows"][0]["street_name"] == "沙河街道"


@pytest.mark.parametrize("street", ["nantou", "南头街道", "南头"])
def test_street_forms_and_the_district(capsys: pytest.CaptureFixture[str], db: str, street: str) -> None:
    code, out, _ = run(capsys, "--db", db, "stats", "--json", "--street", street)
    assert code == 0 and json.loads(out)["scope"]["name"] == "南头街道"
    code, out, _ = run(capsys, "--db", db, "stats", "--json", "--street", "南山区")
    data = json.loads(out)
    assert code == 0 and data["scope"]["is_district"] and len(data["people"]["roles"]["rows"]) == 8


def test_human_text_goes_to_stderr(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "--db", db, "stats")
    assert code == 0 and out == ""
    assert "沙河街道社区人才培养情况统计" in err and "本届两委平均年龄：—" in err and "出勤率" in err


def test_bad_street_or_date_exits_1(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", db, "stats", "--street", "火星")
    assert code == 1 and out == "" and "火星" in err
    code, _, err = run(capsys, "--db", db, "stats", "--at", "2021-02-30")
    assert code == 1 and "2021-02-30" in err
    code, _, err = run(capsys, "--db", db, "stats", "--out", str(tmp_path / "x.csv"))
    assert code == 1 and ".xlsx" in err and not (tmp_path / "x.csv").exists()


def test_out_writes_the_workbook(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    target = tmp_path / "统计.xlsx"
    code, out, err = run(capsys, "--db", db, "stats", "--json", "--out", str(target))
    assert code == 0 and json.loads(out)["scope"]["code"] == "shahe" and str(target) in err
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["总览", "人员", "培训", "课题", "荣誉"]
    assert wb["总览"]["A1"].value == "沙河街道社区人才培养情况统计（总览）"
