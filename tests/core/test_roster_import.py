"""Roster import: a realistic messy file, exact per-row outcomes, rows in the database, one audit
operation, re-import unchanged, --skip-invalid semantics, the formats and the guard rails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from roster_files import cache_formula_value, person_id, write_csv, write_ods, write_xlsx
from sqlalchemy import func, select, update

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditChange, AuditOperation, Community, Person, PersonTalent, Position
from yanqun_desktop.domain.validation import EXCEL_EPOCH
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.roster import import_roster, preview_roster
from yanqun_desktop.sheets import reading

pytestmark = pytest.mark.postgres

FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _id_ending_in_x(year: int, month: int, day: int, gender: str) -> str:
    return next(n for s in range(200) if (n := person_id(year, month, day, s, gender)).endswith("X"))


LIN = _id_ending_in_x(1988, 6, 1, "女")
HUANG = person_id(1975, 3, 12, 1, "男")
HE = person_id(1992, 5, 20, 2, "女")
DENG = person_id(1980, 2, 3, 3, "男")
SU = person_id(1970, 8, 15, 4, "女")
LUO = person_id(1983, 9, 9, 5, "男")
BAD_CHECKSUM = HUANG[:17] + ("0" if HUANG[17] != "0" else "1")
MA_BIRTH_SERIAL = 31000  # an Excel date serial in a cell formatted as a number
HEADERS = ["序号", "名字", "公民身份号码", "文化程度", "出生年月", "联系电话", "社区", "职务", "政治面貌", "民族",
           "性别", "籍贯", "人才类别", "备注"]


def messy_rows() -> list[list]:
    return [
        ["沙河街道2024年社区人才名单"],
        [],
        HEADERS,
        [1, "林晓燕", LIN.lower().translate(FULL), "本科", "1988-6-1", "１３９ ００００ １２３４", "白石东",
         "社区党委书记、居委会主任", "党员", "汉", "女", "广东", "楼长", "示范"],
        [2, "黄志明", HUANG, "大专", "1975.03.12", 13800001111.0, "白石东社区", None, "群众", "汉族", None, None, None,
         None],
        [],
        [3, "何嘉欣", HE, "硕士", "1992/5/20", None, "新湖", None, None, None, None, None, None, None],
        [4, "邓子豪", DENG, None, "1980年2月3日", None, "白石东", None, None, None, None, None, None, None],
        [5, "苏佩玲", SU, None, "19700815", None, None, None, None, None, None, None, None, None],
        [6, "罗文杰", LUO, None, dt.date(1983, 9, 9), None, None, None, None, None, None, None, None, None],
        [7, "冯晓", 4.40305198309090011e17, None, None, None, None, None, None, None, None, None, None, None],
        [8, "曹明", BAD_CHECKSUM, None, None, None, None, None, None, None, None, None, None, None],
        [9, "马兰", None, None, MA_BIRTH_SERIAL, None, "白石东", None, None, None, "女", None, None, None],
        [10, "黄志明", HUANG, None, None, None, None, None, None, None, None, None, None, None],
    ]


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "名单.xlsx", messy_rows(), text_columns=(2,))


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _outcomes(report) -> dict[int, tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {o.row: (o.status, o.reason) for o in report.rows}


def test_messy_file_preview_classifies_every_row(street_db: Database, clerk: Actor, messy: Path) -> None:
    report = preview_roster(street_db, clerk, messy)
    assert report.kind == "people" and report.status == "dry-run" and report.header_row == 3
    out = _outcomes(report)
    assert sorted(out) == [4, 5, 7, 8, 9, 10, 11, 12, 13, 14]  # row 6 is blank: not a row
    assert {r for r, (s, _) in out.items() if s == "new"} == {4, 5, 7, 8, 9, 10, 13}
    assert out[11][0] == "invalid" and out[11][1].startswith("公民身份号码：身份证号以数字格式保存，末几位已丢失")
    assert out[12][0] == "invalid" and "校验位错误" in out[12][1] and BAD_CHECKSUM not in out[12][1]
    assert out[14] == ("invalid", "公民身份号码：与第 5 行是同一人，重复出现")
    assert any("序号" in m and "籍贯" in m for m in report.messages)  # extra columns named
    assert any("将新增社区：新湖社区" in m for m in report.messages)
    assert _count(street_db, Person) == 0 and _count(street_db, AuditOperation) == 0


def test_invalid_rows_refuse_the_whole_file(street_db: Database, clerk: Actor, messy: Path) -> None:
    communities = _count(street_db, Community)
    report = import_roster(street_db, clerk, messy)
    assert report.status == "refused" and report.counts["rejected"] == 3 and report.counts["new"] == 7
    assert _count(street_db, Person) == 0 and _count(street_db, AuditOperation) == 0
    assert _count(street_db, Community) == communities


def test_skip_invalid_writes_valid_rows_in_one_operation(street_db: Database, clerk: Actor, messy: Path) -> None:
    report = import_roster(street_db, clerk, messy, skip_invalid=True)
    assert report.status == "applied" and report.counts == {
        "new": 7, "updated": 0, "unchanged": 0, "conflicts": 0, "rejected": 3}
    with street_db.session() as s:
        people = {p.name: p for p in s.scalars(select(Person))}
        assert set(people) == {"林晓燕", "黄志明", "何嘉欣", "邓子豪", "苏佩玲", "罗文杰", "马兰"}
        lin = people["林晓燕"]
        assert lin.id_card == LIN and lin.id_card.endswith("X") and lin.phone == "13900001234"
        assert (lin.education, lin.political_status, lin.ethnicity) == ("大学本科", "中共党员", "汉族")
        assert lin.gender == "女"
        assert lin.birth_date == dt.date(1988, 6, 1) and lin.note == "示范" and lin.name_initials == "lxy"
        assert lin.community.name == "白石东社区" and lin.community.verified
        assert lin.owner == "shahe" and lin.version > 0 and lin.updated_by == "王小红" and not lin.deleted
        assert sorted(p.title for p in s.scalars(select(Position).where(Position.person_id == lin.id))) == [
            "居委会主任", "社区党委书记"]
        assert s.scalars(select(PersonTalent.kind).where(PersonTalent.person_id == lin.id)).all() == ["building_leader"]
        assert people["黄志明"].phone == "13800001111" and people["黄志明"].education == "大学专科"
        assert people["何嘉欣"].community.name == "新湖社区" and not people["何嘉欣"].community.verified
        assert people["邓子豪"].birth_date == dt.date(1980, 2, 3)
        assert people["苏佩玲"].birth_date == dt.date(1970, 8, 15) and people["苏佩玲"].community is None
        assert people["罗文杰"].birth_date == dt.date(1983, 9, 9)
        assert people["马兰"].birth_date == EXCEL_EPOCH + dt.timedelta(days=MA_BIRTH_SERIAL)
        assert people["马兰"].id_card is None
        op = s.scalars(select(AuditOperation)).one()
        assert op.operation == "roster.import" and "新增 7 行" in op.summary
        changes = s.scalars(select(AuditChange)).all()
        assert all(c.operation_id == op.id for c in changes)
        assert {c.row_id for c in changes if c.table_name == "people"} == {p.id for p in people.values()}
        # (a new community, 2 positions and 1 talent are audited too)
        assert len(changes) == op.change_count == 7 + 1 + 2 + 1
    assert any("已新增社区：新湖社区" in m for m in report.messages)


def test_reimport_changes_nothing(street_db: Database, clerk: Actor, messy: Path) -> None:
    import_roster(street_db, clerk, messy, skip_invalid=True)
    ops, versions = _count(street_db, AuditOperation), _versions(street_db)
    again = import_roster(street_db, clerk, messy, skip_invalid=True)
    assert again.counts["unchanged"] == 7 and again.counts["new"] == again.counts["updated"] == 0
    assert _count(street_db, AuditOperation) == ops and _versions(street_db) == versions


def _versions(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {i: v for i, v in s.execute(select(Person.id, Person.version))}


def test_changed_cells_update_with_named_fields(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    rows = messy_rows()[:5]
    write_xlsx(tmp_path / "a.xlsx", rows, text_columns=(2,))
    import_roster(street_db, clerk, tmp_path / "a.xlsx")
    rows[3][3] = "硕士"  # 林晓燕's education
    rows[3][7] = "社区党委书记"  # no longer 居委会主任
    rows[4][13] = "新备注"
    write_xlsx(tmp_path / "b.xlsx", rows, text_columns=(2,))
    report = import_roster(street_db, clerk, tmp_path / "b.xlsx")
    assert report.status == "applied"
    assert [(o.row, o.status, o.changed_fields) for o in report.rows] == [
        (4, "updated", ["学历", "现任职务"]), (5, "updated", ["备注"])]
    with street_db.session() as s:
        lin = s.scalars(select(Person).where(Person.name == "林晓燕")).one()
        assert lin.education == "硕士研究生"
        ended = s.scalars(select(Position).where(Position.person_id == lin.id, Position.end_date.is_not(None))).one()
        assert ended.title == "居委会主任" and ended.end_date == dt.date.today()
        op = s.scalars(select(AuditOperation).order_by(AuditOperation.id.desc())).first()
        change = s.scalars(
            select(AuditChange).where(AuditChange.row_id == lin.id, AuditChange.operation_id == op.id)
        ).one()
        assert change.before == {"education": "大学本科"} and change.after["education"] == "硕士研究生"


def test_match_by_name_birth_and_community_without_id(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    rows = [["姓名", "出生日期", "所属社区", "学历"], ["马兰", "1984-11-15", "白石东", "本科"]]
    import_roster(street_db, clerk, write_xlsx(tmp_path / "a.xlsx", rows))
    rows[1][3] = "大专"
    report = import_roster(street_db, clerk, write_xlsx(tmp_path / "b.xlsx", rows))
    assert [(o.status, o.changed_fields) for o in report.rows] == [("updated", ["学历"])]
    assert _count(street_db, Person) == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding(street_db: Database, clerk: Actor, tmp_path: Path, encoding: str) -> None:
    rows = [["姓名", "身份证号", "手机", "社区"], ["林晓燕", LIN, "13900001234", "白石东"], ["", "", "", ""],
            ["黄志明", HUANG, "", "白石东"]]
    report = import_roster(street_db, clerk, write_csv(tmp_path / "a.csv", rows, encoding))
    assert report.status == "applied" and [o.row for o in report.rows] == [2, 4]
    with street_db.session() as s:
        assert s.scalar(select(Person.id_card).where(Person.name == "林晓燕")) == LIN


def test_ods_and_xls(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    rows = [["名字", "身份证号码", "出生日期", "社区"], ["何嘉欣", HE, dt.date(1992, 5, 20), "白石东"]]
    report = import_roster(street_db, clerk, write_ods(tmp_path / "a.ods", rows))
    assert report.status == "applied" and report.counts["new"] == 1
    xls = Path(__file__).parent.parent / "fixtures" / "sheets" / "people.xls"
    report = import_roster(street_db, clerk, xls)
    assert report.status == "applied" and report.header_row == 3 and report.counts["new"] == 2
    with street_db.session() as s:
        fan = s.scalars(select(Person).where(Person.name == "范思远")).one()
        assert fan.birth_date == dt.date(1984, 7, 9) and fan.phone == "13600001111" and fan.education == "大学本科"
        zhong = s.scalars(select(Person).where(Person.name == "钟雨桐")).one()
        assert zhong.birth_date == dt.date(1990, 11, 2) and zhong.education == "硕士研究生"


def test_formula_cells_are_read_as_cached_values(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    rows = [["姓名", "所属社区"], ['="林"&"晓燕"', "白石东"], ['="黄"&"志明"', "白石东"]]
    path = write_xlsx(tmp_path / "f.xlsx", rows)
    cache_formula_value(path, "A2", "林晓燕")  # A3 keeps no cached value, as openpyxl leaves it
    report = preview_roster(street_db, clerk, path)
    # A formula without a result would read as empty and lose what Excel shows: refused, naming it
    assert report.status == "refused" and "A3" in report.messages[0]
    cache_formula_value(path, "A3", "黄志明")
    report = preview_roster(street_db, clerk, path)
    assert _outcomes(report) == {2: ("new", ""), 3: ("new", "")}
    assert [r.label for r in report.rows] == ["林晓燕", "黄志明"]


def test_refused_over_the_row_limit(street_db: Database, clerk: Actor, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    rows = [["姓名"], *[[f"张{c}"] for c in "甲乙丙丁戊"]]
    report = import_roster(street_db, clerk, write_xlsx(tmp_path / "big.xlsx", rows))
    assert report.status == "refused" and "超过 3 行的上限" in report.messages[0]
    report = import_roster(street_db, clerk, write_csv(tmp_path / "big.csv", rows, "utf-8"))
    assert report.status == "refused" and "超过 3 行的上限" in report.messages[0]
    assert _count(street_db, Person) == 0


def test_file_without_headers_or_name_column_is_refused(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    report = import_roster(street_db, clerk, write_xlsx(tmp_path / "x.xlsx", [["甲", "乙"], ["1", "2"]]))
    assert report.status == "refused" and "找不到表头" in report.messages[0]
    report = import_roster(street_db, clerk, write_xlsx(tmp_path / "y.xlsx", [["身份证号", "社区"], [LIN, "白石东"]]),
                           "people")
    assert report.status == "refused" and "缺少必填列：姓名" in report.messages[0]


def test_id_of_a_person_in_another_street_is_refused(street_db: Database, clerk: Actor, tmp_path: Path) -> None:
    import_roster(street_db, clerk, write_xlsx(tmp_path / "a.xlsx", [["姓名", "身份证号"], ["林晓燕", LIN]]))
    with street_db.session() as s, s.begin():  # as if the district had moved the person to 南头
        s.execute(update(Person).values(street_id=_other_street(s)))
    report = preview_roster(street_db, clerk, tmp_path / "a.xlsx")
    assert report.rows[0].status == "invalid" and "南头街道" in report.rows[0].reason


def _other_street(s) -> str:  # type: ignore[no-untyped-def]
    from yanqun_desktop.db.models import Street

    return s.scalar(select(Street.id).where(Street.code == "nantou"))


def test_an_import_can_be_undone(street_db: Database, clerk: Actor, messy: Path) -> None:
    """The bulk path writes the same audit rows as the ORM path, so undo reverses it whole."""
    from yanqun_desktop.services.undo import undo_last

    import_roster(street_db, clerk, messy, skip_invalid=True)
    undo_last(street_db, clerk)
    with street_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person).where(~Person.deleted)) == 0


def test_tutors_by_the_district(district_db: Database, district_officer: Actor, clerk: Actor, tmp_path: Path) -> None:
    rows = [["姓名", "导师类型", "工作单位", "推荐方式", "手机"], ["周明德", "理论", "深圳大学", "自荐", "13700001111"]]
    path = write_xlsx(tmp_path / "t.xlsx", rows)
    report = import_roster(district_db, district_officer, path)
    assert report.kind == "tutors" and report.status == "applied" and report.counts["new"] == 1
    assert import_roster(district_db, district_officer, path).status == "already-applied"
    refused = preview_roster(district_db, Actor("王小红", "admin", "shahe"), path)
    assert refused.status == "refused" and "区委组织部" in refused.messages[0]
