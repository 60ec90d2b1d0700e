"""Sync bookkeeping (shared/SYNC.md): whom we trust, what was sent and received, where each
peer stands, and the conflicts waiting for the district. Local to the install (not synced):
these rows describe this install's exchanges, not the programme's records."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from yanqun_desktop.db.models.base import ORG_CODE_LEN, UUID_LEN, Base, uuid_pk

_AUTO_ID = BigInteger().with_variant(Integer, "sqlite")  # SQLite only autoincrements INTEGER keys


class TrustedKey(Base):
    """A peer's key card, trusted once (the district trusts each street's, a street the
    district's). A replacement card for a rebuilt PC supersedes the old one (``replaced_at``)."""

    __tablename__ = "trusted_keys"

    id: Mapped[str] = uuid_pk()
    org_code: Mapped[str] = mapped_column(String(ORG_CODE_LEN), index=True)
    org_name: Mapped[str] = mapped_column(String(64))
    install_id: Mapped[str] = mapped_column(String(UUID_LEN))
    sign_public: Mapped[str] = mapped_column(String(64))  # Ed25519, base64 of the raw 32 bytes
    box_public: Mapped[str] = mapped_column(String(64))  # X25519, base64 of the raw 32 bytes
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # hex SHA-256 of the card's keys
    trusted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    trusted_by: Mapped[str] = mapped_column(String(64))
    replaced_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)


class PackageRecord(Base):
    """The ledger: one row per package written, imported (or previewed) and refused."""

    __tablename__ = "package_ledger"
    __table_args__ = (Index("ix_package_ledger_peer_seq", "direction", "sender", "recipient", "seq"),)

    id: Mapped[int] = mapped_column(_AUTO_ID, primary_key=True)
    direction: Mapped[str] = mapped_column(String(8))  # sent | received
    status: Mapped[str] = mapped_column(String(16))  # exported | applied | already-applied | conflicts | refused
    package_id: Mapped[str | None] = mapped_column(String(UUID_LEN), index=True)  # None: refused before reading it
    sender: Mapped[str | None] = mapped_column(String(ORG_CODE_LEN))
    recipient: Mapped[str | None] = mapped_column(String(ORG_CODE_LEN))
    seq: Mapped[int | None] = mapped_column(Integer)
    ack_seq: Mapped[int | None] = mapped_column(Integer)  # the recipient's seq this package acknowledges
    schema_version: Mapped[str | None] = mapped_column(String(16))
    app_version: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))  # as the package says
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    file_size: Mapped[int | None] = mapped_column(BigInteger)
    # sent: the highest local row version the package carries (the export watermark once acknowledged)
    up_to_version: Mapped[int | None] = mapped_column(BigInteger)
    counts: Mapped[dict | None] = mapped_column(JSON)  # per table: new/updated/unchanged/conflicts/rejected
    message: Mapped[str | None] = mapped_column(Text)  # the refusal reason, in Chinese


class SyncPeer(Base):
    """Where this install stands with one peer (the district, or each street at the district)."""

    __tablename__ = "sync_peers"

    peer: Mapped[str] = mapped_column(String(ORG_CODE_LEN), primary_key=True)
    last_sent_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)  # our highest seq the peer applied
    acked_version: Mapped[int] = mapped_column(BigInteger, default=0)  # our version watermark at acked_seq
    received_seq: Mapped[int] = mapped_column(Integer, default=0)  # the peer's highest seq we applied
    last_received_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    schema_version: Mapped[str | None] = mapped_column(String(16))  # of the peer's last package
    app_version: Mapped[str | None] = mapped_column(String(32))


class SyncConflict(Base):
    """A row the district must decide on: a suspected duplicate person, a row changed at both
    ends, or a change from an office that does not own the row. Both versions are kept."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = uuid_pk()
    kind: Mapped[str] = mapped_column(String(16))  # duplicate-person | both-changed | not-owner
    status: Mapped[str] = mapped_column(String(16), index=True)  # open | resolved | sent-back
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(UUID_LEN), index=True)
    candidate_id: Mapped[str | None] = mapped_column(String(UUID_LEN))  # duplicate-person: the row already here
    sender: Mapped[str] = mapped_column(String(ORG_CODE_LEN))
    package_id: Mapped[str] = mapped_column(String(UUID_LEN))
    local_row: Mapped[dict | None] = mapped_column(JSON)
    incoming_row: Mapped[dict] = mapped_column(JSON)
    resolution: Mapped[str | None] = mapped_column(String(16))  # keep-local | keep-incoming | merged | sent-back
    resolved_row: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(64))
