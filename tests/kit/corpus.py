"""Build the corpus of broken and hostile workbooks into a folder.

    .venv/bin/python -m tests.kit.corpus FOLDER

Nothing here is committed as a binary: tests call ``build(folder)`` at test time. Every
file is made from a small valid workbook (``tests/kit/grids.py``, written with openpyxl) by
byte-level surgery, so each fixture shows exactly one defect. The zip bomb is built from
repeated full-flush deflate blocks: it declares and really inflates to 2 GiB but takes
~1 MB on disk and a fraction of a second to make.
"""

from __future__ import annotations

import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.kit.grids import grids, iku, pk, save_xlsx

#: the PK sheet is the second sheet written by the grid kit (Profil first)
PK_PART = "xl/worksheets/sheet2.xml"
#: text the XXE fixture points at; it must never show up anywhere
RAHASIA = "RAHASIA-LOKAL-7f3a"


def valid_grids() -> dict:
    return grids(
        PK=[pk("I1", 95.0), pk("I2", 100.0, sasaran="S2", satuan="Indeks")],
        IKU=[iku("I1", pembilang=51.0, penyebut=53.0), iku("I2", realisasi=100.0)],
        Anggaran=[{"program": "Program A", "anggaran": 1000.0, "realisasi": 900.0}],
    )


def valid(path: Path) -> Path:
    """A small workbook with no errors (I1: 51/53 -> 96,23 %)."""
    return save_xlsx(valid_grids(), path)


# ---------------------------------------------------------------------------- zip surgery


def rewrite(src: Path, dst: Path, edits: dict[str, Callable[[bytes], bytes] | bytes | None],
            ) -> Path:
    """Copy the zip ``src`` to ``dst`` changing parts (callable/bytes) or dropping (None)."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        done = set()
        for info in zi.infolist():
            data = zi.read(info.filename)
            if info.filename in edits:
                done.add(info.filename)
                edit = edits[info.filename]
                if edit is None:
                    continue
                data = edit(data) if callable(edit) else edit
            zo.writestr(info.filename, data)
        for name, edit in edits.items():
            if name not in done and isinstance(edit, bytes):
                zo.writestr(name, edit)
    return dst


def _raw_zip(entries: list[tuple[str, bytes, int, int, int]], dst: Path) -> Path:
    """Write a zip from (name, deflated bytes, crc, compressed size, declared size)."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, csize, usize in entries:
        n = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, csize, usize,
                           len(n), 0) + n + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                               csize, usize, len(n), 0, 0, 0, 0, 0, offset) + n
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                       len(central), cd_offset, 0)
    dst.write_bytes(bytes(out))
    return dst


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_bomb(src: Path, dst: Path, gib: int = 2, lie: bool = False) -> Path:
    """The PK sheet inflates to ``gib`` GiB of XML. ``lie``: the zip declares 2 KB instead."""
    block = 64 * 1024 * 1024
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
           b"<sheetData>"
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    first = c.compress(head.ljust(block, b" ")) + c.flush(zlib.Z_FULL_FLUSH)
    c2 = zlib.compressobj(1, zlib.DEFLATED, -15)
    body = c2.compress(b" " * block) + c2.flush(zlib.Z_FULL_FLUSH)
    n = gib * 16
    data = first + body * (n - 1) + b"\x03\x00"  # final empty fixed block
    usize = n * block
    entries = []
    with zipfile.ZipFile(src) as zi:
        for info in zi.infolist():
            if info.filename == PK_PART:
                declared = 2048 if lie else min(usize, 0xFFFFFFFF)
                entries.append((PK_PART, data, 0, len(data), declared))
            else:
                raw = zi.read(info.filename)
                d = _deflate(raw)
                entries.append((info.filename, d, zlib.crc32(raw), len(d), len(raw)))
    return _raw_zip(entries, dst)


def _sheet(edit: Callable[[bytes], bytes]) -> dict[str, Callable[[bytes], bytes]]:
    return {PK_PART: edit}


def _billion_laughs(d: bytes) -> bytes:
    ents = b'<!ENTITY a0 "lol">' + b"".join(
        b'<!ENTITY a%d "%s">' % (i, (b"&a%d;" % (i - 1)) * 10) for i in range(1, 10))
    head = b'<?xml version="1.0"?><!DOCTYPE worksheet [' + ents + b"]>"
    return head + d.replace(b"Perjanjian Kinerja", b"&a9;")


