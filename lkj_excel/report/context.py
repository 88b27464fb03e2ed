"""Everything the report template needs, built from the engine's results (pure).

``build_context(p)`` turns a ``Checked`` into a dict of plain values: strings already
formatted the Indonesian way (``lkj_excel.core.numbers``), lists and small dicts, plus a few
``Decimal`` amounts that the template formats with its filters (``rupiah``, ``persen``,
``tanggal``, ``terbilang``). Figures come from ``Result`` as the engine computed them; this
module only words them. Optional parts that are empty give ``ada = False`` (the template
leaves the section out or prints one sentence): never "None", never an empty table.

Tables and figures are numbered here, in the order the template shows them, so the numbers
in captions and in the text always agree.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lkj_excel.core import schema
from lkj_excel.core.numbers import (
    format_angka,
    format_persen,
    format_rupiah,
    format_tanggal,
    terbilang,
)
from lkj_excel.core.temuan import KESALAHAN
from lkj_excel.report.charts import capaian_series

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.compute import GambarResult, IndikatorResult, Result
    from lkj_excel.core.engine import Checked

KOSONG = "-"
INPUT_DIGITS = 2  # digits shown (at most) for typed values: target, riwayat, renstra

_ROMAWI = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    out = []
    for value, sym in _ROMAWI:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letter(i: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa"."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(97 + r) + s
    return s


def with_words(n: int | Decimal) -> str:
    """``5`` -> ``"5 (lima)"`` (counts as the seed writes them)."""
    return f"{format_angka(n)} ({terbilang(n)})"


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _lines(value: Any) -> list[str]:
    """A cell's text as items: one per non-empty line."""
    if value is None:
        return []
    return [" ".join(line.split()) for line in str(value).splitlines() if line.strip()]


def nilai(value: Decimal | str | None, satuan: str, digits: int, fixed: bool = True) -> str:
    """A value of an indicator with its unit: ``96%``, ``3,5 indeks``; a category as it is
    (``WTP``); ``-`` when absent."""
    if value is None:
        return KOSONG
    if isinstance(value, str):
        return _text(value) or KOSONG
    sat = (satuan or "").strip()
    if sat == schema.SATUAN_PERSEN:
        return format_persen(value, digits, fixed)
    body = format_angka(value, digits, fixed)
    return f"{body} {sat}" if sat else body


def _input(value: Decimal | str | None, satuan: str) -> str:
    return nilai(value, satuan, INPUT_DIGITS, fixed=False)


def _angka(value: Decimal | None) -> str:
    return KOSONG if value is None else format_angka(value, INPUT_DIGITS, fixed=False)


def _rp(value: Decimal | None) -> str:
    return KOSONG if value is None else format_rupiah(value)


def _pct(value: Decimal | None) -> str:
    return KOSONG if value is None else format_persen(value, 2)


class _Numbering:
    """Table and figure numbers per chapter ("Tabel 3.2", "Gambar 3.1")."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], int] = {}

    def __call__(self, jenis: str, bab: str) -> str:
        key = (jenis, bab)
        self.counts[key] = self.counts.get(key, 0) + 1
        return f"{jenis} {bab}.{self.counts[key]}"


def _narasi(h: Result) -> dict[str, list[str]]:
    by_key = {
        "latar_belakang": "Latar Belakang", "dasar_hukum": "Dasar Hukum",
        "tugas_pokok": "Tugas Pokok", "fungsi": "Fungsi", "aspek_strategis": "Aspek Strategis",
        "strategi": "Strategi Peningkatan Kinerja",
        "catatan_standar_nasional": "Catatan Standar Nasional",
        "catatan_pembanding": "Catatan Pembanding", "sumber_data_pegawai": "Sumber Data Pegawai",
        "kata_pengantar": "Kata Pengantar", "ikhtisar_eksekutif": "Ikhtisar Eksekutif",
        "struktur_organisasi": "Struktur Organisasi",
        "perencanaan_kinerja": "Perencanaan Kinerja",
        "perjanjian_kinerja": "Perjanjian Kinerja", "analisis_efisiensi": "Analisis Efisiensi",
        "penutup": "Penutup",
    }
    lower = {k.strip().casefold(): v for k, v in h.narasi.items()}
    out: dict[str, list[str]] = {}
    for key, label in by_key.items():
        out[key] = [t for item in lower.get(label.casefold(), []) for t in _lines(item)]
    return out


# ---------------------------------------------------------------------------
# Sentences generated from the numbers
# ---------------------------------------------------------------------------

def sentence_year_change(ind: IndikatorResult, tahun: int | None, digits: int) -> str:
    """``"... turun dari 100% (2023) menjadi 96% (2024)."`` (empty without history)."""
    pr = ind.year_change
    if pr is None or ind.realisasi_bulat is None:
        return ""
    lalu = _input(pr.realisasi_lalu, ind.satuan)
    kini = nilai(ind.realisasi_bulat, ind.satuan, digits)
    th = tahun if tahun is not None else "tahun ini"
    nama = f"Realisasi indikator {ind.indikator}"
    if pr.arah == "tetap":
        return f"{nama} tetap {kini} pada tahun {pr.tahun_lalu} dan {th}."
    kata = pr.arah
    if ind.polaritas.casefold() == "negatif":
        kata += " (polaritas negatif: makin rendah makin baik)"
    return f"{nama} {kata} dari {lalu} ({pr.tahun_lalu}) menjadi {kini} ({th})."


def sentence_riwayat(ind: IndikatorResult, tahun: int | None, digits: int) -> str:
    """The whole series: ``"semula 92% (2022), 100% (2023), dan 96% (2024)"``."""
    earlier = [(t, r) for t, r in ind.riwayat if tahun is None or t < tahun]
    if not earlier or ind.realisasi_bulat is None:
        return ""
    parts = [f"{_input(r, ind.satuan)} ({t})" for t, r in earlier]
    parts.append(f"{nilai(ind.realisasi_bulat, ind.satuan, digits)} ({tahun})")
    seri = names(parts)
    return f"Realisasi indikator {ind.indikator} berturut-turut {seri}."


def calculation(ind: IndikatorResult, digits: int) -> str:
    """``"51/53 x 100% = 96%"`` when the realisasi comes from pembilang and penyebut."""
    if ind.pembilang is None or ind.penyebut is None or ind.realisasi_bulat is None:
        return ""
    p, q = _angka(ind.pembilang), _angka(ind.penyebut)
    result = nilai(ind.realisasi_bulat, ind.satuan, digits)
    if (ind.satuan or "").strip() == schema.SATUAN_PERSEN:
        return f"{p}/{q} x 100% = {result}"
    return f"{p}/{q} = {result}"


def _capaian_teks(ind: IndikatorResult, digits: int) -> str:
    if ind.capaian_bulat is None:
        shown = ind.capaian_tampil
        if isinstance(shown, str):
            return shown
        return ind.capaian_catatan or KOSONG
    return format_persen(ind.capaian_bulat, digits)


def _shown(value: Decimal | str | None, digits: int) -> str:
    """A capaian as shown: a percent, or Tercapai / Tidak Tercapai."""
    if value is None:
        return KOSONG
    return value if isinstance(value, str) else format_persen(value, digits)


#: how a Kejadian status reads in a sentence of counts
STATUS_KATA = {"Selesai": "selesai", "Ditangani": "ditangani dan masih dalam proses",
               "Dalam Proses": "masih dalam proses", "Belum Ditangani": "belum ditangani",
               "": "tanpa status"}


def _statuses(per_status: list[tuple[str, int]]) -> str:
    """``"semuanya selesai"``; ``"1 (satu) selesai, 3 (tiga) ditangani dan masih dalam
    proses"``."""
    if len(per_status) == 1:
        status, n = per_status[0]
        kata = STATUS_KATA.get(status, status.casefold())
        return f"semuanya {kata}" if n > 1 else kata
    return ", ".join(f"{with_words(n)} {STATUS_KATA.get(s, s.casefold())}"
                     for s, n in per_status)


