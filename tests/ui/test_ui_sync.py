"""同步中心: key cards exchanged once, a street's package written and imported at the district
through the preview, the same package twice changes nothing, and a suspected duplicate person
is decided in the side-by-side dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select
from ui_helpers import OPERATOR, id_card, open_db

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import Person, PersonAlias, SyncConflict
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.people import save_person
from yanqun_desktop.ui.app import build_main_window
from yanqun_desktop.ui.pages.sync_page import SyncPage


@pytest.fixture(autouse=True)
def quiet_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)


def _page(qtbot, db: Database) -> SyncPage:  # type: ignore[no-untyped-def]
    window = build_main_window(db, Settings(operator_name=OPERATOR))
    qtbot.addWidget(window)
    window.show()
    page = next(p for p in window.pages if isinstance(p, SyncPage))
    window.nav.setCurrentRow(window.pages.index(page))
    return page


@pytest.fixture
def offices(qtbot, tmp_path: Path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Two streets and the district, each with its window's 同步中心, the cards exchanged."""
    dbs = {code: open_db(tmp_path / code, code) for code in ("shahe", "nanshan", "nanshan-district")}
    pages = {code: _page(qtbot, db) for code, db in dbs.items()}
    cards = tmp_path / "cards"
    cards.mkdir()
    for code, page in pages.items():
        assert page.write_card_to(cards / f"{code}.yqkey") is not None
    for street in ("shahe", "nanshan"):
        assert pages["nanshan-district"].trust_card_file(cards / f"{street}.yqkey", confirm=False)
        assert pages[street].trust_card_file(cards / "nanshan-district.yqkey", confirm=False)
    yield {"db": dbs, "page": pages, "tmp": tmp_path}
    for db in dbs.values():
        db.dispose()


def _export(qtbot, page: SyncPage, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    folder.mkdir(exist_ok=True)
    before = set(folder.glob("*.yqpkg"))
    task = page.export_to(folder)
    qtbot.waitUntil(lambda: page.task is None, timeout=20000)
    assert task is not None
    return sorted(set(folder.glob("*.yqpkg")) - before)


def _import(qtbot, page: SyncPage, files: list[Path]) -> Any:  # type: ignore[no-untyped-def]
    dialog = page.open_import(files)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    return dialog


def _people(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Person).where(~Person.deleted)) or 0