def _xxe(target: Path) -> Callable[[bytes], bytes]:
    def edit(d: bytes) -> bytes:
        head = (b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "'
                + target.resolve().as_uri().encode() + b'">]>')
        return head + d.replace(b"Perjanjian Kinerja", b"&x;")
    return edit


# ---------------------------------------------------------------------------- legacy .xls


def biff_xls(dst: Path) -> Path:
    """A minimal Excel 97-2003 file: an OLE2 compound file with a BIFF8 ``Workbook`` stream."""
    sector = 512
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    eof = struct.pack("<HH", 0x000A, 0)
    stream = (bof + eof).ljust(4096, b"\x00")  # >= 4096: a normal (not mini) stream
    n_stream = len(stream) // sector
    free, end, fat_sect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sect, end] + [3 + i for i in range(n_stream - 1)] + [end]
    fat += [free] * (sector // 4 - len(fat))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"),
                         b"\x00" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\x00" * 6, 0, 1, 1, 0, 4096,
                         end, 0, end, 0)
    header += struct.pack("<109I", *([0] + [free] * 108))

    def entry(name: str, typ: int, child: int, start: int, size: int) -> bytes:
        n = (name + "\x00").encode("utf-16-le") if name else b""
        return struct.pack("<64sHBBIII16sIQQIII", n, len(n), typ, 1, nostream, nostream,
                           child, b"\x00" * 16, 0, 0, 0, start, size, 0)

    directory = (entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, nostream, 2,
                                                            len(stream))
                 + entry("", 0, nostream, 0, 0) * 2)
    data = header + struct.pack(f"<{sector // 4}I", *fat) + directory + stream
    dst.write_bytes(data)
    return dst


