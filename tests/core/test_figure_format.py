"""Headline figures as text by unit, and their change between two dates."""

from __future__ import annotations

import pytest

from yanqun_desktop.domain.figures import format_change, format_value


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.636, "%", "63.6%"),
        (0.203, "pp", "+20.3 个百分点"),
        (-3.0, "years", "−3.0 岁"),
        (37.94, "岁", "37.9 岁"),
        (2021, "年", "2021 年"),
        (12345, "人", "12,345 人"),
        (7.5, "学时", "7.5 学时"),
        (8.0, "学时", "8 学时"),
        (None, "人", "—"),
    ],
)
def test_values(value: object, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


def test_changes() -> None:
    assert format_change(0.433, 0.636, "%") == "+20.3 个百分点"
    assert format_change(40.9, 37.9, "岁") == "−3.0 岁"
    assert format_change(10, 7, "人") == "−3"
    assert format_change(None, 7, "人") == ""
    assert format_change(2018, 2021, "年") == ""
