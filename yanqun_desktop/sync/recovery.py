"""Which rows go into a recovery package (shared/SYNC.md, "Recovery").

A recovery package is written by the district for one street after that street restored an old
backup or was rebuilt: every row the street owns, at the district's versions (tombstones too),
plus everything an ordinary district package would carry if the street had never acknowledged
anything (``district_selection`` since version 0: reference data, camp records of its people,
transfers, merges, overrides). The street imports it with the ordinary import: rows from the
district are applied whenever they are newer than what the street holds, so its own rows come
back as they were when it sent them, and anything it edited since the restore (newer versions)
is kept.

The manifest carries ``recovery: true`` and, as ``ack_seq``, the highest sequence number the
district has ever received from that street (any install of it). ``sync.keys.next_sequence``
never goes below an acknowledged number, so the street's next package continues above every
number it used before the restore, even on a rebuilt PC whose key folder is new.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import PackageRecord
from yanqun_desktop.sync.export import Selection, district_selection
from yanqun_desktop.sync.payload import synced_tables


def recovery_selection(session: Session, street: str) -> Selection:
    """Every row ``street`` owns, and every district row it needs, at the district's versions."""
    out = district_selection(session, street, 0)
    for table in synced_tables():
        stmt = select(table).where(table.c.owner == street)
        out.add(table.name, session.execute(stmt).mappings())
    order = {t.name: i for i, t in enumerate(synced_tables())}
    out.rows = dict(sorted(out.rows.items(), key=lambda kv: order[kv[0]]))
    return out


def highest_received_seq(session: Session, street: str) -> int:
    """The highest package number the district ever applied from ``street`` (every install of
    it: the ledger keeps the numbers of a replaced card too)."""
    value = session.scalar(
        select(func.max(PackageRecord.seq)).where(
            PackageRecord.direction == "received",
            PackageRecord.sender == street,
            PackageRecord.status.in_(("applied", "conflicts")),
        )
    )
    return int(value or 0)

