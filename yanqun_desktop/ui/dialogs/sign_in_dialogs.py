"""Signing in: the first administrator, the one-time recovery code, the sign-in itself, getting
back in with the recovery code or a district reset file, and changing a password.

Every refusal (wrong password, a locked account, a bad reset file) comes from the services in
Chinese and is shown in the dialog, next to what was typed; nothing here raises to the clerk.
Passwords live only in the line edits: they are never stored, logged or put in settings."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.config import Settings, save_settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.accounts import (
    MIN_PASSWORD_LENGTH,
    SignInRefused,
    change_own_password,
    check_password_rules,
    create_first_admin,
    sign_in,
)
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import role_label
from yanqun_desktop.ui.widgets.dialog_parts import button_row, error_label, show_error


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


def attempt_sign_in(db: Database, login: str, password: QLineEdit, error: QLabel) -> Actor | None:
    """Sign in with the typed password, which is cleared either way; a refusal (wrong, locked
    until …) is said in ``error`` and the password field takes the focus again."""
    try:
        actor = sign_in(db, login, password.text())
    except SignInRefused as e:
        show_error(error, str(e))
        password.clear()
        password.setFocus()
        return None
    password.clear()
    return actor


def local_time(value: dt.datetime) -> str:
    """A stored time (UTC; SQLite drops the zone) as the office's clock shows it."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return f"{value.astimezone():%Y-%m-%d %H:%M}"


