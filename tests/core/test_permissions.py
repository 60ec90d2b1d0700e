"""The permission matrix, walked: every service that takes an ``Actor`` checks a permission, and
every service and every write operation refuses exactly the roles the matrix leaves out."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import yanqun_desktop
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import AuditOperation, Base, Person, Synced
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.permissions import (
    GUARDED,
    MATRIX,
    PERMISSION_LABELS,
    Permission,
    Role,
    allows,
    permission_for_operation,
)
from yanqun_desktop.services.uow import unit_of_work

PACKAGES = ("yanqun_desktop.services", "yanqun_desktop.sync", "yanqun_desktop.reports")
SOURCE = Path(yanqun_desktop.__file__).parent

# Functions that take an actor but are not services a caller reaches on its own: validators run
# inside a service's unit of work, the permission functions themselves, an account's own
# password (checked against the password), and helpers of guarded services.
NOT_ENTRY_POINTS = {
    "services.permissions.allows",
    "services.permissions.require",
    "services.accounts.audit_account",
    "services.accounts.needs_password_change",
    "services.accounts.change_own_password",
    "services.lookup.community_for",
    "services.roster.common.acting_street",
    "services.roster.export.template_lists",
    "services.roster.export.roster_rows",
    "services.keys.trust_card",  # enrol_card's shorthand: its unit of work checks the role
    "services.programmes.withdraw_reserve",  # save_reserve's shorthand
    "sync.conflicts.retire_aliases",
    "sync.conflicts.follow_aliases",
    "services.scope.require_in_scope",
    "services.scope.limited_to_studio",
    "services.scope.studio_people",
    "services.uow.unit_of_work",
}
WRITES = re.compile(r"\b(unit_of_work|save_record|delete_record)\(")


def _services() -> list[tuple[str, Callable[..., Any]]]:
    found = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            if ".demo" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, fn in vars(module).items():
                if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                    continue
                if "actor" in inspect.signature(fn).parameters:
                    found.append((f"{module.__name__.removeprefix('yanqun_desktop.')}.{name}", fn))
    return found


def _actor(role: str, org: str = "shahe") -> Actor:
    return Actor(f"测试{role}", role, org, f"login-{role}")


def test_every_service_taking_an_actor_checks_a_permission() -> None:
    unchecked = []
    for name, fn in _services():
        validator = name.rsplit(".", 1)[-1].startswith("clean_")  # (session, actor, raw, row)
        if name in NOT_ENTRY_POINTS or validator or hasattr(fn, "required_permission"):
            continue
        if WRITES.search(inspect.getsource(fn)):  # the unit of work checks the operation's role
            continue
        unchecked.append(name)
    assert unchecked == [], f"services that take an actor but check no permission: {unchecked}"


def test_every_permission_has_a_row_and_a_label() -> None:
    assert set(MATRIX) == set(Permission)
    assert allows(_actor(Role.READ_ONLY), Permission.VIEW_RECORDS)
    assert not allows(_actor("operator"), Permission.VIEW_RECORDS)  # no such role: nothing allowed


@pytest.mark.parametrize("role", list(Role))
def test_guarded_services_refuse_exactly_the_roles_the_matrix_leaves_out(role: Role) -> None:
    guarded = [(name, fn) for name, fn in _services() if hasattr(fn, "required_permission")]
    assert len(guarded) >= len(GUARDED) - 1 > 20  # every decorated service was found
    for name, fn in guarded:
        params = inspect.signature(fn).parameters
        args = {p: None for p, spec in params.items() if spec.default is inspect.Parameter.empty}
        args["actor"] = _actor(role)
        permission = fn.required_permission  # type: ignore[attr-defined]
        if allows(args["actor"], permission):
            continue  # not called with dummy arguments: an allowed call would start real work
        with pytest.raises(PermissionDenied, match=r"^当前账户") as refused:
            fn(**args)  # refused before the body runs, so the dummy arguments are never used
        assert PERMISSION_LABELS[permission] in str(refused.value), name


def _operations() -> set[str]:
    """Every operation name a unit of work records: the literals in the source, the dynamic
    ones named here, and each synced table's create/update/delete (services/records.py)."""
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r'unit_of_work\(\s*\w+,\s*\w+,\s*"([^"]+)"', text))
    names |= {"keys.trust", "keys.replace", "assessments.create", "assessments.update"}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Synced):
            names |= {f"{cls.__tablename__}.{verb}" for verb in ("create", "update", "delete")}
    return names


def test_every_write_operation_by_every_role(street_db: Database) -> None:
    operations = _operations()
    assert {"people.create", "sync.import", "check.repair", "undo", "keys.trust", "roster.import"} <= operations
    with street_db.session() as s:
        before = s.scalar(select(func.count()).select_from(AuditOperation))
    for operation in sorted(operations):
        permission = permission_for_operation(operation)
        for role in Role:
            actor = _actor(role)
            try:
                with unit_of_work(street_db, actor, operation, "权限检查"):
                    pass
            except PermissionDenied:
                assert not allows(actor, permission), f"{operation} refused {role}"
            else:
                assert allows(actor, permission), f"{operation} let {role} write"
    with street_db.session() as s:  # an empty unit of work writes no audit row
        assert s.scalar(select(func.count()).select_from(AuditOperation)) == before


def test_the_matrix_where_it_matters() -> None:
    """The rows a security officer reads first, spelled out."""
    ops = {
        "people.create": {Role.ADMIN, Role.CLERK, Role.DISTRICT_ADMIN},
        "assessments.create": {Role.ADMIN, Role.CLERK, Role.STUDIO_LEADER, Role.DISTRICT_ADMIN},
        "sync.import": {Role.ADMIN, Role.CLERK, Role.DISTRICT_ADMIN},
        "keys.trust": {Role.ADMIN, Role.DISTRICT_ADMIN},
        "check.repair": {Role.ADMIN, Role.DISTRICT_ADMIN},
        "undo": {Role.ADMIN, Role.CLERK, Role.DISTRICT_ADMIN},
    }
    for operation, roles in ops.items():
        assert {r for r in Role if allows(_actor(r), permission_for_operation(operation))} == roles, operation
    assert {r for r in Role if allows(_actor(r), Permission.VIEW_PERSONAL)} == {
        Role.ADMIN, Role.CLERK, Role.DISTRICT_ADMIN}
    assert {r for r in Role if allows(_actor(r), Permission.SIGN_RESETS)} == {Role.DISTRICT_ADMIN}


def test_a_read_only_account_writes_nothing(street_db: Database) -> None:
    from yanqun_desktop.services.people import save_person

    with pytest.raises(PermissionDenied, match="只读"):
        save_person(street_db, _actor(Role.READ_ONLY), {"name": "只读者的新人"})
    with street_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
