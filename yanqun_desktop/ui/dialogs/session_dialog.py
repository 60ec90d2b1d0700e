"""A session (课程 / 活动): a dated course, visit or discussion for one or more cohorts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtWidgets import QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.activities import save_session
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import cohort_choices
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.registries import TUTORS
from yanqun_desktop.services.registry import ListQuery, fetch_rows, list_ids
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.check_list import CheckList
from yanqun_desktop.ui.widgets.fields import number_check
from yanqun_desktop.ui.widgets.form import Check, FormDialog

_TIME = re.compile(r"^\d{1,2}[:：]\d{2}$")


def tutor_choices(ctx: AppContext, linked: list[str]) -> list[tuple[str, str]]:
    """(id, "name · organisation") of the pool's active tutors, by pinyin, and of any retired
    tutor the session already names (so editing never drops a link silently)."""
    ids = list_ids(ctx.db, TUTORS, ListQuery(sort_key="name"))
    ids += [i for i in linked if i not in ids]
    rows = fetch_rows(ctx.db, TUTORS, ids)
    name, org = (TUTORS.columns.index(TUTORS.column(k)) for k in ("name", "organisation"))
    return [(i, " · ".join(p for p in (rows[i][name], rows[i][org]) if p)) for i in ids if i in rows]


def tutor_matches(ctx: AppContext, text: str) -> set[str]:
    """The tutors the pool's own search finds (name, pinyin, initials), retired ones included."""
    return set(list_ids(ctx.db, TUTORS, ListQuery(search=text, show_retired=True)))


class SessionDialog(FormDialog):
    def __init__(self, ctx: AppContext, session_id: str | None = None, values: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit session") if session_id else self.tr("Add session"), parent)
        self.session_id = session_id
        self.setMinimumWidth(560)
        self.add_line("title", self.tr("Title"), ["名称"], required=True, check=self._required)
        self.add_vocab("kind", self.tr("Kind"), vocab.SESSION_KIND, required=True)
        self.add_date("date", self.tr("Date"), "日期", required=True).setText(dt.date.today().isoformat())
        self.add_line("start_time", self.tr("Starts at"), ["开始时间"], check=self._time_check(),
                      placeholder=self.tr("e.g. 14:30"))
        self.add_line("end_time", self.tr("Ends at"), ["结束时间"], check=self._time_check(),
                      placeholder=self.tr("e.g. 17:00"))
        self.add_line("place", self.tr("Place"), ["地点"])
        self.add_line("hours", self.tr("Hours"), ["学时"], check=number_check(self, "学时", 0, 100),
                      placeholder=self.tr("e.g. 3"))
        kinds = ("studio", "camp") if ctx.org.is_district else ("studio",)  # the camp is the district's
        self.cohorts = CheckList([c for kind in kinds for c in cohort_choices(ctx.db, kind)], rows=4)
        self.cohorts.setObjectName("cohorts")
        self.add_custom("cohort_ids", self.tr("Cohorts"), self.cohorts, ["班次"], get=self.cohorts.checked_ids,
                        key_widgets=[self.cohorts.list])
        linked = [str(i) for i in (values or {}).get("tutor_ids") or []]
        self.tutors = CheckList(tutor_choices(ctx, linked), matches=lambda text: tutor_matches(ctx, text),
                                placeholder=self.tr("Search tutors by name or pinyin initials"), rows=5)
        self.tutors.setObjectName("tutors")
        self.add_custom("tutor_ids", self.tr("Tutors"), self.tutors, ["授课师资"], get=self.tutors.checked_ids,
                        key_widgets=[w for w in (self.tutors.search, self.tutors.list) if w is not None])
        self.add_text("practice_task", self.tr("Practice task"), ["一课一练"], lines=2)
        self.add_text("note", self.tr("Note"), ["备注"], lines=2)
        if values:
            self.set_values(values)
            self.cohorts.set_checked([str(i) for i in values.get("cohort_ids") or []])
            self.tutors.set_checked(linked)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def _required(self, text: str) -> str | None:
        return None if text.strip() else self.required_text()

    def _time_check(self) -> Check:
        def check(text: str) -> str | None:
            if not text.strip() or _TIME.match(text.strip()):
                return None
            return self.tr("Use hours:minutes, e.g. 14:30")

        return check

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_session(self.ctx.db, self.ctx.actor(), raw, self.session_id)
