"""课程活动: courses, site visits, discussions … with their cohorts and attendance rate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.activities import delete_session, session_form_values
from yanqun_desktop.services.registries import SESSIONS
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.operations import Task
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
        self.add_button(self.tr("Sign-in sheet…"), self.signin_sheet, name="signin_sheet", needs_selection=True)
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

    def signin_sheet(self) -> Task | None:
        """签到表: a PDF to print and sign, or a workbook to fill in and import back."""
        from yanqun_desktop.ui.exports import ask_save_path, safe_file_name

        session_id = self.selected_id()
        if session_id is None:
            return None
        values = self.selected_values()
        name = f"签到表-{values.get('date', '')}-{values.get('title', '')}".rstrip("-")
        path = ask_save_path(self, self.tr("Sign-in sheet"), f"{safe_file_name(name)}.pdf",
                             self.tr("PDF to print (*.pdf);;Excel to fill in (*.xlsx)"))
        return None if path is None else self.write_signin_sheet(session_id, path)

    def write_signin_sheet(self, session_id: str, path: Path) -> Task:
        from yanqun_desktop.ui.exports import export_to

        as_pdf = path.suffix.lower() == ".pdf"

        def write(target: Path) -> object:
            if as_pdf:
                from yanqun_desktop.reports.signin_sheet import write_signin_pdf

                return write_signin_pdf(self.ctx.db, session_id, target)
            from yanqun_desktop.reports.signin_workbook import write_signin_workbook

            return write_signin_workbook(self.ctx.db, session_id, target)

        def preview(target: Path) -> None:
            from yanqun_desktop.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog

            dialog = PdfPreviewDialog(target, self.tr("Sign-in sheet — {0}").format(target.name), self,
                                      suggested_name=target.name)
            dialog.setObjectName("signin_preview")
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        if path.suffix.lower() not in (".pdf", ".xlsx"):
            path = path.with_suffix(".pdf")
            as_pdf = True
        return export_to(self, self.tr("Sign-in sheet"), path, write, preview if as_pdf else None)

    def cohort_rates(self) -> CohortRatesDialog:
        """班次出勤统计: read-only, so nothing to refresh afterwards."""
        from yanqun_desktop.ui.dialogs.cohort_rates_dialog import CohortRatesDialog

        dialog = CohortRatesDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
