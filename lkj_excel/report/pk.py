"""The Perjanjian Kinerja document (``lkj pk``): what its Word template needs (pure).

The statement page in the words of PermenPAN-RB 53/2014 (the commitment of the head of the
agency, pihak pertama, to the one who gives the mandate, pihak kedua, e.g. the Walikota),
with tempat, tanggal and both signatures; the annex with sasaran / indikator / target, the
quarterly targets from ``Triwulan`` when the workbook has them, and program / anggaran.
Every figure comes from the engine's results; an empty party or date prints as a dotted
line to be filled by hand, and the command says which Profil rows are empty.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from lkj_excel.core.compute import sasaran_key
from lkj_excel.core.model import norm
from lkj_excel.core.numbers import format_rupiah
from lkj_excel.report.context import KOSONG, nilai, roman, with_words
from lkj_excel.report.document import (
    TEMPLATES,
    blocking,
    filled,
    missing_profil,
    notice,
    tanggal_teks,
    text,
)

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.engine import Checked

TEMPLATE = TEMPLATES / "pk.docx"
JUDUL = "Perjanjian Kinerja"
#: the Profil rows the document prints
PROFIL_KEYS = ("instansi", "pemda", "tahun", "nama_kepala", "nip_kepala", "pangkat_kepala",
               "jabatan_kepala", "tempat", "nama_pemberi_amanah", "jabatan_pemberi_amanah",
               "tanggal_pk")
#: the sheets whose kesalahan stop the document
SHEETS = ("PK", "Anggaran", "Triwulan", "Pengaturan")
INPUT_DIGITS = 2

PEMBUKA = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
           "akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")
JANJI = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
    "tersebut menjadi tanggung jawab kami.",
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
    "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam "
    "rangka pemberian penghargaan dan sanksi.",
)


def _target(value: Any, satuan: str) -> str:
    return nilai(value, satuan, INPUT_DIGITS, fixed=False) if value is not None else KOSONG


def pk_context(p: Checked, tanggal: _dt.date | None = None) -> dict[str, Any]:
    """The template's data; ``tanggal`` overrides Profil's Tanggal Perjanjian Kinerja."""
    h = p.result
    pr = h.profil
    instansi = text(pr.get("instansi")) or "Instansi"
    tahun = pr.get("tahun") if pr.get("tahun") is not None else KOSONG
    kapan = tanggal if tanggal is not None else pr.get("tanggal_pk")
    tempat = text(pr.get("tempat"))
    tempat_tanggal = ", ".join(x for x in (tempat or "." * 20, filled(kapan)) if x)

    pertama = {"nama": filled(pr.get("nama_kepala")), "jabatan": filled(pr.get("jabatan_kepala")),
               "pangkat": text(pr.get("pangkat_kepala")), "nip": text(pr.get("nip_kepala"))}
    kedua = {"nama": filled(pr.get("nama_pemberi_amanah")),
             "jabatan": filled(pr.get("jabatan_pemberi_amanah"))}

    sasaran_no: dict[str, int] = {}
    indikator = []
    for s_no, (_kode, nama, inds) in enumerate(h.sasaran(), 1):
        sasaran_no[sasaran_key(inds[0])] = s_no  # as the engine matches programs to sasaran
        for n, ind in enumerate(inds):
            indikator.append({
                "no": len(indikator) + 1, "sasaran_no": s_no, "sasaran_romawi": roman(s_no),
                "sasaran": text(nama), "sasaran_pertama": n == 0, "kode": ind.kode,
                "nama": text(ind.indikator), "satuan": text(ind.satuan) or KOSONG,
                "target": _target(ind.target, ind.satuan)})

    tw = h.triwulan
    quarters = []
    if tw is not None and tw.ada_indikator:
        for it, item in zip(tw.indikator, indikator, strict=True):
            sat = it.indikator.satuan
            quarters.append({"no": item["no"], "nama": item["nama"], "tahunan": item["target"],
                             **{f"tw{q.nomor}": _target(q.target, sat) for q in it.quarters}})

    program = []
    for n, g in enumerate(h.anggaran.program, 1):
        s_no = sasaran_no.get(norm(g.kode_sasaran)) if norm(g.kode_sasaran) else None
        keterangan = (f"Sasaran Strategis {roman(s_no)}" if s_no else
                      "Program penunjang" if not g.kode_sasaran else text(g.kode_sasaran))
        program.append({"no": n, "nama": text(g.program), "anggaran": format_rupiah(g.anggaran),
                        "keterangan": keterangan})

    return {
        "kesalahan": notice(blocking(p, SHEETS, PROFIL_KEYS)),
        "judul": f"PERJANJIAN KINERJA TAHUN {tahun}",
        "instansi": instansi, "instansi_kapital": instansi.upper(),
        "pemda": text(pr.get("pemda")), "pemda_kapital": text(pr.get("pemda")).upper(),
        "tahun": tahun,
        "pembuka": PEMBUKA, "janji": list(JANJI),
        "pertama": pertama, "kedua": kedua,
        "tempat_tanggal": tempat_tanggal,
        "tanggal": tanggal_teks(kapan),
        "jumlah_sasaran": with_words(len(sasaran_no)),
        "jumlah_indikator": with_words(len(indikator)),
        "indikator": indikator,
        "triwulan": {"ada": bool(quarters), "baris": quarters},
        "program": program, "ada_program": bool(program),
        "jumlah_anggaran": format_rupiah(h.anggaran.anggaran),
    }


def missing(p: Checked, tanggal: _dt.date | None = None) -> list[str]:
    """The Profil rows the document needs that are empty (printed as dotted lines)."""
    keys = [k for k in PROFIL_KEYS if not (k == "tanggal_pk" and tanggal is not None)]
    return missing_profil(p, keys)
