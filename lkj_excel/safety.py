"""Checks made before any parser touches a file (size, kind, zip bomb, XML entities, extent).

``check_file(path)`` is the single gate every reader passes. It never lets a parser see:
- something that is not an .xlsx (empty, random bytes, HTML saved as .xls, a legacy .xls
  BIFF/OLE file even when renamed .xlsx, a password-protected workbook, .xlsb);
- a zip bomb: declared sizes, ratios and entry counts are checked from the central
  directory, then the parts the fast reader (python-calamine) parses are *stream-inflated*
  with a cap, because declared sizes can lie;
- a DOCTYPE or ENTITY declaration in any XML part the fast reader parses (billion laughs,
  external entities); openpyxl, used by the writer, parses through defusedxml;
- a data sheet whose filled cells span more than ``max_cells_per_sheet`` cells: the fast
  reader builds a dense grid and would abort the process on allocation failure. A
  ``<dimension>`` tag claiming A1:XFD1048576 is harmless (nobody trusts it).

The same streaming pass records, for the data sheets, hidden rows and columns and Excel
error values (``t="e"``, which python-calamine hands over as empty strings), so the reader
can say so at the right cell. The pass reads only the parts needed and is a few ms for a
typical workbook.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lkj_excel import schema

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 18
#: parts inflated in full even when declared small (small parts only)
_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_DECL_ALL = re.compile(b"|".join(re.escape(w.encode(enc)) for w in ("<!DOCTYPE", "<!ENTITY")
                                 for enc in ("utf-8", "utf-16-le", "utf-16-be")))
_REF_ATTR = re.compile(rb'\br\s*=\s*["\']\s*\$?([A-Za-z]{1,4})\$?(\d{1,8})\s*["\']')
_TYPE_E = re.compile(rb'\bt\s*=\s*["\']e["\']')
_ERR_CELL = re.compile(rb"<c\b([^>]*?)>(.*?)</c>", re.S)
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_HIDDEN = re.compile(rb'\bhidden\s*=\s*["\'](?:1|true)["\']')
_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_COL_TAG = re.compile(rb"<col\b([^>]*)>")
_NUM_ATTR = {k: re.compile(rb"\b" + k + rb'\s*=\s*["\'](\d{1,8})["\']')
             for k in (b"r", b"min", b"max")}


def _limits(limits: schema.Limits | None) -> schema.Limits:
    return schema.LIMITS if limits is None else limits


def _error(pesan: str, berkas: str) -> Exception:
    from lkj_excel.reader import WorkbookError

    return WorkbookError(pesan, berkas)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


@dataclass
class SheetScan:
    """What the pre-scan saw in one data sheet (1-based rows, 0-based columns)."""

    name: str
    part: str
    hidden: bool = False
    hidden_rows: list[int] = field(default_factory=list)
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # A1 -> "#DIV/0!"
    max_row: int = 0
    max_col: int = 0


@dataclass
class Inspection:
    """The outcome of ``check_file``: sheet names in workbook order and the scanned sheets."""

    sheet_names: list[str] = field(default_factory=list)
    sheets: dict[str, SheetScan] = field(default_factory=dict)
    inflated: int = 0


def check_file(path: Path, limits: schema.Limits | None = None,
               wanted: object = None) -> Inspection:
    """Raise ``WorkbookError`` for anything that is not a safe-to-open .xlsx.

    ``wanted(sheet_names) -> names`` picks the sheets to scan (bawaan: the sheets the reader
    reads, ``reader.needed_sheets``).
    """
    lim = _limits(limits)
    path = Path(path)
    name = path.name
    if not path.exists():
        raise _error(f"Berkas \"{path}\" tidak ditemukan. Periksa nama dan foldernya.", name)
    if path.is_dir():
        raise _error(f"\"{path}\" adalah folder, bukan berkas buku kerja.", name)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        raise _error(f"Berkas tidak dapat dibuka ({exc.strerror or exc}). Periksa izin "
                     "akses berkas, lalu jalankan lagi.", name) from exc
    if size == 0:
        raise _error("Berkas kosong (0 byte). Minta pengirim mengirim ulang buku kerjanya.",
                     name)
    if size > lim.max_file_bytes:
        raise _error(
            f"Berkas berukuran {_mb(size)}, melebihi batas {_mb(lim.max_file_bytes)}. Hapus "
            "gambar atau data yang tidak perlu lalu simpan ulang (atau naikkan batas dengan "
            "LKJ_MAKS_UKURAN_MB).", name)
    if head.startswith(OLE_MAGIC):
        raise _error(_ole_message(path), name)
    if not head.startswith(ZIP_MAGIC):
        if head.startswith(b"PK"):
            raise _error(_BROKEN, name)
        low = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00").lower().replace(b"\x00", b"")
        if low.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta", b"<head",
                           b"<body", b"mime-version")):
            raise _error(
                "Berkas ini halaman web (HTML/XML) yang diberi akhiran Excel, bukan buku kerja. "
                "Buka di Excel lalu simpan sebagai Buku Kerja Excel (.xlsx).", name)
        raise _error(
            "Berkas ini bukan buku kerja Excel (.xlsx). Pastikan berkas yang dikirim adalah "
            "buku kerja dari templat LKj, lalu simpan sebagai .xlsx di Excel.", name)
    return check_zip(path, lim, wanted)


_BROKEN = ("Berkas rusak atau tidak utuh (arsip .xlsx tidak dapat dibuka). Minta pengirim "
           "mengirim ulang, atau buka di Excel lalu simpan ulang sebagai .xlsx.")


def _ole_message(path: Path) -> str:
    try:
        import msoffcrypto

        with path.open("rb") as fh:
            if msoffcrypto.OfficeFile(fh).is_encrypted():
                return ("Buku kerja ini dilindungi kata sandi, jadi isinya tidak dapat dibaca. "
                        "Buka di Excel, hapus kata sandinya (File > Info > Lindungi Buku Kerja "
                        "> Enkripsi dengan Kata Sandi, kosongkan), lalu simpan ulang sebagai "
                        ".xlsx.")
    except Exception:  # not a valid OLE file for msoffcrypto: say what it most likely is
        pass
    return ("Berkas ini buku kerja Excel format lama (.xls, Excel 97-2003) atau dokumen Office "
            "lain, walau akhirannya mungkin .xlsx. Buka di Excel lalu simpan sebagai Buku "
            "Kerja Excel (.xlsx) (File > Simpan Sebagai > Buku Kerja Excel).")


def _part_path(base: str, target: str) -> str:
    """Resolve a relationship target against the folder of ``base`` (zip names)."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in (str(PurePosixPath(base).parent) + "/" + target).split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if parts:
                parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


