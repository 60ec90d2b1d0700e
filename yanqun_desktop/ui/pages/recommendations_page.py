"""街道推荐师资: the streets' tutor recommendations, shown in a dialog from the tutor page.

The district sees every street's and takes them into the pool (纳入师资库); a street sees its
own, read-only, and whether the district has taken them yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from yanqun_desktop.services.programmes import recommendation_form_values
from yanqun_desktop.services.registries import RECOMMENDATIONS
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    pass


TAKEN = "已纳入师资库"  # the 处理情况 column's text once the district has taken it (registries)
OPEN_SCOPE = "open"  # the 待处理 scope of RECOMMENDATIONS


class RecommendationsPage(RegistryPage):
    TABLES = frozenset({"tutor_recommendations", "tutors"})
    NEWEST_FIRST = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, RECOMMENDATIONS, self.tr("Search by name or organisation"), parent)
        if ctx.org.is_district:
            self.empty_hint = self.tr(
                "No street has recommended a tutor yet (recommendations arrive with the streets' data packages)."
            )
            self.add_button(
                self.tr("Take into the tutor pool…"),
                self.accept_selected,
                name="accept",
                needs_selection=True,
                when=lambda v: v.get("state") != TAKEN,
            )
            index = self.scope.findData(OPEN_SCOPE)  # the district's work: what is still open
            if index >= 0:
                self.scope.setCurrentIndex(index)
        else:  # the street's own list: no street column, its own title
            self.empty_hint = self.tr("This street has not recommended a tutor yet.")
            self._after_reset()
            self.table.setColumnHidden(RECOMMENDATIONS.columns.index(RECOMMENDATIONS.column("street")), True)
            title = self.findChild(QLabel, "page_title")
            if title is not None:
                title.setText(self.tr("Our tutor recommendations"))

    def accept_selected(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.tutor_dialog import AcceptRecommendationDialog

        loaded = self.load_form(recommendation_form_values)
        if loaded is None:
            return None
        rec_id, values = loaded
        street = self.selected_values().get("street", "")
        return self.open_dialog(AcceptRecommendationDialog(self.ctx, rec_id, values, street, self))

    def on_double_click(self) -> None:
        accept = self.findChild(QPushButton, "accept")
        if accept is not None and accept.isEnabled():
            self.accept_selected()
