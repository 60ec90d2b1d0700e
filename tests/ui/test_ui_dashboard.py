"""统计概览: the figures as tiles (as the service computes them), the records behind a tile, the
charts saved as PNG, two dates compared, the district's scope and reporting tab, the workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from db_template import open_sqlite
from openpyxl import load_workbook
from PySide6.QtGui import QImage
from ui_helpers import OPERATOR

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE
from yanqun_desktop.domain.figures import format_figure
from yanqun_desktop.services.statistics import compute_statistics
from yanqun_desktop.ui.app import build_main_window
from yanqun_desktop.ui.pages.dashboard_page import DashboardPage

AT = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def demo_district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from yanqun_desktop.services.demo import generate_demo
    from yanqun_desktop.services.setup import initialise

    path = tmp_path_factory.mktemp("dash") / "district.sqlite"
    db = open_sqlite(path, keys_dir=path.parent / "keys")
    initialise(db, "南山区")
    generate_demo(db, actor_name="演示员", org_code=DISTRICT_CODE, scale=100, attendance_per_person=2)
    yield db
    db.dispose()


def _page(qtbot, db: Database) -> DashboardPage:  # type: ignore[no-untyped-def]
    window = build_main_window(db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    window.show()
    page = next(p for p in window.pages if isinstance(p, DashboardPage))
    page.at.setDate(page.at.date().fromString(AT.isoformat(), "yyyy-MM-dd"))
    window.nav.setCurrentRow(window.pages.index(page))  # shown: computes
    qtbot.waitUntil(lambda: page.task is None and page.stats is not None, timeout=30000)
    return page


def test_tiles_show_the_services_figures_and_open_their_records(qtbot, demo_district: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_district)
    assert page.scope.count() == 9 and page.scope.currentData() is None  # 全区 + 8 streets
    expected = compute_statistics(demo_district, at=AT)
    for figure in expected.headline():
        assert page.tiles.tiles[figure.key].value_label.text() == format_figure(figure.value, figure.unit)
    figure = next(f for f in expected.headline() if f.key == "studio_trained")
    assert figure.value
    dialog = page.open_records(page.tiles.tiles["studio_trained"].figure)
    qtbot.addWidget(dialog)
    assert dialog.table.model().rowCount() == figure.value
    saved = dialog.save_to(tmp_path / "trained.xlsx")
    assert saved is not None
    ws = load_workbook(saved).active
    assert ws["A1"].value.startswith("南山区 · 工作室累计培养学员") and ws.max_row == 3 + figure.value
    assert [c.value for c in ws[3]][:3] == ["姓名", "街道", "社区"]


def test_one_street_charts_and_png(qtbot, demo_district: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_district)
    page.scope.setCurrentIndex(page.scope.findText("蛇口街道"))  # computes again by itself
    assert page.task is not None
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert page.stats.scope_name == "蛇口街道" and "蛇口街道" in page.status.text()
    shekou = compute_statistics(demo_district, street="shekou", at=AT)
    assert page.tiles.tiles["people"].value_label.text() == format_figure(shekou.people.people, "人")
    page.tabs.setCurrentIndex(page.charts_tab)
    cards = page.chart_cards
    assert [c.name for c in cards] == ["attendance", "age", "education", "topics", "camp"]
    written = cards[1].write_png(tmp_path / "age")
    assert written == tmp_path / "age.png"
    image = QImage(str(written))
    assert not image.isNull() and image.width() > 200
    age_chart = cards[1].view.chart()
    assert age_chart.axes()[0].categories() == ["蛇口"]  # one street: one bar


def test_two_dates_compared_and_terms(qtbot, demo_district: Database) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_district)
    page.compare(dt.date(2021, 12, 31), AT)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    table = page.comparison.figures
    a, b = compute_statistics(demo_district, at=dt.date(2021, 12, 31)), compute_statistics(demo_district, at=AT)
    assert table.rowCount() == len(b.headline())
    row = [f.key for f in b.headline()].index("studio_trained")
    assert table.item(row, 1).text() == format_figure(a.headline()[row].value, "人")
    assert table.item(row, 2).text() == format_figure(b.headline()[row].value, "人")
    assert table.item(row, 3).text() == f"+{b.headline()[row].value - a.headline()[row].value} 人"
    terms = page.comparison.terms
    assert terms.rowCount() == 3 and terms.item(2, 3).text().endswith("个百分点")


def test_reporting_tab_and_workbook(qtbot, demo_district: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_district)
    assert page.reporting.table.rowCount() == 8
    assert page.reporting.table.item(0, 1).text() == "从未报送"
    path = page.write_workbook(tmp_path / "stats.xlsx")
    assert path is not None and "总览" in load_workbook(path).sheetnames


def test_printable_reports_from_the_page(qtbot, demo_district: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    page = _page(qtbot, demo_district)
    assert not page.comparison.print_button.isEnabled()
    pdf = page.write_report(tmp_path / "report.pdf")
    assert pdf is not None
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "南山区社区人才培养情况统计" in text and "2022年12月31日" in text
    page.compare(dt.date(2021, 12, 31), AT)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert page.comparison.print_button.isEnabled()
    both = page.write_comparison_report(tmp_path / "compare.pdf")
    assert both is not None
    first_page = PdfReader(both).pages[0].extract_text()
    assert "2021年12月31日" in first_page and "2022年12月31日" in first_page
