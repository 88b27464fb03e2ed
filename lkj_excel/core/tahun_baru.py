"""Next year's workbook from this year's (``lkj tahun-baru``), pure: a data dict in, a data
dict and its notes out (``lkj_excel.files.tahun_baru`` writes it).

What happens to each part:
- Profil: Tahun moved on; the dates of this year's documents (Tanggal Laporan, Tanggal Reviu,
  Tanggal Perjanjian Kinerja) emptied and marked to fill; the rest carried (to check when an
  official changed);
- PK carried, each Target from ``Target Renstra`` for the new year where given, else emptied
  and marked (an old target never silently becomes next year's);
- IKU: the measurement and this year's analysis emptied (Pembilang, Penyebut, Realisasi,
  Analisis, Upaya, Hambatan, Rencana Tindak Lanjut); the definitions carried (Uraian,
  Target Akhir Renstra, Standar Nasional, Alasan Pemilihan);
- Riwayat gains this year's realisasi of every indicator as reported (rounded at the Desimal
  setting, the figure the LKj printed);
- Pembanding keeps its comparators without their values; Kejadian, Triwulan and Anggaran
  Triwulan emptied;
- Anggaran keeps its programs and kegiatan without amounts (the new DPA's, to fill); LRA keeps
  its accounts, this year's Realisasi moved to Realisasi Tahun Lalu;
- Cascading, Target Renstra, Narasi, Pegawai and Pengaturan carried (Batas Penyampaian moved
  a year on); Gambar keeps its Kop and Struktur Organisasi rows (pictures are pasted again);
- a new workbook id at revision 1.
"""

from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.compute import Result
from lkj_excel.core.layout import cell, profil_cell
from lkj_excel.core.model import norm
from lkj_excel.core.numbers import MonthDate, format_angka, format_tanggal
from lkj_excel.core.units import AGENCY, workbook_id

#: kinds of note
DIBAWA, DIISI, PERIKSA = "dibawa", "isi", "periksa"
#: Profil rows emptied for the new year (this year's documents' dates)
PROFIL_EMPTIED = ("tanggal", "tanggal_reviu", "tanggal_pk")
#: IKU columns emptied (this year's measurement and analysis)
IKU_EMPTIED = ("pembilang", "penyebut", "realisasi", "analisis", "upaya", "hambatan", "rencana")
EMPTIED_SHEETS = ("Kejadian", "Triwulan", "Anggaran Triwulan")
CARRIED_SHEETS = ("Cascading", "Target Renstra", "Narasi", "Pegawai")


@dataclass(frozen=True)
class Catatan:
    """One line of the note written into the new workbook's Validasi."""

    jenis: str  # DIBAWA, DIISI, PERIKSA
    lembar: str
    sel: str
    pesan: str


@dataclass
class NextYear:
    data: dict[str, Any]
    tahun_lama: int
    tahun: int
    catatan: list[Catatan] = field(default_factory=list)
    #: (sheet, A1) of the cells left empty to fill: the writer marks them
    tandai: list[tuple[str, str]] = field(default_factory=list)

    def of(self, jenis: str) -> list[Catatan]:
        return [c for c in self.catatan if c.jenis == jenis]


def _moved(d: _dt.date | None) -> _dt.date | None:
    """A date one year on (29 February -> 28 February)."""
    if d is None:
        return None
    if isinstance(d, MonthDate):
        return MonthDate.of(d.year + 1, d.month)
    try:
        return d.replace(year=d.year + 1)
    except ValueError:
        return d.replace(year=d.year + 1, day=28)


def _label(sheet: schema.Sheet, key: str) -> str:
    return sheet.column(key).label


