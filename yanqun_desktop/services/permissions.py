"""Who may do what: the one permission matrix every service consults.

Writes are checked where every write passes (``unit_of_work``, by the operation's name); reads
and file-producing services carry ``@requires(...)``, which checks the ``actor`` argument
before the body runs. ``tests/core/test_permissions.py`` walks every service against every role."""

from __future__ import annotations

import enum
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from yanqun_desktop.services.actor import Actor, PermissionDenied


class Role(enum.StrEnum):
    ADMIN = "admin"  # 管理员: a street's administrator
    CLERK = "clerk"  # 办事员: edits records, exchanges packages
    STUDIO_LEADER = "studio_leader"  # 工作室牵头人: their studio's archives and assessments
    READ_ONLY = "read_only"  # 只读
    DISTRICT_ADMIN = "district_admin"  # 区级管理员


ROLE_LABELS: dict[str, str] = {
    Role.ADMIN: "管理员",
    Role.CLERK: "办事员",
    Role.STUDIO_LEADER: "工作室牵头人",
    Role.READ_ONLY: "只读",
    Role.DISTRICT_ADMIN: "区级管理员",
}

STREET_ROLES = (Role.ADMIN, Role.CLERK, Role.STUDIO_LEADER, Role.READ_ONLY)
DISTRICT_ROLES = (Role.DISTRICT_ADMIN, Role.CLERK, Role.READ_ONLY)
ADMIN_ROLES = frozenset({Role.ADMIN, Role.DISTRICT_ADMIN})


class Permission(enum.StrEnum):
    VIEW_RECORDS = "view_records"
    EDIT_RECORDS = "edit_records"
    RECORD_ASSESSMENTS = "record_assessments"
    PRINT_ARCHIVES = "print_archives"
    VIEW_PERSONAL = "view_personal"  # full ID numbers and phones, when the clerk asks
    EXPORT_RECORDS = "export_records"  # workbooks of lists, sign-in sheets, statistics
    EXCHANGE_PACKAGES = "exchange_packages"  # export, import, conflicts
    MANAGE_KEYS = "manage_keys"
    MAKE_BACKUPS = "make_backups"
    RESTORE_BACKUPS = "restore_backups"
    MAINTAIN_DATABASE = "maintain_database"  # check, repair, read-only copies, database choice
    VIEW_AUDIT = "view_audit"
    MANAGE_ACCOUNTS = "manage_accounts"
    SIGN_RESETS = "sign_resets"  # the district signs a street's administrator reset file


PERMISSION_LABELS: dict[str, str] = {
    Permission.VIEW_RECORDS: "查看记录",
    Permission.EDIT_RECORDS: "修改记录",
    Permission.RECORD_ASSESSMENTS: "记录测评",
    Permission.PRINT_ARCHIVES: "查看和打印成长档案",
    Permission.VIEW_PERSONAL: "查看完整身份证号和电话",
    Permission.EXPORT_RECORDS: "导出表格",
    Permission.EXCHANGE_PACKAGES: "导出和导入数据包",
    Permission.MANAGE_KEYS: "管理密钥",
    Permission.MAKE_BACKUPS: "备份",
    Permission.RESTORE_BACKUPS: "从备份恢复",
    Permission.MAINTAIN_DATABASE: "检查和维护数据库",
    Permission.VIEW_AUDIT: "查看操作日志",
    Permission.MANAGE_ACCOUNTS: "管理账户",
    Permission.SIGN_RESETS: "签发管理员重置文件",
}

_EVERYONE = frozenset(Role)
_EDITORS = frozenset({Role.ADMIN, Role.CLERK, Role.DISTRICT_ADMIN})

# The matrix. A studio leader's reading of archives and recording of assessments is further
# limited to the people of their street's studio (services/scope.py).
MATRIX: dict[Permission, frozenset[Role]] = {
    Permission.VIEW_RECORDS: _EVERYONE,
    Permission.EDIT_RECORDS: _EDITORS,
    Permission.RECORD_ASSESSMENTS: _EDITORS | {Role.STUDIO_LEADER},
    Permission.PRINT_ARCHIVES: _EVERYONE,
    Permission.VIEW_PERSONAL: _EDITORS,
    Permission.EXPORT_RECORDS: _EDITORS | {Role.READ_ONLY},
    Permission.EXCHANGE_PACKAGES: _EDITORS,
    Permission.MANAGE_KEYS: ADMIN_ROLES,
    Permission.MAKE_BACKUPS: _EDITORS,
    Permission.RESTORE_BACKUPS: ADMIN_ROLES,
    Permission.MAINTAIN_DATABASE: ADMIN_ROLES,
    Permission.VIEW_AUDIT: ADMIN_ROLES,
    Permission.MANAGE_ACCOUNTS: ADMIN_ROLES,
    Permission.SIGN_RESETS: frozenset({Role.DISTRICT_ADMIN}),
}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def allows(actor: Actor, permission: Permission) -> bool:
    return actor.role in MATRIX[permission]


def require(actor: Actor, permission: Permission) -> None:
    if not allows(actor, permission):
        raise PermissionDenied(
            f"当前账户（{actor.name}，{role_label(actor.role)}）没有「{PERMISSION_LABELS[permission]}」的权限，"
            "请联系管理员。"
        )


# -- writes: by the operation a unit of work records ----------------------------------------

# An operation's first part (its table or area) decides, unless the whole name is listed.
_OPERATION_PERMISSIONS: dict[str, Permission] = {
    "assessments": Permission.RECORD_ASSESSMENTS,
    "assessment_scores": Permission.RECORD_ASSESSMENTS,
    "sync.import": Permission.EXCHANGE_PACKAGES,
    "sync.resolve": Permission.EXCHANGE_PACKAGES,
    "sync.merge-person": Permission.EXCHANGE_PACKAGES,
    "keys": Permission.MANAGE_KEYS,
    "check": Permission.MAINTAIN_DATABASE,
    "accounts": Permission.MANAGE_ACCOUNTS,
    "backups.restore": Permission.RESTORE_BACKUPS,
}


def permission_for_operation(operation: str) -> Permission:
    if operation in _OPERATION_PERMISSIONS:
        return _OPERATION_PERMISSIONS[operation]
    return _OPERATION_PERMISSIONS.get(operation.split(".", 1)[0], Permission.EDIT_RECORDS)


# -- reads and files: a decorator on the service function -----------------------------------

F = TypeVar("F", bound=Callable[..., Any])

# Every function carrying @requires, by "module.qualname": what the permission test walks.
GUARDED: dict[str, Permission] = {}


def requires(permission: Permission) -> Callable[[F], F]:
    """Check ``permission`` for the function's ``actor`` argument before its body runs."""

    def wrap(fn: F) -> F:
        signature = inspect.signature(fn)
        if "actor" not in signature.parameters:
            raise TypeError(f"{fn.__qualname__}: @requires needs an 'actor' parameter")
        position = list(signature.parameters).index("actor")

        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            actor = kwargs["actor"] if "actor" in kwargs else args[position]
            require(actor, permission)
            return fn(*args, **kwargs)

        guarded.required_permission = permission  # type: ignore[attr-defined]
        GUARDED[f"{fn.__module__}.{fn.__qualname__}"] = permission
        return guarded  # type: ignore[return-value]

    return wrap
