"""Every validation rule: code, level, sheet, cell, and an Indonesian message."""

import datetime as dt

from lkj_excel.core.engine import check_grids
from lkj_excel.core.layout import profil_cell
from lkj_excel.core.temuan import CODES, flatten
from tests.kit.grids import grids, iku, pk


def run(**kw):
    g = grids(**kw)
    return check_grids(g, list(g), "uji.xlsx")


def codes(p):
    return flatten(p.temuan)


def test_clean_workbook_has_no_findings():
    p = run(PK=[pk("I1")], IKU=[iku("I1", pembilang=51.0, penyebut=53.0)])
    assert p.temuan == []
    assert p.result.indikator[0].capaian_bulat == 96


def test_duplicate_codes():
    p = run(PK=[pk("I1"), pk("I1")], IKU=[iku("I1", realisasi=90.0)])
    assert ("kode-ganda", "PK", "C5") in codes(p)
    f = next(f for f in p.temuan if f.kode == "kode-ganda")
    assert "baris 4" in f.pesan


def test_pk_without_iku_and_reverse():
    p = run(PK=[pk("I1"), pk("I2")], IKU=[iku("I1", realisasi=1.0), iku("I9", realisasi=1.0)])
    assert ("indikator-tanpa-iku", "PK", "C5") in codes(p)
    assert ("iku-tanpa-pk", "IKU", "A5") in codes(p)


def test_kegiatan_not_adding_up_to_program_seed_150():
    rows = [
        {"kode_sasaran": "S1", "program": "Program Penguatan Ideologi Pancasila",
         "anggaran": "2.067.763.000", "realisasi": "1.373.010.900"},
        {"program": "Program Penguatan Ideologi Pancasila", "kegiatan": "a", "anggaran": 35000000},
        {"program": "Program Penguatan Ideologi Pancasila", "kegiatan": "b",
         "anggaran": 1732527800},
        {"program": "Program Penguatan Ideologi Pancasila", "kegiatan": "c", "anggaran": 219375000},
        {"program": "Program Penguatan Ideologi Pancasila", "kegiatan": "d", "anggaran": 80860350},
    ]
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)], Anggaran=rows)
    assert codes(p) == [("anggaran-kegiatan-tidak-sesuai", "Anggaran", "D4"),
                        # the program's amounts were typed as Indonesian text
                        ("angka-sebagai-teks", "Anggaran", "D4"),
                        ("angka-sebagai-teks", "Anggaran", "E4")]
    assert "Rp 150,00" in p.temuan[0].pesan


def test_lra_parent_not_sum_of_children():
    rows = [
        {"kode_rekening": "5", "uraian": "BELANJA", "anggaran": 100.0, "realisasi": 90.0},
        {"kode_rekening": "5.1", "uraian": "OPERASI", "anggaran": 60.0, "realisasi": 50.0},
        {"kode_rekening": "5.2", "uraian": "MODAL", "anggaran": 40.0, "realisasi": 30.0},
    ]
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)], LRA=rows)
    assert codes(p) == [("lra-induk-tidak-sesuai", "LRA", "D4")]


def test_staffing_groupings_disagree():
    rows = [{"jenis": "ASN", "pengelompokan": "Pendidikan", "uraian": "S1", "jumlah": 31},
            {"jenis": "ASN", "pengelompokan": "Pangkat", "uraian": "Penata", "jumlah": 30}]
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)], Pegawai=rows)
    assert codes(p) == [("pegawai-tidak-sesuai", "Pegawai", "D5")]


def test_realisasi_above_anggaran():
    rows = [{"program": "P", "anggaran": 100.0, "realisasi": 120.0}]
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)], Anggaran=rows)
    assert codes(p) == [("realisasi-melebihi-anggaran", "Anggaran", "E4")]


def test_computed_cell_typed_over_disagrees():
    p = run(PK=[pk("I1", 95.0)],
            IKU=[iku("I1", pembilang=51.0, penyebut=53.0, capaian=100.0, predikat="Sangat Baik")])
    assert ("diketik-manual", "IKU", "I4") in codes(p)  # Capaian 100 typed, engine says 101
    assert ("diketik-manual", "IKU", "J4") not in codes(p)  # Predikat agrees


def test_computed_cell_that_agrees_is_fine():
    p = run(PK=[pk("I1", 95.0)],
            IKU=[iku("I1", pembilang=51.0, penyebut=53.0, capaian=101.0, predikat="Sangat Baik",
                     realisasi_dihitung=96.22641509, target_pk=95.0)])
    assert p.temuan == []


