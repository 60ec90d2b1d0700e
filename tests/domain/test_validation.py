"""Tests for dates, ID card numbers, phones, names and whole person records."""

from __future__ import annotations

import pickle
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yanqun_desktop.domain.validation import (
    IdCardInfo,
    ValidationError,
    ValidationErrors,
    check_id_card,
    id_check_char,
    make_id_card,
    mask_id_card,
    mask_phone,
    parse_date,
    validate_mobile,
    validate_name,
    validate_person_fields,
)

NANSHAN = "440305"
TODAY = date(2025, 6, 1)


def tamper(number: str, pos: int) -> str:
    """Change one digit of ``number`` at ``pos`` (0..16)."""
    d = int(number[pos])
    return number[:pos] + str((d + 1) % 10) + number[pos + 1 :]


# --------------------------------------------------------------------- errors


def test_validation_error_basics() -> None:
    e = ValidationError("民族", "民族「火星族」不在56个民族之列")
    assert isinstance(e, ValueError)
    assert e.field == "民族"
    assert str(e) == e.message == "民族「火星族」不在56个民族之列"
    copy = pickle.loads(pickle.dumps(e))
    assert (copy.field, copy.message) == (e.field, e.message)


def test_validation_errors_join() -> None:
    errs = ValidationErrors([ValidationError("姓名", "姓名不能为空"), ValidationError("民族", "民族错误")])
    assert isinstance(errs, ValueError)
    assert str(errs) == "姓名不能为空；民族错误"
    assert len(errs) == 2
    assert errs.fields == ["姓名", "民族"]
    assert errs.by_field() == {"姓名": ["姓名不能为空"], "民族": ["民族错误"]}
    assert str(pickle.loads(pickle.dumps(errs))) == str(errs)


# ---------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value",
    [
        "2021-05-03",
        "2021/5/3",
        "2021.5.3",
        "20210503",
        "2021年5月3日",
        "2021 年 5 月 3 日",
        "２０２１－０５－０３",
        " 2021-05-03 00:00:00 ",
        date(2021, 5, 3),
        datetime(2021, 5, 3, 14, 30),
        44319,  # Excel serial
        44319.75,  # Excel serial with a time of day
        20210503,  # yyyymmdd stored as a number
    ],
)
def test_parse_date_accepts(value: object) -> None:
    assert parse_date(value) == date(2021, 5, 3)  # type: ignore[arg-type]


def test_parse_date_excel_epoch() -> None:
    assert parse_date(61) == date(1900, 3, 1)
    with pytest.raises(ValidationError):
        parse_date(60)  # Excel's fictitious 1900-02-29


