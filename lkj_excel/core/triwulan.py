"""Quarters (pure): each indicator's realisasi and capaian per triwulan, the programs'
cumulative budget realisation per triwulan, and their checks.

Rules (the contract's Additions, ``../shared/spec/workbook-contract.md``):
- a Triwulan row's realisasi is Pembilang / Penyebut (x 100 for satuan %) when both are
  given, else its typed Realisasi; its capaian is computed against the row's own Target with
  the indicator's polarity and the Pengaturan settings, through ``compute.capaian`` (the same
  function as the year's capaian), and shown in the sheet's computed columns;
- several rows of one indicator and quarter are several Rencana Aksi lines: the quarter's
  Target and Realisasi are those of the row that gives them (two rows giving different values
  is a finding);
- Triwulan IV is the year's value: when it differs from the IKU realisasi (as shown, at the
  Desimal setting) that is a finding; a quarter that has ended without realisasi is one too
  (only in a workbook that keeps quarters at all);
- Anggaran Triwulan holds each program's cumulative realisation at the end of the quarter:
  it may not go down, nor exceed the program's Anggaran.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.compute import (
    TIDAK_DAPAT_DIHITUNG,
    IndikatorResult,
    ProgramResult,
    Result,
    capaian,
    percent,
    predikat,
    realisasi_from,
)
from lkj_excel.core.model import Row, WorkbookData, norm
from lkj_excel.core.numbers import format_angka, format_tanggal, round_half_up
from lkj_excel.core.temuan import Temuan, new_temuan
from lkj_excel.core.validate import _num as shown_num
from lkj_excel.core.validate import _same

TRIWULAN = schema.TRIWULAN
SHEET = schema.TRIWULAN_SHEET.name
SHEET_ANGGARAN = schema.ANGGARAN_TRIWULAN.name
#: (month, day) each quarter ends
QUARTER_END = {"I": (3, 31), "II": (6, 30), "III": (9, 30), "IV": (12, 31)}
TOLERANSI_RUPIAH = Decimal("0.005")


def quarter_number(tw: str) -> int:
    """``"III"`` -> 3."""
    return TRIWULAN.index(tw) + 1


def quarter_end(tahun: int, tw: str) -> _dt.date:
    m, d = QUARTER_END[tw]
    return _dt.date(tahun, m, d)


def _num(d: Decimal | None, digits: int = 2) -> str:
    return "-" if d is None else format_angka(d, digits, fixed=False)


def _rp(d: Decimal) -> str:
    return "Rp " + format_angka(d, 2)


# ---------------------------------------------------------------------------
# One row (what the sheet's computed columns show)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RowValues:
    """The computed cells of one Triwulan row."""

    realisasi: Decimal | None
    #: "pembilang-penyebut", "input" or None (nothing to read)
    sumber: str | None
    capaian: Decimal | None
    capaian_catatan: str | None

    @property
    def realisasi_tampil(self) -> Decimal | str | None:
        if self.realisasi is None and self.sumber == "pembilang-penyebut":
            return TIDAK_DAPAT_DIHITUNG  # Penyebut 0
        return self.realisasi


def row_realisasi(row: Row, satuan: str) -> tuple[Decimal | None, str | None]:
    """(realisasi, sumber) of one Triwulan row: Pembilang / Penyebut when both are given
    (None for Penyebut 0), else the typed Realisasi."""
    v = row.values
    p, q = v.get("pembilang"), v.get("penyebut")
    if p is not None and q is not None:
        return realisasi_from(p, q, satuan), "pembilang-penyebut"
    if v.get("realisasi") is not None:
        return v["realisasi"], "input"
    return None, None


def _capaian(target: Decimal | None, real: Decimal | None, sumber: str | None,
             polaritas: str, data: WorkbookData) -> tuple[Decimal | None, str | None]:
    """(capaian rounded as shown, note) through the core's capaian function."""
    st = data.settings
    res = capaian(target, real, polaritas, st.rumus_negatif, st.batas_atas)
    if res.nilai is not None:
        return round_half_up(res.nilai, st.desimal), None
    if sumber == "pembilang-penyebut" and real is None and target is not None:
        return None, TIDAK_DAPAT_DIHITUNG  # Penyebut 0
    return None, res.alasan


