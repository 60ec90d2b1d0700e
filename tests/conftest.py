"""Fixtures shared by every test: isolated data/config folders and a fresh street database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from yanqun_desktop.db.database import Database
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.setup import initialise


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never touch a real user's data folder, settings or keys."""
    root = tmp_path / "yanqun-home"
    monkeypatch.setenv("YANQUN_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("YANQUN_CONFIG_DIR", str(root / "config"))
    monkeypatch.delenv("YANQUN_DB", raising=False)
    monkeypatch.delenv("YANQUN_KEYS", raising=False)
    monkeypatch.delenv("YANQUN_USER", raising=False)
    return root


@pytest.fixture
def street_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(tmp_path / "street.sqlite", keys_dir=tmp_path / "keys")
    initialise(db, "shahe")
    yield db
    db.dispose()


@pytest.fixture
def district_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(tmp_path / "district.sqlite", keys_dir=tmp_path / "district-keys")
    initialise(db, "南山区")
    yield db
    db.dispose()


@pytest.fixture
def clerk() -> Actor:
    return Actor("王小红", "operator", "shahe")


@pytest.fixture
def district_officer() -> Actor:
    return Actor("赵组织", "operator", "nanshan-district")
