"""人才储备库: reserve candidates by the role they are being prepared for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.programmes import RESERVE_STATUS, reserve_form_values, save_reserve
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.registries import RESERVE
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.person_picker import describe

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    pass


WITHDRAWN = RESERVE_STATUS["withdrawn"]  # the status column's display text (registries.RESERVE)


class ReservePage(RegistryPage):
    TABLES = frozenset({"reserve_entries", "people", "communities", "positions"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, RESERVE, self.tr("Search by name, pinyin initials or ID-card number"), parent)
        self.add_button(self.tr("Add…"), self.add_entry, name="add")
        self.add_button(self.tr("Edit"), self.edit_entry, name="edit", needs_selection=True)
        self.add_button(
            self.tr("Withdraw"),
            self.withdraw,
            name="withdraw",
            needs_selection=True,
            when=lambda v: v.get("status") != WITHDRAWN,
        )

    def add_entry(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.reserve_dialog import ReserveDialog

        return self.open_dialog(ReserveDialog(self.ctx, parent=self))

    def edit_entry(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.reserve_dialog import ReserveDialog

        loaded = self.load_form(reserve_form_values)
        if loaded is None:
            return None
        return self.open_dialog(ReserveDialog(self.ctx, *loaded, describe(self.selected_values()), self))

    def withdraw(self) -> None:
        entry_id = self.selected_id()
        if entry_id and self.confirm(
            self.tr("Withdraw “{0}” from the reserve pool?").format(self.selected_values().get("name", ""))
        ):
            self.run_action(lambda: self._withdraw(entry_id))

    def _withdraw(self, entry_id: str) -> Saved:
        # The whole entry with the new status: programmes.withdraw_reserve sends the status
        # alone, which the service's validation refuses (储备方向不能为空).
        values = reserve_form_values(self.ctx.db, entry_id)
        return save_reserve(self.ctx.db, self.ctx.actor(), {**values, "status": "withdrawn"}, entry_id)
