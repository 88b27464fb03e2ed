"""The contract's reading rules, on grids and on real .xlsx files."""

from decimal import Decimal as D

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkj_excel.core import schema
from lkj_excel.core.read import find_header, read_grids, read_table
from lkj_excel.core.schema import norm
from lkj_excel.core.temuan import flatten
from lkj_excel.files.read import read_workbook

PK_HEADER = [c.label for c in schema.PK.columns]


def pk_grid(*rows, title_rows=2, shuffle=False):
    header = list(PK_HEADER)
    if shuffle:
        header = header[::-1]
    grid = [["Perjanjian Kinerja 2024"]] + [[] for _ in range(title_rows - 1)] + [header]
    for r in rows:
        grid.append(r[::-1] if shuffle else list(r))
    return grid


ROW1 = ["S1", "Sasaran satu", "I1", "Indikator satu", "%", 100.0, "Positif", "Bidang A"]
ROW2 = ["S2", "Sasaran dua", "I2", "Indikator dua", "%", "95,5", "negatif", "Bidang B"]


def test_header_under_title_rows_and_positions():
    rows, found, header_row, letters = read_table(pk_grid(ROW1, title_rows=4), schema.PK)
    assert found == []
    assert header_row == 5
    assert rows[0]["kode_indikator"] == "I1"
    assert rows[0].cell("target") == "F6"
    assert letters["target"] == "F"


def test_columns_found_by_label_not_position():
    rows, found, _, letters = read_table(pk_grid(ROW1, ROW2, shuffle=True), schema.PK)
    assert found == []
    assert [r["kode_indikator"] for r in rows] == ["I1", "I2"]
    assert rows[1]["target"] == D("95.5")
    assert rows[1]["polaritas"] == "Negatif"  # case-insensitive choice, canonical spelling
    assert letters["kode_sasaran"] == "H"


def test_labels_match_trimmed_and_case_insensitive():
    grid = pk_grid(ROW1)
    grid[2] = [f"  {h.upper()} " for h in PK_HEADER]
    rows, found, _, _ = read_table(grid, schema.PK)
    assert found == [] and len(rows) == 1


def test_empty_rows_in_between_are_skipped_not_the_end():
    grid = pk_grid(ROW1, [], ["", "", "", "", "", "", "", ""], ROW2)
    rows, found, _, _ = read_table(grid, schema.PK)
    assert [r.row for r in rows] == [4, 7]


def test_header_beyond_row_10_is_not_found():
    rows, found, _, _ = read_table(pk_grid(ROW1, title_rows=11), schema.PK)
    assert rows == []
    assert flatten(found) == [("kolom-hilang", "PK", "A1")]
    assert "Kode Sasaran" in found[0].pesan


def test_missing_column_names_expected_label():
    grid = pk_grid(ROW1)
    grid[2] = [h if h != "Polaritas" else "Arah" for h in PK_HEADER]
    _, found, _, _ = read_table(grid, schema.PK)
    assert flatten(found) == [("kolom-hilang", "PK", "A3")]
    assert '"Polaritas"' in found[0].pesan


def test_unreadable_cell_is_a_finding_at_that_cell():
    bad = list(ROW1)
    bad[5] = "95,5 persen"  # holds a digit: a number that cannot be read, never a category
    rows, found, _, _ = read_table(pk_grid(bad), schema.PK)
    assert flatten(found) == [("sel-tidak-terbaca", "PK", "F4")]
    assert rows[0]["target"] is None
    bad[5] = "  wtp "  # a word: a category (whether it is on the scale is the validator's)
    rows, found, _, _ = read_table(pk_grid(bad), schema.PK)
    assert found == [] and rows[0]["target"] == "wtp"
    assert rows[0].text_numbers == frozenset()
    bad[6] = "Netral"
    _, found, _, _ = read_table(pk_grid(bad), schema.PK)
    assert ("pilihan-tidak-dikenal", "PK", "G4") in flatten(found)


def test_profil_and_settings_and_conf_sheet():
    grids = {
        "Profil": [["Profil"], [], ["Isian", "Nilai"], ["Instansi", "Badan X"],
                   ["Tahun", "2024"], ["Tanggal Laporan", "27 Februari 2025"]],
        "Pengaturan": [["Pengaturan"], ["Isian", "Nilai"], ["Rumus Polaritas Negatif", "T/R"],
                       ["Desimal", 2.0], ["Batas Atas Capaian", "120"], [],
                       ["Batas Bawah", "Predikat", "", "Batas Bawah", "Predikat"],
                       [91.0, "A", "", 1.0, "Z"], ["0", "B"]],
        "xlwings.conf": [["INTERPRETER", "C:\\evil.exe"]],
    }
    res = read_grids(grids, list(grids), "x.xlsx")
    d = res.data
    assert d.profil["instansi"] == "Badan X" and d.tahun == 2024
    assert d.profil["tanggal"].isoformat() == "2025-02-27"
    st = d.settings
    assert (st.rumus_negatif, st.desimal, st.batas_atas) == ("T/R", 2, D(120))
    assert st.skala == [(D(91), "A"), (D(0), "B")]  # the first (active) table only
    codes = {f.kode for f in res.temuan}
    assert "lembar-konfigurasi" in codes
    assert "profil-kosong" in codes  # Nama Kepala etc. are missing
    assert ("lembar-hilang", "PK", "") in flatten(res.temuan)