def _noun(ind: IndikatorResult) -> str:
    """What the indicator's Kejadian rows are, from its Uraian Penyebut ("Jumlah fasilitasi
    ..." -> "fasilitasi ..."), else "kejadian atau kegiatan"."""
    text = _text(ind.uraian_penyebut)
    if text.casefold().startswith("jumlah "):
        text = text[7:].strip()
    return text if len(text.split()) >= 2 else "kejadian atau kegiatan"


def _kejadian(ind: IndikatorResult, tahun: int | None) -> tuple[str, list[dict[str, Any]]]:
    """The lead sentence and the groups (by Keterangan) of an indicator's Kejadian."""
    if not ind.kejadian:
        return "", []
    groups = []
    for g in ind.kejadian_groups:
        butir = []
        for k in g.rows:
            uraian = _text(k["uraian"])
            extra = []
            tgl = k["tanggal"]
            if isinstance(tgl, _dt.date):
                extra.append(format_tanggal(tgl))
            lokasi = _text(k["lokasi"])
            if lokasi and lokasi.casefold() not in uraian.casefold():
                extra.append(lokasi)
            butir.append(f"{uraian} ({'; '.join(extra)})" if extra else uraian)
        groups.append({"judul": g.keterangan, "jumlah": len(g.rows), "butir": butir,
                       "status": _statuses(g.per_status)})
    n = len(ind.kejadian)
    lead = f"Pada tahun {tahun} tercatat {with_words(n)} {_noun(ind)}"
    named = [g for g in groups if g["judul"]]
    if len(groups) == 1 and not named:
        lead += f": {groups[0]['status']}, yaitu:"
        groups[0]["kalimat"] = ""
    else:
        parts = [f"{with_words(g['jumlah'])} {g['judul'] or 'lainnya'}" for g in groups]
        lead += f", terdiri atas {names(parts)}:"
        for g in groups:
            g["kalimat"] = f"{g['judul'] or 'Lainnya'}: {with_words(g['jumlah'])}, {g['status']}."
    return lead, groups


def _capaian_predikat(ind: IndikatorResult, digits: int) -> str:
    teks = _capaian_teks(ind, digits)
    return f"{teks} ({ind.predikat})" if ind.predikat else teks


# ---------------------------------------------------------------------------
# Parts
# ---------------------------------------------------------------------------

