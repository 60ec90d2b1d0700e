"""Validation of the data clerks type or import: dates, ID card numbers, phones, names.

Everything here is pure Python with no Qt and no database, so the import wizard, the
edit dialogs and the demo-data generator can share exactly the same rules and the same
Chinese error messages.

Privacy rule: a cadre's full ID card number or phone number is personal data and must
never end up in an error message, a log line or an exception ``repr``.  Messages refer
to such values only in masked form (see :func:`mask_id_card` and :func:`mask_phone`).
Dates, names and vocabulary values may be echoed, because clerks need to see what was
wrong and those are shown on the same screen anyway.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

__all__ = [
    "EXCEL_EPOCH",
    "ID_CARD_FIELD",
    "MAX_DATE",
    "MIN_DATE",
    "MOBILE_FIELD",
    "NAME_FIELD",
    "PERSON_FIELD_LABELS",
    "IdCardInfo",
    "ValidationError",
    "ValidationErrors",
    "check_id_card",
    "id_check_char",
    "make_id_card",
    "mask_id_card",
    "mask_phone",
    "parse_date",
    "validate_mobile",
    "validate_name",
    "validate_person_fields",
]


# ---------------------------------------------------------------------------
# Exceptions
# ---------------------------------------------------------------------------


class ValidationError(ValueError):
    """One invalid value.

    ``field`` is the Chinese field label (e.g. "身份证号") so the UI can highlight the
    right widget or spreadsheet column; ``message`` is the complete Chinese sentence
    shown to the clerk.  It subclasses :class:`ValueError` so generic code that only
    knows "bad value" still catches it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field: str = field
        self.message: str = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ValidationError(field={self.field!r}, message={self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle as ``cls(*args)``; our constructor takes two arguments, so
        # spell it out (needed when errors cross a process boundary, e.g. import workers).
        return (type(self), (self.field, self.message))


class ValidationErrors(ValueError):
    """All problems found while validating one whole record.

    Clerks fix a row in one go, so whole-record validation collects every error
    instead of stopping at the first one.  The message joins them with "；".
    """

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        self.errors: list[ValidationError] = list(errors)
        self.message: str = "；".join(e.message for e in self.errors)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ValidationErrors({self.errors!r})"

    def __iter__(self) -> Iterator[ValidationError]:
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors,))

    @property
    def fields(self) -> list[str]:
        """Field labels in error, in order, without duplicates (for highlighting)."""
        return list(dict.fromkeys(e.field for e in self.errors))

    def by_field(self) -> dict[str, list[str]]:
        """Messages grouped by field label."""
        grouped: dict[str, list[str]] = {}
        for e in self.errors:
            grouped.setdefault(e.field, []).append(e.message)
        return grouped


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

#: Day 0 of Excel's (Windows, "1900") date system.  Using 1899-12-30 rather than
#: 1899-12-31 compensates Excel's fictitious 1900-02-29, so every serial from 61
#: (1900-03-01) on converts correctly.
EXCEL_EPOCH = date(1899, 12, 30)
#: Dates outside this window are typos (e.g. "0985" for "1985") in this application.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)
_MIN_EXCEL_SERIAL = (date(1900, 3, 1) - EXCEL_EPOCH).days  # 61: first unambiguous serial
_MAX_EXCEL_SERIAL = (MAX_DATE - EXCEL_EPOCH).days

# Full-width digits and punctuation arrive from Chinese input methods.
_FULLWIDTH_TO_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TO_ASCII[0x3000] = 0x20  # ideographic space

_YMD_SEP_RE = re.compile(
    r"^(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"  # tolerate a "00:00:00" time part from exports
)
_YMD_CN_RE = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?$")
_YMD_COMPACT_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")


def _check_range(value: date, field: str) -> date:
    if value < MIN_DATE:
        raise ValidationError(field, f"{field}「{value.isoformat()}」早于1900年，请核对")
    if value > MAX_DATE:
        raise ValidationError(field, f"{field}「{value.isoformat()}」晚于2100年，请核对")
    return value


