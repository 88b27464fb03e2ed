"""The corpus of real habits: workbooks filled the way staff fill them and email rounds
collected the way units send them, built at test time from the template.

    .venv/bin/python -m tests.kit.habits FOLDER

Every workbook starts from the template builder (``lkj_excel.files.template.write_workbook``)
filled with the seed's data (``lkj_excel.core.seed``), then gets one habit the way Excel,
LibreOffice or a person would leave it: openpyxl for what a person types (number formats,
an Excel table's Total Row, a formula), byte-level edits for what only a spreadsheet
program writes (cached formula values, the saved time in the document properties),
LibreOffice itself for its own files. Nothing here is committed as a binary.

``SINGLE`` names the single workbooks, ``ROUNDS`` the email rounds (folders of unit
workbooks split by ``lkj pecah``'s rules); each maps to what the tests assert.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from decimal import Decimal
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from lkj_excel.core import layout, schema, seed, units
from lkj_excel.files.template import write_workbook

KETAHANAN = seed.BIDANG_KETAHANAN
POLITIK = seed.BIDANG_POLITIK
IDEOLOGI = seed.BIDANG_IDEOLOGI
KEWASPADAAN = seed.BIDANG_KEWASPADAAN
#: a moment of the email round: unit files saved by Excel at these times
T0 = dt.datetime(2025, 2, 10, 8, 0, tzinfo=dt.UTC)


# ---------------------------------------------------------------------------- helpers


def rows(data: dict[str, Any], sheet: str) -> list[dict[str, Any]]:
    return data["sheets"][sheet]


def row_of(data: dict[str, Any], sheet: str, kode: str) -> dict[str, Any]:
    return next(r for r in rows(data, sheet) if r.get("kode_indikator") == kode)


def excel_row(data: dict[str, Any], sheet: str, pred: Callable[[dict[str, Any]], bool]) -> int:
    """The Excel row where the template writes the first row of ``sheet`` matching ``pred``."""
    i = next(i for i, r in enumerate(rows(data, sheet)) if pred(r))
    return layout.FIRST_DATA_ROW + i


def cell(sheet: str, key: str, row: int) -> str:
    return f"{layout.col_of(schema.SHEETS_BY_NAME[sheet], key)}{row}"


def edit_xlsx(path: Path, edit: Callable[[Any], None]) -> Path:
    """Open with openpyxl, let ``edit(wb)`` type into it, save (as a person would)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def edit_parts(path: Path, edits: dict[str, Callable[[bytes], bytes]]) -> Path:
    """Rewrite parts of the zip in place (byte-level, for what only Excel writes)."""
    with zipfile.ZipFile(path) as zi:
        items = [(i, zi.read(i.filename)) for i in zi.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zo:
        for info, data in items:
            fn = edits.get(info.filename)
            zo.writestr(info.filename, fn(data) if fn else data)
    return path


def sheet_part(path: Path, name: str) -> str:
    """The zip part of a sheet (the template writes them in ``layout.SHEET_ORDER``)."""
    return f"xl/worksheets/sheet{layout.SHEET_ORDER.index(name) + 1}.xml"


def cache_values(path: Path, sheet: str, values: dict[str, Any]) -> Path:
    """Give formula cells the cached value Excel would have written (``<v>``)."""
    def fix(xml: bytes) -> bytes:
        for a1, value in values.items():
            pat = re.compile(rb'(<c r="' + a1.encode()
                             + rb'"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?')
            v = str(value).encode()
            xml, n = pat.subn(lambda m, v=v: m.group(1) + m.group(2) + b"<v>" + v + b"</v>", xml)
            assert n == 1, a1
        return xml
    return edit_parts(path, {sheet_part(path, sheet): fix})


def set_saved(path: Path, when: dt.datetime) -> Path:
    """The saved time of the document properties (``dcterms:modified``), as Excel writes it
    on every save."""
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fix(xml: bytes) -> bytes:
        out, n = re.subn(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                         lambda m: m.group(1) + stamp + m.group(2), xml)
        assert n == 1
        return out
    return edit_parts(path, {"docProps/core.xml": fix})


def has_soffice() -> bool:
    """LibreOffice is there (scripts/pasang.sh installs it); without it the habits it
    makes are left out and their tests skip, like every LibreOffice test."""
    from lkj_excel.core.temuan import ToolError
    from lkj_excel.files.libreoffice import soffice_path

    try:
        return bool(soffice_path())
    except ToolError:
        return False


#: the habits only LibreOffice makes (its own .xlsx and .ods, an .xls)
LIBREOFFICE = ("libreoffice", "libreoffice_ods", "tak_terpakai")


def soffice_convert(srcs: list[Path], out_dir: Path, fmt: str) -> list[Path]:
    """LibreOffice converts ``srcs`` with its own filter (``ods``, ``xls:MS Excel 97``,
    ``xlsx:Calc MS Excel 2007 XML``) in one run; the outputs in input order."""
    from lkj_excel.files.libreoffice import run_soffice

    out_dir.mkdir(parents=True, exist_ok=True)
    proc = run_soffice(["--calc", "--convert-to", fmt, "--outdir", str(out_dir.resolve()),
                        *(str(p.resolve()) for p in srcs)])
    ext = fmt.split(":")[0]
    outs = [out_dir / f"{p.stem}.{ext}" for p in srcs]
    assert all(o.exists() for o in outs), proc.stderr
    return outs


# ---------------------------------------------------------------------------- single workbooks

#: where the seed's rows stand in the template (Excel rows)
def seed_row(sheet: str, pred: Callable[[dict[str, Any]], bool]) -> int:
    return excel_row(seed.seed_data(), sheet, pred)


def _kode(kode: str) -> Callable[[dict[str, Any]], bool]:
    return lambda r: r.get("kode_indikator") == kode


def _seed_file(path: Path, change: Callable[[dict[str, Any]], None] | None = None) -> Path:
    data = seed.seed_data()
    if change is not None:
        change(data)
    return write_workbook(path, data)


def _type(path: Path, typed: dict[tuple[str, str], tuple[Any, str | None]]) -> Path:
    """Type values (and number formats) into cells, as a person in Excel would."""
    def edit(wb: Any) -> None:
        for (sheet, a1), (value, fmt) in typed.items():
            c = wb[sheet][a1]
            c.value = value
            if fmt is not None:
                c.number_format = fmt
    return edit_xlsx(path, edit)


def build_persen(folder: Path) -> Path:
    """96% typed into Excel: 0,96 in a cell with a percent format (IKU3's realisasi, its
    target 95% and its 2023 history 100% with a custom 0,0% format)."""
    def change(d: dict[str, Any]) -> None:
        row_of(d, "IKU", "IKU3").update(pembilang=None, penyebut=None)
    p = _seed_file(folder / "persen.xlsx", change)
    riw = seed_row("Riwayat", lambda r: r["kode_indikator"] == "IKU3" and r["tahun"] == 2023)
    return _type(p, {
        ("IKU", cell("IKU", "realisasi", seed_row("IKU", _kode("IKU3")))): (0.96, "0%"),
        ("PK", cell("PK", "target", seed_row("PK", _kode("IKU3")))): (0.95, "0%"),
        ("Riwayat", cell("Riwayat", "realisasi", riw)): (1, "0.0%"),
    })


#: the row of the indicator added by ``build_persen_ragu`` (satuan Indeks)
IKU6 = {"kode_sasaran": "SS4", "sasaran": seed.seed_data()["sheets"]["PK"][3]["sasaran"],
        "kode_indikator": "IKU6", "indikator": "Indeks Kepuasan Layanan", "satuan": "Indeks",
        "target": D("3.5"), "polaritas": "Positif", "bidang": KETAHANAN}


def build_persen_ragu(folder: Path) -> Path:
    """Percent formats where the meaning is doubtful: a count (IKU2's Pembilang), rupiah
    (the support program's Realisasi), an indicator whose Satuan is Indeks (IKU6's Target)."""
    def change(d: dict[str, Any]) -> None:
        rows(d, "PK").append(dict(IKU6))
        rows(d, "IKU").append({**{k: None for k in row_of(d, "IKU", "IKU1")},
                               "kode_indikator": "IKU6", "realisasi": D("3.6")})
        rows(d, "Pembanding").extend(
            {"kode_indikator": "IKU6", "pembanding": n, "realisasi": None}
            for n in ("Kota Banjarmasin", "Provinsi Kalsel"))
    p = _seed_file(folder / "persen-ragu.xlsx", change)
    return _type(p, {
        ("IKU", "C5"): (1, "0%"),  # IKU2's Pembilang 9 typed as 100%
        ("Anggaran", "E4"): (0.95, "0%"),  # the support program's Realisasi
        ("PK", "F9"): (0.8, "0%"),  # IKU6 (Indeks) target
    })


def build_total_row(folder: Path) -> Path:
    """Table Design > Total Row on the Anggaran table: a last row of SUBTOTAL formulas
    with the values Excel computed."""
    data = seed.seed_data()
    p = write_workbook(folder / "total-row.xlsx", data)
    n = len(rows(data, "Anggaran"))
    last = layout.HEADER_ROW + n + layout.SPARE_ROWS  # the table's last row
    total = last + 1
    sums = {k: sum((r[k] or 0) for r in rows(data, "Anggaran")) for k in ("anggaran", "realisasi")}

    def edit(wb: Any) -> None:
        ws = wb["Anggaran"]
        table = ws.tables["TabelAnggaran"]
        table.ref = f"A{layout.HEADER_ROW}:F{total}"
        table.autoFilter.ref = f"A{layout.HEADER_ROW}:F{total - 1}"
        table.totalsRowCount = 1
        table.tableColumns[0].totalsRowLabel = "Total"
        ws[f"A{total}"] = "Total"
        for i, col in ((3, "D"), (4, "E")):
            table.tableColumns[i].totalsRowFunction = "sum"
            ws[f"{col}{total}"] = f"=SUBTOTAL(109,TabelAnggaran[{table.tableColumns[i].name}])"
    edit_xlsx(p, edit)
    return cache_values(p, "Anggaran", {f"D{total}": sums["anggaran"],
                                        f"E{total}": sums["realisasi"]})


def build_jumlah_diketik(folder: Path) -> Path:
    """Total rows typed by hand at the end of the tables (Anggaran, LRA, Pegawai)."""
    def change(d: dict[str, Any]) -> None:
        rows(d, "Anggaran").append({"kode_sasaran": None, "program": "Jumlah", "kegiatan": None,
                                    "anggaran": D("33660129080"),
                                    "realisasi": D("32204656183")})
        rows(d, "LRA").append({"kode_rekening": None, "uraian": "JUMLAH BELANJA",
                               "anggaran": D("33660129080"), "realisasi": D("32204656183"),
                               "realisasi_lalu": D("23443482654")})
        rows(d, "Pegawai").append({"jenis": "ASN", "pengelompokan": "Pendidikan",
                                   "uraian": "Total", "jumlah": 31})
    return _seed_file(folder / "jumlah-diketik.xlsx", change)


def _formulas(path: Path, cached: bool) -> Path:
    """IKU3's Pembilang and the Tanggal Laporan as formulas (=50+1, =DATE(2025;2;1))."""
    c = cell("IKU", "pembilang", seed_row("IKU", _kode("IKU3")))
    t = layout.profil_cell("tanggal")
    _type(path, {("IKU", c): ("=50+1", None), ("Profil", t): ("=DATE(2025,2,1)", "DD/MM/YYYY")})
    if cached:  # as Excel saves it: the computed values next to the formulas
        cache_values(path, "IKU", {c: 51})
        cache_values(path, "Profil", {t: 45689})
    return path


def build_rumus_tanpa_nilai(folder: Path) -> Path:
    """Formulas written by a tool, never computed by a spreadsheet program (no value)."""
    return _formulas(_seed_file(folder / "rumus-tanpa-nilai.xlsx"), cached=False)


def build_rumus_dengan_nilai(folder: Path) -> Path:
    """The same formulas as Excel saves them (with their cached values)."""
    return _formulas(_seed_file(folder / "rumus-dengan-nilai.xlsx"), cached=True)


#: the malformed amount of ``build_teks_word`` and where it stands
MALFORMED = "587.697.500,00,-"


def build_teks_word(folder: Path) -> Path:
    """Amounts pasted from the Word report as text (Rp, ",-", "%", no-break spaces), one
    of them malformed."""
    def change(d: dict[str, Any]) -> None:
        ang = rows(d, "Anggaran")
        ang[2]["anggaran"] = "Rp 35.000.000,-"
        ang[3]["anggaran"] = "Rp. 1.732.527.800,-"
        ang[10]["anggaran"] = "Rp\u00a0115.000.000,-"
        ang[17]["anggaran"] = MALFORMED  # the Kewaspadaan program: 587.697.500
        rows(d, "LRA")[2]["realisasi"] = "Rp\u00a04.717.604.757,00"
        row_of(d, "PK", "IKU3")["target"] = "95\u00a0%"
    return _seed_file(folder / "teks-word.xlsx", change)


def build_tanggal(folder: Path) -> Path:
    """Dates as people write them: a weekday before the date, a month and year."""
    def change(d: dict[str, Any]) -> None:
        d["profil"]["tanggal"] = "Kamis, 27 Februari 2025"
        d["profil"]["tanggal_reviu"] = "Maret 2025"
        rows(d, "Kejadian")[0]["tanggal"] = "Senin, 5 Agustus 2024"
    return _seed_file(folder / "tanggal.xlsx", change)


def build_realisasi_diketik(folder: Path) -> Path:
    """A Realisasi typed over one that is counted from Kejadian (IKU5: 4 of 4 handled)."""
    def change(d: dict[str, Any]) -> None:
        row_of(d, "IKU", "IKU5")["realisasi"] = D(88)
    return _seed_file(folder / "realisasi-diketik.xlsx", change)


def build_tanpa_pembanding(folder: Path) -> Path:
    """IKU4 has no row in Pembanding (the seed's own slip: its table dropped one); one
    region has a figure, so the report prints the table."""
    def change(d: dict[str, Any]) -> None:
        d["sheets"]["Pembanding"] = [r for r in rows(d, "Pembanding")
                                     if r["kode_indikator"] != "IKU4"]
        d["sheets"]["Pembanding"][0]["realisasi"] = Decimal(95)
    return _seed_file(folder / "tanpa-pembanding.xlsx", change)


def build_bagian_tak_biasa(folder: Path) -> Path:
    """A valid package with unusual part paths: the workbook at xl/book.xml, the sheets in
    xl/lembar/ (Excel and LibreOffice find them through the relationships)."""
    src = _seed_file(folder / "asal-bagian.xlsx")
    dst = folder / "bagian-tak-biasa.xlsx"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            name, data = info.filename, zi.read(info)
            name = {"xl/workbook.xml": "xl/book.xml",
                    "xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels"}.get(name, name)
            name = name.replace("xl/worksheets/", "xl/lembar/")
            if name.endswith(".rels") or name == "[Content_Types].xml":
                data = data.replace(b"worksheets/", b"lembar/").replace(
                    b"xl/workbook.xml", b"xl/book.xml")
            zo.writestr(name, data)
    src.unlink()
    return dst


SINGLE: dict[str, Callable[[Path], Path]] = {
    "persen": build_persen,
    "persen_ragu": build_persen_ragu,
    "total_row": build_total_row,
    "jumlah_diketik": build_jumlah_diketik,
    "rumus_tanpa_nilai": build_rumus_tanpa_nilai,
    "rumus_dengan_nilai": build_rumus_dengan_nilai,
    "teks_word": build_teks_word,
    "tanggal": build_tanggal,
    "realisasi_diketik": build_realisasi_diketik,
    "tanpa_pembanding": build_tanpa_pembanding,
    "bagian_tak_biasa": build_bagian_tak_biasa,
}


def build_single(folder: Path) -> dict[str, Path]:
    """Every single-workbook habit (plus the seed itself and LibreOffice's own files)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {"seed": _seed_file(folder / seed.NAMA_BERKAS_INSTANSI)}
    out.update({key: fn(folder) for key, fn in SINGLE.items()})
    if not has_soffice():
        return out
    lo_in = folder / "lo"
    lo_in.mkdir(exist_ok=True)
    src = _seed_file(lo_in / "libreoffice.xlsx")
    xlsx, = soffice_convert([src], folder, "xlsx:Calc MS Excel 2007 XML")
    ods, = soffice_convert([src], folder, "ods")
    shutil.rmtree(lo_in)
    out["libreoffice"] = xlsx
    out["libreoffice_ods"] = ods
    return out


# ---------------------------------------------------------------------------- email rounds


_UNITS: dict[str, Path] = {}  # written once per process, copied into every round


def unit_files(folder: Path) -> dict[str, Path]:
    """The seed split by unit (``lkj pecah``'s rules), each file saved at ``T0``."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _UNITS or not all(p.exists() for p in _UNITS.values()):
        cache = Path(tempfile.mkdtemp(prefix="lkj-bidang-"))
        for i, (unit, part) in enumerate(units.split_by_unit(seed.seed_data()).items(), 1):
            _UNITS[unit] = set_saved(write_workbook(cache / units.unit_filename(i, unit), part),
                                     T0)
    return {unit: Path(shutil.copy(src, folder / src.name)) for unit, src in _UNITS.items()}


def part_of(unit: str) -> dict[str, Any]:
    return copy.deepcopy(units.split_by_unit(seed.seed_data())[unit])


def _rewrite(path: Path, unit: str, change: Callable[[dict[str, Any]], None],
             when: dt.datetime = T0) -> Path:
    part = part_of(unit)
    change(part)
    return set_saved(write_workbook(path, part), when)


def round_lengkap(folder: Path) -> Path:
    unit_files(folder)
    return folder


def round_tanpa_bidang(folder: Path) -> Path:
    unit_files(folder)[POLITIK].unlink()
    return folder


def round_tanpa_sekretariat(folder: Path) -> Path:
    unit_files(folder)[schema.AGENCY_BIDANG].unlink()
    return folder


def round_tak_terpakai(folder: Path) -> Path:
    """Politik sent an .ods, Ideologi an .xls (both saved by LibreOffice), and a file that
    broke on the way."""
    files = unit_files(folder)
    tmp = folder / ".konversi"
    ods, = soffice_convert([files[POLITIK]], tmp, "ods")
    xls, = soffice_convert([files[IDEOLOGI]], tmp, "xls:MS Excel 97")
    for f in (ods, xls):
        shutil.move(str(f), folder / f.name)
    shutil.rmtree(tmp)
    files[POLITIK].unlink()
    files[IDEOLOGI].unlink()
    raw = files[KEWASPADAAN].read_bytes()
    (folder / "lampiran rusak.xlsx").write_bytes(raw[: len(raw) // 3])
    return folder


def round_kirim_ulang(folder: Path, same_time: bool = False) -> Path:
    """Ketahanan sends its workbook again (IKU3: 52 instead of 51), Revisi untouched."""
    unit_files(folder)
    name = units.unit_filename(4, KETAHANAN).replace(".xlsx", " (1).xlsx")
    def change(d: dict[str, Any]) -> None:  # the year's count and its Triwulan IV agree
        row_of(d, "IKU", "IKU3").update(pembilang=D(52))
        for r in rows(d, "Triwulan"):
            if r["kode_indikator"] == "IKU3" and r["triwulan"] == "IV":
                r["pembilang"] = D(52)
    _rewrite(folder / name, KETAHANAN, change, T0 if same_time else T0 + dt.timedelta(days=2))
    return folder


def round_kirim_ulang_sama(folder: Path) -> Path:
    return round_kirim_ulang(folder, same_time=True)


def round_ubah_bidang_lain(folder: Path) -> Path:
    """Politik's workbook also holds Ketahanan's IKU3, with another Pembilang."""
    files = unit_files(folder)

    def change(d: dict[str, Any]) -> None:
        other = dict(row_of(part_of(KETAHANAN), "IKU", "IKU3"), pembilang=D(50))
        rows(d, "IKU").append(other)
    _rewrite(files[POLITIK], POLITIK, change)
    return folder


#: the merged workbook a previous ``lkj gabung`` left in the inbox
GABUNGAN_LAMA = "GABUNGAN LKj 2024.xlsx"
TEMPLAT = "template_lkj.xlsx"


def round_tertinggal(folder: Path) -> Path:
    """The inbox also holds the previous merge and a blank template."""
    from lkj_excel.batch.check import check_merged, write_merged
    from lkj_excel.batch.merge import merge_files

    unit_files(folder)
    g = merge_files([folder])
    write_merged(g.data, check_merged(g, GABUNGAN_LAMA), folder / GABUNGAN_LAMA)
    write_workbook(folder / TEMPLAT)
    return folder


#: Instansi as a unit typed it (shorter than the Sekretariat's)
INSTANSI_PENDEK = "Badan Kesbangpol Kota Banjarbaru"


def round_instansi_pendek(folder: Path) -> Path:
    files = unit_files(folder)
    _rewrite(files[POLITIK], POLITIK, lambda d: d["profil"].update(instansi=INSTANSI_PENDEK))
    return folder


BIDANG_SALAH = "Bid. Kewaspadaan Nasional dan Penanganan Konflik"


def round_bidang_salah(folder: Path) -> Path:
    files = unit_files(folder)
    _rewrite(files[KEWASPADAAN], KEWASPADAAN, lambda d: d["profil"].update(bidang=BIDANG_SALAH))
    return folder


ROUNDS: dict[str, Callable[[Path], Path]] = {
    "lengkap": round_lengkap,
    "tanpa_bidang": round_tanpa_bidang,
    "tanpa_sekretariat": round_tanpa_sekretariat,
    "tak_terpakai": round_tak_terpakai,
    "kirim_ulang": round_kirim_ulang,
    "kirim_ulang_sama": round_kirim_ulang_sama,
    "ubah_bidang_lain": round_ubah_bidang_lain,
    "tertinggal": round_tertinggal,
    "instansi_pendek": round_instansi_pendek,
    "bidang_salah": round_bidang_salah,
}


def build_rounds(folder: Path) -> dict[str, Path]:
    lo = has_soffice()
    return {key: fn(folder / key.replace("_", "-")) for key, fn in ROUNDS.items()
            if lo or key not in LIBREOFFICE}


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "korpus-kebiasaan")
    for key, path in {**build_single(out / "buku"), **build_rounds(out / "putaran")}.items():
        print(f"{key:20} {path}")