def row_values(row: Row, pk: Row | None, data: WorkbookData) -> RowValues:
    """What the row's computed columns must show (``formulas.triwulan_formulas``)."""
    satuan = (pk["satuan"] or "") if pk is not None else ""
    polaritas = (pk["polaritas"] or "Positif") if pk is not None else "Positif"
    real, sumber = row_realisasi(row, satuan)
    cap, note = _capaian(row["target"], real, sumber, polaritas, data)
    return RowValues(real, sumber, cap, note)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

@dataclass(slots=True)
class QuarterResult:
    """One indicator in one quarter."""

    triwulan: str
    target: Decimal | None = None
    realisasi: Decimal | None = None
    realisasi_bulat: Decimal | None = None
    sumber: str | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    capaian: Decimal | None = None  # rounded as shown (Desimal)
    capaian_catatan: str | None = None
    predikat: str = ""
    rencana_aksi: list[str] = field(default_factory=list)
    keterangan: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    target_row: Row | None = None
    realisasi_row: Row | None = None

    @property
    def nomor(self) -> int:
        return quarter_number(self.triwulan)

    @property
    def ada(self) -> bool:
        return bool(self.rows)

    @property
    def capaian_tampil(self) -> Decimal | str | None:
        if self.capaian is not None:
            return self.capaian
        return TIDAK_DAPAT_DIHITUNG if self.capaian_catatan == TIDAK_DAPAT_DIHITUNG else None


@dataclass(slots=True)
class IndikatorTriwulan:
    kode: str
    indikator: IndikatorResult
    quarters: list[QuarterResult]

    def quarter(self, n: int | str) -> QuarterResult:
        i = n - 1 if isinstance(n, int) else quarter_number(n) - 1
        return self.quarters[i]

    @property
    def ada(self) -> bool:
        return any(q.ada for q in self.quarters)


@dataclass(slots=True)
class ProgramTriwulan:
    program: str
    kode_sasaran: str
    anggaran: Decimal | None
    #: cumulative realisation by quarter ("I".."IV"), None where not given
    realisasi: dict[str, Decimal | None]
    rows: dict[str, Row] = field(default_factory=dict)
    program_result: ProgramResult | None = None

    def serapan(self, tw: str) -> Decimal | None:
        r = self.realisasi.get(tw)
        value = percent(r, self.anggaran)
        return None if value is None else round_half_up(value, 2)

    def sampai(self, n: int) -> tuple[str, Decimal] | None:
        """(quarter, realisation) of the latest quarter up to ``n`` that has a value."""
        for tw in reversed(TRIWULAN[:n]):
            if self.realisasi.get(tw) is not None:
                return tw, self.realisasi[tw]  # type: ignore[return-value]
        return None


@dataclass
class TriwulanResult:
    indikator: list[IndikatorTriwulan] = field(default_factory=list)
    anggaran: list[ProgramTriwulan] = field(default_factory=list)

    @property
    def ada(self) -> bool:
        """True when the workbook keeps quarters at all."""
        return any(i.ada for i in self.indikator) or any(
            any(v is not None for v in p.realisasi.values()) for p in self.anggaran)

    @property
    def ada_indikator(self) -> bool:
        return any(i.ada for i in self.indikator)

    @property
    def ada_anggaran(self) -> bool:
        return any(any(v is not None for v in p.realisasi.values()) for p in self.anggaran)

    def anggaran_total(self, n: int) -> tuple[Decimal, Decimal | None, Decimal | None]:
        """(anggaran, realisation up to quarter ``n``, serapan %) over the programs that
        report quarters (a program without any quarter is left out of both sums)."""
        total_a = Decimal(0)
        total_r: Decimal | None = None
        for p in self.anggaran:
            got = p.sampai(n)
            if got is None or p.anggaran is None:
                continue
            total_a += p.anggaran
            total_r = (total_r or Decimal(0)) + got[1]
        s = percent(total_r, total_a)
        return total_a, total_r, None if s is None else round_half_up(s, 2)