def encrypted(src: Path, dst: Path, password: str = "rahasia") -> Path:
    """A password-protected workbook (ECMA-376 agile encryption via msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with src.open("rb") as fh, dst.open("wb") as out:
        OOXMLFile(fh).encrypt(password, out)
    return dst


# ---------------------------------------------------------------------------- structure


def _openpyxl_edit(src: Path, dst: Path, edit: Callable) -> Path:  # type: ignore[type-arg]
    import openpyxl

    wb = openpyxl.load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def _g_save(dst: Path, edit: Callable[[dict], None]) -> Path:  # type: ignore[type-arg]
    g = valid_grids()
    edit(g)
    return save_xlsx(g, dst)


def build(folder: Path, bomb: bool = True) -> dict[str, Path]:
    """Write every fixture into ``folder``; name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    base = valid(folder / "valid.xlsx")
    rnd = random.Random(6)
    f: dict[str, Path] = {"valid": base}

    def put(name: str, data: bytes) -> Path:
        p = folder / name
        p.write_bytes(data)
        return p

    # not a workbook
    f["kosong"] = put("kosong.xlsx", b"")
    f["acak"] = put("acak.xlsx", bytes(rnd.getrandbits(8) for _ in range(4096)))
    raw = base.read_bytes()
    f["terpotong"] = put("terpotong.xlsx", raw[: len(raw) // 2])
    f["html"] = put("tabel.xls", (
        b'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
        b"</head><body><table><tr><td>Kode Indikator</td><td>Target</td></tr>"
        b"<tr><td>I1</td><td>95</td></tr></table></body></html>"))
    f["biff"] = biff_xls(folder / "lama.xls")
    f["biff_diganti"] = biff_xls(folder / "lama-diganti-nama.xlsx")
    f["sandi"] = encrypted(base, folder / "bersandi.xlsx")
    f["docx"] = rewrite(base, folder / "dokumen.xlsx", {"xl/workbook.xml": None,
                                                       "word/document.xml": b"<w:document/>"})
    # malicious
    if bomb:
        f["bom_zip"] = zip_bomb(base, folder / "bom-zip.xlsx")
        f["bom_bohong"] = zip_bomb(base, folder / "bom-bohong.xlsx", gib=1, lie=True)
    f["entitas"] = rewrite(base, folder / "entitas.xlsx", _sheet(_billion_laughs))
    secret = put("rahasia.txt", RAHASIA.encode())
    f["xxe"] = rewrite(base, folder / "xxe.xlsx", _sheet(_xxe(secret)))
    f["xxe_sharedstrings"] = rewrite(base, folder / "xxe-ss.xlsx", {
        "xl/sharedStrings.xml": b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "'
        + secret.resolve().as_uri().encode() + b'">]><sst xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&x;</t></si></sst>'})
    f["dimensi"] = rewrite(base, folder / "dimensi-penuh.xlsx", _sheet(
        lambda d: d.replace(b'<dimension ref="A1:H5"/>', b'<dimension ref="A1:XFD1048576"/>')))
    f["sel_jauh"] = rewrite(base, folder / "sel-jauh.xlsx", _sheet(lambda d: d.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')))
    f["sel_jauh_tanpa_r"] = rewrite(base, folder / "sel-jauh-tanpa-r.xlsx", _sheet(
        lambda d: d.replace(b"</sheetData>", b"<row>" + b"<c><v>1</v></c>" * 16384
                            + b"</row>" + b"<row/>" * 400 + b'<row><c t="n"><v>2</v></c></row>'
                            + b"</sheetData>")))
    # broken structure
    f["lembar_hilang"] = _g_save(folder / "tanpa-iku.xlsx", lambda g: g.pop("IKU"))

    def rename_header(g: dict) -> None:  # type: ignore[type-arg]
        g["PK"][2] = ["Target Kinerja" if h == "Target" else h for h in g["PK"][2]]
    f["judul_diganti"] = _g_save(folder / "judul-diganti.xlsx", rename_header)

    def drop_header(g: dict) -> None:  # type: ignore[type-arg]
        g["IKU"][2] = [None if h == "Realisasi" else h for h in g["IKU"][2]]
    f["judul_hilang"] = _g_save(folder / "judul-hilang.xlsx", drop_header)

    def text_in_number(g: dict) -> None:  # type: ignore[type-arg]
        g["PK"][3][5] = "sembilan puluh lima"
        g["IKU"][3][2] = "51 orang"
    f["teks_di_angka"] = _g_save(folder / "teks-di-angka.xlsx", text_in_number)
    f["galat"] = rewrite(base, folder / "galat.xlsx", _sheet(lambda d: d.replace(
        b'<c r="F4" t="n"><v>95</v></c>', b'<c r="F4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    ).replace(b'<c r="F5" t="n"><v>100</v></c>', b'<c r="F5" t="e"><v>#REF!</v></c>')))

    def dup(g: dict) -> None:  # type: ignore[type-arg]
        g["PK"].append(list(g["PK"][3]))
    f["kode_ganda"] = _g_save(folder / "kode-ganda.xlsx", dup)

    def merge(wb) -> None:  # type: ignore[no-untyped-def]
        wb["PK"].merge_cells("A4:A5")
    f["gabung"] = _openpyxl_edit(base, folder / "sel-gabung.xlsx", merge)

    def hide(wb) -> None:  # type: ignore[no-untyped-def]
        ws = wb["PK"]
        ws.row_dimensions[5].hidden = True
        ws.column_dimensions["F"].hidden = True
    f["tersembunyi"] = _openpyxl_edit(base, folder / "tersembunyi.xlsx", hide)
    long_text = "Analisis sangat panjang. " * 2000  # 50.000 characters, over Excel's 32.767
    f["teks_panjang"] = rewrite(base, folder / "teks-panjang.xlsx", _sheet(lambda d: d.replace(
        b"<t>Indikator I1</t>", b"<t>" + long_text.encode() + b"</t>")))

    def conf(wb) -> None:  # type: ignore[no-untyped-def]
        for name in ("xlwings.conf", "myaddin.conf"):
            ws = wb.create_sheet(name)
            ws["A1"], ws["B1"] = "INTERPRETER_WIN", r"C:\Users\Public\jahat.exe"
    f["konfigurasi"] = _openpyxl_edit(base, folder / "konfigurasi.xlsx", conf)

    def inject(g: dict) -> None:  # type: ignore[type-arg]
        g["PK"][3][1] = '=HYPERLINK("http://contoh.invalid","klik")'
        g["PK"][3][3] = "+62 811 indikator"
        g["PK"][4][3] = "-5 persen indikator"
        g["PK"][4][1] = "@SUM(A1:A2)"
    f["rumus"] = _g_save(folder / "rumus.xlsx", inject)
    return f


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "korpus")
    for key, path in build(out).items():
        print(f"{key:20} {path} ({path.stat().st_size} byte)")
