"""yanqun roster template / import / export: exit codes, --json per file, nothing personal printed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from yanqun_desktop.cli import main
from yanqun_desktop.domain.validation import make_id_card

ID_1 = make_id_card("440305", dt.date(1986, 4, 2), 7, "男")
ID_2 = make_id_card("440305", dt.date(1990, 1, 9), 8, "女")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _book(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    base = ["--db", str(tmp_path / "db.sqlite"), "--keys", str(tmp_path / "keys"), "--user", "admin"]
    assert run(capsys, *base, "init", "--street", "沙河")[0] == 0
    return base


def test_template(capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, *db, "roster", "template", "--kind", "reserve", "--out", str(tmp_path / "r.xlsx"))
    assert code == 0 and "r.xlsx" in err
    assert load_workbook(tmp_path / "r.xlsx").active["A1"].value == "姓名"


def test_import_exit_codes_json_and_rejected(capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path) -> None:
    good = _book(tmp_path / "good.xlsx", [["姓名", "身份证号", "手机号"], ["林晓燕", ID_1, "13900001234"]])
    bad = _book(tmp_path / "bad.xlsx", [["姓名", "身份证号", "手机号"], ["黄志明", ID_2, "13900005678"],
                                        ["曹明", ID_1[:17] + "0", "1390000"]])
    code, out, err = run(capsys, *db, "roster", "import", str(good), str(bad), "--json",
                         "--rejected-out", str(tmp_path / "rejected"))
    assert code == 1  # the highest code wins
    objects = [json.loads(line) for line in out.splitlines()]
    statuses = [(Path(o["file"]).name, o["status"]) for o in objects]
    assert statuses == [("good.xlsx", "applied"), ("bad.xlsx", "refused")]
    assert objects[1]["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "conflicts": 0, "rejected": 1}
    assert "第 3 行" in err and "“身份证号”列" in err and "校验位错误" in err
    for text in (out, err):
        assert ID_1 not in text and ID_2 not in text and ID_1[:17] not in text and "13900005678" not in text
    rejected = load_workbook(tmp_path / "rejected" / "bad-有误的行.xlsx").active
    assert rejected["B2"].value == "曹明"

    code, out, _ = run(capsys, *db, "roster", "import", str(bad), "--dry-run", "--json")
    assert code == 1 and json.loads(out)["status"] == "dry-run"  # a dry run exits as the real run would
    code, out, _ = run(capsys, *db, "roster", "import", str(bad), "--skip-invalid", "--json")
    assert code == 0 and json.loads(out)["counts"]["new"] == 1
    code, out, _ = run(capsys, *db, "roster", "import", str(good), "--json")
    assert code == 0 and json.loads(out)["status"] == "already-applied"


def test_unreadable_file_is_refused(capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    code, out, err = run(capsys, *db, "roster", "import", str(tmp_path / "x.xlsx"), "--json")
    assert code == 1 and json.loads(out)["status"] == "refused" and "损坏" in err


def test_export_masked_unless_asked(capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path) -> None:
    good = _book(tmp_path / "good.xlsx", [["姓名", "身份证号"], ["林晓燕", ID_1]])
    assert run(capsys, *db, "roster", "import", str(good))[0] == 0
    code, _, err = run(capsys, *db, "roster", "export", "--out", str(tmp_path / "e.xlsx"))
    assert code == 0 and "已打码" in err
    assert load_workbook(tmp_path / "e.xlsx").active["G2"].value == "4403**********" + ID_1[-4:]
    code, _, _ = run(capsys, *db, "roster", "export", "--out", str(tmp_path / "f.xlsx"), "--with-id-numbers")
    assert code == 0 and load_workbook(tmp_path / "f.xlsx").active["G2"].value == ID_1
    assert run(capsys, *db, "roster", "import", str(tmp_path / "e.xlsx"))[0] == 0


def test_unwritable_target_says_which_file(capsys: pytest.CaptureFixture[str], db: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "名单.xlsx"
    folder.mkdir()  # a folder where the file should go
    code, out, err = run(capsys, *db, "roster", "template", "--kind", "people", "--out", str(folder))
    assert code == 1 and out == ""
    assert "名单.xlsx" in err and "文件夹" in err and "Traceback" not in err
