"""Pictures made at test time (Pillow): an organisation chart, photos, a logo, and a photo as
heavy as one straight from a phone. Nothing big is committed."""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from lkj_excel.core.model import Picture
from lkj_excel.core.pictures import sniff


def picture(data: bytes) -> Picture:
    """A ``Picture`` of image bytes (what the reader makes of a pasted picture)."""
    kind = sniff(data)
    assert kind is not None
    return Picture(data, *kind)


def _save(im: Any, fmt: str, **kw: Any) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


@lru_cache(maxsize=None)
def org_chart(width: int = 900, height: int = 520) -> bytes:
    """A small organisation chart with its boxes labelled (PNG, few colours)."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)

    def box(x: int, y: int, text: str) -> None:
        d.rectangle([x, y, x + 170, y + 56], fill=(31, 78, 120), outline="black")
        d.text((x + 10, y + 20), text, fill="white")

    box(width // 2 - 85, 20, "KEPALA BADAN")
    d.line([width // 2, 76, width // 2, 200], fill="black", width=3)
    d.line([width // 2, 130, width // 2 + 200, 130], fill="black", width=3)
    box(width // 2 + 200, 102, "SEKRETARIAT")
    d.line([110, 200, width - 110, 200], fill="black", width=3)
    for i, name in enumerate(("BIDANG I", "BIDANG II", "BIDANG III", "BIDANG IV")):
        x = 25 + i * (width - 50) // 4
        d.line([x + 85, 200, x + 85, 240], fill="black", width=3)
        box(x, 240, name)
    return _save(im, "PNG")


@lru_cache(maxsize=None)
def photo(n: int = 0, width: int = 1200, height: int = 800, exif_orientation: int = 1
          ) -> bytes:
    """A photo-like JPEG (sky, ground, people); ``exif_orientation`` 6 = turn 90 degrees."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (width, height), (120, 170, 220))
    d = ImageDraw.Draw(im)
    d.rectangle([0, height * 3 // 5, width, height], fill=[(150, 130, 100), (90, 140, 80)][n % 2])
    for i in range(6):
        x = 60 + i * (width - 120) // 6
        d.ellipse([x, height // 2 - 40, x + 50, height // 2 + 10], fill=(120, 80, 50))
        d.rectangle([x, height // 2 + 10, x + 50, height // 2 + 160],
                    fill=[(200, 40, 40), (40, 80, 160), (240, 240, 240)][(i + n) % 3])
    kw: dict[str, Any] = {"quality": 88}
    if exif_orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kw["exif"] = exif.tobytes()
    return _save(im, "JPEG", **kw)


@lru_cache(maxsize=None)
def logo() -> bytes:
    """A small logo with a transparent background (PNG with alpha)."""
    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (200, 240), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([20, 10, 180, 230], radius=60, fill=(0, 102, 51, 255))
    d.ellipse([60, 80, 140, 160], fill=(255, 204, 0, 255))
    return _save(im, "PNG")


@lru_cache(maxsize=None)
def phone_photo() -> bytes:
    """A 4000 x 3000 JPEG of about 8 MB, as a phone takes it (noise keeps it heavy)."""
    from PIL import Image

    w, h = 4000, 3000
    r = Image.effect_noise((w // 2, h // 2), 60).resize((w, h))
    g = Image.linear_gradient("L").resize((w, h))
    b = Image.effect_noise((w // 2, h // 2), 40).resize((w, h))
    return _save(Image.merge("RGB", (r, g, b)), "JPEG", quality=95)
