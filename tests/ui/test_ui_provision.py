"""The installer's presets on a first start: the office without asking, the district's card
trusted once the administrator has signed in; a broken preset is shown and ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from yanqun_desktop.db.database import Database
from yanqun_desktop.db.models import TrustedKey
from yanqun_desktop.services.accounts import add_account, create_first_admin
from yanqun_desktop.services.keys import write_card
from yanqun_desktop.services.setup import initialise
from yanqun_desktop.ui.provision_start import apply_after_sign_in, load_provision, preset_office
from yanqun_desktop.ui.qt_app import ensure_app


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture
def provision_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    district = Database.open(tmp_path / "district.sqlite", keys_dir=tmp_path / "district-keys")
    initialise(district, "南山区")
    (tmp_path / "provision").mkdir()
    write_card(district, tmp_path / "provision" / "南山区.yqkey")
    district.dispose()
    path = tmp_path / "provision.json"
    # as NSIS writes it: UTF-16 with a byte-order mark
    path.write_bytes(json.dumps({"version": 1, "street": "沙河", "district_card": "provision/南山区.yqkey"},
                                ensure_ascii=False).encode("utf-16"))
    monkeypatch.setenv("YANQUN_PROVISION", str(path))
    return path


def test_first_start_takes_the_presets(qtbot, tmp_path: Path, provision_file: Path,
                                       messages: list[str]) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    db = Database.open(tmp_path / "street.sqlite", keys_dir=tmp_path / "street-keys")
    try:
        provision = load_provision()
        assert provision is not None and preset_office(db, provision)
        assert db.org().code == "shahe"  # no first-run question
        admin, _code = create_first_admin(db, "admin", "王管理", "street-pass-1")
        clerk = add_account(db, admin, "li", "李办事", "clerk", "clerk-pass-1")
        assert not apply_after_sign_in(db, admin.__class__(clerk.name, clerk.role, "shahe", clerk.login), provision)
        assert apply_after_sign_in(db, admin, provision)
        with db.session() as s:
            assert s.scalar(select(TrustedKey.org_code)) == "nanshan-district"
        assert any("已信任区级密钥名片" in m for m in messages)
        assert not apply_after_sign_in(db, admin, provision)  # once
    finally:
        db.dispose()


def test_a_broken_preset_is_shown_and_ignored(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              messages: list[str]) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    broken = tmp_path / "provision.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("YANQUN_PROVISION", str(broken))
    assert load_provision() is None and "provision.json" in messages[0]
    db = Database.open(tmp_path / "street.sqlite", keys_dir=tmp_path / "street-keys")
    try:
        initialise(db, "xili")
        other = tmp_path / "other.json"
        other.write_text(json.dumps({"street": "沙河"}), encoding="utf-8")
        monkeypatch.setenv("YANQUN_PROVISION", str(other))
        provision = load_provision()
        admin, _code = create_first_admin(db, "admin", "王管理", "street-pass-1")
        assert not preset_office(db, provision)  # already an office
        assert not apply_after_sign_in(db, admin, provision)  # another office: refused, said
        assert "不符" in messages[-1] and db.org().code == "xili"
    finally:
        db.dispose()
