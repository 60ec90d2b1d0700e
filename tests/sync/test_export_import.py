"""Street → district → street between real databases: rows, acknowledgements, conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sync_helpers import actor_for, checksum, open_street, receive, rows_of, send

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import DISTRICT_CODE, Person, PersonAlias, Position, SyncConflict, SyncPeer
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import retire_person, save_person
from yanqun_desktop.services.positions import delete_position, save_position
from yanqun_desktop.services.programmes import save_cohort, save_enrolment
from yanqun_desktop.services.sync import list_conflicts, list_ledger, merge_duplicate, resolve_conflict

pytestmark = pytest.mark.postgres("district")

D = DISTRICT_CODE
CARD_A = "11010519491231002X"


def _person(db: Database, actor: Actor, name: str, card: str | None = None, **extra: str) -> str:
    raw = {"name": name, **extra}
    if card:
        raw["id_card"] = card
    return save_person(db, actor, raw).id


def test_round_trip_street_district_street(street_db: Database, district_db: Database, clerk: Actor) -> None:
    pid = _person(street_db, clerk, "张小燕", CARD_A)
    pos = save_position(street_db, clerk, {"person_id": pid, "title": "社区党委书记"}).id
    report = receive(district_db, send(street_db, D))
    assert report.status == "applied" and report.counts["new"] == 2
    assert rows_of(district_db, "people", "shahe") == rows_of(street_db, "people", "shahe")
    assert rows_of(district_db, "positions") == rows_of(street_db, "positions")
    # the district's package down acknowledges seq 1; the street's watermark moves
    down = send(district_db, "shahe")
    assert down.manifest["ack_seq"] == 1
    assert receive(street_db, down).status == "applied"
    with street_db.session() as s:
        peer = s.get(SyncPeer, D)
        assert peer.acked_seq == 1 and peer.acked_version > 0
    # edits and a tombstone travel; the next package carries only what changed
    retire_person(street_db, clerk, pid, "调离")
    delete_position(street_db, clerk, pos)
    second = send(street_db, D)
    assert second.manifest["counts"] == {"people": 1, "positions": 1}
    report = receive(district_db, second)
    assert report.counts["updated"] == 2
    with district_db.session() as s:
        assert s.get(Person, pid).status == "retired"
        assert s.get(Position, pos).deleted is True
    assert rows_of(district_db, "positions") == rows_of(street_db, "positions")
    # an audit operation names the import, one change row per row written
    with district_db.session() as s:
        from yanqun_desktop.db.models import AuditOperation

        op = s.scalars(select(AuditOperation).where(AuditOperation.operation == "sync.import")).all()[-1]
        assert "shahe" in op.summary and op.change_count == 2


def test_same_package_twice_changes_nothing(street_db: Database, district_db: Database, clerk: Actor) -> None:
    _person(street_db, clerk, "李明", CARD_A)
    pkg = send(street_db, D)
    assert receive(district_db, pkg).status == "applied"
    before = checksum(district_db)
    again = receive(district_db, pkg)
    assert again.status == "already-applied" and again.exit_code == 0
    assert checksum(district_db) == before
    assert [e.status for e in list_ledger(district_db)] == ["applied"]


def test_dry_run_writes_nothing(street_db: Database, district_db: Database, clerk: Actor) -> None:
    _person(street_db, clerk, "李明", CARD_A)
    pkg = send(street_db, D)
    before = checksum(district_db)
    report = receive(district_db, pkg, dry_run=True)
    assert report.status == "dry-run" and report.tables["people"]["new"] == 1
    assert checksum(district_db) == before


def test_out_of_order_and_lost_package(street_db: Database, district_db: Database, clerk: Actor) -> None:
    pid = _person(street_db, clerk, "王芳")
    first = send(street_db, D)  # lost on the way
    save_person(street_db, clerk, {"note": "第二次修改"}, pid)
    second = send(street_db, D)  # cumulative: the watermark only moves on an acknowledgement
    assert second.manifest["counts"]["people"] == 1 and second.manifest["since_version"] == 0
    report = receive(district_db, second)
    assert report.status == "applied"
    assert any("第 1 号" in m for m in report.messages)  # the gap is reported
    late = receive(district_db, first)  # the lost stick turns up later: older rows are skipped
    assert late.status == "applied" and late.counts["unchanged"] == 1 and late.counts["updated"] == 0
    assert rows_of(district_db, "people", "shahe") == rows_of(street_db, "people", "shahe")
    # the acknowledgement of seq 2 moves the street's watermark; the next package is empty
    receive(street_db, send(district_db, "shahe"))
    assert send(street_db, D).manifest["counts"] == {}


def test_lost_package_recovered_after_ack(street_db: Database, district_db: Database, clerk: Actor) -> None:
    _person(street_db, clerk, "甲一")
    receive(district_db, send(street_db, D))
    receive(street_db, send(district_db, "shahe"))  # ack of 1
    lost_person = _person(street_db, clerk, "乙二")
    send(street_db, D)  # seq 2: lost
    third = send(street_db, D)  # seq 3 still carries 乙: seq 2 was never acknowledged
    assert receive(district_db, third).counts["new"] == 1
    with district_db.session() as s:
        assert s.get(Person, lost_person) is not None


def test_district_sends_reference_data_and_never_another_streets_people(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    xili = open_street(tmp_path, "xili")
    mine = _person(street_db, clerk, "沙河人")
    other = _person(xili, actor_for(xili), "西丽人")
    receive(district_db, send(street_db, D))
    receive(district_db, send(xili, D))
    camp = save_cohort(district_db, district_officer, {"kind": "camp", "number": 2025}).id
    save_enrolment(district_db, district_officer, {"cohort_id": camp, "person_id": mine})
    save_enrolment(district_db, district_officer, {"cohort_id": camp, "person_id": other})
    down = send(district_db, "shahe")
    body = b"".join(down.files.values()).decode()
    assert "西丽人" not in body and other not in body and "沙河人" not in body  # no echo of its own rows
    assert down.manifest["counts"]["enrolments"] == 1 and down.manifest["counts"]["cohorts"] == 1
    receive(street_db, down)
    [row] = rows_of(street_db, "enrolments").values()
    assert row[1:3] == (camp, mine) or (camp in row and mine in row)
    assert camp in rows_of(street_db, "cohorts")
    xili.dispose()


def test_duplicate_person_across_streets_is_held_then_merged(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    xili = open_street(tmp_path, "xili")
    kept = _person(street_db, clerk, "赵敏", CARD_A)
    receive(district_db, send(street_db, D))
    dup = _person(xili, actor_for(xili), "赵敏", CARD_A)
    save_position(xili, actor_for(xili), {"person_id": dup, "title": "网格员"})
    report = receive(district_db, send(xili, D))
    assert report.status == "conflicts" and report.exit_code == 3
    assert report.tables["people"]["conflicts"] == 1 and report.tables["positions"]["conflicts"] == 1
    with district_db.session() as s:
        assert s.get(Person, dup) is None
    [conflict] = list_conflicts(district_db)
    assert (conflict.kind, conflict.row_id, conflict.candidate_id) == ("duplicate-person", dup, kept)
    assert merge_duplicate(district_db, district_officer, conflict.id) == kept
    with district_db.session() as s:
        assert s.scalars(select(PersonAlias.person_id).where(PersonAlias.alias_id == dup)).one() == kept
        assert [p.person_id for p in s.scalars(select(Position))] == [kept]
    assert list_conflicts(district_db) == []
    # the merge travels down to xili: its references move to the survivor, the alias is a tombstone
    receive(xili, send(district_db, "xili"))
    with xili.session() as s:
        assert s.get(Person, dup).deleted is True
        assert [p.person_id for p in s.scalars(select(Position))] == [kept]
    # and back up: the district now holds xili's redirected position and the tombstone
    assert receive(district_db, send(xili, D)).status == "applied"
    xili.dispose()


def test_not_owner_change_goes_to_the_queue(
    tmp_path: Path, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    pid = _person(street_db, clerk, "钱多")
    pkg = send(street_db, D)
    receive(district_db, pkg)
    save_person(street_db, clerk, {"note": "改了"}, pid)
    forged = send(street_db, D)
    forged.manifest["sender"] = "xili"  # xili claims a change to shahe's person
    report = receive(district_db, forged)
    assert report.status == "conflicts" and report.counts["conflicts"] == 1
    [c] = list_conflicts(district_db)
    assert c.kind == "not-owner" and c.local_row["note"] is None and c.incoming_row["note"] == "改了"
    with district_db.session() as s:
        assert s.get(Person, pid).note is None


def test_both_changed_then_resolved_override_travels_down(
    street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    pid = _person(street_db, clerk, "孙丽")
    receive(district_db, send(street_db, D))
    save_person(district_db, district_officer, {"note": "区级更正"}, pid)  # an override, not yet at the street
    save_person(street_db, clerk, {"note": "街道修改"}, pid)
    report = receive(district_db, send(street_db, D))
    assert report.status == "conflicts"
    [c] = list_conflicts(district_db)
    assert c.kind == "both-changed"
    # meanwhile the district's package tells the street its change is held, and why
    first_down = receive(street_db, send(district_db, "shahe"))
    assert any("区级仍有 1 条" in m for m in first_down.messages)
    [held] = list_conflicts(street_db, status="at-district")
    assert (held.kind, held.table, held.row_id, held.incoming_row["name"]) == ("both-changed", "people", pid, "孙丽")
    assert list_conflicts(street_db) == []  # nothing for the street to decide
    kept = resolve_conflict(district_db, district_officer, c.id, "merged", {"note": "合并后的备注"})
    assert kept is not None and kept["note"] == "合并后的备注"
    with district_db.session() as s:
        assert s.get(SyncConflict, c.id).status == "resolved"
    down = send(district_db, "shahe")
    assert down.manifest["counts"]["people"] == 1 and down.manifest["held"] == {"count": 0, "entries": []}
    receive(street_db, down)
    with street_db.session() as s:
        assert s.get(Person, pid).note == "合并后的备注"
    assert list_conflicts(street_db, status="at-district") == []  # decided: the street's list is empty again
    # the street's next edit is newer than the override and, once acknowledged, no conflict
    save_person(street_db, clerk, {"note": "再改"}, pid)
    assert receive(district_db, send(street_db, D)).status == "applied"
    with district_db.session() as s:
        assert s.get(Person, pid).note == "再改"


def test_street_refuses_a_package_from_another_street(tmp_path: Path, street_db: Database, clerk: Actor) -> None:
    xili = open_street(tmp_path, "xili")
    _person(xili, actor_for(xili), "某人")
    pkg = send(xili, D)
    pkg.manifest["recipient"] = "shahe"
    before = checksum(street_db)
    report = receive(street_db, pkg)
    assert report.status == "refused" and report.exit_code == 1
    assert checksum(street_db) == before
    log = street_db.path.with_name(street_db.path.name + ".sync-refusals.log")
    assert "wrong-sender" in log.read_text(encoding="utf-8")
    xili.dispose()


@pytest.mark.parametrize("kind", ["studio"])
def test_mixed_table_rows_follow_their_owner(
    kind: str, street_db: Database, district_db: Database, clerk: Actor
) -> None:
    cohort = save_cohort(street_db, clerk, {"kind": kind, "number": 1}).id
    pkg = send(street_db, D)
    assert pkg.manifest["counts"].get("cohorts") == 1
    receive(district_db, pkg)
    assert rows_of(district_db, "cohorts", "shahe") == rows_of(street_db, "cohorts", "shahe")
    assert cohort in rows_of(district_db, "cohorts")


def test_sent_back_change_is_undone_at_the_street(
    street_db: Database, district_db: Database, clerk: Actor, district_officer: Actor
) -> None:
    """Sending a change back travels down: the street's copy returns to the district's version."""
    pid = _person(street_db, clerk, "周退回")
    receive(district_db, send(street_db, D))
    save_person(district_db, district_officer, {"note": "区级核实"}, pid)
    save_person(street_db, clerk, {"note": "街道误改"}, pid)
    assert receive(district_db, send(street_db, D)).status == "conflicts"
    [c] = list_conflicts(district_db)
    assert resolve_conflict(district_db, district_officer, c.id, "sent-back") is None
    with district_db.session() as s:
        assert s.get(SyncConflict, c.id).status == "sent-back"
        assert s.get(Person, pid).note == "区级核实"
    receive(street_db, send(district_db, "shahe"))
    with street_db.session() as s:
        assert s.get(Person, pid).note == "区级核实"
