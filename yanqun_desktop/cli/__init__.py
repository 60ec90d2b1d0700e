"""The `yanqun` command (contract: shared/CLI.md).

No sub-command opens the GUI; sub-commands are headless. Human text and progress go to
standard error, ``--json`` objects to standard output. Exit codes: 0 done, 1 refused or
invalid input (nothing written), 2 usage error (argparse), 3 conflicts waiting, 4 check
found problems it did not repair."""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence

from yanqun_desktop import __version__
from yanqun_desktop.cli.context import EXIT_REFUSED, CliContext, CliError

# The sub-commands' modules (each registers its sub-commands), imported only when the line asks
# for a sub-command or for help: opening the GUI needs none of them (start-up time, issue 8).
COMMAND_MODULES = ("basic", "accounts", "archive", "roster", "attendance", "stats", "keys", "package", "transfers",
                   "audit", "backups")
# Their names, known without the imports (tests/cli check it against the full parser).
COMMAND_NAMES = frozenset({"account", "archive", "attendance", "audit", "backup", "check", "demo", "info", "init",
                           "keys", "package", "restore", "roster", "selftest", "stats", "transfer"})


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yanqun",
        description="雁群：社区党委书记人才培养管理。不带子命令时打开图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"雁群 yanqun {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="SQLite 文件路径或 SQLAlchemy URL（环境变量 YANQUN_DB）")
    parser.add_argument("--keys", metavar="DIR", help="私钥文件夹（环境变量 YANQUN_KEYS）")
    parser.add_argument(
        "--user", metavar="NAME", help="以哪个账户操作（环境变量 YANQUN_USER；密码取自 YANQUN_PASSWORD 或提示输入）"
    )
    parser.add_argument(
        "--demo",
        nargs="?",
        const="street",
        choices=("street", "district"),
        help="打开（或创建）独立的演示数据库，绝不使用正式数据库",
    )
    if with_commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name in COMMAND_MODULES:
            importlib.import_module(f"yanqun_desktop.cli.{name}").register(sub)
    return parser


def _expand_demo(argv: list[str]) -> list[str]:
    """``--demo`` takes an optional kind; argparse would read ``--demo info`` as the kind
    "info", so a bare ``--demo`` before a sub-command is spelled out as ``--demo=street``."""
    out = list(argv)
    for i, arg in enumerate(out):
        if arg == "--demo" and (i + 1 == len(out) or out[i + 1] not in ("street", "district")):
            out[i] = "--demo=street"
    return out


OS_REASONS = {
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOSPC: "磁盘已满",
    errno.ENOENT: "文件或文件夹不存在", errno.EROFS: "磁盘是只读的",
}


def os_error_text(e: OSError) -> str:
    # os.replace(temporary, target) names the temporary file first: the clerk knows the target
    path = e.filename2 or e.filename
    reason = OS_REASONS.get(e.errno or 0) or e.strerror or str(e)
    return f"{path}：无法读写（{reason}），未完成的操作已撤销。" if path else f"无法读写文件（{reason}）。"


