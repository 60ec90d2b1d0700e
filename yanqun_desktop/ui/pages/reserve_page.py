"""人才储备库: reserve candidates by the role they are being prepared for."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.programmes import withdraw_reserve
from yanqun_desktop.services.registries import RESERVE
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.reserve_dialog import ReserveDialog
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog

WITHDRAWN = "已退出"  # the status column's display text (registries.RESERVE)


class ReservePage(RegistryPage):
    TABLES = frozenset({"reserve_entries", "people", "communities", "positions"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, RESERVE, self.tr("Search by name, pinyin initials or ID-card number"), parent)
        self.add_button(self.tr("Add…"), self.add_entry, name="add")
        self.add_button(self.tr("Withdraw"), self.withdraw, name="withdraw", needs_selection=True,
                        when=lambda v: v.get("status") != WITHDRAWN)

    def add_entry(self) -> FormDialog:
        return self.open_dialog(ReserveDialog(self.ctx, self))

    def withdraw(self) -> None:
        entry_id = self.selected_id()
        if entry_id and self.confirm(self.tr("Withdraw “{0}” from the reserve pool?").format(
                self.selected_values().get("name", ""))):
            self.run_action(lambda: withdraw_reserve(self.ctx.db, self.ctx.actor(), entry_id))