def _build_date(y: str, m: str, d: str, raw: str, field: str) -> date:
    try:
        value = date(int(y), int(m), int(d))
    except ValueError:
        raise ValidationError(field, f"{field}「{raw}」不是有效日期（不存在该月该日）") from None
    return _check_range(value, field)


def _from_excel_serial(serial: float, field: str) -> date:
    if not math.isfinite(serial):
        raise ValidationError(field, f"{field}不是有效日期")
    days = math.floor(serial)  # the fraction is the time of day
    if not _MIN_EXCEL_SERIAL <= days <= _MAX_EXCEL_SERIAL:
        raise ValidationError(field, f"{field}「{serial:g}」不是有效的日期数值，请填写如 2021-05-03 的日期")
    return EXCEL_EPOCH + timedelta(days=days)


def parse_date(value: date | datetime | str | int | float, field: str = "日期") -> date:
    """Parse the date formats found in clerks' spreadsheets into a :class:`date`.

    Accepted: ``date``/``datetime`` objects; strings "2021-05-03", "2021/5/3",
    "2021.5.3", "20210503", "2021年5月3日" (full-width digits too, optional trailing
    time part); Excel serial day numbers given as ``int``/``float`` (days since
    1899-12-30, because spreadsheet readers hand date cells over as numbers when the
    cell is not formatted as a date).  An ``int`` such as 20210503 is read as
    YYYYMMDD, since such cells are common and can never be a sane serial number.

    Raises :class:`ValidationError` naming ``field`` for empty, unparseable or
    impossible dates (2021-02-30) and for dates outside 1900..2100.
    """
    if isinstance(value, datetime):  # check before ``date``: datetime is a subclass
        return _check_range(value.date(), field)
    if isinstance(value, date):
        return _check_range(value, field)
    if isinstance(value, bool):  # bool is an int subclass; True is not a date
        raise ValidationError(field, f"{field}不是有效日期")
    if isinstance(value, int):
        text = str(value)
        if len(text) == 8 and (m := _YMD_COMPACT_RE.match(text)):
            return _build_date(m["y"], m["m"], m["d"], text, field)
        return _from_excel_serial(float(value), field)
    if isinstance(value, float):
        return _from_excel_serial(value, field)
    if value is None or not isinstance(value, str):
        raise ValidationError(field, f"{field}不能为空")

    text = value.translate(_FULLWIDTH_TO_ASCII).strip()
    if not text:
        raise ValidationError(field, f"{field}不能为空")
    for pattern in (_YMD_SEP_RE, _YMD_CN_RE, _YMD_COMPACT_RE):
        m = pattern.match(text)
        if m:
            return _build_date(m["y"], m["m"], m["d"], text, field)
    raise ValidationError(field, f"{field}「{text}」无法识别，请按 2021-05-03 或 2021年5月3日 的格式填写")


# ---------------------------------------------------------------------------
# Resident ID card numbers (GB 11643-1999)
# ---------------------------------------------------------------------------

ID_CARD_FIELD = "身份证号"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_SHAPE_RE = re.compile(r"^\d{17}[\dX]$")
_WHITESPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class IdCardInfo:
    """What an 18-digit ID number tells about its holder.

    ``repr`` hides the number so that logging an ``IdCardInfo`` cannot leak it.
    """

    number: str  # normalised: 18 characters, check character upper-case "X"
    birth_date: date
    gender: str  # "男" or "女"
    region_code: str  # 6-digit administrative division code of first registration

    def __repr__(self) -> str:
        return (
            f"IdCardInfo(number={mask_id_card(self.number)!r}, birth_date={self.birth_date!r}, "
            f"gender={self.gender!r}, region_code={self.region_code!r})"
        )

    @property
    def masked(self) -> str:
        """The number in display-safe masked form."""
        return mask_id_card(self.number)


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("id_check_char() needs exactly 17 ASCII digits")
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def _normalise_id_text(text: str) -> str:
    return _WHITESPACE_RE.sub("", text.translate(_FULLWIDTH_TO_ASCII)).upper()


