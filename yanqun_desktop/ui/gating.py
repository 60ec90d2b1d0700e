"""What a role is offered: one place that turns the permission matrix into widgets.

Actions and buttons a role lacks are not offered: hidden (menus, page buttons), or, where the
layout would jump, disabled with a tooltip that names the missing permission. The services
refuse anyway (services/permissions.py); this only keeps the clerk from reaching a refusal."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QWidget

from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.permissions import PERMISSION_LABELS, Permission, allows, role_label


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
