"""The statistics report PDF read back with pypdf: title, date, headline figures, sections, the
charts' labels, page numbers, the comparison columns, an empty database, and the figure
formats. Charts are also checked as reportlab drawings (what they plot)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_template import open_sqlite
from pypdf import PdfReader
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, Community
from yanqun_desktop.domain.figures import figure_change, format_change, format_figure
from yanqun_desktop.reports import stats_report
from yanqun_desktop.reports.fonts import font_set
from yanqun_desktop.reports.stats_charts import ChartText, breakdown_chart, month_range, monthly_rate_chart, nice_axis
from yanqun_desktop.reports.stats_report import stats_report_bytes, write_stats_report
from yanqun_desktop.reports.stats_sections import head_label
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.attendance import Rate, record_attendance
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import save_member, save_term
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.services.statistics import MonthAttendance, Statistics, compute_statistics

AT = dt.date(2022, 6, 30)
EARLIER = dt.date(2021, 6, 30)
SECTIONS = ["一、主要数据", "二、人员结构", "三、培训", "四、微改革课题", "五、两委班子", "六、荣誉与案例"]
PEOPLE = (("甲一", "1980-01-01", "本科"), ("乙二", "1990-01-01", "大专"), ("丙三", "1970-01-01", "本科"),
          ("丁四", "1995-01-01", "硕士"))
STREETS = ["南头街道", "南山街道", "沙河街道", "蛇口街道", "招商街道", "粤海街道", "桃源街道", "西丽街道"]


def pages(path: Path | bytes) -> list[str]:
    import io

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    # pypdf reads the ideographic space (图1　…) as an ordinary one, and puts a space before a
    # paragraph's line: compare lines without their edges
    return ["\n".join(line.strip() for line in p.extract_text().replace("\u3000", " ").splitlines())
            for p in reader.pages]


@pytest.fixture(scope="module")
def street_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """沙河: four people, two 两委 terms (2018, 2021), a cohort with two sessions in 2022."""
    from yanqun_desktop.services.setup import initialise

    path = tmp_path_factory.mktemp("world") / "street.sqlite"
    db = open_sqlite(path, keys_dir=path.parent / "keys")
    initialise(db, "shahe")
    clerk = Actor("王小红", "admin", "shahe")
    with db.session() as s:
        community = s.scalars(select(Community.id).where(Community.name == "白石东社区")).one()
    ids = {name: save_person(db, clerk, {"name": name, "birth_date": birth, "education": edu}).id
           for name, birth, edu in PEOPLE}
    old = save_term(db, clerk, {"community_id": community, "election_date": "2018-05-01"}).id
    new = save_term(db, clerk, {"community_id": community, "election_date": "2021-05-01"}).id
    for term, name in ((old, "丙三"), (old, "乙二"), (new, "甲一"), (new, "丁四")):
        save_member(db, clerk, {"term_id": term, "person_id": ids[name], "body": "党委", "role": "委员"})
    cohort = save_cohort(db, clerk, {"number": 1, "start_date": "2022-03-01", "end_date": "2022-12-31"}).id
    for name in ("甲一", "乙二"):
        save_enrolment(db, clerk, {"cohort_id": cohort, "person_id": ids[name], "enrolled_on": "2022-03-01"})
    for date, roll in (("2022-04-02", ("出席", "缺席")), ("2022-05-02", ("出席", "迟到"))):
        sid = save_session(db, clerk, {"title": f"通识课{date}", "kind": "通识课程", "date": date, "hours": 3,
                                       "cohort_ids": [cohort]}).id
        record_attendance(db, clerk, sid, [{"person_id": ids["甲一"], "status": roll[0]},
                                           {"person_id": ids["乙二"], "status": roll[1]}])
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def street_stats(street_world: Database) -> Statistics:
    return compute_statistics(street_world, street="shahe", at=AT)


@pytest.fixture(scope="module")
def district_stats(tmp_path_factory: pytest.TempPathFactory) -> tuple[Statistics, Statistics]:
    """The district demo at the smallest scale (a few seconds), at the end of 2022 and mid-2021."""
    from yanqun_desktop.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "d.sqlite"
    db = open_sqlite(path, keys_dir=path.parent / "keys")
    generate_demo(db, actor_name="演示员", org_code=DISTRICT_CODE, scale=100, attendance_per_person=1)
    try:
        return compute_statistics(db, at=dt.date(2022, 12, 31)), compute_statistics(db, at=EARLIER)
    finally:
        db.dispose()


def test_street_report_title_date_headline_and_sections(street_stats: Statistics, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "统计报告.pdf"
    assert write_stats_report(street_stats, out) == out
    assert [p.name for p in out.parent.iterdir()] == ["统计报告.pdf"]  # no temporary file left behind
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title == "沙河街道社区人才培养情况统计"
    text = pages(out)
    first = text[0]
    assert "沙河街道社区人才培养情况统计" in first and "截至 2022年6月30日" in first
    assert all("沙河街道社区人才培养情况统计" in t for t in text)  # the page header
    # headline values, formatted by unit: 甲一 41 and 丁四 26 at the 2021 election; 丙三 48, 乙二 28 in 2018
    for label, value in (("在册人员", "4 人"), ("本届两委平均年龄", "33.5 岁"), ("平均年龄较上届变化", "-4.5 岁"),
                         ("本届两委本科以上学历占比", "100.0%"), ("本科以上学历占比较上届变化", "+50.0 个百分点"),
                         ("上届两委平均年龄", "38.0 岁"), ("课程活动", "2 场"), ("课程活动学时", "6 学时"),
                         ("出勤率", "75.0%"), ("两委换届（本届）", "2021年")):
        assert f"{label}\n{value}" in first, label
    joined = "\n".join(text)
    positions = [joined.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    assert "第 1 页 共" in first
    assert all(f"第 {i} 页 共 {len(text)} 页" in t for i, t in enumerate(text, start=1))
    # the 两委 table and sentence; a street's tables do not say 按街道
    assert "2021年换届后，1 个社区“两委”成员 2 人，平均年龄 33.5 岁（较上届 -4.5 岁）" in joined.replace("\n", "")
    assert "按街道" not in joined


def test_street_report_draws_its_charts(street_stats: Statistics, tmp_path: Path) -> None:
    text = "\n".join(pages(write_stats_report(street_stats, tmp_path / "s.pdf")))
    # the age chart's category axis: the labels one after another (the table breaks 30岁 / 及以下)
    bands = [c.label for c in street_stats.people.age_bands.categories if c.key != "unknown"]
    assert "\n".join(bands) in text
    assert "图1 人员年龄结构" in text and "图2 人员学历结构" in text
    # the monthly attendance line: 2022-04 50 %, 2022-05 100 %; its value axis in per cent
    assert "图3 各月出勤率" in text and "\n".join(["40%", "50%", "60%", "70%", "80%", "90%", "100%"]) in text
    assert "2022-04\n2022-05" in text
    for name, _, _ in PEOPLE:  # figures only: no one's name
        assert name not in text


def test_district_report_charts_per_street_and_the_pipeline(
    district_stats: tuple[Statistics, Statistics], tmp_path: Path
) -> None:
    stats, _ = district_stats
    text = pages(write_stats_report(stats, tmp_path / "d.pdf"))
    joined = "\n".join(text)
    assert "南山区社区人才培养情况统计" in text[0] and "截至 2022年12月31日" in text[0]
    assert "统计范围：全区 8 个街道" in text[0]
    # stacked bars: the eight streets along the axis, in order, and the age bands in the legend
    assert joined.count("\n".join(STREETS)) >= 4  # ages, education, topics, honours
    assert "30岁及以下\n31–35岁\n36–40岁" in joined
    assert "种子遴选\n育苗特训\n成材使用" in joined  # the camp pipeline's bars
    assert "图4 青训营培养阶段：种子遴选 → 育苗特训 → 成材使用" in joined
    assert "表4 课程活动与出勤（按街道；区级为青训营）" in joined
    cur = stats.committees.current
    assert cur is not None and cur.average_age is not None
    assert f"本届两委平均年龄\n{cur.average_age:.1f} 岁" in text[0]
    assert all(f"第 {i} 页 共 {len(text)} 页" in t for i, t in enumerate(text, start=1))
    assert len(text) >= 6


def test_compare_puts_both_dates_side_by_side(street_world: Database, street_stats: Statistics,
                                              tmp_path: Path) -> None:
    earlier = compute_statistics(street_world, street="shahe", at=EARLIER)
    text = pages(write_stats_report(street_stats, tmp_path / "c.pdf", compare=earlier))
    first = text[0]
    assert "截至 2021年6月30日\n截至 2022年6月30日\n变化" in first
    assert "对比日期：2021年6月30日" in first
    # label, value at the earlier date, value at AT, change
    assert "课程活动\n0 场\n2 场\n+2 场" in first
    assert "在册人员\n4 人\n4 人\n0 人" in first
    assert "出勤率\n—\n75.0%\n—" in first  # no roll-call yet in 2021: no change to show
    assert "两委换届（本届）\n2021年\n2021年\n—" in first  # years are shown, not subtracted


def test_compare_must_be_the_same_scope(street_world: Database, street_stats: Statistics, tmp_path: Path) -> None:
    other = compute_statistics(street_world, street="nantou", at=AT)
    with pytest.raises(ValueError, match="同一范围"):
        write_stats_report(street_stats, tmp_path / "x.pdf", compare=other)
    assert not (tmp_path / "x.pdf").exists()


def test_district_compare(district_stats: tuple[Statistics, Statistics]) -> None:
    stats, earlier = district_stats
    first = pages(stats_report_bytes(stats, compare=earlier))[0]
    change = stats.training.sessions - earlier.training.sessions
    assert change > 0
    assert f"课程活动\n{earlier.training.sessions} 场\n{stats.training.sessions} 场\n+{change} 场" in first


def test_empty_database_gives_a_sensible_report(street_db: Database, tmp_path: Path) -> None:
    stats = compute_statistics(street_db, street="shahe", at=AT)
    data = stats_report_bytes(stats, compare=compute_statistics(street_db, street="shahe", at=EARLIER))
    assert data.startswith(b"%PDF")
    text = pages(write_stats_report(stats, tmp_path / "empty.pdf"))
    joined = "\n".join(text)
    assert "沙河街道社区人才培养情况统计" in joined and "截至 2022年6月30日" in joined
    assert all(s in joined for s in SECTIONS)
    assert joined.count("暂无数据") >= 5
    assert "在册人员\n0 人" in joined and "本届两委平均年龄\n—" in joined
    assert "图1" not in joined  # no empty chart frames
    assert all(f"第 {i} 页 共 {len(text)} 页" in t for i, t in enumerate(text, start=1))


def test_a_failed_build_leaves_no_file(street_stats: Statistics, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: object) -> list[object]:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(stats_report.Sections, "story", boom)
    with pytest.raises(RuntimeError):
        write_stats_report(street_stats, tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


# -- charts as drawings ---------------------------------------------------------------------------
def _chart(drawing: object, kind: type) -> object:
    return next(c for c in drawing.contents if isinstance(c, kind))  # type: ignore[attr-defined]


def test_breakdown_chart_stacks_streets_and_skips_empty_categories(
    district_stats: tuple[Statistics, Statistics],
) -> None:
    stats, _ = district_stats
    b = stats.people.age_bands
    drawing = breakdown_chart(b, ChartText(font_set()), 480)
    assert drawing is not None
    chart = _chart(drawing, VerticalBarChart)
    assert chart.categoryAxis.style == "stacked"  # type: ignore[attr-defined]
    assert chart.categoryAxis.categoryNames == STREETS  # type: ignore[attr-defined]
    kept = [i for i, t in enumerate(b.totals) if t]
    assert len(chart.data) == len(kept)  # type: ignore[attr-defined]
    assert [sum(s) for s in chart.data] == [b.totals[i] for i in kept]  # type: ignore[attr-defined]
    assert chart.valueAxis.valueMax >= max(r.total for r in b.rows)  # type: ignore[attr-defined]


def test_charts_are_none_without_data(street_db: Database) -> None:
    stats = compute_statistics(street_db, street="shahe", at=AT)
    text = ChartText(font_set())
    assert breakdown_chart(stats.people.age_bands, text, 480) is None
    assert monthly_rate_chart((), text, 480) is None


def test_monthly_chart_runs_evenly_through_months_without_sessions() -> None:
    months = [MonthAttendance(2021, 11, 2, Rate(10, 9, 0, 1, 0)), MonthAttendance(2022, 2, 1, Rate(4, 2, 0, 0, 2))]
    assert month_range(months) == [(2021, 11), (2021, 12), (2022, 1), (2022, 2)]
    drawing = monthly_rate_chart(months, ChartText(font_set()), 480)
    chart = _chart(drawing, HorizontalLineChart)
    assert chart.data == [[90.0, None, None, 50.0]]  # type: ignore[attr-defined]
    assert chart.categoryAxis.categoryNames == ["2021-11", "2021-12", "2022-01", "2022-02"]  # type: ignore[attr-defined]
    assert chart.valueAxis.valueMin == 40 and chart.valueAxis.valueMax == 100  # type: ignore[attr-defined]


@pytest.mark.parametrize(("top", "expected"), [(0, (1, 1)), (3, (3, 1)), (7, (8, 2)), (38, (40, 10)),
                                               (345, (400, 100)), (1234, (1500, 500))])
def test_nice_axis(top: float, expected: tuple[int, int]) -> None:
    assert nice_axis(top) == expected


# -- figure formats -------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "unit", "text"), [
    (790, "人", "790 人"), (None, "岁", "—"), (37.89, "岁", "37.9 岁"), (0.6364, "%", "63.6%"),
    (0.203, "pp", "+20.3 个百分点"), (-3.02, "years", "-3.0 岁"), (2021, "年", "2021年"),
    (1742.0, "学时", "1742 学时"), (211.5, "学时", "211.5 学时"),
])
def test_format_figure(value: float | None, unit: str, text: str) -> None:
    assert format_figure(value, unit) == text


@pytest.mark.parametrize(("current", "base", "unit", "text"), [
    (790, 700, "人", "+90 人"), (5, 5, "个", "0 个"), (3, 7, "场", "-4 场"), (0.75, 0.5, "%", "+25.0 个百分点"),
    (37.9, 40.9, "岁", "-3.0 岁"), (-3.0, -1.0, "years", "-2.0 岁"), (0.2, 0.2, "pp", "0.0 个百分点"),
    (2021, 2018, "年", "—"), (None, 3, "人", "—"), (10.0, 4.5, "学时", "+5.5 学时"), (12.0, 4.0, "学时", "+8 学时"),
])
def test_format_change(current: float | None, base: float | None, unit: str, text: str) -> None:
    assert format_change(figure_change(current, base, unit), unit) == text


def test_head_labels_break_where_a_reader_would() -> None:
    assert head_label("博士研究生") == "博士\n研究生"
    assert head_label("储备库·储备中") == "储备库·\n储备中"
    assert head_label("30岁及以下") == "30岁\n及以下"
    assert head_label("工作室在训学员") == "工作室\n在训学员"
    assert head_label("课程活动（场）") == "课程活动\n（场）"
    assert head_label("大学本科") == "大学本科"
