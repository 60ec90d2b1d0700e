"""The command line signs in (CLI.md: --user / YANQUN_USER, YANQUN_PASSWORD or a prompt) and
manages accounts; an administrator locked out gets back in with the recovery code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from accounts_support import TEST_PASSWORD

from yanqun_desktop.cli import main

pytestmark = pytest.mark.no_test_admin  # these tests make their own administrator with `init`


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    return ["--db", str(tmp_path / "s.sqlite"), "--keys", str(tmp_path / "keys")]


def _init(capsys: pytest.CaptureFixture[str], base: list[str]) -> str:
    code, out, err = run(capsys, *base, "init", "--street", "沙河", "--admin-name", "王管理")
    assert code == 0 and out == "" and "已创建管理员账户 admin" in err
    [recovery] = re.findall(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}", err)
    return recovery


def test_every_command_signs_in(
    capsys: pytest.CaptureFixture[str], base: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _init(capsys, base)
    assert run(capsys, *base, "info")[0] == 0
    monkeypatch.delenv("YANQUN_USER")
    code, _, err = run(capsys, *base, "info")
    assert code == 1 and "--user" in err
    code, _, err = run(capsys, *base, "--user", "admin", "stats", "--json")
    assert code == 0
    monkeypatch.setenv("YANQUN_PASSWORD", "wrong-password")
    code, out, err = run(capsys, *base, "--user", "admin", "info")
    assert code == 1 and out == "" and "不正确" in err and "wrong-password" not in err
    monkeypatch.delenv("YANQUN_PASSWORD")  # no terminal to prompt on
    code, _, err = run(capsys, *base, "--user", "admin", "info")
    assert code == 1 and "YANQUN_PASSWORD" in err


def test_a_database_without_accounts_is_refused(
    capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path
) -> None:
    from yanqun_desktop.db.database import Database
    from yanqun_desktop.services.setup import initialise

    db = Database.open(tmp_path / "s.sqlite", keys_dir=tmp_path / "keys")
    initialise(db, "shahe")
    db.dispose()
    code, _, err = run(capsys, *base, "info")
    assert code == 1 and "还没有账户" in err and "--admin" in err


def test_accounts_from_the_command_line(
    capsys: pytest.CaptureFixture[str], base: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _init(capsys, base)
    monkeypatch.setenv("YANQUN_NEW_PASSWORD", "clerk-first-1")
    assert run(capsys, *base, "account", "add", "li", "--name", "李办事", "--role", "办事员")[0] == 0
    code, out, _ = run(capsys, *base, "account", "list", "--json")
    listed = {a["login"]: a for a in json.loads(out)["accounts"]}
    assert code == 0 and listed["li"]["role"] == "clerk" and listed["li"]["must_change_password"]
    assert "password_hash" not in out and "scrypt" not in out

    clerk = [*base, "--user", "li"]
    monkeypatch.setenv("YANQUN_PASSWORD", "clerk-first-1")
    code, _, err = run(capsys, *clerk, "info")
    assert code == 1 and "须先修改密码" in err  # the administrator knows this one
    monkeypatch.setenv("YANQUN_NEW_PASSWORD", "clerk-own-pw-2")
    assert run(capsys, *clerk, "account", "password")[0] == 0
    monkeypatch.setenv("YANQUN_PASSWORD", "clerk-own-pw-2")
    assert run(capsys, *clerk, "info")[0] == 0
    code, _, err = run(capsys, *clerk, "account", "list")
    assert code == 1 and "没有「管理账户」的权限" in err
    code, _, err = run(capsys, *clerk, "check")
    assert code == 1 and "检查和维护数据库" in err

    monkeypatch.setenv("YANQUN_PASSWORD", TEST_PASSWORD)
    assert run(capsys, *base, "account", "role", "li", "read_only")[0] == 0
    monkeypatch.setenv("YANQUN_PASSWORD", "clerk-own-pw-2")
    code, _, err = run(capsys, *clerk, "roster", "import", str(Path(base[1]).parent / "missing.xlsx"))
    assert code == 1 and "修改记录" in err  # refused for the role before the file is looked at
    monkeypatch.setenv("YANQUN_PASSWORD", TEST_PASSWORD)
    assert run(capsys, *base, "account", "disable", "li")[0] == 0
    monkeypatch.setenv("YANQUN_PASSWORD", "clerk-own-pw-2")
    code, _, err = run(capsys, *clerk, "info")
    assert code == 1 and "已停用" in err
    monkeypatch.setenv("YANQUN_PASSWORD", TEST_PASSWORD)
    code, _, err = run(capsys, *base, "account", "role", "li", "boss")
    assert code == 1 and "没有角色「boss」" in err


def test_recovery_code_after_a_lock(
    capsys: pytest.CaptureFixture[str], base: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery = _init(capsys, base)
    monkeypatch.setenv("YANQUN_PASSWORD", "forgotten-1")
    for _ in range(5):
        assert run(capsys, *base, "info")[0] == 1
    code, _, err = run(capsys, *base, "info")
    assert code == 1 and "锁定" in err
    monkeypatch.setenv("YANQUN_NEW_PASSWORD", "remembered-2")
    code, out, err = run(capsys, *base, "account", "recover", "--code", recovery)
    assert code == 0 and out == "" and "新的恢复码" in err and recovery not in err
    monkeypatch.setenv("YANQUN_PASSWORD", "remembered-2")
    assert run(capsys, *base, "info")[0] == 0
    code, _, err = run(capsys, *base, "account", "recover", "--code", recovery)
    assert code == 1 and "恢复码不正确" in err  # used once


def test_each_sub_command_checks_the_role(
    capsys: pytest.CaptureFixture[str], base: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _init(capsys, base)
    for login, role in (("zhao", "read_only"), ("qian", "studio_leader")):
        monkeypatch.setenv("YANQUN_PASSWORD", TEST_PASSWORD)
        monkeypatch.setenv("YANQUN_NEW_PASSWORD", f"{login}-first-1")
        assert run(capsys, *base, "account", "add", login, "--name", login, "--role", role)[0] == 0
        monkeypatch.setenv("YANQUN_PASSWORD", f"{login}-first-1")
        monkeypatch.setenv("YANQUN_NEW_PASSWORD", f"{login}-own-pw-1")
        assert run(capsys, *base, "--user", login, "account", "password")[0] == 0
    reader, leader = [*base, "--user", "zhao"], [*base, "--user", "qian"]
    monkeypatch.setenv("YANQUN_PASSWORD", "zhao-own-pw-1")
    assert run(capsys, *reader, "stats", "--json")[0] == 0
    refused = (
        (["backup"], "备份"),
        (["audit"], "查看操作日志"),
        (["keys", "card", "--out", str(tmp_path / "k.yqkey")], "管理密钥"),
        (["package", "export", "--out", str(tmp_path)], "导出和导入数据包"),
    )
    for argv, words in refused:
        code, _, err = run(capsys, *reader, *argv)
        assert code == 1 and f"没有「{words}」的权限" in err, (argv, err)
    monkeypatch.setenv("YANQUN_PASSWORD", "qian-own-pw-1")
    code, _, err = run(capsys, *leader, "stats", "--out", str(tmp_path / "s.pdf"))
    assert code == 1 and "导出表格" in err and not (tmp_path / "s.pdf").exists()
    assert run(capsys, *leader, "stats", "--json")[0] == 0