def check_id_card(text: str, *, today: date | None = None) -> IdCardInfo:
    """Validate an 18-digit resident ID card number and decode it.

    Spaces (also full-width) are removed and a lower-case "x" is accepted.  Checks, in
    order, so the clerk gets the most specific reason: length, characters, region
    code (first digit 1-8), birth date (valid, 1900 or later, not after ``today``),
    check character.  Every failure raises :class:`ValidationError` with field
    "身份证号"; messages never contain the full number.
    """
    f = ID_CARD_FIELD
    if isinstance(text, int | float) and not isinstance(text, bool):
        # Excel stores long numbers as floating point and silently loses the last
        # digits, so a numeric cell cannot be trusted even if it looks plausible.
        raise ValidationError(f, "身份证号必须按文本格式填写（Excel 数字格式会丢失末几位），请将该列设为文本后重新录入")
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(f, "身份证号不能为空")
    number = _normalise_id_text(text)
    if len(number) == 15 and number.isdigit():
        raise ValidationError(f, "15位旧身份证号已停止使用，请填写18位身份证号")
    if len(number) != 18:
        raise ValidationError(f, f"身份证号应为18位，实际为{len(number)}位")
    if not _ID_SHAPE_RE.match(number):
        raise ValidationError(f, "身份证号前17位只能是数字，最后一位只能是数字或X")
    if number[0] not in "12345678":
        raise ValidationError(f, "身份证号前6位地区码无效（首位应为1-8）")

    birth_text = number[6:14]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        # The 8 birth digits alone do not identify anyone, and clerks need them to spot
        # a typo, so they are shown.
        raise ValidationError(f, f"身份证号中的出生日期（{birth_text}）不是有效日期") from None
    if birth < MIN_DATE:
        raise ValidationError(f, f"身份证号中的出生日期（{birth.isoformat()}）早于1900年")
    if birth > (today or date.today()):
        raise ValidationError(f, f"身份证号中的出生日期（{birth.isoformat()}）晚于今天")

    expected = id_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(
            f, f"身份证号校验位错误：末位应为 {expected}，请核对号码（{mask_id_card(number)}）是否有错字"
        )
    gender = "男" if int(number[16]) % 2 == 1 else "女"
    return IdCardInfo(number=number, birth_date=birth, gender=gender, region_code=number[:6])


def make_id_card(region_code: str, birth_date: date, sequence: int, gender: str) -> str:
    """Build a valid (fictitious) ID number, used by the demo-data generator.

    ``sequence`` 0..499 becomes the 3-digit order code ``2*sequence`` (女) or
    ``2*sequence + 1`` (男), because GB 11643 encodes gender as the parity of the
    order code.  ``gender`` accepts anything :data:`~yanqun_desktop.domain.vocab.GENDER`
    normalises ("男", "F", "female" ...).  Raises :class:`ValueError` for bad input,
    since this is called by code, not by clerks.
    """
    # Imported here: vocab imports ValidationError from this module.
    from yanqun_desktop.domain.vocab import GENDER

    if not (len(region_code) == 6 and region_code.isascii() and region_code.isdigit()):
        raise ValueError("region_code must be 6 ASCII digits")
    if region_code[0] not in "12345678":
        raise ValueError("region_code must start with 1-8")
    if not 0 <= sequence <= 499:
        raise ValueError("sequence must be within 0..499")
    if isinstance(birth_date, datetime):
        birth_date = birth_date.date()
    if birth_date < MIN_DATE:
        raise ValueError("birth_date must not be before 1900")
    order = 2 * sequence + (1 if GENDER.normalize(gender) == "男" else 0)
    first17 = f"{region_code}{birth_date:%Y%m%d}{order:03d}"
    return first17 + id_check_char(first17)


def _mask(text: str, keep_head: int, keep_tail: int) -> str:
    return text[:keep_head] + "*" * (len(text) - keep_head - keep_tail) + text[len(text) - keep_tail :]


