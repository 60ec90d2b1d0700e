"""Generated package cases (hypothesis): one layer of a correctly signed package damaged at a
time, or the sealed file itself; and the runners the tests and the on-demand run share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from pkgcases import UNSAFE_NAMES, Case, add_line, draft, file_change, fragments, hand_made, raw, sealed, set_manifest
from pkgpayload import payload_cases, people_wrong_types
from pkgworld import Draft, World, counting_stages, run_package


def all_hand_made() -> list[Case]:
    return hand_made() + payload_cases() + people_wrong_types()


MANIFEST_KEYS = ("package_id", "ack_seq", "created_at", "app_version", "since_version", "up_to_version", "counts",
                 "held", "sender", "recipient", "seq", "schema_version", "files")
KINDS = ("value", "value", "value", "value", "line", "manifest", "manifest", "zip-bytes", "zip-name", "file",
         "file", "value-down")


def package_cases(world: World) -> st.SearchStrategy[Case]:
    """One generated case: a layer and what is done to it."""
    tables = sorted(world.base_tables)

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        kind = draw(st.sampled_from(KINDS), label="kind")
        ids = draw(st.sampled_from(("fresh", "bump", "same")), label="ids")
        if kind in ("value", "value-down"):
            table = draw(st.sampled_from(tables), label="table")
            cols = world.base_tables[table][0]
            pairs = st.tuples(st.sampled_from(cols), fragments)
            changes = draw(st.lists(pairs, min_size=1, max_size=3), label="values")
            row = draw(st.integers(0, len(world.base_tables[table][1]) - 1), label="row")
            direction = "down" if kind == "value-down" else "up"

            def values(d: Draft) -> None:
                for column, fragment in changes:
                    d.row_values[table][row][cols.index(column)] = fragment

            label = f"{kind} {table}[{row}] " + ", ".join(f"{c}={f[:16]}" for c, f in changes)
            return label, sealed(draft(values, ids=ids, direction=direction), direction)
        if kind == "line":
            table = draw(st.sampled_from(tables), label="table")
            line = draw(fragments | st.lists(fragments, max_size=30).map(lambda fs: "[" + ",".join(fs) + "]"))
            return f"line {table}: {line[:30]}", sealed(draft(add_line(table, line), ids=ids))
        if kind == "manifest":
            key = draw(st.sampled_from(MANIFEST_KEYS) | st.text(max_size=10), label="key")
            fragment = draw(fragments, label="fragment")
            return f"manifest {key}={fragment[:30]}", sealed(draft(set_manifest(key, fragment), ids=ids))
        if kind == "zip-bytes":
            flips = draw(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1,
                                  max_size=4), label="flips")
            cut = draw(st.none() | st.floats(0, 1), label="cut")

            def damage(body: bytes) -> bytes:
                data = bytearray(body)
                for where, xor in flips:
                    data[int(where * len(data))] ^= xor
                return bytes(data[: int(cut * len(data))] if cut is not None else data)

            label = f"zip bytes {[(round(w, 4), x) for w, x in flips]} cut={cut}"
            return label, sealed(draft(lambda d: setattr(d, "zip_raw", damage), ids=ids))
        if kind == "zip-name":
            name = draw(st.text(min_size=0, max_size=40) | st.sampled_from(UNSAFE_NAMES), label="name")
            return f"zip name {name!r:.40}", sealed(draft(file_change(name, b"x"), ids=ids))
        flips = draw(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), max_size=3))
        cut = draw(st.none() | st.floats(0, 1, exclude_max=True), label="cut")

        def file_damage(data: bytes, world: World) -> bytes:
            buf = bytearray(data)
            for where, xor in flips:
                buf[int(where * len(buf))] ^= xor
            if cut is not None or not flips:
                buf = buf[: int((cut or 0.5) * len(buf))]
            return bytes(buf)

        return f"file flips {[(round(w, 4), x) for w, x in flips]} cut={cut}", raw(file_damage)

    return build()


def run_one(world: World, tally: Any, label: str, build: Callable[[World, Path], tuple[Path, str]]) -> None:
    folder = world.root / "in"
    folder.mkdir(exist_ok=True)
    path, direction = build(world, folder / world.next_name(label))
    run_package(tally, world, path, label, direction)


def run_generated(world: World, tally: Any, examples: int, seed: int | None) -> None:
    """``examples`` hypothesis-generated cases (deterministic when ``seed`` is None)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=package_cases(world))
    def go(case: Case) -> None:
        run_one(world, tally, *case)

    (with_seed(seed)(go) if seed is not None else go)()


def run_all(world: World, tally: Any, *, generated: int, seed: int | None = None, hand: bool = True) -> None:
    with counting_stages(tally):
        if hand:
            for label, build in all_hand_made():
                run_one(world, tally, label, build)
        if generated:
            run_generated(world, tally, generated, seed)
