"""account: list, add, change role, disable/enable, unlock, passwords; recovery without signing in.

New passwords come from ``YANQUN_NEW_PASSWORD`` or are typed twice on a terminal; the signed-in
account's own from ``YANQUN_PASSWORD`` (CLI.md). A recovery code is printed once, to standard
error, like every human text."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, NEW_PASSWORD_ENV, PASSWORD_ENV, CliContext, CliError, read_secret, say


def register(sub: Any) -> None:
    p = sub.add_parser("account", help="账户与角色：列出、新增、改角色、停用、解锁、改密码、找回管理员")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)

    q = verbs.add_parser("list", help="列出本机的账户（需要管理员）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出到标准输出")
    q.set_defaults(handler=cmd_list)

    q = verbs.add_parser("add", help=f"新增账户（初始密码取自 {NEW_PASSWORD_ENV} 或提示输入，首次登录须修改）")
    q.add_argument("login", metavar="LOGIN", help="登录用的账户名")
    q.add_argument("--name", required=True, help="姓名（操作日志中显示）")
    q.add_argument(
        "--role", required=True, help="角色：admin/管理员、clerk/办事员、studio_leader/工作室牵头人、read_only/只读"
    )
    q.set_defaults(handler=cmd_add)

    q = verbs.add_parser("role", help="修改账户的角色")
    q.add_argument("login", metavar="LOGIN")
    q.add_argument("role", metavar="ROLE")
    q.set_defaults(handler=cmd_role)

    states = (("disable", "停用账户"), ("enable", "启用账户"), ("unlock", "提前解锁因密码错误被锁定的账户"))
    for verb, help_text in states:
        q = verbs.add_parser(verb, help=help_text)
        q.add_argument("login", metavar="LOGIN")
        q.set_defaults(handler=cmd_state)

    q = verbs.add_parser(
        "password", help=f"修改密码：不带 LOGIN 改自己的，带 LOGIN 由管理员重设（新密码取自 {NEW_PASSWORD_ENV}）"
    )
    q.add_argument("login", metavar="LOGIN", nargs="?")
    q.set_defaults(handler=cmd_password, stale_password_ok=True)

    q = verbs.add_parser("recover", help="忘记管理员密码：用恢复码或区级签发的重置文件重设（无须登录）")
    how = q.add_mutually_exclusive_group(required=True)
    how.add_argument("--code", metavar="CODE", help="首次启动时显示的 20 位恢复码（横线可省略）")
    how.add_argument("--reset-file", metavar="F", type=Path, help="区级签发的重置文件（.yqreset）")
    q.add_argument("--login", metavar="LOGIN", help="要重设的管理员账户（默认最早创建的管理员）")
    q.set_defaults(handler=cmd_recover, sign_in=False)

    q = verbs.add_parser("reset-file", help="区级：为街道签发一次性的管理员重置文件（凭已信任的街道密钥名片）")
    q.add_argument("--street", required=True, metavar="S")
    q.add_argument("--login", metavar="LOGIN", default="", help="街道的管理员账户名（默认最早创建的管理员）")
    q.add_argument("--days", type=int, default=7, help="有效天数（1–30，默认 7）")
    q.add_argument("--out", required=True, type=Path, metavar="F")
    q.set_defaults(handler=cmd_reset_file)


def _run(fn: Any, *args: Any, **kwargs: Any) -> Any:
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.errors import ServiceError

    try:
        return fn(*args, **kwargs)
    except (ServiceError, PermissionDenied) as e:
        raise CliError(str(e)) from None


def parse_role(text: str) -> str:
    from yanqun_desktop.services.permissions import ROLE_LABELS, Role

    for role in Role:
        if text.strip() in {role.value, ROLE_LABELS[role]}:
            return role.value
    names = "、".join(f"{r.value}（{ROLE_LABELS[r]}）" for r in Role)
    raise CliError(f"没有角色「{text}」：可用的角色有 {names}。")


def _new_password() -> str:
    return read_secret(NEW_PASSWORD_ENV, "新密码：", confirm=True)


def _iso(value: Any) -> str | None:
    import datetime as dt

    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def cmd_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.accounts import list_accounts

    rows = _run(list_accounts, ctx.open_db(), ctx.actor())
    if args.json:
        print(json.dumps({"accounts": [
            {"login": a.login, "name": a.name, "role": a.role, "disabled": a.disabled, "locked": a.locked(),
             "must_change_password": a.must_change_password,
             "last_sign_in_at": _iso(a.last_sign_in_at)}
            for a in rows
        ]}, ensure_ascii=False))
        return EXIT_OK
    for a in rows:
        state = "已停用" if a.disabled else "已锁定" if a.locked() else "需改密码" if a.must_change_password else "正常"
        say(f"{a.login}\t{a.name}\t{a.role_label}\t{state}")
    return EXIT_OK


def cmd_add(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.accounts import add_account

    role = parse_role(args.role)
    info = _run(add_account, ctx.open_db(), ctx.actor(), args.login, args.name, role, _new_password())
    say(f"已新增账户 {info.login}（{info.name}，{info.role_label}）；首次登录时须修改密码。")
    return EXIT_OK


def _find(ctx: CliContext, login: str) -> Any:
    from yanqun_desktop.services.accounts import find_account

    return _run(find_account, ctx.open_db(), ctx.actor(), login)


def cmd_role(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.accounts import update_account

    info = _run(update_account, ctx.open_db(), ctx.actor(), _find(ctx, args.login).id, role=parse_role(args.role))
    say(f"账户 {info.login} 的角色现在是{info.role_label}。")
    return EXIT_OK


def cmd_state(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.accounts import unlock_account, update_account

    account = _find(ctx, args.login)
    if args.verb == "unlock":
        _run(unlock_account, ctx.open_db(), ctx.actor(), account.id)
        say(f"账户 {account.login} 已解锁。")
    else:
        _run(update_account, ctx.open_db(), ctx.actor(), account.id, disabled=args.verb == "disable")
        say(f"账户 {account.login} 已{'停用' if args.verb == 'disable' else '启用'}。")
    return EXIT_OK


def cmd_password(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.accounts import change_own_password, set_password

    db, actor = ctx.open_db(), ctx.actor()
    if args.login is None:
        _run(change_own_password, db, actor, read_secret(PASSWORD_ENV, "原密码："), _new_password())
        say("密码已修改。")
    else:
        account = _find(ctx, args.login)
        _run(set_password, db, actor, account.id, _new_password())
        say(f"已重设账户 {account.login} 的密码；对方下次登录时须修改。")
    return EXIT_OK


def cmd_recover(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.account_recovery import apply_reset_file, read_reset_file, recover_with_code

    db = ctx.open_db()
    if not db.is_initialised:
        raise CliError("数据库尚未初始化。")
    if args.code:
        actor, code = _run(recover_with_code, db, args.code, _new_password(), args.login)
        say(f"已重设管理员 {actor.login}（{actor.name}）的密码。原恢复码已作废，新的恢复码（请抄写并妥善保管）：")
        say(f"    {code}")
    else:
        grant = _run(read_reset_file, db, args.reset_file)
        say(f"重置文件由 {grant.issued_by} 签发，有效期至 {grant.expires_at.astimezone():%Y-%m-%d %H:%M}。")
        actor = _run(apply_reset_file, db, args.reset_file, _new_password())
        say(f"已重设管理员 {actor.login}（{actor.name}）的密码，重置文件已作废。")
    return EXIT_OK


def cmd_reset_file(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.account_recovery import write_reset_file

    grant = _run(write_reset_file, ctx.open_db(), ctx.actor(), args.street, args.out, login=args.login,
                 valid_days=args.days)
    until = f"{grant.expires_at.astimezone():%Y-%m-%d %H:%M}"
    say(f"已写出重置文件 {args.out}（{grant.street}，有效期至 {until}，只能使用一次）。")
    return EXIT_OK