def mask_id_card(value: str | None) -> str:
    """Mask an ID number for display and logs: "4403**********123X".

    An 18-character number keeps its first 4 and last 4 characters.  Shorter or
    malformed input (which is what error messages deal with) reveals proportionally
    less, and never more than 8 characters in total.
    """
    if not value:
        return ""
    s = _normalise_id_text(str(value))
    n = len(s)
    if n >= 12:
        return _mask(s, 4, 4)
    keep = n // 4  # 11 chars -> 2+2, 4 chars -> 1+1, 3 chars or fewer -> nothing
    return _mask(s, keep, keep)


def mask_phone(value: str | None) -> str:
    """Mask a phone number for display and logs: "138****5678"."""
    if not value:
        return ""
    s = _WHITESPACE_RE.sub("", str(value).translate(_FULLWIDTH_TO_ASCII))
    n = len(s)
    if n >= 11:
        return _mask(s, 3, 4)
    if n >= 7:
        return _mask(s, 0, 4)
    return "*" * n


# ---------------------------------------------------------------------------
# Mobile phone numbers
# ---------------------------------------------------------------------------

MOBILE_FIELD = "手机号码"
_PHONE_STRIP_RE = re.compile(r"[\s\-()（）]+")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(text: str | int) -> str:
    """Validate a mainland mobile number and return its 11 digits.

    Spaces, dashes and brackets are removed and a leading "+86", "0086" or "86"
    country code is dropped.  An ``int`` is accepted because spreadsheet readers
    return unformatted phone cells as numbers.
    """
    f = MOBILE_FIELD
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(f, "手机号码不能为空")
    s = _PHONE_STRIP_RE.sub("", text.translate(_FULLWIDTH_TO_ASCII))
    if s.startswith("+86"):
        s = s[3:]
    elif s.startswith("0086"):
        s = s[4:]
    elif s.startswith("86") and len(s) == 13:
        s = s[2:]
    if not (s.isascii() and s.isdigit()):
        raise ValidationError(f, "手机号码只能包含数字")
    if len(s) != 11:
        raise ValidationError(f, f"手机号码应为11位数字，实际为{len(s)}位")
    if not _MOBILE_RE.match(s):
        raise ValidationError(f, "手机号码应以13-19开头（仅支持中国大陆手机号）")
    return s


# ---------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------

NAME_FIELD = "姓名"
_NAME_MIN, _NAME_MAX = 2, 30
#: Interpuncts clerks type in minority and foreign names; all become U+00B7 "·".
_DOT_VARIANTS = "•・･‧∙⋅"
_DOT_TRANSLATION = {ord(ch): "·" for ch in _DOT_VARIANTS}
# CJK Unified Ideographs incl. Extension A (㛃, 䶮), the basic block, compatibility
# ideographs and the supplementary planes (Extension B onwards, e.g. 𠇔), because
# rare characters in names are common and must not be refused.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\U00031350-\U000323af"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_NAME_CHAR_RE = re.compile(f"[{_HAN}{_LATIN}· ]")
_HAN_CHAR_RE = re.compile(f"[{_HAN}]")
# A space only makes sense between two Latin words ("John Smith"); next to Chinese
# characters or the dot it is a typing slip ("张 三") and is removed.
_SPACE_NOT_BETWEEN_LATIN_RE = re.compile(f"(?<![{_LATIN}]) | (?![{_LATIN}])")


def validate_name(text: str) -> str:
    """Validate and normalise a person's name.

    Accepts Chinese characters (including rare characters from CJK Extension A/B),
    the middle dot "·" of transliterated minority names (variants •, ・, ･ are
    normalised to "·"), and Latin letters with single spaces for foreigners.
    Length 2..30 characters.  Digits and punctuation are refused.
    """
    f = NAME_FIELD
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(f, "姓名不能为空")
    s = text.translate(_FULLWIDTH_TO_ASCII).translate(_DOT_TRANSLATION)
    s = _WHITESPACE_RE.sub(" ", s).strip()
    s = _SPACE_NOT_BETWEEN_LATIN_RE.sub("", s)
    for ch in s:
        if _NAME_CHAR_RE.match(ch):
            continue
        if ch.isdigit():
            raise ValidationError(f, f"姓名中不能含有数字（“{ch}”）")
        raise ValidationError(f, f"姓名中不能含有标点或符号（“{ch}”），少数民族姓名中间的点请用“·”")
    if s.startswith("·") or s.endswith("·") or "··" in s:
        raise ValidationError(f, "姓名中的“·”只能用在两段名字之间")
    if len(s) < _NAME_MIN:
        raise ValidationError(f, f"姓名至少应有{_NAME_MIN}个字")
    if len(s) > _NAME_MAX:
        raise ValidationError(f, f"姓名不能超过{_NAME_MAX}个字，实际为{len(s)}个字")
    return s


