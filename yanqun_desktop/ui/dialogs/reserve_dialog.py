"""Add a reserve candidate (后备人选) to the talent reserve pool, by the role prepared for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.programmes import save_reserve
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.person_picker import PersonPicker


class ReserveDialog(FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Add reserve candidate"), parent)
        self.picker = PersonPicker(ctx.db)
        self.add_custom("person_id", self.tr("Person"), self.picker, ["人员"],
                        get=lambda: self.picker.person_id, required=True)
        self.add_vocab("target_role", self.tr("Prepared for"), vocab.RESERVE_TARGET, required=True, editable=False)
        self.add_date("added_on", self.tr("Added on"), "入库日期").setText(dt.date.today().isoformat())
        self.add_text("note", self.tr("Note"), ["备注"])

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_reserve(self.ctx.db, self.ctx.actor(), raw)
