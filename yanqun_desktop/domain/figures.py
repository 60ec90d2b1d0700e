"""The statistics' figures as Chinese text, shared by the dashboard, the PDF report and ``yanqun stats``.

No reportlab here: the CLI formats figures without loading the PDF machinery. A headline
``Figure`` carries its unit (see ``services.statistics.model.Figure``): counts in 人/个/场/项,
学时, 岁, "%" (a fraction), "pp" (a fraction shown as percentage points), "years" (a signed
change in years) and 年 (a calendar year)."""

from __future__ import annotations

import datetime as dt

Number = int | float | None


def date_cn(d: dt.date) -> str:
    """2022年6月30日 (no leading zeros, as dates are written in official papers)."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_figure(value: Number, unit: str) -> str:
    """One headline value with its unit; "—" when there is no data."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.1f}%"
    if unit == "pp":
        return f"{_signed(value * 100, 1)} 个百分点"
    if unit == "years":
        return f"{_signed(value, 1)} 岁"
    if unit == "年":
        return f"{value}年"
    if unit == "学时":
        return f"{trim_number(value)} 学时"
    if isinstance(value, float):
        return f"{value:.1f} {unit}"
    return f"{value} {unit}"


def figure_change(current: Number, base: Number, unit: str) -> Number:
    """``current`` minus ``base`` in the figure's own scale, or None when either is missing or
    when a difference means nothing (two calendar years are shown, not subtracted)."""
    if current is None or base is None or unit == "年":
        return None
    diff = current - base
    if isinstance(current, int) and isinstance(base, int):
        return int(diff)
    return diff


def format_change(value: Number, unit: str) -> str:
    """A signed difference: counts as +12 人, shares and share changes in percentage points
    (+3.2 个百分点), ages as +0.5 岁; "—" when there is none."""
    if value is None:
        return "—"
    if unit in ("%", "pp"):
        return f"{_signed(value * 100, 1)} 个百分点"
    if unit in ("岁", "years"):
        return f"{_signed(value, 1)} 岁"
    if unit == "学时":
        return f"{_signed(value, 1).removesuffix('.0')} 学时"
    if isinstance(value, float):
        return f"{_signed(value, 1)} {unit}"
    return f"{_signed(value, 0)} {unit}"


def trim_number(value: float) -> str:
    """At most one decimal, none when it is whole: 211.5, 1742 (hours are whole or half)."""
    return f"{value:.1f}".removesuffix(".0")


def _signed(value: float, digits: int) -> str:
    """+1.5 / -1.5 / 0: a change that rounds to nothing carries no sign (no "+0.0" or "-0.0")."""
    text = f"{abs(value):.{digits}f}"
    if float(text) == 0:
        return text
    return ("+" if value > 0 else "-") + text
