"""Render the application icon from its SVG drawings: PNGs and a Windows .ico.

    python tools/render_icons.py

Writes into yanqun_desktop/resources/icons/: ``yanqun-16.png`` … ``yanqun-256.png`` and
``yanqun.ico`` (16, 24, 32, 48, 64, 128 and 256 px; the 256 px image PNG-compressed, the others
32-bit bitmaps with an AND mask, as every Windows shell reads). Sizes up to 48 px are drawn from
``yanqun-small.svg`` (three bold geese), the larger ones from ``yanqun.svg``. The outputs are
committed; run this again after changing a drawing. Needs PySide6 (QtSvg), nothing else.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "yanqun_desktop" / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL_UP_TO = 48


def render(size: int) -> QImage:
    svg = ICONS / ("yanqun-small.svg" if size <= SMALL_UP_TO else "yanqun.svg")
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """An icon bitmap: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, then the AND mask."""
    size = image.width()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # B, G, R, A in memory (little-endian)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, size * size * 4, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in range(size - 1, -1, -1):
        line = bytes(image.constScanLine(y))[: size * 4]
        rows.append(line)
        bits = bytearray(mask_stride)
        for x in range(size):
            if line[x * 4 + 3] == 0:  # fully transparent: masked
                bits[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(bits))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries, blobs = [], []
    offset = 6 + 16 * len(images)
    for size, image in sorted(images.items()):
        blob = png_bytes(image) if size >= 256 else dib_bytes(image)
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs)


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    for size in PNG_SIZES:
        path = ICONS / f"yanqun-{size}.png"
        path.write_bytes(png_bytes(images[size]))
        print(f"wrote {path.relative_to(ICONS.parent.parent.parent)}")
    ico = ICONS / "yanqun.ico"
    ico.write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    print(f"wrote {ico.relative_to(ICONS.parent.parent.parent)} ({', '.join(map(str, ICO_SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
