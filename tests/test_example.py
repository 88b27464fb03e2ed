"""The committed example workbooks: the seed report's figures, findings, per-unit split."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lkj_excel.core import engine, schema, seed, units
from lkj_excel.files.read import check_workbook
from tests.kit import ROOT

CONTOH = ROOT / "workbooks" / "contoh"
AGENCY_FILE = CONTOH / seed.NAMA_BERKAS_INSTANSI
PER_BIDANG = CONTOH / "per-bidang"
UNITS = ["Sekretariat", seed.BIDANG_IDEOLOGI, seed.BIDANG_POLITIK,
         seed.BIDANG_KETAHANAN, seed.BIDANG_KEWASPADAAN]
UNIT_FILES = [
    "01 Sekretariat.xlsx",
    "02 Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa.xlsx",
    "03 Bidang Politik Dalam Negeri.xlsx",
    "04 Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Kemasyarakatan.xlsx",
    "05 Bidang Kewaspadaan Nasional dan Penanganan Konflik.xlsx",
]


@pytest.fixture(scope="module")
def contoh() -> engine.Checked:
    return check_workbook(AGENCY_FILE)


@pytest.fixture(scope="module")
def result_json(contoh: engine.Checked) -> dict[str, Any]:
    return engine.to_json(contoh)


def _ind(contoh: engine.Checked, kode: str):
    return next(i for i in contoh.result.indikator if i.kode == kode)


def _figures(j: dict[str, Any]) -> dict[str, Any]:
    """The computed part of ``to_json`` (without file names and findings)."""
    return {k: v for k, v in j.items() if k not in ("berkas", "temuan", "bidang")}


def test_example_files_exist() -> None:
    assert AGENCY_FILE.is_file()
    assert sorted(p.name for p in PER_BIDANG.glob("*.xlsx")) == UNIT_FILES


def test_example_holds_the_seed_data(contoh: engine.Checked) -> None:
    # the committed workbook is up to date with lkj_excel/core/seed.py
    assert units.data_from_model(contoh.data) == seed.seed_data()


def test_indikator(contoh: engine.Checked) -> None:
    assert [i.kode for i in contoh.result.indikator] == ["IKU1", "IKU2", "IKU3", "IKU4", "IKU5"]
    ormas = _ind(contoh, "IKU3")
    assert ormas.sumber_realisasi == "pembilang-penyebut"
    assert (ormas.pembilang, ormas.penyebut) == (51, 53)
    assert ormas.realisasi_bulat == 96
    assert ormas.realisasi.quantize(Decimal("0.0001")) == Decimal("96.2264")
    assert ormas.capaian_bulat == 101
    assert ormas.predikat == "Sangat Baik"
    assert ormas.year_change is not None
    assert (ormas.year_change.tahun_lalu, ormas.year_change.realisasi_lalu) == (2023, 100)
    assert ormas.year_change.arah == "turun"
    for kode in ("IKU1", "IKU2", "IKU4", "IKU5"):
        ind = _ind(contoh, kode)
        assert (ind.realisasi_bulat, ind.capaian_bulat, ind.predikat) == (100, 100, "Baik")
    assert _ind(contoh, "IKU2").sumber_realisasi == "pembilang-penyebut"
    for kode, n in (("IKU1", 1), ("IKU4", 10), ("IKU5", 4)):
        ind = _ind(contoh, kode)
        assert ind.sumber_realisasi == "kejadian"
        assert (ind.pembilang, ind.penyebut) == (n, n)
    assert [i.bidang for i in contoh.result.indikator] == [UNITS[1], UNITS[2], UNITS[3],
                                                         UNITS[3], UNITS[4]]


def test_anggaran(contoh: engine.Checked) -> None:
    a = contoh.result.anggaran
    assert a.anggaran == Decimal("33660129080")
    assert a.realisasi == Decimal("32204656183")
    assert a.serapan_persen == Decimal("95.68")
    assert a.efisiensi == Decimal("1455472897")
    assert a.efisiensi_persen == Decimal("4.32")
    assert [p.serapan_persen for p in a.program] == [
        Decimal(s) for s in ("95.26", "66.40", "99.91", "89.73", "87.41", "50.27")]
    assert [p.kode_sasaran for p in a.program] == ["", "SS1", "SS2", "SS3", "SS4", "SS5"]
    assert [len(p.kegiatan) for p in a.program] == [0, 4, 3, 2, 3, 3]
    lra = {r.kode: r for r in contoh.result.lra}
    assert lra["5"].anggaran == a.anggaran and lra["5"].realisasi == a.realisasi
    assert lra["5"].serapan_persen == Decimal("95.68")
    assert lra["5.1.6"].serapan_persen == Decimal("17.77")


def test_pegawai(contoh: engine.Checked) -> None:
    p = contoh.result.pegawai
    assert p.jumlah == 43
    assert p.per_jenis == {"ASN": 31, "Tenaga Kontrak": 12}
    assert p.kelompok["ASN"]["Pangkat"][3] == ("Penata Tingkat I", 15)
    assert p.kelompok["ASN"]["Pendidikan"][-1] == ("SLTP", 0)


def test_narasi(contoh: engine.Checked) -> None:
    n = contoh.result.narasi
    assert len(n["Latar Belakang"]) == 6
    assert len(n["Dasar Hukum"]) == 7
    assert n["Dasar Hukum"][0].startswith("Peraturan Presiden Nomor 29 Tahun 2014")
    assert len(n["Strategi Peningkatan Kinerja"]) == 4
    assert n["Penutup"][0].startswith("Dalam Perencanaan Strategis (Renstra) Perubahan")
    assert n["Sumber Data Pegawai"] == ["Aplikasi SIMPEG Kota Banjarbaru"]
    assert len(n["Kata Pengantar"]) == 2 and len(n["Perencanaan Kinerja"]) == 2


def test_added_parts(contoh: engine.Checked) -> None:
    """The contract's Additions in the example: RPJMD link, reviu rows, pictures."""
    h = contoh.result
    assert sorted(h.cascading) == ["ss1", "ss2", "ss3", "ss4", "ss5"]
    assert h.cascading["ss5"]["tujuan"] == ("Meningkatkan Kualitas Kehidupan Masyarakat yang "
                                             "Sejahtera dan Berakhlak Mulia")
    assert h.reviu and h.profil["nama_inspektur"] == "Drs. RAHMAT TAUFIK, M.Si, CGCAE"
    assert [(g.bagian, g.row.row, g.picture.format) for g in h.gambar][:3] == [
        ("Kop", 4, "png"), ("Struktur Organisasi", 5, "png"), ("Lampiran", 6, "png")]
    assert [g.judul for g in h.gambar_of("Lampiran")] == list(seed.FOTO_LAMPIRAN)
    assert h.gambar[1].picture == seed.seed_data()["sheets"]["Gambar"][1]["gambar"]
    # Kejadian grouped as the seed groups them, with counts per status
    ind4 = next(i for i in h.indikator if i.kode == "IKU4")
    assert [(g.keterangan, g.per_status) for g in ind4.kejadian_groups] == [
        ("FKUB", [("Selesai", 7)]), ("P4GN", [("Selesai", 3)])]
    ind5 = next(i for i in h.indikator if i.kode == "IKU5")
    assert [(g.keterangan, g.per_status) for g in ind5.kejadian_groups] == [
        ("", [("Selesai", 1), ("Ditangani", 3)])]
    # the year in figures
    r = h.ringkas
    assert (r.n_sasaran, len(r.tercapai), len(r.belum_tercapai)) == (5, 5, 0)
    assert [i.kode for i in r.tertinggi] == ["IKU3"] and len(r.terendah) == 4
    assert h.anggaran.terendah.serapan_persen == Decimal("50.27")


