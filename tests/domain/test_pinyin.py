"""Tests for pinyin search keys of person names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yanqun_desktop.domain.pinyin import name_columns, name_matches, name_search_keys, name_sort_key, normalize_query


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张三", "zhangsan", "zs"),
        ("单田芳", "shantianfang", "stf"),
        ("曾国藩", "zengguofan", "zgf"),
        ("解缙", "xiejin", "xj"),
        ("区庄", "ouzhuang", "oz"),
        ("仇英", "qiuying", "qy"),
        ("朴槿惠", "piaojinhui", "pjh"),
        ("查良镛", "zhaliangyong", "zly"),
        ("盖聂", "genie", "gn"),
        ("乐嘉", "yuejia", "yj"),
        ("覃思", "qinsi", "qs"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("吕布", "lvbu", "lb"),
        ("刘䶮", "liuyan", "ly"),
        ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
        ("John Smith", "johnsmith", "js"),
    ],
)
def test_name_search_keys(name: str, full: str, initials: str) -> None:
    assert name_search_keys(name) == (full, initials)


def test_surname_reading_only_applies_to_first_character() -> None:
    # 单 inside a given name keeps its common reading.
    assert name_search_keys("王单")[0] == "wangdan"
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
    assert name_matches("张三", "zhangsan")
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
    assert len(initials) == len(name_sort_key(name).split()) or not full  # one initial per syllable


def test_sort_key_keeps_surnames_together() -> None:
    names = ["程倩", "陈国阳", "陈峰", "程月琪", "𠇔"]
    assert sorted(names, key=name_sort_key) == ["陈峰", "陈国阳", "程倩", "程月琪", "𠇔"]
    assert name_columns("张三") == {"name_pinyin": "zhangsan", "name_initials": "zs", "name_sort": "zhang san"}