class NewPassword(QObject):
    """A new password typed twice, with the rules said beneath, as rows of the dialog's form
    (so the labels line up); checked with the service's rules on submit."""

    def __init__(self, form: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.first = password_edit("new_password")
        self.second = password_edit("new_password_again")
        rules = QLabel(self.tr("At least {0} characters, not only one or two repeated characters, and not the "
                               "same as the account name.").format(MIN_PASSWORD_LENGTH))
        rules.setObjectName("password_rules")
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #606060;")
        form.addRow(self.tr("New password"), self.first)
        form.addRow(self.tr("New password again"), self.second)
        form.addRow("", rules)

    def problem(self, login: str = "") -> str | None:
        """Why the typed password cannot be used (Chinese from the service's rules), or None."""
        if self.first.text() != self.second.text():
            return self.tr("The two passwords differ: type the same password twice.")
        try:
            check_password_rules(self.first.text(), login)
        except ServiceError as e:
            return str(e)
        return None

    def text(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    return button


# -- first start ----------------------------------------------------------------------------


class CreateAdminDialog(QDialog):
    """创建管理员账户: the first account of an install (no accounts yet)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.recovery_code = ""
        self.setWindowTitle(self.tr("Create the administrator account"))
        self.setMinimumWidth(480)
        office = db.org().name
        intro = _intro(self.tr("This computer ({0}) has no accounts yet. Create the administrator's account: the "
                               "administrator adds the other accounts, chooses their roles and can restore backups. "
                               "Everyone then signs in with their own account.").format(office))
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.login.setMaxLength(64)
        self.login.setPlaceholderText(self.tr("e.g. wangxh"))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.name.setPlaceholderText(self.tr("as the audit log records it"))
        form = QFormLayout()
        form.addRow(self.tr("Account name"), self.login)
        form.addRow(self.tr("Full name"), self.name)
        self.password = NewPassword(form, self)
        self.error = error_label("error")
        self.create_button = _button(self.tr("Create"), "create")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        quit_button = _button(self.tr("Quit"), "quit")
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.windowTitle()))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.create_button, quit_button))

    def create(self) -> bool:
        login = self.login.text().strip()
        if not login or not self.name.text().strip():
            show_error(self.error, self.tr("Enter the account name and the full name."))
            return False
        problem = self.password.problem(login)
        if problem:
            show_error(self.error, problem)
            return False
        try:
            self.actor, self.recovery_code = create_first_admin(self.db, login, self.name.text(), self.password.text())
        except ServiceError as e:
            show_error(self.error, str(e))
            return False
        self.password.clear()
        self.accept()
        return True


class RecoveryCodeDialog(QDialog):
    """The one-time recovery code, big and clear, to be written on paper before going on."""

    def __init__(self, code: str, parent: QWidget | None = None, *, replaced: bool = False) -> None:
        super().__init__(parent)
        self.code = code
        self.setWindowTitle(self.tr("Recovery code"))
        self.setMinimumWidth(560)
        if replaced:
            text = self.tr("The recovery code you used no longer works. This is the new one: write it down and "
                           "keep it where the old one was. It is shown only now.")
        else:
            text = self.tr("If the administrator's password is ever forgotten, this code sets a new one. Write it "
                           "down on paper and keep it in the office safe, not on this computer. It is shown only "
                           "now.")
        self.code_label = QLabel(code)
        self.code_label.setObjectName("code")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(max(self.font().pointSizeF(), 10) * 2.2)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.code_label.setFont(font)
        self.code_label.setStyleSheet("padding: 14px; border: 2px dashed #808080; background: #fffdf0;")
        copy = _button(self.tr("Copy"), "copy")
        copy.clicked.connect(self.copy)
        self.copied = QLabel()
        self.copied.setObjectName("copied")
        self.kept = QCheckBox(self.tr("I have written the recovery code down and will keep it safe"))
        self.kept.setObjectName("kept")
        self.continue_button = _button(self.tr("Continue"), "continue")
        self.continue_button.setEnabled(False)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copied)
        copy_row.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.windowTitle()))
        layout.addWidget(_intro(text))
        layout.addWidget(self.code_label)
        layout.addLayout(copy_row)
        layout.addWidget(self.kept)
        layout.addLayout(button_row(self.continue_button))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.copied.setText(self.tr("Copied."))

    def reject(self) -> None:
        """Esc or the close box do nothing until the code is kept: it is never shown again."""
        if self.kept.isChecked():
            super().reject()


# -- signing in -----------------------------------------------------------------------------


class SignInDialog(QDialog):
    """登录: account name and password; remembers the account name (never the password)."""

    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None, *,
                 title: str = "", note: str = "") -> None:
        super().__init__(parent)
        self.db, self.settings = db, settings
        self.actor: Actor | None = None
        self.recovered = False  # signed in by a recovery (the new password was just chosen)
        self.setWindowTitle(title or self.tr("Sign in — {0}").format(db.org().name))
        self.setMinimumWidth(420)
        self.login = QLineEdit(settings.last_login)
        self.login.setObjectName("login")
        self.login.setMaxLength(64)
        self.password = password_edit("password")
        form = QFormLayout()
        form.addRow(self.tr("Account name"), self.login)
        form.addRow(self.tr("Password"), self.password)
        self.error = error_label("error")
        self.sign_in_button = _button(self.tr("Sign in"), "sign_in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        forgot = _button(self.tr("Forgot password…"), "forgot")
        forgot.clicked.connect(self.forgot)
        cancel = _button(self.tr("Quit") if not title else self.tr("Cancel"), "quit")
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("Yanqun — {0}").format(db.org().name)))
        if note:
            layout.addWidget(_intro(note))
        layout.addLayout(form)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(forgot)
        row.addStretch(1)
        row.addWidget(self.sign_in_button)
        row.addWidget(cancel)
        layout.addLayout(row)
        (self.password if settings.last_login else self.login).setFocus()

    def try_sign_in(self) -> Actor | None:
        login = self.login.text().strip()
        if not login:
            show_error(self.error, self.tr("Enter your account name."))
            self.login.setFocus()
            return None
        actor = attempt_sign_in(self.db, login, self.password, self.error)
        if actor is None:
            return None
        self._remember(login)
        self.actor = actor
        self.accept()
        return actor

    def _remember(self, login: str) -> None:
        if self.settings.last_login == login:
            return
        self.settings.last_login = login
        with contextlib.suppress(OSError):  # a read-only settings folder only loses the convenience
            save_settings(self.settings)

    def forgot(self) -> RecoveryDialog:
        dialog = RecoveryDialog(self.db, self)
        dialog.recovered.connect(self._recovered)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _recovered(self, actor: Actor) -> None:
        self.actor, self.recovered = actor, True
        self.accept()


class RecoveryDialog(QDialog):
    """忘记密码: a new administrator password with the recovery code or a district reset file."""

    recovered = Signal(object)  # the administrator's Actor, once the new password is set

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.reset_path: Path | None = None
        self.next_code = ""
        self.setWindowTitle(self.tr("Forgot password"))
        self.setMinimumWidth(540)
        intro = _intro(self.tr("An administrator's password is set anew with the recovery code written down at "
                               "the first start, or with a reset file the district issues for this computer. "
                               "Other accounts ask an administrator to set a new password."))
        self.by_code = QRadioButton(self.tr("With the recovery code"))
        self.by_code.setObjectName("by_code")
        self.by_file = QRadioButton(self.tr("With a reset file from the district (.yqreset)"))
        self.by_file.setObjectName("by_file")
        self.by_code.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_code)
        group.addButton(self.by_file)
        self.pages = QStackedWidget()
        code_page = QWidget()
        code_form = QFormLayout(code_page)
        code_form.setContentsMargins(0, 0, 0, 0)
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.admin_login = QLineEdit()
        self.admin_login.setObjectName("admin_login")
        self.admin_login.setPlaceholderText(self.tr("empty: the first administrator"))
        code_form.addRow(self.tr("Recovery code"), self.code)
        code_form.addRow(self.tr("Administrator account"), self.admin_login)
        file_page = QWidget()
        file_column = QVBoxLayout(file_page)
        file_column.setContentsMargins(0, 0, 0, 0)
        self.file_label = QLabel(self.tr("No file chosen."))
        self.file_label.setObjectName("reset_file")
        self.file_label.setWordWrap(True)
        choose = _button(self.tr("Choose file…"), "choose_file")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        self.grant_label = QLabel()
        self.grant_label.setObjectName("grant")
        self.grant_label.setWordWrap(True)
        file_column.addLayout(file_row)
        file_column.addWidget(self.grant_label)
        self.pages.addWidget(code_page)
        self.pages.addWidget(file_page)
        self.by_file.toggled.connect(lambda on: self.pages.setCurrentIndex(1 if on else 0))
        password_form = QFormLayout()
        self.password = NewPassword(password_form, self)
        self.error = error_label("error")
        self.set_button = _button(self.tr("Set the new password"), "set_password")
        self.set_button.setDefault(True)
        self.set_button.clicked.connect(self.recover)
        cancel = _button(self.tr("Cancel"), "cancel")
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.by_code)
        layout.addWidget(self.by_file)
        layout.addWidget(self.pages)
        layout.addSpacing(6)
        layout.addLayout(password_form)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.set_button, cancel))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the reset file"), "",
                                              self.tr("Reset file (*.yqreset);;All files (*)"))
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> bool:
        """Check the file at once and say who issued it and until when it is valid."""
        from yanqun_desktop.services.account_recovery import read_reset_file

        self.by_file.setChecked(True)
        self.file_label.setText(str(path))
        self.reset_path = None
        self.grant_label.clear()
        try:
            grant = read_reset_file(self.db, path)
        except ServiceError as e:
            show_error(self.error, str(e))
            return False
        show_error(self.error, "")
        self.reset_path = path
        who = grant.login or self.tr("the first administrator")
        self.grant_label.setText(
            self.tr("Issued by {0} at the district on {1}; valid until {2}, once. Sets the password of: {3}.")
            .format(grant.issued_by, local_time(grant.issued_at), local_time(grant.expires_at), who)
        )
        return True

    def recover(self) -> Actor | None:
        from yanqun_desktop.services.account_recovery import apply_reset_file, recover_with_code

        problem = self.password.problem(self.admin_login.text().strip())
        if problem:
            show_error(self.error, problem)
            return None
        try:
            if self.by_code.isChecked():
                if not self.code.text().strip():
                    show_error(self.error, self.tr("Enter the recovery code."))
                    return None
                actor, self.next_code = recover_with_code(self.db, self.code.text(), self.password.text(),
                                                          self.admin_login.text().strip() or None)
            else:
                if self.reset_path is None:
                    show_error(self.error, self.tr("Choose the reset file first."))
                    return None
                actor = apply_reset_file(self.db, self.reset_path, self.password.text())
        except ServiceError as e:
            show_error(self.error, str(e))
            return None
        self.password.clear()
        if self.next_code:  # the used code is spent: the new one is shown once, the same way
            codes = RecoveryCodeDialog(self.next_code, self, replaced=True)
            codes.setObjectName("new_recovery_code")
            codes.finished.connect(lambda _r: self._done(actor))
            codes.finished.connect(codes.deleteLater)
            codes.open()
        else:
            self._done(actor)
        return actor

    def _done(self, actor: Actor) -> None:
        self.recovered.emit(actor)
        self.accept()


class ChangePasswordDialog(QDialog):
    """修改密码: the account's own password; ``forced`` after an administrator set it (no way on
    into the app without choosing one: the only other button quits)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(parent)
        self.db, self.actor, self.forced = db, actor, forced
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(460)
        self.old = password_edit("old_password")
        form = QFormLayout()
        form.addRow(self.tr("Account"), QLabel(f"{actor.name}（{actor.login}，{role_label(actor.role)}）"))
        form.addRow(self.tr("Current password"), self.old)
        self.password = NewPassword(form, self)
        self.error = error_label("error")
        self.change_button = _button(self.tr("Change password"), "change")
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.change)
        cancel = _button(self.tr("Quit") if forced else self.tr("Cancel"), "cancel")
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        if forced:
            note = _intro(self.tr("Your password was set by an administrator. Choose your own password before you "
                                  "go on: only you should know it."))
            note.setObjectName("forced_note")
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.change_button, cancel))

    def change(self) -> bool:
        problem = self.password.problem(self.actor.login)
        if problem:
            show_error(self.error, problem)
            return False
        try:
            change_own_password(self.db, self.actor, self.old.text(), self.password.text())
        except ServiceError as e:
            show_error(self.error, str(e))
            return False
        self.old.clear()
        self.password.clear()
        self.accept()
        return True
