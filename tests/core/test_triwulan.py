"""Quarters (core.triwulan): each quarter's realisasi and capaian, the budget per quarter, and
every check with its code, level, sheet, cell and message; on the seed and on grids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lkj_excel.core import schema, triwulan
from lkj_excel.core.engine import check_grids, to_json
from lkj_excel.core.layout import grids_from_data
from lkj_excel.core.seed import seed_data
from lkj_excel.core.temuan import CODES, flatten, sort_key
from tests.kit.grids import grids, iku, pk

D = Decimal


def run(today: dt.date = dt.date(2024, 1, 2), **kw):  # type: ignore[no-untyped-def]
    """The engine on grids; "a quarter has ended" is decided at ``today`` (the engine asks
    the clock: rechecked here at a fixed date, by default before any quarter ends)."""
    g = grids(**kw)
    p = check_grids(g, list(g), "uji.xlsx")
    keep = [f for f in p.temuan if f.kode != "triwulan-belum-diisi"]
    again = triwulan.check_quarters(p.data, p.result.triwulan, "uji.xlsx", today)
    p.temuan[:] = sorted(keep + [f for f in again if f.kode == "triwulan-belum-diisi"],
                         key=sort_key)
    return p


def tw(kode: str, q: str, **kw):  # type: ignore[no-untyped-def]
    return {"kode_indikator": kode, "triwulan": q, **kw}


@pytest.fixture(scope="module")
def seed_p():  # type: ignore[no-untyped-def]
    g, names = grids_from_data(seed_data())
    return check_grids(g, names, "seed.xlsx")


# ---------------------------------------------------------------------------
# The seed extended with quarters
# ---------------------------------------------------------------------------

def test_seed_quarters(seed_p) -> None:  # type: ignore[no-untyped-def]
    t = seed_p.result.triwulan
    by = {it.kode: it for it in t.indikator}
    assert list(by) == ["IKU1", "IKU2", "IKU3", "IKU4", "IKU5"]
    ormas = by["IKU3"]
    # 48, 49, 50, 51 of 53 ormas active against 95%: the seed's 96% / 101% is Triwulan IV
    assert [(q.target, q.realisasi_bulat, q.capaian, q.predikat) for q in ormas.quarters] == [
        (95, 91, 95, "Baik"), (95, 92, 97, "Baik"), (95, 94, 99, "Baik"),
        (95, 96, 101, "Sangat Baik")]
    assert ormas.quarter("IV").realisasi == seed_p.result.indikator[2].realisasi
    politik = by["IKU2"]
    assert [(q.target, q.realisasi_bulat, q.capaian) for q in politik.quarters] == [
        (25, 22, 89), (50, 56, 111), (75, 78, 104), (100, 100, 100)]
    # two Rencana Aksi lines in Triwulan II, the figures on the first
    assert politik.quarter(2).rencana_aksi == [
        "Penyaluran bantuan keuangan kepada 9 partai politik",
        "Fasilitasi pendidikan politik bagi pemilih pemula"]
    for kode in ("IKU1", "IKU4", "IKU5"):
        assert [q.capaian for q in by[kode].quarters] == [100] * 4
    # the budget: cumulative, ending at the seed's realisasi
    prog = {p.program: p for p in t.anggaran}
    ideologi = next(p for name, p in prog.items() if "Ideologi" in name)
    assert [ideologi.realisasi[q] for q in schema.TRIWULAN] == [
        D("185000000"), D("512000000"), D("905000000"), D("1373010900")]
    assert ideologi.serapan("IV") == D("66.40") == ideologi.program_result.serapan_persen
    assert t.anggaran_total(4) == (D("33660129080"), D("32204656183"), D("95.68"))
    assert t.anggaran_total(2)[2] == D("41.74")
    # the quarters raise no finding: the only one is the seed's own Rp 150 slip
    assert flatten(seed_p.temuan) == [("anggaran-kegiatan-tidak-sesuai", "Anggaran", "D5")]


def test_seed_json_has_the_quarters(seed_p) -> None:  # type: ignore[no-untyped-def]
    j = to_json(seed_p)["triwulan"]
    ormas = next(i for i in j["indikator"] if i["kode"] == "IKU3")
    assert [(q["triwulan"], q["target"], q["realisasi"], q["capaian"], q["predikat"])
            for q in ormas["triwulan"]] == [
        ("I", 95, 91, 95, "Baik"), ("II", 95, 92, 97, "Baik"), ("III", 95, 94, 99, "Baik"),
        ("IV", 95, 96, 101, "Sangat Baik")]
    assert ormas["triwulan"][3]["realisasi_tepat"] == 96.2264
    assert ormas["triwulan"][0]["rencana_aksi"] == ["Pendataan ormas"]
    penunjang = j["anggaran"][0]
    assert penunjang["anggaran"] == 7295723830
    assert [q["realisasi"] for q in penunjang["triwulan"]] == [
        1580000000, 3350000000, 5120000000, 6949629669]
    assert penunjang["triwulan"][3]["serapan_persen"] == 95.26


def test_ringkasan_gains_the_quarterly_tables(seed_p) -> None:  # type: ignore[no-untyped-def]
    from lkj_excel.core.sheets import ringkasan_blocks

    blocks = ringkasan_blocks(seed_p)
    titles = [b.rows[0][0] for b in blocks if b.kind == "title"]
    assert titles[-2:] == ["Capaian Indikator per Triwulan",
                           "Realisasi Anggaran per Triwulan (kumulatif)"]
    data = [b for b in blocks if b.kind == "data"]
    ind_rows, ang_rows = data[-2].rows, data[-1].rows
    assert len(ind_rows) == 20 and len(ang_rows) == 24
    assert ind_rows[11] == ["IKU3", "Persentase Ormas yang Aktif", "IV", 95, 96, 101,
                            "Sangat Baik"]
    assert ang_rows[3] == [seed_data()["sheets"]["Anggaran"][0]["program"], "IV", 7295723830,
                           6949629669, 95.26]
    # blocks never overlap
    cells = [(b.row + i, b.col + j) for b in blocks for i, r in enumerate(b.rows)
             for j, _ in enumerate(r)]
    assert len(cells) == len(set(cells))


def test_workbook_without_quarters_is_as_before() -> None:
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)])
    assert p.temuan == []
    assert not p.result.triwulan.ada
    assert triwulan.ringkasan_tables(p.result.triwulan) == []
    assert to_json(p)["triwulan"]["indikator"][0]["triwulan"][0]["realisasi"] is None


# ---------------------------------------------------------------------------
# Computing one quarter
# ---------------------------------------------------------------------------

def test_quarter_realisasi_and_capaian_rules() -> None:
    p = run(PK=[pk("I1", 95.0), pk("I2", 254.0, "Negatif", satuan="kejadian"),
                pk("I3", 0.0, "Negatif", satuan="kejadian")],
            IKU=[iku("I1", pembilang=51.0, penyebut=53.0), iku("I2", realisasi=181.0),
                 iku("I3", realisasi=0.0)],
            Triwulan=[tw("I1", "IV", target=95.0, pembilang=51.0, penyebut=53.0),
                      tw("I1", "I", target=90.0, pembilang=4.0, penyebut=0.0),
                      tw("I2", "IV", target=254.0, realisasi=181.0),
                      tw("I3", "IV", target=0.0, realisasi=0.0),
                      tw("I3", "I", target=0.0, realisasi=3.0)])
    by = {it.kode: it for it in p.result.triwulan.indikator}
    assert by["I1"].quarter("IV").capaian == 101
    # Penyebut 0: no realisasi, the capaian cannot be computed (and penyebut-nol is found)
    q = by["I1"].quarter("I")
    assert (q.realisasi, q.sumber, q.capaian_tampil) == (None, "pembilang-penyebut",
                                                         "tidak dapat dihitung")
    assert ("penyebut-nol", "Triwulan", "F5") in flatten(p.temuan)
    # negative polarity, (2T - R) / T: 181 against 254 -> 128,74% -> 129
    assert by["I2"].quarter("IV").capaian == 129
    # T = 0 and R = 0 is 100%; T = 0 and R > 0 cannot be computed
    assert by["I3"].quarter("IV").capaian == 100
    assert by["I3"].quarter("I").capaian_tampil == "tidak dapat dihitung"


def test_row_values_match_what_the_formula_must_show() -> None:
    p = run(PK=[pk("I1", 95.0)], IKU=[iku("I1", realisasi=96.0)],
            Triwulan=[tw("I1", "IV", target=95.0, realisasi=96.0, realisasi_dihitung=96.0,
                         capaian=101.0),
                      tw("I1", "I", target=95.0, realisasi=50.0, realisasi_dihitung=50.0,
                         capaian=90.0)])
    assert flatten(p.temuan) == [("diketik-manual", "Triwulan", "I5")]
    f = p.temuan[0]
    assert "berisi \"90.0\"" in f.pesan and "hasil hitungnya 53" in f.pesan


# ---------------------------------------------------------------------------
# Checks: each rule, its code, level and cell
# ---------------------------------------------------------------------------

def _four(kode: str, values: list[float | None], target: float = 100.0) -> list[dict]:
    return [tw(kode, q, target=target, realisasi=v)
            for q, v in zip(schema.TRIWULAN, values, strict=True)]


def test_triwulan_iv_differs_from_iku() -> None:
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)],
            Triwulan=_four("I1", [25.0, 50.0, 75.0, 97.0]))
    assert flatten(p.temuan) == [("triwulan-iv-berbeda", "Triwulan", "G7")]
    f = p.temuan[0]
    assert f.tingkat == "kesalahan"
    assert "Triwulan IV 97" in f.pesan and "IKU 100" in f.pesan and "IKU!F4" in f.pesan
    # equal as shown (Desimal 0): 99,6 typed against 100 from the year is no finding
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)],
            Triwulan=_four("I1", [25.0, 50.0, 75.0, 99.6]))
    assert p.temuan == []


def test_ended_quarter_without_realisasi() -> None:
    rows = _four("I1", [25.0, None, 75.0, None])
    kw = {"PK": [pk("I1"), pk("I2", sasaran="S2")],
          "IKU": [iku("I1", realisasi=100.0), iku("I2", realisasi=100.0)], "Triwulan": rows}
    # 15 July 2024: Triwulan II has ended without realisasi; IV has not ended
    p = run(today=dt.date(2024, 7, 15), **kw)
    assert flatten(p.temuan) == [("triwulan-belum-diisi", "PK", "C5"),
                                 ("triwulan-belum-diisi", "Triwulan", "G5")]
    by = {f.sel: f for f in p.temuan}
    assert by["G5"].tingkat == "peringatan"
    assert "Triwulan II sudah berakhir (30 Juni 2024)" in by["G5"].pesan
    # I2 keeps no quarter at all, in a workbook that keeps quarters
    assert "I2 belum punya baris di lembar Triwulan" in by["C5"].pesan
    # in March nothing has ended yet
    assert run(today=dt.date(2024, 3, 31), **kw).temuan == []
    # a workbook without any quarter is not asked for them
    assert run(today=dt.date(2025, 1, 5), PK=[pk("I1")],
               IKU=[iku("I1", realisasi=100.0)]).temuan == []


def test_two_rows_of_one_quarter_giving_different_figures() -> None:
    rows = [tw("I1", "IV", target=100.0, realisasi=100.0, rencana_aksi="a"),
            tw("I1", "IV", target=90.0, rencana_aksi="b"),
            tw("I1", "IV", pembilang=9.0, penyebut=10.0, rencana_aksi="c"),
            tw("I1", "IV", target=100.0, rencana_aksi="d")]
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)], Triwulan=rows)
    assert flatten(p.temuan) == [("triwulan-ganda", "Triwulan", "C5"),
                                 ("triwulan-ganda", "Triwulan", "F6")]
    assert "Target 90 di baris 5 berbeda dengan 100 di baris 4" in p.temuan[0].pesan
    q = p.result.triwulan.indikator[0].quarter("IV")
    assert q.rencana_aksi == ["a", "b", "c", "d"] and q.target == 100 and q.realisasi == 100


def test_anggaran_triwulan_down_above_budget_and_year() -> None:
    prog = [{"program": "P", "anggaran": 1000.0, "realisasi": 900.0}]
    at = [{"program": "P", "triwulan": "I", "realisasi": 300.0},
          {"program": "P", "triwulan": "II", "realisasi": 250.0},
          {"program": "P", "triwulan": "III", "realisasi": 1200.0},
          {"program": "P", "triwulan": "IV", "realisasi": 950.0}]
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)], Anggaran=prog,
            **{"Anggaran Triwulan": at})
    got = flatten(p.temuan, ("kode", "tingkat", "sel"))
    assert got == [("anggaran-triwulan-turun", "kesalahan", "C5"),
                   ("anggaran-triwulan-melebihi", "kesalahan", "C6"),
                   ("anggaran-triwulan-turun", "kesalahan", "C7"),
                   ("anggaran-triwulan-iv-berbeda", "peringatan", "C7")]
    msg = {f.kode + f.sel: f.pesan for f in p.temuan}
    assert "Triwulan II Rp 250,00 lebih kecil daripada Triwulan I Rp 300,00" in \
        msg["anggaran-triwulan-turunC5"]
    assert "melebihi anggaran programnya Rp 1.000,00" in msg["anggaran-triwulan-melebihiC6"]
    assert "Rp 950,00" in msg["anggaran-triwulan-iv-berbedaC7"]
    # a program name not in Anggaran is a reference finding already
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)], Anggaran=prog,
            **{"Anggaran Triwulan": [{"program": "Q", "triwulan": "I", "realisasi": 1.0}]})
    assert ("kode-tidak-dikenal", "Anggaran Triwulan", "A4") in flatten(p.temuan)


def test_pembilang_without_penyebut_in_a_quarter() -> None:
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)],
            Triwulan=[tw("I1", "I", target=25.0, pembilang=3.0)])
    assert ("wajib-diisi", "Triwulan", "F4") in flatten(p.temuan)


def test_every_new_code_is_registered() -> None:
    for kode in ("triwulan-belum-diisi", "triwulan-iv-berbeda", "triwulan-ganda",
                 "anggaran-triwulan-turun", "anggaran-triwulan-melebihi",
                 "anggaran-triwulan-iv-berbeda"):
        assert kode in CODES


def test_quarter_end_dates() -> None:
    assert [triwulan.quarter_end(2024, q) for q in schema.TRIWULAN] == [
        dt.date(2024, 3, 31), dt.date(2024, 6, 30), dt.date(2024, 9, 30),
        dt.date(2024, 12, 31)]
