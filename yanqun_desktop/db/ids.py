"""Row identities and versions shared by every synced table (see shared/SYNC.md).

* ``new_id()`` gives a time-ordered UUID (RFC 9562 version 7): generated locally, unique
  across installs, and roughly sorted by creation time so B-tree inserts stay cheap.
* ``HybridClock`` gives row versions: a hybrid logical clock packed into one integer
  (milliseconds << 16 | counter). Versions from one install are totally ordered, even
  across a restore from backup, because the clock never goes below the high-water mark
  it keeps in a small file outside the database.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
import uuid
from pathlib import Path

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def new_id() -> str:
    """A UUIDv7 string: 48-bit Unix milliseconds, version and variant bits, 74 random bits."""
    ms = time.time_ns() // 1_000_000
    rand = secrets.randbits(74)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version 7
    value |= (rand >> 62) << 64  # 12 bits rand_a
    value |= 0b10 << 62  # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)  # 62 bits rand_b
    return str(uuid.UUID(int=value))


def stable_id(namespace: str, name: str) -> str:
    """A deterministic id for shipped reference rows (streets, the sample model), equal on every
    install so that rows the district ships never collide or duplicate."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"yanqun:{namespace}:{name}"))


def version_time_ms(version: int) -> int:
    return version >> COUNTER_BITS


class HybridClock:
    """Monotonic row-version source, persisted beside the private keys.

    ``tick()`` returns a value greater than every value it returned before and than the
    stored high-water mark. The mark is written ahead in coarse steps (one write per
    ``reserve`` ticks at most) so that bulk work does not write the file per row.
    """

    def __init__(self, state_file: Path | None, reserve_ms: int = 60_000) -> None:
        self._state_file = state_file
        self._reserve = reserve_ms << COUNTER_BITS
        self._lock = threading.Lock()
        self._last = 0
        self._persisted = 0
        if state_file is not None and state_file.exists():
            text = state_file.read_text(encoding="ascii").strip()
            if text:
                self._last = self._persisted = int(text)

    @property
    def high_water_mark(self) -> int:
        return self._last

    def observe(self, version: int) -> None:
        """Move the clock past a version seen in data (e.g. a restored database)."""
        with self._lock:
            if version > self._last:
                self._last = version
                self._persist_if_needed()

    def tick(self) -> int:
        with self._lock:
            now = (time.time_ns() // 1_000_000) << COUNTER_BITS
            self._last = now if now > self._last else self._last + 1
            self._persist_if_needed()
            return self._last

    def ticks(self, count: int) -> range:
        """Reserve ``count`` consecutive versions at once (bulk inserts)."""
        with self._lock:
            now = (time.time_ns() // 1_000_000) << COUNTER_BITS
            start = now if now > self._last else self._last + 1
            self._last = start + count - 1
            self._persist_if_needed()
            return range(start, start + count)

    def _persist_if_needed(self) -> None:
        if self._state_file is None or self._last <= self._persisted:
            return
        target = self._last + self._reserve
        self._state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._state_file.with_suffix(".tmp")
        tmp.write_text(str(target), encoding="ascii")
        os.replace(tmp, self._state_file)
        self._persisted = target
