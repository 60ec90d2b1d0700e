"""Packages of every released schema import into the current one (SYNC.md "Older and newer
schemas"): one fixture package per schema, written by tests/fixtures/make_package_fixture.py
with fixed TEST-ONLY keys, read here with today's program."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from db_template import open_sqlite
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person, PersonPhoto, Position
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.keys import trust_card
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.services.sync import import_packages
from yanqun_desktop.sync.package import read_header

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "packages"
PACKAGES = sorted(FIXTURES.glob("schema-*.yqpkg"))


def test_a_fixture_exists_for_the_first_released_schema() -> None:
    assert FIXTURES / "schema-0003.yqpkg" in PACKAGES


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.stem)
def test_old_schema_package_imports_into_current_schema(package: Path, tmp_path: Path) -> None:
    facts = json.loads(package.with_suffix(".json").read_text(encoding="utf-8"))
    assert read_header(package).schema_version == facts["schema_version"]
    keys = tmp_path / "keys"
    shutil.copytree(FIXTURES / "test-keys-not-secret" / "nanshan-district", keys)
    db = open_sqlite(tmp_path / "district.sqlite", keys_dir=keys)
    try:
        initialise(db, "南山区")
        officer = Actor("区级员", "district_admin", "nanshan-district")
        trust_card(db, officer, FIXTURES / "shahe-test.yqkey")
        [report] = import_packages(db, officer, [package], backup=False)
        assert report.status == "applied", report.messages
        assert (report.sender, report.seq, report.package_id) == ("shahe", facts["seq"], facts["package_id"])
        assert report.counts["new"] == sum(facts["counts"].values())
        assert {t: c["new"] for t, c in report.tables.items()} == facts["counts"]
        with db.session() as s:
            names = dict(s.execute(select(Person.id, Person.name)).all())
            assert {pid: names.get(pid) for pid in facts["people"]} == facts["people"]
            assert s.get(Person, facts["retired"]).status == "retired"
            assert s.get(Position, facts["deleted_position"]).deleted is True
            [photo] = s.scalars(select(PersonPhoto)).all()
            assert hashlib.sha256(photo.data).hexdigest() == facts["photo_sha256"]
        [again] = import_packages(db, officer, [package], backup=False)
        assert again.status == "already-applied"
    finally:
        db.dispose()


def test_packages_carry_the_row_schema_not_the_database_revision(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    """An index-only migration (0004) must not make a district's packages unreadable to a street
    still on the previous release: packages name the schema of their rows."""
    from yanqun_desktop.db.migrate import HEAD_REVISION
    from yanqun_desktop.services.keys import trust_card, trusted_for, write_card
    from yanqun_desktop.services.people import save_person
    from yanqun_desktop.services.sync import export_package
    from yanqun_desktop.sync.keys import load_identity
    from yanqun_desktop.sync.package import open_package, read_header
    from yanqun_desktop.sync.payload import PACKAGE_SCHEMA

    write_card(street_db, tmp_path / "street.yqkey")
    write_card(district_db, tmp_path / "district.yqkey")
    trust_card(street_db, clerk, tmp_path / "district.yqkey")
    trust_card(district_db, district_officer, tmp_path / "street.yqkey")
    save_person(street_db, clerk, {"name": "版本甲"})
    down = export_package(district_db, district_officer, tmp_path, to="shahe")
    assert PACKAGE_SCHEMA <= HEAD_REVISION
    assert read_header(down.path).schema_version == PACKAGE_SCHEMA
    # a street one release behind (its newest schema is the package schema) opens it
    opened = open_package(down.path, identity=load_identity(street_db),
                          trusted=lambda code: trusted_for(street_db, code), current_schema=PACKAGE_SCHEMA)
    assert opened.manifest["schema_version"] == PACKAGE_SCHEMA
