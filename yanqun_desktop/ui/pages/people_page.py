"""工作室学员: the people of the street (trainees and everyone the records name)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.people import reinstate_person
from yanqun_desktop.services.registries import PEOPLE
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.person_picker import describe

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    from yanqun_desktop.ui.dialogs.archive_dialog import ArchiveDialog
    from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog
    from yanqun_desktop.ui.dialogs.committee_dialog import CommitteeTermDialog
    from yanqun_desktop.ui.dialogs.honours_dialog import HonoursDialog
    from yanqun_desktop.ui.dialogs.photo_dialog import PhotoDialog
    from yanqun_desktop.ui.dialogs.positions_dialog import PositionsDialog


Window = TypeVar("Window", bound=QDialog)  # the non-modal windows this page opens

RETIRED = "退出"  # the status column's display text for a retired person (registries.PEOPLE)


class PeoplePage(RegistryPage):
    TABLES = frozenset({"people", "communities", "positions", "enrolments", "cohorts", "committee_members",
                        "transfers"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, PEOPLE, self.tr("Search by name, pinyin initials or ID-card number"), parent)
        self.add_button(self.tr("Add"), self.add_person, name="add")
        self.add_button(self.tr("Edit"), self.edit_person, name="edit", needs_selection=True)
        # A role that may not edit opens the person to read (ID number and phone masked).
        view = self.add_button(self.tr("View…"), self.edit_person, name="view", needs_selection=True, permission=None)
        view.setVisible(not self.offered("edit"))
        self.add_button(self.tr("Positions…"), self.positions, name="positions", needs_selection=True)
        self.add_button(self.tr("Photo…"), self.photo, name="photo", needs_selection=True)
        self.add_button(self.tr("Growth archive…"), self.archive, name="archive", needs_selection=True)
        self.add_button(self.tr("Assessments…"), self.assessments, name="assessments", needs_selection=True)
        self.add_button(self.tr("Honours…"), self.honours, name="honours", needs_selection=True)
        self.add_button(
            self.tr("Committee election…"),
            self.committee,
            name="committee",
            allowed=not ctx.org.is_district,
            denied_tip=self.tr("Committee terms are recorded by the streets."),
        )
        self.add_button(
            self.tr("Enrol into cohort…"),
            self.enrol,
            name="enrol",
            needs_selection=True,
            when=lambda v: v.get("status") != RETIRED,
        )
        self.add_button(
            self.tr("Transfer…"),
            self.transfer,
            name="transfer",
            needs_selection=True,
            allowed=ctx.org.is_district,
            denied_tip=self.tr("Transfers between streets are made by the district."),
            when=lambda v: v.get("status") != RETIRED,
        )
        self.add_button(
            self.tr("Retire…"),
            self.retire,
            name="retire",
            needs_selection=True,
            when=lambda v: v.get("status") != RETIRED,
        )
        self.add_button(
            self.tr("Reinstate"),
            self.reinstate,
            name="reinstate",
            needs_selection=True,
            when=lambda v: v.get("status") == RETIRED,
        )

    def add_person(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.person_dialog import PersonDialog

        return self.open_dialog(PersonDialog(self.ctx, parent=self))

    def edit_person(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.person_dialog import PersonDialog

        person_id = self.selected_id()
        return self.open_dialog(PersonDialog(self.ctx, person_id, self)) if person_id else None

    def enrol(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.enrolment_dialog import StudioEnrolmentDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        return self.open_dialog(StudioEnrolmentDialog(self.ctx, person_id, describe(self.selected_values()), self))

    def transfer(self) -> FormDialog | None:
        """调动 (district): the person moves to another street with their history."""
        from yanqun_desktop.ui.dialogs.transfer_dialog import TransferDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        return self.open_dialog(TransferDialog(self.ctx, person_id, describe(self.selected_values()), self))

    def retire(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.retire_dialog import RetirePersonDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        return self.open_dialog(RetirePersonDialog(self.ctx, person_id, describe(self.selected_values()), self))

    def reinstate(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.run_action(lambda: reinstate_person(self.ctx.db, self.ctx.actor(), person_id))

    def positions(self) -> PositionsDialog | None:
        from yanqun_desktop.ui.dialogs.positions_dialog import PositionsDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        return self._open_window(PositionsDialog(self.ctx, person_id, describe(self.selected_values()), self))

    def photo(self) -> PhotoDialog | None:
        from yanqun_desktop.ui.dialogs.photo_dialog import PhotoDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        return self._open_window(PhotoDialog(self.ctx, person_id, describe(self.selected_values()), self))

    def archive(self) -> ArchiveDialog | None:
        from yanqun_desktop.ui.dialogs.archive_dialog import ArchiveDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        try:
            dialog = ArchiveDialog(self.ctx, person_id, self)
        except PermissionDenied as e:  # a studio leader and someone outside their studio
            QMessageBox.information(self, self.tr("Growth archive"), str(e))
            return None
        return self._open_window(dialog)

    def assessments(self) -> AssessmentDialog | None:
        """能力测评 against the studio model (the street's own assessments)."""
        from yanqun_desktop.ui.dialogs.assessment_dialog import AssessmentDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        label = describe(self.selected_values())
        return self._open_window(AssessmentDialog(self.ctx, person_id, label, "studio", self))

    def honours(self) -> HonoursDialog | None:
        from yanqun_desktop.ui.dialogs.honours_dialog import HonoursDialog

        person_id = self.selected_id()
        if person_id is None:
            return None
        return self._open_window(HonoursDialog(self.ctx, person_id, describe(self.selected_values()), self))

    def committee(self) -> CommitteeTermDialog:
        from yanqun_desktop.ui.dialogs.committee_dialog import CommitteeTermDialog

        return self._open_window(CommitteeTermDialog(self.ctx, self))

    def _open_window(self, dialog: Window) -> Window:
        """A dialog that writes as it goes (no single save): its changes refresh the pages."""
        dialog.changed.connect(self.changed.emit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