def test_kejadian_counts_disagree_with_typed_numbers():
    kej = [{"kode_indikator": "I1", "uraian": f"k{i}", "status": "Selesai"} for i in range(3)]
    kej.append({"kode_indikator": "I1", "uraian": "k4", "status": "Dalam Proses"})
    p = run(PK=[pk("I1")], IKU=[iku("I1", pembilang=4.0, penyebut=4.0)], Kejadian=kej)
    assert ("kejadian-tidak-sesuai", "IKU", "E4") in codes(p)
    f = next(f for f in p.temuan if f.kode == "kejadian-tidak-sesuai")
    assert "3 tertangani dari 4" in f.pesan


def test_realisasi_counted_from_kejadian():
    kej = [{"kode_indikator": "I1", "uraian": "a", "status": "Selesai"},
           {"kode_indikator": "I1", "uraian": "b", "status": "Ditangani"},
           {"kode_indikator": "I1", "uraian": "c", "status": "Belum Ditangani"},
           {"kode_indikator": "I1", "uraian": "d", "status": "Dalam Proses"}]
    p = run(PK=[pk("I1")], IKU=[iku("I1")], Kejadian=kej)
    ind = p.result.indikator[0]
    assert (ind.pembilang, ind.penyebut, ind.realisasi, ind.sumber_realisasi) == (2, 4, 50, "kejadian")
    assert p.temuan == []


def test_implausible_years():
    p = run(profil={"tahun": 1999}, PK=[pk("I1")], IKU=[iku("I1", realisasi=1.0)])
    assert ("tahun-tidak-wajar", "Profil", profil_cell("tahun")) in codes(p)
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=1.0)],
            Riwayat=[{"kode_indikator": "I1", "tahun": 2025, "realisasi": 1.0}])
    assert ("tahun-tidak-wajar", "Riwayat", "B4") in codes(p)


def test_missing_profil_fields():
    p = run(profil={"nama_kepala": None, "tanggal": None}, PK=[pk("I1")],
            IKU=[iku("I1", realisasi=1.0)])
    assert ("profil-kosong", "Profil", profil_cell("nama_kepala")) in codes(p)
    assert ("profil-kosong", "Profil", profil_cell("tanggal")) in codes(p)


def test_zero_target_says_cannot_compute():
    p = run(PK=[pk("I1", 0.0)], IKU=[iku("I1", realisasi=2.0)])
    assert p.result.indikator[0].capaian_catatan == "tidak dapat dihitung"
    assert ("capaian-tidak-dapat-dihitung", "IKU", "I4") in codes(p)
    p = run(PK=[pk("I1", 0.0, "Negatif")], IKU=[iku("I1", realisasi=0.0)])
    assert p.result.indikator[0].capaian_bulat == 100 and p.temuan == []


def test_percent_typed_as_fraction_warns():
    p = run(PK=[pk("I1", 0.95)], IKU=[iku("I1", realisasi=96.0)])
    assert ("persen-pecahan", "PK", "F4") in codes(p)


def test_penyebut_zero():
    p = run(PK=[pk("I1")], IKU=[iku("I1", pembilang=0.0, penyebut=0.0)])
    assert ("penyebut-nol", "IKU", "E4") in codes(p)
    assert p.result.indikator[0].capaian_catatan == "tidak dapat dihitung"


def test_required_cell_and_unknown_narasi_part():
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=1.0)],
            Kejadian=[{"kode_indikator": "I1", "uraian": None, "status": "Selesai",
                       "tanggal": dt.date(2024, 5, 1)}],
            Narasi=[{"bagian": "Misi", "isi": "x"}])
    assert ("wajib-diisi", "Kejadian", "C4") in codes(p)
    assert ("bagian-tidak-dikenal", "Narasi", "A4") in codes(p)


def test_every_finding_has_known_code_and_level():
    p = run(PK=[pk("I1"), pk("I1", 0.5)], IKU=[iku("I1", capaian="x")])
    for f in p.temuan:
        assert f.kode in CODES and f.tingkat in ("kesalahan", "peringatan")
        assert f.pesan and f.lembar


def test_program_total_against_lra_total():
    lra = [{"kode_rekening": "5", "uraian": "BELANJA", "anggaran": 100.0, "realisasi": 90.0}]
    prog = [{"program": "P", "anggaran": 80.0, "realisasi": 70.0}]
    p = run(PK=[pk("I1")], IKU=[iku("I1", realisasi=90.0)], LRA=lra, Anggaran=prog)
    assert codes(p) == [("anggaran-lra-tidak-sesuai", "LRA", "C4")]
    # the Sekretariat's unit workbook (no PK rows) holds the LRA but one program only
    p = run(LRA=lra, Anggaran=prog)
    assert "anggaran-lra-tidak-sesuai" not in {f.kode for f in p.temuan}


