"""Who may sign in on this install. Local to the install (never synced): a street's accounts
are its own business, and a password hash never travels in a package."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from yanqun_desktop.db.models.base import Base, uuid_pk


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = uuid_pk()
    # What is typed at sign-in, normalised (NFKC, case-folded, trimmed): unique per install.
    login: Mapped[str] = mapped_column(String(64), unique=True)
    # The name the audit trail records for this account's operations.
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    # "scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>": the parameters travel with the hash, so
    # stronger ones later still verify the old hashes.
    password_hash: Mapped[str] = mapped_column(Text)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Repeated failures lock the account for a while (never for good): see services/accounts.py.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
