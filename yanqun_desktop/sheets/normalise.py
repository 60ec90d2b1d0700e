"""Turning the raw cells clerks' spreadsheets hold into clean values, before validation.

Spreadsheets arrive typed by hand on Chinese input methods and saved by Excel, WPS or
LibreOffice, so one value comes in many shapes: full-width digits and spaces (１９８５　), a
lower-case x ending an ID number, integers read back as floats (4403051985.0), dates as date
cells, Excel serial numbers, or text in four spellings. Everything here is pure and fast
(it runs once per cell of a 10,000-row file) and raises ``ValidationError`` with the
column's Chinese name; ID numbers and phones never appear in a message unmasked."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from yanqun_desktop.domain.validation import ValidationError, parse_date

# Full-width ASCII (！..～) and the ideographic space, as typed on Chinese input methods.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF_WIDTH[0x3000] = 0x20
_HALF_WIDTH[0x00A0] = 0x20  # no-break space, pasted from web pages
_SPACES = re.compile(r"\s+")
_FLOAT_TEXT = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")  # 4.40305198503121E+17 as text (CSV from Excel)
# An ID number needs 18 significant digits; a float holds about 15-16, so any numeric cell of
# 15 digits or more has lost digits (Excel shows 4.40305E+17 and keeps 15 of them).
_LOSSY_DIGITS = 15


def half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value: Any) -> str:
    """A cell as trimmed half-width text with runs of spaces collapsed; numbers read back as
    floats lose their ``.0``; dates become ISO text. Blank gives ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value.isascii():
            return _SPACES.sub(" ", value).strip()
        return _SPACES.sub(" ", half_width(value)).strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and math.isfinite(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def clean_date(value: Any, column: str) -> dt.date | None:
    """A date cell (date, datetime, Excel serial number) or text in any of the spellings
    1985-3-12, 1985.03.12, 1985/3/12, 1985年3月12日, 19850312; None when blank."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return parse_date(value, column)
    if isinstance(value, dt.date):
        return parse_date(value, column)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 19850312 typed as a number comes back as 19850312.0
    if isinstance(value, str):
        value = half_width(value).strip()
        if value.isdigit() and len(value) <= 5:  # an Excel serial that became text (CSV)
            value = int(value)
    return parse_date(value, column)


def clean_id_number(value: Any, column: str = "身份证号") -> str:
    """An ID number as upper-case text without spaces; "" when blank. A number stored as a
    number (Excel's number format) has lost its last digits and cannot be trusted: it is
    refused with the reason named, so the clerk re-types the column as text."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        raise ValidationError(column, f"{column}不是有效的号码")
    if isinstance(value, int | float):
        digits = _digits_of_number(value)
        if digits >= _LOSSY_DIGITS:
            raise ValidationError(
                column,
                f"{column}以数字格式保存，末几位已丢失（Excel 显示为科学计数法，如 4.40305E+17），"
                "请将该列设为“文本”格式后重新录入",
            )
        raise ValidationError(column, f"{column}应为18位，实际为{digits}位（以数字格式保存）")
    text = _SPACES.sub("", half_width(str(value))).upper()
    if _FLOAT_TEXT.match(text):
        raise ValidationError(
            column,
            f"{column}以科学计数法保存（如 4.40305E+17），末几位已丢失，请将该列设为“文本”格式后重新录入",
        )
    text = text.lstrip("'")  # Excel's "treat as text" apostrophe, when it survives a CSV export
    return text


def _digits_of_number(value: int | float) -> int:
    if isinstance(value, float):
        if not math.isfinite(value):
            return 0
        value = int(value)
    return len(str(abs(value)))


def clean_phone(value: Any) -> str:
    """A phone cell as text: numbers read back as floats become digits again."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _SPACES.sub("", half_width(str(value)))


def looks_masked(text: str) -> bool:
    """A masked ID number or phone (4403**********123X, 138****5678), as our exports write them:
    such a cell says "kept as stored", never a new value."""
    return "*" in text

