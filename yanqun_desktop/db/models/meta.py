"""Facts about this install's database: which office it belongs to, whether it is a demo."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from yanqun_desktop.db.models.base import Base


class InstallMeta(Base):
    """Key/value facts: ``org_code`` (street code or the district code), ``install_id``,
    ``demo`` ("1" for a demo database), ``created_at``."""

    __tablename__ = "install_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