def test_only_the_seed_slip_is_found(contoh: engine.Checked) -> None:
    program = next(r for r in contoh.data.anggaran
                   if r["program"] == seed.PROGRAM_IDEOLOGI and r["kegiatan"] is None)
    # the program row (under the header and the Program Penunjang row), column Anggaran
    assert program.cell("anggaran") == "D5"
    assert [(f.kode, f.tingkat, f.lembar, f.sel) for f in contoh.temuan] == [
        ("anggaran-kegiatan-tidak-sesuai", "peringatan", "Anggaran", "D5")]
    pesan = contoh.temuan[0].pesan
    assert "Rp 2.067.763.150,00" in pesan and "Rp 2.067.763.000,00" in pesan
    assert "selisih Rp 150,00" in pesan
    assert not contoh.has_errors


def test_to_json(result_json: dict[str, Any]) -> None:
    j = result_json
    assert (j["instansi"], j["tahun"], j["bidang"]) == (
        "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru", 2024, "Sekretariat")
    ind = {i["kode"]: i for i in j["indikator"]}
    assert list(ind) == ["IKU1", "IKU2", "IKU3", "IKU4", "IKU5"]
    expected = {
        "kode": "IKU3", "kode_sasaran": "SS3",
        "sasaran": "Meningkatnya Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan",
        "indikator": "Persentase Ormas yang Aktif", "satuan": "%", "polaritas": "Positif",
        "target": 95, "realisasi": 96, "realisasi_tepat": 96.2264, "capaian": 101,
        "capaian_tepat": 101.291, "predikat": "Sangat Baik",
        "sumber_realisasi": "pembilang-penyebut"}
    assert {k: ind["IKU3"][k] for k in expected} == expected
    # every other input of PK and IKU is carried too (schema.INDIKATOR_CARRIED)
    assert (ind["IKU3"]["pembilang"], ind["IKU3"]["penyebut"]) == (51, 53)
    assert ind["IKU3"]["bidang"] == seed.BIDANG_KETAHANAN
    assert ind["IKU3"]["analisis"].startswith("Berdasarkan data Bidang Ketahanan")
    assert set(ind["IKU3"]) == ({o.key for o in schema.INDIKATOR_OUTPUT}
                                | {c.key for c in schema.INDIKATOR_CARRIED})
    assert [(i["realisasi"], i["capaian"], i["predikat"], i["sumber_realisasi"])
            for k, i in ind.items() if k != "IKU3"] == [
        (100, 100, "Baik", "kejadian"), (100, 100, "Baik", "pembilang-penyebut"),
        (100, 100, "Baik", "kejadian"), (100, 100, "Baik", "kejadian")]
    a = j["anggaran"]
    assert (a["anggaran"], a["realisasi"], a["serapan_persen"], a["efisiensi"],
            a["efisiensi_persen"]) == (33660129080, 32204656183, 95.68, 1455472897, 4.32)
    assert [p["serapan_persen"] for p in a["program"]] == [
        95.26, 66.4, 99.91, 89.73, 87.41, 50.27]
    assert a["program"][1]["kegiatan"][1] == {
        "kegiatan": "Pelaksanaan Kebijakan di Bidang Ideologi Wawasan Kebangsaan, Bela "
                    "Negara, Karakter Bangsa, Pembauran Kebangsaan, Bineka Tunggal Ika dan "
                    "Sejarah Kebangsaan",
        "anggaran": 1732527800, "realisasi": None}
    assert j["pegawai"]["jumlah"] == 43
    assert j["pegawai"]["per_jenis"] == {"ASN": 31, "Tenaga Kontrak": 12}
    assert j["pegawai"]["kelompok"]["Tenaga Kontrak"]["Pendidikan"][4] == {
        "uraian": "SLTP", "jumlah": 3}
    assert [(t["kode"], t["lembar"]) for t in j["temuan"]] == [
        ("anggaran-kegiatan-tidak-sesuai", "Anggaran")]
    assert j["temuan"][0]["berkas"] == AGENCY_FILE.name


