"""The Gambar sheet's pictures made fit for the report (Pillow).

A photo straight from a phone (4000 x 3000 pixels, 8 MB) would make the .docx heavy and
slow to open. A documentation photo is printed at most 14 cm wide, so ``MAX_SIDE_FOTO``
pixels on its longer side (about 180 dpi there) is all the page shows; a drawing (the
organisation chart, 16 cm) keeps ``MAX_SIDE`` pixels for sharp small print. Larger
pictures, heavier files and formats Word shows poorly (BMP) are re-encoded: JPEG for
photos, PNG for drawings with few colours. A phone's EXIF rotation is applied, so the
picture stands as it was taken. Everything else is embedded as it is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from lkj_excel.core.model import Picture

#: the longer side, in pixels, of what the report embeds: drawings, photos, the logo
MAX_SIDE = 2000
MAX_SIDE_FOTO = 1000
MAX_SIDE_LOGO = 600
#: a picture heavier than this is re-encoded even when its size in pixels is fine
MAX_BYTES = 700 * 1024
JPEG_QUALITY = 82
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class Prepared:
    data: bytes
    width: int
    height: int
    #: what was done, in Indonesian ("" when embedded as it is)
    catatan: str = ""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",") if n >= 1024 * 1024 \
        else f"{max(1, round(n / 1024))} KB"


def _rotated(data: bytes) -> bool:
    """A JPEG whose EXIF says it must be turned to stand upright."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            return im.getexif().get(_EXIF_ORIENTATION, 1) not in (1, None)
    except Exception:
        return False


def prepare(pic: Picture, max_side: int = MAX_SIDE) -> Prepared:
    """The picture as the report embeds it. Raises ``ValueError`` (Indonesian) when the
    image cannot be decoded."""
    big = max(pic.width, pic.height) > max_side
    heavy = len(pic.data) > MAX_BYTES
    if (not big and not heavy and pic.format in ("png", "gif")) or (
            pic.format == "jpeg" and not big and not heavy and not _rotated(pic.data)):
        return Prepared(pic.data, pic.width, pic.height)
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(pic.data)) as src:
            if src.format == "JPEG":
                # decode at a reduced scale right away (1/2, 1/4, 1/8): fast and small
                scale = max_side / max(pic.width, pic.height)
                src.draft("RGB", (round(pic.width * scale), round(pic.height * scale)))
            im = ImageOps.exif_transpose(src)
            im.load()
    except Exception as exc:
        raise ValueError(f"gambar tidak dapat dibaca ({type(exc).__name__})") from exc
    im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    alpha = im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info)
    drawing = pic.format != "jpeg" and (alpha or im.getcolors(512) is not None)
    out = io.BytesIO()
    if drawing:
        im.save(out, format="PNG", optimize=True)
    else:
        im.convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True,
                               progressive=True)
    data = out.getvalue()
    if len(data) >= len(pic.data) and not big and pic.format != "bmp" \
            and not _rotated(pic.data):
        return Prepared(pic.data, pic.width, pic.height)
    note = (f"diperkecil dari {pic.width} x {pic.height} piksel ({_mb(len(pic.data))}) "
            f"menjadi {im.width} x {im.height} piksel ({_mb(len(data))})")
    return Prepared(data, im.width, im.height, note)


def fit_cm(width: int, height: int, max_w: float, max_h: float) -> tuple[float, float]:
    """The printed size (cm) of a picture: as large as the box allows, never distorted."""
    if width <= 0 or height <= 0:
        return max_w, max_h
    scale = min(max_w / width, max_h / height)
    return width * scale, height * scale