@pytest.mark.parametrize(
    "value",
    ["2021-02-30", "2021-13-01", "2021/2/29", "20210230", "2021年2月30日"],
)
def test_parse_date_rejects_impossible(value: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(value, field="出生日期")
    assert info.value.field == "出生日期"
    assert "出生日期" in info.value.message
    assert "不是有效日期" in info.value.message


@pytest.mark.parametrize(
    "value", ["1899-12-31", "2101-01-01", date(1850, 1, 1), "0985-01-01", -5, 10**7, float("nan"), True]
)
def test_parse_date_rejects_out_of_range(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(value, field="入职日期")  # type: ignore[arg-type]
    assert info.value.field == "入职日期"
    assert "入职日期" in str(info.value)


@pytest.mark.parametrize("value", ["", "   ", "明天", "2021-05", "5/3/2021", "2021-05/03", None])
def test_parse_date_rejects_garbage(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(value)  # type: ignore[arg-type]
    assert info.value.field == "日期"


# ------------------------------------------------------------------- ID cards


def test_known_valid_number() -> None:
    # The example number printed in GB 11643-1999.
    info = check_id_card("11010519491231002X")
    assert info.birth_date == date(1949, 12, 31)
    assert info.gender == "女"
    assert info.region_code == "110105"
    assert info.number == "11010519491231002X"
    assert id_check_char("11010519491231002") == "X"


def test_make_id_card_round_trip() -> None:
    number = make_id_card(NANSHAN, date(1985, 3, 2), 17, "男")
    assert len(number) == 18
    info = check_id_card(number)
    assert info == IdCardInfo(number=number, birth_date=date(1985, 3, 2), gender="男", region_code=NANSHAN)
    assert number[14:17] == "035"
    assert check_id_card(make_id_card(NANSHAN, date(1985, 3, 2), 17, "F")).gender == "女"


def test_lower_case_x_and_spaces_accepted() -> None:
    number = next(n for seq in range(500) if (n := make_id_card(NANSHAN, date(1990, 1, 1), seq, "女")).endswith("X"))
    assert check_id_card(number.lower()).number == number
    spaced = f" {number[:6]} {number[6:14]}　{number[14:].lower()} "
    assert check_id_card(spaced).number == number


@pytest.mark.parametrize("pos", [0, 3, 7, 12, 14, 16])
def test_tampered_digit_refused(pos: int) -> None:
    number = make_id_card(NANSHAN, date(1978, 11, 23), 123, "男")
    bad = tamper(number, pos)
    with pytest.raises(ValidationError) as info:
        check_id_card(bad)
    assert info.value.field == "身份证号"
    assert bad not in info.value.message
    assert number not in info.value.message


def test_wrong_check_digit_message() -> None:
    number = make_id_card(NANSHAN, date(1978, 11, 23), 123, "男")
    wrong = "0" if number[-1] != "0" else "1"
    bad = number[:17] + wrong
    with pytest.raises(ValidationError) as info:
        check_id_card(bad)
    msg = info.value.message
    assert f"身份证号校验位错误：末位应为 {number[-1]}" in msg
    assert bad not in msg and bad[:17] not in msg
    assert mask_id_card(bad) in msg


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "不能为空"),
        ("44030519850302", "应为18位"),
        ("440305850302123", "15位"),
        ("4403051985030212345", "应为18位"),
        ("44030519850302A23X", "只能是数字"),
        ("04030519850302123X", "地区码"),
        ("94030519850302123X", "地区码"),
        ("44030519850230123X", "出生日期"),
        ("44030518991231123X", "早于1900"),
        ("44030520300101123X", "晚于今天"),
    ],
)
def test_id_card_specific_reasons(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_id_card(text, today=TODAY)
    assert info.value.field == "身份证号"
    assert reason in info.value.message
    if text:
        assert text not in info.value.message


def test_id_card_numeric_cell_refused() -> None:
    with pytest.raises(ValidationError, match="文本"):
        check_id_card(440305198503021234)  # type: ignore[arg-type]


def test_id_card_info_repr_is_masked() -> None:
    number = make_id_card(NANSHAN, date(1985, 3, 2), 1, "男")
    info = check_id_card(number)
    assert number not in repr(info)
    assert info.masked == mask_id_card(number)


def test_make_id_card_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        make_id_card("44030", date(1985, 3, 2), 1, "男")
    with pytest.raises(ValueError):
        make_id_card("940305", date(1985, 3, 2), 1, "男")
    with pytest.raises(ValueError):
        make_id_card(NANSHAN, date(1985, 3, 2), 500, "男")
    with pytest.raises(ValueError):
        make_id_card(NANSHAN, date(1985, 3, 2), 1, "未知")


def test_mask_examples() -> None:
    assert mask_id_card("44030519850302123X") == "4403**********123X"
    assert mask_id_card("44030519850302123x") == "4403**********123X"
    assert mask_id_card("") == ""
    assert mask_id_card(None) == ""
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""


region_codes = st.builds(lambda first, rest: f"{first}{rest:05d}", st.integers(1, 8), st.integers(0, 99999))
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date.today())
genders = st.sampled_from(["男", "女"])


@given(region_codes, birth_dates, st.integers(0, 499), genders)
def test_property_make_id_card_validates_and_round_trips(region: str, birth: date, seq: int, gender: str) -> None:
    number = make_id_card(region, birth, seq, gender)
    info = check_id_card(number)
    assert info.number == number
    assert info.birth_date == birth
    assert info.gender == gender
    assert info.region_code == region


@given(region_codes, birth_dates, st.integers(0, 499), genders, st.integers(0, 16), st.integers(1, 9))
def test_property_single_digit_change_detected_and_not_leaked(
    region: str, birth: date, seq: int, gender: str, pos: int, delta: int
) -> None:
    number = make_id_card(region, birth, seq, gender)
    bad = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    with pytest.raises(ValidationError) as info:
        check_id_card(bad)
    assert bad not in info.value.message
    assert number not in info.value.message


@given(st.text(alphabet="0123456789Xx *-abc", max_size=40))
def test_property_mask_reveals_at_most_8_characters(text: str) -> None:
    masked = mask_id_card(text)
    assert sum(1 for ch in masked if ch != "*") <= 8 + text.count("*")


@given(region_codes, birth_dates, st.integers(0, 499), genders)
def test_property_mask_of_valid_number(region: str, birth: date, seq: int, gender: str) -> None:
    number = make_id_card(region, birth, seq, gender)
    masked = mask_id_card(number)
    assert len(masked) == 18
    assert masked.count("*") == 10
    assert masked[:4] == number[:4] and masked[-4:] == number[-4:]


# -------------------------------------------------------------------- mobiles


