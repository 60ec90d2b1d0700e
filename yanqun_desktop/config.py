"""Paths and settings, shared by the CLI and the GUI.

Settings live in one TOML file in the config folder; environment variables and CLI options
override them (CLI.md). Data lives in the data folder: machine-wide when the installer put a
``machine-wide`` marker beside the program (every Windows account on the office PC then sees
the same street), per-user otherwise. ``YANQUN_DATA_DIR``/``YANQUN_CONFIG_DIR`` relocate both
(tests, portable use).
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

APP_NAME = "yanqun"
SETTINGS_FILE = "settings.toml"
DEFAULT_IDLE_LOCK_MINUTES = 10
MAX_IDLE_LOCK_MINUTES = 24 * 60


def _machine_wide() -> bool:
    return (Path(__file__).resolve().parent.parent / "machine-wide").exists()


def data_dir() -> Path:
    env = os.environ.get("YANQUN_DATA_DIR")
    if env:
        return Path(env)
    if _machine_wide():
        return Path(platformdirs.site_data_dir(APP_NAME, appauthor=False))
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    env = os.environ.get("YANQUN_CONFIG_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "yanqun.sqlite"


def demo_db_path(kind: str = "street") -> Path:
    """The demo database lives apart from the real one and can never be mistaken for it."""
    return data_dir() / "demo" / f"yanqun-demo-{kind}.sqlite"


def backup_dir() -> Path:
    return data_dir() / "backups"


def default_keys_dir(install_id: str) -> Path:
    env = os.environ.get("YANQUN_KEYS")
    if env:
        return Path(env)
    return data_dir() / "keys" / install_id


def _default_operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"


@dataclass
class Settings:
    """The settings a clerk can change (in the app or by editing settings.toml)."""

    operator_name: str = ""  # who is recorded in the audit log until accounts exist
    db: str = ""  # SQLite path or SQLAlchemy URL; empty = default_db_path()
    keys_dir: str = ""
    backup_dir: str = ""
    pdf_font: str = ""  # a TrueType font file for printed Chinese text; empty = system, then shipped fonts
    last_login: str = ""  # the account name last signed in with, offered at the next start (never a password)
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES  # lock the window after this long idle; 0 = never

    @property
    def operator(self) -> str:
        return self.operator_name or _default_operator()


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    if not path.exists():
        return Settings()
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    values: dict[str, object] = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        if f.type in ("int", int):  # a hand-edited file may hold "10" or junk: junk keeps the default
            try:
                values[f.name] = max(0, min(int(str(raw[f.name]).strip()), MAX_IDLE_LOCK_MINUTES))  # minutes
            except ValueError:
                continue
        else:
            values[f.name] = str(raw[f.name])
    return Settings(**values)  # type: ignore[arg-type]


def _toml_value(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the flat settings (strings and whole numbers) as TOML (no writer library needed)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key} = {_toml_value(value)}" for key, value in asdict(settings).items()]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
