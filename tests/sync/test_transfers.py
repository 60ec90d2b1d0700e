"""Transfers between streets (SYNC.md: district rows): the district moves a person; the next
district packages carry it to both streets; the new street owns the person and can edit and
export; the old street keeps a read-only row; everyone converges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sync_helpers import actor_for, location, open_street, receive, rows_of, send, street_id

from yanqun_desktop.cli import main
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, Person, Position, Transfer
from yanqun_desktop.services.actor import Actor, PermissionDenied
from yanqun_desktop.services.errors import ServiceError
from yanqun_desktop.services.people import save_person
from yanqun_desktop.services.positions import save_position
from yanqun_desktop.services.sync import list_conflicts, resolve_conflict
from yanqun_desktop.services.transfers import transfer_person, transfers_of

pytestmark = pytest.mark.postgres("district")

D = DISTRICT_CODE


def test_transfer_between_streets_converges(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    xili = open_street(tmp_path, "xili")
    xclerk = actor_for(xili)
    pid = save_person(street_db, clerk, {"name": "迁居者", "id_card": "11010519491231002X"}).id
    pos = save_position(street_db, clerk, {"person_id": pid, "title": "社区党委委员"}).id
    stays = save_person(street_db, clerk, {"name": "留守者"}).id
    receive(district_db, send(street_db, D))
    receive(district_db, send(xili, D))

    result = transfer_person(district_db, district_officer, pid, "西丽", "2025-03-01", "随家庭搬迁")
    assert (result.from_street, result.to_street, result.moved_rows) == ("shahe", "xili", 2)
    with district_db.session() as s:
        person = s.get(Person, pid)
        assert (person.owner, person.street_id) == ("xili", street_id(district_db, "xili"))
        assert s.get(Position, pos).owner == "xili"
        assert s.get(Transfer, result.transfer_id).effective_on == dt.date(2025, 3, 1)
    [t] = transfers_of(district_db, pid)
    assert t.note == "随家庭搬迁"

    # down to both streets
    to_xili = send(district_db, "xili")
    assert to_xili.manifest["counts"]["people"] == 1 and to_xili.manifest["counts"]["positions"] == 1
    assert to_xili.manifest["counts"]["transfers"] == 1
    assert receive(xili, to_xili).status == "applied"
    to_shahe = send(district_db, "shahe")
    assert to_shahe.manifest["counts"]["transfers"] == 1 and to_shahe.manifest["counts"]["people"] == 1
    assert receive(street_db, to_shahe).status == "applied"
    assert stays not in b"".join(to_shahe.files.values()).decode()  # nothing else of shahe's echoed

    # the old street: the person is there, read-only, in another street
    with street_db.session() as s:
        person = s.get(Person, pid)
        assert person.owner == "xili" and person.street_id == street_id(street_db, "xili")
        assert s.get(Transfer, result.transfer_id) is not None
    with pytest.raises(PermissionDenied):
        save_person(street_db, clerk, {"note": "旧街道改不了"}, pid)

    # the new street owns the person and the history, edits and exports without conflict
    for table in ("people", "positions"):
        assert rows_of(xili, table, "xili") == rows_of(district_db, table, "xili")
    save_person(xili, xclerk, {"note": "西丽街道更新"}, pid)
    save_position(xili, xclerk, {"person_id": pid, "title": "网格员"})
    up = receive(district_db, send(xili, D))
    assert up.status == "applied" and up.counts["conflicts"] == 0 and up.counts["updated"] == 1
    for table in ("people", "positions"):
        assert rows_of(district_db, table, "xili") == rows_of(xili, table, "xili")
    # shahe keeps exporting its own people; the moved person is no longer among them
    save_person(street_db, clerk, {"note": "照常"}, stays)
    pkg = send(street_db, D)
    assert pid not in b"".join(pkg.files.values()).decode()
    assert receive(district_db, pkg).counts["conflicts"] == 0
    # and the district's next package to shahe carries nothing of xili's edit
    assert pid not in b"".join(send(district_db, "shahe").files.values()).decode()
    xili.dispose()


def _setup_transfer(tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor) -> tuple:
    xili = open_street(tmp_path, "xili")
    pid = save_person(street_db, clerk, {"name": "搬家者"}).id
    positions = [save_position(street_db, clerk, {"person_id": pid, "title": t}).id for t in ("楼栋长", "调解员")]
    receive(district_db, send(street_db, D))
    receive(district_db, send(xili, D))
    receive(street_db, send(district_db, "shahe"))  # acknowledged: shahe's next package holds only new changes
    return xili, pid, positions


def test_old_street_receives_the_moved_positions(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    xili, pid, positions = _setup_transfer(tmp_path, street_db, district_db, clerk)
    transfer_person(district_db, district_officer, pid, "xili")

    to_shahe = send(district_db, "shahe")
    assert to_shahe.manifest["counts"]["positions"] == 2 and to_shahe.manifest["counts"]["people"] == 1
    report = receive(street_db, to_shahe)
    assert report.status == "applied" and report.counts["conflicts"] == 0
    with street_db.session() as s:
        assert {s.get(Position, p).owner for p in positions} == {"xili"}
    # read-only at shahe now, and no longer among the rows shahe exports as its own
    with pytest.raises(PermissionDenied):
        save_position(street_db, clerk, {"title": "改不了"}, positions[0])
    assert rows_of(street_db, "positions", "shahe") == {}
    up = send(street_db, D)
    assert not any(p in b"".join(up.files.values()).decode() for p in positions)
    assert receive(district_db, up).counts["conflicts"] == 0
    for table in ("people", "positions"):
        assert rows_of(street_db, table, "shahe") == rows_of(district_db, table, "shahe")
        assert rows_of(street_db, table, "xili") == rows_of(district_db, table, "xili")
    # once acknowledged, the new street's own edits of them do not travel to the old street
    receive(xili, send(district_db, "xili"))
    save_position(xili, actor_for(xili), {"title": "西丽楼栋长"}, positions[0])
    receive(district_db, send(xili, D))
    assert positions[0] not in b"".join(send(district_db, "shahe").files.values()).decode()
    xili.dispose()


@pytest.mark.parametrize("decision", ["keep-local", "keep-incoming"])
def test_old_street_edit_before_it_knows_converges(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor, decision: str
) -> None:
    xili, pid, positions = _setup_transfer(tmp_path, street_db, district_db, clerk)
    transfer_person(district_db, district_officer, pid, "xili")
    receive(xili, send(district_db, "xili"))
    # shahe edits a position it still thinks it owns: newer than the transfer, so the transfer
    # package leaves shahe's copy alone, and the district holds the edit as a not-owner conflict
    save_position(street_db, clerk, {"title": "抢先修改"}, positions[0])
    assert receive(district_db, send(street_db, D)).counts["conflicts"] == 1
    receive(street_db, send(district_db, "shahe"))
    [conflict] = list_conflicts(district_db)
    assert conflict.kind == "not-owner"
    resolve_conflict(district_db, district_officer, conflict.id, decision)
    # the decision reaches both streets, whoever owns the row now
    for code, db in (("shahe", street_db), ("xili", xili)):
        receive(district_db, send(db, D))
        receive(db, send(district_db, code))
    assert list_conflicts(district_db) == []
    for db in (street_db, xili):
        for code in ("shahe", "xili"):
            for table in ("people", "positions"):
                assert rows_of(db, table, code) == rows_of(district_db, table, code), (db.org().code, code, table)
    xili.dispose()


def test_transfer_refusals(street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor) -> None:
    pid = save_person(street_db, clerk, {"name": "不动者"}).id
    with pytest.raises(PermissionDenied, match="区级"):
        transfer_person(street_db, clerk, pid, "xili")
    receive(district_db, send(street_db, D))
    with pytest.raises(ServiceError, match="无需调动"):
        transfer_person(district_db, district_officer, pid, "沙河")
    with pytest.raises(ServiceError, match="街道"):
        transfer_person(district_db, district_officer, pid, "火星")
    with pytest.raises(ServiceError, match="找不到"):
        transfer_person(district_db, district_officer, "no-such-person", "xili")
    assert transfers_of(district_db, pid) == []


def test_transfer_cli(
    street_db: Database, district_db: Database, clerk: Actor, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = save_person(street_db, clerk, {"name": "命令行"}).id
    receive(district_db, send(street_db, D))
    base = ["--db", location(district_db), "--keys", str(district_db.keys_dir), "--user", "admin"]
    assert main([*base, "transfer", pid, "--to", "西丽", "--on", "2025-04-01"]) == 0
    assert "shahe → xili" in capsys.readouterr().err
    assert main([*base, "transfer", pid, "--to", "西丽"]) == 1
    assert "无需调动" in capsys.readouterr().err