def next_year(data: dict[str, Any], result: Result) -> NextYear:
    """Next year's data dict from this year's (``units.data_from_model``) and its results.

    Raises ``ValueError`` (Indonesian) when Profil has no Tahun."""
    src = copy.deepcopy(data)
    profil = dict(src.get("profil") or {})
    lama = profil.get("tahun")
    if not isinstance(lama, int):
        raise ValueError("Isian Tahun di lembar Profil kosong atau tidak sah, jadi tahun "
                         "berikutnya tidak dapat ditentukan. Isi Tahun lalu jalankan lagi.")
    baru = lama + 1
    sheets: dict[str, list[dict[str, Any]]] = {
        s.name: [dict(r) for r in (src.get("sheets") or {}).get(s.name, [])]
        for s in schema.DATA_SHEETS}
    ny = NextYear(data={}, tahun_lama=lama, tahun=baru)
    note, mark = ny.catatan.append, ny.tandai.append

    # -- Profil ---------------------------------------------------------------------
    profil["tahun"] = baru
    note(Catatan(DIBAWA, schema.PROFIL_SHEET, profil_cell("tahun"),
                 f"Tahun {lama} diganti {baru}."))
    for key in PROFIL_EMPTIED:
        fld = next(f for f in schema.PROFIL_FIELDS if f.key == key)
        old = profil.get(key)
        profil[key] = None
        mark((schema.PROFIL_SHEET, profil_cell(key)))
        was = (f" dikosongkan (tahun lalu {format_tanggal(old)})" if isinstance(old, _dt.date)
               else " belum diisi")
        note(Catatan(DIISI, schema.PROFIL_SHEET, profil_cell(key),
                     f"{fld.label} untuk tahun {baru}{was}: isi saat dokumennya "
                     "ditandatangani."))
    note(Catatan(PERIKSA, schema.PROFIL_SHEET, profil_cell("nama_kepala"),
                 "Identitas instansi, kepala, pemberi amanah dan Inspektorat dibawa dari tahun "
                 f"{lama}: periksa bila ada pergantian pejabat."))
    bidang = profil.get("bidang")
    unit = None if not bidang or norm(bidang) == norm(AGENCY) else bidang
    meta = {"id_buku_kerja": workbook_id(profil.get("instansi") or "", baru, unit),
            "revisi": 1}
    old_id = (src.get("meta") or {}).get("id_buku_kerja")
    note(Catatan(DIBAWA, "", "",
                 f"ID buku kerja baru {meta['id_buku_kerja']}, revisi 1"
                 + (f" (tahun {lama}: {old_id})." if old_id else ".")))

    # -- PK: targets from Target Renstra ----------------------------------------------
    renstra = {}
    for r in sheets["Target Renstra"]:
        if r.get("tahun") == baru and r.get("target") is not None:
            renstra.setdefault(norm(r.get("kode_indikator")), r["target"])
    found, lacking = 0, []
    for n, row in enumerate(sheets["PK"]):
        t = renstra.get(norm(row.get("kode_indikator")))
        if t is not None:
            row["target"] = t
            found += 1
        else:
            row["target"] = None
            where = cell(schema.PK, "target", n)
            mark(("PK", where))
            lacking.append(row.get("kode_indikator") or f"baris {n + 1}")
            note(Catatan(DIISI, "PK", where,
                         f"Target {baru} indikator {row.get('kode_indikator')} tidak ada di "
                         f"lembar Target Renstra: isi targetnya."))
    note(Catatan(DIBAWA, "PK", "",
                 f"{len(sheets['PK'])} indikator Perjanjian Kinerja dibawa; target {baru} dari "
                 f"lembar Target Renstra untuk {found} indikator"
                 + (f", {len(lacking)} harus diisi ({', '.join(map(str, lacking))})."
                    if lacking else ".")))

    # -- IKU ------------------------------------------------------------------------------
    for row in sheets["IKU"]:
        for key in IKU_EMPTIED:
            row[key] = None
    if sheets["IKU"]:
        labels = ", ".join(_label(schema.IKU, k) for k in IKU_EMPTIED)
        note(Catatan(DIISI, "IKU", "",
                     f"{labels} {len(sheets['IKU'])} indikator dikosongkan: isi sepanjang "
                     f"tahun {baru}. Uraian, Target Akhir Renstra, Standar Nasional dan Alasan "
                     "Pemilihan dibawa."))

    # -- Riwayat ---------------------------------------------------------------------------
    riwayat = sheets["Riwayat"]
    index = {(norm(r.get("kode_indikator")), r.get("tahun")): r for r in riwayat}
    added, without = 0, []
    for ind in result.indikator:
        value = ind.realisasi_bulat
        if value is None:
            without.append(ind.kode)
            continue
        key = (norm(ind.kode), lama)
        if key in index:
            before = index[key].get("realisasi")
            if before != value:
                note(Catatan(PERIKSA, "Riwayat", "",
                             f"Riwayat {ind.kode} tahun {lama} sudah berisi "
                             f"{_angka(before)}; diganti realisasi yang dilaporkan "
                             f"{_angka(value)}."))
            index[key]["realisasi"] = value
        else:
            row = {"kode_indikator": ind.kode, "tahun": lama, "realisasi": value}
            riwayat.append(row)
            index[key] = row
        added += 1
    riwayat.sort(key=lambda r: (_order(sheets["PK"], r.get("kode_indikator")),
                                r.get("tahun") or 0))
    note(Catatan(DIBAWA, "Riwayat", "",
                 f"Realisasi {lama} ditambahkan ke Riwayat untuk {added} indikator (seperti "
                 f"dilaporkan, {result.settings.desimal} angka desimal)."
                 + (f" Tanpa realisasi {lama}: {', '.join(without)}." if without else "")))

    # -- Pembanding, emptied sheets --------------------------------------------------------
    for row in sheets["Pembanding"]:
        row["realisasi"] = None
    if sheets["Pembanding"]:
        note(Catatan(DIISI, "Pembanding", "",
                     f"{len(sheets['Pembanding'])} pembanding dibawa tanpa nilainya: isi "
                     f"realisasi daerah lain tahun {baru} bila tersedia."))
    for name in EMPTIED_SHEETS:
        n = len(sheets[name])
        sheets[name] = []
        note(Catatan(DIISI, name, "",
                     f"Lembar {name} dikosongkan ({n} baris tahun {lama}): isi sepanjang tahun "
                     f"{baru}."))

    # -- Anggaran, LRA -----------------------------------------------------------------------
    for n, row in enumerate(sheets["Anggaran"]):
        row["anggaran"] = None
        row["realisasi"] = None
        mark(("Anggaran", cell(schema.ANGGARAN, "anggaran", n)))
    if sheets["Anggaran"]:
        n_prog = sum(1 for r in sheets["Anggaran"] if not r.get("kegiatan"))
        note(Catatan(DIISI, "Anggaran", cell(schema.ANGGARAN, "anggaran", 0),
                     f"{n_prog} program dan {len(sheets['Anggaran']) - n_prog} kegiatan dibawa "
                     f"tanpa anggaran: isi Anggaran {baru} dari DPA (sebelum menyusun Perjanjian "
                     "Kinerja) dan Realisasinya pada akhir tahun."))
    for row in sheets["LRA"]:
        row["realisasi_lalu"] = row.get("realisasi")
        row["anggaran"] = None
        row["realisasi"] = None
    if sheets["LRA"]:
        note(Catatan(DIBAWA, "LRA", "",
                     f"{len(sheets['LRA'])} kode rekening dibawa; realisasi {lama} dipindah ke "
                     f"kolom Realisasi Tahun Lalu. Isi Anggaran dan Realisasi {baru}."))

    # -- carried ---------------------------------------------------------------------------
    for name in CARRIED_SHEETS:
        note(Catatan(DIBAWA, name, "", f"Lembar {name} dibawa ({len(sheets[name])} baris)."))
    for n, row in enumerate(sheets["Narasi"]):
        if str(lama) in str(row.get("isi") or ""):
            note(Catatan(PERIKSA, "Narasi", cell(schema.NARASI, "isi", n),
                         f"Narasi bagian {row.get('bagian')} menyebut tahun {lama}: periksa "
                         f"dan sesuaikan untuk tahun {baru}."))
    kept = [r for r in sheets["Gambar"] if r.get("bagian") != "Lampiran"]
    if sheets["Gambar"]:
        note(Catatan(DIISI, "Gambar", "",
                     f"Baris gambar Kop dan Struktur Organisasi dibawa ({len(kept)} baris; foto "
                     f"Lampiran {lama} tidak): tempel ulang gambarnya di lembar Gambar."))
    sheets["Gambar"] = kept

    pengaturan = dict(src.get("pengaturan") or {})
    batas = pengaturan.get("batas_penyampaian")
    if isinstance(batas, _dt.date):
        pengaturan["batas_penyampaian"] = _moved(batas)
        note(Catatan(DIBAWA, schema.PENGATURAN_SHEET, "",
                     f"Pengaturan dibawa; Batas Penyampaian dimajukan satu tahun menjadi "
                     f"{format_tanggal(pengaturan['batas_penyampaian'])}."))
    else:
        note(Catatan(DIBAWA, schema.PENGATURAN_SHEET, "", "Pengaturan dibawa."))

    ny.data = {"profil": profil, "meta": meta, "pengaturan": pengaturan, "sheets": sheets}
    return ny


def _angka(value: Decimal | None) -> str:
    return "-" if value is None else format_angka(value, 2, fixed=False)


def _order(pk: list[dict[str, Any]], kode: Any) -> int:
    for i, row in enumerate(pk):
        if norm(row.get("kode_indikator")) == norm(kode):
            return i
    return len(pk)


#: the note's table in Validasi
CATATAN_TITLE = "Catatan lkj tahun-baru: yang dibawa dari tahun lalu dan yang harus diisi"
#: (laid under Validasi's own columns: Lembar, Sel and the text under Lembar, Sel, Pesan)
CATATAN_HEADER = ("Jenis", None, None, "Lembar", "Sel", "Keterangan")
JENIS_LABEL = {DIBAWA: "Dibawa", DIISI: "Isi", PERIKSA: "Periksa"}


def catatan_rows(ny: NextYear) -> list[list[Any]]:
    """The note's rows, what to fill first."""
    order = {DIISI: 0, PERIKSA: 1, DIBAWA: 2}
    return [[JENIS_LABEL[c.jenis], None, None, c.lembar or None, c.sel or None, c.pesan]
            for c in sorted(ny.catatan, key=lambda c: order[c.jenis])]