def test_float_noise_at_a_tie_is_not_typed_over():
    # LibreOffice/Excel store 828/800*100 as 103.49999999999999; shown rounded it is 103.5
    p = run(PK=[pk("I1", 800.0, satuan="Indeks")],
            IKU=[iku("I1", realisasi=828.0, capaian=104.0, realisasi_dihitung=828.0,
                     target_pk=800.0)])
    assert p.temuan == []
    from decimal import Decimal

    from lkj_excel.core.validate import _same

    assert _same(103.49999999999999, Decimal("103.5"), 0)
    assert not _same(103.4, Decimal("103.5"), 0)


def test_text_numbers_are_read_but_flagged_once_per_column():
    p = run(PK=[pk("I1", "95"), pk("I2", "100", sasaran="S2")],
            IKU=[iku("I1", pembilang="51", penyebut="53", capaian=""),
                 iku("I2", realisasi=100.0, capaian=100.0, predikat="Baik")])
    ind = p.result.indikator[0]
    assert (ind.target, ind.capaian_bulat, ind.predikat) == (95, 101, "Sangat Baik")
    # Excel's own formula could not count the text: no false "diketik manual"
    assert "diketik-manual" not in {f.kode for f in p.temuan}
    found = [(f.kode, f.lembar, f.sel) for f in p.temuan if f.kode == "angka-sebagai-teks"]
    assert found == [("angka-sebagai-teks", "IKU", "C4"), ("angka-sebagai-teks", "IKU", "E4"),
                     ("angka-sebagai-teks", "PK", "F4")]
    pk_f = next(f for f in p.temuan if f.lembar == "PK")
    assert "1 sel lain" in pk_f.pesan and pk_f.tingkat == "peringatan"


# -- text targets (categories on the Skala Kategori) -------------------------------------

def test_text_target_met_on_the_scale_and_spelled_as_the_scale():
    p = run(PK=[pk("I1", "wtp", satuan="Opini"), pk("I2", "BB", satuan="Nilai"),
                pk("I3", "Tinggi", satuan="Tingkat")],
            IKU=[iku("I1", realisasi=" WTP "), iku("I2", realisasi="b"),
                 iku("I3", realisasi="sangat tinggi")])
    assert p.temuan == []
    i1, i2, i3 = p.result.indikator
    assert (i1.target_tampil, i1.realisasi, i1.capaian_tampil, i1.tercapai) == (
        "WTP", "WTP", "Tercapai", True)
    assert (i2.realisasi, i2.tercapai, i2.capaian_tampil) == ("B", False, "Tidak Tercapai")
    assert i3.tercapai is True and i3.predikat == "" and i3.capaian_bulat is None


def test_unknown_category_and_mixed_kinds_are_findings_at_their_cells():
    p = run(PK=[pk("I1", "WPT", satuan="Opini"), pk("I2", "WTP", satuan="Opini"),
                pk("I3", 95.0)],
            IKU=[iku("I1", realisasi="WTP"), iku("I2", pembilang=9.0, penyebut=9.0),
                 iku("I3", realisasi="Tinggi")])
    got = codes(p)
    assert ("kategori-tidak-dikenal", "PK", "F4") in got
    assert ("target-realisasi-tidak-sejenis", "IKU", "C5") in got  # Pembilang of I2
    assert ("target-realisasi-tidak-sejenis", "IKU", "F6") in got
    f = next(f for f in p.temuan if f.kode == "kategori-tidak-dikenal")
    assert '"WPT" bukan angka' in f.pesan and "WTP, WDP" in f.pesan
    assert all(i.tercapai is None for i in p.result.indikator)
    assert p.has_errors


def test_category_in_riwayat_and_the_year_change():
    p = run(PK=[pk("I1", "WTP", satuan="Opini")], IKU=[iku("I1", realisasi="WTP")],
            Riwayat=[{"kode_indikator": "I1", "tahun": 2023, "realisasi": "WDP"},
                     {"kode_indikator": "I1", "tahun": 2022, "realisasi": "TMP"}])
    assert p.temuan == []
    ind = p.result.indikator[0]
    assert ind.riwayat == [(2022, "TMP"), (2023, "WDP")]
    assert (ind.year_change.tahun_lalu, ind.year_change.arah) == (2023, "naik")
    assert ind.year_change.selisih is None


def test_cascading_missing_for_a_sasaran():
    p = run(PK=[pk("I1"), pk("I2", sasaran="S2")], IKU=[iku("I1", realisasi=100.0),
                                                       iku("I2", realisasi=100.0)],
            Cascading=[{"kode_sasaran": "S1", "misi": "Misi 1"}])
    assert ("cascading-kosong", "PK", "A5") in codes(p)
    assert next(f for f in p.temuan if f.kode == "cascading-kosong").tingkat == "peringatan"


