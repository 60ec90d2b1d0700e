"""Small helpers for cleaning raw form/spreadsheet values into column values."""

from __future__ import annotations

from typing import Any

from yanqun_desktop.domain.validation import ValidationError, ValidationErrors, parse_date

_KEEP = object()


class Collector:
    """Collects every field error of one record, so the clerk fixes them in one go.

    When editing (``row`` given), a key absent from ``raw`` keeps the row's current value:
    a form or a script that sends only some fields never clears the others."""

    def __init__(self, raw: dict[str, Any], row: Any = None) -> None:
        self.raw = raw
        self.row = row
        self.errors: list[ValidationError] = []

    def _kept(self, key: str) -> Any:
        if key not in self.raw and self.row is not None and hasattr(self.row, key):
            return getattr(self.row, key)
        return _KEEP

    def text(self, key: str, label: str, *, required: bool = False, max_len: int = 200) -> str | None:
        if (kept := self._kept(key)) is not _KEEP:
            return kept
        value = self.raw.get(key)
        text = "" if value is None else str(value).strip()
        if self._blank(text, label, required):
            return None
        if len(text) > max_len:
            self.errors.append(ValidationError(label, f"{label}过长（最多 {max_len} 字）"))
        return text

    def _blank(self, value: Any, label: str, required: bool) -> bool:
        """True for an empty value (reported when the field is required)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.errors.append(ValidationError(label, f"{label}不能为空"))
            return True
        return False

    def date(self, key: str, label: str, *, required: bool = False):  # type: ignore[no-untyped-def]
        if (kept := self._kept(key)) is not _KEEP:
            return kept
        value = self.raw.get(key)
        if self._blank(value, label, required):
            return None
        try:
            return parse_date(value, label)
        except ValidationError as e:
            self.errors.append(e)
            return None

    def code(self, key: str, vocabulary: Any, *, required: bool = False) -> str | None:
        if (kept := self._kept(key)) is not _KEEP:
            return kept
        value = self.raw.get(key)
        try:
            if required:
                return vocabulary.code_from_text(value if isinstance(value, str) else "")
            return vocabulary.code_from_text_optional(value)
        except ValidationError as e:
            self.errors.append(e)
            return None

    def number(self, key: str, label: str, *, required: bool = False, low: float = 0, high: float = 1e9):  # type: ignore[no-untyped-def]
        if (kept := self._kept(key)) is not _KEEP:
            return kept
        value = self.raw.get(key)
        if self._blank(value, label, required):
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.errors.append(ValidationError(label, f"{label}应为数字"))
            return None
        if not low <= number <= high:
            self.errors.append(ValidationError(label, f"{label}应在 {low:g} 到 {high:g} 之间"))
        return number

    def fail(self, label: str, message: str) -> None:
        self.errors.append(ValidationError(label, message))

    def done(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)