class _Reader:
    """Stream-inflates parts with a running cap and checks them for entity declarations."""

    def __init__(self, zf: zipfile.ZipFile, name: str, lim: schema.Limits) -> None:
        self.zf, self.name, self.lim, self.total = zf, name, lim, 0

    def chunks(self, info: zipfile.ZipInfo):  # type: ignore[no-untyped-def]
        lim = self.lim
        got = 0
        tail = b""
        decl = _DECL
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    self.total += len(chunk)
                    if self.total > lim.max_inflated_bytes:
                        raise _error(_inflated_message(self.total, lim), self.name)
                    if got > 10 * 1024 * 1024 and got > lim.max_ratio * max(info.compress_size, 1):
                        raise _error(_bomb_message(info.filename), self.name)
                    if got == len(chunk) and b"\x00" in chunk[:64]:
                        decl = _DECL_ALL  # UTF-16 (or stranger) encoded part
                    probe = tail + chunk if tail else chunk
                    if decl.search(probe) is not None:
                        raise _error(
                            f"Bagian \"{info.filename}\" di dalam berkas memuat deklarasi DOCTYPE"
                            "/ENTITY. Buku kerja dari Excel tidak pernah memuatnya; berkas ini "
                            "mungkin dibuat untuk menyerang dan tidak dibuka demi keamanan. "
                            "Minta pengirim menyimpan ulang buku kerjanya dari Excel.", self.name)
                    tail = chunk[-32:]
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
                NotImplementedError, ValueError) as exc:
            raise _error(_BROKEN + f" (bagian {info.filename})", self.name) from exc

    def read(self, info: zipfile.ZipInfo, cap: int = 64 * 1024 * 1024) -> bytes:
        out = bytearray()
        for chunk in self.chunks(info):
            out += chunk
            if len(out) > cap:
                raise _error(_bomb_message(info.filename), self.name)
        return bytes(out)


def _inflated_message(total: int, lim: schema.Limits) -> str:
    return (f"Isi berkas mengembang menjadi lebih dari {_mb(lim.max_inflated_bytes)} (tercatat "
            f"{_mb(total)}), melebihi batas. Berkas tidak dibuka demi keamanan; bila buku kerja "
            "memang sebesar ini, pecah datanya atau naikkan batas dengan LKJ_MAKS_MENGEMBANG_MB.")


def _bomb_message(part: str) -> str:
    return (f"Bagian \"{part}\" di dalam berkas mengembang jauh melebihi ukuran wajar dari "
            "ukuran terkompresi yang kecil (bom zip). Berkas tidak dibuka demi keamanan; minta "
            "pengirim menyimpan ulang buku kerjanya dari Excel.")