def _indikator(ind: IndikatorResult, h: Result, tahun: int | None, nomor: _Numbering,
               no: int) -> dict[str, Any]:
    d = h.settings.desimal
    target = _input(ind.target_tampil, ind.satuan)
    realisasi = nilai(ind.realisasi_bulat, ind.satuan, d)
    cap = _capaian_teks(ind, d)
    kalimat_kejadian, kelompok = _kejadian(ind, tahun)
    kejadian = [{"no": i, "teks": t} for i, t in
                enumerate((t for g in kelompok for t in g["butir"]), 1)]
    if ind.kategori and ind.tercapai is not None:
        sama = ind.realisasi_bulat == ind.target_tampil
        kata = ("sama dengan target" if sama else "berperingkat di atas target"
                if ind.tercapai else "berperingkat di bawah target")
        kalimat_capaian = (
            f"Target indikator {ind.indikator} pada tahun {tahun} adalah {target}, sedangkan "
            f"realisasinya {realisasi}. Pada Skala Kategori, realisasi ini {kata}, sehingga "
            f"target {'tercapai' if ind.tercapai else 'tidak tercapai'}.")
    elif ind.capaian_bulat is not None:
        kalimat_capaian = (
            f"Target indikator {ind.indikator} pada tahun {tahun} adalah {target}, sedangkan "
            f"realisasinya sebesar {realisasi}. Dengan demikian capaian kinerjanya adalah "
            f"{_capaian_predikat(ind, d)}.")
    elif ind.realisasi_bulat is None:
        kalimat_capaian = (f"Realisasi indikator {ind.indikator} pada tahun {tahun} belum "
                           f"diisi sehingga capaiannya belum dapat dihitung.")
    else:
        kalimat_capaian = (
            f"Target indikator {ind.indikator} pada tahun {tahun} adalah {target}, sedangkan "
            f"realisasinya sebesar {realisasi}; capaiannya {cap}.")
    if ind.kategori:
        hasil = f"target {cap.casefold()}" if ind.tercapai is not None else f"capaiannya {cap}"
        kesimpulan = (f"Indikator kinerja {ind.indikator}: realisasi {realisasi} dari target "
                      f"{target}, {hasil}.")
    else:
        kesimpulan = (f"Indikator kinerja {ind.indikator}: realisasi {realisasi} dari target "
                      f"{target}, capaian kinerjanya {_capaian_predikat(ind, d)}.")
    item = {
        "no": no, "kode": ind.kode, "nama": ind.indikator, "sasaran": ind.sasaran,
        "satuan": ind.satuan or KOSONG, "polaritas": ind.polaritas, "bidang": ind.bidang,
        "target": target, "realisasi": realisasi, "capaian": cap, "predikat": ind.predikat,
        "predikat_teks": ind.predikat or KOSONG,
        "capaian_predikat": _capaian_predikat(ind, d),
        "alasan": _lines(ind.alasan), "analisis": _lines(ind.analisis),
        "uraian_pembilang": _text(ind.uraian_pembilang),
        "uraian_penyebut": _text(ind.uraian_penyebut),
        "ada_rumus": bool(_text(ind.uraian_pembilang) and _text(ind.uraian_penyebut)),
        "rumus_kali": " x 100%" if (ind.satuan or "").strip() == schema.SATUAN_PERSEN else "",
        "perhitungan": calculation(ind, d),
        "kalimat_capaian": kalimat_capaian,
        "kejadian": kejadian, "kalimat_kejadian": kalimat_kejadian,
        "kejadian_kelompok": kelompok, "kategori": ind.kategori,
        "tercapai": ind.tercapai,
        "renstra": _input(ind.target_renstra, ind.satuan),
        "capaian_renstra": _shown(ind.capaian_renstra_bulat, d),
        "renstra_tahun": _input(ind.target_renstra_tahun, ind.satuan),
        "capaian_renstra_tahun": _shown(ind.capaian_renstra_tahun_tampil, d),
        "standar": _input(ind.standar_nasional, ind.satuan),
        "perubahan": sentence_year_change(ind, tahun, d),
        "arah": ind.year_change.arah if ind.year_change else "",
        "riwayat_kalimat": sentence_riwayat(ind, tahun, d),
        "kesimpulan": kesimpulan,
        "tabel": nomor("Tabel", "3"),
    }
    for col in schema.INDIKATOR_CARRIED:  # every other input column, worded by its kind
        item.setdefault(col.key, _worded(ind.inputs.get(col.key), col.kind, ind.satuan))
    return item


def _worded(value: Any, kind: str, satuan: str) -> str:
    """An input value as the report prints it (``-`` when empty)."""
    if value is None or value == "":
        return KOSONG
    if kind == "money":
        return _rp(value)
    if kind in ("number", "number_or_category"):  # a category prints as it is
        return _input(value, satuan)
    if kind == "date" and isinstance(value, _dt.date):
        return format_tanggal(value)
    return _text(value)


def _pegawai(h: Result, singkatan: str, tahun: Any, nomor: _Numbering,
             sumber: str) -> dict[str, Any]:
    pg = h.pegawai
    if not pg.kelompok:
        return {"ada": False, "jumlah": 0, "kalimat": "", "tabel": [], "sumber": ""}
    tabel = []
    baris = [{"no": i, "uraian": j, "jumlah": format_angka(n)}
             for i, (j, n) in enumerate(pg.per_jenis.items(), 1)]
    tabel.append({"nomor": nomor("Tabel", "1"),
                  "judul": f"Jumlah Pegawai {singkatan} Berdasarkan Status Kepegawaian",
                  "kolom": "Status Kepegawaian", "baris": baris,
                  "total": f"{format_angka(pg.jumlah)} orang"})
    for jenis, groups in pg.kelompok.items():
        for grp, items in groups.items():
            tabel.append({
                "nomor": nomor("Tabel", "1"),
                "judul": f"Jumlah Pegawai {jenis} {singkatan} Berdasarkan {grp}",
                "kolom": grp,
                "baris": [{"no": i, "uraian": u, "jumlah": format_angka(n)}
                          for i, (u, n) in enumerate(items, 1)],
                "total": f"{format_angka(sum(n for _, n in items))} orang"})
    kalimat = (f"Dalam menunjang pelaksanaan kegiatan pada tahun {tahun}, {singkatan} "
               f"didukung oleh {format_angka(pg.jumlah)} orang pegawai, dengan rincian "
               f"sebagai berikut:")
    return {"ada": True, "jumlah": pg.jumlah, "kalimat": kalimat, "tabel": tabel,
            "sumber": sumber}


def _program(h: Result) -> list[dict[str, Any]]:
    out = []
    for i, p in enumerate(h.anggaran.program, 1):
        keg = [{"huruf": letter(j), "nama": _text(k.kegiatan), "anggaran": _rp(k.anggaran),
                "realisasi": _rp(k.realisasi), "serapan": _pct(k.serapan_persen)}
               for j, k in enumerate(p.kegiatan)]
        nama = _text(p.program)
        if keg:
            kalimat = (f"{nama}, dengan anggaran sebesar {_rp(p.anggaran)}, yang dijabarkan "
                       f"dalam {with_words(len(keg))} kegiatan yaitu:")
        else:
            kalimat = f"{nama}, dengan anggaran sebesar {_rp(p.anggaran)}."
        out.append({"no": i, "nama": nama, "kalimat": kalimat, "kegiatan": keg,
                    "anggaran": _rp(p.anggaran), "realisasi": _rp(p.realisasi),
                    "serapan": _pct(p.serapan_persen), "efisiensi": _rp(p.efisiensi),
                    "efisiensi_persen": _pct(p.efisiensi_persen)})
    return out


