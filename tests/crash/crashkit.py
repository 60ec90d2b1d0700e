"""The parent side of the crash tests: the offices and files the operations work on (built
once), a fresh copy of them per trial, the child started and killed, and the checks after the
kill — the database passes ``PRAGMA integrity_check`` and equals its state before the operation
or its state after a complete run (never anything in between), and every file under its final
name is complete (a package opens, a backup decrypts to an intact database, a PDF reads)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import crashops

from yanqun_desktop.db.migrate import online_copy

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# How each trial picks its kill point, in turn: the parent's SIGKILL after a random delay, the
# child's own at a random SQL statement, just before or just after a random commit. The first
# four are the four kinds (CI's four kills per operation); every five, two are timed.
KINDS = ("time", "statement", "commit", "after-commit", "time")


@dataclass
class World:
    root: Path
    street: Path
    street_keys: Path
    district: Path
    district_keys: Path
    package: Path
    roster: Path
    people: list[str]
    district_identity: Any
    street_identity: Any
    street_card: Any  # as the district trusts it


def copy_db(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    online_copy(source, target)


def build_world(root: Path) -> World:
    """A demo street (100 people) and the district trusting each other, the street's whole
    package, a roster workbook of 300 new people, the people to print."""
    from sqlalchemy import select
    from sync_helpers import actor_for, open_street

    from yanqun_desktop.db.models import Person
    from yanqun_desktop.services.demo import generate_demo
    from yanqun_desktop.services.keys import trust_card, trusted_for, write_card
    from yanqun_desktop.services.sync import export_package
    from yanqun_desktop.sync.keys import load_identity

    street = open_street(root, "shahe")
    district = open_street(root, "南山区")
    generate_demo(street, actor_name="测试员", org_code="shahe", scale=100, attendance_per_person=2, seed=5)
    write_card(street, root / "shahe.yqkey")
    write_card(district, root / "district.yqkey")
    trust_card(district, actor_for(district), root / "shahe.yqkey")
    trust_card(street, actor_for(street), root / "district.yqkey")
    package = export_package(street, actor_for(street), root).path
    with street.session() as s:
        people = list(s.scalars(select(Person.id).order_by(Person.id).limit(12)))
    card = trusted_for(district, "shahe")[0]
    street_card = SimpleNamespace(**{k: getattr(card, k) for k in (
        "org_code", "fingerprint", "sign_public", "box_public", "install_id", "replaced_at")})
    world = World(root, root / "shahe.sqlite", root / "shahe-keys", root / "南山区.sqlite", root / "南山区-keys",
                  package, _roster(root / "roster.xlsx"), people, load_identity(district), load_identity(street),
                  street_card)
    street.dispose()
    district.dispose()
    return world


def _roster(path: Path) -> Path:
    import datetime as dt

    from openpyxl import Workbook

    from yanqun_desktop.domain.validation import make_id_card

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生日期", "民族", "政治面貌", "身份证号", "所属社区"])
    for i in range(300):
        born = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        gender = "男" if i % 2 else "女"
        given = "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉戌亥春夏秋冬梅兰竹菊松柏山川河海云雨风雪"[i // 10]
        ws.append([f"试{given}", gender, born, "汉族", "群众",
                   make_id_card("440306", born, 100 + i, gender), "白石洲社区"])
    wb.save(path)
    return path


def prepare(op: str, world: World, trial: Path) -> dict[str, Any]:
    """Fresh copies for one run of ``op``; the child's arguments."""
    trial.mkdir(parents=True)
    env = {"YANQUN_DATA_DIR": str(trial / "data"), "YANQUN_CONFIG_DIR": str(trial / "config")}
    if op == "migrate":
        db, keys = trial / "old.sqlite", trial / "keys"
        shutil.copyfile(FIXTURES / "schemas" / "0002.sqlite", db)
        return {"db": str(db), "keys": str(keys), "env": env}
    source, source_keys = (world.district, world.district_keys) if op == "import" else (world.street, world.street_keys)
    db, keys = trial / source.name, trial / source_keys.name
    copy_db(source, db)
    shutil.copytree(source_keys, keys)
    args: dict[str, Any] = {"db": str(db), "keys": str(keys), "env": env, "out": str(trial / "out")}
    (trial / "out").mkdir()
    if op == "import":
        args["package"] = str(world.package)
    elif op == "roster":
        args["file"] = str(world.roster)
    elif op == "print":
        args["people"] = world.people
        args["out"] = str(trial / "out" / "成长档案.pdf")
    return args


