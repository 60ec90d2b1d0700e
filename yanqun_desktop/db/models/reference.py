"""Streets and communities: the organisation tree (district → street → community)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from yanqun_desktop.db.models.base import Base, Synced


class Street(Synced, Base):
    """One of the 8 street offices; shipped reference rows (codes fixed by shared/CLI.md)."""

    __tablename__ = "streets"
    __sync_owner__ = "district"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    district_code: Mapped[str] = mapped_column(String(32))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    studio_name: Mapped[str | None] = mapped_column(String(64))  # e.g. 招商街道 "雁谷"

    communities: Mapped[list[Community]] = relationship(back_populates="street")


class Community(Synced, Base):
    """A community (社区). Kept by the district; a community a street adds itself is owned by
    that street and stays ``verified = False`` (待核实) until the district confirms it."""

    __tablename__ = "communities"
    __table_args__ = (UniqueConstraint("street_id", "name"),)
    __sync_owner__ = "district"

    street_id: Mapped[str] = mapped_column(ForeignKey("streets.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    verified: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    street: Mapped[Street] = relationship(back_populates="communities")