def _lra(h: Result) -> list[dict[str, Any]]:
    rows = []
    codes = {r.kode for r in h.lra}
    for r in h.lra:
        induk = any(c != r.kode and c.startswith(r.kode + ".") for c in codes)
        rows.append({
            "kode": r.kode, "uraian": _text(r.uraian), "tingkat": r.tingkat,
            "indent": "\u00a0" * 3 * max(r.tingkat - 1, 0), "induk": induk,
            "anggaran": _angka_rp(r.anggaran), "realisasi": _angka_rp(r.realisasi),
            "serapan": KOSONG if r.serapan_persen is None else format_angka(r.serapan_persen, 2),
            "lalu": _angka_rp(r.realisasi_lalu)})
    return rows


def _angka_rp(value: Decimal | None) -> str:
    return KOSONG if value is None else format_angka(value, 2)


def _kesalahan(p: Checked) -> dict[str, Any]:
    errs = [f for f in p.temuan if f.tingkat == KESALAHAN]
    if not errs:
        return {"ada": False, "jumlah": 0, "kalimat": ""}
    from lkj_excel.core.units import missing_unit_of

    missing = [u for f in errs if f.kode == "bidang-belum-mengirim"
               and (u := missing_unit_of(f.pesan))]
    belum = (f" Buku kerja yang belum diterima: {', '.join(missing)}; datanya tidak ada di "
             "laporan ini." if missing else "")
    return {"ada": True, "jumlah": len(errs), "kalimat": (
        f"PERHATIAN: laporan ini disusun dari data yang masih mengandung "
        f"{with_words(len(errs))} kesalahan (lihat hasil perintah lkj periksa). Angka di "
        f"dalamnya belum dapat dipertanggungjawabkan sebelum kesalahan itu diperbaiki.{belum}")}


# ---------------------------------------------------------------------------
# The added parts: Kata Pengantar, Ikhtisar, RPJMD link, Bab II, efficiency, pictures,
# reviu (words only: every figure comes from the core's results)
# ---------------------------------------------------------------------------

def names(items: list[str]) -> str:
    """``"A"``, ``"A dan B"``, ``"A, B dan C"``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" dan {items[-1]}"


def _labelled(label: str, text: Any) -> str:
    """``"Misi: ..."`` unless the text already opens with its label ("Misi 1: ...")."""
    t = _text(text)
    if not t:
        return ""
    return t if t.casefold().startswith(label.split()[0].casefold()) else f"{label}: {t}"


def _who(inds: list[IndikatorResult], rest: bool) -> str:
    if len(inds) <= 2:
        return "indikator " + names([i.indikator for i in inds])
    return f"{with_words(len(inds))} indikator{' lainnya' if rest else ''}"


def _ikhtisar(h: Result, instansi: str, tahun: Any, narasi: dict[str, list[str]],
              d: int) -> dict[str, Any]:
    """From Narasi when written; otherwise generated from the year's figures."""
    sasaran = [_text(nama) for _, nama, _ in h.sasaran()]
    if narasi["ikhtisar_eksekutif"]:
        return {"paragraf": narasi["ikhtisar_eksekutif"], "sasaran": [], "penutup": [],
                "dibuat": False}
    r = h.ringkas
    n = len(r.indikator) if r else 0
    if r is None or not n:
        return {"paragraf": [f"Perjanjian Kinerja {instansi} Tahun {tahun} belum memuat "
                             "indikator kinerja (lembar PK kosong)."],
                "sasaran": [], "penutup": [], "dibuat": True}
    pembuka = (f"Laporan Kinerja ini menyajikan capaian kinerja {instansi} Tahun {tahun}. "
               f"Dalam Perjanjian Kinerja Tahun {tahun} ditetapkan "
               f"{with_words(r.n_sasaran)} sasaran strategis yang diukur dengan "
               f"{with_words(n)} indikator kinerja utama, yaitu sasaran:")
    out = []
    ok = len(r.tercapai)
    if ok == n:
        kal = (f"Seluruh {with_words(n)} indikator kinerja mencapai targetnya."
               if n > 1 else "Indikator kinerja tersebut mencapai targetnya.")
    else:
        kal = f"Sebanyak {with_words(ok)} dari {with_words(n)} indikator kinerja mencapai targetnya"
        if r.belum_tercapai:
            kal += ("; " + with_words(len(r.belum_tercapai)) + " belum mencapai target, yaitu "
                    + names([f"{i.indikator} ({_capaian_teks(i, d)})"
                             for i in r.belum_tercapai]))
        if r.tanpa_capaian:
            kal += ("; capaian " + with_words(len(r.tanpa_capaian)) + " indikator belum dapat "
                    "ditentukan (" + names([i.indikator for i in r.tanpa_capaian]) + ")")
        kal += "."
    out.append(kal)
    if r.tertinggi:
        top, low = r.tertinggi[0], r.terendah[0]
        angka = [i for i in r.indikator if i.capaian_bulat is not None]
        if len(angka) == 1:
            out.append(f"Capaian indikator {top.indikator} adalah {_capaian_predikat(top, d)}.")
        elif top.capaian_bulat == low.capaian_bulat:
            out.append(f"Capaian {with_words(len(angka))} indikator yang diukur dengan angka "
                       f"sama, yaitu {_capaian_predikat(top, d)}.")
        else:
            rest = len(r.tertinggi) + len(r.terendah) == len(angka)
            out.append(f"Capaian tertinggi {_capaian_predikat(top, d)} pada "
                       f"{_who(r.tertinggi, False)}, dan capaian terendah "
                       f"{_capaian_predikat(low, d)} pada "
                       f"{_who(r.terendah, rest and len(r.terendah) > 2)}.")
    a = h.anggaran
    if a.program:
        out.append(f"Dari sisi anggaran, realisasi belanja program sebesar {_rp(a.realisasi)} "
                   f"dari pagu {_rp(a.anggaran)}, atau serapan {_pct(a.serapan_persen)}.")
    return {"paragraf": [pembuka], "sasaran": sasaran, "penutup": out, "dibuat": True}


