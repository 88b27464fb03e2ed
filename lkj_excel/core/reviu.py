"""The Inspektorat's reviu checklist (``lkj reviu``), pure: what a program can see in the
workbook of what the reviu of the LKj and the LKE (PermenPAN-RB 88/2021, component Pelaporan
Kinerja) ask. Each item is ``terpenuhi``, ``tidak terpenuhi`` or ``tidak dapat diperiksa``
(what the workbook cannot show, e.g. publication), says why, and where to look (sheet and
cells, and the report's section).

A comparison counts as present only with data: its absence explained (Narasi's Catatan
Standar Nasional, Catatan Pembanding) is an item of its own, so a reviewer sees both.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lkj_excel.core import schema
from lkj_excel.core.layout import profil_cell
from lkj_excel.core.model import norm
from lkj_excel.core.numbers import MonthDate, format_persen, format_rupiah, format_tanggal
from lkj_excel.core.temuan import KESALAHAN

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.compute import IndikatorResult
    from lkj_excel.core.engine import Checked

TERPENUHI = "terpenuhi"
TIDAK_TERPENUHI = "tidak terpenuhi"
TIDAK_DAPAT_DIPERIKSA = "tidak dapat diperiksa"
HASIL = (TERPENUHI, TIDAK_TERPENUHI, TIDAK_DAPAT_DIPERIKSA)
#: a pemda agency's LKj is due 3 months after the year ends (when Batas Penyampaian is empty)
BULAN_BATAS_UMUM = 3
#: at most this many names or cells listed in one item
MAX_LISTED = 8


@dataclass(frozen=True)
class ReviuItem:
    kode: str
    butir: str
    hasil: str
    keterangan: str
    lokasi: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"kode": self.kode, "butir": self.butir, "hasil": self.hasil,
                "keterangan": self.keterangan, "lokasi": list(self.lokasi)}


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" dan {len(items) - MAX_LISTED} lainnya" if len(items) > MAX_LISTED else "")


def _where(sheet: str, cells: list[str]) -> tuple[str, ...]:
    return tuple(f"{sheet}!{c}" for c in cells[:MAX_LISTED]) or (sheet,)


def _ok(ok: bool) -> str:
    return TERPENUHI if ok else TIDAK_TERPENUHI


def _iku_cell(ind: IndikatorResult, key: str) -> str:
    if ind.iku_row is not None:
        return f"IKU!{ind.iku_row.cell(key)}"
    return f"PK!{ind.pk_row.cell('kode_indikator')}" if ind.pk_row is not None else "IKU"


def _narasi(p: Checked, bagian: str) -> list[str]:
    return [t for k, items in p.result.narasi.items() if norm(k) == norm(bagian)
            for t in items if t and t.strip()]


def _narasi_cells(p: Checked, bagian: str) -> tuple[str, ...]:
    return tuple(f"Narasi!{r.cell('isi')}" for r in p.data.sheet("Narasi")
                 if norm(r["bagian"]) == norm(bagian))[:MAX_LISTED]


def _deadline(p: Checked) -> tuple[_dt.date | None, str]:
    """(the due date, where it comes from)."""
    st = p.result.settings
    if st.batas_penyampaian is not None:
        cell = st.cells.get("batas_penyampaian", "")
        return st.batas_penyampaian, f"Batas Penyampaian, Pengaturan!{cell}"
    tahun = p.data.tahun
    if tahun is None:
        return None, ""
    due = _dt.date(tahun + 1, BULAN_BATAS_UMUM, 31)
    return due, (f"Batas Penyampaian tidak diisi; dipakai batas umum {BULAN_BATAS_UMUM} bulan "
                 f"setelah tahun berakhir ({format_tanggal(due)})")


def reviu(p: Checked) -> list[ReviuItem]:
    """The checklist for one checked workbook, in the reviu's order."""
    h = p.result
    inds = h.indikator
    items: list[ReviuItem] = []
    add = items.append
    tahun = p.data.tahun

    # 1. the PK and every indicator's target and realisasi --------------------------------
    if not inds:
        add(ReviuItem("perjanjian-kinerja", "LKj memuat Perjanjian Kinerja: sasaran "
                      "strategis, indikator kinerja dan target", TIDAK_TERPENUHI,
                      "Lembar PK kosong.", ("PK",)))
    else:
        add(ReviuItem("perjanjian-kinerja", "LKj memuat Perjanjian Kinerja: sasaran "
                      "strategis, indikator kinerja dan target", TERPENUHI,
                      f"{len(h.sasaran())} sasaran strategis, {len(inds)} indikator kinerja.",
                      ("PK", "Laporan: Bab II 2.1 dan Lampiran")))
    missing, cells = [], []
    for ind in inds:
        lacks = []
        if ind.target is None:
            lacks.append("target")
            cells.append(f"PK!{ind.pk_row.cell('target')}" if ind.pk_row else "PK")
        if ind.realisasi is None:
            lacks.append("realisasi")
            cells.append(_iku_cell(ind, "realisasi"))
        elif ind.capaian is None and ind.tercapai is None and ind.target is not None:
            lacks.append(f"capaian ({ind.capaian_catatan or 'tidak dapat dihitung'})")
            cells.append(_iku_cell(ind, "capaian"))
        if lacks:
            missing.append(f"{ind.kode} ({', '.join(lacks)})")
    add(ReviuItem(
        "target-realisasi", "Setiap indikator Perjanjian Kinerja memiliki target dan "
        "realisasi, dan capaiannya dapat dihitung", _ok(bool(inds) and not missing),
        (f"Semua {len(inds)} indikator memiliki target, realisasi dan capaian." if inds and
         not missing else f"Belum lengkap: {_listed(missing)}." if missing else
         "Tidak ada indikator."),
        tuple(cells[:MAX_LISTED]) or ("PK", "IKU", "Laporan: Bab III 3.1")))

    # 2. comparisons ---------------------------------------------------------------------
    earlier = [i for i in inds if any(tahun is None or t < tahun for t, _ in i.riwayat)]
    no_history = [i.kode for i in inds if i not in earlier]
    add(ReviuItem(
        "tahun-sebelumnya", "Realisasi dibandingkan dengan realisasi tahun-tahun sebelumnya",
        _ok(bool(inds) and not no_history),
        (f"Riwayat tahun sebelumnya ada untuk semua {len(inds)} indikator." if inds and
         not no_history else f"Tanpa data tahun sebelumnya: {_listed(no_history)}."),
        ("Riwayat", "Laporan: Bab III 3.1.b")))
    renstra_sheet = {norm(r["kode_indikator"]) for r in p.data.sheet("Target Renstra")
                     if r["target"] is not None}
    no_renstra = [i.kode for i in inds
                  if i.target_renstra is None and norm(i.kode) not in renstra_sheet]
    add(ReviuItem(
        "target-renstra", "Realisasi dibandingkan dengan target jangka menengah (Renstra)",
        _ok(bool(inds) and not no_renstra),
        (f"Target Renstra ada untuk semua {len(inds)} indikator." if inds and not no_renstra
         else f"Tanpa target Renstra: {_listed(no_renstra)}."),
        ("IKU (kolom Target Akhir Renstra)", "Target Renstra", "Laporan: Bab III 3.1.c")))
    no_standar = [i.kode for i in inds if i.standar_nasional is None]
    add(ReviuItem(
        "standar-nasional", "Realisasi dibandingkan dengan standar nasional",
        _ok(bool(inds) and not no_standar),
        (f"Standar nasional ada untuk semua {len(inds)} indikator." if inds and not no_standar
         else f"Tanpa standar nasional: {_listed(no_standar)}."),
        ("IKU (kolom Standar Nasional)", "Laporan: Bab III 3.1.d")))
    no_pemb = [i.kode for i in inds if not any(r is not None for _, r in i.pembanding)]
    add(ReviuItem(
        "daerah-lain", "Realisasi dibandingkan dengan daerah lain atau acuan lain",
        _ok(bool(inds) and not no_pemb),
        (f"Data pembanding ada untuk semua {len(inds)} indikator." if inds and not no_pemb
         else f"Tanpa nilai pembanding: {_listed(no_pemb)}."),
        ("Pembanding", "Laporan: Bab III 3.1.e")))
    absent = []  # (what, explained, where)
    if no_history:
        absent.append(("tahun sebelumnya", False, ()))
    if no_renstra:
        absent.append(("target Renstra", False, ()))
    if no_standar:
        absent.append(("standar nasional", bool(_narasi(p, "Catatan Standar Nasional")),
                       _narasi_cells(p, "Catatan Standar Nasional")))
    if no_pemb:
        absent.append(("daerah lain", bool(_narasi(p, "Catatan Pembanding")),
                       _narasi_cells(p, "Catatan Pembanding")))
    unexplained = [w for w, ok, _ in absent if not ok]
    explained = [w for w, ok, _ in absent if ok]
    if not absent:
        text = "Semua perbandingan tersedia; tidak ada yang perlu dijelaskan."
    elif unexplained:
        text = (f"Tidak dijelaskan mengapa perbandingan dengan {', '.join(unexplained)} tidak "
                "tersedia (Narasi: Catatan Standar Nasional, Catatan Pembanding; untuk tahun "
                "sebelumnya dan Renstra di kolom Analisis IKU)"
                + (f"; dijelaskan: {', '.join(explained)}." if explained else "."))
    else:
        text = f"Ketiadaan perbandingan dengan {', '.join(explained)} dijelaskan di Narasi."
    add(ReviuItem(
        "ketiadaan-dijelaskan", "Perbandingan yang datanya tidak tersedia dijelaskan alasannya",
        _ok(not unexplained), text,
        tuple(c for _, _, cs in absent for c in cs) or ("Narasi",)))

    # 3. analysis ------------------------------------------------------------------------
    parts = {"upaya": "Upaya", "hambatan": "Hambatan", "rencana": "Rencana Tindak Lanjut"}
    empty_cols = [label for key, label in parts.items()
                  if not any((getattr(i, key) or "").strip() for i in inds)]
    below = [i for i in inds if i.capaian is not None and i.capaian < 100]
    below_missing = []
    for i in below:
        lacks = [label for key, label in parts.items() if not (getattr(i, key) or "").strip()]
        if lacks:
            below_missing.append(f"{i.kode} ({', '.join(lacks)})")
    ok = bool(inds) and not empty_cols and not below_missing
    if ok:
        text = ("Upaya, hambatan dan rencana tindak lanjut diisi"
                + (f"; juga untuk {len(below)} indikator di bawah target." if below else "."))
    else:
        bits = []
        if empty_cols:
            bits.append(f"kolom {', '.join(empty_cols)} kosong untuk semua indikator")
        if below_missing:
            bits.append(f"indikator di bawah target tanpa analisis lengkap: "
                        f"{_listed(below_missing)}")
        text = ("Belum: " + "; ".join(bits) + ".") if bits else "Tidak ada indikator."
    add(ReviuItem(
        "upaya-hambatan-rtl", "Upaya, hambatan dan rencana tindak lanjut diuraikan", _ok(ok),
        text, ("IKU (kolom Upaya, Hambatan, Rencana Tindak Lanjut)", "Laporan: Bab III 3.2")))

    # 4. budget --------------------------------------------------------------------------
    programs = h.anggaran.program
    by_sasaran = {norm(g.kode_sasaran) for g in programs if g.kode_sasaran and g.anggaran}
    sasaran = [(k, nama) for k, nama, _ in h.sasaran()]
    unlinked = [k for k, _ in sasaran if norm(k) not in by_sasaran]
    add(ReviuItem(
        "sasaran-program", "Setiap sasaran strategis terkait dengan program dan anggarannya",
        _ok(bool(sasaran) and not unlinked),
        (f"Semua {len(sasaran)} sasaran memiliki program beranggaran (kolom Kode Sasaran di "
         "lembar Anggaran)." if sasaran and not unlinked else
         f"Sasaran tanpa program beranggaran: {_listed(unlinked)}." if unlinked else
         "Tidak ada sasaran."),
        ("Anggaran (kolom Kode Sasaran)", "Laporan: Bab II 2.2 dan Bab III 3.4")))
    no_real = [g.program for g in programs if g.realisasi is None]
    analisis = _narasi(p, "Analisis Efisiensi")
    if programs and not no_real:
        a = h.anggaran
        text = (f"Efisiensi {format_rupiah(a.efisiensi)} "
                f"({format_persen(a.efisiensi_persen or 0, 2)} dari pagu) dihitung dari "
                "realisasi setiap program" + (" dan dianalisis di Narasi (Analisis Efisiensi)."
                                              if analisis else "."))
    elif not programs:
        text = "Lembar Anggaran kosong: efisiensi tidak dapat dianalisis."
    else:
        text = f"Realisasi program belum diisi: {_listed(no_real)}."
    add(ReviuItem(
        "efisiensi", "Efisiensi penggunaan sumber daya dianalisis",
        _ok(bool(programs) and not no_real), text,
        ("Anggaran (kolom Realisasi)", *(_narasi_cells(p, "Analisis Efisiensi")),
         "Laporan: Bab III 3.3")))

    # 5. RPJMD ---------------------------------------------------------------------------
    cascading = {norm(r["kode_sasaran"]) for r in p.data.sheet("Cascading")
                 if r["kode_sasaran"] and (r["sasaran_rpjmd"] or r["misi"] or r["tujuan"])}
    no_rpjmd = [k for k, _ in sasaran if norm(k) not in cascading]
    add(ReviuItem(
        "rpjmd", "Keterkaitan sasaran strategis dengan RPJMD (cascading) disajikan",
        _ok(bool(sasaran) and not no_rpjmd),
        (f"Semua {len(sasaran)} sasaran terhubung dengan RPJMD." if sasaran and not no_rpjmd
         else f"Sasaran tanpa baris Cascading (Misi, Tujuan atau Sasaran RPJMD): "
              f"{_listed(no_rpjmd)}."),
        ("Cascading", "Laporan: Bab II dan Bab III")))

    # 6. quarters ------------------------------------------------------------------------
    tw = h.triwulan
    if tw is None or not tw.ada_indikator:
        add(ReviuItem("triwulan", "Capaian kinerja dipantau per triwulan (Rencana Aksi)",
                      TIDAK_TERPENUHI, "Lembar Triwulan kosong.", ("Triwulan",)))
    else:
        gaps = [f"{it.kode} TW {q.triwulan}" for it in tw.indikator for q in it.quarters
                if q.realisasi is None]
        add(ReviuItem(
            "triwulan", "Capaian kinerja dipantau per triwulan (Rencana Aksi)", _ok(not gaps),
            ("Target dan realisasi keempat triwulan ada untuk semua indikator." if not gaps
             else f"Realisasi triwulan belum ada: {_listed(gaps)}."),
            ("Triwulan", "Anggaran Triwulan")))

    # 7. the report's dates and the reviu ---------------------------------------------------
    due, source = _deadline(p)
    tanggal = h.profil.get("tanggal")
    cell = f"Profil!{p.data.profil_cells.get('tanggal') or profil_cell('tanggal')}"
    where = (cell, *((f"Pengaturan!{h.settings.cells['batas_penyampaian']}",)
                     if "batas_penyampaian" in h.settings.cells else ()))
    butir = "LKj ditandatangani paling lambat pada Batas Penyampaian"
    if not isinstance(tanggal, _dt.date) or due is None:
        add(ReviuItem("tepat-waktu", butir, TIDAK_DAPAT_DIPERIKSA,
                      "Tanggal Laporan di Profil kosong." if not isinstance(tanggal, _dt.date)
                      else "Tahun di Profil kosong dan Batas Penyampaian tidak diisi.", where))
    elif isinstance(tanggal, MonthDate) and (tanggal.year, tanggal.month) == (due.year,
                                                                            due.month):
        add(ReviuItem("tepat-waktu", butir, TIDAK_DAPAT_DIPERIKSA,
                      f"Tanggal Laporan hanya bulan ({format_tanggal(tanggal)}), bulan yang "
                      f"sama dengan batas {format_tanggal(due)}; {source}.", where))
    else:
        on_time = tanggal <= due  # a month-only date: its first day, in another month
        add(ReviuItem("tepat-waktu", butir, _ok(on_time),
                      f"Tanggal Laporan {format_tanggal(tanggal)}, batas {format_tanggal(due)} "
                      f"({source}): " + ("tepat waktu." if on_time else "terlambat."), where))
    reviu_keys = ("nama_inspektur", "nip_inspektur", "jabatan_inspektur", "tanggal_reviu")
    empty = [f for f in schema.PROFIL_FIELDS
             if f.key in reviu_keys and h.profil.get(f.key) in (None, "")]
    cells = tuple(f"Profil!{p.data.profil_cells.get(f.key) or profil_cell(f.key)}"
                  for f in schema.PROFIL_FIELDS if f.key in reviu_keys)
    add(ReviuItem(
        "pernyataan-reviu", "Pernyataan Telah Direviu oleh Inspektorat ada", _ok(not empty),
        ("Nama, NIP dan jabatan Inspektur serta Tanggal Reviu diisi"
         + (f" ({format_tanggal(h.profil['tanggal_reviu'])})." if isinstance(
             h.profil.get("tanggal_reviu"), _dt.date) else ".") if not empty else
         f"Belum diisi di Profil: {', '.join(f.label for f in empty)}."), cells))
    errors = [f for f in p.temuan if f.tingkat == KESALAHAN]
    add(ReviuItem(
        "tanpa-kesalahan", "Tidak ada kesalahan tersisa pada data LKj (lkj periksa)",
        _ok(not errors),
        ("Tidak ada temuan tingkat kesalahan." if not errors else
         f"{len(errors)} kesalahan, antara lain: "
         + "; ".join(f"{f.lembar}!{f.sel} {f.pesan}" for f in errors[:3])),
        tuple(f"{f.lembar}!{f.sel}" for f in errors[:MAX_LISTED]) or ("Validasi",)))

    # 8. what the workbook cannot show -------------------------------------------------------
    add(ReviuItem("publikasi", "LKj dipublikasikan tepat waktu (situs web instansi, aplikasi "
                  "e-SAKIP)", TIDAK_DAPAT_DIPERIKSA,
                  "Tidak tercatat di buku kerja: periksa situs web instansi atau aplikasi "
                  "e-SAKIP.", ("Situs web instansi",)))
    add(ReviuItem("pemanfaatan", "Informasi kinerja dalam LKj dimanfaatkan untuk perbaikan "
                  "perencanaan dan penganggaran", TIDAK_DAPAT_DIPERIKSA,
                  "Tidak tercatat di buku kerja: periksa Renja dan RKA tahun berikutnya.",
                  ("Renja / RKA tahun berikutnya",)))
    return items


def counts(items: list[ReviuItem]) -> dict[str, int]:
    return {h: sum(1 for i in items if i.hasil == h) for h in HASIL}


def ringkas(items: list[ReviuItem]) -> str:
    c = counts(items)
    return (f"{c[TERPENUHI]} terpenuhi, {c[TIDAK_TERPENUHI]} tidak terpenuhi, "
            f"{c[TIDAK_DAPAT_DIPERIKSA]} tidak dapat diperiksa")
