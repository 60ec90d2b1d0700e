"""Add or edit a person (工作室学员 and everyone else the records name)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import (
    ID_CARD_FIELD,
    MOBILE_FIELD,
    NAME_FIELD,
    ValidationError,
    check_id_card,
    validate_mobile,
    validate_name,
)
from yanqun_desktop.services.people import FREE_TEXT, person_form_values, save_person
from yanqun_desktop.services.programmes import street_choices
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.widgets.fields import add_community, community_raw
from yanqun_desktop.ui.widgets.form import FormDialog, date_check, domain_check


class PersonDialog(FormDialog):
    def __init__(self, ctx: AppContext, person_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit person") if person_id else self.tr("Add person"), parent)
        self.person_id = person_id
        required = self.required_text()
        self.add_line("name", self.tr("Name"), [NAME_FIELD], required=True,
                      check=domain_check(validate_name, required=True, empty_message=required))
        self.add_vocab("gender", self.tr("Gender"), vocab.GENDER)
        self.birth = self.add_line("birth_date", self.tr("Date of birth"), ["出生日期"],
                                   check=date_check("出生日期"), placeholder=self.tr("e.g. 1985-03-12"))
        self.add_vocab("ethnicity", self.tr("Ethnicity"), vocab.ETHNICITY)
        self.add_vocab("political_status", self.tr("Political status"), vocab.POLITICAL_STATUS)
        self.add_vocab("education", self.tr("Education"), vocab.EDUCATION)
        self.id_card = self.add_line("id_card", self.tr("ID-card number"), [ID_CARD_FIELD],
                                     check=domain_check(check_id_card),
                                     placeholder=self.tr("18 digits; fills birth date and gender"))
        self.add_line("phone", self.tr("Mobile phone"), [MOBILE_FIELD], check=domain_check(validate_mobile))
        # At the district a new person needs their street; a person's street never changes by
        # editing (a move between streets is a transfer), so the edit form has no street field.
        self.district = ctx.org.is_district
        self.street: QComboBox | None = None
        if self.district and person_id is None:
            streets = street_choices(ctx.db)
            self.street = self.add_combo("street", self.tr("Street"), ["街道", "所属街道"],
                                         [name for _id, name in streets], editable=False,
                                         required=True, check=lambda t: None if t.strip() else required)
            for index, (street_id, _name) in enumerate(streets, start=1):  # item 0 is the blank one
                self.street.setItemData(index, street_id)
        self.community = add_community(self)
        self.add_line("estate", self.tr("Estate"), ["小区"])
        self.add_line("grid", self.tr("Grid"), ["网格"])
        self.add_line("building", self.tr("Building"), ["楼栋"])
        self.add_text("note", self.tr("Note"), ["备注"])
        self.id_card.textChanged.connect(self._id_typed)
        self.id_card.editingFinished.connect(self._fill_from_id)
        if person_id is not None:
            self.set_values(person_form_values(ctx.db, person_id).values)

    def _id_typed(self, text: str) -> None:
        # A full-length number is checked at once (a checksum typo shows before the clerk leaves).
        if len(text.strip()) >= 18:
            self.check_field("id_card")
            self._fill_from_id()

    def _fill_from_id(self) -> None:
        """A valid ID number fills the birth date and gender when they are still empty."""
        try:
            info = check_id_card(self.id_card.text())
        except ValidationError:
            return
        if not self.birth.text().strip():
            self.birth.setText(info.birth_date.isoformat())
        gender = self.fields["gender"]
        if not gender.get():
            gender.set(info.gender)

    def collect(self) -> dict[str, Any]:
        raw = super().collect()
        raw.pop("community")
        # The district lists every street's communities: send the name, which the service
        # resolves within the person's street (never another street's community of that name).
        raw.update(community_raw(self.community, by_name=self.district))
        if self.street is not None:
            raw.pop("street")
            raw["street_id"] = self.street.currentData() or ""
        for key in FREE_TEXT:  # sent even when blank, so clearing a field clears it
            raw.setdefault(key, "")
        return raw

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_person(self.ctx.db, self.ctx.actor(), raw, self.person_id)
