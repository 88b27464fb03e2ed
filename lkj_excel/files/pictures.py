"""Pictures pasted into the Gambar sheet, read from the .xlsx as plain data.

A sheet's pictures live in a drawing part: ``xl/worksheets/_rels/sheetN.xml.rels`` names
``xl/drawings/drawingM.xml``, whose anchors (``xdr:twoCellAnchor`` / ``xdr:oneCellAnchor``)
say where each picture's top-left corner sits (``xdr:from/xdr:row``, 0-based) and whose
``a:blip r:embed`` points through the drawing's own rels to ``xl/media/...``. Excel,
LibreOffice and WPS all write it this way.

Every XML part read here goes through the safety scan's reader (inflation caps, no DOCTYPE
or ENTITY) and is parsed with defusedxml; a picture's file is checked against the limits
(``schema.LIMITS``: bytes and pixels, read from its header before anything decodes it).
A picture that cannot be used is kept as a ``Picture`` with ``masalah`` set, so the report
leaves it out and the finding says why at its row.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.model import Picture
from lkj_excel.core.pictures import FORMATS, sniff
from lkj_excel.core.temuan import PERINGATAN, Temuan, new_temuan

NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ANCHORS = {f"{{{NS_XDR}}}{a}" for a in ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")}
#: what a file name says about a picture the report cannot carry
_UNSUPPORTED = {"emf": "EMF", "wmf": "WMF", "svg": "SVG", "tif": "TIFF", "tiff": "TIFF",
                "wdp": "HD Photo", "jxr": "JPEG XR", "heic": "HEIC", "webp": "WebP"}


def _mb(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",").replace(",0 MB", " MB")


def _rels(rd: Any, lower: dict[str, zipfile.ZipInfo], part: str, berkas: str
          ) -> dict[str, tuple[str, str]]:
    """rId -> (type's last word, target part) of a part's relationships inside the
    package (the scan's reader: broken XML is a worded refusal; External targets left out).
    ``lower``: the parts by lower-case name (part names are case-insensitive)."""
    from lkj_excel.files.safety import _relationships, _rels_path

    rels = _relationships(rd, lower.get(_rels_path(part).lower()), part, berkas)
    return {rid: (kind, target) for rid, kind, target in rels if rid}


def read_pictures(path: str | Path, sheet_part: str, sheet_name: str = "Gambar",
                  limits: schema.Limits | None = None, data: bytes | None = None,
                  archive: Any = None) -> tuple[list[Picture], list[Temuan]]:
    """The pictures anchored in one sheet, in row order, and findings for those left out.
    ``data``: the file's bytes when the caller has them (the very bytes the scan vetted);
    ``archive``: the scan's ``zipparts.Archive`` of those bytes, whose parts (the sheet's
    rels, already inflated by the scan) are read from memory, a picture whole up to its
    limit; a part it does not take (one that fails its size or CRC check) sends the whole
    read the ``zipfile`` way, which words the outcome as before.

    Raises ``WorkbookError`` for a drawing part that is hostile or broken (like the scan).
    """
    from lkj_excel.files.safety import _BROKEN, _error, _Reader, _WholeReader

    lim = schema.LIMITS if limits is None else limits
    p = Path(path)
    berkas = p.name
    if archive is not None:
        from lkj_excel.files.zipparts import Unusual

        try:
            return _read_pictures({e.filename: e for e in archive.entries},
                                  _WholeReader(archive, berkas, lim), sheet_part,
                                  sheet_name, berkas, lim)
        except Unusual:
            data = archive.data
    try:
        zf = zipfile.ZipFile(io.BytesIO(p.read_bytes() if data is None else data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise _error(_BROKEN, berkas) from exc
    with zf:
        return _read_pictures({i.filename: i for i in zf.infolist()},
                              _Reader(zf, berkas, lim), sheet_part, sheet_name, berkas, lim)


def _read_pictures(by_name: dict[str, Any], rd: Any, sheet_part: str, sheet_name: str,
                   berkas: str, lim: schema.Limits) -> tuple[list[Picture], list[Temuan]]:
    """``read_pictures`` over the parts ``by_name``, read through ``rd``."""
    from lkj_excel.files.safety import _BROKEN, _error

    pictures: list[Picture] = []
    found: list[Temuan] = []
    lower = {n.lower(): i for n, i in by_name.items()}
    drawings = [t for kind, t in _rels(rd, lower, sheet_part, berkas).values()
                if kind == "drawing"]
    for drawing in drawings:
        info = lower.get(drawing.lower())
        if info is None:
            continue
        xml = rd.read(info, cap=16 * 1024 * 1024)
        try:
            from defusedxml import ElementTree as DET

            root = DET.fromstring(xml)
        except Exception as exc:  # defusedxml's guards and expat errors
            raise _error(_BROKEN + f" (bagian {drawing})", berkas) from exc
        media = _rels(rd, lower, drawing, berkas)
        seen: set[tuple[int, str]] = set()
        for anchor in root:
            if anchor.tag not in _ANCHORS:
                continue
            row = _anchor_row(anchor)
            for pic in _pics(anchor):
                nv = pic.find(f"{{{NS_XDR}}}nvPicPr/{{{NS_XDR}}}cNvPr")
                name = (nv.get("name") if nv is not None else "") or ""
                descr = (nv.get("descr") if nv is not None else "") or ""
                blip = pic.find(f".//{{{NS_A}}}blip")
                rid = "" if blip is None else (blip.get(f"{{{NS_R}}}embed") or "")
                link = "" if blip is None else (blip.get(f"{{{NS_R}}}link") or "")
                if (row, rid or link) in seen:
                    continue
                seen.add((row, rid or link))
                pictures.append(_picture(rd, lower, media, rid, link, row, name,
                                         descr, lim))
    pictures.sort(key=lambda pic: pic.row)
    for pic in pictures:
        if pic.masalah:
            where = f"A{pic.row}" if pic.row else "A1"
            found.append(new_temuan(
                "gambar-ditolak", sheet_name, where,
                f"Gambar \"{pic.name or 'tanpa nama'}\" di baris {pic.row or '-'} tidak "
                f"dimasukkan ke laporan: {pic.masalah}", berkas, tingkat=PERINGATAN))
    return pictures, found


def _anchor_row(anchor: Any) -> int:
    """1-based row of the anchor's top-left corner (0: an absolute anchor has none)."""
    frm = anchor.find(f"{{{NS_XDR}}}from/{{{NS_XDR}}}row")
    try:
        return int((frm.text or "").strip()) + 1 if frm is not None else 0
    except ValueError:
        return 0


def _pics(anchor: Any) -> list[Any]:
    """The pictures of an anchor (also inside a group); of markup-compatibility
    alternatives only the first choice."""
    out = []
    stack = [anchor]
    while stack:
        el = stack.pop(0)
        for child in el:
            if child.tag == f"{{{NS_XDR}}}pic":
                out.append(child)
            elif child.tag == f"{{{NS_MC}}}AlternateContent":
                first = next(iter(child), None)
                if first is not None:
                    stack.append(first)
            elif child.tag == f"{{{NS_XDR}}}grpSp":
                stack.append(child)
    return out


def _picture(rd: Any, lower: dict[str, zipfile.ZipInfo], media: dict[str, Any], rid: str,
             link: str, row: int, name: str, descr: str, lim: schema.Limits) -> Picture:
    def refused(why: str) -> Picture:
        return Picture(b"", "", 0, 0, row=row, name=name, descr=descr, masalah=why)

    if link and not rid:
        return refused("gambarnya tertaut ke berkas di luar buku kerja (Link to File), jadi "
                       "tidak ikut terkirim. Sisipkan gambar biasa (Sisipkan > Gambar) "
                       "tanpa tautan.")
    target = media.get(rid)
    info = lower.get(target[1].lower()) if target else None
    if info is None:
        return refused("berkas gambarnya tidak ada di dalam buku kerja. Tempel ulang "
                       "gambarnya.")
    maks = lim.max_picture_bytes
    if info.file_size > maks:
        return refused(f"ukurannya {_mb(info.file_size)}, melebihi batas {_mb(maks)} "
                       "(LKJ_MAKS_GAMBAR_MB). Perkecil gambar (misalnya simpan ulang dengan "
                       "resolusi lebih kecil) lalu tempel ulang.")
    data = rd.read(info, cap=maks, xml=False)
    kind = sniff(data)
    if kind is None:
        ext = info.filename.rpartition(".")[2].casefold()
        what = _UNSUPPORTED.get(ext, ext.upper() or "tidak dikenal")
        return refused(f"formatnya {what}, sedangkan laporan memuat gambar "
                       f"{', '.join(f.upper() for f in FORMATS)}. Simpan gambar sebagai PNG "
                       "atau JPG lalu tempel ulang.")
    fmt, w, h = kind
    if w <= 0 or h <= 0:
        return refused("ukuran gambarnya tidak terbaca. Simpan ulang sebagai PNG atau JPG.")
    if w * h > lim.max_picture_pixels:
        mp = f"{lim.max_picture_pixels / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
        return refused(f"gambarnya {w} x {h} piksel, melebihi batas {mp} juta piksel "
                       "(LKJ_MAKS_GAMBAR_MPIKSEL). Perkecil resolusinya lalu tempel ulang.")
    return Picture(data, fmt, w, h, row=row, name=name, descr=descr)
