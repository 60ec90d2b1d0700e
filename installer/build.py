"""Build 雁群: the one-folder program (PyInstaller), then the Windows installer (NSIS) or the .deb.

    python installer/build.py                 # Windows: build\\dist\\yanqun + build\\yanqun-<v>-setup.exe
                                              # Linux: build/dist/yanqun (+ --deb, --nsis)
    python installer/build.py --deb           # Linux: also build/yanqun_<v>_<arch>.deb
    python installer/build.py --nsis          # Linux: also compile the NSIS script (CI proof)
    python installer/build.py --skip-pyinstaller --deb   # reuse build/dist/yanqun

The version comes from yanqun_desktop.__version__ (the one place it is written). The build
never writes the `machine-wide` marker: only the per-machine NSIS install does (installer/README.md).
Prints the sizes of what it made. Needs: `pip install -e .[build]`; makensis (Windows: NSIS 3 from
nsis.sourceforge.io; Debian: apt-get install nsis); for --deb: dpkg-deb; on Linux, icupkg
(Debian: icu-devtools) trims Qt's ICU data (optional, 22 MB smaller).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")


def app_version() -> str:
    text = (ROOT / "yanqun_desktop" / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not m:
        raise SystemExit("build: no __version__ in yanqun_desktop/__init__.py")
    return m.group(1)


def numeric_version(version: str) -> str:
    """0.1.0 -> 0.1.0.0; 1.2.0rc1 -> 1.2.0.0 (Windows wants four numbers)."""
    nums = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    nums += [0] * (4 - len(nums))
    return ".".join(str(n) for n in nums[:4])


def folder_size(path: Path) -> int:
    """Bytes on disk as `du` counts them (symlinks not followed)."""
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def run(cmd: list[str], **kw) -> None:
    print("build: $ " + " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def windows_version_file(version: str, work: Path) -> Path:
    """The version resource of yanqun.exe (Explorer's Properties, the IT person's inventory)."""
    n = numeric_version(version).split(".")
    tup = "(" + ", ".join(n) + ")"
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', '雁群项目'),
      StringStruct('FileDescription', '雁群'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'yanqun'),
      StringStruct('LegalCopyright', 'Apache-2.0'),
      StringStruct('OriginalFilename', 'yanqun.exe'),
      StringStruct('ProductName', '雁群'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
    work.mkdir(parents=True, exist_ok=True)
    path = work / "version_info.txt"
    path.write_text(text, encoding="utf-8")
    return path


def pyinstaller(args: argparse.Namespace, version: str) -> Path:
    env = dict(os.environ)
    if args.postgres is not None:
        env["YANQUN_BUILD_POSTGRES"] = "1" if args.postgres else "0"
    if WINDOWS:
        env["YANQUN_VERSION_FILE"] = str(windows_version_file(version, args.work))
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", args.dist, "--workpath", args.work, HERE / "yanqun.spec"], env=env, cwd=ROOT)
    app = args.dist / "yanqun"
    # symlinks to libraries the spec pruned (PyInstaller adds them after the spec's filters)
    for p in list(app.rglob("*")):
        if p.is_symlink() and not p.exists():
            p.unlink()
    if (app / "_internal" / "machine-wide").exists():
        raise SystemExit("build: a machine-wide marker is in the build; only the installer writes it")
    if LINUX and not args.keep_icu:
        run([sys.executable, HERE / "slim_icu.py", app])
    return app


def makensis(args: argparse.Namespace, app: Path, version: str) -> Path:
    tool = args.makensis or shutil.which("makensis")
    if tool is None and WINDOWS:
        for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
            if base and (Path(base) / "NSIS" / "makensis.exe").exists():
                tool = str(Path(base) / "NSIS" / "makensis.exe")
    if tool is None:
        raise SystemExit("build: makensis not found (Windows: install NSIS 3; Debian: apt-get install nsis)")
    out = args.out / f"yanqun-{version}-setup.exe"
    defines = [f"/DBUILD_DIR={app}", f"/DAPP_VERSION={version}", f"/DAPP_VERSION_NUM={numeric_version(version)}",
               f"/DOUT_FILE={out}", "/DAPP_EXE=yanqun.exe"]
    icon = ROOT / "yanqun_desktop" / "resources" / "icons" / "yanqun.ico"
    if icon.exists():
        defines.append(f"/DAPP_ICON={icon}")
    defines.append(f"/DPROGRAM_FILES_NSH={program_files_nsh(app, args.work)}")
    if not WINDOWS:  # makensis on Linux takes -D; it accepts / only on Windows
        defines = ["-" + d[1:] for d in defines]
    run([tool, "-V2", *defines, HERE / "yanqun.nsi"])
    return out


def program_files_nsh(app: Path, work: Path) -> Path:
    """The NSIS macro that removes what this build puts in the install folder (its top-level
    files and folders), for the upgrade and the uninstaller: never a file the build did not bring."""
    lines = ["; written by installer/build.py from the build folder's top level", "!macro RemoveProgramFiles"]
    for entry in sorted(app.iterdir()):
        name = entry.name.replace("$", "$$")
        lines.append(f'  RMDir /r "$INSTDIR\\{name}"' if entry.is_dir() else f'  Delete "$INSTDIR\\{name}"')
    lines.append("!macroend")
    work.mkdir(parents=True, exist_ok=True)
    path = work / "program_files.nsh"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")  # NSIS reads UTF-8 with a BOM
    return path


def deb_arch() -> str:
    machine = platform.machine().lower()
    return {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(machine, machine)


def glibc_needed(app: Path) -> str:
    """The newest GLIBC_x.y symbol version any program file of the build asks for."""
    best = (2, 17)
    for p in app.rglob("*"):
        if not p.is_file() or p.is_symlink() or not (p.name == "yanqun" or ".so" in p.name):
            continue
        out = subprocess.run(["objdump", "-T", str(p)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"


def build_deb(args: argparse.Namespace, app: Path, version: str) -> Path:
    """/opt/yanqun (the PyInstaller folder), /usr/bin/yanqun, the menu entry, icon, MIME type."""
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("build: dpkg-deb not found (a Debian-based system builds the .deb)")
    arch = deb_arch()
    deb_src = HERE / "deb"
    root = args.work / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    (root / "DEBIAN").mkdir(parents=True)
    shutil.copytree(app, root / "opt" / "yanqun", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "yanqun").symlink_to("/opt/yanqun/yanqun")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(deb_src / "yanqun.desktop", share / "applications" / "yanqun.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy(deb_src / "yanqun-mime.xml", share / "mime" / "packages" / "yanqun.xml")
    icons = ROOT / "yanqun_desktop" / "resources" / "icons"
    if (icons / "yanqun.svg").exists():
        dest = share / "icons" / "hicolor" / "scalable" / "apps"
        dest.mkdir(parents=True)
        shutil.copy(icons / "yanqun.svg", dest / "yanqun.svg")
        mime_dest = share / "icons" / "hicolor" / "scalable" / "mimetypes"
        mime_dest.mkdir(parents=True)
        shutil.copy(icons / "yanqun.svg", mime_dest / "application-x-yanqun-package.svg")
    if (icons / "yanqun.png").exists():
        dest = share / "icons" / "hicolor" / "256x256" / "apps"
        dest.mkdir(parents=True)
        shutil.copy(icons / "yanqun.png", dest / "yanqun.png")
    doc = share / "doc" / "yanqun"
    doc.mkdir(parents=True)
    shutil.copy(deb_src / "copyright", doc / "copyright")
    installed_kib = folder_size(root) // 1024
    control = (deb_src / "control").read_text(encoding="utf-8")
    glibc = glibc_needed(app) if shutil.which("objdump") else "2.34"
    print(f"build: the build needs glibc >= {glibc}")
    control = control.replace("@VERSION@", version).replace("@ARCH@", arch).replace("@SIZE@", str(installed_kib))
    control = control.replace("@GLIBC@", glibc)
    (root / "DEBIAN" / "control").write_text(control, encoding="utf-8")
    for script in ("postinst", "postrm"):
        target = root / "DEBIAN" / script
        shutil.copy(deb_src / script, target)
        target.chmod(0o755)
    for p in root.rglob("*"):  # dpkg wants 0755 folders, 0644 files (programs 0755)
        if p.is_symlink():
            continue
        if p.is_dir():
            p.chmod(0o755)
        elif p.parent.name != "DEBIAN":
            p.chmod(0o755 if os.access(p, os.X_OK) else 0o644)
    out = args.out / f"yanqun_{version}_{arch}.deb"
    run(["dpkg-deb", "--build", "--root-owner-group", "-Zxz", root, out])
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dist", type=Path, default=ROOT / "build" / "dist", help="PyInstaller's output folder")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "work", help="PyInstaller's work folder")
    p.add_argument("--out", type=Path, default=ROOT / "build", help="where the installer and .deb go")
    p.add_argument("--skip-pyinstaller", action="store_true", help="reuse the existing build/dist/yanqun")
    p.add_argument("--nsis", action="store_true", help="compile the NSIS installer (default on Windows)")
    p.add_argument("--no-nsis", action="store_true", help="Windows: do not run makensis")
    p.add_argument("--makensis", help="the makensis program (default: on PATH, then Program Files\\NSIS)")
    p.add_argument("--deb", action="store_true", help="Linux: build the .deb (x86-64 -> amd64, aarch64 -> arm64)")
    p.add_argument("--postgres", dest="postgres", action="store_true", default=None,
                   help="bundle psycopg (PostgreSQL); default: if installed")
    p.add_argument("--no-postgres", dest="postgres", action="store_false")
    p.add_argument("--keep-icu", action="store_true", help="Linux: leave Qt's ICU data whole")
    args = p.parse_args(argv)
    for name in ("dist", "work", "out"):
        setattr(args, name, getattr(args, name).resolve())
    args.out.mkdir(parents=True, exist_ok=True)
    version = app_version()
    print(f"build: 雁群 {version} on {platform.system()} {platform.machine()}")
    started = time.perf_counter()
    app = args.dist / "yanqun"
    if args.skip_pyinstaller:
        if not app.exists():
            raise SystemExit(f"build: {app} does not exist; run without --skip-pyinstaller")
    else:
        app = pyinstaller(args, version)
    made = [("one-folder build", app, folder_size(app))]
    if (WINDOWS and not args.no_nsis) or args.nsis:
        setup = makensis(args, app, version)
        made.append(("installer (NSIS)", setup, setup.stat().st_size))
    if args.deb:
        deb = build_deb(args, app, version)
        made.append(("Debian package", deb, deb.stat().st_size))
    print(f"build: done in {time.perf_counter() - started:.0f} s ({platform.system()} {platform.machine()} sizes)")
    for label, path, size in made:
        print(f"build:   {label}: {path}  {mib(size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
