"""The report (`lkj laporan`): context, Word rendering and the command, on the seed's data."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lkj_excel.cli import main
from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
from lkj_excel.files.read import check_workbook
from lkj_excel.report.context import build_context
from lkj_excel.report.render import CHART_VARIABLES, DEFAULT_TEMPLATE, render_bytes
from tests.kit import ROOT

NBSP = "\u00a0"


def _seed_workbook(folder: Path, data: dict | None = None) -> Path:
    """The example workbook from workbooks/contoh when it exists, else written from the
    seed data."""
    contoh = ROOT / "workbooks" / "contoh" / NAMA_BERKAS_INSTANSI
    path = folder / NAMA_BERKAS_INSTANSI
    if data is None and contoh.exists():
        shutil.copyfile(contoh, path)
        return path
    from lkj_excel.files.template import write_workbook

    write_workbook(path, data if data is not None else seed_data())
    return path


@pytest.fixture(scope="module")
def seed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _seed_workbook(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def seed_p(seed_path: Path):  # type: ignore[no-untyped-def]
    return check_workbook(seed_path)


def docx_text(data_or_path: bytes | Path) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(data_or_path) if isinstance(data_or_path, bytes)
                   else str(data_or_path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    for s in doc.sections:
        parts += [p.text for p in s.header.paragraphs]
    return "\n".join(parts).replace(NBSP, " ")


@pytest.fixture(scope="module")
def seed_text(seed_p) -> str:  # type: ignore[no-untyped-def]
    return docx_text(render_bytes(seed_p))


# ---------------------------------------------------------------------------
# context
# ---------------------------------------------------------------------------

def test_context_seed_figures(seed_p) -> None:  # type: ignore[no-untyped-def]
    c = build_context(seed_p)
    ormas = next(i for i in c["indikator"] if i["kode"] == "IKU3")
    assert (ormas["target"], ormas["realisasi"], ormas["capaian"], ormas["predikat"]) == (
        "95%", "96%", "101%", "Sangat Baik")
    assert ormas["perhitungan"] == "51/53 x 100% = 96%"
    assert ormas["perubahan"].endswith("turun dari 100% (2023) menjadi 96% (2024).")
    assert [i["predikat"] for i in c["indikator"]].count("Baik") == 4
    assert c["jumlah_sasaran"] == "5 (lima)"
    assert c["pegawai"]["jumlah"] == 43
    assert "didukung oleh 43 orang pegawai" in c["pegawai"]["kalimat"]
    a = c["anggaran"]
    assert (a["serapan"], a["efisiensi"], a["efisiensi_persen"]) == (
        "95,68%", f"Rp{NBSP}1.455.472.897,00", "4,32%")
    prog = next(p for p in a["program"] if p["nama"].startswith("Program Penguatan Ideologi"))
    assert "dijabarkan dalam 4 (empat) kegiatan" in prog["kalimat"]
    assert c["analisis"]["turun"] == [ormas["perubahan"]]
    # numbering follows the template's order, without gaps
    nomor = [t["nomor"] for t in c["pegawai"]["tabel"]]
    assert nomor == ["Tabel 1.1", "Tabel 1.2", "Tabel 1.3", "Tabel 1.4"]
    bab3 = [c["tabel_iku"], *(i["tabel"] for i in c["indikator"]), c["riwayat"]["nomor"],
            c["renstra"]["nomor"], c["lra"]["nomor"], a["nomor_tabel"]]
    assert bab3 == [f"Tabel 3.{n}" for n in range(1, 11)]
    # nothing to compare with the national standard or other regions: no table, one
    # sentence each (no number taken)
    assert (c["standar"]["nomor"], c["pembanding"]["nomor"]) == ("", "")
    assert not c["standar"]["ada"] and not c["pembanding"]["ada"]
    assert (c["gambar_capaian_nomor"], a["nomor_gambar"]) == ("Gambar 3.1", "Gambar 3.2")
    assert [g["nomor"] for g in c["gambar"]["struktur"]] == ["Gambar 1.1"]
    assert [g["nomor"] for g in c["gambar"]["lampiran"]] == [f"Gambar L.{n}" for n in range(1, 7)]


def test_budget_sentence_right_way_round(seed_p) -> None:  # type: ignore[no-untyped-def]
    s = build_context(seed_p)["anggaran"]["kalimat_kesimpulan"].replace(NBSP, " ")
    assert ("realisasi anggaran Rp 32.204.656.183,00 dari pagu anggaran sebesar "
            "Rp 33.660.129.080,00") in s


def test_template_variables_all_provided(seed_p) -> None:  # type: ignore[no-untyped-def]
    from docxtpl import DocxTemplate

    from lkj_excel.report.render import jinja_env

    names = DocxTemplate(str(DEFAULT_TEMPLATE)).get_undeclared_template_variables(jinja_env())
    missing = names - set(build_context(seed_p)) - set(CHART_VARIABLES)
    assert names and not missing, missing


def test_optional_parts_left_out(tmp_path: Path) -> None:
    data = seed_data()
    for name in ("Riwayat", "Pembanding", "Narasi", "Kejadian"):
        data["sheets"][name] = []
    for row in data["sheets"]["IKU"]:
        row["target_renstra"] = None
    data["sheets"]["Target Renstra"] = []
    p = check_workbook(_seed_workbook(tmp_path, data))
    c = build_context(p)
    assert not c["riwayat"]["ada"] and not c["pembanding"]["ada"] and not c["renstra"]["ada"]
    assert c["analisis"]["turun"] == []
    text = docx_text(render_bytes(p))
    assert "None" not in text
    assert "Perbandingan Realisasi Kinerja Tahun 2022" not in text
    assert "lembar Riwayat kosong" in text
    assert "Strategi peningkatan kinerja belum diisi" in text


def test_target_renstra_worded_as_a_number() -> None:
    """``number_or_category`` (Target Akhir Renstra) prints as a number column does; a
    category as it is."""
    from decimal import Decimal

    from lkj_excel.report.context import _worded

    assert _worded(Decimal("95.5"), "number_or_category", "%") == "95,5%"
    assert _worded(Decimal("95.5"), "number_or_category", "%") == _worded(
        Decimal("95.5"), "number", "%")
    assert _worded(Decimal("3.25"), "number_or_category", "indeks") == "3,25 indeks"
    assert _worded("WTP", "number_or_category", "opini") == "WTP"
    assert _worded(None, "number_or_category", "%") == "-"


def test_target_renstra_in_the_context(tmp_path: Path) -> None:
    from decimal import Decimal

    data = seed_data()
    row = data["sheets"]["IKU"][0]
    row["target_renstra"] = Decimal("95.5")
    c = build_context(check_workbook(_seed_workbook(tmp_path, data)))
    item = next(i for i in c["indikator"] if i["kode"] == row["kode_indikator"])
    assert item["satuan"] == "%"
    assert item["target_renstra"] == "95,5%" == item["renstra"]


# ---------------------------------------------------------------------------
# the Word document
# ---------------------------------------------------------------------------

def test_docx_says_what_the_seed_says(seed_text: str) -> None:
    t = seed_text
    data = seed_data()["sheets"]
    for row in data["PK"]:
        assert row["sasaran"] in t and row["indikator"] in t
    for row in data["Kejadian"]:
        assert row["uraian"] in t
    for row in data["LRA"]:
        assert row["uraian"] in t
    for needle in ("51/53 x 100% = 96%", "95%", "96%", "101%", "Sangat Baik", "Baik",
                   "95,68%", "Rp 1.455.472.897,00", "4,32%",
                   "didukung oleh 43 orang pegawai", "43 orang",
                   "33.660.129.080,00 | 32.204.656.183,00 | 95,68 | 23.443.482.654,00",
                   "Tahun 2022 | Tahun 2023 | Tahun 2024",
                   "Persentase Ormas yang Aktif | 92% | 100% | 96%",
                   "turun dari 100% (2023) menjadi 96% (2024)",
                   "dijabarkan dalam 4 (empat) kegiatan",
                   "H. RIZANA MIRZA, SH, M.Kes", "NIP. 19660828 199303 1 007",
                   "Pembina Utama Muda", "Banjarbaru, Februari 2025",
                   "Tabel 3.1", "Gambar 3.2", "LAMPIRAN"):
        assert needle in t, needle
    # the seed signs with month and year only (27 Februari 2025 is the Inspektorat's reviu)
    assert "27 Februari 2025" not in t.split("PERNYATAAN TELAH DIREVIU")[0]
    assert "None" not in t
    assert "{{" not in t and "{%" not in t


def test_golden_sentences(seed_text: str) -> None:
    assert ("Target indikator Persentase Ormas yang Aktif pada tahun 2024 adalah 95%, "
            "sedangkan realisasinya sebesar 96%. Dengan demikian capaian kinerjanya adalah "
            "101% (Sangat Baik).") in seed_text
    assert ("Pada tahun 2024, realisasi anggaran program Badan Kesatuan Bangsa dan Politik "
            "Kota Banjarbaru sebesar Rp 32.204.656.183,00 dari pagu Rp 33.660.129.080,00, atau "
            "serapan 95,68%; sisa anggaran sebesar Rp 1.455.472.897,00 (4,32%).") in seed_text
    assert ("Karena seluruh target kinerja tercapai, sisa anggaran tersebut merupakan "
            "efisiensi") in seed_text
    assert ("Dalam menunjang pelaksanaan kegiatan pada tahun 2024, Badan Kesbangpol Kota "
            "Banjarbaru didukung oleh 43 orang pegawai, dengan rincian sebagai berikut:"
            ) in seed_text
    assert ("Indikator kinerja Persentase Ormas yang Aktif: realisasi 96% dari target 95%, "
            "capaian kinerjanya 101% (Sangat Baik).") in seed_text


def test_docx_has_charts_toc_and_repeating_headers(seed_p) -> None:  # type: ignore[no-untyped-def]
    import io

    data = render_bytes(seed_p)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert len(media) == 8  # the example's pictures (the charts are chart parts)
    assert len([n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]) == 2
    assert "TOC \\o" in body and "w:tblHeader" in body
    # the table of contents is filled: nothing asks to update fields when it opens
    assert "updateFields" not in settings and "w:dirty" not in body


def test_special_characters_survive(tmp_path: Path) -> None:
    data = seed_data()
    nama = 'Badan "Uji" <Kesbangpol> & Politik'
    data["profil"]["instansi"] = nama
    data["sheets"]["PK"][0]["indikator"] = "Indeks A & B < 5 \"kutip\" 'tunggal'"
    p = check_workbook(_seed_workbook(tmp_path, data))
    t = docx_text(render_bytes(p))
    assert nama in t
    assert "Indeks A & B < 5 \"kutip\" 'tunggal'" in t
    assert "&amp;" not in t and "&lt;" not in t


# ---------------------------------------------------------------------------
# the command
# ---------------------------------------------------------------------------

@pytest.fixture
def no_layout(monkeypatch):  # type: ignore[no-untyped-def]
    """The command without LibreOffice (no layout run: the tests below need none)."""
    import lkj_excel.report.pdf as pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)


def test_command_writes_docx(seed_path: Path, tmp_path: Path, capsys, no_layout) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "hasil"
    assert main(["laporan", str(seed_path), "--out", str(out)]) == 0
    target = out / "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru 2024.docx"
    assert target.exists()
    assert [p.name for p in out.iterdir()] == [target.name]  # no temp files left
    assert "51/53 x 100% = 96%" in docx_text(target)


def test_command_refuses_errors_unless_paksa(tmp_path: Path, capsys, no_layout) -> None:  # type: ignore[no-untyped-def]
    data = seed_data()
    data["sheets"]["LRA"][0]["anggaran"] = 1  # parent no longer the sum of its children
    path = _seed_workbook(tmp_path, data)
    out = tmp_path / "hasil"
    assert main(["laporan", str(path), "--out", str(out)]) == 1
    assert not out.exists() or not any(out.iterdir())
    assert "--paksa" in capsys.readouterr().err
    assert main(["laporan", str(path), "--out", str(out), "--paksa"]) == 1
    (docx,) = out.glob("*.docx")
    first = docx_text(docx).split("DAFTAR ISI")[0]
    assert "PERHATIAN: laporan ini disusun dari data yang masih mengandung" in first


def test_command_unreadable_and_bad_calls(tmp_path: Path, seed_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    assert main(["laporan", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert main(["laporan", str(seed_path), "--out", str(tmp_path / "o"),
                 "--templat", str(tmp_path / "tidak-ada.docx")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "tidak ditemukan" in err


def test_file_name_stays_inside_out_dir(tmp_path: Path) -> None:
    data = seed_data()
    data["profil"]["instansi"] = "../../CON/..\\Dinas: A|B"
    p = check_workbook(_seed_workbook(tmp_path, data))
    from lkj_excel.report.render import render_docx

    out = tmp_path / "hasil"
    path = render_docx(p, out)
    assert path.parent == out.resolve()
    assert "/" not in path.name and "\\" not in path.name and ":" not in path.name


def test_several_files_merged_or_refused(tmp_path: Path, capsys, no_layout) -> None:  # type: ignore[no-untyped-def]
    from lkj_excel.core.units import split_by_unit
    from lkj_excel.files.template import write_workbook

    paths = []
    for i, part in enumerate(split_by_unit(seed_data()).values()):
        paths.append(tmp_path / f"{i:02d}.xlsx")
        write_workbook(paths[-1], part)
    out = tmp_path / "hasil"
    code = main(["laporan", *map(str, paths), "--out", str(out)])
    assert code == 0
    (docx,) = out.glob("*.docx")
    assert "51/53 x 100% = 96%" in docx_text(docx)


def test_pdf_without_libreoffice_still_writes_docx(seed_path: Path, tmp_path: Path,
                                                    monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))
    import lkj_excel.files.libreoffice as lo

    monkeypatch.setattr(lo, "_CANDIDATES", ("soffice-tidak-ada",))
    out = tmp_path / "hasil"
    assert main(["laporan", str(seed_path), "--out", str(out), "--pdf"]) == 0
    assert list(out.glob("*.docx")) and not list(out.glob("*.pdf"))
    assert "apt-get install libreoffice-writer-nogui" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# PDF (LibreOffice)
# ---------------------------------------------------------------------------

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice tidak ada")


@pytest.mark.libreoffice
@needs_lo
def test_pdf_of_the_seed(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    assert main(["laporan", str(seed_path), "--out", str(out), "--pdfa"]) == 0
    (pdf,) = out.glob("*.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    assert 15 <= pages <= 60
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout.replace(NBSP, " ")
    flat = " ".join(text.split())
    # the table of contents was filled in (entries with page numbers)
    toc = flat.split("DAFTAR ISI")[1].split("BAB I PENDAHULUAN 1.1")[0]
    assert "1.1 Latar Belakang" in toc and "BAB IV PENUTUP" in toc
    assert "Perbarui Bidang" not in flat
    for needle in ("51/53 x 100% = 96%", "101%", "Sangat Baik", "95,68%",
                   "Rp 1.455.472.897,00", "didukung oleh 43 orang pegawai",
                   "H. RIZANA MIRZA, SH, M.Kes", "NIP. 19660828 199303 1 007",
                   "turun dari 100% (2023) menjadi 96% (2024)", "BELANJA DAERAH"):
        assert needle in flat, needle
    assert b"pdfaid:part>2<" in pdf.read_bytes().replace(b"</", b"<")



def test_restyled_template_is_used(seed_path: Path, tmp_path: Path, no_layout) -> None:
    """The secretariat restyles the Word template (fonts, a heading) and passes --templat."""
    from docx import Document
    from docx.shared import Pt

    doc = Document(str(DEFAULT_TEMPLATE))
    normal = doc.styles["Normal"]
    normal.font.name = "Carlito"
    normal.font.size = Pt(13)
    doc.sections[0].header.paragraphs[0].add_run(" — KOP SURAT SEKRETARIAT")
    mine = tmp_path / "templat-sekretariat.docx"
    doc.save(str(mine))
    out = tmp_path / "hasil"
    assert main(["laporan", str(seed_path), "--out", str(out), "--templat", str(mine)]) == 0
    (docx,) = out.glob("*.docx")
    rendered = Document(str(docx))
    assert rendered.styles["Normal"].font.name == "Carlito"
    assert rendered.styles["Normal"].font.size == Pt(13)
    text = docx_text(docx)
    assert "KOP SURAT SEKRETARIAT" in text
    assert "51/53 x 100% = 96%" in text  # the data still comes from the workbook


def test_broken_custom_template_is_a_clear_error(seed_path: Path, tmp_path: Path,
                                                capsys) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    doc = Document(str(DEFAULT_TEMPLATE))
    doc.add_paragraph("{{ profil.instansi ")  # an unclosed jinja tag typed in Word
    mine = tmp_path / "rusak.docx"
    doc.save(str(mine))
    assert main(["laporan", str(seed_path), "--out", str(tmp_path / "o"),
                 "--templat", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "tidak dapat dipakai" in err and "Traceback" not in err


def test_salin_templat_and_use_it(seed_path: Path, tmp_path: Path, capsys, no_layout) -> None:  # type: ignore[no-untyped-def]
    mine = tmp_path / "templat-kami.docx"
    assert main(["laporan", "--salin-templat", str(mine)]) == 0
    assert mine.read_bytes() == DEFAULT_TEMPLATE.read_bytes()
    out = capsys.readouterr().out
    assert "Templat Word ditulis" in out and "--templat" in out
    assert main(["laporan", str(seed_path), "--out", str(tmp_path / "o"),
                 "--templat", str(mine)]) == 0
    assert main(["laporan", "--salin-templat", str(tmp_path / "salah.txt")]) == 2
    assert "harus berakhiran .docx" in capsys.readouterr().err


def test_command_builds_the_context_once(seed_path: Path, tmp_path: Path, monkeypatch,
                                        no_layout) -> None:  # type: ignore[no-untyped-def]
    """``--templat``: the template's check and the render use one context."""
    import lkj_excel.report.context as context

    calls = []
    real = context.build_context
    monkeypatch.setattr(context, "build_context", lambda p: calls.append(p) or real(p))
    mine = tmp_path / "templat-kami.docx"
    shutil.copyfile(DEFAULT_TEMPLATE, mine)
    out = tmp_path / "o"
    assert main(["laporan", str(seed_path), "--out", str(out), "--templat", str(mine)]) == 0
    assert len(calls) == 1
    (docx,) = out.glob("*.docx")
    assert "51/53 x 100% = 96%" in docx_text(docx)


