"""The SAKIP year's commands through ``lkj`` (lkj_excel.cli.main): ``pk``, ``laporan
--triwulan``, ``tahun-baru``, ``reviu``; on the seed example, with their files read back,
exit codes and Indonesian messages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from lkj_excel.cli import main
from lkj_excel.core import schema
from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
from lkj_excel.core.units import data_from_model, workbook_id
from lkj_excel.files.read import check_workbook
from tests.report.test_report import _seed_workbook, docx_text

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
INSTANSI = "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru"


@pytest.fixture(scope="module")
def seed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _seed_workbook(tmp_path_factory.mktemp("seed"))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------
# lkj pk
# ---------------------------------------------------------------------------

def test_pk_writes_the_document(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["pk", str(seed_path), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Perjanjian Kinerja 2024: 5 indikator, 6 program, anggaran Rp" in out
    docx = tmp_path / f"Perjanjian Kinerja {INSTANSI} 2024.docx"
    assert f"Dokumen Word ditulis: {docx}" in out
    assert "PERJANJIAN KINERJA TAHUN 2024" in docx_text(docx)


def test_pk_date_option_and_bad_calls(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["pk", str(seed_path), "--out", str(tmp_path), "--tanggal",
                 "Selasa, 2 Januari 2024"]) == 0
    capsys.readouterr()
    text = docx_text(tmp_path / f"Perjanjian Kinerja {INSTANSI} 2024.docx")
    assert " | Banjarbaru, 2 Januari 2024" in text
    assert main(["pk", str(seed_path), "--out", str(tmp_path), "--tanggal", "kemarin"]) == 2
    assert "--tanggal: Teks \"kemarin\" tidak dapat dibaca sebagai tanggal" in \
        capsys.readouterr().err
    assert main(["pk", str(tmp_path / "tidak-ada.xlsx"), "--out", str(tmp_path)]) == 2
    assert "TIDAK DAPAT DIBACA" in capsys.readouterr().err
    assert main(["pk", str(seed_path), "--out", str(seed_path)]) == 2
    assert "bukan folder" in capsys.readouterr().err


def test_pk_refused_on_errors_in_what_it_prints(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = seed_data()
    data["sheets"]["PK"][1]["target"] = None
    data["profil"]["nama_pemberi_amanah"] = None
    path = _seed_workbook(tmp_path, data)
    out = tmp_path / "hasil"
    assert main(["pk", str(path), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "PK!F5" in captured.out and "tidak disusun" in captured.err
    assert not out.exists()
    assert main(["pk", str(path), "--out", str(out), "--paksa"]) == 1
    captured = capsys.readouterr()
    assert "Nama Pemberi Amanah (Profil!B16)" in captured.out
    text = docx_text(out / f"Perjanjian Kinerja {INSTANSI} 2024.docx")
    assert "PERHATIAN: dokumen ini disusun dari data yang masih mengandung 1 (satu) " \
           "kesalahan" in text


def test_pk_not_stopped_by_the_rest_of_the_year(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """At the start of the year IKU's realisasi and the LKj's date are still empty."""
    data = seed_data()
    data["profil"]["tanggal"] = None  # a kesalahan (profil-kosong), not the PK's business
    data["sheets"]["LRA"][0]["anggaran"] = None
    path = _seed_workbook(tmp_path, data)
    assert check_workbook(path).has_errors
    assert main(["pk", str(path), "--out", str(tmp_path / "hasil")]) == 0


@pytest.mark.libreoffice
@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) tidak terpasang")
def test_pk_pdf(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    assert main(["pk", str(seed_path), "--out", str(tmp_path), "--pdf"]) == 0
    pdf = tmp_path / f"Perjanjian Kinerja {INSTANSI} 2024.pdf"
    assert f"Dokumen PDF ditulis: {pdf}" in capsys.readouterr().out
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for words in ("PERJANJIAN KINERJA TAHUN 2024", "H. RIZANA MIRZA", "Walikota Banjarbaru", "Rp 33.660.129.080,00", "LAMPIRAN PERJANJIAN KINERJA",
                  "Persentase Ormas yang Aktif"):
        assert words in text.replace("\u00a0", " "), words


# ---------------------------------------------------------------------------
# lkj laporan --triwulan
# ---------------------------------------------------------------------------

def test_laporan_triwulan(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["laporan", str(seed_path), "--out", str(tmp_path), "--triwulan", "II",
                 "--tanggal", "15 Juli 2024"]) == 0
    out = capsys.readouterr().out
    assert "Laporan Capaian Kinerja Triwulan II Tahun 2024: 5 indikator, 7 hal yang masih " \
           "tertinggal." in out
    docx = tmp_path / f"Laporan Capaian Kinerja Triwulan II {INSTANSI} 2024.docx"
    text = docx_text(docx)
    assert "LAPORAN CAPAIAN KINERJA TRIWULAN II TAHUN 2024" in text
    assert " | Banjarbaru, 15 Juli 2024" in text
    # the annual report is not written
    assert [p.name for p in tmp_path.iterdir()] == [docx.name]
    assert main(["laporan", str(seed_path), "--out", str(tmp_path), "--triwulan", "3"]) == 0
    assert (tmp_path / f"Laporan Capaian Kinerja Triwulan III {INSTANSI} 2024.docx").exists()


def test_laporan_triwulan_bad_quarter(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exc:
        main(["laporan", str(seed_path), "--out", str(tmp_path), "--triwulan", "5"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "triwulan \"5\" tidak dikenal (pilih 1-4 atau I-IV)" in err
    assert "Traceback" not in err


def test_laporan_triwulan_refused_on_quarter_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data = seed_data()
    row = next(r for r in data["sheets"]["Anggaran Triwulan"] if r["triwulan"] == "II")
    row["realisasi"] = Decimal(1)  # lower than Triwulan I
    path = _seed_workbook(tmp_path, data)
    assert main(["laporan", str(path), "--out", str(tmp_path / "h"), "--triwulan", "2"]) == 1
    captured = capsys.readouterr()
    assert "anggaran-triwulan-turun" in captured.out
    assert "Laporan triwulan tidak disusun" in captured.err


# ---------------------------------------------------------------------------
# lkj tahun-baru
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def next_year(seed_path: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("baru") / "LKj 2025.xlsx"
    before = sha(seed_path)
    code = main(["tahun-baru", str(seed_path), "--out", str(out)])
    return code, out, before


def test_tahun_baru_never_modifies_the_input(seed_path: Path, next_year) -> None:  # type: ignore[no-untyped-def]
    code, out, before = next_year
    assert code == 0 and out.exists()
    assert sha(seed_path) == before


def test_tahun_baru_reads_back(next_year) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = next_year
    p = check_workbook(out)
    d = data_from_model(p.data)
    assert d["profil"]["tahun"] == 2025
    assert d["profil"]["tanggal"] is None and d["profil"]["tanggal_pk"] is None
    assert d["profil"]["nama_kepala"] == "H. RIZANA MIRZA, SH, M.Kes"
    assert d["meta"] == {"id_buku_kerja": workbook_id(INSTANSI, 2025), "revisi": 1}
    riwayat = {(r["kode_indikator"], r["tahun"]): r["realisasi"] for r in d["sheets"]["Riwayat"]}
    # Riwayat gains 2024 with the seed's figures (as reported: 51/53 = 96%)
    assert {k: v for k, v in riwayat.items() if k[1] == 2024} == {
        ("IKU1", 2024): 100, ("IKU2", 2024): 100, ("IKU3", 2024): 96, ("IKU4", 2024): 100,
        ("IKU5", 2024): 100}
    assert riwayat[("IKU3", 2022)] == 92 and riwayat[("IKU3", 2023)] == 100
    # targets for 2025 from Target Renstra
    assert [r["target"] for r in d["sheets"]["PK"]] == [100, 100, 98, 100, 100]
    # empties where they belong
    for name in ("Kejadian", "Triwulan", "Anggaran Triwulan"):
        assert d["sheets"][name] == []
    assert all(r["realisasi"] is None and r["pembilang"] is None and r["analisis"] is None
               for r in d["sheets"]["IKU"])
    assert all(r["anggaran"] is None for r in d["sheets"]["Anggaran"])
    old = seed_data()["sheets"]
    for name in ("Cascading", "Target Renstra", "Narasi", "Pegawai"):
        assert d["sheets"][name] == old[name], name
    lra = {r["kode_rekening"]: r for r in d["sheets"]["LRA"]}
    assert lra["5.1.1"]["realisasi_lalu"] == Decimal("4717604757")
    assert d["pengaturan"]["batas_penyampaian"] == dt.date(2026, 3, 31)
    # the new year computes: a year-on-year change against 2024 once 2025 is measured
    assert [i.riwayat[-1] for i in p.result.indikator][2] == (2024, 96)


def test_tahun_baru_note_and_marks(next_year) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from lkj_excel.core.tahun_baru import CATATAN_TITLE

    _, out, _ = next_year
    wb = load_workbook(out)
    assert [ws.title for ws in wb.worksheets][-2:] == list(schema.ENGINE_SHEETS)
    val = wb[schema.VALIDASI_SHEET]
    col_a = [c.value for c in val["A"]]
    assert CATATAN_TITLE in col_a
    start = col_a.index(CATATAN_TITLE) + 1
    header = [c.value for c in val[start + 1]][:6]
    # under Validasi's own Lembar, Sel and Pesan columns
    assert header == ["Jenis", None, None, "Lembar", "Sel", "Keterangan"]
    notes = [[row[i].value for i in (0, 3, 4, 5)] for row in val.iter_rows(min_row=start + 2)]
    assert ["Isi", "Profil", "B13",
            "Tanggal Laporan untuk tahun 2025 dikosongkan (tahun lalu Februari 2025): isi "
            "saat dokumennya ditandatangani."] in notes
    assert any(n[0] == "Dibawa" and n[1] == "Riwayat" for n in notes)
    profil = wb["Profil"]
    assert profil["B13"].fill.fgColor.rgb.endswith("FFEB9C")
    assert profil["C13"].value.startswith("ISI untuk tahun 2025")
    assert wb["Anggaran"]["D4"].fill.fgColor.rgb.endswith("FFEB9C")
    # the findings of the new workbook come first in Validasi, as after Hitung
    assert val["A4"].value == "No" and val["C5"].value == "wajib-diisi"
    # a one-line finding keeps a one-line row (its HYPERLINK formula is not text to wrap)
    assert val.row_dimensions[5].height is None


def test_tahun_baru_json_and_refusals(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "2025.xlsx"
    assert main(["tahun-baru", str(seed_path), "--out", str(out), "--json"]) == 0
    j = json.loads(capsys.readouterr().out)
    assert (j["tahun_lama"], j["tahun"], j["revisi"]) == (2024, 2025, 1)
    assert j["sha256"] == sha(seed_path)
    assert {c["jenis"] for c in j["catatan"]} == {"isi", "periksa", "dibawa"}
    before = sha(seed_path)
    assert main(["tahun-baru", str(seed_path), "--out", str(seed_path)]) == 2
    assert "tidak boleh sama dengan berkas masukan" in capsys.readouterr().err
    assert sha(seed_path) == before
    assert main(["tahun-baru", str(seed_path), "--out", str(tmp_path / "x.docx")]) == 2
    assert "harus berakhiran .xlsx" in capsys.readouterr().err
    data = seed_data()
    data["profil"]["tahun"] = None
    path = _seed_workbook(tmp_path / "tanpa-tahun", data)
    assert main(["tahun-baru", str(path), "--out", str(tmp_path / "y.xlsx")]) == 2
    assert "Isian Tahun di lembar Profil kosong" in capsys.readouterr().err
    assert not (tmp_path / "y.xlsx").exists()


# ---------------------------------------------------------------------------
# lkj reviu
# ---------------------------------------------------------------------------

def test_reviu_list_and_exit_code(seed_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["reviu", str(seed_path)]) == 1  # no national standard: tidak terpenuhi
    out = capsys.readouterr().out
    assert out.startswith(f"Reviu LKj {INSTANSI} tahun 2024 ({NAMA_BERKAS_INSTANSI}): ")
    assert "  5. [x] Realisasi dibandingkan dengan standar nasional: TIDAK TERPENUHI" in out
    assert "        Tanpa standar nasional: IKU1, IKU2, IKU3, IKU4, IKU5." in out
    assert "        Periksa: IKU (kolom Standar Nasional); Laporan: Bab III 3.1.d" in out
    assert " 16. [?] LKj dipublikasikan tepat waktu" in out


def test_reviu_json_several_files(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan xlsx")
    assert main(["reviu", str(seed_path), str(bad), "--json"]) == 2
    j = json.loads(capsys.readouterr().out)
    assert [x["berkas"] for x in j] == [NAMA_BERKAS_INSTANSI, "rusak.xlsx"]
    first = j[0]
    assert first["ringkasan"]["tidak dapat diperiksa"] == 2
    item = next(b for b in first["butir"] if b["kode"] == "tepat-waktu")
    assert item == {"kode": "tepat-waktu",
                    "butir": "LKj ditandatangani paling lambat pada Batas Penyampaian",
                    "hasil": "terpenuhi",
                    "keterangan": "Tanggal Laporan Februari 2025, batas 31 Maret 2025 "
                                  "(Batas Penyampaian, Pengaturan!B7): tepat waktu.",
                    "lokasi": ["Profil!B13", "Pengaturan!B7"]}
    assert j[1]["terbaca"] is False


def test_reviu_printable_sheet(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    assert main(["reviu", str(seed_path), "--out", str(tmp_path)]) == 1
    path = tmp_path / f"Lembar Reviu LKj {INSTANSI} 2024.xlsx"
    assert f"Lembar reviu ditulis: {path}" in capsys.readouterr().out
    ws = load_workbook(path)["Reviu"]
    assert ws["A1"].value == "LEMBAR REVIU LAPORAN KINERJA"
    assert [c.value for c in ws[5]] == ["No", "Butir Reviu", "Hasil", "Keterangan",
                                        "Tempat Memeriksa", "Catatan Reviu"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=6, max_row=22)]
    assert rows[4][1:3] == ["Realisasi dibandingkan dengan standar nasional",
                            "tidak terpenuhi"]
    assert ws["C10"].fill.fgColor.rgb.endswith("FFC7CE")
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth) == ("landscape", 1)
    assert str(ws.print_title_rows) == "$5:$5"
    assert main(["reviu", str(seed_path), "--pdf"]) == 2
    assert "--pdf memerlukan --out" in capsys.readouterr().err


@pytest.mark.libreoffice
@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) tidak terpasang")
def test_reviu_pdf(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    assert main(["reviu", str(seed_path), "--out", str(tmp_path), "--pdf"]) == 1
    pdf = tmp_path / f"Lembar Reviu LKj {INSTANSI} 2024.pdf"
    assert pdf.exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "LEMBAR REVIU LAPORAN KINERJA" in text and "tidak terpenuhi" in text
    assert "Direviu oleh," in text


def test_periksa_and_hitung_json_gain_the_quarters(seed_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["periksa", str(seed_path), "--json"]) == 0
    j = json.loads(capsys.readouterr().out)
    ormas = next(i for i in j["triwulan"]["indikator"] if i["kode"] == "IKU3")
    assert [q["capaian"] for q in ormas["triwulan"]] == [95, 97, 99, 101]
    assert main(["hitung", str(seed_path), "--out", str(tmp_path / "h.xlsx"), "--json"]) == 0
    j = json.loads(capsys.readouterr().out)
    assert j["triwulan"]["anggaran"][1]["triwulan"][1] == {
        "triwulan": "II", "realisasi": 512000000, "serapan_persen": 24.76}
