"""Errors services raise for the clerk to read (Chinese messages, no personal numbers)."""

from __future__ import annotations

import datetime as dt


class ServiceError(Exception):
    """A refusal: the operation did not happen and nothing was written."""


class NotFound(ServiceError):
    pass


class Ambiguous(ServiceError):
    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class ConcurrentEdit(ServiceError):
    """The record was changed by someone else (another clerk, another window, an import) after
    this form or session loaded it: saving would overwrite their change, so nothing is saved."""

    @classmethod
    def of(cls, what: str, by: str | None = None, at: dt.datetime | None = None) -> ConcurrentEdit:
        """``what``: the record's kind (人员, 课题 …); ``by``/``at``: who saved it last, when."""
        who = []
        if by:
            who.append(by)
        if at is not None:
            local = at.astimezone() if at.tzinfo is not None else at.replace(tzinfo=dt.UTC).astimezone()
            who.append(f"{local:%Y-%m-%d %H:%M} 保存")
        detail = "，".join(who) or "内容已变化"
        return cls(f"这条{what}记录已被其他人修改（{detail}），请重新打开后再保存。")