@dataclass
class Run:
    args: dict[str, Any]
    pre: crashops.State
    post: crashops.State
    integrity: str
    done: tuple[Any, ...] | None
    exitcode: int | None
    kill: tuple[str, Any] | None
    temporaries: list[str] = field(default_factory=list)


def context() -> Any:
    """The fork server, started now with ``crashops`` (and so the whole app) imported. The
    server ignores the sys.path it is handed (Python 3.11) but inherits PYTHONPATH."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    here = Path(__file__).resolve().parent
    paths = [str(here), str(here.parent / "sync"), str(here.parents[1])]
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([*paths, *([old] if old else [])])
    try:
        ctx.set_forkserver_preload(["crashops"])
        from multiprocessing import forkserver

        forkserver.ensure_running()
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return ctx


def run(ctx: Any, op: str, world: World, trial: Path, kill: tuple[str, Any] | None) -> Run:
    """One run of ``op`` on fresh copies; ``kill`` = ("time", seconds after the start) — the
    parent's SIGKILL —, ("statement", n) or ("commit", n) — the child's own — or None."""
    args = prepare(op, world, trial)
    _, pre = crashops.db_state(Path(args["db"]))
    reader, writer = ctx.Pipe(duplex=False)
    child_kill = kill if kill is not None and kill[0] != "time" else None
    process = ctx.Process(target=crashops.child, args=(op, args, writer, child_kill), daemon=True)
    process.start()
    writer.close()
    if not reader.poll(120):
        process.kill()
        raise AssertionError(f"{op}: the child never started")
    reader.recv()
    if kill is not None and kill[0] == "time":
        time.sleep(kill[1])
        process.kill()
    process.join(300)
    done = None
    try:
        while reader.poll():
            message = reader.recv()
            if message[0] == "done":
                done = message
    except EOFError:
        pass
    integrity, post = crashops.db_state(Path(args["db"]))
    temporaries = [str(p.relative_to(trial)) for p in trial.rglob("*") if p.name.endswith((".part", ".tmp"))]
    return Run(args, pre, post, integrity, done, process.exitcode, kill, temporaries)


# -- files under their final names -------------------------------------------------------------
def file_problems(op: str, world: World, result: Run, reference: Run | None) -> list[str]:
    db = Path(result.args["db"])
    problems: list[str] = []
    for backup in (db.parent / "backups").glob("*.sqlite"):
        conn = sqlite3.connect(backup)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problems.append(f"backup {backup.name} damaged")
        finally:
            conn.close()
    if op == "import":
        for kept in db.parent.glob(f"{db.name}.inbox/*/*.yqpkg"):
            if not hashlib.sha256(kept.read_bytes()).hexdigest().startswith(kept.stem.split("-")[1]):
                problems.append(f"inbox copy {kept.name} incomplete")
    if op == "export":
        out = Path(result.args["out"])
        for package in [*out.glob("*.yqpkg"), *db.parent.glob(f"{db.name}.outbox/**/*.yqpkg")]:
            problems += _package_problem(world, package)
        seq = Path(result.args["keys"]) / "package-seq.json"
        if seq.exists():
            try:
                json.loads(seq.read_text(encoding="utf-8"))
            except ValueError:
                problems.append("package-seq.json half-written")
    if op == "print":
        pdf = Path(result.args["out"])
        if pdf.exists():
            problems += _pdf_problem(pdf, reference)
        problems += [f"stray file {p.name}" for p in pdf.parent.iterdir() if p != pdf and not p.name.startswith(".")]
    if op == "backup":
        for made in Path(result.args["out"]).glob("*.yqbak"):
            problems += _backup_problem(world, made)
    return problems


def _package_problem(world: World, path: Path) -> list[str]:
    from yanqun_desktop.db.migrate import HEAD_REVISION
    from yanqun_desktop.sync.package import PackageRefused, open_package

    try:
        open_package(path, identity=world.district_identity, trusted=lambda code: [world.street_card],
                     current_schema=HEAD_REVISION)
    except PackageRefused as e:
        return [f"package {path.name} under its final name does not open: {e.reason}"]
    return []


def _pdf_problem(path: Path, reference: Run | None) -> list[str]:
    from pypdf import PdfReader

    try:
        pages = len(PdfReader(path).pages)
    except Exception as e:  # any failure to read is the finding
        return [f"{path.name} unreadable: {type(e).__name__}"]
    want = reference.done[4] if reference is not None and reference.done and len(reference.done) > 4 else None
    return [f"{path.name} has {pages} pages, a complete run {want}"] if want and pages != want else []


def _backup_problem(world: World, path: Path) -> list[str]:
    from yanqun_desktop.backups.format import BackupError, decrypt_to

    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.sqlite"
        try:
            with plain.open("wb") as out:
                decrypt_to(path, world.street_identity.box_key, world.street_identity.fingerprint, out)
        except BackupError as e:
            return [f"backup {path.name} under its final name does not decrypt: {e}"]
        conn = sqlite3.connect(plain)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    return [] if ok == "ok" else [f"backup {path.name} decrypts to a damaged database"]


def kill_points(rng: random.Random, reference: Run, count: int) -> list[tuple[str, Any]]:
    """``count`` kill points spread over the operation: after a random delay within the time a
    complete run took, at a random SQL statement, just before or just after a random commit."""
    assert reference.done is not None
    seconds, statements, commits = reference.done[1], reference.done[2], reference.done[3]
    out: list[tuple[str, Any]] = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        if kind == "statement" and statements:
            out.append(("statement", rng.randint(1, statements)))
        elif kind in ("commit", "after-commit") and commits:
            out.append((kind, rng.randint(1, commits)))
        else:
            out.append(("time", rng.uniform(0.0, seconds)))
    return out


def env_kills(default: int) -> int:
    try:
        return max(1, int(os.environ.get("YANQUN_CRASH_KILLS", default)))
    except ValueError:
        return default


def check_operation(op: str, world: World, ctx: object, root: Path, kills: int, seed: int) -> list[str]:
    """Two complete runs (the state after, what differs between runs), then ``kills`` killed
    ones; returns one line per run ("pre", "post" or what is wrong)."""
    rng = random.Random(seed)
    ref = [run(ctx, op, world, root / f"ref{i}", None) for i in range(2)]
    for r in ref:
        assert r.done is not None and r.exitcode == 0, f"{op}: a complete run failed (exit {r.exitcode})"
        assert r.integrity == "ok"
        assert not file_problems(op, world, r, ref[0])
    ignore = crashops.volatile(ref[0].post, ref[1].post)
    lines = []
    for i, kill in enumerate(kill_points(rng, ref[0], kills)):
        r = run(ctx, op, world, root / f"kill{i}", kill)
        assert r.exitcode in (0, -9), f"{op} {kill}: the child failed (exit {r.exitcode})"
        problems = [] if r.integrity == "ok" else [f"integrity: {r.integrity}"]
        if crashops.same(r.post, r.pre, ignore):
            where = "pre"
        elif crashops.same(r.post, ref[0].post, ignore):
            where = "post"
        else:
            where = "BETWEEN"
            problems.append("the database is neither as before nor as after the operation")
        problems += file_problems(op, world, r, ref[0])
        finished = "finished" if r.done else "killed"
        left = f" (left under temporary names: {len(r.temporaries)})" if r.temporaries else ""
        lines.append(f"{op} {kill[0]}={kill[1]:.3f} {finished} -> {where}{left}"
                     + (f" PROBLEMS {problems}" if problems else ""))
        if not problems:  # kept as evidence otherwise
            shutil.rmtree(root / f"kill{i}", ignore_errors=True)
    return lines
