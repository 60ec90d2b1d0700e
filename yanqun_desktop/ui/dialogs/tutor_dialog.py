"""A tutor in the district's pool (优秀师资库): the district adds, edits and vets tutors."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from yanqun_desktop.domain import vocab
from yanqun_desktop.domain.validation import MOBILE_FIELD, NAME_FIELD, validate_mobile, validate_name
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.services.programmes import accept_recommendation, save_tutor
from yanqun_desktop.services.records import Saved
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.gating import Offer
from yanqun_desktop.ui.widgets.form import FormDialog, domain_check


class TutorDialog(FormDialog):
    def __init__(self, ctx: AppContext, tutor_id: str | None = None, values: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("Edit tutor") if tutor_id else self.tr("Add tutor"), parent)
        self.tutor_id = tutor_id
        self.add_line("name", self.tr("Name"), [NAME_FIELD], required=True,
                      check=domain_check(validate_name, required=True, empty_message=self.required_text()))
        self.add_vocab("gender", self.tr("Gender"), vocab.GENDER)
        self.add_vocab("school", self.tr("School"), vocab.TUTOR_SCHOOL, required=True)
        self.add_line("organisation", self.tr("Organisation"), ["工作单位"])
        self.add_line("title", self.tr("Post or title"), ["职务/职称"])
        self.add_text("subjects", self.tr("Subjects"), ["擅长领域"], lines=2)
        self.add_vocab("nomination", self.tr("Nomination"), vocab.NOMINATION, required=True)
        self.add_line("recommended_by", self.tr("Recommended by"), ["推荐人/单位"])
        vetting = self.add_vocab("vetting", self.tr("Vetting"), vocab.VETTING, required=True, editable=False)
        vetting.setCurrentText(vocab.VETTING.label("pending"))
        self.add_line("phone", self.tr("Mobile phone"), [MOBILE_FIELD], check=domain_check(validate_mobile))
        self.add_text("note", self.tr("Note"), ["备注"])
        if values:
            self.set_values(values)
        Offer(ctx.actor(), Permission.EDIT_RECORDS).form(self)

    def submit(self, raw: dict[str, Any]) -> Saved:
        return save_tutor(self.ctx.db, self.ctx.actor(), raw, self.tutor_id)


class AcceptRecommendationDialog(TutorDialog):
    """纳入师资库: the tutor form filled from a street's recommendation; saving creates the tutor
    and marks the recommendation as taken, in one transaction (``accept_recommendation``)."""

    def __init__(self, ctx: AppContext, rec_id: str, values: dict[str, str], street: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent=parent)
        self.setWindowTitle(self.tr("Take into the tutor pool"))
        self.rec_id = rec_id
        reason = values.get("reason", "")
        self.set_values({key: values.get(key, "") for key in ("name", "organisation", "school", "subjects")})
        self.fields["nomination"].set(vocab.NOMINATION.label("recommended"))
        self.fields["recommended_by"].set(street)
        if reason:
            self.fields["note"].set(self.tr("Reason given by {0}: {1}").format(street or self.tr("the street"),
                                                                                reason))

    def submit(self, raw: dict[str, Any]) -> Saved:
        return accept_recommendation(self.ctx.db, self.ctx.actor(), self.rec_id, raw)
