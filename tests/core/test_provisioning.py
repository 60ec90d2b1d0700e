"""provision.json, as the Windows installer writes it (/STREET=, /DISTRICTCARD=), applied on the
first start: the street bound, the district's card trusted and audited, nothing applied twice,
a provision for another office refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_template import migrated_sqlite

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.keys import list_trusted, write_card
from yanqun_desktop.services.provisioning import (
    APPLIED_META,
    ProvisionError,
    apply_provision,
    find_provision,
    preset_office,
    read_provision,
)


def nsis_file(folder: Path, street: str, card: str) -> Path:
    """What installer/yanqun.nsi writes: UTF-16 LE with a byte-order mark, the card copied to provision/."""
    path = folder / "provision.json"
    text = f'{{"version": 1, "street": "{street}", "district_card": "{card}", "written_by": "installer 0.1.0"}}\r\n'
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return path


@pytest.fixture
def install(tmp_path: Path, district_db: Database) -> Path:
    folder = tmp_path / "install"
    (folder / "provision").mkdir(parents=True)
    write_card(district_db, folder / "provision" / "南山区.yqkey")
    return folder


@pytest.fixture
def fresh_db(tmp_path: Path) -> Database:
    db = Database.open(migrated_sqlite(tmp_path / "new.sqlite"), keys_dir=tmp_path / "new-keys")
    yield db
    db.dispose()


def test_the_installers_file_is_read(install: Path) -> None:
    provision = read_provision(nsis_file(install, "沙河", "provision/南山区.yqkey"))
    assert provision.street == "沙河"
    assert provision.district_card == install / "provision" / "南山区.yqkey"
    assert preset_office(provision) == "沙河"


def test_first_start_binds_the_street_and_trusts_the_district(install: Path, fresh_db: Database) -> None:
    provision = read_provision(nsis_file(install, "沙河", "provision/南山区.yqkey"))
    assert not fresh_db.is_initialised
    result = apply_provision(fresh_db, Actor("王管理", "admin", "shahe"), provision)
    assert result.applied
    assert fresh_db.org().name == "沙河街道"
    trusted = list_trusted(fresh_db)
    assert [(k.org_code, k.org_name) for k in trusted] == [("nanshan-district", "南山区")]
    assert fresh_db.meta(APPLIED_META) == provision.digest
    from sqlalchemy import text

    with fresh_db.session() as s:
        audited = s.execute(text("SELECT operation, actor FROM audit_operations")).all()
    assert ("keys.trust", "王管理") in [tuple(row) for row in audited]
    # the next start: nothing to do
    again = apply_provision(fresh_db, Actor("王管理", "admin", "shahe"), provision)
    assert not again.applied
    assert len(list_trusted(fresh_db)) == 1


def test_a_provision_for_another_street_is_refused(install: Path, street_db: Database) -> None:
    provision = read_provision(nsis_file(install, "蛇口", "provision/南山区.yqkey"))
    with pytest.raises(ProvisionError, match="蛇口"):
        apply_provision(street_db, Actor("王管理", "admin", "shahe"), provision)
    assert list_trusted(street_db) == []
    assert street_db.meta(APPLIED_META) is None
    assert street_db.org().name == "沙河街道"


def test_broken_files_are_refused_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "provision.json"
    bad.write_text('{"street": "沙河", ', encoding="utf-8")
    with pytest.raises(ProvisionError, match=r"provision\.json"):
        read_provision(bad)
    bad.write_text('{"street": "沙河", "district_card": "missing.yqkey"}', encoding="utf-8")
    with pytest.raises(ProvisionError, match=r"missing\.yqkey"):
        read_provision(bad)


def test_found_by_environment_and_an_empty_file_presets_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.json"
    path.write_text('\ufeff{"version": 1, "street": "shahe"}', encoding="utf-8")
    monkeypatch.setenv("YANQUN_PROVISION", str(path))
    found = find_provision()
    assert found is not None and found.street == "shahe" and found.district_card is None
    path.write_text('{"version": 1, "street": "", "district_card": ""}', encoding="utf-8")
    assert find_provision([path]) is None
    assert find_provision([tmp_path / "none.json"]) is None
