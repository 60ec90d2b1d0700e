"""Roster import and export of 10,000 people (issue 4 targets), side by side in one run.

    python benchmarks/bench_roster.py [--rows 10000] [--runs 3]

Builds a fresh street database and a 10,000-row people file (.xlsx, the template's columns,
every row valid, 20 communities, some with positions and talent kinds), then measures:
  * python-calamine's bare read of the file (open + to_python), the yardstick;
  * our preview (read, headers, clean, validate, match; nothing written);
  * the import (everything the preview does, then the write: 10,000 people + positions +
    talents with Core executemany, versions, audit rows);
  * preview then import, as the import dialog does, and the ratio to the bare read;
  * re-importing the same file (all unchanged, nothing written);
  * the roster export of the 10,000 people (write-only openpyxl).
Targets: import of 10,000 rows (preview and write) < 3 s and within 5x of calamine's bare read;
export of 10,000 rows < 5 s. Best of ``--runs`` for the read-only steps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path


def make_file(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    from yanqun_desktop.domain.validation import make_id_card
    from yanqun_desktop.services.roster.specs import PEOPLE

    rng = random.Random(4)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文斌海燕晓东雪梅春梅小红"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名单")
    ws.append(PEOPLE.headers)
    used: dict[dt.date, int] = {}
    for i in range(rows):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 40 * 365))
        gender = rng.choice("男女")
        sequence = used[birth] = used.get(birth, -1) + 1  # unique numbers: one order code per birthday
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2))))
        ws.append([
            name, gender, birth.isoformat(), rng.choice(("汉族", "汉", "壮族")), rng.choice(("中共党员", "群众")),
            rng.choice(("大学本科", "本科", "大专", "硕士")), make_id_card("440305", birth, sequence, gender),
            f"139{i:08d}", f"第{i % 20}号社区", "楼栋长" if i % 7 == 0 else None,
            "楼栋长" if i % 5 == 0 else None, None,
        ])
    wb.save(path)


def best(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import python_calamine as pc

    from yanqun_desktop.db.database import Database
    from yanqun_desktop.domain.pinyin import name_columns
    from yanqun_desktop.reports.roster_workbook import export_roster
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.roster import import_roster, preview_roster
    from yanqun_desktop.services.setup import initialise

    work = Path(tempfile.mkdtemp(prefix="yanqun-roster-bench-"))
    src = work / "people.xlsx"
    make_file(src, args.rows)
    name_columns("预热")  # pypinyin's dictionaries load on first use (~0.4 s), as in a running app

    def fresh_db(tag: str) -> Database:
        db = Database.open(work / f"{tag}.sqlite", keys_dir=work / f"keys-{tag}")
        initialise(db, "shahe")
        return db

    actor = Actor("bench", "admin", "shahe")

    def cold() -> None:
        """Forget what an earlier run validated or looked up, so each figure is a first import
        (only the dialog's preview-then-import path may profit from its own preview)."""
        from yanqun_desktop.domain import pinyin
        from yanqun_desktop.services.roster import people

        people._validated.clear()
        pinyin._syllables.cache_clear()
        pinyin.name_search_keys.cache_clear()

    def bare() -> None:
        wb = pc.CalamineWorkbook.from_path(str(src))
        wb.get_sheet_by_index(0).to_python()
        wb.close()

    t_bare = best(bare, args.runs)
    db = fresh_db("preview")
    t_preview = best(lambda: (cold(), preview_roster(db, actor, src)), args.runs)
    db.dispose()

    db = fresh_db("import")
    cold()
    t0 = time.perf_counter()
    report = import_roster(db, actor, src)
    t_import = time.perf_counter() - t0
    assert report.status == "applied" and report.count("new") == args.rows, report.summary()
    t0 = time.perf_counter()
    again = import_roster(db, actor, src)
    t_again = time.perf_counter() - t0
    assert again.status == "already-applied", again.summary()
    t0 = time.perf_counter()
    export_roster(db, actor, work / "export.xlsx")
    t_export = time.perf_counter() - t0
    db.dispose()

    db = fresh_db("both")
    cold()
    t0 = time.perf_counter()
    preview_roster(db, actor, src)
    import_roster(db, actor, src)
    t_both = time.perf_counter() - t0
    db.dispose()

    n = f"{args.rows:,}"
    print(f"{n} rows ({src.stat().st_size / 1024:.0f} KB .xlsx)")
    print(f"  calamine bare read            {t_bare:6.3f} s")
    print(f"  preview (nothing written)     {t_preview:6.3f} s   {t_preview / t_bare:4.1f}x bare read")
    print(f"  import (preview + write)      {t_import:6.3f} s   {t_import / t_bare:4.1f}x bare read"
          "   target < 3 s, < 5x")
    print(f"  preview, then import          {t_both:6.3f} s   {t_both / t_bare:4.1f}x bare read   (the dialog's path)")
    print(f"  re-import, all unchanged      {t_again:6.3f} s")
    print(f"  export {n} rows           {t_export:6.3f} s   target < 5 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
