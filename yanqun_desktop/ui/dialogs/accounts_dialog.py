"""账户管理: the office's accounts, for an administrator (MANAGE_ACCOUNTS).

Lists every account with its role and state (正常 / 锁定至 HH:MM / 已停用 / 需改密码) and the
last sign-in; adds accounts, changes roles, disables and enables, sets a password (to be changed
at the next sign-in) and unlocks. At the district it also signs a street administrator's reset
file. The services refuse what may not be done (the last administrator, the account in use)
and the refusal is shown in a message box."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yanqun_desktop.services.accounts import (
    AccountInfo,
    add_account,
    list_accounts,
    roles_for,
    set_password,
    unlock_account,
    update_account,
)
from yanqun_desktop.services.permissions import Permission, role_label
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.sign_in_dialogs import NewPassword, local_time
from yanqun_desktop.ui.widgets.dialog_parts import (
    REFUSALS,
    button_row,
    error_label,
    error_text,
    make_button,
    read_only_table,
)
from yanqun_desktop.ui.widgets.dialog_parts import show_error as show_label_error

DISTRICT = "nanshan-district"


def is_district(ctx: AppContext) -> bool:
    return ctx.org.is_district or ctx.org.code == DISTRICT


class AccountsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.accounts: list[AccountInfo] = []
        self.setWindowTitle(self.tr("Accounts"))
        self.resize(820, 420)
        self.table = read_only_table([self.tr("Account name"), self.tr("Full name"), self.tr("Role"),
                                      self.tr("State"), self.tr("Last sign-in")])
        self.table.setObjectName("accounts")
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.add_button = make_button(self.tr("New account…"), "add", self.add)
        self.role_button = make_button(self.tr("Change role…"), "role", self.change_role)
        self.disable_button = make_button(self.tr("Disable"), "disable", self.toggle_disabled)
        self.password_button = make_button(self.tr("Set password…"), "password", self.reset_password)
        self.unlock_button = make_button(self.tr("Unlock"), "unlock", self.unlock)
        close = make_button(self.tr("Close"), "close", self.accept)
        row = QHBoxLayout()
        for b in (self.add_button, self.role_button, self.disable_button, self.password_button, self.unlock_button):
            row.addWidget(b)
        row.addStretch(1)
        self.reset_file_button: QPushButton | None = None
        if is_district(ctx) and ctx.allows(Permission.SIGN_RESETS):
            self.reset_file_button = make_button(self.tr("Issue a street administrator reset file…"),
                                                 "reset_file", self.issue_reset_file)
            row.addWidget(self.reset_file_button)
        row.addWidget(close)
        note = QLabel(self.tr("A new account, or one whose password you set, chooses its own password at its next "
                              "sign-in. Accounts are never deleted: disable those no longer needed, so the audit "
                              "log keeps its names."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #606060;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addLayout(row)
        self.refresh()

    # -- listing ------------------------------------------------------------------------------
    def state_text(self, account: AccountInfo) -> str:
        if account.disabled:
            return self.tr("Disabled")
        if account.locked() and account.locked_until is not None:
            return self.tr("Locked until {0}").format(local_time(account.locked_until)[-5:])
        if account.must_change_password:
            return self.tr("Must change password")
        return self.tr("Normal")

    def refresh(self) -> None:
        keep = self.selected()
        try:
            self.accounts = list_accounts(self.ctx.db, self.ctx.actor())
        except REFUSALS as e:
            self.accounts = []
            QMessageBox.warning(self, self.windowTitle(), error_text(e))
        self.table.setRowCount(len(self.accounts))
        for row, account in enumerate(self.accounts):
            last = local_time(account.last_sign_in_at) if account.last_sign_in_at else self.tr("never")
            for col, text in enumerate((account.login, account.name, account.role_label, self.state_text(account),
                                        last)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, account.id)
                self.table.setItem(row, col, item)
            if account.disabled:
                for col in range(self.table.columnCount()):
                    self.table.item(row, col).setForeground(Qt.GlobalColor.gray)
        self.table.resizeColumnsToContents()
        if keep is not None:
            self.select(keep.id)
        self.update_buttons()

    def selected(self) -> AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.accounts):
            return None
        return self.accounts[rows[0].row()]

    def select(self, account_id: str) -> None:
        for row, account in enumerate(self.accounts):
            if account.id == account_id:
                self.table.selectRow(row)
                return

    def update_buttons(self) -> None:
        account = self.selected()
        for b in (self.role_button, self.disable_button, self.password_button):
            b.setEnabled(account is not None)
        self.unlock_button.setEnabled(account is not None and account.locked())
        self.disable_button.setText(self.tr("Enable") if account is not None and account.disabled
                                    else self.tr("Disable"))

    def _run(self, action: Callable[[], Any]) -> bool:
        try:
            action()
        except REFUSALS as e:
            QMessageBox.warning(self, self.tr("Not done"), error_text(e))
            self.refresh()
            return False
        self.refresh()
        return True

    # -- actions ------------------------------------------------------------------------------
    def add(self) -> NewAccountDialog:
        dialog = NewAccountDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._added(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _added(self, dialog: NewAccountDialog) -> None:
        self.refresh()
        if dialog.created is not None:
            self.select(dialog.created.id)

    def role_choices(self) -> list[tuple[str, str]]:
        return [(str(role), role_label(role)) for role in roles_for(self.ctx.db)]

    def change_role(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        choices = self.role_choices()
        labels = [label for _role, label in choices]
        current = next((i for i, (role, _l) in enumerate(choices) if role == account.role), 0)
        label, ok = QInputDialog.getItem(self, self.tr("Change role"),
                                         self.tr("Role of {0}:").format(account.name), labels, current, False)
        if not ok:
            return False
        return self.set_role(account, dict(zip(labels, (r for r, _l in choices), strict=True))[label])

    def set_role(self, account: AccountInfo, role: str) -> bool:
        return self._run(lambda: update_account(self.ctx.db, self.ctx.actor(), account.id, role=role))

    def toggle_disabled(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        if not account.disabled:
            answer = QMessageBox.question(self, self.windowTitle(),
                                          self.tr("Disable the account of {0}? They can no longer sign in.")
                                          .format(account.name))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.set_disabled(account, not account.disabled)

    def set_disabled(self, account: AccountInfo, disabled: bool) -> bool:
        return self._run(lambda: update_account(self.ctx.db, self.ctx.actor(), account.id, disabled=disabled))

    def reset_password(self) -> SetPasswordDialog | None:
        account = self.selected()
        if account is None:
            return None
        dialog = SetPasswordDialog(self.ctx, account, self)
        dialog.accepted.connect(self.refresh)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def unlock(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        return self._run(lambda: unlock_account(self.ctx.db, self.ctx.actor(), account.id))

    def issue_reset_file(self) -> ResetFileDialog:
        dialog = ResetFileDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


class NewAccountDialog(QDialog):
    """新增账户: account name, full name, role and a first password (changed at first sign-in)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: AccountInfo | None = None
        self.setWindowTitle(self.tr("New account"))
        self.setMinimumWidth(460)
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.login.setMaxLength(64)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in roles_for(ctx.db):
            self.role.addItem(role_label(role), str(role))
        self.role.setCurrentIndex(max(0, self.role.findData("clerk")))
        form = QFormLayout()
        form.addRow(self.tr("Account name"), self.login)
        form.addRow(self.tr("Full name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        self.password = NewPassword(form, self)
        hint = QLabel(self.tr("Tell them this first password in person; they choose their own at the first "
                              "sign-in."))
        hint.setWordWrap(True)
        self.error = error_label("error")
        save = make_button(self.tr("Create account"), "create", self.save)
        save.setDefault(True)
        cancel = make_button(self.tr("Cancel"), "cancel", self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addLayout(button_row(save, cancel))

    def save(self) -> AccountInfo | None:
        login = self.login.text().strip()
        problem = self.password.problem(login)
        if problem:
            show_label_error(self.error, problem)
            return None
        try:
            self.created = add_account(self.ctx.db, self.ctx.actor(), login, self.name.text(),
                                       str(self.role.currentData()), self.password.text())
        except REFUSALS as e:
            show_label_error(self.error, error_text(e))
            return None
        self.password.clear()
        self.accept()
        return self.created


class SetPasswordDialog(QDialog):
    """重设密码: an administrator sets someone's password; they change it at the next sign-in."""

    def __init__(self, ctx: AppContext, account: AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.account = ctx, account
        self.setWindowTitle(self.tr("Set password"))
        self.setMinimumWidth(440)
        intro = QLabel(self.tr("A new password for {0} ({1}). The account is unlocked, and chooses its own password "
                               "at the next sign-in.").format(account.name, account.login))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.password = NewPassword(form, self)
        self.error = error_label("error")
        save = make_button(self.tr("Set password"), "save", self.save)
        save.setDefault(True)
        cancel = make_button(self.tr("Cancel"), "cancel", self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(button_row(save, cancel))

    def save(self) -> bool:
        problem = self.password.problem(self.account.login)
        if problem:
            show_label_error(self.error, problem)
            return False
        try:
            set_password(self.ctx.db, self.ctx.actor(), self.account.id, self.password.text())
        except REFUSALS as e:
            show_label_error(self.error, error_text(e))
            return False
        self.password.clear()
        self.accept()
        return True


class ResetFileDialog(QDialog):
    """签发街道管理员重置文件 (district): a signed, one-time, few-day file for one street's PC."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from yanqun_desktop.services.programmes import street_choices

        self.ctx = ctx
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Street administrator reset file"))
        self.setMinimumWidth(500)
        intro = QLabel(self.tr("When a street's administrator has lost both the password and the recovery code, the "
                               "district signs a reset file for that street's computer. It is valid for a few days "
                               "and once; carry it to the street on a USB stick. The district must trust the street's "
                               "key card."))
        intro.setWordWrap(True)
        self.street = QComboBox()
        self.street.setObjectName("street")
        for _street_id, name in street_choices(ctx.db):
            self.street.addItem(name, name)
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.login.setPlaceholderText(self.tr("empty: the street's first administrator"))
        form = QFormLayout()
        form.addRow(self.tr("Street"), self.street)
        form.addRow(self.tr("Administrator account"), self.login)
        self.error = error_label("error")
        save = make_button(self.tr("Save as…"), "save", self.choose_and_write)
        save.setDefault(True)
        cancel = make_button(self.tr("Close"), "cancel", self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(button_row(save, cancel))

    def choose_and_write(self) -> Path | None:
        from yanqun_desktop.services.account_recovery import RESET_SUFFIX

        name = f"{self.street.currentText()}-管理员重置{RESET_SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), name,
                                              self.tr("Reset file (*.yqreset)"))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != RESET_SUFFIX:
            target = target.with_name(target.name + RESET_SUFFIX)
        return self.write_to(target)

    def write_to(self, target: Path) -> Path | None:
        from yanqun_desktop.services.account_recovery import write_reset_file

        try:
            grant = write_reset_file(self.ctx.db, self.ctx.actor(), str(self.street.currentData()), target,
                                     login=self.login.text().strip())
        except (*REFUSALS, OSError) as e:
            show_label_error(self.error, error_text(e))
            return None
        self.written = target
        QMessageBox.information(self, self.windowTitle(),
                                self.tr("Written: {0}\nValid until {1}, once, on {2}'s computer.")
                                .format(target, local_time(grant.expires_at), self.street.currentText()))
        self.accept()
        return target
