"""UI tests: Qt offscreen, isolated folders, and a main window over a fresh database.

The environment is set before anything imports Qt (pytest loads this file first), so the tests
run without a display and never touch a real data or settings folder."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_scratch = tempfile.mkdtemp(prefix="yanqun-ui-tests-")
os.environ.setdefault("YANQUN_DATA_DIR", os.path.join(_scratch, "data"))
os.environ.setdefault("YANQUN_CONFIG_DIR", os.path.join(_scratch, "config"))

from collections.abc import Iterator  # noqa: E402 - after the environment above, on purpose
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from ui_helpers import OPERATOR, STREET, open_db  # noqa: E402

from yanqun_desktop.config import Settings  # noqa: E402
from yanqun_desktop.db.database import Database  # noqa: E402
from yanqun_desktop.services.actor import Actor  # noqa: E402


@pytest.fixture
def ui_street_db(tmp_path: Path) -> Iterator[Database]:
    db = open_db(tmp_path, STREET)
    yield db
    db.dispose()


@pytest.fixture
def ui_district_db(tmp_path: Path) -> Iterator[Database]:
    db = open_db(tmp_path, "nanshan-district")
    yield db
    db.dispose()


@pytest.fixture
def settings() -> Settings:
    return Settings(operator_name=OPERATOR)


@pytest.fixture
def street_actor() -> Actor:
    return Actor(OPERATOR, "admin", STREET)


@pytest.fixture
def window(qtbot, ui_street_db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    from yanqun_desktop.ui.app import build_main_window

    w = build_main_window(ui_street_db, settings)
    qtbot.addWidget(w)
    w.show()
    return w
