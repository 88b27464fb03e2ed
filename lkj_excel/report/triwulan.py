"""The quarterly performance report (``lkj laporan FILE --triwulan N``): what its Word
template needs (pure).

Laporan Capaian Kinerja Triwulan N: per indicator its year's target, the quarter's target,
realisasi and capaian up to quarter N (the cumulative values at the end of each quarter) and
the Rencana Aksi lines; the programs' budget realisation up to quarter N; and sentences on
what lags: an indicator whose capaian in quarter N is under 100%, or without realisasi, and a
program whose budget realisation is under the share of the year gone by.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lkj_excel.core import schema
from lkj_excel.core.numbers import format_persen, format_rupiah, format_tanggal
from lkj_excel.core.triwulan import TRIWULAN, QuarterResult, quarter_end
from lkj_excel.report.context import KOSONG, nilai
from lkj_excel.report.document import TEMPLATES, blocking, filled, notice, text

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.engine import Checked

TEMPLATE = TEMPLATES / "triwulan.docx"
INPUT_DIGITS = 2
#: the Profil rows the signature prints
PROFIL_KEYS = ("instansi", "tahun", "nama_kepala", "nip_kepala", "pangkat_kepala",
               "jabatan_kepala", "tempat")
#: kesalahan on these sheets stop the report (IKU's year may still be open)
SHEETS = ("PK", "Triwulan", "Anggaran", "Anggaran Triwulan", "Pengaturan")


def judul(n: int) -> str:
    return f"Laporan Capaian Kinerja Triwulan {TRIWULAN[n - 1]}"


def _cap(q: QuarterResult, digits: int) -> str:
    t = q.capaian_tampil
    if isinstance(t, Decimal):
        return format_persen(t, digits)
    return t or KOSONG


def _quarter(q: QuarterResult, satuan: str, digits: int) -> dict[str, Any]:
    return {"triwulan": q.triwulan,
            "target": nilai(q.target, satuan, INPUT_DIGITS, fixed=False),
            "realisasi": nilai(q.realisasi_bulat, satuan, digits),
            "capaian": _cap(q, digits), "predikat": q.predikat or KOSONG,
            "rencana_aksi": [text(a) for a in q.rencana_aksi],
            "rencana_aksi_teks": "; ".join(text(a) for a in q.rencana_aksi) or KOSONG,
            "keterangan": "; ".join(text(k) for k in q.keterangan) or KOSONG}


def triwulan_context(p: Checked, n: int, tanggal: _dt.date | None = None) -> dict[str, Any]:
    """The template's data for quarter ``n`` (1..4)."""
    if not 1 <= n <= 4:
        raise ValueError(n)
    h = p.result
    pr = h.profil
    d = h.settings.desimal
    tw = h.triwulan
    nama_tw = TRIWULAN[n - 1]
    tahun = pr.get("tahun")
    tahun_i = tahun if isinstance(tahun, int) else None
    instansi = text(pr.get("instansi")) or "Instansi"
    akhir = quarter_end(tahun_i, nama_tw) if tahun_i else None
    periode = (f"1 Januari s.d. {format_tanggal(akhir)}" if akhir else KOSONG)

    ringkas, rinci, tertinggal = [], [], []
    for no, it in enumerate(tw.indikator if tw is not None else [], 1):
        ind = it.indikator
        q = it.quarter(n)
        sat = ind.satuan
        item = {
            "no": no, "kode": ind.kode, "nama": text(ind.indikator), "satuan": text(sat) or KOSONG,
            "target_tahunan": nilai(ind.target, sat, INPUT_DIGITS, fixed=False),
            **_quarter(q, sat, d),
            "sampai": [_quarter(x, sat, d) for x in it.quarters[:n]],
        }
        ringkas.append(item)
        rinci.append(item)
        if q.realisasi is None:
            tertinggal.append(f"Realisasi indikator {item['nama']} pada Triwulan {nama_tw} "
                              "belum diisi sehingga capaiannya belum dapat diukur.")
        elif q.capaian is None:
            tertinggal.append(f"Capaian indikator {item['nama']} pada Triwulan {nama_tw} "
                              f"{_cap(q, d)} (target triwulan {item['target']}, realisasi "
                              f"{item['realisasi']}).")
        elif q.capaian < 100:
            kalimat = (f"Indikator {item['nama']} belum mencapai target Triwulan {nama_tw}: "
                       f"realisasi {item['realisasi']} dari target {item['target']}, capaian "
                       f"{item['capaian']}.")
            if item["keterangan"] != KOSONG:
                kalimat += f" Keterangan: {item['keterangan']}."
            tertinggal.append(kalimat)

    waktu = Decimal(25 * n)
    program = []
    if tw is not None and tw.ada_anggaran:
        for no, pt in enumerate(tw.anggaran, 1):
            got = pt.sampai(n)
            real = got[1] if got is not None and got[0] == nama_tw else None
            serapan = pt.serapan(nama_tw) if real is not None else None
            program.append({"no": no, "nama": text(pt.program),
                            "anggaran": format_rupiah(pt.anggaran) if pt.anggaran is not None
                            else KOSONG,
                            "realisasi": format_rupiah(real) if real is not None else KOSONG,
                            "serapan": format_persen(serapan, 2) if serapan is not None
                            else KOSONG})
            if real is None:
                tertinggal.append(f"Realisasi anggaran {text(pt.program)} sampai dengan "
                                  f"Triwulan {nama_tw} belum diisi.")
            elif serapan is not None and serapan < waktu:
                tertinggal.append(
                    f"Serapan anggaran {text(pt.program)} sampai dengan Triwulan {nama_tw} "
                    f"baru {format_persen(serapan, 2)} ({format_rupiah(real)} dari "
                    f"{format_rupiah(pt.anggaran)}), di bawah proporsi waktu yang telah "
                    f"berjalan ({format_persen(waktu, 0)}).")
    anggaran: dict[str, Any] = {"ada": bool(program), "program": program}
    if program and tw is not None:
        total_a, total_r, serapan = tw.anggaran_total(n)
        anggaran.update(
            anggaran=format_rupiah(total_a),
            realisasi=format_rupiah(total_r) if total_r is not None else KOSONG,
            serapan=format_persen(serapan, 2) if serapan is not None else KOSONG,
            kalimat=(f"Realisasi anggaran sampai dengan Triwulan {nama_tw} sebesar "
                     f"{format_rupiah(total_r)} atau {format_persen(serapan, 2)} dari pagu "
                     f"anggaran {format_rupiah(total_a)}, dengan proporsi waktu yang telah "
                     f"berjalan {format_persen(waktu, 0)}." if total_r is not None and
                     serapan is not None else ""))
    if not tertinggal:
        tertinggal_umum = (f"Semua indikator kinerja mencapai target Triwulan {nama_tw} dan "
                           "serapan anggaran setiap program tidak di bawah proporsi waktu.")
    else:
        tertinggal_umum = (f"Hal-hal yang masih tertinggal sampai dengan Triwulan {nama_tw}:")

    return {
        "kesalahan": notice(blocking(p, SHEETS, PROFIL_KEYS)),
        "judul": f"{judul(n).upper()} TAHUN {tahun if tahun is not None else KOSONG}",
        "judul_biasa": f"{judul(n)} Tahun {tahun if tahun is not None else KOSONG}",
        "triwulan": nama_tw, "nomor": n, "periode": periode,
        "instansi": instansi, "instansi_kapital": instansi.upper(),
        "pemda": text(pr.get("pemda")), "tahun": tahun if tahun is not None else KOSONG,
        "ada_indikator": bool(tw is not None and tw.ada_indikator), "indikator": ringkas,
        "rinci": rinci,
        "anggaran": anggaran,
        "tertinggal": tertinggal, "tertinggal_umum": tertinggal_umum,
        "ttd": {
            "tempat_tanggal": ", ".join((text(pr.get("tempat")) or "." * 20,
                                         filled(tanggal))),
            "jabatan": filled(pr.get("jabatan_kepala")), "nama": filled(pr.get("nama_kepala")),
            "pangkat": text(pr.get("pangkat_kepala")), "nip": text(pr.get("nip_kepala")),
        },
        "satuan_persen": schema.SATUAN_PERSEN,
    }