# What each sub-command needs, by (command, verb); the services check again (and more finely,
# e.g. a studio leader's studio, full ID numbers in an export). Not listed: VIEW_RECORDS.
COMMAND_PERMISSIONS: dict[tuple[str, str | None], str] = {
    ("demo", None): "EDIT_RECORDS",
    ("check", None): "MAINTAIN_DATABASE",
    ("archive", "show"): "PRINT_ARCHIVES",
    ("archive", "print"): "PRINT_ARCHIVES",
    ("roster", "template"): "EXPORT_RECORDS",
    ("roster", "import"): "EDIT_RECORDS",
    ("roster", "export"): "EXPORT_RECORDS",
    ("attendance", "sheet"): "EXPORT_RECORDS",
    ("attendance", "import"): "EDIT_RECORDS",
    ("attendance", "export"): "EXPORT_RECORDS",
    ("keys", "card"): "MANAGE_KEYS",
    ("keys", "trust"): "MANAGE_KEYS",
    ("keys", "backup"): "MANAGE_KEYS",
    ("package", "export"): "EXCHANGE_PACKAGES",
    ("package", "import"): "EXCHANGE_PACKAGES",
    ("package", "reexport"): "EXCHANGE_PACKAGES",
    ("package", "decide"): "EXCHANGE_PACKAGES",
    ("package", "read-only-copy"): "MAINTAIN_DATABASE",
    ("transfer", None): "EDIT_RECORDS",
    ("audit", None): "VIEW_AUDIT",
    ("audit", "list"): "VIEW_AUDIT",
    ("audit", "show"): "VIEW_AUDIT",
    ("backup", None): "MAKE_BACKUPS",
    ("restore", None): "RESTORE_BACKUPS",
    ("account", "list"): "MANAGE_ACCOUNTS",
    ("account", "add"): "MANAGE_ACCOUNTS",
    ("account", "role"): "MANAGE_ACCOUNTS",
    ("account", "disable"): "MANAGE_ACCOUNTS",
    ("account", "enable"): "MANAGE_ACCOUNTS",
    ("account", "unlock"): "MANAGE_ACCOUNTS",
    ("account", "reset-file"): "SIGN_RESETS",
}


def command_permission(args: argparse.Namespace) -> str:
    verb = getattr(args, "verb", None) or getattr(args, "keys_command", None)
    if args.command == "stats" and getattr(args, "out", None):
        return "EXPORT_RECORDS"
    return COMMAND_PERMISSIONS.get((args.command, verb), "VIEW_RECORDS")


def _signed_in(ctx: CliContext, args: argparse.Namespace) -> None:
    """Sign in, and check the role for the sub-command; an account whose password an
    administrator set may only change it first."""
    from yanqun_desktop.services.accounts import needs_password_change
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.permissions import Permission, require

    actor = ctx.actor()
    if not getattr(args, "stale_password_ok", False) and needs_password_change(ctx.open_db(), actor):
        raise CliError("首次登录（或管理员重设密码后）须先修改密码：yanqun account password")
    try:
        require(actor, Permission[command_permission(args)])
    except PermissionDenied as e:
        raise CliError(str(e)) from None


def _package_arguments(argv: list[str]) -> tuple[list[str], list[str]]:
    """``yanqun FILE.yqpkg`` (a double-click on a package) opens the GUI's import screen: the
    bare ``.yqpkg`` paths, and the arguments left for argparse. With a sub-command in the line
    (``yanqun package import F.yqpkg``) nothing is taken: argparse reads it as before."""
    if any(arg in COMMAND_NAMES for arg in argv):
        return [], argv
    packages = [arg for arg in argv if not arg.startswith("-") and arg.lower().endswith(".yqpkg")]
    return packages, [arg for arg in argv if arg not in packages]


def _gui_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The options of a line without a sub-command (the GUI), read without importing the
    sub-commands; None when the line names one, asks for help or holds anything else: then the
    full parser reads it (and explains an error as before)."""
    if any(arg in COMMAND_NAMES or arg in ("-h", "--help") for arg in argv):
        return None
    args, unknown = build_parser(with_commands=False).parse_known_args(argv)
    if unknown:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    packages, rest = _package_arguments(list(sys.argv[1:] if argv is None else argv))
    rest = _expand_demo(rest)
    args = _gui_arguments(rest) or build_parser().parse_args(rest)
    ctx = CliContext.from_args(args)
    if args.command is None:  # the GUI, with the packages a double-click passed
        from pathlib import Path

        return ctx.run_gui([Path(p) for p in packages])
    try:
        if getattr(args, "sign_in", True):  # every sub-command acts as a signed-in account
            _signed_in(ctx, args)
        return int(args.handler(ctx, args))
    except CliError as e:
        print(str(e), file=sys.stderr)
        return e.exit_code
    except OSError as e:  # a file that cannot be read or written: say which, never a traceback
        print(os_error_text(e), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("已中断，未完成的操作已回滚。", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
