"""Pictures as bytes (pure): what kind an image is and its size in pixels, read from its
header; and a small PNG encoder for the example's pictures.

No image library: the reader only needs to know what a picture is before anyone decodes it
(the size limits are checked on these numbers), and the seed's example pictures are drawn
here so the core stays standard library only.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable

#: the formats a report can carry (Word takes these; others are converted or refused)
FORMATS = ("png", "jpeg", "gif", "bmp")

_PNG = b"\x89PNG\r\n\x1a\n"
#: JPEG start-of-frame markers (baseline, progressive, lossless...), not DHT/DAC/JPG
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def sniff(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) from an image's header; None when it is not a PNG, JPEG,
    GIF or BMP (EMF, WMF, SVG, TIFF, garbage) or its header is cut short."""
    try:
        if data.startswith(_PNG) and data[12:16] == b"IHDR":
            w, h = struct.unpack(">II", data[16:24])
            return "png", w, h
        if data[:6] in (b"GIF87a", b"GIF89a"):
            w, h = struct.unpack("<HH", data[6:10])
            return "gif", w, h
        if data[:2] == b"BM" and len(data) >= 26:
            w, h = struct.unpack("<ii", data[18:26])
            return "bmp", abs(w), abs(h)
        if data[:2] == b"\xff\xd8":
            return _jpeg(data)
    except struct.error:
        return None
    return None


def _jpeg(data: bytes) -> tuple[str, int, int] | None:
    i, n = 2, len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill bytes
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2:i + 4])
        if marker in _SOF:
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return "jpeg", w, h
        if marker == 0xDA:  # start of scan before any frame header
            return None
        i += 2 + length
    return None


# ---------------------------------------------------------------------------
# A small PNG encoder (the seed's example pictures)
# ---------------------------------------------------------------------------

RGB = tuple[int, int, int]


def png(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """A truecolour PNG from ``height`` rows of ``width * 3`` RGB bytes."""
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (_PNG + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


class Canvas:
    """An RGB raster to draw rectangles, lines and discs on, saved as PNG."""

    def __init__(self, width: int, height: int, background: RGB = (255, 255, 255)) -> None:
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(background) * width) for _ in range(height)]

    def rect(self, x0: int, y0: int, x1: int, y1: int, color: RGB) -> None:
        """Fill [x0, x1) x [y0, y1) (clipped to the canvas)."""
        x0, x1 = max(0, x0), min(self.width, x1)
        if x1 <= x0:
            return
        span = bytes(color) * (x1 - x0)
        for y in range(max(0, y0), min(self.height, y1)):
            self.rows[y][x0 * 3:x1 * 3] = span

    def frame(self, x0: int, y0: int, x1: int, y1: int, color: RGB, t: int = 2) -> None:
        self.rect(x0, y0, x1, y0 + t, color)
        self.rect(x0, y1 - t, x1, y1, color)
        self.rect(x0, y0, x0 + t, y1, color)
        self.rect(x1 - t, y0, x1, y1, color)

    def disc(self, cx: int, cy: int, r: int, color: RGB) -> None:
        for dy in range(-r, r + 1):
            half = int((r * r - dy * dy) ** 0.5)
            self.rect(cx - half, cy + dy, cx + half + 1, cy + dy + 1, color)

    def shade(self, y0: int, y1: int, top: RGB, bottom: RGB) -> None:
        """A vertical gradient over rows [y0, y1)."""
        n = max(1, y1 - y0 - 1)
        for i, y in enumerate(range(max(0, y0), min(self.height, y1))):
            c = tuple(int(a + (b - a) * i / n) for a, b in zip(top, bottom, strict=True))
            self.rows[y][:] = bytes(c) * self.width

    def draw(self, fn: Callable[[Canvas], None]) -> Canvas:
        fn(self)
        return self

    def png(self) -> bytes:
        return png(self.width, self.height, (bytes(r) for r in self.rows))
