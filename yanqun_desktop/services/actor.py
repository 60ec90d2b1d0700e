"""Who is acting. Every service takes an ``Actor``, so permission checks have one place to live.

Until accounts exist (a later issue) the actor is the configured operator with the role
``operator``, acting for the office the database belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from yanqun_desktop.db.models import DISTRICT_CODE


class PermissionDenied(PermissionError):
    """The actor may not do this (message in Chinese)."""


@dataclass(frozen=True)
class Actor:
    name: str
    role: str  # "operator" until accounts exist
    org_code: str  # the office acted for: a street code or the district code

    @property
    def is_district(self) -> bool:
        return self.org_code == DISTRICT_CODE

    def may_write(self, owner: str) -> bool:
        """Only the owner writes a row; the district may override (SYNC.md)."""
        return owner == self.org_code or self.is_district