@pytest.mark.parametrize("index", range(len(UNITS)))
def test_unit_example_reads_back_with_its_own_rows(index: int) -> None:
    unit = UNITS[index]
    p = check_workbook(PER_BIDANG / UNIT_FILES[index])
    got = units.data_from_model(p.data)
    want = units.split_by_unit(seed.seed_data())[unit]
    assert got == want
    assert got["profil"]["bidang"] == unit
    for name, rows in got["sheets"].items():
        for row in rows:
            assert units.owner(name, row, seed.seed_data()) == unit
    if unit != "Sekretariat":
        assert all(not got["sheets"][s] for s in units.AGENCY_SHEETS)
        assert got["sheets"]["PK"] and all(r["bidang"] == unit for r in got["sheets"]["PK"])
        assert not p.has_errors, [f.pesan for f in p.temuan]


def test_unit_examples_findings() -> None:
    found = {}
    for name in UNIT_FILES:
        p = check_workbook(PER_BIDANG / name)
        assert not p.has_errors, (name, [f.pesan for f in p.temuan])
        found[name] = [(f.kode, f.lembar, f.sel) for f in p.temuan]
    # the seed's Rp 150 slip travels with the program's unit (header row 3, program row 4)
    assert found[UNIT_FILES[1]] == [("anggaran-kegiatan-tidak-sesuai", "Anggaran", "D4")]
    assert found[UNIT_FILES[2]] == found[UNIT_FILES[3]] == found[UNIT_FILES[4]] == []
    # the Sekretariat's part holds the whole LRA but only its own program: the engine warns
    # that program and LRA totals differ (a per-unit workbook cannot tell it is one)
    assert set(found[UNIT_FILES[0]]) <= {("anggaran-lra-tidak-sesuai", "Anggaran", "")}


