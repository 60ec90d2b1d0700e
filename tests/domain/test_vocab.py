"""Tests for the fixed vocabularies and their normalisation."""

from __future__ import annotations

import pytest

from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import ValidationError
from yanqun_desktop.domain.vocab import (
    ARCHIVE_KIND,
    BACHELOR_OR_ABOVE,
    EDUCATION,
    EDUCATION_RANK,
    ETHNICITY,
    GENDER,
    POLITICAL_STATUS,
    SESSION_KIND,
    TOPIC_STEP,
    CodedVocabulary,
    Vocabulary,
    education_rank,
    is_bachelor_or_above,
)


def test_exactly_56_ethnic_groups() -> None:
    assert len(ETHNICITY.values) == 56
    assert len(set(ETHNICITY.values)) == 56
    assert all(v.endswith("族") for v in ETHNICITY.values)
    assert ETHNICITY.values[0] == "汉族"
    for name in ("维吾尔族", "柯尔克孜族", "乌孜别克族", "鄂伦春族", "珞巴族", "基诺族", "土族", "京族"):
        assert name in ETHNICITY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("汉族", "汉族"),
        ("汉", "汉族"),
        (" 汉族　", "汉族"),  # half- and full-width spaces
        ("维吾尔", "维吾尔族"),
        ("维族", "维吾尔族"),
        ("蒙族", "蒙古族"),
        ("蒙古", "蒙古族"),
        ("土", "土族"),
        ("土家", "土家族"),
        ("朝鲜", "朝鲜族"),
    ],
)
def test_ethnicity_aliases(text: str, expected: str) -> None:
    assert ETHNICITY.normalize(text) == expected


def test_unknown_ethnicity_message_names_field_and_value() -> None:
    with pytest.raises(ValidationError) as info:
        ETHNICITY.normalize("火星族")
    assert info.value.field == "民族"
    assert "民族「火星族」不在56个民族之列" in str(info.value)
    assert str(info.value) == info.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("男", "男"), ("女性", "女"), ("M", "男"), ("f", "女"), ("Male", "男"), ("FEMALE", "女"), ("Ｍ", "男")],
)
def test_gender_aliases(text: str, expected: str) -> None:
    assert GENDER.normalize(text) == expected


def test_gender_unknown_and_empty() -> None:
    with pytest.raises(ValidationError, match="性别「未知」") as info:
        GENDER.normalize("未知")
    assert info.value.field == "性别"
    with pytest.raises(ValidationError, match="性别不能为空"):
        GENDER.normalize("  ")
    assert GENDER.normalize_optional("  ") is None
    assert GENDER.normalize_optional(None) is None
    with pytest.raises(ValidationError, match="性别「1」"):
        GENDER.normalize(1)  # type: ignore[arg-type]  # numeric spreadsheet cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("党员", "中共党员"),
        ("中国共产党党员", "中共党员"),
        ("预备党员", "中共预备党员"),
        ("团员", "共青团员"),
        ("无党派", "无党派人士"),
        ("群众", "群众"),
        ("九三学社社员", "九三学社社员"),
        ("民盟", "民盟盟员"),
    ],
)
def test_political_status_aliases(text: str, expected: str) -> None:
    assert POLITICAL_STATUS.normalize(text) == expected


def test_political_status_values() -> None:
    assert len(POLITICAL_STATUS.values) == 13
    with pytest.raises(ValidationError) as info:
        POLITICAL_STATUS.normalize("共产主义战士")
    assert info.value.field == "政治面貌"
    assert "政治面貌「共产主义战士」" in info.value.message
    assert "中共党员" in info.value.message  # shows examples of allowed values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("博士", "博士研究生"),
        ("硕士", "硕士研究生"),
        ("研究生", "硕士研究生"),
        ("本科", "大学本科"),
        ("大学", "大学本科"),
        ("大专", "大学专科"),
        ("专科", "大学专科"),
        ("中专", "中等专科"),
        ("中技", "中等专科"),
        ("技校", "中等专科"),
        ("职高", "高中"),
        ("高中", "高中"),
        ("小学", "小学及以下"),
    ],
)
def test_education_aliases(text: str, expected: str) -> None:
    assert EDUCATION.normalize(text) == expected


