"""Headline figures as text, by their unit (services.statistics.model.Figure): the dashboard's tiles and its
comparison table show the same strings."""

from __future__ import annotations

from typing import Any

NO_DATA = "—"


def format_value(value: Any, unit: str) -> str:
    """``value`` as shown with its unit: 63.6%, 37.9 岁, −3.0 岁, +20.3 个百分点, 2021 年, 120 人."""
    if value is None:
        return NO_DATA
    if unit == "%":
        return f"{value * 100:.1f}%"
    if unit == "pp":
        return f"{_signed(value * 100)} 个百分点"
    if unit == "years":
        return f"{_signed(value)} 岁"
    if unit == "岁":
        return f"{value:.1f} 岁"
    if unit == "年":
        return f"{int(value)} 年"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f} {unit}"
    return f"{int(value):,} {unit}"


def format_change(a: Any, b: Any, unit: str) -> str:
    """B minus A in the figure's terms (percentage points for shares); empty when not comparable."""
    if a is None or b is None or unit in ("年",):
        return ""
    if unit in ("%", "pp"):
        return f"{_signed((b - a) * 100)} 个百分点"
    if unit in ("岁", "years"):
        return f"{_signed(b - a)} 岁"
    diff = b - a
    text = f"{diff:+,.1f}" if isinstance(diff, float) and not float(diff).is_integer() else f"{int(diff):+,}"
    return text.replace("-", "−")


def _signed(x: float) -> str:
    return f"{x:+.1f}".replace("-", "−")
