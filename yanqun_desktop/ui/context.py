"""What every page and dialog needs: the open database, the settings, who is acting."""

from __future__ import annotations

from dataclasses import dataclass, field

from yanqun_desktop.config import Settings
from yanqun_desktop.db.database import Database, OrgIdentity
from yanqun_desktop.services.actor import Actor


@dataclass
class AppContext:
    db: Database
    settings: Settings
    # The office never changes while a database is open, so it is read once (db.org() queries).
    org: OrgIdentity = field(init=False)

    def __post_init__(self) -> None:
        self.org = self.db.org()

    def actor(self) -> Actor:
        """Until accounts exist the actor is the configured operator (read each time, so a
        name changed in the settings dialog applies to the next save)."""
        return Actor(self.settings.operator, "operator", self.org.code)
