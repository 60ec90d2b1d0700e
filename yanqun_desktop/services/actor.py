"""Who is acting. Every service takes an ``Actor``, so permission checks have one place to live.

The actor is the signed-in account (services/accounts.py): its name as the audit trail records
it, its role (services/permissions.py), the office it acts for and its login."""

from __future__ import annotations

from dataclasses import dataclass

from yanqun_desktop.domain.offices import DISTRICT_CODE


class PermissionDenied(PermissionError):
    """The actor may not do this (message in Chinese)."""


@dataclass(frozen=True)
class Actor:
    name: str
    role: str  # a services.permissions.Role value
    org_code: str  # the office acted for: a street code or the district code
    login: str = ""  # the account signed in ("" for a demo database or a test's actor)

    @property
    def is_district(self) -> bool:
        return self.org_code == DISTRICT_CODE

    def may_write(self, owner: str) -> bool:
        """Only the owner writes a row; the district may override (SYNC.md)."""
        return owner == self.org_code or self.is_district