def check_zip(path: Path, limits: schema.Limits | None = None,
              wanted: object = None) -> Inspection:
    """Declared sizes first, then the parts the fast reader parses, streamed with a cap."""
    lim = _limits(limits)
    name = Path(path).name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _error(_BROKEN, name) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > lim.max_parts:
            raise _error(
                f"Arsip berisi {len(infos)} bagian, melebihi batas {lim.max_parts}. Berkas ini "
                "bukan buku kerja biasa dan tidak dibuka demi keamanan.", name)
        total = 0
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            total += info.file_size
            by_name.setdefault(info.filename, info)
            if info.flag_bits & 0x1:
                raise _error(
                    "Berkas .xlsx ini terenkripsi atau dilindungi kata sandi di tingkat arsip. "
                    "Buka di Excel, hapus perlindungannya, lalu simpan ulang.", name)
            if info.file_size > 10 * 1024 * 1024 and \
                    info.file_size > lim.max_ratio * max(info.compress_size, 1):
                raise _error(_bomb_message(info.filename), name)
        if total > lim.max_inflated_bytes:
            raise _error(_inflated_message(total, lim), name)
        if "xl/workbook.bin" in by_name:
            raise _error("Berkas ini buku kerja biner Excel (.xlsb). Buka di Excel lalu simpan "
                         "sebagai Buku Kerja Excel (.xlsx).", name)
        wb_info = by_name.get("xl/workbook.xml")
        if wb_info is None:
            if "word/document.xml" in by_name or "ppt/presentation.xml" in by_name:
                raise _error("Berkas ini dokumen Word atau PowerPoint, bukan buku kerja Excel. "
                             "Kirim buku kerja LKj (.xlsx).", name)
            raise _error("Berkas ini arsip zip atau dokumen lain, bukan buku kerja Excel "
                         "(.xlsx). Kirim buku kerja LKj (.xlsx).", name)
        rd = _Reader(zf, name, lim)
        out = Inspection()
        sheets = _sheet_parts(rd, by_name, wb_info, name)
        out.sheet_names = [s[0] for s in sheets]
        if wanted is None:
            from lkj_excel.reader import needed_sheets

            pick = set(needed_sheets(out.sheet_names))
        else:
            pick = set(wanted(out.sheet_names))  # type: ignore[operator]
        # the parts python-calamine parses besides the sheets
        for part in ("[Content_Types].xml", "xl/sharedStrings.xml", "xl/styles.xml"):
            if part in by_name:
                for _ in rd.chunks(by_name[part]):
                    pass
        for n, info in by_name.items():
            if n.endswith(".rels") and n != "xl/_rels/workbook.xml.rels":
                for _ in rd.chunks(info):
                    pass
        for sheet_name, part, hidden in sheets:
            if sheet_name not in pick:
                continue
            info = by_name.get(part)
            if info is None:
                continue  # the reader will say it cannot read the sheet
            scan = SheetScan(sheet_name, part, hidden=hidden)
            _scan_sheet(rd, info, scan, exact=lim.max_cells_per_sheet < FAST_BOUND)
            cells = scan.max_row * (scan.max_col + 1)
            if cells > lim.max_cells_per_sheet:
                from lkj_excel.cells import ref

                maks = f"{lim.max_cells_per_sheet:_}".replace("_", ".")
                raise _error(
                    f"Lembar \"{sheet_name}\" memuat isi sampai sel "
                    f"{ref(max(scan.max_row - 1, 0), scan.max_col)}, jauh di luar area data "
                    f"(lebih dari {maks} sel; batas LKJ_MAKS_SEL). Di Excel "
                    "tekan Ctrl+End pada lembar itu untuk menemukan sel terakhir, hapus baris "
                    "dan kolom kosong di luar data, lalu simpan ulang.", name)
            out.sheets[sheet_name] = scan
        out.inflated = rd.total
    return out


def _sheet_parts(rd: _Reader, by_name: dict[str, zipfile.ZipInfo], wb_info: zipfile.ZipInfo,
                 name: str) -> list[tuple[str, str, bool]]:
    """(sheet name, zip part, hidden) in workbook order, parsed with defusedxml."""
    from defusedxml import ElementTree as DET

    wb_xml = rd.read(wb_info, cap=16 * 1024 * 1024)
    rels_info = by_name.get("xl/_rels/workbook.xml.rels")
    rels_xml = rd.read(rels_info, cap=16 * 1024 * 1024) if rels_info else b""
    try:
        root = DET.fromstring(wb_xml)
        rels = DET.fromstring(rels_xml) if rels_xml else None
    except Exception as exc:  # defusedxml / expat errors: broken or hostile XML
        raise _error(_BROKEN + " (bagian xl/workbook.xml)", name) from exc
    targets: dict[str, str] = {}
    if rels is not None:
        for rel in rels.iter():
            if rel.tag.endswith("Relationship") and rel.get("Id") and rel.get("Target"):
                targets[rel.get("Id", "")] = _part_path("xl/workbook.xml", rel.get("Target", ""))
    out: list[tuple[str, str, bool]] = []
    for el in root.iter():
        if not el.tag.endswith("}sheet") and el.tag != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), "")
        out.append((el.get("name", ""), targets.get(rid, ""),
                    el.get("state", "visible") in ("hidden", "veryHidden")))
    return out


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n - 1


