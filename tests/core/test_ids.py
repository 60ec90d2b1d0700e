from __future__ import annotations

import uuid
from pathlib import Path

from yanqun_desktop.db.ids import HybridClock, new_id, stable_id


def test_new_id_is_uuid7_and_time_ordered() -> None:
    ids = [new_id() for _ in range(2000)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert len(set(ids)) == len(ids)
    # the 48-bit millisecond prefix never goes backwards
    prefixes = [i[:13] for i in ids]
    assert prefixes == sorted(prefixes)


def test_stable_id_is_deterministic() -> None:
    assert stable_id("street", "shahe") == stable_id("street", "shahe") != stable_id("street", "xili")


def test_clock_is_monotonic_and_survives_restart(tmp_path: Path) -> None:
    state = tmp_path / "clock"
    clock = HybridClock(state)
    values = [clock.tick() for _ in range(1000)]
    assert values == sorted(values) and len(set(values)) == len(values)
    bulk = clock.ticks(500)
    assert bulk.start > values[-1] and len(bulk) == 500
    reopened = HybridClock(state)  # e.g. the next day, or after a restore from backup
    assert reopened.tick() > bulk[-1]


def test_clock_observes_versions_seen_in_data(tmp_path: Path) -> None:
    clock = HybridClock(tmp_path / "clock")
    far = clock.tick() + (10**6 << 16)
    clock.observe(far)
    assert clock.tick() > far
