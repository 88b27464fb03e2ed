"""Single workbooks filled the way staff fill them (``tests/kit/habits.py``): each habit ends
in the real figure or in a finding at its exact cell, never in a silent guess."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from lkj_excel.core.engine import to_json
from lkj_excel.core.numbers import MonthDate
from lkj_excel.core.temuan import WorkbookError
from lkj_excel.files.read import check_workbook, read_workbook
from tests.kit.habits import MALFORMED, has_soffice, soffice_convert

needs_soffice = pytest.mark.skipif(not has_soffice(),
                                   reason="LibreOffice (soffice) tidak terpasang")

#: the seed's own finding (its kegiatan add up Rp 150 more than their program)
SEED_FINDING = ("anggaran-kegiatan-tidak-sesuai", "Anggaran", "D5")


def found(p) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(f.kode, f.lembar, f.sel) for f in p.temuan]


def ind(p, kode: str):  # type: ignore[no-untyped-def]
    return next(i for i in p.result.indikator if i.kode == kode)


def figures(p) -> dict:  # type: ignore[no-untyped-def]
    j = to_json(p)
    j.pop("berkas")
    j.pop("temuan")
    return j


@pytest.fixture(scope="module")
def buku(habits: dict) -> dict[str, Path]:
    return habits["buku"]


@pytest.fixture(scope="module")
def seed_p(buku: dict[str, Path]):  # type: ignore[no-untyped-def]
    return check_workbook(buku["seed"])


def test_seed_signs_month_and_year(seed_p) -> None:  # type: ignore[no-untyped-def]
    assert seed_p.data.profil["tanggal"] == MonthDate(2025, 2, 1)
    assert isinstance(seed_p.data.profil["tanggal"], MonthDate)
    assert found(seed_p) == [SEED_FINDING]  # no finding about Tanggal Laporan


def test_percent_cells_read_as_the_percent_people_see(buku, seed_p) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["persen"])
    i = ind(p, "IKU3")
    # 96% and 95% typed into Excel (0,96 and 0,95 with a percent format)
    assert (i.target, i.realisasi, i.capaian_bulat, i.predikat) == (
        D(95), D(96), D(101), "Sangat Baik")
    assert i.sumber_realisasi == "input"
    assert dict(i.riwayat)[2023] == D(100)  # 1 with a custom 0,0% format
    assert found(p) == [SEED_FINDING]
    others = [x for x in figures(p)["indikator"] if x["kode"] != "IKU3"]
    assert others == [x for x in figures(seed_p)["indikator"] if x["kode"] != "IKU3"]


def test_percent_where_the_meaning_is_doubtful(buku) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["persen_ragu"])
    doubtful = [f for f in p.temuan if f.kode == "persen-tidak-jelas"]
    assert [(f.lembar, f.sel, f.tingkat) for f in doubtful] == [
        ("Anggaran", "E4", "kesalahan"), ("IKU", "C5", "kesalahan"), ("PK", "F9", "kesalahan")]
    by = {f.sel: f.pesan for f in doubtful}
    assert "rupiah" in by["E4"] and "95%" in by["E4"]
    assert "jumlah" in by["C5"] and "100%" in by["C5"]
    assert "\"Indeks\"" in by["F9"] and "80%" in by["F9"]
    # the doubtful values are not used, and nothing else claims the cells are empty
    assert ind(p, "IKU6").target is None and ind(p, "IKU2").realisasi is None
    assert not [f for f in p.temuan
                if f.sel in ("E4", "C5", "F9") and f.kode != "persen-tidak-jelas"]
    assert p.has_errors


def test_table_total_row_is_not_data(buku, seed_p) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["total_row"])
    assert p.result.anggaran.anggaran == D("33660129080")  # not doubled
    assert p.result.anggaran.realisasi == D("32204656183")
    assert len(p.result.anggaran.program) == 6
    assert found(p) == [SEED_FINDING]
    assert figures(p) == figures(seed_p)


def test_total_rows_typed_by_hand_are_findings(buku, seed_p) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["jumlah_diketik"])
    assert found(p) == [("baris-jumlah", "Anggaran", "B25"), ("baris-jumlah", "LRA", "B14"),
                        ("baris-jumlah", "Pegawai", "C23"), SEED_FINDING]
    assert all(f.tingkat == "kesalahan" for f in p.temuan[:3])
    assert "\"Jumlah\"" in p.temuan[0].pesan and "Hapus baris ini" in p.temuan[0].pesan
    # the figures stay right: nothing counted twice
    assert figures(p) == figures(seed_p)


def test_formula_without_value_named_at_its_cell(buku) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["rumus_tanpa_nilai"])
    assert found(p) == [("rumus-tanpa-nilai", "IKU", "C6"), ("rumus-tanpa-nilai", "Profil", "B13"),
                        SEED_FINDING]
    assert "rumus tanpa nilai" in p.temuan[0].pesan and "simpan ulang" in p.temuan[0].pesan
    # no "wajib diisi", "masih kosong" or "harus diisi keduanya" for those cells
    assert not [f for f in p.temuan if f.kode in ("wajib-diisi", "profil-kosong",
                                                  "realisasi-kosong")]


def test_formula_with_cached_value_is_the_value(buku, seed_p) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["rumus_dengan_nilai"])
    assert ind(p, "IKU3").pembilang == D(51) and ind(p, "IKU3").realisasi_bulat == D(96)
    assert p.data.profil["tanggal"] == dt.date(2025, 2, 1)
    assert found(p) == [SEED_FINDING]
    assert figures(p) == figures(seed_p)


def test_amounts_pasted_from_word(buku) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["teks_word"])
    ang = p.data.anggaran
    assert [ang[i]["anggaran"] for i in (2, 3, 10)] == [D(35000000), D(1732527800), D(115000000)]
    assert p.data.lra[2]["realisasi"] == D("4717604757.00")
    assert ind(p, "IKU3").target == D(95)
    bad = [f for f in p.temuan if f.tingkat == "kesalahan"]
    assert [(f.kode, f.lembar, f.sel) for f in bad] == [("sel-tidak-terbaca", "Anggaran", "D21")]
    assert MALFORMED in bad[0].pesan and "sesudah angka bulat" in bad[0].pesan
    assert ang[17]["anggaran"] is None  # never 587.697.500 read "right"
    assert not [f for f in p.temuan if f.sel == "D21" and f.kode != "sel-tidak-terbaca"]


def test_dates_as_people_write_them(buku) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["tanggal"])
    assert p.data.profil["tanggal"] == dt.date(2025, 2, 27)
    assert p.data.profil["tanggal_reviu"] == MonthDate(2025, 3, 1)
    assert p.data.kejadian[0]["tanggal"] == dt.date(2024, 8, 5)
    assert found(p) == [SEED_FINDING]


def test_realisasi_typed_names_the_real_source(buku) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["realisasi_diketik"])
    f = next(f for f in p.temuan if f.kode == "realisasi-tidak-sesuai")
    assert (f.lembar, f.sel) == ("IKU", "F8")
    assert "dari lembar Kejadian (4 tertangani dari 4 kejadian) hasilnya 100" in f.pesan
    assert "Pembilang/Penyebut" not in f.pesan
    assert ind(p, "IKU5").realisasi_bulat == D(100)


def test_indicator_without_pembanding_rows(buku) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["tanpa_pembanding"])
    assert found(p) == [SEED_FINDING, ("pembanding-kosong", "PK", "C7")]
    assert "IKU4" in p.temuan[1].pesan


@needs_soffice
def test_libreoffice_saved_workbook_reads_the_same(buku, seed_p) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["libreoffice"])
    assert figures(p) == figures(seed_p)
    assert found(p) == [SEED_FINDING]


@needs_soffice
def test_ods_refused_naming_the_format_and_the_fix(buku) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WorkbookError) as exc:
        read_workbook(buku["libreoffice_ods"])
    pesan = exc.value.pesan
    assert "OpenDocument (.ods" in pesan and "Excel 2007-365 (.xlsx)" in pesan
    assert "bukan buku kerja Excel (.xlsx)" in pesan and "arsip zip" not in pesan


@needs_soffice
def test_unusual_part_paths_read(buku, seed_p, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = check_workbook(buku["bagian_tak_biasa"])
    assert figures(p) == figures(seed_p) and found(p) == [SEED_FINDING]
    # a valid package: LibreOffice opens it and saves the same data
    again, = soffice_convert([buku["bagian_tak_biasa"]], tmp_path, "xlsx:Calc MS Excel 2007 XML")
    assert figures(check_workbook(again)) == figures(seed_p)


@needs_soffice
def test_saved_time_read_from_document_properties(buku) -> None:  # type: ignore[no-untyped-def]
    res = read_workbook(buku["libreoffice"])
    assert res.saved is not None and res.saved.tzinfo is not None
    assert abs(res.saved - dt.datetime.now(dt.UTC)) < dt.timedelta(days=1)
