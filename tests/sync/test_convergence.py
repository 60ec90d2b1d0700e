"""Property: two streets and the district edit at random, the district transfers people between
the streets, packages travel in random batches, one is lost, the rest arrive in random order
(some while the edits go on, so that the district has people to edit and transfer) with
duplicates; after the conflicts are decided (either way) and a few more rounds, the district
holds exactly the rows each street holds as its own."""

from __future__ import annotations

import random
import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sync_helpers import Sent, actor_for, receive, rows_of, send

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, Person, Position
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import delete_position, save_position
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.services.sync import list_conflicts, resolve_conflict
from yanqun_desktop.services.transfers import transfer_person

STREETS = ("shahe", "xili")
TABLES = ("people", "positions")
OPS = st.tuples(
    st.sampled_from(["create", "edit", "position", "drop", "district", "transfer", "up", "down", "deliver"]),
    st.integers(0, 1),
    st.integers(0, 50),
)


def _template(root: Path, office: str) -> Path:
    path = root / f"template-{office}.sqlite"
    if not path.exists():
        db = Database.open(path, keys_dir=root / f"template-keys-{office}")
        initialise(db, office)
        db.dispose()
    return path


def _fresh(root: Path, office: str) -> Database:
    name = uuid.uuid4().hex[:8]
    path = root / f"{office}-{name}.sqlite"
    src, dst = sqlite3.connect(_template(root.parent, office)), sqlite3.connect(path)
    src.backup(dst)  # the template may still have its changes in the WAL file: never a file copy
    src.close()
    dst.close()
    return Database.open(path, keys_dir=root / f"keys-{office}-{name}")


def _people(db: Database, owner: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Person.id).where(Person.owner == owner, ~Person.deleted).order_by(Person.id)))


def _positions(db: Database, owner: str) -> list[str]:
    with db.session() as s:
        stmt = select(Position.id).where(Position.owner == owner, ~Position.deleted).order_by(Position.id)
        return list(s.scalars(stmt))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=4, max_size=18), seed=st.integers(0, 10_000))
def test_district_converges_to_the_streets(tmp_path_factory, ops, seed) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("conv")
    _converge(root, _fresh(root, DISTRICT_CODE), ops, seed)


# Fewer examples on PostgreSQL: each is a new server database, and the property is the same one.
@pytest.mark.pg
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=4, max_size=18), seed=st.integers(0, 10_000))
def test_postgres_district_converges_to_sqlite_streets(  # type: ignore[no-untyped-def]
    tmp_path_factory, pg_databases, ops, seed
) -> None:
    root = tmp_path_factory.mktemp("conv-pg")
    with pg_databases.database() as url:
        district = Database.open(url, keys_dir=root / "district-keys")
        initialise(district, "南山区")
        _converge(root, district, ops, seed)


def _converge(root: Path, district: Database, ops: list[tuple[str, int, int]], seed: int) -> None:
    streets = {code: _fresh(root, code) for code in STREETS}
    officer = Actor("区级", "district_admin", DISTRICT_CODE)
    rng = random.Random(seed)
    sends = sum(op in ("up", "down") for op, _, _ in ops)
    lost = rng.randrange(sends) if sends else -1  # one package is lost
    pool: list[tuple[Database, Sent]] = []  # on their way
    sent: list[tuple[Database, Sent]] = []  # every package that was not lost
    sends_so_far = 0
    for counter, (op, which, n) in enumerate(ops):
        code = STREETS[which]
        db, actor = streets[code], actor_for(streets[code])
        people = _people(db, code)
        if op == "create" or (op in ("edit", "position") and not people):
            save_person(
                db, actor, {"name": "人员" + "甲乙丙丁戊己庚辛壬癸"[counter % 10] + "子丑寅卯"[counter // 10 % 4]}
            )
        elif op == "edit":
            save_person(db, actor, {"note": f"修改{counter}"}, people[n % len(people)])
        elif op == "position":
            save_position(db, actor, {"person_id": people[n % len(people)], "title": f"职务{counter}"})
        elif op == "drop" and (mine := _positions(db, code)):
            delete_position(db, actor, mine[n % len(mine)])
        elif op == "district":
            held = _people(district, code)
            if held:
                save_person(district, officer, {"note": f"区级{counter}"}, held[n % len(held)])
        elif op == "transfer":  # the district moves one of the street's people to the other street
            if not _people(district, code):  # the street's stick arrives first: the district needs someone
                pkg = send(db, DISTRICT_CODE)
                sent.append((district, pkg))
                assert receive(district, pkg).status != "refused"
            held = _people(district, code)
            if held:
                transfer_person(district, officer, held[n % len(held)], STREETS[1 - which])
        elif op in ("up", "down"):
            pkg = (district, send(db, DISTRICT_CODE)) if op == "up" else (db, send(district, code))
            if sends_so_far != lost:
                pool.append(pkg)
                sent.append(pkg)
            sends_so_far += 1
        elif op == "deliver" and pool:  # a package arrives while the work goes on
            target, pkg = pool.pop(rng.randrange(len(pool)))
            assert receive(target, pkg).status != "refused"
    pool += rng.sample(sent, k=min(2, len(sent)))  # two arrive (again)
    rng.shuffle(pool)
    for target, pkg in pool:
        assert receive(target, pkg).status != "refused"
    for _ in range(3):  # settle: decide the conflicts, then a few ordinary rounds
        for c in list_conflicts(district):
            resolve_conflict(district, officer, c.id, rng.choice(["keep-incoming", "keep-local"]))
        for code, db in streets.items():
            receive(district, send(db, DISTRICT_CODE))
            receive(db, send(district, code))
    assert list_conflicts(district) == []
    for code, db in streets.items():
        for table in TABLES:
            assert rows_of(district, table, code) == rows_of(db, table, code), (code, table)
    for db in (*streets.values(), district):
        db.dispose()
