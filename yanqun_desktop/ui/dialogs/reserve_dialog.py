"""A reserve candidate (后备人选) in the talent reserve pool, by the role prepared for.

Adding picks the person; editing keeps the person and changes the role prepared for, the date,
the status (储备中 / 已使用 / 已退出) and the note."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import RESERVE_STATUS, save_reserve
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.form import FormDialog
from yanqun_desktop.ui.widgets.person_picker import PersonPicker


class ReserveDialog(FormDialog):
    def __init__(self, ctx: AppContext, entry_id: str | None = None, values: dict[str, Any] | None = None,
                 person_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit reserve candidate") if entry_id else self.tr("Add reserve candidate"),
                         parent)
        self.entry_id = entry_id
        self.picker: PersonPicker | None = None
        if entry_id is None:
            self.picker = PersonPicker(ctx.db)
            picker = self.picker
            self.add_custom("person_id", self.tr("Person"), picker, ["人员"], get=lambda: picker.person_id,
                            required=True)
        else:  # the person of an entry is fixed: a different person is a new entry
            person = QLabel(person_label)
            person.setObjectName("person")
            self.form.addRow(QLabel(self.tr("Person")), person)
        self.add_vocab("target_role", self.tr("Prepared for"), vocab.RESERVE_TARGET, required=True, editable=False)
        self.add_date("added_on", self.tr("Added on"), "入库日期").setText(dt.date.today().isoformat())
        if entry_id is not None:
            self.add_combo("status", self.tr("Status"), ["状态"], list(RESERVE_STATUS.values()), editable=False,
                           blank=False)
        self.add_text("note", self.tr("Note"), ["备注"])
        if values:
            status = str(values.get("status") or "")
            self.set_values({**values, "status": RESERVE_STATUS.get(status, status)})
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_reserve(self.ctx.db, self.ctx.actor(), raw, self.entry_id)
