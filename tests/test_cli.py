"""The `lkj periksa` / `lkj hitung` commands: exit codes, JSON, output workbook."""

import json
import subprocess
import sys
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from lkj_excel.cli import main
from tests.kit.grids import grids, iku, pk, save_xlsx


@pytest.fixture
def good(tmp_path):
    g = grids(PK=[pk("I1", 95.0), pk("I2", 100.0, sasaran="S2")],
              IKU=[iku("I1", pembilang=51.0, penyebut=53.0), iku("I2", realisasi=100.0)],
              Anggaran=[{"program": "=HYPERLINK(\"http://x\")", "anggaran": "33.660.129.080,00",
                         "realisasi": "32.204.656.183"}])
    g["PK"][3][1] = "+Sasaran yang diawali plus"
    return save_xlsx(g, tmp_path / "baik.xlsx")


@pytest.fixture
def bad(tmp_path):
    g = grids(PK=[pk("I1"), pk("I1")], IKU=[iku("I1", realisasi=1.0)])
    return save_xlsx(g, tmp_path / "salah.xlsx")


def test_periksa_exit_codes(good, bad, tmp_path, capsys):
    assert main(["periksa", str(good)]) == 0
    assert main(["periksa", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "KESALAHAN" in out and "PK!C5" in out and "kode-ganda" in out
    junk = tmp_path / "rusak.xlsx"
    junk.write_bytes(b"\x00" * 100)
    assert main(["periksa", str(good), str(junk)]) == 2
    assert "TIDAK DAPAT DIBACA" in capsys.readouterr().out


def test_periksa_json(good, capsys):
    assert main(["periksa", str(good), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    ind = {i["kode"]: i for i in obj["indikator"]}
    assert ind["I1"]["realisasi"] == 96 and ind["I1"]["capaian"] == 101
    assert ind["I1"]["predikat"] == "Sangat Baik"
    assert ind["I1"]["satuan"] == "%" and ind["I1"]["polaritas"] == "Positif"
    assert ind["I1"]["target"] == 95
    a = obj["anggaran"]
    assert a["anggaran"] == 33660129080 and a["realisasi"] == 32204656183
    assert a["serapan_persen"] == 95.68 and a["efisiensi"] == 1455472897
    assert a["efisiensi_persen"] == 4.32
    assert obj["pegawai"]["jumlah"] == 0
    # amounts typed as Indonesian text are read right, with a warning per column
    assert [(t["kode"], t["tingkat"], t["sel"]) for t in obj["temuan"]] == [
        ("angka-sebagai-teks", "peringatan", "D4"), ("angka-sebagai-teks", "peringatan", "E4")]


def test_hitung_writes_engine_sheets_only_and_keeps_text_as_text(good, tmp_path, capsys):
    out = tmp_path / "hasil.xlsx"
    before = good.read_bytes()
    assert main(["hitung", str(good), "--out", str(out)]) == 0
    assert good.read_bytes() == before  # input untouched
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names[-2:] == ["Ringkasan", "Validasi"]
    rk = wb.get_sheet_by_name("Ringkasan").to_python()
    flat = [c for row in rk for c in row]
    assert 101 in flat and "Sangat Baik" in flat and 95.68 in flat
    assert "=HYPERLINK(\"http://x\")" in flat  # person text stays text
    assert "+Sasaran yang diawali plus" in flat
    with zipfile.ZipFile(out) as zf:
        names = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = b"".join(zf.read(n) for n in names)
    assert b"<f>HYPERLINK(&quot;http" not in xml and b"<f>HYPERLINK(\"http" not in xml


def test_hitung_refuses_workbook_open_in_excel(good, tmp_path, capsys):
    out = tmp_path / "hasil.xlsx"
    (tmp_path / "~$hasil.xlsx").write_bytes(b"lock")
    assert main(["hitung", str(good), "--out", str(out)]) == 2
    assert "sedang dibuka di Excel" in capsys.readouterr().err
    assert not out.exists()


def test_hitung_json_and_validasi_rows(bad, tmp_path, capsys):
    out = tmp_path / "h.xlsx"
    assert main(["hitung", str(bad), "--out", str(out), "--json"]) == 1
    obj = json.loads(capsys.readouterr().out)
    assert obj["keluaran"] == str(out)
    assert any(t["kode"] == "kode-ganda" for t in obj["temuan"])
    val = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Validasi").to_python()
    rows = [r for r in val if r and r[0] == 1.0]
    assert rows and rows[0][1] == "kesalahan" and rows[0][2] == "kode-ganda"
    assert rows[0][3] == "PK" and rows[0][4] == "C5"


def test_usage_errors_are_indonesian_without_traceback():
    r = subprocess.run([sys.executable, "-m", "lkj_excel", "periksa"], capture_output=True,
                       text=True)
    assert r.returncode == 2
    assert "wajib diisi" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "lkj_excel", "hitung", "/tidak/ada.xlsx"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr
