"""Golden checks of the report's added parts on the seed example extended with every one of
them (tests/kit/extended.py): the .docx's text (python-docx) and XML, then the PDF
(pdftotext) as LibreOffice lays it out."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from lkj_excel.cli import main
from lkj_excel.files.read import check_workbook
from lkj_excel.files.template import write_workbook
from lkj_excel.report.context import build_context
from lkj_excel.report.render import render_report
from tests.kit.extended import FOTO, OPINI, extended_data
from tests.report.test_report import NBSP, docx_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def ext_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("ext") / "LKj 2024 diperluas.xlsx",
                          extended_data())


@pytest.fixture(scope="module")
def ext_p(ext_path: Path):  # type: ignore[no-untyped-def]
    return check_workbook(ext_path)


@pytest.fixture(scope="module")
def rendered(ext_p):  # type: ignore[no-untyped-def]
    return render_report(ext_p)


@pytest.fixture(scope="module")
def text(rendered) -> str:  # type: ignore[no-untyped-def]
    return docx_text(rendered.data)


def _doc(data: bytes):  # type: ignore[no-untyped-def]
    from docx import Document

    return Document(io.BytesIO(data))


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


def test_the_extended_example_is_clean(ext_p) -> None:  # type: ignore[no-untyped-def]
    # (the opinion has no quarters: the quarters' own check says so)
    assert {f.kode for f in ext_p.temuan} == {"anggaran-kegiatan-tidak-sesuai",
                                              "triwulan-belum-diisi"}
    assert all(f.kode == "anggaran-kegiatan-tidak-sesuai" or "IKU6" in f.pesan
               for f in ext_p.temuan)
    opini = next(i for i in ext_p.result.indikator if i.kode == "IKU6")
    assert (opini.kategori, opini.target_tampil, opini.realisasi, opini.tercapai) == (
        True, "WTP", "WTP", True)
    assert opini.capaian_tampil == "Tercapai" and opini.predikat == ""
    assert opini.year_change.arah == "naik"
    ormas = next(i for i in ext_p.result.indikator if i.kode == "IKU3")
    assert (ormas.target_renstra_tahun, ormas.capaian_renstra_tahun_tampil) == (94, 102)


# ---------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------

def test_cover_logo_pemda_and_the_agency_once(rendered) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(rendered.data)
    cover = []
    for p in doc.paragraphs:
        if p.text == "KATA PENGANTAR":
            break
        cover.append(p)
    words = [p.text for p in cover if p.text]
    assert words[0] == "PEMERINTAH KOTA BANJARBARU"
    assert words.count("BADAN KESATUAN BANGSA DAN POLITIK KOTA BANJARBARU") == 1
    assert "LAPORAN KINERJA" in words and "TAHUN 2024" in words
    logos = [d for p in cover for d in p._p.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert [d.get("descr") for d in logos] == ["Logo Pemerintah Kota Banjarbaru"]


def test_kata_pengantar_and_ikhtisar(text: str) -> None:
    kp = text.split("KATA PENGANTAR\n")[1].split("DAFTAR ISI")[0]
    assert kp.startswith("Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa")
    # the Kepala signs as the seed does, with month and year
    assert "Banjarbaru, Februari 2025" in kp and "H. RIZANA MIRZA, SH, M.Kes" in kp
    ik = text.split("IKHTISAR EKSEKUTIF\n")[1].split("BAB I\n")[0]
    # generated from the numbers: the sasaran, how many met their target, the extremes,
    # the budget absorption
    assert ("Dalam Perjanjian Kinerja Tahun 2024 ditetapkan 6 (enam) sasaran strategis yang "
            "diukur dengan 6 (enam) indikator kinerja utama") in ik
    assert "Meningkatnya Akuntabilitas Kinerja dan Keuangan" in ik
    assert "Seluruh 6 (enam) indikator kinerja mencapai targetnya." in ik
    assert ("Capaian tertinggi 101% (Sangat Baik) pada indikator Persentase Ormas yang Aktif, "
            "dan capaian terendah 100% (Baik) pada 4 (empat) indikator lainnya.") in ik
    assert ("realisasi belanja program sebesar Rp 32.204.656.183,00 dari pagu "
            "Rp 33.660.129.080,00, atau serapan 95,68%.") in ik


def test_ikhtisar_counts_what_was_not_met(tmp_path: Path) -> None:
    data = extended_data()
    data["sheets"]["IKU"][2]["pembilang"] = 40  # ormas 40/53 = 75% of 95%
    data["sheets"]["IKU"][5]["realisasi"] = "WDP"  # the opinion falls short of WTP
    p = check_workbook(write_workbook(tmp_path / "b.xlsx", data))
    c = build_context(p)
    kal = " ".join(c["ikhtisar"]["penutup"]).replace(NBSP, " ")
    assert ("Sebanyak 4 (empat) dari 6 (enam) indikator kinerja mencapai targetnya; 2 (dua) "
            "belum mencapai target, yaitu Persentase Ormas yang Aktif (79%) dan "
            f"{OPINI} (Tidak Tercapai).") in kal
    assert "capaian terendah 79% (Cukup) pada indikator Persentase Ormas yang Aktif" in kal
    assert c["kesimpulan_umum"] == ("Dari 6 (enam) indikator kinerja, 4 (empat) mencapai "
                                    "target, 2 (dua) belum mencapai target.")
    # then the leftover budget is not called efficiency
    assert "belum dapat disebut efisiensi" in " ".join(c["efisiensi"]["kalimat"])
    assert not c["anggaran"]["kalimat_kesimpulan"].endswith("seluruh target kinerja tercapai.")
    ormas = next(t for t in c["efisiensi"]["program"] if t.startswith(
        "Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan"))
    assert "target indikatornya belum tercapai (Persentase Ormas yang Aktif 79%)" in ormas
    opini = next(i for i in c["indikator"] if i["kode"] == "IKU6")
    assert opini["capaian"] == "Tidak Tercapai"
    assert "berperingkat di bawah target, sehingga target tidak tercapai" in \
        opini["kalimat_capaian"]


def test_written_ikhtisar_and_bab2_from_narasi(tmp_path: Path) -> None:
    data = extended_data()
    data["sheets"]["Narasi"] += [
        {"bagian": "Ikhtisar Eksekutif", "isi": "Ikhtisar yang ditulis sendiri."},
        {"bagian": "Perjanjian Kinerja", "isi": "Teks 2.1 yang ditulis sendiri."}]
    c = build_context(check_workbook(write_workbook(tmp_path / "n.xlsx", data)))
    assert c["ikhtisar"]["paragraf"] == ["Ikhtisar yang ditulis sendiri."]
    assert c["ikhtisar"]["sasaran"] == [] and c["ikhtisar"]["penutup"] == []
    # the RPJMD goal is still named when the written text does not name it
    assert c["bab2"]["perjanjian"] == [
        "Teks 2.1 yang ditulis sendiri.",
        "Sasaran strategis tersebut diselaraskan dengan tujuan Rencana Pembangunan Jangka "
        "Menengah Daerah (RPJMD) Kota Banjarbaru, yaitu \u201cMeningkatkan Kualitas Kehidupan "
        "Masyarakat yang Sejahtera dan Berakhlak Mulia\u201d."]


def test_bab2_standard_wording_and_rpjmd(text: str) -> None:
    assert text.split("BAB II\n")[1].startswith("PERENCANAAN KINERJA\nPerencanaan kinerja "
                                                "merupakan proses penyusunan rencana kerja")
    assert ("Kepala Badan Kesatuan Bangsa dan Politik Kota Banjarbaru selaku pejabat eselon "
            "II telah menetapkan Perjanjian Kinerja Tahun 2024 dengan Walikota Banjarbaru. "
            "Perjanjian Kinerja tersebut memuat 6 (enam) sasaran strategis dengan 6 (enam) "
            "indikator kinerja, yang diselaraskan dengan tujuan Rencana Pembangunan Jangka "
            "Menengah Daerah (RPJMD) Kota Banjarbaru, yaitu \u201cMeningkatkan Kualitas "
            "Kehidupan Masyarakat yang Sejahtera dan Berakhlak Mulia\u201d, sebagaimana tabel "
            "berikut:") in text
    # Bab III opens with the RPJMD link, said once since every sasaran shares it
    bab3 = text.split("3.1 Capaian Kinerja Organisasi\n")[1]
    assert bab3.startswith(
        "Sasaran strategis Badan Kesatuan Bangsa dan Politik Kota Banjarbaru mendukung RPJMD "
        "Kota Banjarbaru pada:\n\u2022\tMisi 1: Meningkatkan Sumber Daya Manusia yang "
        "berkualitas berlandaskan nilai agama dan budaya\n\u2022\tSasaran strategis 5: "
        "Meningkatkan toleransi beragama")
    assert text.count("Misi 1: Meningkatkan Sumber Daya Manusia") == 1


def test_cascading_per_sasaran_when_they_differ(tmp_path: Path) -> None:
    data = extended_data()
    data["sheets"]["Cascading"][5].update(misi="Misi 4: Tata kelola pemerintahan yang baik",
                                          sasaran_rpjmd="Meningkatnya akuntabilitas",
                                          indikator_rpjmd="Nilai SAKIP")
    c = build_context(check_workbook(write_workbook(tmp_path / "c.xlsx", data)))
    assert c["cascading"]["bersama"] == []
    s6 = c["sasaran"][5]
    assert s6["rpjmd"] == ["Misi 4: Tata kelola pemerintahan yang baik",
                           "Sasaran RPJMD: Meningkatnya akuntabilitas",
                           "Indikator RPJMD: Nilai SAKIP"]
    assert c["sasaran"][0]["rpjmd"][0].startswith("Misi 1:")


def test_struktur_organisasi_and_photos_with_captions(rendered, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "1.3 Struktur Organisasi\n" in text
    assert ("Gambar 1.1 Struktur Organisasi Badan Kesatuan Bangsa dan Politik Kota "
            "Banjarbaru") in text
    lampiran = text.split("Dokumentasi Kegiatan\n")[-1]
    assert f"Gambar L.1 {FOTO[0]}" in lampiran and f"Gambar L.2 {FOTO[1]}" in lampiran
    # every picture has a name and alternative text
    body = _part(rendered.data, "word/document.xml")
    pr = re.findall(r"<wp:docPr ([^>]*)/?>", body)
    assert len(pr) == 6  # logo, org chart, chart, chart, two photos
    for attrs in pr:
        assert re.search(r'\bname="[^"]+"', attrs) and re.search(r'\bdescr="[^"]+"', attrs)
    assert f'descr="Gambar L.1: {FOTO[0]}"' in body
    assert 'descr="Grafik batang target dan realisasi indikator kinerja tahun 2024.' in body
    # the photo turned by its EXIF orientation stands upright (taller than wide)
    doc = _doc(rendered.data)
    shapes = {s._inline.docPr.get("descr"): s for s in doc.inline_shapes}
    turned = shapes[f"Gambar L.2: {FOTO[1]}"]
    assert turned.height > turned.width
    assert any("diperkecil" in n or "menjadi 667 x 1000" in n for n in rendered.catatan)


def test_text_target_end_to_end(text: str) -> None:
    assert f"{OPINI} | Opini | WTP | WTP | Tercapai | -" in text
    assert (f"Target indikator {OPINI} pada tahun 2024 adalah WTP, sedangkan realisasinya "
            "WTP. Pada Skala Kategori, realisasi ini sama dengan target, sehingga target "
            "tercapai.") in text
    assert f"Indikator kinerja {OPINI}: realisasi WTP dari target WTP, target tercapai." in text
    assert f"Realisasi indikator {OPINI} naik dari WDP (2023) menjadi WTP (2024)." in text
    assert f"{OPINI} | WDP | WDP | WTP" in text  # the comparison with earlier years
    assert "Dari 6 (enam) indikator kinerja, seluruhnya mencapai target." in text


def test_kejadian_grouped_by_keterangan(text: str) -> None:
    assert ("Pada tahun 2024 tercatat 10 (sepuluh) fasilitasi ketahanan ekonomi, sosial dan "
            "budaya yang ditangani, terdiri atas 7 (tujuh) FKUB dan 3 (tiga) P4GN:\n"
            "FKUB: 7 (tujuh), semuanya selesai.\n\u2022\tSosialisasi FKUB") in text
    assert "P4GN: 3 (tiga), semuanya selesai.\n\u2022\tSosialisasi Kelurahan bersinar" in text
    assert ("Pada tahun 2024 tercatat 4 (empat) kejadian atau kegiatan: 1 (satu) selesai, "
            "3 (tiga) ditangani dan masih dalam proses, yaitu:") in text
    assert "(status:" not in text and "status: Selesai" not in text


def test_efficiency_interprets(text: str) -> None:
    s33 = text.split("3.3 Analisis Efisiensi Penggunaan Sumber Daya\n")[-1].split(
        "Realisasi belanja menurut Laporan Realisasi Anggaran")[0]
    assert s33.startswith("Pada tahun 2024, realisasi anggaran program")
    assert ("Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan: target "
            "indikatornya tercapai (Persentase Ormas yang Aktif 101%) dengan serapan 89,73%; "
            "sasarannya dicapai dengan anggaran Rp 11.806.000,00 (10,27%) lebih kecil dari "
            "pagu, sehingga penggunaan anggarannya efisien.") in s33
    assert ("Serapan terendah terdapat pada Program Peningkatan Kewaspadaan Nasional dan "
            "Peningkatan Kualitas dan Fasilitasi Penanganan Konflik Sosial (50,27%), di bawah "
            "serapan keseluruhan 95,68%; target indikatornya tetap tercapai.") in s33
    # the reason from Narasi Analisis Efisiensi follows
    assert "dana yang disediakan untuk pencapaian sasaran pembangunan tahun 2024" in s33
    # no sentence that points back at nothing
    assert "tersebut adalah sebesar" not in s33


def test_comparisons(text: str) -> None:
    assert ("Indikator Sasaran | Realisasi 2024 | Target Renstra 2024 | Capaian | Target Akhir "
            "Renstra | Capaian terhadap Akhir") in text
    assert "Persentase Ormas yang Aktif | 96% | 94% | 102% | 100% | 96%" in text
    # every indicator in the year-over-year and Renstra tables
    for row in ("Persentase Potensi Paham Radikal yang Diselesaikan | 100% | 100% | 100%",
                f"{OPINI} | WTP | WTP | Tercapai | WTP | Tercapai"):
        assert row in text
    # nothing to compare: said once, no table of dashes
    assert "| Standar Nasional" not in text
    assert ("Data realisasi Kota Banjarmasin dan Provinsi Kalsel untuk indikator-indikator ini "
            "belum tersedia, sehingga perbandingan dengan daerah lain belum dapat disajikan."
            ) in text
    assert "| Kota Banjarmasin |" not in text


def test_penutup_is_a_paragraph_not_a_strategy_item(rendered) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(rendered.data)
    start = "Dalam Perencanaan Strategis (Renstra) Perubahan"
    (par,) = [p for p in doc.paragraphs if p.text.startswith(start)]
    assert par.style.name == "LKj Isi"
    strategi = [p.text for p in doc.paragraphs if p.style.name == "LKj Butir"
                and p.text[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert not any(start in t for t in strategi)


def test_reviu_page(text: str) -> None:
    reviu = text.split("PERNYATAAN TELAH DIREVIU\n")[1]
    before = text.split("PERNYATAAN TELAH DIREVIU\n")[0].rsplit("Gambar L.2", 1)[1]
    assert "PEMERINTAH KOTA BANJARBARU\nINSPEKTORAT KOTA BANJARBARU\nAlamat: Jl. Trikora No.1 " \
           "Gedung Serba Guna Lt. 2 Banjarbaru 70713" in before
    assert reviu.startswith(
        "Kami telah mereviu Laporan Kinerja Badan Kesatuan Bangsa dan Politik Kota Banjarbaru "
        "untuk Tahun 2024 sesuai Pedoman Reviu atas Laporan Kinerja.")
    for needle in ("Banjarbaru, 27 Februari 2025", "Inspektur Kota Banjarbaru,",
                   "Drs. RAHMAT TAUFIK, M.Si, CGCAE", "Pembina Utama Muda (IV/c)",
                   "NIP. 19700615 199003 1 006"):
        assert needle in reviu, needle


def test_no_reviu_page_before_the_reviu(tmp_path: Path) -> None:
    p = check_workbook(write_workbook(tmp_path / "r.xlsx", extended_data(reviu=False)))
    assert not p.result.reviu and not [f for f in p.temuan if f.kode.startswith("reviu")]
    t = docx_text(render_report(p).data)
    assert "DIREVIU" not in t and "Inspektur" not in t and "INSPEKTORAT" not in t
    # the Inspektorat's name ready before the reviu: no page, no finding
    data = extended_data(reviu=False)
    data["profil"]["nama_inspektur"] = "Drs. RAHMAT TAUFIK, M.Si, CGCAE"
    p = check_workbook(write_workbook(tmp_path / "r1.xlsx", data))
    assert not [f for f in p.temuan if f.kode.startswith("reviu")] and not p.result.reviu
    # dated but half filled: still no page, and a finding says what is missing
    data["profil"]["tanggal_reviu"] = dt.date(2025, 2, 27)
    p = check_workbook(write_workbook(tmp_path / "r2.xlsx", data))
    (f,) = [f for f in p.temuan if f.kode == "reviu-belum-lengkap"]
    assert f.lembar == "Profil" and "Nama Inspektorat" in f.pesan
    assert "DIREVIU" not in docx_text(render_report(p).data)


# ---------------------------------------------------------------------------
# The .docx as a person opens it
# ---------------------------------------------------------------------------

def test_toc_filled_in_the_docx_itself(rendered) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    root = etree.fromstring(_part(rendered.data, "word/document.xml").encode())
    links = [(h.get(f"{W}anchor"), "".join(t.text or "" for t in h.iter(f"{W}t")))
             for h in root.iter(f"{W}hyperlink") if (h.get(f"{W}anchor") or "").startswith("_Toc")]
    texts = [t for _, t in links]
    for want in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN",
                 "1.3 Struktur Organisasi", "BAB III AKUNTABILITAS KINERJA",
                 "3.3 Analisis Efisiensi Penggunaan Sumber Daya", "BAB IV PENUTUP",
                 "Dokumentasi Kegiatan"):
        assert any(t.startswith(want) for t in texts), want
    # every entry points at a bookmark on its heading
    marks = {b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")}
    assert all(a in marks for a, _ in links)
    assert [e.text for e in rendered.toc] == texts  # page numbers: filled after the layout
    assert "updateFields" not in _part(rendered.data, "word/settings.xml")


def test_language_and_properties(rendered) -> None:  # type: ignore[no-untyped-def]
    styles = _part(rendered.data, "word/styles.xml")
    dd = styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    assert 'w:lang w:val="id-ID"' in dd
    cp = _doc(rendered.data).core_properties
    assert cp.title == "Laporan Kinerja Badan Kesatuan Bangsa dan Politik Kota Banjarbaru " \
                       "Tahun 2024"
    assert cp.author == cp.last_modified_by == "Badan Kesatuan Bangsa dan Politik Kota " \
                                               "Banjarbaru"
    assert cp.language == "id-ID" and cp.comments == "" and "lkj-excel" not in cp.author
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    assert abs(cp.created.replace(tzinfo=None) - now) < dt.timedelta(minutes=10)
    with zipfile.ZipFile(io.BytesIO(rendered.data)) as z:
        assert not [n for n in z.namelist() if "thumbnail" in n or "stylesWithEffects" in n]


def test_sumber_stays_with_its_table(rendered) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(rendered.data)
    body = doc.element.body
    checked = 0
    for tbl in body.iter(f"{W}tbl"):
        nxt = tbl.getnext()
        if nxt is None or "Sumber" not in "".join(nxt.itertext())[:7]:
            continue
        last = tbl.findall(f"{W}tr")[-1]
        for p in last.iter(f"{W}p"):
            assert p.find(f"{W}pPr/{W}keepNext") is not None
        checked += 1
    assert checked >= 12


def test_big_photo_is_made_reasonable(tmp_path: Path) -> None:
    from tests.kit.pictures import phone_photo, picture

    data = extended_data()
    big = phone_photo()
    assert len(big) > 6 * 1024 * 1024
    data["sheets"]["Gambar"][2]["gambar"] = picture(big)
    p = check_workbook(write_workbook(tmp_path / "besar.xlsx", data))
    r = render_report(p)
    assert len(r.data) < 1024 * 1024
    assert any(n.startswith(f'Gambar "{FOTO[0]}" diperkecil dari 4000 x 3000 piksel')
               for n in r.catatan)
    from PIL import Image

    with zipfile.ZipFile(io.BytesIO(r.data)) as z:
        sizes = [Image.open(io.BytesIO(z.read(n))).size for n in z.namelist()
                 if n.startswith("word/media/")]
    assert max(max(s) for s in sizes) <= 2000


def test_picture_over_the_limit_is_left_out_and_said(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lkj_excel.core import schema

    data = extended_data()
    sizes = [len(r["gambar"].data) for r in data["sheets"]["Gambar"]]
    assert max(sizes[:2]) < 10 * 1024 < min(sizes[2:])  # logo, chart small; photos not
    path = write_workbook(tmp_path / "batas.xlsx", data)
    monkeypatch.setattr(schema, "LIMITS", schema.Limits(max_picture_bytes=10 * 1024))
    p = check_workbook(path)
    found = [f for f in p.temuan if f.kode == "gambar-ditolak"]
    assert [(f.lembar, f.sel, f.tingkat) for f in found] == [
        ("Gambar", "A6", "peringatan"), ("Gambar", "A7", "peringatan")]
    assert "ukurannya 25 KB, melebihi batas 10 KB (LKJ_MAKS_GAMBAR_MB)" in found[0].pesan
    assert not [f for f in p.temuan if f.kode == "gambar-tidak-ada"]
    t = docx_text(render_report(p).data)
    assert "Gambar 1.1 Struktur Organisasi" in t
    assert "Dokumentasi Kegiatan" not in t and "Gambar L.1" not in t


# ---------------------------------------------------------------------------
# As LibreOffice lays it out (PDF)
# ---------------------------------------------------------------------------

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice tidak ada")


@pytest.fixture(scope="module")
def laid_out(ext_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("soffice") is None:
        pytest.skip("soffice tidak ada")
    out = tmp_path_factory.mktemp("pdf")
    assert main(["laporan", str(ext_path), "--out", str(out), "--pdfa"]) == 0
    (docx,) = out.glob("*.docx")
    (pdf,) = out.glob("*.pdf")
    return docx, pdf


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout.replace(NBSP, " ")
    return text.split("\f")


@pytest.mark.libreoffice
@needs_lo
def test_pdf_tagged_pdfa_and_toc_pages_agree(laid_out: tuple[Path, Path]) -> None:
    docx, pdf = laid_out
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert b"pdfaid:part>2<" in pdf.read_bytes().replace(b"</", b"<")
    pages = _pages(pdf)
    # the .docx's own table of contents carries the page numbers of this layout
    entries = {}
    for p in _doc(docx.read_bytes()).paragraphs:
        if p.style.name.startswith("TOC") or p.style.name.startswith("toc"):
            name, _, page = p.text.rpartition("\t")
            entries[name] = page
    assert entries["BAB III AKUNTABILITAS KINERJA"].isdigit()
    for name in ("BAB I PENDAHULUAN", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"):
        n = int(entries[name])
        assert name.split()[0] in pages[n - 1] and name.split(maxsplit=2)[-1] in pages[n - 1]
    toc_page = next(p for p in pages if "DAFTAR ISI" in p)
    toc = re.sub(r"[.\s]+", " ", toc_page)  # dot leaders and line breaks as one space
    for name in ("BAB I PENDAHULUAN", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"):
        assert f"{name} {entries[name]}" in toc, (name, entries[name])


@pytest.mark.libreoffice
@needs_lo
def test_pdf_layout_rules(laid_out: tuple[Path, Path]) -> None:
    _, pdf = laid_out
    pages = _pages(pdf)
    body = [" ".join(p.split()) for p in pages]
    assert "PERNYATAAN TELAH DIREVIU" in body[-2] or "PERNYATAAN TELAH DIREVIU" in body[-1]
    for n, page in enumerate(pages[1:], 2):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        # the running header is first; a "Sumber" line never opens a page
        content = lines[1:] if lines and lines[0].startswith("Laporan Kinerja") else lines
        assert not content or not content[0].startswith("Sumber"), (n, content[:2])


@pytest.mark.libreoffice
@needs_lo
def test_pdf_says_what_the_added_parts_say(laid_out: tuple[Path, Path]) -> None:
    _, pdf = laid_out
    flat = " ".join(" ".join(_pages(pdf)).split())
    for needle in ("KATA PENGANTAR", "IKHTISAR EKSEKUTIF",
                   "Seluruh 6 (enam) indikator kinerja mencapai targetnya.",
                   "Gambar 1.1 Struktur Organisasi", f"Gambar L.1 {FOTO[0]}",
                   "FKUB: 7 (tujuh), semuanya selesai.", "Tercapai",
                   "PERNYATAAN TELAH DIREVIU", "Drs. RAHMAT TAUFIK, M.Si, CGCAE",
                   "NIP. 19700615 199003 1 006"):
        assert needle in flat, needle


#: a page may end early only before a part that always starts on a new page
NEW_PAGE = ("BAB ", "KATA PENGANTAR", "DAFTAR ISI", "IKHTISAR EKSEKUTIF", "LAMPIRAN",
            "PEMERINTAH KOTA BANJARBARU INSPEKTORAT")


@pytest.mark.libreoffice
@needs_lo
def test_pdf_no_page_left_mostly_blank(laid_out: tuple[Path, Path], tmp_path: Path) -> None:
    from PIL import Image

    _, pdf = laid_out
    subprocess.run(["pdftoppm", "-r", "24", "-gray", "-png", str(pdf), str(tmp_path / "h")],
                   check=True)
    pngs = sorted(tmp_path.glob("h-*.png"))
    pages = _pages(pdf)
    starts = [" ".join(" ".join(p.split()).split("Tahun 2024", 1)[-1].split()[:4])
              for p in pages]
    assert len(pngs) == len(pages) - 1 or len(pngs) == len(pages)
    for n, path in enumerate(pngs[1:-1], 2):  # the cover and the last page aside
        im = Image.open(path).convert("L")
        w, h = im.size
        px = im.load()
        top, bottom = int(h * 0.1), int(h * 0.9)  # between the running header and footer
        used = [y for y in range(top, bottom) if any(px[x, y] < 200 for x in range(w))]
        filled = (used[-1] - top) / (bottom - top) if used else 0.0
        nxt = starts[n] if n < len(starts) else ""
        if filled < 0.5:
            assert nxt.startswith(NEW_PAGE), (n, round(filled, 2), nxt)
