"""keys card / trust / list / backup / restore: key enrolment (shared/CLI.md, SYNC.md)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say

PASSPHRASE_ENV = "YANQUN_KEY_PASSPHRASE"


def register(sub: Any) -> None:
    p = sub.add_parser("keys", help="密钥：本机密钥名片、信任对方名片、密钥备份")
    keys_sub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)

    q = keys_sub.add_parser("card", help="写出本机的密钥名片（.yqkey），交给对方核对指纹后信任")
    q.add_argument("--out", required=True, metavar="F", help="名片文件，如 沙河街道.yqkey")
    q.set_defaults(handler=cmd_card)

    q = keys_sub.add_parser("trust", help="信任对方的密钥名片（先与对方电话核对指纹）")
    q.add_argument("file", metavar="F", help="对方的密钥名片 .yqkey")
    q.add_argument("--replace", action="store_true", help="对方重装电脑换了密钥：替换该单位原来的名片")
    q.set_defaults(handler=cmd_trust)

    q = keys_sub.add_parser("list", help="列出本机的指纹和已信任的名片")
    q.add_argument("--json", action="store_true", help="以 JSON 输出到标准输出")
    q.set_defaults(handler=cmd_list)

    q = keys_sub.add_parser("backup", help=f"导出加密的私钥备份（口令取自 {PASSPHRASE_ENV} 或提示输入）")
    q.add_argument("--out", required=True, metavar="F", help="备份文件，如 密钥备份.yqkeys")
    q.set_defaults(handler=cmd_backup)

    q = keys_sub.add_parser("restore", help="从加密备份恢复私钥到本机密钥文件夹（不会覆盖另一套密钥）")
    q.add_argument("file", metavar="F", help="备份文件 .yqkeys")
    # A rebuilt PC restores its keys before `init`: there is no account to sign in with yet.
    q.set_defaults(handler=cmd_restore, sign_in=False)


def _passphrase(confirm: bool) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"需要备份口令：请设置环境变量 {PASSPHRASE_ENV}，或在终端中运行以便输入。")
    value = getpass.getpass("备份口令：")
    if confirm and getpass.getpass("再次输入备份口令：") != value:
        raise CliError("两次输入的口令不一致，未写入任何文件。")
    return value


def cmd_card(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.keys import write_card
    from yanqun_desktop.sync.keys import fingerprint_groups

    ctx.actor()  # refuses an uninitialised database
    db = ctx.open_db()
    try:
        fp = write_card(db, Path(args.out))
    except ServiceError as e:
        raise CliError(str(e)) from None
    say(f"已写出 {db.org().name} 的密钥名片：{args.out}")
    say(f"指纹：{fingerprint_groups(fp)}")
    say("请把名片交给对方，并在对方信任前通过电话逐组核对指纹。")
    return EXIT_OK


def cmd_trust(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.keys import enrol_card
    from yanqun_desktop.sync.keys import fingerprint_groups

    actor = ctx.actor()
    try:
        outcome = enrol_card(ctx.open_db(), actor, Path(args.file), replace=args.replace)
    except ServiceError as e:
        raise CliError(str(e)) from None
    key = outcome.key
    verb = {"trusted": "已信任", "unchanged": "此前已信任（无变化）", "replaced": "已替换并信任"}[outcome.status]
    say(f"{verb}：{key.org_name}（{key.org_code}）")
    say(f"指纹：{fingerprint_groups(key.fingerprint)}")
    if outcome.replaced is not None:
        say(f"原名片（指纹 {fingerprint_groups(outcome.replaced.fingerprint)}）已停用，用它签名的数据包将被拒收。")
    return EXIT_OK


def cmd_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.keys import ensure_keys, list_trusted
    from yanqun_desktop.sync.keys import fingerprint_groups

    ctx.actor()
    db = ctx.open_db()
    try:
        own = ensure_keys(db)
    except ServiceError as e:
        raise CliError(str(e)) from None
    keys = list_trusted(db)
    if args.json:
        print(
            json.dumps(
                {
                    "own": {"org_code": own.org_code, "org_name": own.org_name, "fingerprint": own.fingerprint},
                    "trusted": [
                        {
                            "org_code": k.org_code,
                            "org_name": k.org_name,
                            "fingerprint": k.fingerprint,
                            "trusted_at": k.trusted_at.isoformat(),
                            "trusted_by": k.trusted_by,
                            "replaced_at": k.replaced_at.isoformat() if k.replaced_at else None,
                        }
                        for k in keys
                    ],
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    say(f"本机：{own.org_name}（{own.org_code}）  指纹 {fingerprint_groups(own.fingerprint)}")
    if not keys:
        say("尚未信任任何名片。")
    for k in keys:
        state = f"已于 {k.replaced_at:%Y-%m-%d} 替换" if k.replaced_at else "有效"
        say(f"  {k.org_name:<6}  {fingerprint_groups(k.fingerprint)}  {k.trusted_at:%Y-%m-%d} {k.trusted_by}  {state}")
    return EXIT_OK


def cmd_backup(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.keys import ensure_keys
    from yanqun_desktop.sync.keys import IdentityError, export_key_backup

    ctx.actor()
    try:
        identity = ensure_keys(ctx.open_db())
        export_key_backup(identity, Path(args.out), _passphrase(confirm=True))
    except (ServiceError, IdentityError) as e:
        raise CliError(str(e)) from None
    say(f"已写出加密的密钥备份：{args.out}。请把它和口令分开保管。")
    return EXIT_OK


def cmd_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.sync.keys import IdentityError, fingerprint_groups, import_key_backup

    db = ctx.open_db()
    if db.is_initialised:  # an install in use: only its administrator restores keys
        _require(ctx, "MANAGE_KEYS")
    try:
        expected = db.org().code if db.is_initialised else None
        identity = import_key_backup(
            Path(args.file), _passphrase(confirm=False), Path(db.keys_dir), expected_org=expected
        )
    except IdentityError as e:
        raise CliError(str(e)) from None
    say(f"已恢复 {identity.org_name} 的密钥到 {db.keys_dir}，指纹 {fingerprint_groups(identity.fingerprint)}")
    return EXIT_OK


def _require(ctx: CliContext, permission: str) -> None:
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.permissions import Permission, require

    try:
        require(ctx.actor(), Permission[permission])
    except PermissionDenied as e:
        raise CliError(str(e)) from None
