"""The decrypted body: a zip holding ``manifest.json`` and the payload files, read defensively.

Nothing is inflated before its size has been checked against the signed manifest, the zip's
own directory, the per-entry and total limits and a compression-ratio limit; inflating then
stops at the declared size, so a small file cannot grow into gigabytes in memory. The zip's
directory itself is bounded (entry count and size from the end record) before ``zipfile``
parses it, because that happens before the signature can be checked."""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from yanqun_desktop.sync.package_format import refuse

MANIFEST = "manifest.json"
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = b"PK\x06\x07"
_READ = 1024 * 1024
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_FORBIDDEN_CHARS = set('<>:"|?*\\')
MAX_NAME = 255
MAX_DEPTH = 8


@dataclass(frozen=True)
class PackageLimits:
    """What a reader accepts. The defaults keep a legitimate package of a large street (a few
    hundred MB with attachments) well inside, and bound memory to about max_file + max_total."""

    max_file: int = 512 * 1024 * 1024  # the .yqpkg on disk, checked before reading anything
    max_total: int = 1024 * 1024 * 1024  # all payload files inflated
    max_entry: int = 512 * 1024 * 1024  # one payload file inflated
    max_entries: int = 20_000
    max_manifest: int = 8 * 1024 * 1024
    max_directory: int = 4 * 1024 * 1024  # the zip's central directory
    max_ratio: int = 200  # inflated / compressed, for entries above ratio_floor
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = PackageLimits()


def shown(name: str, limit: int = 60) -> str:
    """A name from the package, made safe to print: control characters (a terminal escape
    sequence in a hostile name) become "?", and it is cut short."""
    clean = "".join("?" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in name[:limit])
    return clean + ("…" if len(name) > limit else "")


def size_text(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def unsafe_name_reason(name: str) -> str | None:
    """Why a payload file name is unsafe to hand on (it may become a path on Windows), or None."""
    if not name or len(name) > MAX_NAME:
        return "名称为空或过长"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or name.startswith("\\"):
        return "绝对路径"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "含控制字符"
    if _FORBIDDEN_CHARS.intersection(name):
        return "含不允许的字符"
    if unicodedata.normalize("NFC", name) != name:
        return "名称未规范化"
    parts = name.split("/")
    if len(parts) > MAX_DEPTH:
        return "目录层次过深"
    for part in parts:
        if part in ("", ".", ".."):
            return "含 .. 或空路径段"
        if part.endswith((" ", ".")) or part.split(".")[0].lower() in _WINDOWS_RESERVED:
            return "名称在 Windows 上无效"
    return None


def _precheck_directory(buf: memoryview, name: str, limits: PackageLimits) -> None:
    """Bound the central directory before zipfile builds an object per entry."""
    size = len(buf)
    start = max(0, size - (_EOCD.size + 0xFFFF))
    tail = bytes(buf[start:])
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        raise refuse("bad-manifest", name, "数据包内容不是有效的压缩文件")
    _sig, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, comment = _EOCD.unpack_from(tail, at)
    end = start + at
    if disk or cd_disk or n_disk != n_total or end + _EOCD.size + comment != size:
        raise refuse("bad-manifest", name, "压缩文件结构异常")
    if (
        n_total == 0xFFFF
        or cd_size == 0xFFFFFFFF
        or cd_offset == 0xFFFFFFFF
        or (end >= 20 and bytes(buf[end - 20 : end - 16]) == _ZIP64_LOCATOR)
    ):
        raise refuse("unsafe-entry", name, "不接受 ZIP64 格式")
    if n_total > limits.max_entries + 1 or cd_size > limits.max_directory:
        raise refuse("too-large", name, f"文件数 {n_total} 或目录大小超过上限")
    if cd_offset + cd_size != end:
        raise refuse("bad-manifest", name, "压缩文件结构异常")


def open_zip(body: io.BytesIO, name: str, limits: PackageLimits) -> zipfile.ZipFile:
    _precheck_directory(body.getbuffer(), name, limits)
    try:
        return zipfile.ZipFile(body)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise refuse("bad-manifest", name, "数据包内容不是有效的压缩文件") from None


def _check_entry(info: zipfile.ZipInfo, name: str) -> None:
    if info.orig_filename != info.filename:  # zipfile rewrote it: NUL bytes or backslashes
        raise refuse("unsafe-entry", name, f"文件名「{shown(info.filename)}」含不允许的字符")
    if info.is_dir():
        raise refuse("unsafe-entry", name, f"不应含有目录「{shown(info.filename)}」")
    if info.flag_bits & 0x1:
        raise refuse("unsafe-entry", name, f"文件「{shown(info.filename)}」被另行加密")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise refuse("unsafe-entry", name, f"文件「{shown(info.filename)}」使用不支持的压缩方式")


def read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> tuple[bytes, str]:
    """Inflate one entry, never past its declared size; returns the bytes and their SHA-256."""
    out = io.BytesIO()  # getvalue() hands over its buffer without a copy (a bytearray would need one)
    digest = hashlib.sha256()
    got = 0
    try:
        with zf.open(info) as fh:
            while True:
                block = fh.read(min(_READ, info.file_size - got + 1))
                if not block:
                    break
                got += len(block)
                if got > info.file_size:
                    raise refuse("too-large", name, f"文件「{shown(info.filename)}」解压后超过声明的大小")
                out.write(block)
                digest.update(block)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError, RuntimeError, zlib.error):
        raise refuse("bad-manifest", name, f"文件「{shown(info.filename)}」已损坏（校验不符）") from None
    if got != info.file_size:
        raise refuse("bad-manifest", name, f"文件「{shown(info.filename)}」长度与目录不符")
    return out.getvalue(), digest.hexdigest()