def _cascading(h: Result, sasaran: list[dict[str, Any]]) -> dict[str, Any]:
    """The RPJMD link: one line said once when every sasaran shares it, else per sasaran."""
    from lkj_excel.core.model import norm

    lines = []
    for s in sasaran:
        row = h.cascading.get(norm(s["kode"]))
        line = None
        if row is not None:
            line = {"misi": _labelled("Misi", row["misi"]),
                    "sasaran_rpjmd": _labelled("Sasaran RPJMD", row["sasaran_rpjmd"]),
                    "indikator_rpjmd": _labelled("Indikator RPJMD", row["indikator_rpjmd"]),
                    "tujuan": _text(row["tujuan"])}
            line["baris"] = [t for t in (line["misi"], line["sasaran_rpjmd"],
                                         line["indikator_rpjmd"]) if t]
        lines.append(line)
    keys = {None if ln is None else tuple(ln["baris"]) for ln in lines}
    bersama = lines[0] if lines and len(keys) == 1 and lines[0] and lines[0]["baris"] else None
    for s, line in zip(sasaran, lines, strict=True):
        s["rpjmd"] = [] if bersama or line is None else line["baris"]
    tujuan: list[str] = []
    for line in lines:
        if line and line["tujuan"] and line["tujuan"] not in tujuan:
            tujuan.append(line["tujuan"])
    return {"ada": any(lines), "bersama": bersama["baris"] if bersama else [],
            "tujuan": tujuan}


def _bab2(h: Result, instansi: str, tahun: Any, narasi: dict[str, list[str]],
          cascading: dict[str, Any], n_sasaran: int, n_indikator: int) -> dict[str, Any]:
    pr = h.profil
    pemda = _text(pr.get("pemda"))
    perencanaan = narasi["perencanaan_kinerja"] or [
        "Perencanaan kinerja merupakan proses penyusunan rencana kerja sebagai penjabaran dari "
        "sasaran dan program yang telah ditetapkan dalam rencana strategis, yang dilaksanakan "
        "melalui kegiatan tahunan, dan di dalamnya ditetapkan indikator-indikator sasaran "
        "capaian kinerja."]
    tujuan = names([f"\u201c{t}\u201d" for t in cascading["tujuan"]])
    rpjmd = (f"Rencana Pembangunan Jangka Menengah Daerah (RPJMD) {pemda}".rstrip()
             if tujuan else "")
    if narasi["perjanjian_kinerja"]:
        perjanjian = list(narasi["perjanjian_kinerja"])
        if tujuan and not any(t in " ".join(perjanjian) for t in cascading["tujuan"]):
            perjanjian.append(f"Sasaran strategis tersebut diselaraskan dengan tujuan {rpjmd}, "
                              f"yaitu {tujuan}.")
        return {"perencanaan": perencanaan, "perjanjian": perjanjian, "dibuat": False}
    jabatan = _text(pr.get("jabatan_kepala")) or instansi
    eselon = _text(pr.get("eselon_kepala"))
    pihak = _text(pr.get("jabatan_pemberi_amanah"))
    nama_pihak = _text(pr.get("nama_pemberi_amanah"))
    if pihak and nama_pihak:
        pihak = f"{pihak} ({nama_pihak})"
    elif nama_pihak:
        pihak = nama_pihak
    kal = (f"Setelah Dokumen Pelaksanaan Anggaran (DPA) Tahun {tahun} ditetapkan, {jabatan}"
           + (f" selaku pejabat eselon {eselon}" if eselon else "")
           + f" telah menetapkan Perjanjian Kinerja Tahun {tahun}"
           + (f" dengan {pihak}" if pihak else "") + ". ")
    kal += (f"Perjanjian Kinerja tersebut memuat {with_words(n_sasaran)} sasaran strategis "
            f"dengan {with_words(n_indikator)} indikator kinerja")
    if tujuan:
        kal += f", yang diselaraskan dengan tujuan {rpjmd}, yaitu {tujuan}"
    kal += ", sebagaimana tabel berikut:" if n_indikator else "."
    return {"perencanaan": perencanaan, "perjanjian": [kal], "dibuat": True}


def _sisa_efisien(h: Result) -> bool:
    """The budget left over counts as efficiency: every target met and something left
    (3.3 and the conclusion say it from this one rule)."""
    return bool(h.ringkas and h.ringkas.semua_tercapai and h.anggaran.efisiensi > 0)


