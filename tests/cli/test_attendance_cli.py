"""`yanqun attendance sheet / import / export`: files written, exit codes, --json (shared/CLI.md)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.reports.signin_workbook import HEADER_ROW
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import session_rate
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.programmes import save_cohort, save_enrolment


@pytest.fixture
def setting(street_db: Database, clerk: Actor, tmp_path: Path) -> dict[str, str]:
    cohort = save_cohort(street_db, clerk, {"number": 3, "start_date": "2024-03-01"}).id
    for name in ["林晓风", "陈雨桐", "周子墨"]:
        pid = save_person(street_db, clerk, {"name": name, "community": "白石洲"}).id
        save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": pid, "enrolled_on": "2024-03-01"})
    session = save_session(street_db, clerk, {
        "title": "社区议事规则", "kind": "通识课程", "date": "2024-05-06", "cohort_ids": [cohort]}).id
    return {"cohort": cohort, "session": session, "db": str(tmp_path / "street.sqlite"),
            "keys": str(tmp_path / "keys")}


def run(capsys: pytest.CaptureFixture[str], setting: dict[str, str], *argv: str) -> tuple[int, str, str]:
    code = main(["--db", setting["db"], "--keys", setting["keys"], "--user", "admin", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _fill(path: Path, statuses: list[str]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for i, status in enumerate(statuses):
        ws.cell(HEADER_ROW + 1 + i, 5).value = status
    wb.save(path)


def test_sheet_import_twice_and_json(
    capsys: pytest.CaptureFixture[str], street_db: Database, setting: dict[str, str], tmp_path: Path
) -> None:
    xlsx = tmp_path / "签到.xlsx"
    code, out, err = run(capsys, setting, "attendance", "sheet", setting["session"][:13], "--out", str(xlsx))
    assert code == 0 and out == "" and "签到.xlsx" in err
    _fill(xlsx, ["出席", "迟到", "缺席"])

    code, out, err = run(capsys, setting, "attendance", "import", str(xlsx), "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0 and report["status"] == "dry-run" and report["counts"]["new"] == 3
    assert "预览" in err and session_rate(street_db, setting["session"]).recorded == 0

    code, out, _ = run(capsys, setting, "attendance", "import", str(xlsx), "--json")
    assert code == 0 and json.loads(out)["status"] == "applied"
    rate = session_rate(street_db, setting["session"])
    assert (rate.present, rate.late, rate.absent) == (1, 1, 1)

    code, out, _ = run(capsys, setting, "attendance", "import", str(xlsx), "--json")
    again = json.loads(out)
    assert code == 0 and again["status"] == "already-applied" and again["counts"]["unchanged"] == 3


def test_import_exit_codes_highest_wins(
    capsys: pytest.CaptureFixture[str], street_db: Database, setting: dict[str, str], tmp_path: Path
) -> None:
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    for path in (good, bad):
        assert run(capsys, setting, "attendance", "sheet", setting["session"], "--out", str(path))[0] == 0
    _fill(good, ["出席"])
    _fill(bad, ["出席", "早退"])
    code, out, err = run(capsys, setting, "attendance", "import", str(good), str(bad), "--json")
    reports = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [r["status"] for r in reports] == ["applied", "refused"]
    assert reports[1]["rows"][0]["row"] == HEADER_ROW + 2 and "早退" in reports[1]["rows"][0]["issues"][0]["message"]
    assert "bad.xlsx" in err and f"第 {HEADER_ROW + 2} 行" in err

    code, out, _ = run(capsys, setting, "attendance", "import", str(bad), "--dry-run", "--json")
    assert code == 1 and json.loads(out)["status"] == "dry-run"  # a dry run exits as the real run would

    code, out, _ = run(capsys, setting, "attendance", "import", str(bad), "--skip-invalid", "--json")
    assert code == 0 and json.loads(out)["counts"]["rejected"] == 1

    code, _, err = run(capsys, setting, "attendance", "import", str(tmp_path / "missing.xlsx"))
    assert code == 1 and "missing.xlsx" in err


def test_sheet_refusals_and_usage(
    capsys: pytest.CaptureFixture[str], setting: dict[str, str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, setting, "attendance", "sheet", "0190ffff", "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and "0190ffff" in err
    code, _, err = run(capsys, setting, "attendance", "sheet", setting["session"], "--out", str(tmp_path / "x.doc"))
    assert code == 1 and ".pdf" in err
    with pytest.raises(SystemExit) as e:
        main(["attendance", "sheet", setting["session"]])  # --out is required
    assert e.value.code == 2


def test_export_by_cohort_and_session(
    capsys: pytest.CaptureFixture[str], street_db: Database, setting: dict[str, str], tmp_path: Path
) -> None:
    xlsx = tmp_path / "s.xlsx"
    run(capsys, setting, "attendance", "sheet", setting["session"], "--out", str(xlsx))
    _fill(xlsx, ["出席", "请假", "出席"])
    assert run(capsys, setting, "attendance", "import", str(xlsx))[0] == 0
    out = tmp_path / "考勤.xlsx"
    code, _, err = run(capsys, setting, "attendance", "export", "--out", str(out), "--cohort", "studio:3")
    assert code == 0 and "3 条记录" in err
    wb = openpyxl.load_workbook(out)
    summary = list(wb["个人汇总"].iter_rows(values_only=True))
    assert summary[0][0] == "姓名" and len(summary) == 4
    code, _, err = run(capsys, setting, "attendance", "export", "--out", str(out), "--session", setting["session"])
    assert code == 0 and "社区议事规则" in err
    code, _, err = run(capsys, setting, "attendance", "export", "--out", str(out), "--cohort", "studio:9")
    assert code == 1 and "studio:9" in err


def test_sheet_as_pdf(capsys: pytest.CaptureFixture[str], setting: dict[str, str], tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "签到.pdf"
    code, out, err = run(capsys, setting, "attendance", "sheet", setting["session"], "--out", str(pdf))
    assert code == 0 and out == "" and "签到.pdf" in err
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "社区议事规则" in text and "签名" in text and "林晓风" in text
