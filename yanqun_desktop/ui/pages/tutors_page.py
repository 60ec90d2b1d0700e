"""师资库: the district's tutor pool. Streets read it and recommend tutors to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services.programmes import retire_tutor, tutor_form_values
from yanqun_desktop.services.registries import TUTORS
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    from yanqun_desktop.ui.dialogs.recommendations_dialog import RecommendationsDialog


class TutorsPage(RegistryPage):
    TABLES = frozenset({"tutors"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, TUTORS, self.tr("Search by name or pinyin initials"), parent)
        district = ctx.org.is_district
        read_only = self.tr("The tutor pool is kept by the district; a street can only view it and recommend tutors.")
        self.add_button(self.tr("Add"), self.add_tutor, name="add", allowed=district, denied_tip=read_only)
        self.add_button(
            self.tr("Edit"), self.edit_tutor, name="edit", needs_selection=True, allowed=district, denied_tip=read_only
        )
        self.add_button(
            self.tr("Retire"), self.retire, name="retire", needs_selection=True, allowed=district, denied_tip=read_only
        )
        if district:
            self.add_button(self.tr("Street recommendations…"), self.show_recommendations, name="recommendations")
        else:
            self.empty_hint = self.tr("The district's tutor pool appears here once its data package is imported.")
            self._after_reset()
            self.add_button(self.tr("Recommend a tutor…"), self.recommend, name="recommend")
            self.add_button(self.tr("Our recommendations…"), self.show_recommendations, name="recommendations")

    def add_tutor(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.tutor_dialog import TutorDialog

        return self.open_dialog(TutorDialog(self.ctx, parent=self))

    def edit_tutor(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.tutor_dialog import TutorDialog

        loaded = self.load_form(tutor_form_values)
        if loaded is None:
            return None
        return self.open_dialog(TutorDialog(self.ctx, *loaded, parent=self))

    def retire(self) -> None:
        tutor_id = self.selected_id()
        if tutor_id and self.confirm(
            self.tr("Retire “{0}” from the tutor pool?").format(self.selected_values().get("name", ""))
        ):
            self.run_action(lambda: retire_tutor(self.ctx.db, self.ctx.actor(), tutor_id))

    def recommend(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.recommendation_dialog import RecommendationDialog

        return self.open_dialog(RecommendationDialog(self.ctx, self))

    def show_recommendations(self) -> RecommendationsDialog:
        from yanqun_desktop.ui.dialogs.recommendations_dialog import RecommendationsDialog

        dialog = RecommendationsDialog(self.ctx, self)
        dialog.changed.connect(self.changed.emit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