def test_real_xlsx_pasted_rows_text_numbers_and_provenance(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PK"
    ws.append(["Perjanjian Kinerja (judul)"])
    ws.append(["isi sesuai PK yang ditandatangani"])
    ws.append(PK_HEADER)
    ws.append(ROW1)
    from openpyxl.worksheet.table import Table

    ws.add_table(Table(displayName="TabelPK", ref="A3:H4"))
    ws.append([])
    ws.append([])
    # pasted below the table's range, with Indonesian text numbers
    ws.append(["S2", "Sasaran dua", "I2", "Indikator dua", "Rupiah", "Rp 1.455.472.897",
               "Positif", "Bidang B"])
    ws.append(["S3", "Sasaran tiga", "I3", "Indikator tiga", "%", "96%", "Positif", "Bidang C"])
    ws2 = wb.create_sheet("Anggaran")
    ws2.append([c.label for c in schema.ANGGARAN.columns])
    ws2.append([None, "Program A", None, "33.660.129.080,00", "32.204.656.183,00"])
    path = tmp_path / "baca.xlsx"
    wb.save(path)
    res = read_workbook(path)
    rows = res.data.pk
    assert [(r["kode_indikator"], r["target"], r.cell("target")) for r in rows] == [
        ("I1", D(100), "F4"), ("I2", D(1455472897), "F7"), ("I3", D(96), "F8")]
    a = res.data.anggaran[0]
    assert a["anggaran"] == D("33660129080.00") and a["realisasi"] == D("32204656183.00")
    assert not [f for f in res.temuan if f.lembar in ("PK", "Anggaran")]


def test_unreadable_file_raises_workbook_error(tmp_path):
    from lkj_excel.core.temuan import WorkbookError

    bad = tmp_path / "bukan.xlsx"
    bad.write_bytes(b"ini bukan buku kerja")
    with pytest.raises(WorkbookError) as exc:
        read_workbook(bad)
    assert "bukan buku kerja" in exc.value.pesan


# ---------------------------------------------------------------------------
# Facts a file adapter hands over with the values (core.read.SheetFacts)
# ---------------------------------------------------------------------------

from lkj_excel.core.layout import grids_from_data  # noqa: E402
from lkj_excel.core.read import SheetFacts  # noqa: E402
from tests.kit.grids import PROFIL, iku, pk  # noqa: E402


def _grids(**sheets):
    return grids_from_data({"profil": dict(PROFIL), "sheets": sheets})


def _facts_read(facts, **sheets):
    g, names = _grids(**sheets)
    return read_grids(g, names, "x.xlsx", facts)


def test_percent_format_in_a_percent_indicator_is_the_percent():
    # grid row 3 (0-based) is the first data row; PK Target is column F (5), IKU Realisasi F
    res = _facts_read({"PK": SheetFacts(percent={(3, 5)}), "IKU": SheetFacts(percent={(3, 5)})},
                      PK=[pk("I1", 0.95)], IKU=[iku("I1", realisasi=0.96)])
    assert res.data.pk[0]["target"] == D("95") and res.data.iku[0]["realisasi"] == D("96")
    assert [f.kode for f in res.temuan] == []


def test_percent_text_and_format_where_the_meaning_is_doubtful():
    res = _facts_read({"PK": SheetFacts(percent={(3, 5)}), "IKU": SheetFacts(percent={(3, 2)})},
                      PK=[pk("I1", 0.8, satuan="Indeks")],
                      IKU=[iku("I1", pembilang=0.5, penyebut=10.0, realisasi="96%")])
    assert flatten(res.temuan) == [("persen-tidak-jelas", "PK", "F4"),
                                   ("persen-tidak-jelas", "IKU", "C4"),
                                   ("persen-tidak-jelas", "IKU", "F4")]
    row = res.data.iku[0]
    assert row["pembilang"] is None and row["realisasi"] is None
    assert row.is_unread("pembilang") and res.data.pk[0].is_unread("target")
    assert "\"96%\"" in res.temuan[2].pesan and "\"Indeks\"" in res.temuan[2].pesan


def test_formula_without_value_is_one_finding_not_an_empty_cell():
    from lkj_excel.core.engine import check_read

    res = _facts_read({"IKU": SheetFacts(no_value={(3, 5)}), "PK": SheetFacts(no_value={(3, 5)})},
                      PK=[pk("I1", None)], IKU=[iku("I1")])
    p = check_read(res)
    assert flatten(p.temuan) == [("rumus-tanpa-nilai", "IKU", "F4"),
                                 ("rumus-tanpa-nilai", "PK", "F4")]


def test_row_of_formulas_without_values_is_not_skipped_as_empty():
    res = _facts_read({"IKU": SheetFacts(no_value={(4, 0), (4, 5)})},
                      PK=[pk("I1")], IKU=[iku("I1", realisasi=90.0), iku(None)])
    assert [f.sel for f in res.temuan] == ["A5", "F5"]


def test_table_total_row_is_skipped():
    rows = [{"program": "P", "anggaran": 100.0, "realisasi": 90.0},
            {"program": "Total", "anggaran": 100.0, "realisasi": 90.0}]
    res = _facts_read({"Anggaran": SheetFacts(total_rows={4})}, PK=[pk("I1")],
                      IKU=[iku("I1", realisasi=90.0)], Anggaran=rows)
    assert [r["program"] for r in res.data.anggaran] == ["P"] and res.temuan == []


@pytest.mark.parametrize("label", ["Jumlah", "TOTAL", "Sub Total", "Jumlah Total", "Grand total"])
def test_total_typed_by_hand_is_a_finding(label):
    rows = [{"program": "P", "anggaran": 100.0, "realisasi": 90.0},
            {"program": label, "anggaran": 100.0, "realisasi": 90.0}]
    res = _facts_read({}, PK=[pk("I1")], IKU=[iku("I1", realisasi=90.0)], Anggaran=rows,
                      LRA=[{"kode_rekening": "5", "uraian": "Jumlah Belanja", "anggaran": 5.0,
                            "realisasi": 4.0}])  # a coded account is data, whatever its name
    assert flatten(res.temuan) == [("baris-jumlah", "Anggaran", "B5")]
    assert [r["program"] for r in res.data.anggaran] == ["P"]
    assert len(res.data.lra) == 1


def test_unreadable_profil_date_is_one_finding():
    g, names = grids_from_data({"profil": dict(PROFIL, tanggal="27 Febuari 2025"), "sheets": {}})
    res = read_grids(g, names)
    assert [f.kode for f in res.temuan if f.lembar == "Profil"] == ["sel-tidak-terbaca"]


def test_percent_formatted_settings_are_percent():
    from lkj_excel.core import layout

    # Batas Atas Capaian typed 120% and the top Batas Bawah typed 100,01%
    cap_row = layout.SET_FIRST_ROW + [s.key for s in schema.SETTINGS].index("batas_atas") - 1
    g, names = grids_from_data({"profil": dict(PROFIL), "sheets": {},
                                "pengaturan": {"batas_atas": 1.2}})
    g["Pengaturan"][layout.SKALA_FIRST_ROW - 1][0] = D("1.0001")
    res = read_grids(g, names, "x.xlsx", {"Pengaturan": SheetFacts(
        percent={(cap_row, 1), (layout.SKALA_FIRST_ROW - 1, 0)})})
    st = res.data.settings
    assert st.batas_atas == D("120") and st.skala[0] == (D("100.01"), "Sangat Baik")


# -- find_header: the first-character filter finds exactly what comparing every cell finds --

def _find_header_plain(grid, label, max_rows=10):
    """The definition: the first cell whose ``norm`` equals the label's (None is "")."""
    want = norm(label)
    for r, row in enumerate(grid[:max_rows]):
        for c, value in enumerate(row):
            if (value is not None or not want) and norm(value) == want:
                return r, c
    return None


# white space of several kinds and letters whose case folding changes length or script
_TRICKY = " \t\u00a0\u2003\u00dfSsKk\u01c5\u01c6 \u0130i\u0131\u03a3\u03c3\u03c2\u212a"
_CELL = st.one_of(st.none(), st.text(alphabet=_TRICKY, max_size=6),
                  st.floats(allow_nan=False), st.integers())


@settings(max_examples=800, deadline=None)
@given(st.lists(st.lists(_CELL, max_size=5), max_size=5),
       st.text(alphabet=_TRICKY + "1.0", max_size=4))
def test_find_header_same_as_comparing_every_cell(grid, label):
    assert find_header(grid, label) == _find_header_plain(grid, label)


def test_find_header_real_header_under_long_texts():
    grid = [["Pengukuran Indikator Kinerja Utama"], ["  Pengukuran tiap indikator. " * 20],
            ["Kode Indikator", "Uraian Pembilang", "  pembilang "]]
    assert find_header(grid, "Kode Indikator") == (2, 0)
    assert find_header(grid, "Pembilang") == (2, 2)
    assert find_header(grid, "Tidak Ada") is None
