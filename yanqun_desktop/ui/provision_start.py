"""The IT person's presets on the first start (installer ``/STREET=`` and ``/DISTRICTCARD=``,
services/provisioning.py): the office is taken without asking, and the district's key card is
trusted once the first administrator has signed in. A broken or mismatched preset is shown to
the clerk and otherwise ignored: the app then asks as it would without one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.permissions import Permission, allows
from yanqun_desktop.services.provisioning import Provision, already_applied, apply_provision, find_provision
from yanqun_desktop.services.setup import initialise


def _title() -> str:
    return QCoreApplication.translate("Provision", "Preset by the installer")


def load_provision(parent: QWidget | None = None) -> Provision | None:
    try:
        return find_provision()
    except ServiceError as e:
        QMessageBox.warning(parent, _title(), str(e))
        return None


def preset_office(db: Database, provision: Provision | None, parent: QWidget | None = None) -> bool:
    """Bind a new database to the preset office; False when there is none (or it is refused)."""
    if provision is None or not provision.street or db.is_initialised:
        return False
    try:
        initialise(db, provision.street)
    except ServiceError as e:
        QMessageBox.warning(parent, _title(), f"{provision.source}：{e}")
        return False
    return True


def apply_after_sign_in(db: Database, actor: Actor, provision: Provision | None,
                        parent: QWidget | None = None) -> bool:
    """Trust the preset district card (and check the office) once, as an administrator."""
    if provision is None or already_applied(db, provision) or not allows(actor, Permission.MANAGE_KEYS):
        return False
    try:
        result = apply_provision(db, actor, provision)
    except ServiceError as e:
        QMessageBox.warning(parent, _title(), str(e))
        return False
    if result.applied and result.messages:
        QMessageBox.information(parent, _title(), "\n".join(result.messages))
    return result.applied
