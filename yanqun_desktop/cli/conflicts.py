"""package conflicts / decide: the conflict queue from the command line.

The district lists what waits for a decision and decides it as the 同步中心 does (keep one
version, take fields from the other, send back; for a 疑似重复人员: the same person or two
people). A street lists its own changes the district still holds. Conflicts are named by
their UUID or a unique prefix of at least 8 characters (as ``package conflicts`` prints)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say

KIND_TEXT = {
    "duplicate-person": "疑似重复人员",
    "both-changed": "两端都有修改",
    "not-owner": "非所有方修改",
    "waiting": "等待处理",
}
DECISION_TEXT = {
    "keep-local": "保留区级版本",
    "keep-incoming": "采用街道版本",
    "merged": "合并字段",
    "sent-back": "已退回",
}
PREFIX_MIN = 8


def register(verbs: Any) -> None:
    lst = verbs.add_parser("conflicts", help="区级：待处理的同步冲突；街道：本街道被区级暂扣的修改")
    lst.add_argument("--json", action="store_true", help="每条一个 JSON 对象，输出到标准输出")
    lst.set_defaults(handler=cmd_conflicts)

    dec = verbs.add_parser("decide", help="区级：处理一条同步冲突")
    dec.add_argument("conflict", metavar="ID", help="冲突编号（package conflicts 列出的编号，至少前 8 位）")
    how = dec.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep-local", action="store_true", help="保留区级库中的版本")
    how.add_argument("--keep-incoming", action="store_true", help="采用街道发来的版本")
    how.add_argument("--send-back", action="store_true", help="退回：街道的修改不生效")
    how.add_argument("--same-person", action="store_true", help="疑似重复人员：是同一人，合并")
    how.add_argument("--different-people", action="store_true", help="疑似重复人员：不是同一人，都保留")
    dec.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="FIELD",
        help="与 --keep-local 同用：这些字段采用街道发来的值（可多次）",
    )
    dec.set_defaults(handler=cmd_decide)


def _label(row: dict[str, Any] | None, row_id: str) -> str:
    row = row or {}
    return str(row.get("name") or row.get("title") or row_id[:8])


def cmd_conflicts(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.sync import list_conflicts

    db = ctx.open_db()
    district = db.org().is_district
    views = list_conflicts(db, status="open" if district else "at-district")
    if args.json:
        for c in views:
            print(
                json.dumps(
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "table": c.table,
                        "row_id": c.row_id,
                        "sender": c.sender,
                        "since": c.created_at.isoformat(),
                        "candidate_id": c.candidate_id,
                    },
                    ensure_ascii=False,
                )
            )
        return EXIT_OK
    if not views:
        say("没有待处理的冲突。" if district else "区级没有暂扣本街道的修改。")
    elif not district:
        say(f"区级暂扣本街道的 {len(views)} 条修改（区级处理后随下一个数据包下发）：")
    for c in views:
        label = _label(c.incoming_row, c.row_id)  # names only: ID numbers and phones are never printed
        say(f"{c.id}  {c.created_at:%Y-%m-%d}  {KIND_TEXT.get(c.kind, c.kind)}  {c.table}  {c.sender}  {label}")
    return EXIT_OK


def _find(db: Any, prefix: str) -> Any:
    from yanqun_desktop.services.sync import list_conflicts

    if len(prefix) < PREFIX_MIN:
        raise CliError(f"冲突编号至少要写前 {PREFIX_MIN} 位：{prefix}")
    found = [c for c in list_conflicts(db) if c.id.startswith(prefix.lower())]
    if not found:
        raise CliError(f"没有编号为 {prefix} 的待处理冲突（可能已处理；见 package conflicts）")
    if len(found) > 1:
        raise CliError(f"编号 {prefix} 对应多条冲突，请多写几位：" + "、".join(c.id for c in found))
    return found[0]


def cmd_decide(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.sync import merge_duplicate, resolve_conflict

    db, actor = ctx.open_db(), ctx.actor()
    c = _find(db, args.conflict)
    duplicate = c.kind == "duplicate-person"
    if duplicate != (args.same_person or args.different_people):
        wanted = "--same-person 或 --different-people" if duplicate else "--keep-local、--keep-incoming 或 --send-back"
        raise CliError(f"这条冲突是“{KIND_TEXT.get(c.kind, c.kind)}”：请用 {wanted}")
    if args.take and not args.keep_local:
        raise CliError("--take 只能与 --keep-local 同用")
    try:
        if duplicate:
            survivor = merge_duplicate(db, actor, c.id, keep="existing" if args.same_person else "both")
            say(f"已处理：{'合并为同一人' if args.same_person else '保留为两个人'}（{survivor}）")
            return EXIT_OK
        decision, merged = "sent-back", None
        if args.keep_incoming:
            decision = "keep-incoming"
        elif args.keep_local and args.take:
            unknown = [f for f in args.take if f not in (c.incoming_row or {})]
            if unknown:
                raise CliError(f"{c.table} 没有这些字段：{'、'.join(unknown)}")
            decision, merged = "merged", {f: c.incoming_row[f] for f in args.take}
        elif args.keep_local:
            decision = "keep-local"
        resolve_conflict(db, actor, c.id, decision, merged)
    except (ServiceError, PermissionDenied) as e:
        raise CliError(str(e)) from None
    say(f"已处理：{_label(c.incoming_row, c.row_id)}（{c.table}），{DECISION_TEXT[decision]}")
    return EXIT_OK
