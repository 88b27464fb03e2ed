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

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.compute import IndikatorResult, Result
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


def nilai(value: Decimal | None, satuan: str, digits: int, fixed: bool = True) -> str:
    """A value of an indicator with its unit: ``96%``, ``3,5 indeks``; ``-`` when absent."""
    if value is None:
        return KOSONG
    sat = (satuan or "").strip()
    if sat == schema.SATUAN_PERSEN:
        return format_persen(value, digits, fixed)
    body = format_angka(value, digits, fixed)
    return f"{body} {sat}" if sat else body


def _input(value: Decimal | None, satuan: str) -> str:
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
    seri = ", ".join(parts[:-1]) + f" dan {parts[-1]}" if len(parts) > 1 else parts[0]
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
        return ind.capaian_catatan or KOSONG
    return format_persen(ind.capaian_bulat, digits)


def _capaian_predikat(ind: IndikatorResult, digits: int) -> str:
    teks = _capaian_teks(ind, digits)
    return f"{teks} ({ind.predikat})" if ind.predikat else teks


# ---------------------------------------------------------------------------
# Parts
# ---------------------------------------------------------------------------

def _indikator(ind: IndikatorResult, h: Result, tahun: int | None, nomor: _Numbering,
               no: int) -> dict[str, Any]:
    d = h.settings.desimal
    target = _input(ind.target, ind.satuan)
    realisasi = nilai(ind.realisasi_bulat, ind.satuan, d)
    cap = _capaian_teks(ind, d)
    handled = [k for k in ind.kejadian if k["status"] in schema.STATUS_TERTANGANI]
    kejadian = []
    for i, k in enumerate(ind.kejadian, 1):
        uraian = _text(k["uraian"])
        extra = []
        tgl = k["tanggal"]
        if isinstance(tgl, _dt.date):
            extra.append(format_tanggal(tgl))
        lokasi = _text(k["lokasi"])
        if lokasi and lokasi.casefold() not in uraian.casefold():
            extra.append(lokasi)
        if k["status"]:
            extra.append(f"status: {_text(k['status'])}")
        if k["keterangan"]:
            extra.append(_text(k["keterangan"]))
        kejadian.append({"no": i, "uraian": uraian, "status": _text(k["status"]),
                         "lokasi": lokasi, "keterangan": _text(k["keterangan"]),
                         "teks": f"{uraian} ({'; '.join(extra)})" if extra else uraian})
    if ind.kejadian:
        kalimat_kejadian = (
            f"Pada tahun {tahun} tercatat {with_words(len(ind.kejadian))} kejadian atau kegiatan "
            f"yang dihitung oleh indikator ini; {with_words(len(handled))} di antaranya "
            f"berstatus tertangani (Selesai atau Ditangani), yaitu:")
    else:
        kalimat_kejadian = ""
    if ind.capaian_bulat is not None:
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
        "renstra": _input(ind.target_renstra, ind.satuan),
        "capaian_renstra": KOSONG if ind.capaian_renstra_bulat is None
        else format_persen(ind.capaian_renstra_bulat, d),
        "standar": _input(ind.standar_nasional, ind.satuan),
        "perubahan": sentence_year_change(ind, tahun, d),
        "arah": ind.year_change.arah if ind.year_change else "",
        "riwayat_kalimat": sentence_riwayat(ind, tahun, d),
        "kesimpulan": (
            f"Indikator kinerja {ind.indikator}: realisasi {realisasi} dari target {target}, "
            f"capaian kinerjanya {_capaian_predikat(ind, d)}."),
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
    if kind == "number":
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

    # Bab II
    tabel_pk = nomor("Tabel", "2")
    programs = _program(h)

    # Bab III: summary table, then per sasaran, then figure and comparisons
    tabel_iku = nomor("Tabel", "3")
    sasaran = []
    semua: list[dict[str, Any]] = []
    for s_no, (kode, nama, inds) in enumerate(h.sasaran(), 1):
        items = []
        for ind in inds:
            item = _indikator(ind, h, tahun_i, nomor, len(semua) + 1)
            item["sasaran_no"] = s_no
            item["sasaran_pertama"] = not items
            items.append(item)
            semua.append(item)
        sasaran.append({"no": s_no, "romawi": roman(s_no), "kode": kode, "nama": _text(nama),
                        "indikator": items})
    ada_indikator = bool(semua)
    gambar_capaian = nomor("Gambar", "3") if ada_indikator else ""

    # comparison with the two earlier years
    th1 = tahun_i - 1 if tahun_i else None
    th2 = tahun_i - 2 if tahun_i else None
    ada_riwayat = any(ind.riwayat for ind in h.indikator)
    riwayat_baris = []
    for ind, item in zip(h.indikator, semua, strict=True):
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
    ada_renstra = any(ind.target_renstra is not None for ind in h.indikator)
    renstra = {"ada": ada_renstra, "nomor": nomor("Tabel", "3") if ada_renstra else "",
               "baris": [{"indikator": i["nama"], "realisasi": i["realisasi"],
                          "target": i["renstra"], "capaian": i["capaian_renstra"]}
                         for i in semua]}
    standar_catatan = narasi["catatan_standar_nasional"]
    if not standar_catatan and not any(ind.standar_nasional is not None for ind in h.indikator):
        standar_catatan = ["Standar nasional untuk indikator-indikator ini belum tersedia, "
                           "sehingga perbandingan dengan standar nasional belum dapat "
                           "dilakukan."]
    standar = {"nomor": nomor("Tabel", "3") if ada_indikator else "",
               "baris": [{"indikator": i["nama"], "realisasi": i["realisasi"],
                          "standar": i["standar"]} for i in semua],
               "catatan": standar_catatan}
    pemb_baris = []
    ada_pemb = any(ind.pembanding for ind in h.indikator)
    for ind, item in zip(h.indikator, semua, strict=True):
        # every PK indicator: one without Pembanding rows shows "-" (and has a finding)
        for nama_p, r in ind.pembanding or ([(None, None)] if ada_pemb else []):
            pemb_baris.append({"indikator": item["nama"], "realisasi": item["realisasi"],
                               "pembanding": _text(nama_p) or KOSONG,
                               "nilai": _input(r, ind.satuan)})
    pembanding = {"ada": ada_pemb, "nomor": nomor("Tabel", "3") if ada_pemb else "",
                  "baris": pemb_baris, "catatan": narasi["catatan_pembanding"]}

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
    if ada_anggaran:
        kalimat_efisiensi = (
            f"Efisiensi atas penggunaan anggaran tersebut adalah sebesar "
            f"{_pct(a.efisiensi_persen)} atau {_rp(a.efisiensi)}. Program dan kegiatan dapat "
            f"terlaksana dengan serapan anggaran {_rp(a.realisasi)} atau "
            f"{_pct(a.serapan_persen)} dari pagu anggaran sebesar {_rp(a.anggaran)}.")
        kalimat_anggaran = (
            f"Untuk capaian dari aspek pembiayaan/penggunaan anggaran tahun {tahun}, {instansi} "
            f"mencapai serapan {_pct(a.serapan_persen)}, yaitu realisasi anggaran "
            f"{_rp(a.realisasi)} dari pagu anggaran sebesar {_rp(a.anggaran)}, dengan "
            f"efisiensi {_rp(a.efisiensi)} ({_pct(a.efisiensi_persen)}).")
    else:
        kalimat_efisiensi = ("Data anggaran (lembar Anggaran) belum diisi sehingga efisiensi "
                             "penggunaan anggaran belum dapat dianalisis.")
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
    return {
        "instansi": instansi, "instansi_kapital": instansi.upper(), "singkatan": singkatan,
        "pemda": _text(pr.get("pemda")), "pemda_kapital": _text(pr.get("pemda")).upper(),
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
