"""An open 雁群 database: engine, sessions, the row-version clock and the install's identity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from yanqun_desktop.config import default_keys_dir
from yanqun_desktop.db.engine import make_engine, make_sessionmaker, sqlite_path, to_url
from yanqun_desktop.db.ids import HybridClock, new_id
from yanqun_desktop.db.migrate import BeforeUpgrade, MigrationResult, SchemaError, upgrade_database
from yanqun_desktop.db.models import DISTRICT_CODE, Base, InstallMeta, Street

CLOCK_FILE = "version-clock.hwm"
# On a server database several installs (clerks' PCs) write: the highest version any of them
# committed is kept in this install_meta row, locked by each writing transaction
# (services/uow.py), so that versions keep growing in commit order whoever writes.
CLOCK_META_KEY = "version_clock"


class NotInitialisedError(RuntimeError):
    """The database has no office yet: run ``yanqun init --street S`` (or the first-run dialog)."""


@dataclass(frozen=True)
class OrgIdentity:
    code: str  # street code or the district code
    name: str  # e.g. 招商街道, 南山区

    @property
    def is_district(self) -> bool:
        return self.code == DISTRICT_CODE


class Database:
    """One opened database. Cheap to pass around; services open sessions from it."""

    def __init__(self, engine: Engine, migration: MigrationResult, keys_dir: Path | str | None) -> None:
        """``keys_dir`` holds the private keys and the version clock's high-water mark
        (outside the database, so a restored database never reuses a version)."""
        self.engine = engine
        self.migration = migration
        self.url = str(engine.url)
        self._sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self._meta = self._read_meta()
        if "install_id" not in self._meta:
            self.set_meta(install_id=new_id(), created_at=dt.datetime.now(dt.UTC).isoformat())
        if engine.dialect.name == "postgresql" and CLOCK_META_KEY not in self._meta:
            self._add_clock_row()
        keys_dir = Path(keys_dir) if keys_dir is not None else default_keys_dir(self.install_id)
        self.keys_dir = keys_dir
        self._clock: HybridClock | None = None

    @property
    def clock(self) -> HybridClock:
        """The row-version clock, made on first write: it must start past the highest version
        in the data (a restore may bring rows newer than the clock file), and finding that
        reads every synced table, which reading and start-up need not pay for."""
        if self._clock is None:
            clock = HybridClock(self.keys_dir / CLOCK_FILE)
            clock.observe(self._max_version())
            self._clock = clock
        return self._clock

    @classmethod
    def open(
        cls,
        path_or_url: str | Path,
        *,
        backup_dir: Path | None = None,
        keys_dir: Path | str | None = None,
        before_upgrade: BeforeUpgrade | None = None,
    ) -> Database:
        """Open (creating or upgrading as needed) a database. Raises ``SchemaError`` for a
        database from a newer program or a file that is not ours, or when the backup before an
        upgrade fails (the database is then left as it was).

        An older SQLite database is backed up before it is upgraded: by ``before_upgrade`` when
        given (the app and the CLI pass ``services.backups.backup_before_upgrade``, which
        encrypts it; this layer cannot import services), else as a plain SQLite copy in
        ``backup_dir`` (default: ``backups/`` beside the database)."""
        try:
            engine = make_engine(to_url(path_or_url))
        except ModuleNotFoundError as e:  # e.g. psycopg for a postgresql URL
            raise SchemaError(f"缺少连接此数据库所需的组件（{e.name}）：请安装 yanqun[postgres]。") from None
        path = sqlite_path(str(engine.url))
        if backup_dir is None and path is not None and before_upgrade is None:
            backup_dir = path.parent / "backups"
        keys = Path(keys_dir) if keys_dir is not None else None
        try:
            migration = upgrade_database(engine, backup_dir, before_upgrade=before_upgrade, keys_dir=keys)
        except OperationalError as e:
            engine.dispose()
            if path is not None:
                raise
            # A server that cannot be reached or refuses the login: the driver's own first line
            # (host, port, user; never the password), not a traceback.
            reason = str(e.orig).strip().splitlines()[0] if e.orig is not None else str(e)
            raise SchemaError(f"无法连接数据库服务器：{reason}") from None
        except BaseException:
            engine.dispose()  # a refused database keeps no connection (nor a file handle) open
            raise
        return cls(engine, migration, keys_dir)

    def session(self) -> Session:
        return self._sessions()

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    # -- install facts ---------------------------------------------------------------------
    def _read_meta(self) -> dict[str, str]:
        with self.session() as s:
            return {row.key: row.value for row in s.scalars(select(InstallMeta))}

    def meta(self, key: str, default: str | None = None) -> str | None:
        return self._meta.get(key, default)

    def set_meta(self, **values: str) -> None:
        with self.session() as s, s.begin():
            for key, value in values.items():
                s.merge(InstallMeta(key=key, value=value))
        self._meta.update(values)

    def _add_clock_row(self) -> None:
        """The shared clock row (see CLOCK_META_KEY), added once; two clerks opening a new
        server database at the same moment both try, and the second insert does nothing."""
        from sqlalchemy.dialects import postgresql

        table = InstallMeta.__table__
        stmt = postgresql.insert(table).values(key=CLOCK_META_KEY, value="0").on_conflict_do_nothing()
        with self.session() as s, s.begin():
            s.execute(stmt)
        self._meta.setdefault(CLOCK_META_KEY, "0")

    @property
    def install_id(self) -> str:
        return self._meta["install_id"]

    @property
    def is_demo(self) -> bool:
        return self._meta.get("demo") == "1"

    @property
    def is_initialised(self) -> bool:
        return "org_code" in self._meta

    def org(self) -> OrgIdentity:
        code = self._meta.get("org_code")
        if code is None:
            raise NotInitialisedError("数据库尚未初始化：请先选择本机所属的街道（或区级）。")
        if code == DISTRICT_CODE:
            return OrgIdentity(code, "南山区")
        with self.session() as s:
            name = s.scalar(select(Street.name).where(Street.code == code))
        return OrgIdentity(code, name or code)

    def _max_version(self) -> int:
        """The highest row version in the data, so the clock never goes below it (e.g. after a
        restore from a backup that was taken when the clock file was lost)."""
        highest = 0
        with self.session() as s:
            for table in Base.metadata.sorted_tables:
                if "version" in table.c:
                    value = s.scalar(select(func.max(table.c.version)))
                    highest = max(highest, value or 0)
        return highest

    def dispose(self) -> None:
        self.engine.dispose()
