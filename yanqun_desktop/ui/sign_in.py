"""Who uses the app: the start-up's sign-in (or the first administrator), and switching account.

``start_session`` runs once the office is chosen: a database without accounts creates its
administrator and shows the recovery code; one with accounts asks to sign in (with 忘记密码…);
an account whose password an administrator set must choose its own before going on. A demo
database opens as the demo administrator without signing in. Each returns the ``Actor`` the
main window acts as, or None when the clerk quit."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.services.accounts import demo_actor, has_accounts, needs_password_change
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.ui.dialogs.sign_in_dialogs import (
    ChangePasswordDialog,
    CreateAdminDialog,
    RecoveryCodeDialog,
    SignInDialog,
)

ACCEPTED = QDialog.DialogCode.Accepted


def run_and_delete(dialog: QDialog) -> int:
    """``exec()`` the dialog, then delete it: at start-up its parent is the main window, which
    lives all day, and the dialog must not (nor what it holds: a recovery code, a password).
    Its Python attributes (``actor`` …) can still be read until the caller lets go of it."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def start_session(db: Database, settings: Settings, *, demo: bool = False,
                  parent: QWidget | None = None) -> Actor | None:
    if demo or db.is_demo:
        try:
            return demo_actor(db, demo_location=demo)
        except PermissionDenied:
            pass  # not a demo database after all: sign in as usual
    if not has_accounts(db):
        return create_administrator(db, parent)
    return sign_in_interactively(db, settings, parent)


def create_administrator(db: Database, parent: QWidget | None = None) -> Actor | None:
    dialog = CreateAdminDialog(db, parent)
    if run_and_delete(dialog) != ACCEPTED or dialog.actor is None:
        return None
    run_and_delete(RecoveryCodeDialog(dialog.recovery_code, parent))  # closes only once the code is kept
    return dialog.actor


def sign_in_interactively(db: Database, settings: Settings, parent: QWidget | None = None, *,
                          title: str = "", note: str = "") -> Actor | None:
    dialog = SignInDialog(db, settings, parent, title=title, note=note)
    if run_and_delete(dialog) != ACCEPTED or dialog.actor is None:
        return None
    actor = dialog.actor
    if not dialog.recovered and not ensure_own_password(db, actor, parent):
        return None
    return actor


def ensure_own_password(db: Database, actor: Actor, parent: QWidget | None = None) -> bool:
    """An account whose password an administrator set chooses its own first; False: it quit."""
    if not actor.login or not needs_password_change(db, actor):
        return True
    return run_and_delete(ChangePasswordDialog(db, actor, parent, forced=True)) == ACCEPTED