def _efisiensi(h: Result, instansi: str, tahun: Any, narasi: dict[str, list[str]],
               d: int) -> dict[str, Any]:
    """3.3: what the budget bought, program by program (capaian against serapan)."""
    a = h.anggaran
    if not a.program:
        return {"ada": False, "kalimat": [
            "Data anggaran (lembar Anggaran) belum diisi sehingga efisiensi penggunaan "
            "anggaran belum dapat dianalisis."], "program": [], "terendah": "", "alasan": []}
    kal = [f"Pada tahun {tahun}, realisasi anggaran program {instansi} sebesar "
           f"{_rp(a.realisasi)} dari pagu {_rp(a.anggaran)}, atau serapan "
           f"{_pct(a.serapan_persen)}; sisa anggaran sebesar {_rp(a.efisiensi)} "
           f"({_pct(a.efisiensi_persen)})."]
    r = h.ringkas
    if _sisa_efisien(h):
        kal.append("Karena seluruh target kinerja tercapai, sisa anggaran tersebut merupakan "
                   "efisiensi: sasaran dicapai dengan anggaran yang lebih kecil dari yang "
                   "direncanakan.")
    elif r and r.belum_tercapai and a.efisiensi > 0:
        kal.append(f"Karena {with_words(len(r.belum_tercapai))} indikator belum mencapai "
                   "target, sisa anggaran tersebut belum dapat disebut efisiensi.")
    elif r and r.tanpa_capaian and a.efisiensi > 0:
        kal.append(f"Efisiensi belum dapat dinilai karena capaian "
                   f"{with_words(len(r.tanpa_capaian))} indikator belum dapat ditentukan.")
    if any(p.indikator for p in a.program):
        kal.append("Perbandingan capaian indikator dengan serapan anggaran setiap program "
                   "adalah sebagai berikut:")
    program = []
    for p in a.program:
        nama = _text(p.program)
        ser = _pct(p.serapan_persen)
        inds = names([f"{i.indikator} {_capaian_teks(i, d)}" for i in p.indikator])
        if not p.indikator:
            continue
        if p.tercapai is True and p.efisiensi is not None and p.efisiensi > 0:
            t = (f"{nama}: target indikatornya tercapai ({inds}) dengan serapan {ser}; "
                 f"sasarannya dicapai dengan anggaran {_rp(p.efisiensi)} "
                 f"({_pct(p.efisiensi_persen)}) lebih kecil dari pagu, sehingga penggunaan "
                 "anggarannya efisien.")
        elif p.tercapai is True:
            t = f"{nama}: target indikatornya tercapai ({inds}) dengan serapan {ser}."
        elif p.tercapai is False:
            t = (f"{nama}: serapan {ser}, tetapi target indikatornya belum tercapai ({inds}); "
                 "anggaran yang terserap belum menghasilkan kinerja yang ditargetkan.")
        else:
            t = f"{nama}: serapan {ser}; capaian indikatornya belum dapat ditentukan."
        program.append(t)
    penunjang = [p for p in a.program if not p.indikator]
    if penunjang:
        program.append(names([_text(p.program) for p in penunjang])
                       + (" tidak terkait langsung dengan indikator sasaran (program penunjang); "
                          "serapannya " if len(penunjang) == 1 else
                          " tidak terkait langsung dengan indikator sasaran (program penunjang); "
                          "serapannya berturut-turut ")
                       + names([_pct(p.serapan_persen) for p in penunjang]) + ".")
    low = a.terendah
    terendah = ""
    if low is not None and a.serapan_persen is not None and len(a.program) > 1 \
            and low.serapan_persen < a.serapan_persen:
        terendah = (f"Serapan terendah terdapat pada {_text(low.program)} "
                    f"({_pct(low.serapan_persen)}), di bawah serapan keseluruhan "
                    f"{_pct(a.serapan_persen)}")
        terendah += ("; target indikatornya tetap tercapai." if low.tercapai else ".")
    return {"ada": True, "kalimat": kal, "program": program, "terendah": terendah,
            "alasan": narasi["analisis_efisiensi"]}


def _picture(g: GambarResult, nomor: str, judul: str) -> dict[str, Any]:
    alt = f"{nomor}: {judul}" if nomor else judul
    return {"nomor": nomor, "judul": judul, "picture": g.picture, "alt": alt,
            "nama": judul or g.picture.name}


def _gambar(h: Result, nomor: _Numbering, instansi: str) -> dict[str, Any]:
    ok = [g for g in h.gambar if not g.picture.masalah and g.picture.data]
    from lkj_excel.core.model import norm

    def of(bagian: str) -> list[GambarResult]:
        return [g for g in ok if norm(g.bagian) == norm(bagian)]

    struktur = [_picture(g, nomor("Gambar", "1"), g.judul or f"Struktur Organisasi {instansi}")
                for g in of("Struktur Organisasi")]
    lampiran = [_picture(g, nomor("Gambar", "L"), g.judul or "Dokumentasi kegiatan")
                for g in of("Lampiran")]
    kop = of("Kop")
    return {"struktur": struktur, "lampiran": lampiran,
            "kop": _picture(kop[0], "", kop[0].judul or "Logo") if kop else None}


def _reviu(h: Result, instansi: str, tahun: Any, tempat: str) -> dict[str, Any]:
    pr = h.profil
    if not h.reviu:
        return {"ada": False}
    tgl = pr.get("tanggal_reviu")
    tanggal = format_tanggal(tgl) if isinstance(tgl, _dt.date) else _text(tgl)
    pemda = _text(pr.get("pemda"))
    return {
        "ada": True,
        "pemerintah": _pemerintah(pemda),
        "nama": _text(pr.get("nama_inspektorat")).upper(),
        "alamat": _text(pr.get("alamat_inspektorat")),
        "instansi": instansi, "tahun": tahun,
        "tempat_tanggal": ", ".join(x for x in (tempat, tanggal) if x),
        "jabatan": _text(pr.get("jabatan_inspektur")),
        "inspektur": _text(pr.get("nama_inspektur")),
        "pangkat": _text(pr.get("pangkat_inspektur")),
        "nip": _text(pr.get("nip_inspektur")),
    }


def _pemerintah(pemda: str) -> str:
    """``"PEMERINTAH KOTA BANJARBARU"`` (never "PEMERINTAH PEMERINTAH ...")."""
    if not pemda:
        return ""
    up = pemda.upper()
    return up if up.startswith("PEMERINTAH") else f"PEMERINTAH {up}"


def _kata_pengantar(h: Result, instansi: str, tahun: Any, narasi: dict[str, list[str]],
                    n_indikator: int) -> list[str]:
    if narasi["kata_pengantar"]:
        return narasi["kata_pengantar"]
    return [f"Laporan Kinerja {instansi} Tahun {tahun} disusun sebagai wujud "
            "pertanggungjawaban atas pelaksanaan tugas pokok dan fungsi serta pencapaian "
            f"sasaran strategis yang ditetapkan dalam Perjanjian Kinerja Tahun {tahun}, sesuai "
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
            "Instansi Pemerintah dan Peraturan Menteri Pendayagunaan Aparatur Negara dan "
            "Reformasi Birokrasi Nomor 53 Tahun 2014.",
            f"Laporan ini menyajikan capaian {with_words(n_indikator)} indikator kinerja utama "
            "beserta analisisnya dan realisasi anggaran, sebagai bahan evaluasi dan "
            "peningkatan kinerja di masa mendatang."]