#: the most cells a sheet passing the fast path can span (9999 rows x 52 columns, A..AZ)
FAST_BOUND = 9999 * 52


def _scan_sheet(rd: _Reader, info: zipfile.ZipInfo, scan: SheetScan, exact: bool = False
                ) -> None:
    """Extent of filled cells, hidden rows/columns and error cells of one sheet part."""
    carry = b""
    max_row = max_col = 0
    n_rows = n_cells = 0
    noref = False
    for chunk in rd.chunks(info):
        buf = carry + chunk
        cut = max(buf.rfind(b"<c ", 0), buf.rfind(b"<c>"), buf.rfind(b"<row"))
        if cut <= 0 or len(buf) - cut > 4 * 1024 * 1024:
            cut = max(buf.rfind(b"<"), 0) if len(buf) < 8 * 1024 * 1024 else len(buf)
        body, carry = buf[:cut], buf[cut:]
        mr, mc, nr, nc, nf = _scan_body(body, scan, exact)
        max_row, max_col = max(max_row, mr), max(max_col, mc)
        n_rows += nr
        n_cells += nc
        noref = noref or nf
    if carry:
        mr, mc, nr, nc, nf = _scan_body(carry, scan, exact)
        max_row, max_col = max(max_row, mr), max(max_col, mc)
        n_rows += nr
        n_cells += nc
        noref = noref or nf
    if noref:  # cells without an r attribute: positions are implied; bound them
        max_row = max(max_row, n_rows)
        max_col = max(max_col, n_cells)
    scan.max_row, scan.max_col = max_row, max_col


#: a cell element not spelled ``<c r="AZ9999"`` (column up to AZ, row up to 9999): cells
#: without r, lower case, "$", other quotes or whitespace, far references -> exact scan
_UNUSUAL_CELL = re.compile(rb'<c(?! r="A?[A-Z][1-9]\d{0,3}")(?![A-Za-z])')
_PREFIXED_CELL = re.compile(rb":c(?![A-Za-z])")
_ANY_CELL = re.compile(rb"<(?:[\w.-]+:)?c([\s/>][^>]*?)?(/?)>")


def _scan_body(body: bytes, scan: SheetScan, exact: bool = False
               ) -> tuple[int, int, int, int, bool]:
    """(max row, max col, row tags, cells, cells without r) of complete elements in ``body``.

    Fast path: when every cell is written ``<c r="AZ9999"`` (the way Excel writes a sheet
    that ends before column BA and row 10000), the dense grid is at most 9999 x 52 cells
    and nothing is counted.
    """
    max_row = max_col = 0
    n_cells = 0
    noref = False
    exact = (exact or _UNUSUAL_CELL.search(body) is not None
             or _PREFIXED_CELL.search(body) is not None)
    if exact:
        for m in _ANY_CELL.finditer(body):
            n_cells += 1
            attrs = m.group(1) or b""
            r = _REF_ATTR.search(attrs)
            if r is None:
                noref = True
                continue
            if m.group(2):  # <c .../>: no value, python-calamine does not place it
                continue
            row = int(r.group(2))
            col = _col_index(r.group(1))
            if row > max_row:
                max_row = row
            if col > max_col:
                max_col = col
    n_rows = body.count(b"row") if noref else 0
    if b"hidden=" in body:
        for m in _ROW_TAG.finditer(body):
            if _HIDDEN.search(m.group(1)):
                r = _NUM_ATTR[b"r"].search(m.group(1))
                if r:
                    scan.hidden_rows.append(int(r.group(1)))
        for m in _COL_TAG.finditer(body):
            if _HIDDEN.search(m.group(1)):
                lo, hi = _NUM_ATTR[b"min"].search(m.group(1)), _NUM_ATTR[b"max"].search(
                    m.group(1))
                if lo and hi:
                    scan.hidden_cols.append((int(lo.group(1)) - 1, min(int(hi.group(1)),
                                                                       16384) - 1))
    if b't="e"' in body:
        for m in _ERR_CELL.finditer(body):
            if not _TYPE_E.search(m.group(1)):
                continue
            r = _REF_ATTR.search(m.group(1))
            v = _VALUE.search(m.group(2))
            if r and len(scan.errors) < 1000:
                a1 = (r.group(1).upper() + r.group(2)).decode("ascii")
                scan.errors[a1] = v.group(1).decode("utf-8", "replace") if v else "#N/A"
    return max_row, max_col, n_rows, n_cells, noref
