"""Email rounds as units really send them (``tests/kit/habits.py``): a unit that never sent
its file, files that cannot be used, re-sends, cross-unit edits, a merged file and a blank
template left in the inbox, identity typed otherwise. Each ends in the right figures or in
one finding that names the unit or the file and says what to do."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from lkj_excel.batch.check import check_merged
from lkj_excel.batch.merge import OLD_REVISION, SET_ASIDE, SKIPPED, UNREADABLE, USED, merge_files
from lkj_excel.core import schema, seed, units
from lkj_excel.core.engine import to_json
from lkj_excel.files.read import check_workbook
from tests.kit.habits import (
    BIDANG_SALAH,
    GABUNGAN_LAMA,
    IDEOLOGI,
    INSTANSI_PENDEK,
    KETAHANAN,
    KEWASPADAAN,
    POLITIK,
    TEMPLAT,
    has_soffice,
)

SEKRETARIAT = schema.AGENCY_BIDANG


def figures(p) -> dict:  # type: ignore[no-untyped-def]
    j = to_json(p)
    j.pop("berkas")
    j.pop("temuan")
    return j


def kinds(temuan) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.kode, f.tingkat) for f in temuan]


def ind(p, kode: str):  # type: ignore[no-untyped-def]
    return next(i for i in p.result.indikator if i.kode == kode)


@pytest.fixture(scope="module")
def putaran(habits: dict) -> dict[str, Path]:
    return habits["putaran"]


@pytest.fixture(scope="module")
def master(habits: dict):  # type: ignore[no-untyped-def]
    return check_workbook(habits["buku"]["seed"])


def unit_file(n: int, unit: str) -> str:
    from lkj_excel.core.units import unit_filename

    return unit_filename(n, unit)


def test_complete_round_equals_the_agency_workbook(putaran, master) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["lengkap"]])
    assert [b.status for b in g.berkas] == [USED] * 5 and g.temuan == []
    p = check_merged(g, "G.xlsx")
    assert figures(p) == figures(master)
    # the finding names the unit's file and its own cell, and the merged cell
    f, = p.temuan
    assert (f.kode, f.berkas, f.lembar, f.sel) == (
        "anggaran-kegiatan-tidak-sesuai", unit_file(2, IDEOLOGI), "Anggaran", "D4")
    assert f.pesan.endswith("(Di buku kerja gabungan: Anggaran!D5.)")


def test_unit_that_never_sent_its_file(putaran) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["tanpa_bidang"]])
    f, = [f for f in g.temuan if f.tingkat == "kesalahan"]
    assert f.kode == "bidang-belum-mengirim"
    assert f.pesan.startswith(f"Buku kerja {POLITIK} tidak ada di antara berkas")
    assert "indikator IKU2" in f.pesan and "Minta Bidang Politik Dalam Negeri mengirim" in f.pesan
    p = check_merged(g)
    assert p.has_errors and [i.kode for i in p.result.indikator] == ["IKU1", "IKU3", "IKU4",
                                                                     "IKU5"]


def test_sekretariat_that_never_sent_its_file(putaran) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["tanpa_sekretariat"]])
    f, = [f for f in g.temuan if f.tingkat == "kesalahan"]
    assert f.kode == "bidang-belum-mengirim" and f"Buku kerja {SEKRETARIAT} tidak ada" in f.pesan
    sek = units.split_by_unit(seed.seed_data())[SEKRETARIAT]["sheets"]
    assert (len(sek["LRA"]), len(sek["Pegawai"]), len(sek["Anggaran"])) == (10, 19, 1)
    for name in ("LRA", "Pegawai", "Narasi", "Anggaran"):
        assert f"{name} ({len(sek[name])} baris)" in f.pesan
    p = check_merged(g)
    assert p.has_errors and p.result.lra == [] and p.result.pegawai.jumlah == 0


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) tidak terpasang")
def test_files_that_cannot_be_used(putaran) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["tak_terpakai"]])
    by = {b.berkas: b for b in g.berkas}
    ods, xls = unit_file(3, POLITIK)[:-5] + ".ods", unit_file(2, IDEOLOGI)[:-5] + ".xls"
    assert by[ods].status == by[xls].status == by["lampiran rusak.xlsx"].status == UNREADABLE
    bad = {f.berkas: f for f in g.temuan if f.tingkat == "kesalahan"}
    assert set(bad) == {ods, xls, "lampiran rusak.xlsx"}
    assert all(f.kode == "berkas-tidak-terbaca" for f in bad.values())
    assert "OpenDocument (.ods" in bad[ods].pesan and f"kiriman {POLITIK}" in bad[ods].pesan
    assert "format lama (.xls" in bad[xls].pesan and f"kiriman {IDEOLOGI}" in bad[xls].pesan
    assert "rusak" in bad["lampiran rusak.xlsx"].pesan
    # one finding per unusable file; the units they were are not reported twice
    assert not [f for f in g.temuan if f.kode == "bidang-belum-mengirim"]
    assert g.has_unreadable and check_merged(g).has_errors


def test_resend_without_raising_revisi(putaran) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["kirim_ulang"]])
    by = {b.berkas: b for b in g.berkas}
    old, new = unit_file(4, KETAHANAN), unit_file(4, KETAHANAN).replace(".xlsx", " (1).xlsx")
    assert by[new].status == USED and by[old].status == OLD_REVISION
    assert "10/02/2025 08.00.00 UTC" in by[old].pesan and "12/02/2025 08.00.00 UTC" in by[old].pesan
    assert g.temuan == []
    assert ind(check_merged(g), "IKU3").realisasi_bulat == D(98)  # 52/53


def test_resend_with_the_same_saved_time(putaran) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["kirim_ulang_sama"]])
    assert ("konflik-revisi", "kesalahan") in kinds(g.temuan)
    msg = next(f.pesan for f in g.temuan if f.kode == "konflik-revisi")
    assert schema.META_SHEET not in msg and "tersembunyi" not in msg
    assert "Hapus berkas yang salah dari folder" in msg
    p = check_merged(g)
    assert ind(p, "IKU3").realisasi is None  # nothing picked silently
    # and no cascade about the indicator the conflict left out: the conflicts only
    assert [(f.kode, f.lembar) for f in p.temuan if f.tingkat == "kesalahan"] == [
        ("konflik-revisi", ""), ("konflik-baris", "IKU"), ("konflik-baris", "Triwulan")]


def test_unit_editing_another_units_indicator(putaran) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["ubah_bidang_lain"]])
    f, = g.temuan
    assert (f.kode, f.tingkat, f.berkas) == ("ubah-milik-bidang-lain", "kesalahan",
                                             unit_file(3, POLITIK))
    assert f"milik {KETAHANAN}" in f.pesan and "IKU IKU3 (baris 5" in f.pesan
    assert unit_file(4, KETAHANAN) in f.pesan
    p = check_merged(g)
    assert ind(p, "IKU3").realisasi_bulat == D(96)
    assert [x.kode for x in p.temuan] == ["ubah-milik-bidang-lain",
                                          "anggaran-kegiatan-tidak-sesuai"]


def test_merged_file_and_blank_template_in_the_inbox(putaran, master) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["tertinggal"]])
    by = {b.berkas: b for b in g.berkas}
    assert by[GABUNGAN_LAMA].status == SET_ASIDE and "hasil gabungan" in by[GABUNGAN_LAMA].pesan
    assert by[TEMPLAT].status == SKIPPED and "Templat kosong" in by[TEMPLAT].pesan
    assert kinds(g.temuan) == [("berkas-gabungan", "peringatan")]
    assert figures(check_merged(g)) == figures(master)


def test_instansi_typed_shorter(putaran) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["instansi_pendek"]])
    f, = [f for f in g.temuan if f.tingkat == "kesalahan"]
    assert (f.kode, f.berkas, f.lembar, f.sel) == ("instansi-lain", unit_file(3, POLITIK),
                                                   "Profil", "B4")
    assert f"\"{INSTANSI_PENDEK}\"" in f.pesan and f"\"{seed.PROFIL['instansi']}\"" in f.pesan
    assert not [x for x in g.temuan if x.kode == "bidang-belum-mengirim"]


def test_bidang_typed_otherwise(putaran, master) -> None:  # type: ignore[no-untyped-def]
    g = merge_files([putaran["bidang_salah"]])
    f, = g.temuan
    assert (f.kode, f.berkas, f.lembar, f.sel) == (
        "bidang-tidak-dikenal", unit_file(5, KEWASPADAAN), "Profil", "B7")
    assert f"Bidang \"{BIDANG_SALAH}\" di lembar Profil tidak dikenal; yang dikenal: " in f.pesan
    assert KEWASPADAAN in f.pesan and "memuat" not in f.pesan
    assert figures(check_merged(g)) == figures(master)


def test_merged_validasi_names_the_units_file(putaran, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from lkj_excel.batch.check import write_merged

    g = merge_files([putaran["lengkap"]])
    out = write_merged(g.data, check_merged(g, "G.xlsx"), tmp_path / "G.xlsx")
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = [r for r in wb[schema.VALIDASI_SHEET].iter_rows(min_row=5, values_only=True) if r[0]]
    wb.close()
    (_no, _tingkat, kode, lembar, sel, pesan, tautan), = rows
    assert (kode, lembar, sel) == ("anggaran-kegiatan-tidak-sesuai", "Anggaran", "D4")
    assert pesan.startswith(f"Berkas \"{unit_file(2, IDEOLOGI)}\": ") and tautan is None
