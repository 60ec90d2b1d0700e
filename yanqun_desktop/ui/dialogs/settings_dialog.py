"""设置: after how many idle minutes the window locks, which database the app opens (a file,
e.g. a read-only copy on a second PC, or the district's PostgreSQL server; only for a role that
maintains the database) and, with nobody signed in (a demo database), the operator's name;
kept in settings.toml. The database takes effect at the next start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop import config
from yanqun_desktop.config import MAX_IDLE_LOCK_MINUTES, Settings, save_settings, settings_path
from yanqun_desktop.services.permissions import Permission
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.widgets.dialog_parts import make_button

URL_SCHEMES = ("postgresql", "sqlite")


def database_problem(text: str) -> str | None:
    """Why ``text`` cannot name a database (None: it can). Empty is the default file."""
    if not text:
        return None
    if "://" in text:
        scheme = text.split("://", 1)[0].split("+", 1)[0]
        return None if scheme in URL_SCHEMES else "unknown-scheme"
    path = Path(text)
    if path.is_dir():
        return "is-folder"
    return None if path.parent.is_dir() else "no-folder"


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        actor = ctx.actor()
        form = QFormLayout()
        self.operator: QLineEdit | None = None
        if not actor.login:  # signed in, the account's own name is recorded
            self.operator = QLineEdit(ctx.settings.operator_name)
            self.operator.setObjectName("operator_name")
            self.operator.setPlaceholderText(ctx.settings.operator)
            form.addRow(self.tr("Operator name"), self.operator)
            hint = QLabel(self.tr("Every change is recorded in the audit log under this name."))
            hint.setWordWrap(True)
            form.addRow("", hint)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setRange(0, MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setValue(ctx.settings.idle_lock_minutes)
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        form.addRow(self.tr("Lock after idle"), self.idle_minutes)
        idle_hint = QLabel(self.tr("With no key pressed or mouse moved for this long, the window locks and asks for "
                                   "the password again. 0: never."))
        idle_hint.setWordWrap(True)
        form.addRow("", idle_hint)
        current = QLabel(str(ctx.db.path or ctx.db.engine.url.render_as_string(hide_password=True)))
        current.setWordWrap(True)
        form.addRow(self.tr("Database in use"), current)
        # Which database the app opens is the database maintainer's choice (MAINTAIN_DATABASE).
        self.may_choose_database = ctx.allows(Permission.MAINTAIN_DATABASE)
        self.database: QLineEdit | None = None
        if self.may_choose_database:
            self.database = QLineEdit(ctx.settings.db)
            self.database.setObjectName("database")
            self.database.setPlaceholderText(str(config.default_db_path()))
            choose = make_button(self.tr("Choose file…"), "choose_database", self.choose_database)
            row = QHBoxLayout()
            row.addWidget(self.database, 1)
            row.addWidget(choose)
            form.addRow(self.tr("Database at next start"), row)
            db_hint = QLabel(self.tr("Empty: the usual file. A database file (e.g. a read-only copy made on the "
                                     "reporting PC), or the district's server: postgresql+psycopg://user@host/yanqun."))
            db_hint.setWordWrap(True)
            form.addRow("", db_hint)
        form.addRow(self.tr("Settings file"), QLabel(str(settings_path())))
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choose_database(self) -> None:
        if self.database is None:
            return
        start = self.database.text().strip() or str(config.default_db_path().parent)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the database file"), start,
                                              self.tr("Database (*.sqlite *.db);;All files (*)"))
        if path:
            self.database.setText(path)

    def save(self) -> None:
        settings: Settings = self.ctx.settings
        database = self.database.text().strip() if self.database is not None else settings.db
        problem = database_problem(database)
        if problem is not None:
            messages = {
                "unknown-scheme": self.tr("{0}: only postgresql://… or sqlite://… addresses are supported."),
                "is-folder": self.tr("{0} is a folder: choose a database file."),
                "no-folder": self.tr("The folder of {0} does not exist."),
            }
            QMessageBox.warning(self, self.tr("Settings"), messages[problem].format(database))
            return
        changed = database != settings.db
        if self.operator is not None:
            settings.operator_name = self.operator.text().strip()
        settings.idle_lock_minutes = self.idle_minutes.value()
        settings.db = database
        save_settings(settings)
        if changed:
            QMessageBox.information(self, self.tr("Settings"),
                                    self.tr("The database changes when the app is started again."))
        self.accept()
