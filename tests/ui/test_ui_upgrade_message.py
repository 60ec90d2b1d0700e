"""Opening a database of an older release in the app backs it up encrypted, upgrades it and
tells the clerk where the backup is."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtWidgets import QMessageBox

from yanqun_desktop.db.database import OrgIdentity
from yanqun_desktop.db.migrate import HEAD_REVISION
from yanqun_desktop.sync.keys import ensure_identity
from yanqun_desktop.ui import app as app_module
from yanqun_desktop.ui import sign_in

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"


def test_the_app_says_the_upgrade_was_backed_up_encrypted(qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    old = max(p for p in FIXTURES.glob("*.sqlite") if p.stem < HEAD_REVISION)
    path, keys = tmp_path / "office" / "shahe.sqlite", tmp_path / "keys"
    path.parent.mkdir()
    path.write_bytes(old.read_bytes())
    with sqlite3.connect(path) as conn:
        install_id = conn.execute("SELECT value FROM install_meta WHERE key = 'install_id'").fetchone()[0]
    conn.close()
    ensure_identity(SimpleNamespace(keys_dir=keys, install_id=install_id,  # type: ignore[arg-type]
                                    org=lambda: OrgIdentity("shahe", "沙河街道")))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _title, text: shown.append(text))
    monkeypatch.setattr(sign_in, "start_session", lambda *_a, **_k: None)  # quit at the sign-in
    assert app_module.run_gui(path, demo=False, keys_dir=keys) == 0
    [made] = (path.parent / "backups").glob("*-before-upgrade.yqbak")
    assert len(shown) == 1 and f"升级前已做加密备份：{made}" in shown[0]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    conn.close()
