"""Run the Windows installer under Wine and check what it did to the PC (.ci/package runs this).

    python installer/wine_check.py --setup build/yanqun-0.1.0-setup.exe --build build/dist/yanqun

The installer compiled here carries the Linux build, so nothing it installs is started; what is
checked is the installer itself, silently, as an IT person runs it on 20 PCs:

1. per machine, with ``/STREET=`` and ``/DISTRICTCARD=``: the files under Program Files, the
   ``machine-wide`` marker, ``provision.json`` read back by the program's own reader with the
   card copied beside it, the registry (install folder and version, the uninstall entry, the
   ``.yqpkg`` file type opening ``yanqun.exe "%1"``), the Start-menu and desktop shortcuts and
   the shared data folder;
2. an upgrade in place: the old program files go, the data stays, and so does a file the build did
   not bring (an IT person's note beside the program);
3. refusals before anything is installed: a quote in ``/STREET=``, a card that is not there
   (exit code 2, no folder, no registry key);
4. the silent uninstall: program, shortcuts, file types and registry keys gone, data kept (and the
   IT person's note: only what the installer brought is removed);
5. per user (``/CurrentUser /RESETFILES``, the card given relative to the folder the installer is
   started in): the folder under %LOCALAPPDATA%\\Programs, no marker, the card copied, the keys
   under HKCU, ``.yqreset`` registered; then uninstalled.

Exit 0 when every check passed, 1 with the failed ones listed. Needs ``wine`` (Debian: wine,
wine64 and wine32:i386; the NSIS installer is a 32-bit program that installs a 64-bit one).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yanqun_desktop.services.provisioning import read_provision  # noqa: E402 - after the path

APP = "雁群"
CARD_NAME = "南山区.yqkey"
CARD_BYTES = "雁群区级密钥名片（测试用，不是真的名片）\n".encode()
MACHINE_KEYS = ("Software\\yanqun", "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\yanqun",
                "Software\\Classes\\.yqpkg", "Software\\Classes\\yanqun.package")


class Wine:
    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all",
                    "WINEDLLOVERRIDES": "mscoree,mshtml="}  # no Mono or Gecko download prompts
        self.drive_c = prefix / "drive_c"
        user = os.environ.get("USER") or "root"
        self.program_files = self.drive_c / "Program Files"
        self.program_data = self.drive_c / "ProgramData"
        self.public_desktop = self.drive_c / "users" / "Public" / "Desktop"
        self.local_app_data = self.drive_c / "users" / user / "AppData" / "Local"
        self.user_start_menu = self.drive_c / "users" / user / "AppData" / "Roaming" / "Microsoft" / "Windows" / \
            "Start Menu" / "Programs"

    def boot(self) -> None:
        subprocess.run(["wineboot", "-i"], env=self.env, check=True, capture_output=True, timeout=300)
        self.settle()

    def run(self, program: Path, *args: str, cwd: Path | None = None) -> int:
        """Run a Windows program to its end (started in ``cwd``); its exit code."""
        done = subprocess.run(["wine", str(program), *args], env=self.env, capture_output=True, timeout=600,
                              cwd=cwd)
        self.settle()
        return done.returncode

    def settle(self) -> None:
        """Wait until every Wine process ended (an NSIS uninstaller re-runs itself from %TEMP%) and
        the registry is written to its files."""
        subprocess.run(["wineserver", "-w"], env=self.env, check=True, timeout=600)

    @staticmethod
    def windows_path(path: Path) -> str:
        return "Z:" + str(path).replace("/", "\\")

    def registry(self, hive: str) -> dict[str, dict[str, str]]:
        """HKLM (``system.reg``) or HKCU (``user.reg``) as {key: {value name: data}}; "" is a key's
        default value. Wine writes non-ASCII characters as \\xXXXX."""
        text = (self.prefix / ("system.reg" if hive == "HKLM" else "user.reg")).read_text(encoding="utf-8",
                                                                                        errors="replace")
        keys: dict[str, dict[str, str]] = {}
        current: dict[str, str] | None = None
        for line in text.splitlines():
            if line.startswith("["):
                name = _unescape(line[1:line.rindex("]")])
                current = keys.setdefault(name.lower(), {})
            elif current is not None and (line.startswith('"') or line.startswith("@=")):
                match = re.match(r'^(@|"(?:[^"\\]|\\.)*")=(.*)$', line)
                if match:
                    name = "" if match.group(1) == "@" else _unescape(match.group(1)[1:-1])
                    data = match.group(2)
                    current[name] = _unescape(data[1:-1]) if data.startswith('"') else data
        return keys


def _unescape(text: str) -> str:
    text = re.sub(r"\\x([0-9a-fA-F]{1,4})", lambda m: chr(int(m.group(1), 16)), text)
    return re.sub(r"\\(.)", r"\1", text)


class Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []
        self.passed = 0

    def that(self, ok: bool, what: str) -> bool:
        if ok:
            self.passed += 1
        else:
            self.failed.append(what)
            print(f"  FAILED: {what}", flush=True)
        return ok


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def check_per_machine(wine: Wine, setup: Path, build: Path, card: Path, checks: Checks) -> Path:
    print("per machine, silent, with /STREET= and /DISTRICTCARD=", flush=True)
    code = wine.run(setup, "/S", "/AllUsers", "/STREET=沙河", f"/DISTRICTCARD={wine.windows_path(card)}")
    checks.that(code == 0, f"per-machine install exit code {code}")
    home = wine.program_files / APP
    installed = files_under(home) if home.is_dir() else set()
    added = {"uninstall.exe", "provision.json", f"provision/{CARD_NAME}", "_internal/machine-wide"}
    checks.that(installed - added == files_under(build),
                f"the program's files under Program Files\\{APP} are the build's "
                f"({len(installed - added)} installed, {len(files_under(build))} built)")
    checks.that(added <= installed, f"uninstaller, provision.json, the card and the marker: missing "
                                    f"{sorted(added - installed)}")
    if (home / "provision.json").is_file():
        provision = read_provision(home / "provision.json")  # the program's own reader
        checks.that(provision.street == "沙河", f"provision street {provision.street!r}")
        checks.that(provision.district_card is not None and provision.district_card.read_bytes() == CARD_BYTES,
                    "provision's district card is the one given")
    hklm = wine.registry("HKLM")
    app_key = hklm.get("software\\yanqun", {})
    checks.that(app_key.get("InstallDir") == f"C:\\Program Files\\{APP}", f"InstallDir {app_key.get('InstallDir')!r}")
    checks.that(bool(app_key.get("Version")), "Version in HKLM\\Software\\yanqun")
    uninstall = hklm.get("software\\microsoft\\windows\\currentversion\\uninstall\\yanqun", {})
    checks.that(uninstall.get("DisplayName") == APP, f"uninstall entry DisplayName {uninstall.get('DisplayName')!r}")
    checks.that(uninstall.get("QuietUninstallString", "").endswith("uninstall.exe\" /AllUsers /S"),
                f"QuietUninstallString {uninstall.get('QuietUninstallString')!r}")
    checks.that(hklm.get("software\\classes\\.yqpkg", {}).get("") == "yanqun.package", ".yqpkg → yanqun.package")
    command = hklm.get("software\\classes\\yanqun.package\\shell\\open\\command", {}).get("")
    checks.that(command == f'"C:\\Program Files\\{APP}\\yanqun.exe" "%1"', f".yqpkg opens with {command!r}")
    checks.that("software\\classes\\.yqreset" not in hklm, ".yqreset left alone unless /RESETFILES")
    start_menu = wine.program_data / "Microsoft" / "Windows" / "Start Menu" / "Programs" / f"{APP}.lnk"
    checks.that(start_menu.is_file(), "Start-menu shortcut for all users")
    checks.that((wine.public_desktop / f"{APP}.lnk").is_file(), "desktop shortcut for all users")
    checks.that((wine.program_data / "yanqun").is_dir(), "the shared data folder C:\\ProgramData\\yanqun")
    return home


def check_upgrade(wine: Wine, setup: Path, home: Path, checks: Checks) -> Path:
    print("upgrade in place: the data stays", flush=True)
    data = wine.program_data / "yanqun" / "yanqun.sqlite"
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_bytes(b"the office's database")
    stale = home / "_internal" / "left-by-an-older-version.txt"
    stale.write_text("old")
    note = home / "IT-notes.txt"  # not the build's: neither the upgrade nor the uninstall removes it
    note.write_text("installed 2026-12 by the district's IT")
    code = wine.run(setup, "/S", "/AllUsers")
    checks.that(code == 0, f"upgrade exit code {code}")
    checks.that(not stale.exists(), "the older version's program files are gone")
    checks.that(note.is_file(), "a file the build did not bring stays")
    checks.that((home / "_internal" / "machine-wide").is_file(), "the marker is written again")
    checks.that(data.read_bytes() == b"the office's database", "the database is untouched")
    return data


def check_refusals(wine: Wine, setup: Path, checks: Checks) -> None:
    print("refused before anything is installed", flush=True)
    for args, what in ((("/STREET=沙\"河",), "a quote in /STREET="),
                       ((f"/DISTRICTCARD={wine.windows_path(Path('/nonexistent/卡.yqkey'))}",), "a missing card")):
        code = wine.run(setup, "/S", "/CurrentUser", *args)
        checks.that(code == 2, f"{what}: exit code {code} (2 expected)")
        checks.that(not (wine.local_app_data / "Programs" / APP).exists(), f"{what}: nothing installed")
        checks.that("software\\yanqun" not in wine.registry("HKCU"), f"{what}: no registry key")


def check_uninstall(wine: Wine, home: Path, data: Path, checks: Checks) -> None:
    print("silent uninstall: the data stays", flush=True)
    code = wine.run(home / "uninstall.exe", "/AllUsers", "/S")
    checks.that(code == 0, f"uninstall exit code {code}")
    left = files_under(home) if home.exists() else set()
    checks.that(left == {"IT-notes.txt"}, f"Program Files\\{APP}: only the file it did not install is left ({left})")
    hklm = wine.registry("HKLM")
    checks.that(not [k for k in MACHINE_KEYS if k.lower() in hklm], "registry keys removed")
    start_menu = wine.program_data / "Microsoft" / "Windows" / "Start Menu" / "Programs" / f"{APP}.lnk"
    checks.that(not start_menu.exists() and not (wine.public_desktop / f"{APP}.lnk").exists(), "shortcuts removed")
    checks.that(data.read_bytes() == b"the office's database", "the database is kept")


def check_per_user(wine: Wine, setup: Path, card: Path, checks: Checks) -> None:
    print("per user, silent, with /RESETFILES and a relative card path; then uninstalled", flush=True)
    code = wine.run(setup, "/S", "/CurrentUser", "/RESETFILES", f"/DISTRICTCARD={card.name}", cwd=card.parent)
    checks.that(code == 0, f"per-user install exit code {code}")
    home = wine.local_app_data / "Programs" / APP
    checks.that((home / "uninstall.exe").is_file(), f"installed under %LOCALAPPDATA%\\Programs\\{APP}")
    copied = home / "provision" / CARD_NAME
    checks.that(copied.is_file() and copied.read_bytes() == CARD_BYTES, "a relative card path: the card copied")
    checks.that(not (home / "_internal" / "machine-wide").exists(), "no machine-wide marker per user")
    hkcu = wine.registry("HKCU")
    install_dir = hkcu.get("software\\yanqun", {}).get("InstallDir", "")
    checks.that(install_dir.endswith(f"\\AppData\\Local\\Programs\\{APP}"), f"HKCU InstallDir {install_dir!r}")
    checks.that(hkcu.get("software\\classes\\.yqreset", {}).get("") == "yanqun.resetfile", ".yqreset registered")
    checks.that((wine.user_start_menu / f"{APP}.lnk").is_file(), "the user's Start-menu shortcut")
    code = wine.run(home / "uninstall.exe", "/CurrentUser", "/S")
    checks.that(code == 0 and not home.exists(), f"per-user uninstall (exit code {code})")
    checks.that("software\\yanqun" not in wine.registry("HKCU"), "per-user registry keys removed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", type=Path, required=True, help="the installer makensis wrote")
    parser.add_argument("--build", type=Path, required=True, help="the one-folder build it carries")
    parser.add_argument("--keep", action="store_true", help="keep the Wine prefix (printed)")
    args = parser.parse_args(argv)
    if shutil.which("wine") is None:
        print("wine_check: wine not found (Debian: wine wine64 wine32:i386)", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="yanqun-wine-"))
    checks = Checks()
    try:
        wine = Wine(work / "prefix")
        wine.boot()
        card = work / CARD_NAME
        card.write_bytes(CARD_BYTES)
        home = check_per_machine(wine, args.setup.resolve(), args.build.resolve(), card, checks)
        data = check_upgrade(wine, args.setup.resolve(), home, checks)
        check_refusals(wine, args.setup.resolve(), checks)
        check_uninstall(wine, home, data, checks)
        check_per_user(wine, args.setup.resolve(), card, checks)
    finally:
        if args.keep:
            print(f"wine_check: prefix kept: {work / 'prefix'}")
        else:
            subprocess.run(["wineserver", "-k"], env={**os.environ, "WINEPREFIX": str(work / "prefix")},
                           capture_output=True)
            shutil.rmtree(work, ignore_errors=True)
    if checks.failed:
        total = checks.passed + len(checks.failed)
        print(f"wine_check: {len(checks.failed)} of {total} checks FAILED", file=sys.stderr)
        return 1
    print(f"wine_check: the installer passed {checks.passed} checks under Wine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