def build_context(p: Checked) -> dict[str, Any]:
    """The template's data for one checked workbook (pure: no I/O, no heavy imports)."""
    h = p.result
    pr = h.profil
    d = h.settings.desimal
    nomor = _Numbering()
    instansi = _text(pr.get("instansi")) or "Instansi"
    singkatan = _text(pr.get("singkatan")) or instansi
    tahun = pr.get("tahun")
    tahun_i = tahun if isinstance(tahun, int) else None
    narasi = _narasi(h)

    sumber_pegawai = " ".join(narasi["sumber_data_pegawai"])
    pegawai = _pegawai(h, singkatan, tahun, nomor,
                       f"Sumber data: {sumber_pegawai}" if sumber_pegawai else "")

    gambar = _gambar(h, nomor, instansi)

    # Bab II
    tabel_pk = nomor("Tabel", "2")
    programs = _program(h)

    # Bab III: summary table, then per sasaran, then figure and comparisons
    tabel_iku = nomor("Tabel", "3")
    sasaran = []
    semua: list[dict[str, Any]] = []
    #: (result, its words) in the order the report lists them (by sasaran)
    pairs: list[tuple[IndikatorResult, dict[str, Any]]] = []
    for s_no, (kode, nama, inds) in enumerate(h.sasaran(), 1):
        items = []
        for ind in inds:
            item = _indikator(ind, h, tahun_i, nomor, len(semua) + 1)
            item["sasaran_no"] = s_no
            item["sasaran_pertama"] = not items
            items.append(item)
            semua.append(item)
            pairs.append((ind, item))
        sasaran.append({"no": s_no, "romawi": roman(s_no), "kode": kode, "nama": _text(nama),
                        "indikator": items})
    ada_indikator = bool(semua)
    # numbered only when the chart is drawn (indicators in %): no caption without a picture
    gambar_capaian = nomor("Gambar", "3") if capaian_series(h) is not None else ""
    cascading = _cascading(h, sasaran)

    # comparison with the two earlier years
    th1 = tahun_i - 1 if tahun_i else None
    th2 = tahun_i - 2 if tahun_i else None
    ada_riwayat = any(ind.riwayat for ind in h.indikator)
    riwayat_baris = []
    for ind, item in pairs:
        by_year = dict(ind.riwayat)
        riwayat_baris.append({"indikator": item["nama"],
                              "th2": _input(by_year.get(th2), ind.satuan),
                              "th1": _input(by_year.get(th1), ind.satuan),
                              "kini": item["realisasi"]})
    naik = [i for i in semua if i["arah"] == "naik"]
    turun = [i for i in semua if i["arah"] == "turun"]
    tetap = [i for i in semua if i["arah"] == "tetap"]
    dibanding = [i for i in semua if i["arah"]]
    if dibanding:
        umum = (f"Dibandingkan dengan tahun sebelumnya, dari {with_words(len(dibanding))} "
                f"indikator kinerja yang memiliki data pembanding, {with_words(len(naik))} "
                f"indikator mengalami kenaikan, {with_words(len(turun))} indikator mengalami "
                f"penurunan dan {with_words(len(tetap))} indikator tetap.")
    else:
        umum = ("Data realisasi tahun-tahun sebelumnya belum diisi (lembar Riwayat) sehingga "
                "peningkatan dan penurunan kinerja belum dapat dianalisis.")
    riwayat = {
        "ada": ada_riwayat, "th1": th1 or KOSONG, "th2": th2 or KOSONG,
        "nomor": nomor("Tabel", "3") if ada_riwayat else "",
        "baris": riwayat_baris,
        "kalimat": [i["riwayat_kalimat"] for i in semua if i["riwayat_kalimat"]],
    }
    tahunan = any(ind.target_renstra_tahun is not None for ind in h.indikator)
    ada_renstra = tahunan or any(ind.target_renstra is not None for ind in h.indikator)
    renstra = {"ada": ada_renstra, "nomor": nomor("Tabel", "3") if ada_renstra else "",
               "tahunan": tahunan,
               "baris": [{"indikator": i["nama"], "realisasi": i["realisasi"],
                          "target": i["renstra"], "capaian": i["capaian_renstra"],
                          "target_tahun": i["renstra_tahun"],
                          "capaian_tahun": i["capaian_renstra_tahun"]}
                         for i in semua]}
    ada_standar = any(ind.standar_nasional is not None for ind in h.indikator)
    standar_catatan = narasi["catatan_standar_nasional"]
    if not standar_catatan and not ada_standar:
        standar_catatan = ["Standar nasional untuk indikator-indikator ini belum tersedia, "
                           "sehingga perbandingan dengan standar nasional belum dapat "
                           "dilakukan."]
    standar = {"ada": ada_standar, "nomor": nomor("Tabel", "3") if ada_standar else "",
               "baris": [{"indikator": i["nama"], "realisasi": i["realisasi"],
                          "standar": i["standar"]} for i in semua],
               "catatan": standar_catatan}
    pemb_baris = []
    ada_baris = any(ind.pembanding for ind in h.indikator)
    for ind, item in pairs:
        # every PK indicator: one without Pembanding rows shows "-" (and has a finding)
        for nama_p, r in ind.pembanding or ([(None, None)] if ada_baris else []):
            pemb_baris.append({"indikator": item["nama"], "realisasi": item["realisasi"],
                               "pembanding": _text(nama_p) or KOSONG,
                               "nilai": _input(r, ind.satuan)})
    # a table only when some comparison has a value; otherwise one sentence
    ada_pemb = any(r is not None for ind in h.indikator for _, r in ind.pembanding)
    disebut = []
    for ind in h.indikator:
        for nama_p, _ in ind.pembanding:
            if _text(nama_p) and _text(nama_p) not in disebut:
                disebut.append(_text(nama_p))
    pemb_kosong = ""
    if not ada_pemb and disebut:
        pemb_kosong = (f"Data realisasi {names(disebut)} untuk indikator-indikator ini belum "
                       "tersedia, sehingga perbandingan dengan daerah lain belum dapat "
                       "disajikan.")
    pembanding = {"ada": ada_pemb, "nomor": nomor("Tabel", "3") if ada_pemb else "",
                  "baris": pemb_baris, "catatan": narasi["catatan_pembanding"],
                  "kosong": pemb_kosong}

    def _kumpul(key: str) -> list[str]:
        seen: list[str] = []
        for ind in h.indikator:
            for line in _lines(getattr(ind, key)):
                if line not in seen:
                    seen.append(line)
        return seen

    # budget
    a = h.anggaran
    ada_anggaran = bool(a.program)
    efisiensi = _efisiensi(h, instansi, tahun, narasi, d)
    kalimat_efisiensi = " ".join(efisiensi["kalimat"][:2])
    if ada_anggaran:
        kalimat_anggaran = (
            f"Untuk capaian dari aspek pembiayaan/penggunaan anggaran tahun {tahun}, {instansi} "
            f"mencapai serapan {_pct(a.serapan_persen)}, yaitu realisasi anggaran "
            f"{_rp(a.realisasi)} dari pagu anggaran sebesar {_rp(a.anggaran)}, dengan sisa "
            f"anggaran {_rp(a.efisiensi)} ({_pct(a.efisiensi_persen)})"
            + (", yang merupakan efisiensi karena seluruh target kinerja tercapai."
               if _sisa_efisien(h) else "."))
    else:
        kalimat_anggaran = ""
    lra_rows = _lra(h)
    ada_lra = bool(lra_rows)
    anggaran = {
        "ada": ada_anggaran, "pagu": a.anggaran, "realisasi": a.realisasi,
        "pagu_teks": _rp(a.anggaran), "realisasi_teks": _rp(a.realisasi),
        "serapan": _pct(a.serapan_persen), "efisiensi": _rp(a.efisiensi),
        "efisiensi_persen": _pct(a.efisiensi_persen),
        "kalimat_efisiensi": kalimat_efisiensi, "kalimat_kesimpulan": kalimat_anggaran,
        "program": programs,
    }
    lra = {"ada": ada_lra, "nomor": nomor("Tabel", "3") if ada_lra else "", "baris": lra_rows,
           "tahun_lalu": th1 or KOSONG}
    anggaran["nomor_tabel"] = nomor("Tabel", "3") if ada_anggaran else ""
    anggaran["nomor_gambar"] = nomor("Gambar", "3") if ada_anggaran else ""

    tanggal = pr.get("tanggal")
    ttd = {
        "tempat": _text(pr.get("tempat")),
        "tanggal": format_tanggal(tanggal) if isinstance(tanggal, _dt.date) else _text(tanggal),
        "jabatan": _text(pr.get("jabatan_kepala")),
        "nama": _text(pr.get("nama_kepala")),
        "pangkat": _text(pr.get("pangkat_kepala")),
        "nip": _text(pr.get("nip_kepala")),
    }
    ttd["tempat_tanggal"] = ", ".join(x for x in (ttd["tempat"], ttd["tanggal"]) if x)

    n_sasaran = len(sasaran)
    r = h.ringkas
    if semua and r is not None:
        ok = len(r.tercapai)
        kesimpulan_umum = (
            f"Dari {with_words(len(semua))} indikator kinerja, "
            + ("seluruhnya mencapai target." if ok == len(semua) else
               f"{with_words(ok)} mencapai target"
               + (f", {with_words(len(r.belum_tercapai))} belum mencapai target"
                  if r.belum_tercapai else "")
               + (f", dan capaian {with_words(len(r.tanpa_capaian))} indikator belum dapat "
                  "ditentukan" if r.tanpa_capaian else "") + "."))
    else:
        kesimpulan_umum = ""
    pemda = _text(pr.get("pemda"))
    return {
        "instansi": instansi, "instansi_kapital": instansi.upper(), "singkatan": singkatan,
        "pemda": pemda, "pemda_kapital": pemda.upper(), "pemerintah": _pemerintah(pemda),
        "kata_pengantar": _kata_pengantar(h, instansi, tahun, narasi, len(semua)),
        "ikhtisar": _ikhtisar(h, instansi, tahun, narasi, d),
        "cascading": cascading,
        "bab2": _bab2(h, instansi, tahun, narasi, cascading, n_sasaran, len(semua)),
        "gambar": gambar,
        "efisiensi": efisiensi,
        "reviu": _reviu(h, instansi, tahun, ttd["tempat"]),
        "kesimpulan_umum": kesimpulan_umum,
        "tahun": tahun if tahun is not None else KOSONG,
        "tahun_laporan": tahun if tahun is not None else KOSONG,
        "kesalahan": _kesalahan(p),
        "narasi": narasi,
        "pegawai": pegawai,
        "jumlah_sasaran": with_words(n_sasaran),
        "jumlah_indikator": with_words(len(semua)),
        "tabel_pk": tabel_pk,
        "tabel_iku": tabel_iku,
        "gambar_capaian_nomor": gambar_capaian,
        "ada_indikator": ada_indikator,
        "sasaran": sasaran,
        "indikator": semua,
        "riwayat": riwayat,
        "analisis": {"umum": umum, "naik": [i["perubahan"] for i in naik],
                     "turun": [i["perubahan"] for i in turun],
                     "tetap": [i["perubahan"] for i in tetap]},
        "renstra": renstra,
        "standar": standar,
        "pembanding": pembanding,
        "upaya": _kumpul("upaya"), "hambatan": _kumpul("hambatan"),
        "rencana": _kumpul("rencana"),
        "anggaran": anggaran,
        "lra": lra,
        "kesimpulan": [i["kesimpulan"] for i in semua],
        "ttd": ttd,
        "digits": d,
    }
