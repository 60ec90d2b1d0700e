"""Add or edit a person (工作室学员 and everyone else the records name).

An existing person's ID number and phone show masked (4403**********123X, 138****5678); a role
that may see personal data (VIEW_PERSONAL) presses 显示 to see, and edit, the full value. Other
roles never see the full numbers and cannot change them, and a role that may not edit records
gets the form to read only. A masked field is not sent on save, so it keeps its value."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QWidget

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
from yanqun_desktop.services.actor import PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import FREE_TEXT, person_form_values, reveal_personal, save_person
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import street_choices
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import missing_tip
from yanqun_desktop.ui.widgets.fields import add_community, community_raw
from yanqun_desktop.ui.widgets.form import Check, FormDialog, date_check, domain_check

PERSONAL = ("id_card", "phone")  # the fields shown masked until revealed


def _unless_masked(dialog: PersonDialog, key: str, check: Check) -> Check:
    """A masked field is not checked (nor sent): only a revealed or typed value is."""
    return lambda text: None if key in dialog.masked else check(text)


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
        self.masked: dict[str, str] = {}  # key → the full value, while the field shows it masked
        self.may_reveal = ctx.allows(Permission.VIEW_PERSONAL)
        self.may_edit = ctx.allows(Permission.EDIT_RECORDS)
        self.id_card = self.add_line("id_card", self.tr("ID-card number"), [ID_CARD_FIELD],
                                     check=_unless_masked(self, "id_card", domain_check(check_id_card)),
                                     placeholder=self.tr("18 digits; fills birth date and gender"))
        self.phone = self.add_line("phone", self.tr("Mobile phone"), [MOBILE_FIELD],
                                   check=_unless_masked(self, "phone", domain_check(validate_mobile)))
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
        self.reveal_button: QPushButton | None = None
        if person_id is not None:
            values = dict(person_form_values(ctx.db, ctx.actor(), person_id).values)
            personal = {key: str(values.pop(key, "") or "") for key in PERSONAL}
            self.set_values(values)
            self._mask(personal)
        if not self.may_edit:
            self._read_only()

    # -- personal data ----------------------------------------------------------------------
    def _mask(self, personal: dict[str, str]) -> None:
        """Show the stored ID number and phone masked, as the service hands them out; the full
        values come only when a role that may see them asks (``reveal``)."""
        edits = {"id_card": self.id_card, "phone": self.phone}
        shown = False
        for key, value in personal.items():
            if not value:
                continue  # nothing to hide: an empty field may be filled in
            self.masked[key] = value
            edits[key].setText(value)
            edits[key].setReadOnly(True)
            shown = True
        if not shown:
            return
        self.reveal_button = QPushButton(self.tr("Show"))
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.setAutoDefault(False)
        self.reveal_button.setEnabled(self.may_reveal)
        self.reveal_button.setToolTip(
            self.tr("Show the full ID number and phone to check or correct them")
            if self.may_reveal else missing_tip(self.ctx.actor(), Permission.VIEW_PERSONAL)
        )
        self.reveal_button.clicked.connect(self.reveal)
        # Beside the ID number: the button sits in the field's row.
        box = self.fields["id_card"].widget.parentWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        column = box.layout()
        column.removeWidget(self.id_card)
        row.addWidget(self.id_card, 1)
        row.addWidget(self.reveal_button)
        column.insertLayout(0, row)

    def reveal(self) -> bool:
        """显示: the full values, editable (a role with VIEW_PERSONAL only)."""
        if not self.may_reveal or self.person_id is None:
            return False
        try:  # asked for, so recorded in the audit trail
            full = reveal_personal(self.ctx.db, self.ctx.actor(), self.person_id)
        except (PermissionDenied, ServiceError) as e:
            QMessageBox.warning(self, self.tr("Person"), str(e))
            return False
        edits: dict[str, QLineEdit] = {"id_card": self.id_card, "phone": self.phone}
        for key in list(self.masked):
            value = full[key]
            del self.masked[key]
            edits[key].blockSignals(True)  # revealing is not typing: no refill of birth date and gender
            edits[key].setText(value)
            edits[key].blockSignals(False)
            edits[key].setReadOnly(not self.may_edit)
        if self.reveal_button is not None:
            self.reveal_button.setEnabled(False)
        return True

    def _read_only(self) -> None:
        """A role that may not edit records reads the person: nothing to type into, no save."""
        self.setWindowTitle(self.tr("Person"))
        for f in self.fields.values():
            if isinstance(f.widget, QLineEdit | QPlainTextEdit):
                f.widget.setReadOnly(True)
            else:
                f.widget.setEnabled(False)
        self.save_button.setVisible(False)
        self.save_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Close"))

    def _id_typed(self, text: str) -> None:
        # A full-length number is checked at once (a checksum typo shows before the clerk leaves).
        if "id_card" in self.masked:
            return
        if len(text.strip()) >= 18:
            self.check_field("id_card")
            self._fill_from_id()

    def _fill_from_id(self) -> None:
        """A valid ID number fills the birth date and gender when they are still empty."""
        if "id_card" in self.masked:
            return
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
        for key in self.masked:  # still masked: not sent, so the service keeps the stored value
            raw.pop(key, None)
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
