"""Linux build: cut Qt's ICU data library (libicudata.so.73, 31 MB) to what a Chinese program needs.

The PySide6 Linux wheels link Qt to their own ICU, whose data library carries every locale of
the world. Qt uses ICU for collation, text boundaries, time-zone names and legacy codecs; this
program needs Chinese and English. The data is one ICU package (symbol ``icudt<NN>_dat``): it is
taken out of the library, filtered with ICU's own ``icupkg`` (Debian: icu-devtools) and linked
into a new library of the same name (gcc), about 31 -> 12 MB. Kept: root, zh* and en* locales of
every kind (names, currencies, zones, units, collation incl. pinyin), all non-locale data (time
zones, Unicode properties, normalisation, break rules and the CJK dictionary), the Chinese
converters (GB18030, GBK, GB2312). Dropped: other locales, transliteration, the Thai, Lao, Khmer
and Burmese dictionaries, non-Chinese legacy converters.

Windows builds have no libicudata (Qt uses the system's ICU); the Windows build never runs this.

    python installer/slim_icu.py DIST_FOLDER      # replaces <...>/libicudata.so.* in place
Exit 0 with a note when a tool is missing (the build stays valid, only larger).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALE_FILE = re.compile(r"^(?P<lang>[a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")
KEEP_LANGS = {"zh", "en"}
DROP_FOLDERS = {"translit"}
DROP_DICTS = {"thaidict.dict", "laodict.dict", "khmerdict.dict", "burmesedict.dict"}  # kept if root refers to them
KEEP_CONVERTERS = re.compile(r"(gb18030|gbk|936|1386|1383|5478|euc-cn|hz)", re.IGNORECASE)


def keep_item(item: str) -> bool:
    parts = item.split("/")
    name = parts[-1]
    folder = parts[0] if len(parts) > 1 else ""  # icupkg -l names items without the package prefix
    if folder in DROP_FOLDERS or name in DROP_DICTS:
        return False
    if name.endswith(".cnv"):
        return bool(KEEP_CONVERTERS.search(name))
    m = LOCALE_FILE.match(name)
    if m and name not in ("root.res", "pool.res", "res_index.res"):
        return m.group("lang") in KEEP_LANGS
    return True


def _dyn_symbol(lib: Path) -> tuple[str, int, int]:
    out = subprocess.run(["readelf", "-sW", "--dyn-syms", str(lib)], check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        f = line.split()
        if len(f) >= 8 and re.fullmatch(r"icudt\d+_dat", f[7]):
            return f[7], int(f[1], 16), int(f[2], 0)
    raise RuntimeError(f"{lib}: no icudt*_dat symbol")


def _file_offset(lib: Path, address: int) -> int:
    out = subprocess.run(["readelf", "-SW", str(lib)], check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        m = re.search(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]{8,})\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if m:
            addr, off, size = (int(m.group(i), 16) for i in (2, 3, 4))
            if addr <= address < addr + size:
                return off + (address - addr)
    raise RuntimeError(f"{lib}: symbol address {address:#x} in no section")


def slim(lib: Path) -> tuple[int, int]:
    symbol, address, size = _dyn_symbol(lib)
    offset = _file_offset(lib, address)
    soname = lib.name
    before = lib.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dat = work / f"{symbol[:-4]}l.dat"
        with lib.open("rb") as fh:
            fh.seek(offset)
            dat.write_bytes(fh.read(size))
        items = subprocess.run(["icupkg", "-l", str(dat)], check=True, capture_output=True, text=True).stdout.split()
        drop = [i for i in items if not keep_item(i)]
        # the output's file name becomes the items' prefix in the package: it must stay icudtNNl
        (work / "out").mkdir()
        slim_dat = work / "out" / dat.name
        # icupkg refuses to drop an item a kept item refers to (root's break rules name the Thai
        # dictionary, a kept alias its target): those are put back, and the removal retried
        for _ in range(10):
            (work / "drop.txt").write_text("\n".join(drop) + "\n", encoding="utf-8")
            slim_dat.unlink(missing_ok=True)
            done = subprocess.run(["icupkg", "-r", str(work / "drop.txt"), str(dat), str(slim_dat)],
                                  capture_output=True, text=True)
            needed = set(re.findall(r"depends on missing item (\S+)", done.stdout + done.stderr))
            if done.returncode == 0 and not needed:
                break
            if not needed:
                raise RuntimeError(f"icupkg failed: {done.stdout}{done.stderr}")
            drop = [i for i in drop if i not in needed]
        else:
            raise RuntimeError("icupkg: dependencies did not settle")
        asm = work / "icudata.S"
        asm.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n{symbol}:\n'
            f'\t.incbin "{slim_dat}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="utf-8",
        )
        new = work / soname
        subprocess.run(["gcc", "-shared", "-nostdlib", "-Wl,-soname," + soname, "-Wl,-s", "-o", str(new), str(asm)],
                       check=True)
        shutil.copyfile(new, lib)
        print(f"slim_icu: {lib}: {len(items) - len(drop)} of {len(items)} ICU items kept")
    return before, lib.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-2].strip(), file=sys.stderr)
        return 2
    if not sys.platform.startswith("linux"):
        print("slim_icu: Linux only; nothing done")
        return 0
    missing = [t for t in ("icupkg", "gcc", "readelf") if shutil.which(t) is None]
    if missing:
        print(f"slim_icu: {', '.join(missing)} not found (Debian: icu-devtools gcc binutils); ICU data left whole")
        return 0
    libs = [p for p in Path(argv[0]).rglob("libicudata.so*") if p.is_file() and not p.is_symlink()]
    for lib in libs:
        before, after = slim(lib)
        print(f"slim_icu: {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB")
    if not libs:
        print("slim_icu: no libicudata in the build; nothing done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
