"""调动: the district moves a person to another street. The person, with their own history,
then belongs to the new street (which edits it from then on); the old street keeps reading it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import street_choices
from yanqun_desktop.services.records import Saved
from yanqun_desktop.services.transfers import transfer_person
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.form import FormDialog


class TransferDialog(FormDialog):
    def __init__(self, ctx: AppContext, person_id: str, person_label: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Transfer to another street"), parent)
        self.person_id = person_id
        self.form.addRow(QLabel(self.tr("Person")), QLabel(person_label))
        streets = [name for _id, name in street_choices(ctx.db)]
        self.add_combo("to_street", self.tr("To street"), ["调入街道"], streets, editable=False, required=True)
        self.add_date("effective_on", self.tr("Effective on"), "调动日期", required=True).setText(
            dt.date.today().isoformat())
        self.add_text("note", self.tr("Note"), ["备注"])
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        result = transfer_person(self.ctx.db, self.ctx.actor(), self.person_id, raw["to_street"],
                                 raw["effective_on"] or None, raw["note"] or None)
        return Saved(result.transfer_id, result.changes)