def _rows_by(rows: list[Row], key: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        k = norm(row[key])
        if k:
            out[k].append(row)
    return out


def compute_quarter(tw: str, rows: list[Row], ind: IndikatorResult, data: WorkbookData,
                    satuan: str | None = None) -> QuarterResult:
    q = QuarterResult(triwulan=tw, rows=rows)
    if not rows:
        q.capaian_catatan = "target atau realisasi belum ada"
        return q
    if satuan is None:
        satuan = ind.satuan
    for row in rows:
        v = row.values  # (the hot path: plain dict reads)
        if v.get("rencana_aksi"):
            q.rencana_aksi.append(v["rencana_aksi"])
        if v.get("keterangan"):
            q.keterangan.append(v["keterangan"])
        if q.target_row is None and v.get("target") is not None:
            q.target_row, q.target = row, v["target"]
        if q.realisasi_row is None:
            real, sumber = row_realisasi(row, satuan)
            if sumber is not None:
                q.realisasi_row, q.realisasi, q.sumber = row, real, sumber
                q.pembilang, q.penyebut = v.get("pembilang"), v.get("penyebut")
    if q.realisasi is not None:
        q.realisasi_bulat = round_half_up(q.realisasi, data.settings.desimal)
    q.capaian, q.capaian_catatan = _capaian(q.target, q.realisasi, q.sumber, ind.polaritas,
                                            data)
    q.predikat = predikat(q.capaian, data.settings.skala)
    return q


def compute_triwulan(data: WorkbookData, result: Result) -> TriwulanResult:
    """Every PK indicator's four quarters and every program's quarters (pure)."""
    by_kode = _rows_by(data.sheet(SHEET), "kode_indikator")
    out = TriwulanResult()
    for ind in result.indikator:
        rows = by_kode.get(norm(ind.kode), [])
        per_tw: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            tw = row.values.get("triwulan")
            if tw in QUARTER_END:
                per_tw[tw].append(row)
        satuan = ind.satuan if rows else ""
        out.indikator.append(IndikatorTriwulan(
            ind.kode, ind, [compute_quarter(tw, per_tw.get(tw, []), ind, data, satuan)
                            for tw in TRIWULAN]))
    by_program = _rows_by(data.sheet(SHEET_ANGGARAN), "program")
    for prog in result.anggaran.program:
        rows = by_program.get(norm(prog.program), [])
        pt = ProgramTriwulan(prog.program, prog.kode_sasaran, prog.anggaran,
                             {tw: None for tw in TRIWULAN}, program_result=prog)
        for row in rows:
            tw = row["triwulan"]
            if tw in TRIWULAN and tw not in pt.rows:
                pt.rows[tw] = row
                pt.realisasi[tw] = row["realisasi"]
        out.anggaran.append(pt)
    return out


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def check_rows(data: WorkbookData, berkas: str) -> list[Temuan]:
    """Row by row: Pembilang/Penyebut, and computed cells holding something else."""
    out: list[Temuan] = []
    pk_by = {norm(r["kode_indikator"]): r for r in reversed(data.pk) if r["kode_indikator"]}
    d = data.settings.desimal
    for row in data.sheet(SHEET):
        p, q = row["pembilang"], row["penyebut"]
        if (p is None) != (q is None):
            missing = "penyebut" if q is None else "pembilang"
            out.append(new_temuan(
                "wajib-diisi", SHEET, row.cell(missing),
                f"Triwulan {row['triwulan'] or '?'} indikator {row['kode_indikator']}: "
                f"Pembilang dan Penyebut harus diisi keduanya atau dikosongkan keduanya; "
                f"{missing.capitalize()} masih kosong.", berkas))
        if q is not None and q == 0:
            out.append(new_temuan(
                "penyebut-nol", SHEET, row.cell("penyebut"),
                f"Triwulan {row['triwulan'] or '?'} indikator {row['kode_indikator']}: "
                "Penyebut 0, realisasi tidak dapat dihitung. Isi Penyebut dengan jumlah yang "
                "benar.", berkas))
        if not row.computed or row.text_numbers:
            continue  # Excel's formulas skip text numbers: reported as angka-sebagai-teks
        pk = pk_by.get(norm(row["kode_indikator"]))
        if pk is not None and pk.text_numbers:
            continue
        v = row_values(row, pk, data)
        cap: Any = v.capaian if v.capaian is not None else (
            v.capaian_catatan if v.capaian_catatan == TIDAK_DAPAT_DIHITUNG else None)
        expected = {"realisasi_dihitung": (v.realisasi_tampil, "Realisasi Dihitung", 4),
                    "capaian": (cap, "Capaian", d)}
        for key, shown in row.computed.items():
            if key not in expected:
                continue
            exp, label, digits = expected[key]
            exp = exp if exp is not None else ""
            if _same(shown, exp, digits):
                continue
            exp_txt = shown_num(exp, digits) if isinstance(exp, Decimal) else (exp or "kosong")
            out.append(new_temuan(
                "diketik-manual", SHEET, row.cell(key),
                f"{label} di sel ini berisi \"{shown}\", padahal hasil hitungnya {exp_txt}. "
                "Sel ini dihitung otomatis: hapus isian manualnya atau kembalikan rumus dari "
                "templat.", berkas))
    return out


def check_quarters(data: WorkbookData, tw: TriwulanResult, berkas: str,
                   today: _dt.date | None = None) -> list[Temuan]:
    out: list[Temuan] = []
    if not tw.ada:  # a workbook without quarters: nothing to check
        return out
    d = data.settings.desimal
    tahun = data.tahun
    today = today or _dt.date.today()
    keeps_quarters = tw.ada_indikator
    for it in tw.indikator:
        ind = it.indikator
        for q in it.quarters:
            for key, label, chosen in (("target", "Target", q.target_row),
                                       ("realisasi", "Realisasi", q.realisasi_row)):
                if chosen is None:
                    continue
                first = chosen[key] if key == "target" else q.realisasi
                for row in q.rows:
                    if row is chosen:
                        continue
                    if key == "target":
                        other = row["target"]
                    else:
                        other, sumber = row_realisasi(row, ind.satuan)
                        if sumber is None:
                            continue
                    if other is None or first is None:
                        continue
                    if round_half_up(other, 4) != round_half_up(first, 4):
                        cell = row.cell("target" if key == "target" else (
                            "penyebut" if row["pembilang"] is not None
                            and row["penyebut"] is not None else "realisasi"))
                        out.append(new_temuan(
                            "triwulan-ganda", SHEET, cell,
                            f"Indikator {ind.kode} Triwulan {q.triwulan}: {label} "
                            f"{_num(other)} di baris {row.row} berbeda dengan {_num(first)} di "
                            f"baris {chosen.row}. Isi {label} triwulan ini pada satu baris "
                            "saja (baris lain cukup Rencana Aksi).", berkas))
        iv = it.quarter("IV")
        if iv.realisasi is not None and isinstance(ind.realisasi, Decimal) and \
                round_half_up(iv.realisasi, d) != round_half_up(ind.realisasi, d):
            row = iv.realisasi_row
            assert row is not None
            cell = row.cell("penyebut" if iv.sumber == "pembilang-penyebut" else "realisasi")
            where = ind.iku_row.cell("realisasi") if ind.iku_row is not None else "IKU"
            out.append(new_temuan(
                "triwulan-iv-berbeda", SHEET, cell,
                f"Indikator {ind.kode}: realisasi Triwulan IV {_num(iv.realisasi)} tidak sama "
                f"dengan realisasi tahunan di lembar IKU {_num(ind.realisasi)} (IKU!{where}). "
                "Triwulan IV adalah nilai setahun: samakan keduanya.", berkas))
        if not keeps_quarters or tahun is None:
            continue
        ended = [q for q in it.quarters if quarter_end(tahun, q.triwulan) < today]
        if not it.ada and ended:
            cell = ind.pk_row.cell("kode_indikator") if ind.pk_row is not None else "A1"
            out.append(new_temuan(
                "triwulan-belum-diisi", "PK", cell,
                f"Indikator {ind.kode} belum punya baris di lembar Triwulan, padahal "
                f"Triwulan {ended[-1].triwulan} {tahun} sudah berakhir. Tambahkan target dan "
                "realisasi triwulannya di lembar Triwulan.", berkas))
            continue
        for q in ended:
            if q.realisasi is not None or q.sumber is not None:
                continue
            end = format_tanggal(quarter_end(tahun, q.triwulan))
            if q.rows:
                cell = q.rows[0].cell("realisasi")
                lembar = SHEET
            else:
                last = [r for x in it.quarters for r in x.rows][-1]
                cell, lembar = last.cell("kode_indikator"), SHEET
            out.append(new_temuan(
                "triwulan-belum-diisi", lembar, cell,
                f"Indikator {ind.kode}: Triwulan {q.triwulan} sudah berakhir ({end}) tetapi "
                "realisasinya belum diisi. Isi Pembilang dan Penyebut atau Realisasi "
                f"triwulan {q.triwulan}.", berkas))
    for pt in tw.anggaran:
        previous: tuple[str, Decimal] | None = None
        for t in TRIWULAN:
            value = pt.realisasi.get(t)
            if value is None:
                continue
            row = pt.rows[t]
            if previous is not None and value < previous[1] - TOLERANSI_RUPIAH:
                out.append(new_temuan(
                    "anggaran-triwulan-turun", SHEET_ANGGARAN, row.cell("realisasi"),
                    f"Program \"{pt.program}\": realisasi kumulatif Triwulan {t} {_rp(value)} "
                    f"lebih kecil daripada Triwulan {previous[0]} {_rp(previous[1])}. "
                    "Realisasi anggaran per triwulan ditulis kumulatif (sampai akhir "
                    "triwulan), jadi tidak boleh turun.", berkas))
            if pt.anggaran is not None and value > pt.anggaran + TOLERANSI_RUPIAH:
                out.append(new_temuan(
                    "anggaran-triwulan-melebihi", SHEET_ANGGARAN, row.cell("realisasi"),
                    f"Program \"{pt.program}\": realisasi Triwulan {t} {_rp(value)} melebihi "
                    f"anggaran programnya {_rp(pt.anggaran)}. Periksa angkanya.", berkas))
            previous = (t, value)
        iv = pt.realisasi.get("IV")
        year = pt.program_result.realisasi if pt.program_result is not None else None
        if iv is not None and year is not None and abs(iv - year) > TOLERANSI_RUPIAH:
            out.append(new_temuan(
                "anggaran-triwulan-iv-berbeda", SHEET_ANGGARAN, pt.rows["IV"].cell("realisasi"),
                f"Program \"{pt.program}\": realisasi Triwulan IV {_rp(iv)} tidak sama dengan "
                f"realisasi program setahun di lembar Anggaran {_rp(year)}. Samakan keduanya.",
                berkas))
    return out


def check_triwulan(data: WorkbookData, result: Result, today: _dt.date | None = None
                   ) -> list[Temuan]:
    """Every finding about the quarters (``result.triwulan`` computed first)."""
    tw = result.triwulan if result.triwulan is not None else compute_triwulan(data, result)
    return check_rows(data, data.source) + check_quarters(data, tw, data.source, today)


# ---------------------------------------------------------------------------
# JSON and Ringkasan
# ---------------------------------------------------------------------------

def _j(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_json(tw: TriwulanResult | None) -> dict[str, Any]:
    """The ``triwulan`` part of ``--json``: every indicator's quarters, every program's
    cumulative realisation per quarter."""
    if tw is None:
        return {"indikator": [], "anggaran": []}
    return {
        "indikator": [
            {"kode": it.kode, "indikator": it.indikator.indikator,
             "triwulan": [
                 {"triwulan": q.triwulan, "target": _j(q.target),
                  "realisasi": _j(q.realisasi_bulat),
                  "realisasi_tepat": _j(None if q.realisasi is None
                                        else round_half_up(q.realisasi, 4)),
                  "capaian": _j(q.capaian_tampil), "predikat": q.predikat,
                  "rencana_aksi": list(q.rencana_aksi), "keterangan": list(q.keterangan)}
                 for q in it.quarters]}
            for it in tw.indikator],
        "anggaran": [
            {"program": p.program, "anggaran": _j(p.anggaran),
             "triwulan": [{"triwulan": t, "realisasi": _j(p.realisasi[t]),
                           "serapan_persen": _j(p.serapan(t))} for t in TRIWULAN]}
            for p in tw.anggaran],
    }


#: Ringkasan's quarterly tables (titles and headers)
RINGKASAN_INDIKATOR_HEADER = ("Kode Indikator", "Indikator Kinerja", "Triwulan", "Target",
                              "Realisasi", "Capaian", "Predikat")
RINGKASAN_ANGGARAN_HEADER = ("Program", "Triwulan", "Anggaran", "Realisasi Kumulatif",
                             "Serapan (%)")


def ringkasan_tables(tw: TriwulanResult | None
                     ) -> list[tuple[str, tuple[str, ...], list[list[Any]]]]:
    """(title, header, rows) of Ringkasan's quarterly tables; none without quarters."""
    if tw is None or not tw.ada:
        return []
    out = []
    if tw.ada_indikator:
        rows = [[it.kode, it.indikator.indikator, q.triwulan, q.target, q.realisasi_bulat,
                 q.capaian_tampil, q.predikat or None]
                for it in tw.indikator for q in it.quarters if q.ada]
        out.append(("Capaian Indikator per Triwulan", RINGKASAN_INDIKATOR_HEADER, rows))
    if tw.ada_anggaran:
        rows = [[p.program, t, p.anggaran, p.realisasi[t], p.serapan(t)]
                for p in tw.anggaran for t in TRIWULAN if p.realisasi[t] is not None]
        out.append(("Realisasi Anggaran per Triwulan (kumulatif)", RINGKASAN_ANGGARAN_HEADER,
                    rows))
    return out
