"""Capaian, predikat, budget and staffing: the seed's figures and properties."""

from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lkj_excel.core import schema
from lkj_excel.core.compute import (
    TIDAK_DAPAT_DIHITUNG,
    capaian,
    compute_anggaran,
    compute_pegawai,
    lra_parent,
    percent,
    predikat,
    realisasi_from,
    year_change,
)
from lkj_excel.core.model import Row
from lkj_excel.core.numbers import round_half_up

SKALA = [(D(b), p) for b, p in schema.SKALA_STANDAR]
KABKOTA = [(D(b), p) for b, p in schema.SKALA_KABKOTA]


def test_seed_ormas_51_of_53():
    real = realisasi_from(D(51), D(53), "%")
    assert round_half_up(real, 0) == 96
    assert round_half_up(real, 2) == D("96.23")
    cap = capaian(D(95), real, "Positif")
    assert round_half_up(cap.nilai, 0) == 101
    assert predikat(round_half_up(cap.nilai, 0), SKALA) == "Sangat Baik"


def test_seed_words_for_100_and_101():
    assert predikat(D(100), SKALA) == "Baik"
    assert predikat(D(101), SKALA) == "Sangat Baik"


def test_kabkota_preset():
    assert predikat(D(91), KABKOTA) == "Sangat Baik"
    assert predikat(D(90), KABKOTA) == "Baik"
    assert predikat(D(76), KABKOTA) == "Baik"
    assert predikat(D(75), KABKOTA) == "Cukup"
    assert predikat(D(66), KABKOTA) == "Cukup"
    assert predikat(D(65), KABKOTA) == "Kurang"
    assert predikat(D(51), KABKOTA) == "Kurang"
    assert predikat(D(50), KABKOTA) == "Sangat Kurang"
    assert predikat(D(-20), KABKOTA) == "Sangat Kurang"  # below every band: the lowest


def test_negative_polarity_formulas():
    # domain notes: T 254, R 181 gives 128,74% with (2T-R)/T
    c = capaian(D(254), D(181), "Negatif")
    assert round_half_up(c.nilai, 2) == D("128.74")
    c = capaian(D(254), D(181), "Negatif", rumus_negatif="T/R")
    assert round_half_up(c.nilai, 2) == D("140.33")


@pytest.mark.parametrize("pol", ["Positif", "Negatif"])
@pytest.mark.parametrize("rumus", ["2T-R", "T/R"])
def test_zero_target(pol, rumus):
    assert capaian(D(0), D(0), pol, rumus).nilai == 100
    c = capaian(D(0), D(3), pol, rumus)
    assert c.nilai is None and c.alasan == TIDAK_DAPAT_DIHITUNG


def test_t_over_r_with_zero_realisasi():
    c = capaian(D(5), D(0), "Negatif", "T/R")
    assert c.nilai is None and c.alasan == TIDAK_DAPAT_DIHITUNG


def test_cap():
    assert capaian(D(50), D(100), "Positif", batas_atas=D(120)).nilai == 120
    assert capaian(D(50), D(55), "Positif", batas_atas=D(120)).nilai == 110


def test_missing_inputs():
    assert capaian(None, D(1), "Positif").nilai is None
    assert capaian(D(1), None, "Positif").nilai is None


def test_realisasi_non_percent_and_zero_denominator():
    assert realisasi_from(D(3), D(4), "Indeks") == D("0.75")
    assert realisasi_from(D(3), D(0), "%") is None


positive = st.decimals(min_value=D("0.01"), max_value=D(10**6), places=2, allow_nan=False)


@given(positive, positive)
def test_positive_capaian_is_ratio(t, r):
    c = capaian(t, r, "Positif").nilai
    assert c == r / t * 100
    assert (c >= 100) == (r >= t)


@given(positive, positive)
def test_negative_capaian_rewards_lower(t, r):
    for rumus in ("2T-R", "T/R"):
        c = capaian(t, r, "Negatif", rumus).nilai
        assert (c >= 100) == (r <= t)


@given(positive, positive, positive)
def test_capaian_monotonic_in_realisasi(t, r1, r2):
    assume(r1 < r2)
    assert capaian(t, r1, "Positif").nilai < capaian(t, r2, "Positif").nilai
    assert capaian(t, r1, "Negatif").nilai > capaian(t, r2, "Negatif").nilai


@given(positive, positive, st.decimals(min_value=100, max_value=500, places=0))
def test_cap_never_exceeded(t, r, cap):
    assert capaian(t, r, "Positif", batas_atas=cap).nilai <= cap


@given(st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False))
def test_predikat_is_band_of_highest_lower_bound(value):
    name = predikat(value, SKALA)
    bounds = [b for b, p in SKALA if value >= b]
    expected = dict((p, b) for b, p in SKALA)
    if bounds:
        assert expected[name] == max(bounds)
    else:
        assert name == "Sangat Kurang"


def _row(sheet, n, **values):
    return Row(sheet, n, values, {k: f"A{n}" for k in values})


def test_budget_seed_totals():
    programs = [
        ("PROGRAM PENUNJANG", "7295723830", "6949629669"),
        ("PROGRAM PENGUATAN IDEOLOGI", "2067763000", "1373010900"),
        ("PROGRAM PARTAI POLITIK", "22880348450", "22859667914"),
        ("PROGRAM ORMAS", "115000000", "103194000"),
        ("PROGRAM KETAHANAN", "713596300", "623737750"),
        ("PROGRAM KEWASPADAAN", "587697500", "295415950"),
    ]
    rows = [_row("Anggaran", i + 5, program=p, kegiatan=None, anggaran=D(a), realisasi=D(r),
                 kode_sasaran=None) for i, (p, a, r) in enumerate(programs)]
    res = compute_anggaran(rows)
    assert res.anggaran == D("33660129080")
    assert res.realisasi == D("32204656183")
    assert res.serapan_persen == D("95.68")
    assert res.efisiensi == D("1455472897")
    assert res.efisiensi_persen == D("4.32")
    assert [p.serapan_persen for p in res.program] == [
        D("95.26"), D("66.40"), D("99.91"), D("89.73"), D("87.41"), D("50.27")]


def test_staffing_totals():
    data = [("ASN", "Pendidikan", "S2", 5), ("ASN", "Pendidikan", "S1", 18),
            ("ASN", "Pendidikan", "D3", 2), ("ASN", "Pendidikan", "SLTA", 6),
            ("ASN", "Pangkat", "Penata Tingkat I", 31),
            ("Tenaga Kontrak", "Pendidikan", "S1", 12)]
    rows = [_row("Pegawai", i, jenis=j, pengelompokan=g, uraian=u, jumlah=n)
            for i, (j, g, u, n) in enumerate(data)]
    res = compute_pegawai(rows)
    assert res.per_jenis == {"ASN": 31, "Tenaga Kontrak": 12}
    assert res.jumlah == 43


def test_lra_parent_skips_missing_levels():
    codes = {"5", "5.1", "5.1.1"}
    assert lra_parent("5.1.1", codes) == "5.1"
    assert lra_parent("5.1.2.3", codes) == "5.1"
    assert lra_parent("5", codes) is None


def test_change_against_earlier_years():
    ch = year_change([(2022, D(92)), (2023, D(100))], 2024, D(96))
    assert (ch.tahun_lalu, ch.realisasi_lalu, ch.selisih, ch.arah) == (2023, 100, -4, "turun")
    assert year_change([], 2024, D(96)) is None
    assert year_change([(2023, D(90))], 2024, D(96)).arah == "naik"


def test_persen_none_for_zero_whole():
    assert percent(D(1), D(0)) is None
    assert percent(None, D(5)) is None