def test_street_package_imported_at_the_district(qtbot, offices: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    shahe, district = offices["db"]["shahe"], offices["db"]["nanshan-district"]
    save_person(shahe, Actor(OPERATOR, "admin", "shahe"), {"name": "林小北", "id_card": id_card(1985, 11)})
    [package] = _export(qtbot, offices["page"]["shahe"], offices["tmp"] / "stick")
    assert package.name.startswith("shahe-0001-")

    dialog = _import(qtbot, offices["page"]["nanshan-district"], [package])
    assert dialog.reports[0].status == "dry-run" and dialog.reports[0].counts["new"] >= 1
    assert dialog.files.item(0, 1).text() == "沙河街道"  # the sender by name
    assert _people(district) == 0  # the preview wrote nothing
    assert dialog.apply_button.isEnabled()
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert dialog.reports[0].status == "applied"
    assert _people(district) == 1
    from yanqun_desktop.services.undo import last_undoable

    last = last_undoable(district, Actor(OPERATOR, "district_admin", "nanshan-district"))
    assert last is not None and not last.possible  # an import is not undone locally: it has travelled

    again = _import(qtbot, offices["page"]["nanshan-district"], [package])
    assert again.reports[0].status == "already-applied"
    assert not again.apply_button.isEnabled()
    page = offices["page"]["nanshan-district"]
    page.refresh()
    ledger = [page.ledger.item(r, 5).text() for r in range(page.ledger.rowCount())]
    assert "已导入" in ledger


def test_a_refused_package_says_why(qtbot, offices: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    [package] = _export(qtbot, offices["page"]["shahe"], offices["tmp"] / "stick")
    damaged = package.with_name("damaged.yqpkg")
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    dialog = _import(qtbot, offices["page"]["nanshan-district"], [damaged])
    assert dialog.reports[0].status == "refused"
    assert "damaged.yqpkg" in dialog.files.item(0, 9).text()
    assert not dialog.apply_button.isEnabled()
    # a street cannot open a package meant for the district
    other = _import(qtbot, offices["page"]["nanshan"], [package])
    assert other.reports[0].status == "refused"


def test_duplicate_person_decided_side_by_side(qtbot, offices: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.dialogs.conflict_dialog import ConflictDialog

    card = id_card(1980, 21)
    for street in ("shahe", "nanshan"):
        save_person(offices["db"][street], Actor(OPERATOR, "admin", street), {"name": "周同一", "id_card": card})
    district = offices["db"]["nanshan-district"]
    page = offices["page"]["nanshan-district"]
    for street in ("shahe", "nanshan"):
        files = _export(qtbot, offices["page"][street], offices["tmp"] / street)
        dialog = _import(qtbot, page, files)
        dialog.apply()
        qtbot.waitUntil(lambda d=dialog: d.task is None, timeout=20000)
    page.refresh()
    assert page.conflicts.rowCount() >= 1
    assert page.conflicts.item(0, 1).text() == "疑似重复人员"
    # the street whose person is held hears of it with the district's next package
    folder = offices["tmp"] / "down-nanshan"
    folder.mkdir()
    page.export_to(folder, "nanshan")
    qtbot.waitUntil(lambda: page.task is None, timeout=20000)
    street_page = offices["page"]["nanshan"]
    held = _import(qtbot, street_page, list(folder.glob("*.yqpkg")))
    held.apply()
    qtbot.waitUntil(lambda: held.task is None, timeout=20000)
    street_page.refresh()
    assert street_page.tabs.tabText(street_page.conflict_tab) == "区级待处理 (1)"
    assert street_page.conflicts.item(0, 1).text() == "疑似重复人员"
    assert street_page.conflicts.item(0, 4).text() == "周同一"
    assert street_page.open_conflict() is None  # nothing for a street to decide
    page.conflicts.selectRow(0)
    dialog = page.open_conflict()
    assert isinstance(dialog, ConflictDialog)
    qtbot.addWidget(dialog)
    grid_text = " ".join(dialog.grid.item(r, c).text() for r in range(dialog.grid.rowCount()) for c in (1, 2))
    assert card not in grid_text  # ID numbers masked on screen
    assert dialog.decide("existing")
    with district.session() as s:
        assert s.scalar(select(func.count()).select_from(PersonAlias)) == 1
        assert s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")) == 0


def test_key_backup_from_the_page(qtbot, offices: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.sync.keys import import_key_backup, load_identity

    page = offices["page"]["shahe"]
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    assert page.write_key_backup(offices["tmp"] / "short.yqkeybak", "12") is None  # too short: refused, said why
    assert warnings and not (offices["tmp"] / "short.yqkeybak").exists()
    backup = page.write_key_backup(offices["tmp"] / "keys.yqkeybak", "沙河街道2026备份")
    assert backup is not None
    restored = import_key_backup(backup, "沙河街道2026备份", offices["tmp"] / "rebuilt-keys")
    assert restored.fingerprint == load_identity(offices["db"]["shahe"]).fingerprint


def test_transfer_recovery_and_reexport_from_the_pages(qtbot, offices: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """The district transfers a person; a lost stick's package is written again byte for byte;
    a recovery package is written for a street."""
    from yanqun_desktop.db.models import Street
    from yanqun_desktop.ui.dialogs.transfer_dialog import TransferDialog

    shahe, district = offices["db"]["shahe"], offices["db"]["nanshan-district"]
    save_person(shahe, Actor(OPERATOR, "admin", "shahe"), {"name": "龙调动", "id_card": id_card(1983, 31)})
    street_page = offices["page"]["shahe"]
    [sent] = _export(qtbot, street_page, offices["tmp"] / "stick")
    street_page.refresh()
    row = next(r for r, e in enumerate(street_page.ledger_entries) if e.direction == "sent")
    again = street_page.reexport_to(street_page.ledger_entries[row], offices["tmp"] / "again")
    assert again is not None and again.read_bytes() == sent.read_bytes()

    page = offices["page"]["nanshan-district"]
    dialog = _import(qtbot, page, [sent])
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    with district.session() as s:
        person_id = s.scalar(select(Person.id).where(Person.name == "龙调动"))
    transfer = TransferDialog(page.ctx, person_id, "龙调动")
    qtbot.addWidget(transfer)
    transfer.fields["to_street"].set("西丽街道")
    transfer.save()
    assert transfer.result_saved is not None, transfer.findChild(QMessageBox)
    with district.session() as s:
        moved = s.get(Person, person_id)
        assert s.get(Street, moved.street_id).name == "西丽街道" and moved.owner == "xili"

    out = offices["tmp"] / "recovery"
    out.mkdir()
    page.export_recovery_to(out, "沙河街道")
    qtbot.waitUntil(lambda: page.task is None, timeout=20000)
    assert [p.name for p in out.glob("*.yqpkg")] and "recovery" in next(out.glob("*.yqpkg")).name


def test_a_rebuilt_street_card_replaces_the_old_one(qtbot, offices: dict[str, Any], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from yanqun_desktop.services.keys import list_trusted

    rebuilt = open_db(tmp_path / "rebuilt", "shahe")  # the same street on a rebuilt PC: new keys
    try:
        page = _page(qtbot, rebuilt)
        card = page.write_card_to(tmp_path / "rebuilt.yqkey")
        assert card is not None
        district = offices["page"]["nanshan-district"]
        assert district.trust_card_file(card, confirm=False)
        shahe_cards = [k for k in list_trusted(offices["db"]["nanshan-district"]) if k.org_code == "shahe"]
        assert len(shahe_cards) == 2 and sum(k.replaced_at is None for k in shahe_cards) == 1
        district.refresh()
        hashes = [district.ledger.item(r, 8).text() for r in range(district.ledger.rowCount())]
        assert all(len(h) in (0, 64) for h in hashes)  # the ledger shows each file's SHA-256
    finally:
        rebuilt.dispose()


def test_read_only_copy_made_from_the_page_and_opened_on_a_second_pc(  # type: ignore[no-untyped-def]
    qtbot, offices: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    street, page = offices["db"]["shahe"], offices["page"]["shahe"]
    save_person(street, Actor(OPERATOR, "admin", "shahe"), {"name": "副本里的人"})
    assert page.copy_button.isVisible() and not offices["page"]["nanshan-district"].copy_button.isVisible()
    target = offices["tmp"] / "second-pc" / "copy.sqlite"
    target.parent.mkdir()
    page.write_read_only_copy(target)
    qtbot.waitUntil(lambda: page.task is None, timeout=20000)

    copy = Database.open(target, keys_dir=offices["tmp"] / "second-pc-keys")
    try:
        with copy.session() as s:
            assert s.scalar(select(func.count()).select_from(Person).where(Person.name == "副本里的人")) == 1
        assert copy.meta("read_only") == "1" and copy.meta("install_id") != street.meta("install_id")
        second = _page(qtbot, copy)
        assert second.read_only_note.isVisible() and "只读副本" in second.read_only_note.text()
        assert not second.export_button.isEnabled() and not second.import_button.isEnabled()
        assert "只读副本" in second.window().windowTitle()
    finally:
        copy.dispose()

    # an existing file is never overwritten: the page says so and nothing changes
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    before = target.read_bytes()
    page.write_read_only_copy(target)
    qtbot.waitUntil(lambda: page.task is None, timeout=20000)
    assert warnings and "已存在" in warnings[0] and target.read_bytes() == before
