"""Crash safety (issue 7, part 6): a child process performs an operation on a copy of a database
and is killed (SIGKILL) at a random point — after a random delay within the time a complete run
takes, at a random SQL statement, just before or just after a random commit. Afterwards the database passes
``PRAGMA integrity_check`` and holds either its state before the operation or the state a
complete run leaves (new ids and clocks aside), never anything in between; and no file is left
half-written under its final name (a package opens, a backup decrypts to an intact database, a
PDF reads with all its pages). Temporary names (``.part``) may stay behind.

CI runs 4 kills per operation, one of each kind (crashkit.KINDS); ``YANQUN_CRASH_KILLS=N`` runs
N (``benchmarks/crash_run.py`` runs many and prints the tally)."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import crashkit
import crashops
import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and the fork server are POSIX")
OPERATIONS = ("import", "export", "roster", "print", "migrate", "backup")
KILLS = crashkit.env_kills(len(set(crashkit.KINDS)))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[crashkit.World]:
    root = tmp_path_factory.mktemp("crash-world")
    mp = pytest.MonkeyPatch()
    mp.setenv("YANQUN_DATA_DIR", str(root / "data"))
    mp.setenv("YANQUN_CONFIG_DIR", str(root / "config"))
    try:
        yield crashkit.build_world(root)
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def ctx() -> object:
    return crashkit.context()


@pytest.mark.parametrize("op", OPERATIONS)
def test_killed_midway_leaves_the_before_or_the_after(op: str, world: crashkit.World, ctx: object,
                                                       tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    lines = crashkit.check_operation(op, world, ctx, tmp_path, KILLS, seed)
    print("\n" + "\n".join(lines))
    bad = [line for line in lines if "PROBLEMS" in line]
    assert not bad, f"seed {seed}:\n" + "\n".join(bad)


def test_migration_killed_between_its_ddl_statements(world: crashkit.World, ctx: object, tmp_path: Path) -> None:
    """Deterministic: killed at the middle statement of the upgrade (among its CREATE TABLEs)."""
    ref = crashkit.run(ctx, "migrate", world, tmp_path / "ref", None)
    assert ref.done is not None
    middle = crashkit.run(ctx, "migrate", world, tmp_path / "kill", ("statement", ref.done[2] // 2))
    assert middle.integrity == "ok"
    assert crashops.same(middle.post, middle.pre, set()) or crashops.same(middle.post, ref.post, crashops.volatile(
        ref.post, ref.post))
