"""Every command on the corpus of real habits (``tests/kit/habits.py``): nothing passes
silently (each habit exits as its finding says, the right figures are asserted in
tests/files/test_habits.py and tests/batch/test_round.py), no traceback, inputs unchanged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from lkj_excel.cli import main

#: lkj periksa's exit code for each single workbook: 0 = the figures are right (asserted in
#: tests/files/test_habits.py), 1 = a kesalahan at the cell, 2 = refused with the reason
PERIKSA = {
    "seed": 0, "persen": 0, "persen_ragu": 1, "total_row": 0, "jumlah_diketik": 1,
    "rumus_tanpa_nilai": 1, "rumus_dengan_nilai": 0, "teks_word": 1, "tanggal": 0,
    "realisasi_diketik": 0, "tanpa_pembanding": 0, "bagian_tak_biasa": 0, "libreoffice": 0,
    "libreoffice_ods": 2,
}
#: lkj gabung's exit code for each email round
GABUNG = {
    "lengkap": 0, "tanpa_bidang": 1, "tanpa_sekretariat": 1, "tak_terpakai": 2,
    "kirim_ulang": 0, "kirim_ulang_sama": 1, "ubah_bidang_lain": 1, "tertinggal": 0,
    "instansi_pendek": 1, "bidang_salah": 1,
}


def digest(paths: list[Path]) -> dict[str, str]:
    out = {}
    for p in paths:
        for f in ([p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file())):
            out[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


@pytest.fixture(autouse=True)
def no_traceback_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    # an unexpected exception raises here instead of becoming exit code 3
    monkeypatch.setenv("LKJ_DEBUG", "1")


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and code in (0, 1, 2), (argv, code, text[-2000:])
    return code, text


def test_corpus_covers_every_habit(habits: dict) -> None:
    from tests.kit.habits import LIBREOFFICE, has_soffice

    left_out = set() if has_soffice() else set(LIBREOFFICE)
    assert set(habits["buku"]) == set(PERIKSA) - left_out
    assert set(habits["putaran"]) == set(GABUNG) - left_out


def test_every_command_on_every_workbook(habits: dict, tmp_path: Path,
                                         capsys: pytest.CaptureFixture) -> None:
    buku: dict[str, Path] = habits["buku"]
    before = digest(list(buku.values()))
    for key, path in buku.items():
        want = PERIKSA[key]
        code, text = run(capsys, "periksa", str(path))
        assert code == want, (key, text)
        if want == 1:
            assert "KESALAHAN" in text
        code, text = run(capsys, "periksa", str(path), "--json")
        obj = json.loads(text)
        assert code == want and (want == 2) == (obj.get("terbaca") is False)
        out = tmp_path / key
        code, text = run(capsys, "hitung", str(path), "--out", str(out / "hasil.xlsx"))
        assert code == want
        assert (out / "hasil.xlsx").exists() == (want != 2)
        code, text = run(capsys, "laporan", str(path), "--out", str(out / "laporan"))
        assert code == want, (key, text)
        if want == 1:
            assert "Laporan tidak disusun" in text
        assert bool(list((out / "laporan").glob("*.docx"))) == (want == 0)
        code, text = run(capsys, "beda", str(buku["seed"]), str(path))
        assert code == (2 if want == 2 else 0)
        code, text = run(capsys, "pecah", str(path), "--out", str(out / "pecah"))
        assert code in ((2,) if want == 2 else (0,)), (key, text)
    assert digest(list(buku.values())) == before


def test_every_command_on_every_round(habits: dict, tmp_path: Path,
                                      capsys: pytest.CaptureFixture) -> None:
    putaran: dict[str, Path] = habits["putaran"]
    before = digest(list(putaran.values()))
    for key, folder in putaran.items():
        want = GABUNG[key]
        out = tmp_path / key
        code, text = run(capsys, "gabung", str(folder), "--out", str(out / "G.xlsx"))
        assert code == want, (key, text)
        assert (out / "G.xlsx").exists()
        if want:
            assert "KESALAHAN" in text
        if key in ("lengkap", "tak_terpakai"):
            code, text = run(capsys, "gabung", str(folder), "--out", str(out / "G2.xlsx"),
                             "--json")
            assert code == want and json.loads(text)["keluaran"]
        files = sorted(str(f) for f in folder.iterdir() if f.is_file())
        code, text = run(capsys, "laporan", *files, "--out", str(out / "laporan"))
        assert code == (0 if want == 0 else 1), (key, text)
        assert bool(list((out / "laporan").glob("*.docx"))) == (want == 0)
    code, text = run(capsys, "batch", str(next(iter(putaran.values())).parent), "--out",
                     str(tmp_path / "batch"), "--pekerja", "1")
    assert code == (2 if "tak_terpakai" in putaran else 1)  # unreadable files / kesalahan
    assert digest(list(putaran.values())) == before


def test_report_forced_says_which_units_are_missing(habits: dict, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    from docx import Document

    folder = habits["putaran"]["tanpa_bidang"]
    files = sorted(str(f) for f in folder.iterdir() if f.is_file())
    code, text = run(capsys, "laporan", *files, "--out", str(tmp_path), "--paksa")
    assert code == 1 and "bidang-belum-mengirim" in text
    docx, = tmp_path.glob("*.docx")
    first = " ".join(p.text for p in Document(str(docx)).paragraphs[:40])
    assert "PERHATIAN" in first
    assert "Buku kerja yang belum diterima: Bidang Politik Dalam Negeri" in first


def test_report_lists_every_indicator_in_the_comparison_table(habits: dict, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture
                                                              ) -> None:
    from docx import Document

    path = habits["buku"]["tanpa_pembanding"]
    code, _ = run(capsys, "laporan", str(path), "--out", str(tmp_path))
    assert code == 0
    doc = Document(str(next(tmp_path.glob("*.docx"))))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    iku4 = [r for r in rows if any("Fasilitasi / Pembinaan Ketahanan" in c for c in r)
            and "-" in r and any("Banjarmasin" in c or c == "-" for c in r)]
    assert iku4, "IKU4 is missing from the comparison table"
