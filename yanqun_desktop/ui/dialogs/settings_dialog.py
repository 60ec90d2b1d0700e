"""设置: the operator's name, recorded on every change until accounts exist (settings.toml)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from yanqun_desktop.config import Settings, save_settings, settings_path
from yanqun_desktop.ui.context import AppContext


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(460)
        self.operator = QLineEdit(ctx.settings.operator_name)
        self.operator.setObjectName("operator_name")
        self.operator.setPlaceholderText(ctx.settings.operator)
        form = QFormLayout()
        form.addRow(self.tr("Operator name"), self.operator)
        hint = QLabel(self.tr("Every change is recorded in the audit log under this name."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        database = QLabel(str(ctx.db.path or ctx.db.engine.url.render_as_string(hide_password=True)))
        database.setWordWrap(True)
        form.addRow(self.tr("Database"), database)
        form.addRow(self.tr("Settings file"), QLabel(str(settings_path())))
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        settings: Settings = self.ctx.settings
        settings.operator_name = self.operator.text().strip()
        save_settings(settings)
        self.accept()
