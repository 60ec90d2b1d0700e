"""transfer: the district moves a person from one street to another (services/transfers.py)."""

from __future__ import annotations

import argparse
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say


def register(sub: Any) -> None:
    p = sub.add_parser("transfer", help="区级：人员调动到另一个街道（随下一批数据包发往两个街道）")
    p.add_argument("person", metavar="PERSON", help="人员编号（UUID）")
    p.add_argument("--to", required=True, metavar="STREET", help="调入街道（代码或名称）")
    p.add_argument("--on", metavar="DATE", help="调动日期，默认今天")
    p.add_argument("--note", metavar="TEXT", help="备注")
    p.set_defaults(handler=cmd_transfer)


def cmd_transfer(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.domain.validation import ValidationError
    from yanqun_desktop.services.actor import PermissionDenied
    from yanqun_desktop.services.errors import ServiceError
    from yanqun_desktop.services.transfers import transfer_person

    db, actor = ctx.open_db(), ctx.actor()
    try:
        r = transfer_person(db, actor, args.person, args.to, args.on, args.note)
    except (ServiceError, PermissionDenied, ValidationError) as e:
        raise CliError(str(e)) from None
    say(
        f"已办理调动：{r.from_street} → {r.to_street}，{r.moved_rows} 条个人记录交由调入街道维护；"
        "下次导出数据包时发往两个街道。"
    )
    return EXIT_OK