def test_education_ranking_and_bachelor() -> None:
    assert EDUCATION.values[0] == "博士研究生"
    assert EDUCATION.values[-1] == "小学及以下"
    ranks = [EDUCATION_RANK[v] for v in EDUCATION.values]
    assert ranks == sorted(ranks, reverse=True)
    assert set(BACHELOR_OR_ABOVE) == {"博士研究生", "硕士研究生", "大学本科"}
    assert is_bachelor_or_above("大学本科")
    assert is_bachelor_or_above("本科")
    assert is_bachelor_or_above("博士")
    assert not is_bachelor_or_above("大专")
    assert not is_bachelor_or_above(None)
    assert not is_bachelor_or_above("")
    assert not is_bachelor_or_above("不详")
    assert education_rank("硕士") == EDUCATION_RANK["硕士研究生"] > EDUCATION_RANK["大学本科"]
    assert education_rank("不详") is None


def test_vocabulary_rejects_inconsistent_definitions() -> None:
    with pytest.raises(ValueError):
        Vocabulary(field="测试", values=("甲", "乙"), aliases={"丙": "丁"})
    with pytest.raises(ValueError):
        Vocabulary(field="测试", values=("甲", "乙"), aliases={"甲": "乙"})
    with pytest.raises(ValueError):
        CodedVocabulary(field="测试", entries=(("a", "甲"),), aliases={"乙": "b"})


ALL_CODED = [v for v in vars(vocab).values() if isinstance(v, CodedVocabulary)]


def test_all_coded_vocabularies_present() -> None:
    names = {name for name, v in vars(vocab).items() if isinstance(v, CodedVocabulary)}
    assert names == {
        "ENROLMENT_ROLE", "CAMP_TIER", "CAMP_STAGE", "TALENT_KIND", "RESERVE_TARGET", "TUTOR_SCHOOL",
        "NOMINATION", "VETTING", "SESSION_KIND", "ATTENDANCE", "TOPIC_ORIGIN", "TOPIC_ROLE", "TOPIC_STEP",
        "HONOUR_LEVEL", "COMMITTEE_BODY", "COMMITTEE_ROLE", "ARCHIVE_KIND",
    }  # fmt: skip
    assert names <= set(vocab.__all__)


@pytest.mark.parametrize("voc", ALL_CODED, ids=lambda v: v.field)
def test_coded_vocabulary_round_trip(voc: CodedVocabulary) -> None:
    for code, label in voc.items():
        assert code.isascii() and code == code.lower()
        assert voc.label(code) == label
        assert voc.code_from_text(code) == code
        assert voc.code_from_text(code.upper()) == code
        assert voc.code_from_text(label) == code
        assert voc.code_from_text(f" {label}　") == code
        assert code in voc
    for alias, code in voc.aliases.items():
        assert voc.code_from_text(alias) == code


def test_coded_vocabulary_errors() -> None:
    with pytest.raises(ValidationError) as info:
        SESSION_KIND.code_from_text("聚餐")
    assert info.value.field == "活动类型"
    assert "活动类型「聚餐」无法识别" in info.value.message
    assert "通识课程" in info.value.message
    with pytest.raises(ValidationError, match="代码"):
        SESSION_KIND.label("dinner")
    with pytest.raises(ValidationError, match="不能为空"):
        SESSION_KIND.code_from_text("")
    assert SESSION_KIND.code_from_text_optional(" ") is None


def test_specific_coded_values() -> None:
    assert vocab.ENROLMENT_ROLE.label("ta") == "助教"
    assert SESSION_KIND.label("contest") == "竞赛交流"
    assert SESSION_KIND.code_from_text("比赛") == "contest"
    assert SESSION_KIND.code_from_text("PK交流赛") == "contest"
    assert SESSION_KIND.code_from_text("pk交流赛") == "contest"
    assert [TOPIC_STEP.position(c) for c in TOPIC_STEP.codes] == [1, 2, 3, 4, 5, 6]
    assert TOPIC_STEP.position("report") == 6
    assert ARCHIVE_KIND.code_from_text("一课一练") == "practice_task"
    assert vocab.RESERVE_TARGET.code_from_text("社区党委书记") == "party_secretary"
    assert vocab.VETTING.code_from_text("已入库") == "accepted"
    assert vocab.ATTENDANCE.labels == ("出席", "迟到", "请假", "缺席")
    assert vocab.HONOUR_LEVEL.codes == ("street", "district", "city", "province", "national")
    assert vocab.COMMITTEE_ROLE.label("deputy_secretary") == "副书记"
