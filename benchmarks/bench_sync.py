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
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "out"


def _clock(label: str, start: float) -> float:
    took = time.perf_counter() - start
    print(f"{label:<58} {took:8.3f} s")
    return took


def _copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


def _written(imported: Path) -> dict[str, Any]:
    """What the import wrote, as stored: its audit operation, the change rows, and every row
    those name (read back from the imported database, outside any timing)."""
    conn = sqlite3.connect(imported)
    op = conn.execute("SELECT * FROM audit_operations WHERE operation = 'sync.import' ORDER BY id DESC").fetchone()
    op_cols = [d[0] for d in conn.execute("SELECT * FROM audit_operations LIMIT 0").description]
    audit = conn.execute(
        "SELECT table_name, row_id, action, before, after FROM audit_changes WHERE operation_id = ? ORDER BY id",
        (op[0],),
    ).fetchall()
    ids: dict[str, list[str]] = {}
    for name, row_id, *_ in audit:
        ids.setdefault(name, []).append(row_id)
    from yanqun_desktop.sync.payload import synced_tables

    tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    for table in synced_tables():  # parents first, as the import writes them
        if table.name not in ids:
            continue
        cols = [d[0] for d in conn.execute(f"SELECT * FROM {table.name} LIMIT 0").description]
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM wanted")
        conn.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(i,) for i in ids[table.name]])
        rows = conn.execute(f"SELECT t.* FROM {table.name} t JOIN wanted USING (id) ORDER BY t.id").fetchall()
        tables[table.name] = (cols, rows)
    conn.close()
    return {"operation": (op_cols[1:], op[1:]), "audit": audit, "tables": tables}


def _bare_insert(empty: Path, target: Path, written: dict[str, Any]) -> float:
    """The fair floor: the same rows and audit rows as stored by the import, into a copy of the
    same empty database, with the app's PRAGMAs (engine.py; plus what the import sets), one
    transaction, one prepared statement per table through ``executemany``."""
    _copy_db(empty, target)
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = NORMAL", "temp_store = MEMORY",
                   "cache_size = -65536"):
        conn.execute(f"PRAGMA {pragma}")
    op_cols, op_values = written["operation"]
    audit = written["audit"]
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("PRAGMA defer_foreign_keys = ON")
    op = conn.execute(
        f"INSERT INTO audit_operations ({','.join(op_cols)}) VALUES ({','.join('?' * len(op_cols))})", op_values
    ).lastrowid
    for name, (cols, rows) in written["tables"].items():
        conn.executemany(f"INSERT INTO {name} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", rows)
    conn.executemany(
        "INSERT INTO audit_changes (operation_id, table_name, row_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?)",
        [(op, *a) for a in audit],
    )
    conn.execute("COMMIT")
    took = _clock("     bare sqlite3.executemany of the same rows + audit rows", t)
    conn.close()
    target.unlink()
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
    parser.add_argument("--runs", type=int, default=3, help="full export/import runs (medians reported)")
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
    clerk, officer = Actor("街道", "admin", "zhaoshang"), Actor("区级", "district_admin", "nanshan-district")
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

    # Full export and import, side by side with the bare insert in each run (the machine is
    # shared: medians of --runs runs). Every import goes into a fresh copy of the empty district.
    empty = backup_sqlite(district.path, work / "backups", "empty")
    district.dispose()
    exports, backups, imports, bares, ratios = [], [], [], [], []
    result = report = None
    for run in range(1, args.runs + 1):
        t = time.perf_counter()
        result = export_package(street, clerk, work / f"full-{run}.yqpkg")
        exports.append(_clock(f"[{run}] full export ({result.rows} rows, {result.size / 1e6:.1f} MB)", t))
        target = work / f"district-{run}.sqlite"
        _copy_db(empty, target)
        db = Database.open(target, keys_dir=work / "district-keys")
        t = time.perf_counter()
        backup_sqlite(target, work / "backups", f"before-{run}")
        backups.append(_clock(f"[{run}] pre-import backup of the district DB (apart)", t))
        t = time.perf_counter()
        [report] = import_packages(db, officer, [result.path], backup=False)
        took = _clock(f"[{run}] import into empty district DB ({report.status}, {report.counts['new']} new)", t)
        imports.append(took)
        written = _written(target)
        db.dispose()
        base = _bare_insert(empty, work / f"bare-{run}.sqlite", written)
        bares.append(base)
        ratios.append(took / base)
        print(f"[{run}] {'ratio import / bare (this run)':<54} {took / base:8.2f} x")
        if run > 1:
            target.unlink()
    assert result is not None and report is not None
    print(f"{'':<58} {report.counts}")
    rows_written = sum(len(v[1]) for v in written["tables"].values())
    print(f"bare insert wrote {rows_written} rows + {len(written['audit'])} audit rows (what the import wrote)")
    print(f"{'median full export':<58} {statistics.median(exports):8.3f} s   (target < 5)")
    print(f"{'median pre-import backup (apart)':<58} {statistics.median(backups):8.3f} s")
    print(f"{'median import as a whole command':<58} {statistics.median(imports):8.3f} s   (target < 5)")
    print(f"{'median bare sqlite3.executemany, same rows + audit rows':<58} {statistics.median(bares):8.3f} s")
    print(f"{'median ratio import / bare (per run)':<58} {statistics.median(ratios):8.2f} x   (target < 2.5)")
    district = Database.open(work / "district-1.sqlite", keys_dir=work / "district-keys")

    from yanqun_desktop.services.keys import trusted_for
    from yanqun_desktop.sync.keys import load_identity
    from yanqun_desktop.sync.package import open_package
    from yanqun_desktop.sync.payload import decode_files

    opened = open_package(result.path, identity=load_identity(district), trusted=lambda c: trusted_for(district, c),
                          current_schema="0003")
    raw_rows = [r for d in decode_files(opened.files) for r in d.raw]
    plain = sum(len(json.dumps(r, ensure_ascii=False).encode()) + 1 for r in raw_rows)
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
