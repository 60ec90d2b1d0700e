"""Tests for pinyin search keys of person names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yanqun_desktop.domain.pinyin import name_matches, name_search_keys, normalize_query


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张三", "zhang san", "zs"),
        ("单田芳", "shan tian fang", "stf"),
        ("曾国藩", "zeng guo fan", "zgf"),
        ("解缙", "xie jin", "xj"),
        ("区庄", "ou zhuang", "oz"),
        ("仇英", "qiu ying", "qy"),
        ("朴槿惠", "piao jin hui", "pjh"),
        ("查良镛", "zha liang yong", "zly"),
        ("盖聂", "ge nie", "gn"),
        ("乐嘉", "yue jia", "yj"),
        ("覃思", "qin si", "qs"),
        ("尉迟恭", "yu chi gong", "ycg"),
        ("吕布", "lv bu", "lb"),
        ("刘䶮", "liu yan", "ly"),
        ("阿依古丽·买买提", "a yi gu li mai mai ti", "ayglmmt"),
        ("John Smith", "john smith", "js"),
    ],
)
def test_name_search_keys(name: str, full: str, initials: str) -> None:
    assert name_search_keys(name) == (full, initials)


def test_surname_reading_only_applies_to_first_character() -> None:
    # 单 inside a given name keeps its common reading.
    assert name_search_keys("王单")[0] == "wang dan"
    assert name_search_keys("单单")[0].startswith("shan")


def test_characters_without_reading_are_skipped() -> None:
    assert name_search_keys("李𠇔") == ("li", "l")
    assert name_search_keys("") == ("", "")


def test_normalize_query() -> None:
    assert normalize_query(" Zhang San ") == "zhangsan"
    assert normalize_query("ＺＳ") == "zs"
    assert normalize_query("lü") == "lv"
    assert normalize_query("xi'an") == "xian"
    assert normalize_query("张 三") == "张三"


def test_name_matches() -> None:
    assert name_matches("张三", "zhang san")
    assert name_matches("张三", "San")
    assert name_matches("张三", "zs")
    assert name_matches("张三", "张")
    assert name_matches("单田芳", "shan")
    assert name_matches("张三", "")
    assert not name_matches("张三", "lisi")
    assert not name_matches("张三", "李")


@settings(deadline=None)  # the first call may load pypinyin's dictionaries
@given(st.text(alphabet="张王李赵单曾䶮·abc XYZ", max_size=12))
def test_property_keys_are_lowercase_ascii(name: str) -> None:
    full, initials = name_search_keys(name)
    assert full == full.lower() and full.isascii()
    assert initials.isascii() and len(initials) <= len(full)
    assert (full == "") == (initials == "")
    assert len(initials) == len(full.split())  # one initial per syllable


def test_sorting_by_full_pinyin_keeps_surnames_together() -> None:
    names = ["程倩", "陈国阳", "陈峰", "程月琪"]
    assert sorted(names, key=lambda n: name_search_keys(n)[0]) == ["陈峰", "陈国阳", "程倩", "程月琪"]
