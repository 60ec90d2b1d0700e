"""archive show PERSON [--json]: a person's growth archive (printing comes with the PDF work)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say


def register(sub: Any) -> None:
    p = sub.add_parser("archive", help="成长档案")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    show = verbs.add_parser("show", help="显示一名学员的成长档案")
    show.add_argument("person", metavar="PERSON", help="人员编号（UUID）、身份证号或唯一的姓名")
    show.add_argument("--json", action="store_true", help="以 JSON 输出到标准输出")
    show.set_defaults(handler=cmd_show)


def cmd_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.archive import person_timeline
    from yanqun_desktop.services.errors import Ambiguous, NotFound
    from yanqun_desktop.services.lookup import find_person

    db = ctx.open_db()
    with db.session() as s:
        try:
            person_id = find_person(s, args.person).id
        except Ambiguous as e:
            raise CliError(str(e) + "\n" + "\n".join(f"  {c}" for c in e.candidates)) from None
        except NotFound as e:
            raise CliError(str(e)) from None
    timeline = person_timeline(db, person_id)
    if args.json:
        print(json.dumps(timeline.as_json(), ensure_ascii=False))
        return EXIT_OK
    t, summary = timeline, timeline.summary
    rate = f"{summary.attendance_rate * 100:.1f}%" if summary.attendance_rate is not None else "—"
    say(f"成长档案：{t.name}  {t.gender}  {t.community or t.street}  {t.education}  {t.political_status}")
    if t.current_titles:
        say(f"现任：{'、'.join(t.current_titles)}")
    say(f"参加活动 {summary.sessions_attended} 次，{summary.hours:g} 学时，出勤率 {rate}")
    for e in t.entries:
        by = f"  （{e.recorded_by}）" if e.recorded_by else ""
        say(f"{e.date.isoformat()}  [{e.kind_label}]  {e.content}{by}")
    return EXIT_OK