@pytest.mark.parametrize(
    "text",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "8613812345678",
        "0086-13812345678",
        "１３８１２３４５６７８",
        13812345678,
    ],
)
def test_mobile_accepted(text: str | int) -> None:
    assert validate_mobile(text) == "13812345678"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "不能为空"),
        ("1381234567", "11位"),
        ("138123456789", "11位"),
        ("12812345678", "13-19"),
        ("23812345678", "13-19"),
        ("0755-26543210", "11位"),
        ("138abcd5678", "数字"),
    ],
)
def test_mobile_refused(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_mobile(text)
    assert info.value.field == "手机号码"
    assert reason in info.value.message
    if len(text) > 6:
        assert text not in info.value.message


# ---------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张三", "张三"),
        (" 张 三 ", "张三"),
        ("刘䶮", "刘䶮"),  # CJK Extension A
        ("王㛃", "王㛃"),  # CJK Extension A
        ("李𠇔", "李𠇔"),  # CJK Extension B (outside the BMP)
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),
        ("阿依古丽･买买提", "阿依古丽·买买提"),
        ("John  Smith", "John Smith"),
        ("Ｊｏｈｎ Ｓｍｉｔｈ", "John Smith"),
    ],
)
def test_name_accepted(text: str, expected: str) -> None:
    assert validate_name(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "不能为空"),
        ("张", "至少"),
        ("张3", "数字"),
        ("张三2号", "数字"),
        ("张三!", "标点"),
        ("张三（副）", "标点"),
        ("·张三", "·"),
        ("张三··李", "·"),
        ("张" * 31, "不能超过30"),
    ],
)
def test_name_refused(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_name(text)
    assert info.value.field == "姓名"
    assert reason in info.value.message


# ------------------------------------------------------------- whole records


def person(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "张三",
        "gender": "男",
        "birth_date": "1985-03-02",
        "ethnicity": "汉",
        "political_status": "党员",
        "education": "本科",
        "id_card": make_id_card(NANSHAN, date(1985, 3, 2), 42, "男").lower(),
        "phone": "138-1234-5678",
    }
    data.update(overrides)
    return data


def test_person_cleaned() -> None:
    cleaned = validate_person_fields(person(extra="kept"))
    assert cleaned == {
        "name": "张三",
        "gender": "男",
        "birth_date": date(1985, 3, 2),
        "ethnicity": "汉族",
        "political_status": "中共党员",
        "education": "大学本科",
        "id_card": make_id_card(NANSHAN, date(1985, 3, 2), 42, "男"),
        "phone": "13812345678",
        "extra": "kept",
    }


def test_person_blank_optional_fields_become_none() -> None:
    cleaned = validate_person_fields({"name": "李四", "ethnicity": "", "phone": "  ", "education": None})
    assert cleaned["name"] == "李四"
    for key in ("gender", "birth_date", "ethnicity", "political_status", "education", "id_card", "phone"):
        assert cleaned[key] is None


def test_person_fills_birth_date_and_gender_from_id_card() -> None:
    number = make_id_card(NANSHAN, date(1990, 7, 15), 8, "女")
    cleaned = validate_person_fields({"name": "王芳", "id_card": number, "gender": "", "birth_date": None})
    assert cleaned["birth_date"] == date(1990, 7, 15)
    assert cleaned["gender"] == "女"


def test_person_birth_date_disagreement() -> None:
    number = make_id_card(NANSHAN, date(1985, 3, 2), 42, "男")
    with pytest.raises(ValidationErrors) as info:
        validate_person_fields(person(id_card=number, birth_date="1985-03-12"))
    msg = str(info.value)
    assert "身份证号中的出生日期（1985-03-02）与出生日期（1985-03-12）不一致" in msg
    assert number not in msg


def test_person_gender_disagreement() -> None:
    number = make_id_card(NANSHAN, date(1985, 3, 2), 42, "男")
    with pytest.raises(ValidationErrors) as info:
        validate_person_fields(person(id_card=number, gender="女"))
    assert "身份证号中的性别（男）与性别（女）不一致" in str(info.value)
    assert info.value.fields == ["性别"]


def test_person_collects_all_errors() -> None:
    bad_id = tamper(make_id_card(NANSHAN, date(1985, 3, 2), 42, "男"), 10)
    data = person(
        name="",
        gender="未知",
        birth_date="1985-02-30",
        ethnicity="火星族",
        political_status="路人",
        education="幼儿园",
        id_card=bad_id,
        phone="12345",
    )
    with pytest.raises(ValidationErrors) as info:
        validate_person_fields(data)
    errs = info.value
    assert errs.fields == ["姓名", "性别", "出生日期", "民族", "政治面貌", "学历", "身份证号", "手机号码"]
    assert "；" in str(errs)
    assert bad_id not in str(errs)
    assert "民族「火星族」不在56个民族之列" in str(errs)


def test_person_future_birth_date() -> None:
    with pytest.raises(ValidationErrors, match="晚于今天"):
        validate_person_fields({"name": "张三", "birth_date": "2030-01-01"}, today=TODAY)
