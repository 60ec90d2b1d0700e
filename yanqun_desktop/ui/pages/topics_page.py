"""微改革课题: the year's micro-reform topics, pushed by the district or chosen by the street."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from yanqun_desktop.services import activities
from yanqun_desktop.services.activities import delete_topic
from yanqun_desktop.services.registries import TOPICS
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.topic_dialog import TopicDialog
from yanqun_desktop.ui.pages.registry_page import RegistryPage, form_loader
from yanqun_desktop.ui.widgets.form import FormDialog


class TopicsPage(RegistryPage):
    TABLES = frozenset({"topics", "topic_members", "topic_steps", "communities", "people"})
    NEWEST_FIRST = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, TOPICS, self.tr("Search by title or community"), parent)
        self.load = form_loader(activities, "topic_form_values")
        self.add_button(self.tr("Add"), self.add_topic, name="add")
        self.add_button(self.tr("Edit"), self.edit_topic, name="edit", needs_selection=True,
                        allowed=self.load is not None, denied_tip=self.edit_unavailable())
        self.add_delete_button(self.tr("Delete"), lambda i: delete_topic(self.ctx.db, self.ctx.actor(), i))

    def add_topic(self) -> FormDialog:
        return self.open_dialog(TopicDialog(self.ctx, parent=self))

    def edit_topic(self) -> FormDialog | None:
        topic_id = self.selected_id()
        if topic_id is None or self.load is None:
            return None
        return self.open_dialog(TopicDialog(self.ctx, topic_id, self.load(self.ctx.db, topic_id), self))
