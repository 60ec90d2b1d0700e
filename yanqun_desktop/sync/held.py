"""What a street hears about its own changes the district holds in the conflict queue.

The district's package to a street carries, in its manifest, ``held``: that street's entries
still waiting for a decision (table, row id, kind, since when), at most ``MAX_HELD`` of them.
A street importing the district's newest package replaces its list of such entries (kept in
its own ``sync_conflicts`` table with status ``at-district``), so the clerk sees which changes
have not yet landed and why, until the decision comes down with a later package.

*Decision*: the manifest rather than a payload table: the entries are status, not data
(nothing to merge), and a street on an older release ignores a manifest key it does not know.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from yanqun_desktop.db.models import SyncConflict
from yanqun_desktop.sync.payload import json_row, synced_tables

MAX_HELD = 2000  # a manifest stays small; the count beyond it is still reported
HELD_STATUS = "at-district"
HELD_KINDS = ("duplicate-person", "both-changed", "not-owner", "waiting")


def held_for(session: Session, street: str) -> dict[str, Any]:
    """The district side: ``street``'s entries in the queue (open or waiting), oldest first."""
    rows = session.execute(
        select(SyncConflict.table_name, SyncConflict.row_id, SyncConflict.kind, SyncConflict.created_at)
        .where(SyncConflict.sender == street, SyncConflict.status.in_(("open", "waiting")))
        .order_by(SyncConflict.created_at, SyncConflict.id)
    ).all()
    entries = [
        {"table": t, "row_id": r, "kind": k, "since": _iso(since)} for t, r, k, since in rows[:MAX_HELD]
    ]
    return {"count": len(rows), "entries": entries}


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat(timespec="seconds")


def _valid(entry: Any, tables: set[str]) -> bool:
    return (
        isinstance(entry, dict)
        and entry.get("table") in tables
        and isinstance(entry.get("row_id"), str)
        and 0 < len(entry["row_id"]) <= 36
        and entry.get("kind") in HELD_KINDS
    )


def _since(text: Any) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return dt.datetime.now(dt.UTC)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def record_held(session: Session, street: str, held: Any, package_id: str) -> int:
    """The street side: replace the list of this street's entries held at the district with
    ``held`` (from the district's newest package). Entries of an unknown shape are skipped (a
    newer district may say more). Returns how many are held."""
    if not isinstance(held, dict) or not isinstance(held.get("entries"), list):
        return 0
    tables = {t.name: t for t in synced_tables()}
    session.execute(delete(SyncConflict).where(SyncConflict.status == HELD_STATUS))
    for entry in held["entries"]:
        if not _valid(entry, set(tables)):
            continue
        table = tables[entry["table"]]
        own = session.execute(select(table).where(table.c.id == entry["row_id"])).mappings().first()
        session.add(
            SyncConflict(
                kind=entry["kind"],
                status=HELD_STATUS,
                table_name=table.name,
                row_id=entry["row_id"],
                sender=street,
                package_id=package_id,
                local_row=None,
                incoming_row=json_row(table, own) if own is not None else {},
                created_at=_since(entry.get("since")),
            )
        )
    count = held.get("count")
    return count if type(count) is int and count >= 0 else len(held["entries"])
