"""The SAKIP year's documents on the seed: the Perjanjian Kinerja (its text: the parties,
every indicator and target, every program and budget, the quarterly targets) and the
Laporan Capaian Kinerja Triwulan; their templates are the builder script's output."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lkj_excel.core.seed import seed_data
from lkj_excel.files.read import check_workbook
from lkj_excel.report import pk, triwulan
from lkj_excel.report.document import ISIAN_KOSONG, render_bytes
from lkj_excel.report.render import jinja_env
from tests.kit import ROOT
from tests.report.test_report import _seed_workbook, docx_text


DOTS = ISIAN_KOSONG


@pytest.fixture(scope="module")
def seed_p(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return check_workbook(_seed_workbook(tmp_path_factory.mktemp("seed")))


@pytest.fixture(scope="module")
def pk_text(seed_p) -> str:  # type: ignore[no-untyped-def]
    return docx_text(render_bytes(pk.TEMPLATE, pk.pk_context(seed_p)))


# ---------------------------------------------------------------------------
# Perjanjian Kinerja
# ---------------------------------------------------------------------------

def test_pk_statement_page(pk_text: str) -> None:
    lines = pk_text.splitlines()
    assert lines[:3] == ["PERJANJIAN KINERJA TAHUN 2024",
                         "BADAN KESATUAN BANGSA DAN POLITIK KOTA BANJARBARU", pk.PEMBUKA]
    for line in (
        "Nama | : | H. RIZANA MIRZA, SH, M.Kes",
        "Jabatan | : | Kepala Badan Kesatuan Bangsa dan Politik Kota Banjarbaru",
        "selanjutnya disebut pihak pertama",
        # the seed names the Walikota's office, not the person: a dotted line to fill
        f"Nama | : | {DOTS}",
        "Jabatan | : | Walikota Banjarbaru",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.",
        *pk.JANJI,
        " | Banjarbaru, Januari 2024",
        "Pihak Kedua, | Pihak Pertama,",
        "Walikota Banjarbaru | Kepala Badan Kesatuan Bangsa dan Politik Kota Banjarbaru",
        f"{DOTS} | H. RIZANA MIRZA, SH, M.Kes",
        " | Pembina Utama Muda",
        " | NIP. 19660828 199303 1 007",
    ):
        assert line in lines, line
    # the statement comes before the annex, signed again under the annex
    assert pk_text.index(pk.JANJI[1]) < pk_text.index("LAMPIRAN PERJANJIAN KINERJA TAHUN 2024")
    assert pk_text.count("Pihak Kedua, | Pihak Pertama,") == 2


def test_pk_annex_every_indicator_target_program_budget(pk_text: str) -> None:
    data = seed_data()
    lines = pk_text.splitlines()
    for n, row in enumerate(data["sheets"]["PK"], 1):
        target = f"{row['target']}%"
        assert f"{n} | {row['sasaran']} | {row['indikator']} | {target}" in lines
    assert "3 | Meningkatnya Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan | " \
           "Persentase Ormas yang Aktif | 95%" in lines
    assert "Perjanjian kinerja ini memuat 5 (lima) sasaran strategis dengan 5 (lima) " \
           "indikator kinerja:" in lines
    # the quarterly targets (Triwulan)
    assert ("2 | Persentase Peran Partai Politik Dalam Pendidikan Politik dan Pengembangan "
            "Etika Serta Budaya Politik | 25% | 50% | 75% | 100% | 100%") in lines
    assert "3 | Persentase Ormas yang Aktif | 95% | 95% | 95% | 95% | 95%" in lines
    programs = [r for r in data["sheets"]["Anggaran"] if r["kegiatan"] is None]
    expected = ["Rp 7.295.723.830,00", "Rp 2.067.763.000,00", "Rp 22.880.348.450,00",
                "Rp 115.000.000,00", "Rp 713.596.300,00", "Rp 587.697.500,00"]
    keterangan = ["Program penunjang", *(f"Sasaran Strategis {r}" for r in
                                         ("I", "II", "III", "IV", "V"))]
    for n, (row, rp, ket) in enumerate(zip(programs, expected, keterangan, strict=True), 1):
        assert f"{n} | {row['program']} | {rp} | {ket}" in lines
    assert " | Jumlah | Rp 33.660.129.080,00 | " in lines


def test_pk_without_quarters_parties_or_date(tmp_path: Path) -> None:
    data = seed_data()
    data["sheets"]["Triwulan"] = []
    data["profil"].update(nama_pemberi_amanah=None, tanggal_pk=None)
    p = check_workbook(_seed_workbook(tmp_path, data))
    text = docx_text(render_bytes(pk.TEMPLATE, pk.pk_context(p)))
    assert "Target Triwulan" not in text and "TW I" not in text
    blank = "." * 30
    assert f"Nama | : | {blank}" in text
    assert f" | Banjarbaru, {blank}" in text
    assert pk.missing(p) == ["Nama Pemberi Amanah (Profil!B16)",
                             "Tanggal Perjanjian Kinerja (Profil!B25)"]
    import datetime as dt

    ctx = pk.pk_context(p, dt.date(2024, 1, 2))
    assert ctx["tempat_tanggal"] == "Banjarbaru, 2 Januari 2024"
    assert pk.missing(p, dt.date(2024, 1, 2)) == ["Nama Pemberi Amanah (Profil!B16)"]


# ---------------------------------------------------------------------------
# Laporan Capaian Kinerja Triwulan
# ---------------------------------------------------------------------------

def test_quarterly_report_ii(seed_p) -> None:  # type: ignore[no-untyped-def]
    ctx = triwulan.triwulan_context(seed_p, 2)
    text = docx_text(render_bytes(triwulan.TEMPLATE, ctx))
    lines = text.splitlines()
    assert lines[:3] == ["LAPORAN CAPAIAN KINERJA TRIWULAN II TAHUN 2024",
                         "BADAN KESATUAN BANGSA DAN POLITIK KOTA BANJARBARU",
                         "Periode 1 Januari s.d. 30 Juni 2024"]
    assert "3 | Persentase Ormas yang Aktif | 95% | 95% | 92% | 97% | Baik" in lines
    assert ("2 | Persentase Peran Partai Politik Dalam Pendidikan Politik dan Pengembangan "
            "Etika Serta Budaya Politik | 100% | 50% | 56% | 111% | Sangat Baik") in lines
    # up to quarter II: I and II, with their Rencana Aksi lines
    assert "I | 25% | 22% | 89% | Verifikasi proposal bantuan keuangan partai politik | -" in lines
    assert ("II | 50% | 56% | 111% | Penyaluran bantuan keuangan kepada 9 partai politik; "
            "Fasilitasi pendidikan politik bagi pemilih pemula | -") in lines
    assert "III | 75%" not in text
    # the budget up to quarter II
    assert ("Realisasi anggaran sampai dengan Triwulan II sebesar Rp 14.050.100.000,00 atau "
            "41,74% dari pagu anggaran Rp 33.660.129.080,00, dengan proporsi waktu yang telah "
            "berjalan 50%.") in lines
    assert ("2 | Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan | "
            "Rp 2.067.763.000,00 | Rp 512.000.000,00 | 24,76%") in lines
    assert " | Jumlah | Rp 33.660.129.080,00 | Rp 14.050.100.000,00 | 41,74%" in lines
    # what lags: the ormas indicator, and the programs under half their budget
    assert ("Indikator Persentase Ormas yang Aktif belum mencapai target Triwulan II: "
            "realisasi 92% dari target 95%, capaian 97%.") in text
    assert "Serapan anggaran Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan " \
           "sampai dengan Triwulan II baru 24,76%" in text
    assert "H. RIZANA MIRZA, SH, M.Kes" in text


def test_quarterly_report_i_and_iv(seed_p) -> None:  # type: ignore[no-untyped-def]
    one = triwulan.triwulan_context(seed_p, 1)
    assert one["periode"] == "1 Januari s.d. 31 Maret 2024"
    assert one["tertinggal"][:2] == [
        "Indikator Persentase Peran Partai Politik Dalam Pendidikan Politik dan Pengembangan "
        "Etika Serta Budaya Politik belum mencapai target Triwulan I: realisasi 22% dari "
        "target 25%, capaian 89%.",
        "Indikator Persentase Ormas yang Aktif belum mencapai target Triwulan I: realisasi 91% "
        "dari target 95%, capaian 95%."]
    four = triwulan.triwulan_context(seed_p, 4)
    ormas = next(i for i in four["indikator"] if i["kode"] == "IKU3")
    # Triwulan IV is the year: the seed's 96% and 101%
    assert (ormas["realisasi"], ormas["capaian"], ormas["predikat"]) == (
        "96%", "101%", "Sangat Baik")
    assert not [t for t in four["tertinggal"] if t.startswith("Indikator")]
    assert four["anggaran"]["serapan"] == "95,68%"


def test_quarterly_report_without_quarters(tmp_path: Path) -> None:
    data = seed_data()
    data["sheets"]["Triwulan"] = []
    data["sheets"]["Anggaran Triwulan"] = []
    p = check_workbook(_seed_workbook(tmp_path, data))
    text = docx_text(render_bytes(triwulan.TEMPLATE, triwulan.triwulan_context(p, 3)))
    assert "Target dan realisasi triwulan belum diisi pada lembar Triwulan." in text
    assert "Realisasi anggaran per triwulan belum diisi pada lembar Anggaran Triwulan." in text


# ---------------------------------------------------------------------------
# The templates
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(("module", "args"), [(pk, ()), (triwulan, (2,))])
def test_template_variables_all_provided(seed_p, module, args) -> None:  # type: ignore[no-untyped-def]
    from docxtpl import DocxTemplate

    names = DocxTemplate(str(module.TEMPLATE)).get_undeclared_template_variables(jinja_env())
    ctx = module.pk_context(seed_p) if module is pk else module.triwulan_context(seed_p, *args)
    assert names and not names - set(ctx), names - set(ctx)


def test_committed_templates_are_the_builders_output(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_templat_dokumen.py"),
                    "--folder", str(tmp_path)], check=True, capture_output=True)
    for name in ("pk.docx", "triwulan.docx"):
        with zipfile.ZipFile(tmp_path / name) as new, \
                zipfile.ZipFile(ROOT / "lkj_excel" / "templates" / name) as old:
            for part in ("word/document.xml", "word/styles.xml"):
                assert new.read(part) == old.read(part), (
                    f"{name}: stale; run scripts/buat_templat_dokumen.py")


def test_templates_use_named_styles_only() -> None:
    from docx import Document

    for template in (pk.TEMPLATE, triwulan.TEMPLATE):
        doc = Document(str(template))
        used = {p.style.name for p in doc.paragraphs}
        assert {"LKj Judul", "LKj Isi"} <= used
        for p in doc.paragraphs:
            for r in p.runs:  # no direct font or size: restyling the styles restyles all
                assert r.font.name is None and r.font.size is None


def test_pk_program_matches_its_sasaran_code_as_the_engine_does(tmp_path: Path) -> None:
    """A program's Kode Sasaran typed in other case or with spaces ("ss1 ") is the sasaran
    "SS1" in the PK's program table, as in the engine (norm), not "Program penunjang"."""
    from lkj_excel.batch.check import check_data

    data = seed_data()
    progs = [r for r in data["sheets"]["Anggaran"] if r.get("kode_sasaran")]
    assert progs
    first = progs[0]
    typed = first["kode_sasaran"]
    expected = pk.pk_context(check_data(data))["program"]
    first["kode_sasaran"] = f" {typed.lower()} "
    got = pk.pk_context(check_data(data))["program"]
    assert [g["keterangan"] for g in got] == [e["keterangan"] for e in expected]
    assert any(e["keterangan"].startswith("Sasaran Strategis") for e in expected)
