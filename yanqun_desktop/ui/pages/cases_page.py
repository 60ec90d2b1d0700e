"""治理案例: governance cases and the honours they won."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.activities import case_form_values, delete_case
from yanqun_desktop.services.registries import CASES
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    from yanqun_desktop.ui.dialogs.case_detail_dialog import CaseDetailDialog


class CasesPage(RegistryPage):
    TABLES = frozenset({"governance_cases", "honours", "topics", "communities", "case_people"})
    NEWEST_FIRST = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, CASES, self.tr("Search by title or community"), parent)
        self.add_button(self.tr("Add"), self.add_case, name="add")
        self.add_button(self.tr("Edit"), self.edit_case, name="edit", needs_selection=True)
        self.add_button(self.tr("Case details…"), self.case_details, name="details", needs_selection=True)
        self.add_delete_button(self.tr("Delete"), lambda i: delete_case(self.ctx.db, self.ctx.actor(), i))

    def add_case(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.case_dialog import CaseDialog

        return self.open_dialog(CaseDialog(self.ctx, parent=self))

    def edit_case(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.case_dialog import CaseDialog

        loaded = self.load_form(case_form_values)
        if loaded is None:
            return None
        return self.open_dialog(CaseDialog(self.ctx, *loaded, parent=self))

    def case_details(self) -> CaseDetailDialog | None:
        from yanqun_desktop.ui.dialogs.case_detail_dialog import CaseDetailDialog

        case_id = self.selected_id()
        if case_id is None:
            return None
        dialog = CaseDetailDialog(self.ctx, case_id, self)
        dialog.changed.connect(self.changed.emit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
