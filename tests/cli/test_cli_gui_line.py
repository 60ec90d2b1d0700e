"""A line without a sub-command opens the GUI; it is read without importing the sub-commands'
modules (start-up time), and anything else still goes to the full parser."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from yanqun_desktop import cli
from yanqun_desktop.cli import COMMAND_MODULES, COMMAND_NAMES, build_parser, main


def test_the_listed_command_names_are_the_parsers() -> None:
    [sub] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(sub.choices) == COMMAND_NAMES


def test_the_gui_line_loads_no_sub_command_module(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from yanqun_desktop.cli import _gui_arguments\n"
        f"args = _gui_arguments(['--db', {str(tmp_path / 'x.sqlite')!r}, '--demo=street'])\n"
        "print(json.dumps({'db': args.db, 'demo': args.demo, 'command': args.command,\n"
        "                  'loaded': sorted(m for m in sys.modules if m.startswith('yanqun_desktop.cli.'))}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == {"db": str(tmp_path / "x.sqlite"), "demo": "street", "command": None,
                               "loaded": ["yanqun_desktop.cli.context"]}


def test_every_module_that_registers_sub_commands_is_listed() -> None:
    registering = {info.name for info in pkgutil.iter_modules(cli.__path__)
                   if hasattr(importlib.import_module(f"yanqun_desktop.cli.{info.name}"), "register")}
    package_verbs = {"conflicts", "reporting"}  # `package conflicts|decide|reporting`: cli/package.py registers them
    assert registering == set(COMMAND_MODULES) | package_verbs


def test_the_gui_gets_the_packages_a_double_click_passes(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opened: list[tuple[str, list[Path]]] = []
    monkeypatch.setattr(cli.CliContext, "run_gui",
                        lambda ctx, packages: opened.append((ctx.db_location, packages)) or 0)
    package = tmp_path / "沙河-第3批.yqpkg"
    assert main(["--db", str(tmp_path / "a.sqlite"), str(package)]) == 0
    assert opened == [(str(tmp_path / "a.sqlite"), [package])]


@pytest.mark.parametrize("line", [["rosterr"], ["--db", "a.sqlite", "stat"]])
def test_a_mistyped_command_is_explained_by_the_full_parser(capsys, line: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as e:
        main(line)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and "roster" in err  # the sub-commands are listed


def test_help_lists_the_sub_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0 and "package" in capsys.readouterr().out
