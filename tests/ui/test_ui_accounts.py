"""Accounts in the UI: first start, sign-in and its refusals, the forced password change, the
idle lock, role gating of the main window, the accounts dialog and masked personal data.

Dialogs that the start-up runs modally (``exec``) are driven by replacing ``exec`` with a
function that fills and clicks the real dialog, so no nested event loop waits on a timer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton
from sqlalchemy import select
from ui_helpers import id_card, open_db

from yanqun_desktop.config import Settings, load_settings, settings_path
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation
from yanqun_desktop.domain.validation import mask_id_card, mask_phone
from yanqun_desktop.services.account_recovery import recover_with_code
from yanqun_desktop.services.accounts import (
    add_account,
    create_first_admin,
    list_accounts,
    needs_password_change,
    sign_in,
)
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import person_form_values, reveal_personal, save_person
from yanqun_desktop.ui.app import WindowKeeper, build_main_window
from yanqun_desktop.ui.context import AppContext
from yanqun_desktop.ui.dialogs.sign_in_dialogs import (
    ChangePasswordDialog,
    CreateAdminDialog,
    RecoveryCodeDialog,
    RecoveryDialog,
    SignInDialog,
)
from yanqun_desktop.ui.pages.registry_page import RegistryPage
from yanqun_desktop.ui.pages.sync_page import SyncPage
from yanqun_desktop.ui.sign_in import sign_in_interactively, start_session

ADMIN_PW = "admin-pass-1"
CLERK_PW = "clerk-pass-1"
PHONE = "13812345678"


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def admin(ui_street_db: Database) -> Actor:
    actor, _code = create_first_admin(ui_street_db, "wangxh", "王小红", ADMIN_PW)
    return actor


def account(db: Database, admin: Actor, login: str, name: str, role: str) -> Actor:
    """An account that has chosen its own password (signed in once)."""
    add_account(db, admin, login, name, role, CLERK_PW)
    actor = sign_in(db, login, CLERK_PW)
    from yanqun_desktop.services.accounts import change_own_password

    change_own_password(db, actor, CLERK_PW, CLERK_PW + "x")
    return actor


# -- first start ----------------------------------------------------------------------------


def test_first_start_creates_the_administrator_and_shows_a_recovery_code(
    qtbot, ui_street_db: Database, settings: Settings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    shown: dict[str, str] = {}

    def create(dialog: CreateAdminDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.login.setText("wangxh")
        dialog.name.setText("王小红")
        dialog.password.first.setText("short")
        dialog.password.second.setText("short")
        click(qtbot, dialog.create_button)
        assert "8" in dialog.error.text() and not dialog.error.isHidden()  # the rule, in Chinese
        dialog.password.first.setText(ADMIN_PW)
        dialog.password.second.setText(ADMIN_PW)
        click(qtbot, dialog.create_button)
        return dialog.result()

    def keep(dialog: RecoveryCodeDialog) -> int:
        qtbot.addWidget(dialog)
        shown["code"] = dialog.code_label.text()
        assert not dialog.continue_button.isEnabled()  # not before the code is kept
        dialog.show()
        dialog.reject()  # Esc or the close box
        assert dialog.isVisible()
        click(qtbot, dialog.findChild(QPushButton, "copy"))
        from PySide6.QtGui import QGuiApplication

        assert QGuiApplication.clipboard().text() == shown["code"]
        dialog.kept.setChecked(True)
        click(qtbot, dialog.continue_button)
        return dialog.result()

    monkeypatch.setattr(CreateAdminDialog, "exec", create)
    monkeypatch.setattr(RecoveryCodeDialog, "exec", keep)
    actor = start_session(ui_street_db, settings)
    assert actor is not None and actor.login == "wangxh" and actor.role == "admin"
    rows = list_accounts(ui_street_db, actor)
    assert [(a.login, a.name, a.role) for a in rows] == [("wangxh", "王小红", "admin")]
    # The code shown is the one that works (and only once: a new one replaces it).
    recovered, next_code = recover_with_code(ui_street_db, shown["code"], "brand-new-pw")
    assert recovered.login == "wangxh" and next_code != shown["code"]


def test_demo_database_skips_signing_in(ui_street_db: Database, settings: Settings) -> None:
    ui_street_db.set_meta(demo="1")
    actor = start_session(ui_street_db, settings)
    assert actor is not None and actor.login == "" and actor.role == "admin"


# -- signing in -----------------------------------------------------------------------------


def test_wrong_password_is_said_in_the_dialog_then_the_account_locks(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(ui_street_db, settings)
    qtbot.addWidget(dialog)
    dialog.login.setText("wangxh")
    for _ in range(4):
        dialog.password.setText("wrong-password")
        click(qtbot, dialog.sign_in_button)
        assert "账户名或密码不正确" in dialog.error.text() and not dialog.error.isHidden()
        assert dialog.password.text() == "" and dialog.actor is None
    dialog.password.setText("wrong-password")
    click(qtbot, dialog.sign_in_button)
    assert "锁定" in dialog.error.text()
    dialog.password.setText(ADMIN_PW)  # even the right password waits for the lock to pass
    click(qtbot, dialog.sign_in_button)
    assert "锁定" in dialog.error.text() and dialog.actor is None


def test_sign_in_remembers_the_account_name_never_the_password(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(ui_street_db, settings)
    qtbot.addWidget(dialog)
    dialog.login.setText("wangxh")
    dialog.password.setText(ADMIN_PW)
    click(qtbot, dialog.sign_in_button)
    assert dialog.actor is not None and dialog.actor.name == "王小红"
    assert load_settings().last_login == "wangxh"
    assert ADMIN_PW not in settings_path().read_text(encoding="utf-8")
    again = SignInDialog(ui_street_db, load_settings())
    qtbot.addWidget(again)
    assert again.login.text() == "wangxh"


def clerk_signs_in(qtbot):  # type: ignore[no-untyped-def]
    """Stands in for SignInDialog.exec: 李四 (lisi) types the password an administrator set."""

    def sign(dialog: SignInDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.login.setText("lisi")
        dialog.password.setText(CLERK_PW)
        click(qtbot, dialog.sign_in_button)
        return dialog.result()

    return sign


def test_a_password_set_by_the_administrator_must_be_changed(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    add_account(ui_street_db, admin, "lisi", "李四", "clerk", CLERK_PW)
    seen: list[str] = []

    def change(dialog: ChangePasswordDialog) -> int:
        qtbot.addWidget(dialog)
        seen.append("forced" if dialog.forced and dialog.findChild(object, "forced_note") else "optional")
        dialog.old.setText(CLERK_PW)
        dialog.password.first.setText(CLERK_PW)  # the same one is refused
        dialog.password.second.setText(CLERK_PW)
        click(qtbot, dialog.change_button)
        assert "不能与原密码相同" in dialog.error.text()
        dialog.password.first.setText("my-own-pass")
        dialog.password.second.setText("my-own-pass")
        click(qtbot, dialog.change_button)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", clerk_signs_in(qtbot))
    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    actor = sign_in_interactively(ui_street_db, settings)
    assert seen == ["forced"]
    assert actor is not None and actor.role == "clerk"
    assert not needs_password_change(ui_street_db, actor)
    assert sign_in(ui_street_db, "lisi", "my-own-pass").login == "lisi"


def test_quitting_the_forced_change_does_not_sign_in(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    add_account(ui_street_db, admin, "lisi", "李四", "clerk", CLERK_PW)

    def quit_change(dialog: ChangePasswordDialog) -> int:
        qtbot.addWidget(dialog)
        click(qtbot, dialog.findChild(QPushButton, "cancel"))
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", clerk_signs_in(qtbot))
    monkeypatch.setattr(ChangePasswordDialog, "exec", quit_change)
    assert sign_in_interactively(ui_street_db, settings) is None


def test_forgot_password_with_the_recovery_code_shows_the_next_code(
    qtbot, ui_street_db: Database, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    _actor, code = create_first_admin(ui_street_db, "wangxh", "王小红", ADMIN_PW)
    sign = SignInDialog(ui_street_db, settings)
    qtbot.addWidget(sign)
    recovery = sign.forgot()
    recovery.code.setText("0000-0000-0000-0000-0000")
    recovery.password.first.setText("brand-new-pw")
    recovery.password.second.setText("brand-new-pw")
    click(qtbot, recovery.set_button)
    assert "恢复码不正确" in recovery.error.text()
    recovery.code.setText(code.lower().replace("-", ""))  # typed without dashes, in lower case
    click(qtbot, recovery.set_button)
    shown = recovery.findChild(RecoveryCodeDialog, "new_recovery_code")
    assert shown is not None and shown.code_label.text() == recovery.next_code != code
    shown.kept.setChecked(True)
    click(qtbot, shown.continue_button)
    assert sign.actor is not None and sign.actor.login == "wangxh" and sign.recovered
    assert sign_in(ui_street_db, "wangxh", "brand-new-pw").login == "wangxh"


# -- the idle lock ---------------------------------------------------------------------------


def test_idle_lock_hides_the_window_and_the_password_brings_it_back(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    window = build_main_window(ui_street_db, settings, admin)
    qtbot.addWidget(window)
    window.show()
    assert window.lock_action.isVisible() and window.lock_action.shortcut().toString() == "Ctrl+L"
    window.idle.set_timeout_ms(30)
    qtbot.waitUntil(lambda: window.lock_screen.locked, timeout=5000)
    assert not window.isVisible()
    lock = window.lock_screen.dialog
    assert lock is not None and lock.isVisible()
    lock.password.setText("wrong-password")
    click(qtbot, lock.unlock_button)
    assert "密码不正确" in lock.error.text() and not window.isVisible()
    lock.reject()  # Esc does not unlock
    assert window.lock_screen.locked
    lock.password.setText(ADMIN_PW)
    click(qtbot, lock.unlock_button)
    assert window.isVisible() and not window.lock_screen.locked
    window.idle.set_timeout_ms(0)


def test_lock_action_and_switching_account_rebuild_the_window(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    reader = account(ui_street_db, admin, "zhao", "赵只读", "read_only")
    keeper = WindowKeeper(ui_street_db, settings)
    first = keeper.open(admin)
    first.lock_action.trigger()
    lock = first.lock_screen.dialog
    assert lock is not None and not first.isVisible()
    lock.switched.emit(reader)  # what 切换账户… emits once the other account signed in
    second = keeper.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert second.isVisible() and second.ctx.actor() == reader
    assert "赵只读" in second.operator_label.text() and "只读" in second.operator_label.text()
    assert not first.lock_screen.locked


def test_no_lock_without_a_signed_in_account(window) -> None:  # type: ignore[no-untyped-def]
    assert not window.lock_action.isVisible() and window.idle.timeout_ms == 0
    assert window.lock() is None


# -- role gating ------------------------------------------------------------------------------


def visible_actions(window, names: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    return [n for n in names if (a := window.findChild(QAction, n)) is not None and a.isVisible() and a.isEnabled()]


EDIT_BUTTONS = ("add", "edit", "delete", "retire", "withdraw", "enrol", "roll_call")
IMPORTS = ["import_roster", "import_signin", "template_people"]


def test_a_read_only_window_offers_no_edits_imports_or_audit(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    reader = account(ui_street_db, admin, "zhao", "赵只读", "read_only")
    window = build_main_window(ui_street_db, settings, reader)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "操作日志" not in titles and "统计概览" in titles
    for page in window.pages:
        if isinstance(page, RegistryPage):
            assert not any(page.offered(name) for name in EDIT_BUTTONS), page.spec.key
    people = window.pages[0]
    assert people.offered("view") and people.offered("archive")
    assert visible_actions(window, IMPORTS) == []
    assert visible_actions(window, ["export_people", "batch_print"]) == ["export_people", "batch_print"]
    assert visible_actions(window, ["check_action", "accounts_action", "demo_action", "backup_action"]) == []
    sync = next(p for p in window.pages if isinstance(p, SyncPage))
    for name in ("export", "import"):
        button = sync.findChild(QPushButton, name)
        assert not button.isEnabled() and "导出和导入数据包" in button.toolTip()
    assert "赵只读" in window.operator_label.text() and "只读" in window.operator_label.text()


def test_a_studio_leader_keeps_assessments_and_archives(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    leader = account(ui_street_db, admin, "qian", "钱牵头", "studio_leader")
    window = build_main_window(ui_street_db, settings, leader)
    qtbot.addWidget(window)
    people = window.pages[0]
    assert people.offered("assessments") and people.offered("archive") and not people.offered("add")
    assert visible_actions(window, [*IMPORTS, "export_people", "stats_workbook"]) == []
    assert visible_actions(window, ["batch_print"]) == ["batch_print"]
    dashboard = next(p for p in window.pages if p.page_title() == "统计概览")
    workbook = dashboard.findChild(QPushButton, "report_xlsx")
    assert not workbook.isEnabled() and "导出表格" in workbook.toolTip()


def test_the_administrator_adds_a_clerk_whose_window_has_no_account_management(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = build_main_window(ui_street_db, settings, admin)
    qtbot.addWidget(window)
    assert visible_actions(window, ["accounts_action", "check_action", "backup_action"]) == [
        "accounts_action", "check_action", "backup_action"]
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "操作日志" in titles
    accounts = window.open_accounts()
    assert accounts.table.rowCount() == 1 and accounts.findChild(QPushButton, "reset_file") is None
    new = accounts.add()
    new.login.setText("lisi")
    new.name.setText("李四")
    new.role.setCurrentIndex(new.role.findData("clerk"))
    new.password.first.setText(CLERK_PW)
    new.password.second.setText("other-pass-2")
    click(qtbot, new.findChild(QPushButton, "create"))
    assert not new.error.isHidden() and len(list_accounts(ui_street_db, admin)) == 1  # said; nothing created
    new.password.second.setText(CLERK_PW)
    click(qtbot, new.findChild(QPushButton, "create"))
    rows = {a.login: a for a in list_accounts(ui_street_db, admin)}
    assert rows["lisi"].role == "clerk" and rows["lisi"].must_change_password
    assert accounts.table.rowCount() == 2
    states = [accounts.table.item(r, 3).text() for r in range(2)]
    assert accounts.table.item(1, 2).text() == "办事员" and accounts.selected().login == "lisi"
    assert states[0] != states[1]  # 正常 / 需改密码
    # A refusal of the service is said in a message box (the last administrator stays).
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    accounts.select(rows["wangxh"].id)
    assert not accounts.set_disabled(accounts.selected(), True)
    assert warnings and "当前登录" in warnings[0]
    assert accounts.set_role(rows["lisi"], "read_only")
    assert {a.login: a.role for a in list_accounts(ui_street_db, admin)}["lisi"] == "read_only"
    assert accounts.set_role(rows["lisi"], "clerk")
    clerk = account(ui_street_db, admin, "zhou", "周办事", "clerk")
    clerk_window = build_main_window(ui_street_db, settings, clerk)
    qtbot.addWidget(clerk_window)
    assert visible_actions(clerk_window, ["accounts_action", "check_action"]) == []
    assert visible_actions(clerk_window, ["import_roster", "backup_action", "password_action"]) == [
        "import_roster", "backup_action", "password_action"]
    assert clerk_window.pages[0].offered("add") and clerk_window.pages[0].offered("edit")
    titles = [clerk_window.nav.item(i).text() for i in range(clerk_window.nav.count())]
    assert "操作日志" not in titles


def test_settings_keep_the_idle_minutes_and_only_a_maintainer_chooses_the_database(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor
) -> None:  # type: ignore[no-untyped-def]
    window = build_main_window(ui_street_db, settings, admin)
    qtbot.addWidget(window)
    dialog = window.open_settings()
    assert dialog.may_choose_database and dialog.idle_minutes.value() == 10
    dialog.idle_minutes.setValue(3)
    dialog.save()
    assert load_settings().idle_lock_minutes == 3 and window.idle.timeout_ms == 3 * 60_000
    reader = account(ui_street_db, admin, "zhao", "赵只读", "read_only")
    reader_window = build_main_window(ui_street_db, load_settings(), reader)
    qtbot.addWidget(reader_window)
    limited = reader_window.open_settings()
    assert not limited.may_choose_database and limited.database is None


# -- personal data ----------------------------------------------------------------------------


@pytest.fixture
def person(ui_street_db: Database, admin: Actor) -> tuple[str, str]:
    number = id_card(1980, 7)
    saved = save_person(ui_street_db, admin, {"name": "张三", "id_card": number, "phone": PHONE})
    return saved.id, number


def texts(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.text() for e in dialog.findChildren(QLineEdit)]


def test_person_form_masks_for_a_read_only_role(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor, person: tuple[str, str]
) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.person_dialog import PersonDialog

    reader = account(ui_street_db, admin, "zhao", "赵只读", "read_only")
    dialog = PersonDialog(AppContext(ui_street_db, settings, reader), person[0])
    qtbot.addWidget(dialog)
    assert dialog.id_card.text() == mask_id_card(person[1]) and dialog.phone.text() == mask_phone(PHONE)
    assert dialog.id_card.isReadOnly() and dialog.phone.isReadOnly()
    assert not dialog.reveal_button.isEnabled() and "查看完整身份证号和电话" in dialog.reveal_button.toolTip()
    assert not dialog.reveal()
    assert person[1] not in texts(dialog) and PHONE not in texts(dialog)
    assert person[1] not in dialog.masked.values()  # not even kept aside
    assert dialog.save_button.isHidden() and dialog.fields["name"].widget.isReadOnly()


def test_person_form_reveals_for_a_clerk_and_keeps_masked_values(
    qtbot, ui_street_db: Database, settings: Settings, admin: Actor, person: tuple[str, str]
) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.person_dialog import PersonDialog

    clerk = account(ui_street_db, admin, "zhou", "周办事", "clerk")
    ctx = AppContext(ui_street_db, settings, clerk)
    dialog = PersonDialog(ctx, person[0])
    qtbot.addWidget(dialog)
    assert dialog.id_card.text() == mask_id_card(person[1]) and dialog.reveal_button.isEnabled()
    dialog.fields["estate"].set("桃花园")
    dialog.save()  # still masked: the numbers are not sent and stay as they were
    values = person_form_values(ui_street_db, clerk, person[0]).values
    assert values["estate"] == "桃花园" and values["id_card"] == mask_id_card(person[1])
    assert reveal_personal(ui_street_db, admin, person[0]) == {"id_card": person[1], "phone": PHONE}
    again = PersonDialog(ctx, person[0])
    qtbot.addWidget(again)
    click(qtbot, again.reveal_button)
    assert again.id_card.text() == person[1] and again.phone.text() == PHONE
    with ui_street_db.session() as s:  # asking is recorded: who looked at whose numbers
        seen = s.scalars(select(AuditOperation.actor).where(AuditOperation.operation == "personal.reveal")).all()
    assert "周办事" in seen
    assert not again.id_card.isReadOnly() and not again.reveal_button.isEnabled()
    again.phone.setText("13900001111")
    again.save()
    assert reveal_personal(ui_street_db, admin, person[0])["phone"] == "13900001111"


# -- the district's reset file ------------------------------------------------------------------


def test_district_reset_file_opens_a_street_administrator_account(
    qtbot, tmp_path: Path, ui_street_db: Database, settings: Settings, admin: Actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.services.keys import ensure_keys, trust_card, write_card

    district = open_db(tmp_path, "nanshan-district")
    try:
        district_admin, _code = create_first_admin(district, "qu", "区管理员", ADMIN_PW)
        ensure_keys(ui_street_db)
        ensure_keys(district)
        write_card(ui_street_db, tmp_path / "street.yqcard")
        trust_card(district, district_admin, tmp_path / "street.yqcard")
        write_card(district, tmp_path / "district.yqcard")
        trust_card(ui_street_db, admin, tmp_path / "district.yqcard")
        window = build_main_window(district, settings, district_admin)
        qtbot.addWidget(window)
        accounts = window.open_accounts()
        issue = accounts.issue_reset_file()
        issue.street.setCurrentIndex(issue.street.findText("招商街道"))
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
        target = issue.write_to(tmp_path / "招商-管理员重置.yqreset")
        assert target is not None and target.exists()
    finally:
        district.dispose()
    recovery = RecoveryDialog(ui_street_db)
    qtbot.addWidget(recovery)
    assert recovery.use_file(target)
    assert "区管理员" in recovery.grant_label.text()
    recovery.password.first.setText("after-reset-1")
    recovery.password.second.setText("after-reset-1")
    got: list[Actor] = []
    recovery.recovered.connect(got.append)
    click(qtbot, recovery.set_button)
    assert got and got[0].login == "wangxh" and recovery.next_code == ""
    assert sign_in(ui_street_db, "wangxh", "after-reset-1").role == "admin"