def test_reviu_rows_all_or_none():
    p = run(profil={"nama_inspektur": "Drs. X", "tanggal_reviu": dt.date(2025, 2, 1)},
            PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)])
    (f,) = [f for f in p.temuan if f.kode == "reviu-belum-lengkap"]
    assert f.sel == profil_cell("nama_inspektorat") and "Alamat Inspektorat" in f.pesan
    # reviewed before the report was signed (27 Februari 2025)
    assert ("reviu-sebelum-laporan", "Profil", profil_cell("tanggal_reviu")) in codes(p)
    assert not p.result.reviu


def test_excel_error_in_a_target_is_the_excel_error_not_an_unknown_category():
    p = run(PK=[pk("I1", "#N/A", satuan="Opini")], IKU=[iku("I1", realisasi="WTP")])
    got = codes(p)
    assert ("sel-tidak-terbaca", "PK", "F4") in got
    assert not any(c == "kategori-tidak-dikenal" for c, _, _ in got)
    f = next(f for f in p.temuan if f.kode == "sel-tidak-terbaca")
    assert "galat Excel #N/A" in f.pesan


def test_sasaran_counted_and_listed_by_one_rule():
    # "SS1" and "ss1 " are one sasaran (codes are compared as the contract says), and
    # without a code the Sasaran itself says which one
    rows = [pk("I1", sasaran="SS1"), pk("I2", sasaran="ss1 "), pk("I3", sasaran="S2"),
            {**pk("I4", sasaran=""), "sasaran": "Sasaran Tanpa Kode"},
            {**pk("I5", sasaran=""), "sasaran": "sasaran  tanpa kode"}]
    p = run(PK=rows, IKU=[iku(f"I{i}", realisasi=100.0) for i in range(1, 6)],
            Anggaran=[{"kode_sasaran": "Ss1", "program": "P", "anggaran": 100.0,
                       "realisasi": 90.0}])
    h = p.result
    groups = [(k, nama, [i.kode for i in inds]) for k, nama, inds in h.sasaran()]
    assert groups == [("SS1", "Sasaran SS1", ["I1", "I2"]), ("S2", "Sasaran S2", ["I3"]),
                      ("Sasaran Tanpa Kode", "Sasaran Tanpa Kode", ["I4", "I5"])]
    assert h.ringkas.n_sasaran == len(groups) == 3
    assert [i.kode for i in h.anggaran.program[0].indikator] == ["I1", "I2"]


def test_one_picture_per_gambar_row_the_others_are_findings():
    from lkj_excel.core.layout import FIRST_DATA_ROW as R
    from lkj_excel.core.model import Picture
    from lkj_excel.core.units import PICTURE_KEY, data_from_model

    def pic(n, row):
        return Picture(bytes([n]) * 8, "png", 10 + n, 10, row=row, name=f"Gambar {n}")

    g = grids(PK=[pk("I1")], IKU=[iku("I1", realisasi=100.0)],
              Gambar=[{"bagian": "Lampiran", "judul": "Foto A"},
                      {"bagian": "Lampiran", "judul": "Foto B"}])
    pics = [pic(1, R), pic(2, R), pic(3, R + 1), pic(4, R)]
    p = check_grids(g, list(g), "uji.xlsx", pictures=pics)
    # the report takes the first picture of each row, as a split or merge carries it
    assert [(x.judul, x.picture.name) for x in p.result.gambar] == [
        ("Foto A", "Gambar 1"), ("Foto B", "Gambar 3")]
    carried = [r[PICTURE_KEY] for r in data_from_model(p.data)["sheets"]["Gambar"]]
    assert carried == [x.picture for x in p.result.gambar]
    extra = [f for f in p.temuan if f.kode == "gambar-ganda"]
    assert [(f.lembar, f.sel, f.tingkat) for f in extra] == [
        ("Gambar", f"A{R}", "peringatan")] * 2
    assert '"Gambar 2"' in extra[0].pesan and '"Gambar 4"' in extra[1].pesan
    assert "hanya gambar pertama" in extra[0].pesan and "baris sendiri" in extra[0].pesan


def test_tidak_sejenis_finding_exactly_where_the_engine_records_it():
    from lkj_excel.core.compute import TIDAK_SEJENIS

    targets = ("WTP", 95.0, None)
    reals = ({"realisasi": "WTP"}, {"realisasi": 96.0}, {"pembilang": 9.0, "penyebut": 9.0},
             {})
    combos = [(t, r) for t in targets for r in reals]
    p = run(PK=[{**pk(f"I{n}", satuan="Opini"), "target": t} for n, (t, _) in enumerate(combos)],
            IKU=[iku(f"I{n}", **r) for n, (_, r) in enumerate(combos)])
    flagged = {f.sel for f in p.temuan if f.kode == "target-realisasi-tidak-sejenis"}
    recorded = [i for i in p.result.indikator if i.capaian_catatan == TIDAK_SEJENIS]
    assert [i.kode for i in recorded] == ["I1", "I2", "I4"]
    assert len(flagged) == len(recorded)