def test_unit_examples_figures(contoh: engine.Checked) -> None:
    """Each unit's workbook computes its own indicators as the agency workbook does."""
    whole = {i.kode: i for i in contoh.result.indikator}
    seen = []
    for name in UNIT_FILES:
        p = check_workbook(PER_BIDANG / name)
        for ind in p.result.indikator:
            w = whole[ind.kode]
            assert (ind.realisasi, ind.capaian_bulat, ind.predikat, ind.sumber_realisasi) == (
                w.realisasi, w.capaian_bulat, w.predikat, w.sumber_realisasi)
            seen.append(ind.kode)
    assert sorted(seen) == ["IKU1", "IKU2", "IKU3", "IKU4", "IKU5"]


def test_split_merge_round_trip_through_files(tmp_path: Path, contoh: engine.Checked,
                                              result_json: dict[str, Any]) -> None:
    from lkj_excel.files.template import write_workbook

    data = units.data_from_model(contoh.data)
    parts = []
    for i, (unit, part) in enumerate(units.split_by_unit(data).items(), 1):
        path = tmp_path / units.unit_filename(i, unit)
        write_workbook(path, part)
        parts.append(units.data_from_model(check_workbook(path).data))
    merged = units.merge_units(parts)
    assert merged == data
    out = tmp_path / "gabungan.xlsx"
    write_workbook(out, merged)
    again = check_workbook(out)
    assert _figures(engine.to_json(again)) == _figures(result_json)
    assert [(f.kode, f.lembar, f.sel) for f in again.temuan] == \
        [(f.kode, f.lembar, f.sel) for f in contoh.temuan]


def test_schema_sheets_all_written(contoh: engine.Checked) -> None:
    for sheet in schema.DATA_SHEETS:
        assert sheet.name in contoh.data.sheet_names
        assert contoh.data.header_rows[sheet.name] >= 1


HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


@pytest.mark.libreoffice
@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) tidak terpasang")
def test_example_formulas_after_libreoffice(tmp_path: Path) -> None:
    """Recalculated by LibreOffice, the example's formula cells show the seed's figures."""
    from lkj_excel.files.libreoffice import recalc

    (path,) = recalc([AGENCY_FILE], tmp_path)
    p = check_workbook(path)
    assert [(f.kode, f.sel) for f in p.temuan] == [("anggaran-kegiatan-tidak-sesuai", "D5")]
    shown = {i.kode: i.iku_row.computed for i in p.result.indikator}
    assert Decimal(str(shown["IKU3"]["capaian"])) == 101
    assert shown["IKU3"]["predikat"] == "Sangat Baik"
    assert Decimal(str(shown["IKU3"]["realisasi_dihitung"])).quantize(Decimal("0.0001")) == \
        Decimal("96.2264")
    for kode in ("IKU1", "IKU2", "IKU4", "IKU5"):
        assert (Decimal(str(shown[kode]["capaian"])), shown[kode]["predikat"]) == (100, "Baik")
    serapan = [Decimal(str(r.computed["serapan"])).quantize(Decimal("0.01"))
               for r in p.data.anggaran if r["kegiatan"] is None]
    assert serapan == [Decimal(s) for s in
                       ("95.26", "66.40", "99.91", "89.73", "87.41", "50.27")]


def test_write_examples_writes_the_committed_set(tmp_path: Path) -> None:
    from lkj_excel.files.examples import write_examples

    written = write_examples(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        AGENCY_FILE.name, *(f"per-bidang/{n}" for n in UNIT_FILES)]
    for new in written:
        old = CONTOH / new.relative_to(tmp_path)
        assert units.data_from_model(check_workbook(new).data) == \
            units.data_from_model(check_workbook(old).data)
