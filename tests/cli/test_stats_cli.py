"""`yanqun stats`: exit codes, the JSON object, the human text, the workbook, the PDF report
and --compare."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from db_template import open_sqlite
from pypdf import PdfReader

from yanqun_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An initialised street database, made once (the tests only read it)."""
    from yanqun_desktop.services.setup import initialise

    path = tmp_path_factory.mktemp("cli") / "s.sqlite"
    database = open_sqlite(path, keys_dir=path.parent / "keys")
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
    assert code == 1 and ".xlsx" in err and ".pdf" in err and "x.csv" in err and not (tmp_path / "x.csv").exists()
    code, out, err = run(capsys, "--db", db, "stats", "--compare", "2021-13-01")
    assert code == 1 and out == "" and "2021-13-01" in err


def test_out_writes_the_workbook(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    target = tmp_path / "统计.xlsx"
    code, out, err = run(capsys, "--db", db, "stats", "--json", "--out", str(target))
    assert code == 0 and json.loads(out)["scope"]["code"] == "shahe" and str(target) in err
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["总览", "人员", "培训", "课题", "荣誉"]
    assert wb["总览"]["A1"].value == "沙河街道社区人才培养情况统计（总览）"


def _pdf_text(path: Path) -> str:
    return "\n".join(line.strip() for page in PdfReader(path).pages
                     for line in page.extract_text().replace("\u3000", " ").splitlines())


def test_out_writes_the_pdf_report(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    target = tmp_path / "统计报告.PDF"  # the suffix in any case
    code, out, err = run(capsys, "--db", db, "stats", "--at", "2022-06-30", "--out", str(target))
    assert code == 0 and out == "" and f"已写出统计报告：{target}" in err
    text = _pdf_text(target)
    assert "沙河街道社区人才培养情况统计" in text and "截至 2022年6月30日" in text
    assert "一、主要数据" in text and "第 1 页 共" in text


@pytest.fixture(scope="module")
def busy_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A street with two sessions in 2022 (none in 2021) for --compare."""
    from yanqun_desktop.services.activities import save_session
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.attendance import record_attendance
    from yanqun_desktop.services.people import save_person
    from yanqun_desktop.services.programmes import save_cohort, save_enrolment
    from yanqun_desktop.services.setup import initialise

    path = tmp_path_factory.mktemp("busy") / "s.sqlite"
    database = open_sqlite(path, keys_dir=path.parent / "keys")
    initialise(database, "沙河")
    clerk = Actor("王小红", "admin", "shahe")
    person = save_person(database, clerk, {"name": "甲一", "birth_date": "1980-01-01", "education": "本科"}).id
    cohort = save_cohort(database, clerk, {"number": 1, "start_date": "2022-03-01"}).id
    save_enrolment(database, clerk, {"cohort_id": cohort, "person_id": person, "enrolled_on": "2022-03-01"})
    for date in ("2022-04-02", "2022-05-02"):
        sid = save_session(database, clerk, {"title": f"通识课{date}", "kind": "通识课程", "date": date, "hours": 2.5,
                                             "cohort_ids": [cohort]}).id
        record_attendance(database, clerk, sid, [{"person_id": person, "status": "出席"}])
    database.dispose()
    return str(path)


def test_compare_side_by_side_in_text(capsys: pytest.CaptureFixture[str], busy_db: str) -> None:
    code, out, err = run(capsys, "--db", busy_db, "stats", "--at", "2022-06-30", "--compare", "2021-06-30")
    assert code == 0 and out == ""
    assert "沙河街道社区人才培养情况统计（截至 2022-06-30，对比 2021-06-30）" in err
    assert "课程活动：0 场 → 2 场（+2 场）" in err
    assert "课程活动学时：0 学时 → 5 学时（+5 学时）" in err
    assert "在册人员：1 人 → 1 人（0 人）" in err
    assert "出勤率：— → 100.0%\n" in err  # no change without a rate at the earlier date
    assert "甲一" not in err  # figures only


def test_compare_in_json_keeps_the_other_keys(capsys: pytest.CaptureFixture[str], busy_db: str) -> None:
    code, out, _ = run(capsys, "--db", busy_db, "stats", "--json", "--at", "2022-06-30")
    plain = json.loads(out)
    code2, out2, _ = run(capsys, "--db", busy_db, "stats", "--json", "--at", "2022-06-30", "--compare", "2021-06-30")
    data = json.loads(out2)
    assert code == code2 == 0
    assert set(data) == set(plain) | {"compare"}
    assert {k: v for k, v in data.items() if k != "compare"} == plain
    cmp = data["compare"]
    assert cmp["at"] == "2021-06-30" and cmp["scope"]["code"] == "shahe"
    assert cmp["headline"]["sessions"] == 0 and data["headline"]["sessions"] == 2
    assert cmp["change"]["sessions"] == 2 and cmp["change"]["people"] == 0
    assert cmp["change"]["attendance_rate"] is None and cmp["change"]["committee_year"] is None


def test_compare_in_the_pdf(capsys: pytest.CaptureFixture[str], busy_db: str, tmp_path: Path) -> None:
    target = tmp_path / "对比.pdf"
    code, _, err = run(capsys, "--db", busy_db, "stats", "--at", "2022-06-30", "--compare", "2021-06-30",
                       "--out", str(target))
    assert code == 0 and str(target) in err
    text = _pdf_text(target)
    assert "截至 2021年6月30日\n截至 2022年6月30日\n变化" in text
    assert "课程活动\n0 场\n2 场\n+2 场" in text


def test_unwritable_pdf_exits_1(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, out, err = run(capsys, "--db", db, "stats", "--out", str(blocker / "统计.pdf"))
    assert code == 1 and out == "" and "无法写出统计报告" in err
