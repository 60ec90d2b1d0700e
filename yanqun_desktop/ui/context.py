"""What every page and dialog needs: the open database, the settings, who is acting."""

from __future__ import annotations

from dataclasses import dataclass, field

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database, OrgIdentity
from yanqun_desktop.services.actor import Actor
from yanqun_desktop.services.permissions import Permission, allows


def default_actor(db: Database, settings: Settings) -> Actor:
    """Who acts when nobody signed in (tests, the selftest, a benchmark): the demo
    administrator of a demo database, else the configured operator as the office's first
    administrator. The app itself always passes the signed-in account."""
    from yanqun_desktop.services.accounts import demo_actor, first_admin_role

    if db.meta("demo") == "1":
        return demo_actor(db)
    return Actor(settings.operator, first_admin_role(db), db.org().code)


@dataclass
class AppContext:
    db: Database
    settings: Settings
    # The signed-in account; None: the configured operator (read each time, so a name changed
    # in the settings dialog applies to the next save), see ``default_actor``.
    signed_in: Actor | None = None
    # The office never changes while a database is open, so it is read once (db.org() queries).
    org: OrgIdentity = field(init=False)

    def __post_init__(self) -> None:
        self.org = self.db.org()

    def actor(self) -> Actor:
        if self.signed_in is not None:
            return self.signed_in
        return default_actor(self.db, self.settings)

    def allows(self, permission: Permission) -> bool:
        """May the acting account do this (services/permissions.MATRIX)?"""
        return allows(self.actor(), permission)
