"""青训营: the district's youth vanguard camp. Streets see their own people in it, read-only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from yanqun_desktop.services.programmes import enrolment_form_values, remove_enrolment
from yanqun_desktop.services.registries import CAMP
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog
    from yanqun_desktop.ui.dialogs.camp_board_dialog import CampBoardDialog


class CampPage(RegistryPage):
    TABLES = frozenset({"enrolments", "cohorts", "people", "communities", "positions"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, CAMP, self.tr("Search by name, pinyin initials or ID-card number"), parent)
        district = ctx.org.is_district
        read_only = self.tr("The youth camp is run by the district; a street can only view it.")
        if not district:
            self.empty_hint = self.tr("This street's people in the district's youth camp appear here.")
            self._after_reset()
        self.add_button(self.tr("Add trainee…"), self.add_trainee, name="add", allowed=district, denied_tip=read_only)
        self.add_button(
            self.tr("Edit"),
            self.edit_trainee,
            name="edit",
            needs_selection=True,
            allowed=district,
            denied_tip=read_only,
        )
        self.add_delete_button(
            self.tr("Remove"),
            lambda i: remove_enrolment(self.ctx.db, self.ctx.actor(), i),
            allowed=district,
            denied_tip=read_only,
            label_key="name",
        )
        self.add_button(self.tr("Training board…"), self.open_board, name="board")
        self.add_button(self.tr("Assessments…"), self.open_assessments, name="assessments", needs_selection=True)

    def _open_viewer(self, dialog: QDialog) -> QDialog:
        dialog.changed.connect(self.changed.emit)  # type: ignore[attr-defined]
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_board(self) -> CampBoardDialog:
        """The cohort's trainees by stage (the selected trainee's cohort, else the newest)."""
        from yanqun_desktop.ui.dialogs.camp_board_dialog import CampBoardDialog

        cohort_id = None
        if self.selected_id() is not None:
            loaded = self.load_form(enrolment_form_values)
            cohort_id = loaded[1].get("cohort_id") if loaded else None
        dialog = CampBoardDialog(self.ctx, cohort_id, self)
        if self.selected_id() is not None:
            dialog.select_enrolment(self.selected_id() or "")
        self._open_viewer(dialog)
        return dialog

    def open_assessments(self) -> AssessmentDialog | None:
        from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog

        loaded = self.load_form(enrolment_form_values)
        if loaded is None:
            return None
        row = self.selected_values()
        person = " · ".join(p for p in (row.get("name"), row.get("street"), row.get("community")) if p)
        dialog = AssessmentDialog(self.ctx, str(loaded[1]["person_id"]), person, "camp", self)
        self._open_viewer(dialog)
        return dialog

    def add_trainee(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.camp_enrolment_dialog import CampEnrolmentDialog

        return self.open_dialog(CampEnrolmentDialog(self.ctx, parent=self))

    def edit_trainee(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.camp_enrolment_dialog import CampEnrolmentDialog

        loaded = self.load_form(enrolment_form_values)
        if loaded is None:
            return None
        row = self.selected_values()
        person = " · ".join(p for p in (row.get("name"), row.get("street"), row.get("community")) if p)
        return self.open_dialog(CampEnrolmentDialog(self.ctx, *loaded, (person, row.get("cohort", "")), self))
