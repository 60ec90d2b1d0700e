"""微改革课题: the year's micro-reform topics, pushed by the district or chosen by the street."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from yanqun_desktop.services.activities import delete_topic, topic_form_values
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.registries import TOPICS
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.widgets.form import FormDialog

if TYPE_CHECKING:  # dialogs load when first opened, not at start-up
    from yanqun_desktop.ui.dialogs.topic_detail_dialog import TopicDetailDialog


class TopicsPage(RegistryPage):
    TABLES = frozenset({"topics", "topic_members", "topic_steps", "communities", "people"})
    NEWEST_FIRST = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, TOPICS, self.tr("Search by title or community"), parent)
        self.add_button(self.tr("Add"), self.add_topic, name="add")
        self.add_button(self.tr("Edit"), self.edit_topic, name="edit", needs_selection=True)
        self.add_delete_button(self.tr("Delete"), lambda i: delete_topic(self.ctx.db, self.ctx.actor(), i))
        self.add_button(self.tr("Topic details…"), self.open_detail, name="detail", needs_selection=True)

    def on_double_click(self) -> None:
        """Double-click opens the topic's details (team, steps, files, outcome)."""
        self.open_detail()

    def open_detail(self) -> TopicDetailDialog | None:
        from yanqun_desktop.ui.dialogs.topic_detail_dialog import TopicDetailDialog

        record_id = self.selected_id()
        if record_id is None:
            return None
        try:
            dialog = TopicDetailDialog(self.ctx, record_id, self)
        except ServiceError as e:
            QMessageBox.warning(self, self.spec.title, str(e))
            self.refresh()
            return None
        dialog.changed.connect(self.changed.emit)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def add_topic(self) -> FormDialog:
        from yanqun_desktop.ui.dialogs.topic_dialog import TopicDialog

        return self.open_dialog(TopicDialog(self.ctx, parent=self))

    def edit_topic(self) -> FormDialog | None:
        from yanqun_desktop.ui.dialogs.topic_dialog import TopicDialog

        loaded = self.load_form(topic_form_values)
        if loaded is None:
            return None
        return self.open_dialog(TopicDialog(self.ctx, *loaded, parent=self))