def read_manifest_bytes(zf: zipfile.ZipFile, name: str, limits: PackageLimits) -> bytes:
    entries = [i for i in zf.infolist() if i.filename == MANIFEST]
    if len(entries) != 1:
        raise refuse("bad-manifest", name, "缺少内容清单 manifest.json" if not entries else "内容清单重复")
    info = entries[0]
    _check_entry(info, name)
    if info.file_size > limits.max_manifest:
        raise refuse("too-large", name, f"内容清单超过 {size_text(limits.max_manifest)}")
    data, _ = read_bounded(zf, info, name)
    return data


def parse_manifest(data: bytes, name: str, limits: PackageLimits) -> dict[str, Any]:
    """The manifest's shape: a JSON object whose ``files`` maps each payload name to
    ``{"size": int, "sha256": hex}``. The engine's own keys are checked by the engine."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise refuse("bad-manifest", name, "内容清单不是有效的 JSON") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("files"), dict):
        raise refuse("bad-manifest", name, "内容清单缺少文件列表")
    files = doc["files"]
    if len(files) > limits.max_entries:
        raise refuse("too-large", name, f"文件数超过 {limits.max_entries}")
    for file_name, meta in files.items():
        reason = unsafe_name_reason(file_name)
        if reason or file_name == MANIFEST:
            raise refuse("unsafe-entry", name, f"文件名「{shown(file_name)}」{reason or '与清单重名'}")
        if (
            not isinstance(meta, dict)
            or set(meta) != {"size", "sha256"}
            or type(meta["size"]) is not int
            or meta["size"] < 0
            or not isinstance(meta["sha256"], str)
            or not _SHA_RE.match(meta["sha256"])
        ):
            raise refuse("bad-manifest", name, f"内容清单中「{shown(file_name)}」的大小或校验值无效")
    return doc


def extract(zf: zipfile.ZipFile, manifest: dict[str, Any], name: str, limits: PackageLimits) -> dict[str, bytes]:
    """Check every entry against the manifest and the limits, then inflate with hashes."""
    listed: dict[str, dict[str, Any]] = manifest["files"]
    infos = [i for i in zf.infolist() if i.filename != MANIFEST]
    seen: set[str] = set()
    for info in infos:
        _check_entry(info, name)
        reason = unsafe_name_reason(info.filename)
        if reason:
            raise refuse("unsafe-entry", name, f"文件名「{shown(info.filename)}」{reason}")
        folded = unicodedata.normalize("NFC", info.filename).casefold()
        if folded in seen:  # two names that are one file on Windows
            raise refuse("unsafe-entry", name, f"文件「{shown(info.filename)}」重复")
        seen.add(folded)
    names = {i.filename for i in infos}
    if names != set(listed):
        missing = sorted(set(listed) - names)
        extra = sorted(names - set(listed))
        what = f"缺少「{shown(missing[0])}」" if missing else f"多出未列出的「{shown(extra[0])}」"
        raise refuse("bad-manifest", name, f"内容清单与文件不符：{what}")
    total = 0
    for info in infos:
        declared = listed[info.filename]["size"]
        if info.file_size != declared:
            raise refuse("bad-manifest", name, f"文件「{shown(info.filename)}」的大小与清单不符")
        if declared > limits.max_entry:
            raise refuse("too-large", name, f"文件「{shown(info.filename)}」解压后超过单个文件上限")
        total += declared
        if declared > limits.ratio_floor and declared > limits.max_ratio * max(1, info.compress_size):
            raise refuse("too-large", name, f"文件「{shown(info.filename)}」压缩比异常，疑似压缩炸弹")
    if total > limits.max_total:
        raise refuse("too-large", name, f"解压后合计超过 {size_text(limits.max_total)}")
    files: dict[str, bytes] = {}
    for info in infos:
        data, digest = read_bounded(zf, info, name)
        if digest != listed[info.filename]["sha256"]:
            raise refuse("bad-manifest", name, f"文件「{shown(info.filename)}」的校验值与清单不符")
        files[info.filename] = data
    return files
