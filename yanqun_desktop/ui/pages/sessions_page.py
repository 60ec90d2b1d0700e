"""课程活动: courses, site visits, discussions … with their cohorts and attendance rate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.activities import delete_session, session_form_values
from yanqun_desktop.services.registries import SESSIONS
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    from yanqun_desktop.ui.dialogs.cohort_rates_dialog import CohortRatesDialog
    from yanqun_desktop.ui.dialogs.rollcall_dialog import RollCallDialog


class SessionsPage(RegistryPage):
    TABLES = frozenset({"training_sessions", "session_cohorts", "session_tutors", "attendance", "cohorts"})
    NEWEST_FIRST = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, SESSIONS, self.tr("Search by title or place"), parent)
        self.add_button(self.tr("Add"), self.add_session, name="add")
        self.add_button(self.tr("Edit"), self.edit_session, name="edit", needs_selection=True)
        self.add_button(self.tr("Roll call…"), self.roll_call, name="roll_call", needs_selection=True)
        self.add_delete_button(self.tr("Delete"), lambda i: delete_session(self.ctx.db, self.ctx.actor(), i))
        self.add_button(self.tr("Attendance…"), self.cohort_rates, name="cohort_rates")

    def add_session(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.session_dialog import SessionDialog

        return self.open_dialog(SessionDialog(self.ctx, parent=self))

    def edit_session(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.session_dialog import SessionDialog

        loaded = self.load_form(session_form_values)
        if loaded is None:
            return None
        return self.open_dialog(SessionDialog(self.ctx, *loaded, parent=self))

    def roll_call(self) -> RollCallDialog | None:
        from yanqun_desktop.ui.dialogs.rollcall_dialog import open_roll_call

        return open_roll_call(self)

    def cohort_rates(self) -> CohortRatesDialog:
        """班次出勤统计: read-only, so nothing to refresh afterwards."""
        from yanqun_desktop.ui.dialogs.cohort_rates_dialog import CohortRatesDialog

        dialog = CohortRatesDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
