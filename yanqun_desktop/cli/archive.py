"""archive show PERSON [--json] and archive print (PERSON | --cohort C | --all) --out PATH."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from yanqun_desktop.cli.context import EXIT_OK, CliContext, CliError, say


def register(sub: Any) -> None:
    p = sub.add_parser("archive", help="成长档案")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    show = verbs.add_parser("show", help="显示一名学员的成长档案")
    show.add_argument("person", metavar="PERSON", help="人员编号（UUID）、身份证号或唯一的姓名")
    show.add_argument("--json", action="store_true", help="以 JSON 输出到标准输出")
    show.set_defaults(handler=cmd_show)
    prt = verbs.add_parser("print", help="把成长档案打印为 PDF（一人、一个期次或全部学员）")
    who = prt.add_mutually_exclusive_group(required=True)
    who.add_argument("person", metavar="PERSON", nargs="?", help="人员编号（UUID）、身份证号或唯一的姓名")
    who.add_argument("--cohort", metavar="C", help="期次：编号（UUID）、studio:期数 或 camp:年份")
    who.add_argument("--all", action="store_true", help="全部在册学员")
    prt.add_argument("--out", metavar="PATH", required=True, help="要写入的 PDF 文件")
    prt.set_defaults(handler=cmd_print)


def _person_id(ctx: CliContext, identifier: str) -> str:
    from yanqun_desktop.services.errors import Ambiguous, NotFound
    from yanqun_desktop.services.lookup import find_person

    db = ctx.open_db()
    with db.session() as s:
        try:
            return find_person(s, identifier).id
        except Ambiguous as e:
            raise CliError(str(e) + "\n" + "\n".join(f"  {c}" for c in e.candidates)) from None
        except NotFound as e:
            raise CliError(str(e)) from None


def _checked(fn, *args):  # type: ignore[no-untyped-def]
    """A scope-checked service call; a refusal is the clerk's message, exit 1."""
    from yanqun_desktop.services.actor import PermissionDenied

    try:
        return fn(*args)
    except PermissionDenied as e:
        raise CliError(str(e)) from None


def cmd_show(ctx: CliContext, args: argparse.Namespace) -> int:
    from yanqun_desktop.services.scope import open_archive

    db = ctx.open_db()
    person_id = _person_id(ctx, args.person)
    timeline = _checked(open_archive, db, ctx.actor(), person_id)
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


def _people(ctx: CliContext, args: argparse.Namespace) -> tuple[list[str], str]:
    """The people to print and how to name them in messages."""
    from yanqun_desktop.reports.archive_data import all_person_ids, cohort_person_ids
    from yanqun_desktop.services.errors import Ambiguous, NotFound
    from yanqun_desktop.services.lookup import find_cohort
    from yanqun_desktop.services.scope import archive_people, printable_people

    db = ctx.open_db()
    if args.cohort:
        with db.session() as s:
            try:
                cohort = find_cohort(s, args.cohort)
            except Ambiguous as e:
                raise CliError(str(e) + "\n" + "\n".join(f"  {c}" for c in e.candidates)) from None
            except NotFound as e:
                raise CliError(str(e)) from None
            cohort_id, label = cohort.id, cohort.name
        ids = _checked(printable_people, db, ctx.actor(), cohort_person_ids(db, cohort_id))
        if not ids:
            raise CliError(f"{label}没有在册学员，没有生成文件。")
        return ids, label
    if args.all:
        ids = _checked(printable_people, db, ctx.actor(), all_person_ids(db))
        if not ids:
            raise CliError("没有在册学员，没有生成文件。")
        return ids, "全部学员"
    return _checked(archive_people, db, ctx.actor(), [_person_id(ctx, args.person)]), ""


def cmd_print(ctx: CliContext, args: argparse.Namespace) -> int:
    from pathlib import Path

    from yanqun_desktop.reports.archive_pdf import write_archive_pdf

    out = Path(args.out)
    if out.is_dir():
        raise CliError(f"--out 应为一个 PDF 文件，而 {out} 是文件夹。")
    ids, label = _people(ctx, args)
    db = ctx.open_db()
    tty = sys.stderr.isatty()
    step = max(1, len(ids) // 20)

    def progress(done: int, total: int) -> None:
        if total > 1 and (done == total or done % step == 0):
            end = "\r" if tty and done < total else "\n"
            print(f"  已排版 {done}/{total} 人", end=end, file=sys.stderr, flush=True)

    try:
        result = write_archive_pdf(db, ids, out, progress=progress)
    except OSError as e:
        raise CliError(f"无法写入 {out}：{e.strerror or e}") from None
    for warning in result.warnings:
        say(f"注意：{warning}")
    for person in result.missing_by_person:
        chars = "、".join(f"{c}（U+{ord(c):04X}）" for c in person.chars)
        say(f"注意：{person.name} 的档案中有字体无法显示的字：{chars}，打印稿中请手工补写。")
    what = f"{label} {result.people} 人" if label else f"{result.people} 人"
    say(f"已生成成长档案：{out}（{what}，共 {result.pages} 页）")
    return EXIT_OK
