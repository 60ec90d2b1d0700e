"""The statistics workbook read back with openpyxl: sheets, figures in cells, native charts,
formats, frozen headers, print setup, and no half-written file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from db_template import open_sqlite
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Community
from yanqun_desktop.reports.stats_workbook import write_stats_workbook
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import record_attendance
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import save_member, save_term
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.services.statistics import Statistics, compute_statistics

AT = dt.date(2022, 6, 30)
SHEETS = ["总览", "人员", "培训", "课题", "荣誉"]


@pytest.fixture(scope="module")
def street_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from yanqun_desktop.services.setup import initialise

    path = tmp_path_factory.mktemp("world") / "street.sqlite"
    db = open_sqlite(path, keys_dir=path.parent / "keys")
    initialise(db, "shahe")
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def stats(street_world: Database) -> Statistics:
    street_db, clerk = street_world, Actor("王小红", "admin", "shahe")
    with street_db.session() as s:
        community = s.scalars(select(Community.id).where(Community.name == "白石东社区")).one()
    ids = {name: save_person(street_db, clerk, {"name": name, "birth_date": birth, "education": edu}).id
           for name, birth, edu in (("甲一", "1980-01-01", "本科"), ("乙二", "1990-01-01", "大专"),
                                    ("丙三", "1970-01-01", "本科"), ("丁四", "1995-01-01", "硕士"))}
    old = save_term(street_db, clerk, {"community_id": community, "election_date": "2018-05-01"}).id
    new = save_term(street_db, clerk, {"community_id": community, "election_date": "2021-05-01"}).id
    for term, name in ((old, "丙三"), (old, "乙二"), (new, "甲一"), (new, "丁四")):
        save_member(street_db, clerk, {"term_id": term, "person_id": ids[name], "body": "党委", "role": "委员"})
    cohort = save_cohort(street_db, clerk, {"number": 1, "start_date": "2022-03-01", "end_date": "2022-12-31"}).id
    for name in ("甲一", "乙二"):
        save_enrolment(street_db, clerk, {"cohort_id": cohort, "person_id": ids[name], "enrolled_on": "2022-03-01"})
    for date, roll in (("2022-04-02", ("出席", "缺席")), ("2022-05-02", ("出席", "迟到"))):
        sid = save_session(street_db, clerk, {"title": f"通识课{date}", "kind": "通识课程", "date": date,
                                              "hours": 3, "cohort_ids": [cohort]}).id
        record_attendance(street_db, clerk, sid, [{"person_id": ids["甲一"], "status": roll[0]},
                                                  {"person_id": ids["乙二"], "status": roll[1]}])
    return compute_statistics(street_db, street="shahe", at=AT)


def _find(ws, text: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not on sheet {ws.title}")


def test_sheets_titles_and_headline_figures(stats: Statistics, tmp_path: Path) -> None:
    path = write_stats_workbook(stats, tmp_path / "stats.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS
    ws = wb["总览"]
    assert ws["A1"].value == "沙河街道社区人才培养情况统计（总览）"
    assert "2022-06-30" in ws["A2"].value
    r, c = _find(ws, "本届两委平均年龄")
    assert ws.cell(r, c + 1).value == pytest.approx(33.5)  # 甲一 41, 丁四 26 at the 2021-05-01 election
    r, c = _find(ws, "本届两委本科以上学历占比")
    assert ws.cell(r, c + 1).value == 1.0 and ws.cell(r, c + 1).number_format == "0.0%"
    r, c = _find(ws, "本科以上学历占比较上届变化")
    assert ws.cell(r, c + 1).value == pytest.approx(50.0) and ws.cell(r, c + 2).value == "个百分点"
    r, c = _find(ws, "出勤率")
    assert ws.cell(r, c + 1).value == 0.75
    r, c = _find(ws, "2021年换届")
    assert [ws.cell(r, c + i).value for i in (1, 2, 5)] == [1, 2, 2]
    assert ws.freeze_panes is not None


def test_people_training_sheets_and_charts(stats: Statistics, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_stats_workbook(stats, tmp_path / "stats.xlsx"))
    people = wb["人员"]
    r, c = _find(people, "30岁及以下")
    assert people.cell(r + 1, 1).value == "沙河街道"
    # at 2022-06-30: 甲一 42, 乙二 32, 丙三 52, 丁四 27
    bands = [people.cell(r + 1, c + i).value for i in range(6)]
    assert bands == [1, 1, 0, 1, 0, 1]
    assert len(people._charts) == 2  # age bands (bar), education (pie)
    kinds = {type(ch).__name__ for ch in people._charts}
    assert kinds == {"BarChart", "PieChart"}
    training = wb["培训"]
    r, c = _find(training, "出勤率")
    assert training.cell(r + 1, c).value == 0.75 and training.cell(r + 1, c).number_format == "0.0%"
    assert any(type(ch).__name__ == "LineChart" for ch in training._charts)
    r, _ = _find(training, "2022-04")
    assert [training.cell(r, i).value for i in range(1, 4)] == ["2022-04", 1, 2]
    assert len(wb["课题"]._charts) == 1 and len(wb["荣誉"]._charts) == 1
    for ws in wb:
        assert int(ws.page_setup.paperSize) == 9 and int(ws.page_setup.fitToWidth) == 1  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.column_dimensions["A"].width >= 14


def test_no_half_written_file_on_failure(stats: Statistics, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "stats.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")

    def broken_save(self, filename):  # type: ignore[no-untyped-def]
        Path(filename).write_bytes(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OSError):
        write_stats_workbook(stats, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["stats.xlsx"]


def test_district_workbook_has_a_row_per_street(stats: Statistics, street_world: Database, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_stats_workbook(compute_statistics(street_world, at=AT), tmp_path / "d.xlsx"))
    ws = wb["人员"]
    assert ws["A1"].value == "南山区社区人才培养情况统计（人员）"
    r, _ = _find(ws, "人员类别（按街道）")
    streets = [ws.cell(r + 2 + i, 1).value for i in range(9)]
    assert streets[:8] == ["南头街道", "南山街道", "沙河街道", "蛇口街道",
                           "招商街道", "粤海街道", "桃源街道", "西丽街道"]
    assert streets[8] == "合计"
