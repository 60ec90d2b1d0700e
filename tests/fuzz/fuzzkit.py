"""What every fuzz target shares: the tally of cases (outcomes, reader stages reached, crashes,
database changes, the slowest case) and its printed report. Used by the CI tests in this folder
and by ``benchmarks/fuzz_run.py`` (the on-demand run)."""

from __future__ import annotations

import os
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# CI runs a bounded number of cases; the on-demand run raises this (YANQUN_FUZZ_CASES=10000).
CI_SCALE = 1.0


def scale() -> float:
    """How many times the CI number of cases to run (YANQUN_FUZZ_SCALE, default 1)."""
    try:
        return max(0.01, float(os.environ.get("YANQUN_FUZZ_SCALE", CI_SCALE)))
    except ValueError:
        return CI_SCALE


@dataclass
class Crash:
    label: str
    error: str
    trace: str


@dataclass
class Tally:
    """Everything a fuzz run counts. ``stage(name)`` marks that the current case reached a
    stage of the reader; each case is counted once per stage it reached."""

    target: str
    cases: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    stages: Counter[str] = field(default_factory=Counter)
    crashes: list[Crash] = field(default_factory=list)
    db_changes: list[str] = field(default_factory=list)  # refused, yet the database changed
    bad_messages: list[str] = field(default_factory=list)  # a refusal that does not name its file
    slowest: tuple[float, str] = (0.0, "")
    by_label: dict[str, str] = field(default_factory=dict)  # the last outcome of each label
    seconds: float = 0.0
    _current: set[str] = field(default_factory=set)

    def stage(self, name: str) -> None:
        self._current.add(name)

    @contextmanager
    def case(self, label: str) -> Iterator[None]:
        """One case: time it, count its stages; an exception escaping it is a crash."""
        self._current = set()
        start = time.perf_counter()
        try:
            yield
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # the point of the fuzz: nothing may escape (a Rust panic neither)
            self.crash(label, e)
        finally:
            took = time.perf_counter() - start
            self.seconds += took
            self.cases += 1
            self.stages.update(self._current)
            if took > self.slowest[0]:
                self.slowest = (took, label)

    def crash(self, label: str, error: BaseException) -> None:
        self.outcomes["CRASH"] += 1
        self.by_label[label] = "CRASH"
        trace = "".join(traceback.format_exception(error))[-4000:]
        self.crashes.append(Crash(label, f"{type(error).__name__}: {str(error)[:300]}", trace))

    def outcome(self, name: str, label: str = "") -> None:
        self.outcomes[name] += 1
        if label:
            self.by_label[label] = name

    def merge(self, other: Tally) -> None:
        self.cases += other.cases
        self.outcomes.update(other.outcomes)
        self.stages.update(other.stages)
        self.crashes += other.crashes
        self.db_changes += other.db_changes
        self.bad_messages += other.bad_messages
        self.seconds += other.seconds
        if other.slowest[0] > self.slowest[0]:
            self.slowest = other.slowest

    def problems(self) -> list[str]:
        out = [f"crash in {c.label}: {c.error}\n{c.trace}" for c in self.crashes[:5]]
        out += [f"database changed by a refused case: {label}" for label in self.db_changes[:5]]
        out += [f"refusal message without the file name: {m}" for m in self.bad_messages[:5]]
        return out

    def report(self, stage_order: tuple[str, ...] = ()) -> str:
        lines = [
            f"== {self.target}: {self.cases} cases in {self.seconds:.1f} s, "
            f"{len(self.crashes)} crashes, {len(self.db_changes)} database changes after a refusal",
            f"   slowest case {self.slowest[0] * 1000:.0f} ms: {self.slowest[1]}",
        ]
        if self.stages:
            lines.append("   reached stage:")
            names = [s for s in stage_order if s in self.stages] + sorted(set(self.stages) - set(stage_order))
            lines += [f"     {name:<22} {self.stages[name]:>7}" for name in names]
        lines.append("   outcomes:")
        lines += [f"     {name:<40} {n:>7}" for name, n in self.outcomes.most_common()]
        return "\n".join(lines)


@contextmanager
def patched(module: Any, name: str, wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> Iterator[None]:
    """Replace ``module.name`` by ``wrap(original)`` for the duration (stage counting)."""
    original = getattr(module, name)
    setattr(module, name, wrap(original))
    try:
        yield
    finally:
        setattr(module, name, original)


def marking(tally: Tally, stage: str, *, after: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A wrapper that marks ``stage`` when the function is called (or, ``after``, when it returns)."""

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if not after:
                tally.stage(stage)
            out = fn(*args, **kwargs)
            if after:
                tally.stage(stage)
            return out

        return run

    return wrap