# ---------------------------------------------------------------------------
# Whole person record
# ---------------------------------------------------------------------------

#: Dict keys handled by :func:`validate_person_fields` and their Chinese labels.
PERSON_FIELD_LABELS: Mapping[str, str] = {
    "name": "姓名",
    "gender": "性别",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "political_status": "政治面貌",
    "education": "学历",
    "id_card": ID_CARD_FIELD,
    "phone": MOBILE_FIELD,
}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def validate_person_fields(data: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """Validate and clean the personal fields of one record.

    Keys: name (required), gender, birth_date, ethnicity, political_status,
    education, id_card, phone; each optional one may be missing, None or "".
    Returns a new dict holding all eight keys (normalised values, dates as
    :class:`date`, blanks as None) plus any other keys of ``data`` unchanged.
    Collects every problem and raises :class:`ValidationErrors`.

    The ID number, once it passes its checksum, is the most reliable source, so it
    fills a missing birth date/gender and a disagreement is reported against the
    typed birth date/gender field (the one to correct).  The dates and genders
    are shown in the message; the number is not.
    """
    from yanqun_desktop.domain import vocab  # here: vocab imports this module

    today = today or date.today()
    errors: list[ValidationError] = []
    cleaned: dict[str, Any] = dict(data)
    for key in PERSON_FIELD_LABELS:
        cleaned[key] = None

    def run(key: str, fn: Any) -> None:
        value = data.get(key)
        if _is_blank(value):
            return
        try:
            cleaned[key] = fn(value)
        except ValidationError as e:
            errors.append(e)

    if _is_blank(data.get("name")):
        errors.append(ValidationError(NAME_FIELD, "姓名不能为空"))
    else:
        run("name", validate_name)
    run("gender", vocab.GENDER.normalize)

    def birth(value: Any) -> date:
        d = parse_date(value, field="出生日期")
        if d > today:
            raise ValidationError("出生日期", f"出生日期（{d.isoformat()}）晚于今天")
        return d

    run("birth_date", birth)
    run("ethnicity", vocab.ETHNICITY.normalize)
    run("political_status", vocab.POLITICAL_STATUS.normalize)
    run("education", vocab.EDUCATION.normalize)
    run("id_card", lambda v: check_id_card(v, today=today))
    run("phone", validate_mobile)

    info: IdCardInfo | None = cleaned["id_card"]
    if info is not None:
        cleaned["id_card"] = info.number
        birth_given = not _is_blank(data.get("birth_date"))
        gender_given = not _is_blank(data.get("gender"))
        if cleaned["birth_date"] is None and not birth_given:
            cleaned["birth_date"] = info.birth_date
        elif cleaned["birth_date"] is not None and cleaned["birth_date"] != info.birth_date:
            errors.append(
                ValidationError(
                    "出生日期",
                    f"身份证号中的出生日期（{info.birth_date.isoformat()}）"
                    f"与出生日期（{cleaned['birth_date'].isoformat()}）不一致",
                )
            )
        if cleaned["gender"] is None and not gender_given:
            cleaned["gender"] = info.gender
        elif cleaned["gender"] is not None and cleaned["gender"] != info.gender:
            errors.append(
                ValidationError("性别", f"身份证号中的性别（{info.gender}）与性别（{cleaned['gender']}）不一致")
            )

    if errors:
        raise ValidationErrors(errors)
    return cleaned
