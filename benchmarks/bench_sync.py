"""Benchmark: sync packages (issue 5 targets). A demo street (default 5,000 people, ~200,000
attendance rows): full export; its import into an empty district database as a whole command
(the pre-import backup timed apart); a bare ``sqlite3.executemany`` of the same rows plus one
audit row each, in the same run, and the ratio; 100 changes each way; package size against
the same rows as uncompressed JSON.

    python benchmarks/bench_sync.py                      # builds benchmarks/out/bench-sync-street.sqlite once
    python benchmarks/bench_sync.py --scale 500 --per-person 40
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "out"


def _clock(label: str, start: float) -> float:
    took = time.perf_counter() - start
    print(f"{label:<58} {took:8.3f} s")
    return took


def main(argv: list[str] | None = None) -> int:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.db.migrate import backup_sqlite
    from yanqun_desktop.services.actor import Actor
    from yanqun_desktop.services.demo import generate_demo
    from yanqun_desktop.services.keys import trust_card, write_card
    from yanqun_desktop.services.setup import initialise
    from yanqun_desktop.services.sync import export_package, import_packages

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=5000)
    parser.add_argument("--per-person", type=int, default=40, help="attendance rows per person (about)")
    args = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    work = OUT / "bench-sync"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    template = OUT / f"bench-sync-street-{args.scale}-{args.per_person}.sqlite"
    if not template.exists():
        db = Database.open(template, keys_dir=OUT / "bench-sync-template-keys")
        initialise(db, "zhaoshang")
        t = time.perf_counter()
        generate_demo(db, actor_name="演示", org_code="zhaoshang", scale=args.scale,
                      attendance_per_person=args.per_person)
        _clock("demo data (once)", t)
        db.dispose()
    street_path = work / "street.sqlite"
    src, dst = sqlite3.connect(template), sqlite3.connect(street_path)
    src.backup(dst)
    src.close()
    dst.close()
    street = Database.open(street_path, keys_dir=work / "street-keys")
    district = Database.open(work / "district.sqlite", keys_dir=work / "district-keys")
    initialise(district, "南山区")
    clerk, officer = Actor("街道", "operator", "zhaoshang"), Actor("区级", "operator", "nanshan-district")
    write_card(street, work / "s.yqkey")
    write_card(district, work / "d.yqkey")
    trust_card(district, officer, work / "s.yqkey")
    trust_card(street, clerk, work / "d.yqkey")
    with sqlite3.connect(street_path) as conn:
        attendance = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    print(f"street: {people} people, {attendance} attendance rows")
    # The district already holds its own reference rows (the demo put copies in the street DB).
    from yanqun_desktop.sync.payload import synced_tables as _tables

    with sqlite3.connect(work / "district.sqlite") as dconn:
        dconn.execute("PRAGMA foreign_keys=OFF")
        dconn.execute(f"ATTACH DATABASE '{street_path}' AS s")
        for tbl in _tables():
            sql = f"INSERT OR IGNORE INTO {tbl.name} SELECT * FROM s.{tbl.name} WHERE owner = 'nanshan-district'"
            dconn.execute(sql)
        dconn.commit()

    t = time.perf_counter()
    result = export_package(street, clerk, work / "full.yqpkg")
    _clock(f"full export ({result.rows} rows, {result.size / 1e6:.1f} MB)", t)

    t = time.perf_counter()
    backup_sqlite(district.path, work / "backups", "bench")
    _clock("pre-import backup of the district DB (apart)", t)
    t = time.perf_counter()
    [report] = import_packages(district, officer, [result.path], backup=False)
    took = _clock(f"import into empty district DB ({report.status}, {report.counts['new']} new)", t)
    print(f"{'':<58} {report.counts}")

    # the same rows through bare sqlite3.executemany, with one audit change row each
    from yanqun_desktop.services.keys import trusted_for
    from yanqun_desktop.sync.keys import load_identity
    from yanqun_desktop.sync.package import open_package
    from yanqun_desktop.sync.payload import decode_files

    opened = open_package(result.path, identity=load_identity(district), trusted=lambda c: trusted_for(district, c),
                          current_schema="0003")
    tables = decode_files(opened.files)
    bare = work / "bare.sqlite"
    shutil.copy(work / "backups" / next(p.name for p in (work / "backups").iterdir()), bare)
    raw_rows = [(d.table.name, d.table, d.raw) for d in tables]
    conn = sqlite3.connect(bare)
    conn.execute("PRAGMA foreign_keys=OFF")
    t = time.perf_counter()
    conn.execute("INSERT INTO audit_operations (at, actor, role, org_code, operation, summary, change_count) "
                 "VALUES ('2026-01-01', 'x', 'operator', 'd', 'bare', 'bare', 0)")
    op = conn.execute("SELECT max(id) FROM audit_operations").fetchone()[0]
    for name, table, raw in raw_rows:
        cols = [c.name for c in table.columns]
        conn.execute(f"DELETE FROM {name} WHERE id IN (SELECT id FROM {name})") if name in ("streets",) else None
        conn.executemany(
            f"INSERT OR REPLACE INTO {name} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in raw],
        )
        conn.executemany(
            "INSERT INTO audit_changes (operation_id, table_name, row_id, action, after) VALUES (?, ?, ?, 'insert', ?)",
            [(op, name, r["id"], json.dumps(r, ensure_ascii=False)) for r in raw],
        )
    conn.commit()
    base = _clock("bare sqlite3.executemany of the same rows + audit rows", t)
    conn.close()
    print(f"{'ratio import / bare':<58} {took / base:8.2f} x   (target < 2.5)")

    plain = sum(len(json.dumps(r, ensure_ascii=False).encode()) + 1 for _, _, raw in raw_rows for r in raw)
    print(f"{'package size / rows as uncompressed JSON':<58} {result.size / plain:8.1%}   (target <= 40 %)")

    # the district acknowledges the full package; then 100 changes each way
    ack = export_package(district, officer, work / "ack.yqpkg", to="zhaoshang")
    import_packages(street, clerk, [ack.path], backup=False)
    with sqlite3.connect(street_path) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM people WHERE deleted = 0 LIMIT 100")]
    from yanqun_desktop.db.models import Person
    from yanqun_desktop.services.people import save_person
    from yanqun_desktop.services.uow import unit_of_work

    with unit_of_work(street, clerk, "bench", "bench") as w:
        for pid in ids:
            w.session.get(Person, pid).note = "基准测试修改"
    t = time.perf_counter()
    inc = export_package(street, clerk, work / "inc.yqpkg")
    _clock(f"incremental export street ({inc.rows} rows)", t)
    t = time.perf_counter()
    import_packages(district, officer, [inc.path], backup=False)
    _clock("incremental import at the district", t)
    with unit_of_work(district, officer, "bench", "bench") as w:
        for pid in ids:
            w.session.get(Person, pid).note = "区级修改"  # district overrides of the street's rows
    t = time.perf_counter()
    down = export_package(district, officer, work / "down.yqpkg", to="zhaoshang")
    _clock(f"incremental export district → street ({down.rows} rows)", t)
    t = time.perf_counter()
    [r] = import_packages(street, clerk, [down.path], backup=False)
    _clock(f"incremental import at the street ({r.status})", t)
    _ = save_person
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