def test_templat_refuses_what_is_not_a_report_template(seed_path: Path, tmp_path: Path,
                                                       capsys, no_layout) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    plain = tmp_path / "surat.docx"
    d = Document()
    d.add_paragraph("Surat biasa tanpa isian.")
    d.save(str(plain))
    out = tmp_path / "o"
    assert main(["laporan", str(seed_path), "--out", str(out), "--templat", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "bukan templat laporan" in err and "--salin-templat" in err
    assert not out.exists() or not list(out.iterdir())

    # a rendered report passed by mistake
    assert main(["laporan", str(seed_path), "--out", str(out)]) == 0
    (report,) = out.glob("*.docx")
    assert main(["laporan", str(seed_path), "--out", str(tmp_path / "o2"),
                 "--templat", str(report)]) == 2
    assert "laporan yang sudah jadi" in capsys.readouterr().err

    # a template with a field nobody provides (a typo made in Word)
    typo = tmp_path / "salah-ketik.docx"
    d = Document(str(DEFAULT_TEMPLATE))
    d.add_paragraph("{{ instansii }}")
    d.save(str(typo))
    assert main(["laporan", str(seed_path), "--out", str(tmp_path / "o3"),
                 "--templat", str(typo)]) == 2
    assert "isian yang tidak dikenal: instansii" in capsys.readouterr().err

    # only a few of the template's fields: not a report template
    few = tmp_path / "sedikit.docx"
    d = Document()
    d.add_paragraph("{{ instansi }}")
    d.save(str(few))
    assert main(["laporan", str(seed_path), "--out", str(tmp_path / "o4"),
                 "--templat", str(few)]) == 2
    assert "bukan templat laporan LKj" in capsys.readouterr().err
    # not a Word document at all
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(b"bukan zip")
    assert main(["laporan", str(seed_path), "--out", str(tmp_path / "o5"),
                 "--templat", str(bad)]) == 2
    assert "Traceback" not in capsys.readouterr().err


