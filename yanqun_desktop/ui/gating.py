"""What a role is offered: one place that turns the permission matrix into widgets.

Actions and buttons a role lacks are not offered: hidden (menus, page buttons), or, where the
layout would jump, disabled with a tooltip that names the missing permission. The services
refuse anyway (services/permissions.py); this only keeps the clerk from reaching a refusal.

A dialog that writes asks one ``Offer`` per permission it needs: its write buttons are then
hidden (disabled with a tooltip where asked), its inputs read only and a form's Save gone,
for a role that may only read; what reads (lists, details, print, save a copy) stays."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.permissions import PERMISSION_LABELS, Permission, allows, role_label

if TYPE_CHECKING:
    from yanqun_desktop.ui.widgets.form import FormDialog


def missing_tip(actor: Actor, permission: Permission) -> str:
    """「当前角色（只读）没有「修改记录」的权限」, for a tooltip."""
    return QCoreApplication.translate("Gating", "Your role ({0}) lacks the permission “{1}”.").format(
        role_label(actor.role), PERMISSION_LABELS[permission]
    )


def gate_action(action: QAction, actor: Actor, permission: Permission | None, *, hide: bool = True) -> bool:
    """Offer ``action`` only when ``actor`` holds ``permission``; returns whether it is offered."""
    if permission is None or allows(actor, permission):
        return True
    action.setEnabled(False)
    if hide:
        action.setVisible(False)
    else:
        action.setToolTip(missing_tip(actor, permission))
    return False


def gate_buttons(root: QWidget, actor: Actor, permissions: Mapping[str, Permission]) -> list[QAbstractButton]:
    """Disable (with the tooltip) the buttons under ``root`` named in ``permissions`` that
    ``actor`` lacks; for pages owned elsewhere, whose buttons are found by object name.
    Returns the buttons disabled."""
    gated: list[QAbstractButton] = []
    for name, permission in permissions.items():
        if allows(actor, permission):
            continue
        for button in root.findChildren(QAbstractButton, name):
            button.setEnabled(False)
            button.setToolTip(missing_tip(actor, permission))
            gated.append(button)
    return gated


# -- dialogs --------------------------------------------------------------------------------


class _StaysDisabled(QObject):
    """Keeps a widget that is not offered disabled, whatever the dialog's own code (enabling a
    button as the selection changes) asks later."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def keep_disabled(widget: QWidget) -> None:
    widget.setEnabled(False)
    if widget.property("gated") is not True:
        widget.setProperty("gated", True)
        widget.installEventFilter(_StaysDisabled(widget))


def read_only(*widgets: QWidget) -> None:
    """Nothing to type into: text and number fields read only (their text can still be selected
    and copied), choices, buttons and lists disabled; any other widget (a scroll area, a picker,
    a group) has the inputs inside it made read only the same way."""
    for w in widgets:
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
            w.setReadOnly(True)
        elif isinstance(w, QAbstractItemView):
            w.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            keep_disabled(w)
        elif isinstance(w, QComboBox | QAbstractButton):
            keep_disabled(w)
        else:
            read_only(*w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly))


class Offer:
    """What a dialog offers the signed-in ``actor`` under ``permission``.

    ``within``: a further condition the role alone does not settle (a studio leader records
    assessments of their own studio's people only), ``outside_tip`` saying why it fails.
    A role without the permission is not shown the writes (hidden); a role that has it but is
    outside finds them disabled, with the tooltip."""

    def __init__(self, actor: Actor, permission: Permission, *, within: bool = True, outside_tip: str = "") -> None:
        self.permission = permission
        self.held = allows(actor, permission)
        self.allowed = self.held and within
        self.tip = "" if self.allowed else missing_tip(actor, permission) if not self.held else outside_tip

    def __bool__(self) -> bool:
        return self.allowed

    def buttons(self, *buttons: QWidget, hide: bool | None = None) -> bool:
        """Offer ``buttons`` only when allowed; otherwise they stay disabled with the tooltip and,
        unless ``hide`` says otherwise, are hidden when the role lacks the permission."""
        if self.allowed:
            return True
        hidden = not self.held if hide is None else hide
        for b in buttons:
            keep_disabled(b)
            b.setToolTip(self.tip)
            if hidden:
                b.setVisible(False)
        return False

    def hide(self, *widgets: QWidget) -> bool:
        """Widgets that only serve writing (a hint on the file size, a key legend): hidden."""
        if not self.allowed:
            for w in widgets:
                w.setVisible(False)
        return self.allowed

    def inputs(self, *widgets: QWidget) -> bool:
        """Inputs the writes read from: read only unless allowed."""
        if not self.allowed:
            read_only(*widgets)
        return self.allowed

    def form(self, form: FormDialog, title: str = "") -> bool:
        """A form the actor may not save is shown to read: its fields read only, no Save, and
        Cancel becomes Close; ``title`` replaces an 编辑… title."""
        if self.allowed:
            return True
        self.inputs(*(f.widget for f in form.fields.values()))
        self.buttons(form.save_button, hide=True)
        form.cancel_button.setText(QCoreApplication.translate("Gating", "Close"))
        if title:
            form.setWindowTitle(title)
        return False
