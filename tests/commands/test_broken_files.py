"""Issue 6: broken and hostile workbooks get a clear Indonesian answer; nothing is lost.

Fixtures come from tests/corpus/buat_korpus.py, built once per session in a temp folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lkj_excel.cli import main
from lkj_excel.core import schema
from lkj_excel.core.temuan import WorkbookError, flatten
from lkj_excel.files.read import check_workbook
from lkj_excel.files.safety import check_file
from tests.kit import ROOT
from tests.kit.corpus import RAHASIA, build, rewrite, valid

LKJ = [sys.executable, "-m", "lkj_excel"]


@pytest.fixture(scope="session")
def korpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("korpus"))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    return code, text


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ not a workbook / malicious

UNREADABLE = [
    ("kosong", "kosong (0 byte)"),
    ("acak", "bukan buku kerja Excel (.xlsx)"),
    ("terpotong", "rusak atau tidak utuh"),
    ("html", "halaman web (HTML"),
    ("biff", "format lama (.xls"),
    ("biff_diganti", "simpan sebagai Buku Kerja Excel (.xlsx)"),
    ("sandi", "dilindungi kata sandi"),
    ("docx", "dokumen Word"),
    ("bom_zip", "bom zip"),
    ("bom_bohong", "rusak atau tidak utuh"),
    ("entitas", "DOCTYPE/ENTITY"),
    ("xxe", "DOCTYPE/ENTITY"),
    ("xxe_sharedstrings", "xl/sharedStrings.xml"),
    ("sel_jauh", "XFD1048576"),
    ("sel_jauh_tanpa_r", "Ctrl+End"),
]


@pytest.mark.parametrize(("key", "expected"), UNREADABLE)
def test_unreadable_files_exit_2_with_file_name_and_advice(korpus, capsys, key, expected):
    path = korpus[key]
    before = sha(path)
    code, text = run(capsys, "periksa", path)
    assert code == 2
    assert f"{path.name}: TIDAK DAPAT DIBACA" in text
    assert expected in text
    assert RAHASIA not in text
    assert sha(path) == before


@pytest.mark.parametrize(("key", "expected"), UNREADABLE[:4] + UNREADABLE[6:7])
def test_unreadable_files_json_and_hitung(korpus, capsys, tmp_path, key, expected):
    code, text = run(capsys, "periksa", "--json", korpus[key])
    obj = json.loads(text)
    assert code == 2 and obj["terbaca"] is False
    assert obj["temuan"][0]["kode"] == "berkas-tidak-terbaca"
    assert expected in obj["temuan"][0]["pesan"]
    out = tmp_path / "hasil.xlsx"
    code, text = run(capsys, "hitung", korpus[key], "--out", out)
    assert code == 2 and expected in text and not out.exists()


def test_legacy_xls_is_a_real_ole_biff_file(korpus):
    import msoffcrypto
    import olefile

    path = korpus["biff_diganti"]
    assert olefile.isOleFile(str(path))
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.exists("Workbook")
        assert ole.openstream("Workbook").read(4) == b"\x09\x08\x10\x00"  # BIFF8 BOF
    with path.open("rb") as fh:
        assert msoffcrypto.OfficeFile(fh).is_encrypted() is False
    with korpus["sandi"].open("rb") as fh:
        assert msoffcrypto.OfficeFile(fh).is_encrypted() is True


def test_missing_file_and_folder(capsys, tmp_path):
    code, text = run(capsys, "periksa", tmp_path / "tidak-ada.xlsx")
    assert code == 2 and "tidak ditemukan" in text
    code, text = run(capsys, "periksa", tmp_path)
    assert code == 2 and "folder" in text


def test_zip_bomb_declares_and_inflates_to_gigabytes(korpus):
    with zipfile.ZipFile(korpus["bom_zip"]) as zf:
        info = zf.getinfo("xl/worksheets/sheet2.xml")
        assert info.file_size >= 2**31 - 1 and info.compress_size < 20 * 2**20
        with zf.open(info) as fh:  # it really inflates: 64 MiB from the first ~100 KiB
            assert len(fh.read(64 * 2**20)) == 64 * 2**20
    with zipfile.ZipFile(korpus["bom_bohong"]) as zf:
        assert zf.getinfo("xl/worksheets/sheet2.xml").file_size == 2048  # a lie


def test_streaming_cap_stops_inflation_even_when_declared_sizes_pass(korpus):
    # declared-size checks pass (limits high) but the actual inflated total is capped
    lim = schema.Limits(max_inflated_bytes=20_000, max_file_bytes=10**9)
    with zipfile.ZipFile(korpus["valid"]) as zf:
        declared = sum(i.file_size for i in zf.infolist())
    assert declared > 20_000
    lim_ok = schema.Limits(max_inflated_bytes=declared + 1)
    check_file(korpus["valid"], lim_ok)
    with pytest.raises(WorkbookError, match="mengembang"):
        check_file(korpus["valid"], lim)


def _limited(code: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run python code under a 1 GiB address-space limit and a 30 s timeout."""
    pre = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
           "sys.argv = ['lkj', *sys.argv[1:]]; ")
    return subprocess.run([sys.executable, "-c", pre + code, *args], capture_output=True,
                          text=True, timeout=30, cwd=ROOT, env={**os.environ, **(env or {})})


@pytest.mark.parametrize("key", ["bom_zip", "bom_bohong", "sel_jauh", "sel_jauh_tanpa_r",
                                 "entitas", "dimensi"])
def test_hostile_files_stay_within_1gib_and_30s(korpus, key):
    r = _limited("from lkj_excel.cli import main; sys.exit(main(sys.argv[1:]))", "periksa",
                 str(korpus[key]))
    assert r.returncode == (0 if key == "dimensi" else 2), r.stderr[-500:]
    assert "Traceback" not in r.stdout + r.stderr


def test_python_calamine_aborts_on_a_far_cell_so_the_gate_is_needed(korpus):
    # the fact the extent check exists for: calamine allocates the dense grid and the Rust
    # allocator aborts the whole process (no Python exception to catch)
    r = _limited("from python_calamine import CalamineWorkbook as W; "
                 "W.from_path(sys.argv[1]).get_sheet_by_name('PK').to_python()",
                 str(korpus["sel_jauh"]))
    assert r.returncode != 0 and "Traceback" not in r.stderr


def test_dimension_claiming_the_whole_grid_is_not_trusted(korpus):
    r = _limited("from python_calamine import CalamineWorkbook as W; "
                 "g = W.from_path(sys.argv[1]).get_sheet_by_name('PK').to_python(); "
                 "print(len(g), max(map(len, g)))", str(korpus["dimensi"]))
    assert r.returncode == 0 and r.stdout.split() == ["5", "8"]
    p = check_workbook(korpus["dimensi"])
    assert [i.kode for i in p.result.indikator] == ["I1", "I2"] and p.temuan == []


def test_entities_are_never_expanded_by_any_parser(korpus):
    import openpyxl
    import openpyxl.xml
    from python_calamine import CalamineWorkbook

    assert openpyxl.xml.DEFUSEDXML is True  # openpyxl parses through defusedxml
    for key in ("xxe", "entitas"):
        with pytest.raises(Exception) as exc:
            openpyxl.load_workbook(korpus[key])
        assert RAHASIA not in str(exc.value)
    for key in ("xxe", "entitas", "xxe_sharedstrings"):
        # python-calamine does not expand them either: it stops at the unknown entity
        try:
            wb = CalamineWorkbook.from_path(str(korpus[key]))
            text = repr([wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names])
        except Exception as e:
            text = str(e)
        assert RAHASIA not in text and "lollollol" not in text


# ------------------------------------------------------------------ broken structure


def codes(path: Path) -> list[tuple[str, ...]]:
    return flatten(check_workbook(path).temuan, ("kode", "tingkat", "lembar", "sel"))


def test_valid_fixture_is_clean(korpus):
    p = check_workbook(korpus["valid"])
    assert p.temuan == []
    assert str(p.result.indikator[0].realisasi_bulat) in ("96", "96.23", "96.2")


def test_missing_sheet_named(korpus):
    p = check_workbook(korpus["lembar_hilang"])
    f = [t for t in p.temuan if t.kode == "lembar-hilang"]
    assert [(t.lembar, t.tingkat) for t in f] == [("IKU", "kesalahan")]
    assert '"IKU"' in f[0].pesan


def test_renamed_or_missing_header_names_the_expected_label(korpus):
    p = check_workbook(korpus["judul_diganti"])
    assert flatten(p.temuan) == [("kolom-hilang", "PK", "A3")]
    assert 'persis "Target"' in p.temuan[0].pesan
    p = check_workbook(korpus["judul_hilang"])
    assert ("kolom-hilang", "IKU", "A3") in flatten(p.temuan)
    assert '"Realisasi"' in p.temuan[0].pesan


def test_text_in_number_cells_is_a_finding_at_that_cell(korpus):
    got = codes(korpus["teks_di_angka"])
    # words in a Target cell read as a category (a text target): not on the Skala Kategori
    assert ("kategori-tidak-dikenal", "kesalahan", "PK", "F4") in got
    p = check_workbook(korpus["teks_di_angka"])
    pesan = next(t.pesan for t in p.temuan if t.sel == "F4")
    assert '"sembilan puluh lima" bukan angka' in pesan and "WTP" in pesan
    assert ("sel-tidak-terbaca", "kesalahan", "IKU", "C4") in got


def test_excel_error_values_are_named_at_their_cells(korpus):
    p = check_workbook(korpus["galat"])
    errs = {(t.lembar, t.sel): t.pesan for t in p.temuan if t.kode == "sel-tidak-terbaca"}
    assert "#DIV/0!" in errs[("PK", "F4")] and "#REF!" in errs[("PK", "F5")]
    assert p.has_errors


def test_error_value_in_a_computed_column_is_not_blamed(korpus, tmp_path):
    # IKU's Capaian is recomputed by the engine: a #DIV/0! there is not the person's fault
    path = rewrite(korpus["valid"], tmp_path / "capaian-galat.xlsx", {
        "xl/worksheets/sheet3.xml": lambda d: d.replace(
            b"</row></sheetData>", b'<c r="G4" t="e"><v>#DIV/0!</v></c></row></sheetData>', 1)})
    p = check_workbook(path)
    assert not [t for t in p.temuan if "#DIV/0!" in t.pesan]


def test_merged_cells_across_data_warn_with_the_range(korpus):
    p = check_workbook(korpus["gabung"])
    f = [t for t in p.temuan if t.kode == "sel-gabung"]
    assert [(t.lembar, t.sel, t.tingkat) for t in f] == [("PK", "A4", "peringatan")]
    assert "A4:A5" in f[0].pesan


def test_duplicate_codes(korpus):
    assert ("kode-ganda", "kesalahan", "PK", "C6") in codes(korpus["kode_ganda"])


def test_hidden_rows_and_columns_are_read_and_reported(korpus):
    p = check_workbook(korpus["tersembunyi"])
    assert not p.has_errors
    hidden = {t.sel: t.pesan for t in p.temuan if t.kode == "baris-tersembunyi"}
    assert set(hidden) == {"A5", "F3"}
    assert "Baris 5" in hidden["A5"] and "Kolom F (Target)" in hidden["F3"]
    assert [i.kode for i in p.result.indikator] == ["I1", "I2"]  # hidden row 5 still read
    assert p.result.indikator[1].target == 100


def test_extremely_long_text_is_cut_and_reported(korpus):
    p = check_workbook(korpus["teks_panjang"])
    f = [t for t in p.temuan if t.kode == "teks-terlalu-panjang"]
    assert [(t.lembar, t.sel) for t in f] == [("PK", "D4")]
    assert len(p.data.rows["PK"][0]["indikator"]) == schema.LIMITS.max_text_chars


def test_xlwings_conf_sheets_are_errors_and_never_copied(korpus, capsys, tmp_path):
    got = codes(korpus["konfigurasi"])
    assert ("lembar-konfigurasi", "kesalahan", "myaddin.conf", "A1") in got
    assert ("lembar-konfigurasi", "kesalahan", "xlwings.conf", "A1") in got
    out = tmp_path / "hasil.xlsx"
    code, _ = run(capsys, "hitung", korpus["konfigurasi"], "--out", out)
    assert code == 1
    with zipfile.ZipFile(out) as zf:
        wb_xml = zf.read("xl/workbook.xml").decode()
        everything = b"".join(zf.read(n) for n in zf.namelist())
    assert ".conf" not in wb_xml and b"jahat.exe" not in everything
    assert 'name="Ringkasan"' in wb_xml and 'name="PK"' in wb_xml


# ------------------------------------------------------------------ output safety


def test_text_starting_with_formula_characters_stays_text(korpus, capsys, tmp_path):
    out = tmp_path / "hasil.xlsx"
    code, _ = run(capsys, "hitung", korpus["rumus"], "--out", out)
    assert code == 0
    injected = ['=HYPERLINK("http://contoh.invalid","klik")', "+62 811 indikator",
                "-5 persen indikator", "@SUM(A1:A2)"]
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        xml = {n: zf.read(n).decode() for n in names if n.endswith(".xml")}
    formulas = [f for n, x in xml.items() if n.startswith("xl/worksheets/")
                for f in re.findall(r"<f>(.*?)</f>", x, re.S)]
    for text in injected:
        esc = text.replace("&", "&amp;").replace('"', "&quot;")
        assert not any(text in f or esc in f or "contoh.invalid" in f for f in formulas)
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(out))
    ringkasan = wb.get_sheet_by_name("Ringkasan").to_python()
    values = {v for row in ringkasan for v in row if isinstance(v, str)}
    assert "+62 811 indikator" in values and "-5 persen indikator" in values


# ------------------------------------------------------------------ nothing lost


def test_no_command_changes_an_input_file(korpus, capsys, tmp_path):
    for key in ("valid", "rumus", "konfigurasi", "tersembunyi", "galat", "sandi", "acak"):
        src = tmp_path / korpus[key].name
        src.write_bytes(korpus[key].read_bytes())
        before = sha(src), src.stat().st_mtime_ns
        run(capsys, "periksa", src)
        run(capsys, "periksa", "--json", src)
        run(capsys, "hitung", src)  # default output next to the input
        assert (sha(src), src.stat().st_mtime_ns) == before, key


def test_workbook_open_in_excel_is_never_written(korpus, capsys, tmp_path):
    out = tmp_path / "hasil.xlsx"
    out.write_bytes(b"versi lama")
    lock = tmp_path / "~$hasil.xlsx"
    lock.write_bytes(b"owner")
    code, text = run(capsys, "hitung", korpus["valid"], "--out", out)
    assert code == 2 and "sedang dibuka di Excel" in text and "hasil.xlsx" in text
    assert out.read_bytes() == b"versi lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.xlsx", "~$hasil.xlsx"]
    lock.unlink()
    code, _ = run(capsys, "hitung", korpus["valid"], "--out", out)
    assert code == 0 and zipfile.is_zipfile(out)


def test_a_crash_mid_write_leaves_the_old_file(korpus, capsys, tmp_path, monkeypatch):
    import openpyxl.workbook.workbook as wbmod

    out = tmp_path / "hasil.xlsx"
    code, _ = run(capsys, "hitung", korpus["valid"], "--out", out)
    old = out.read_bytes()

    def crash(self, filename):  # the process dies half-way through writing the zip
        Path(filename).write_bytes(b"PK\x03\x04 setengah")
        raise OSError(28, "No space left on device")

    real_write = Path.write_bytes

    def crash_bytes(self, data):  # the same for the spliced package (no openpyxl save)
        real_write(self, data[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wbmod.Workbook, "save", crash)
    monkeypatch.setattr(Path, "write_bytes", crash_bytes)
    code, _text = run(capsys, "hitung", korpus["rumus"], "--out", out)
    assert code != 0
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.xlsx"]  # no temp left


# ------------------------------------------------------------------ limits are settings


def test_limits_come_from_environment_variables(korpus):
    lim = schema.Limits.from_env({"LKJ_MAKS_UKURAN_MB": "0,005", "LKJ_MAKS_BARIS": "1",
                                  "LKJ_MAKS_SEL": "abc", "LKJ_MAKS_TEKS": "-3"})
    assert lim.max_file_bytes == int(0.005 * 1024 * 1024)
    assert lim.max_rows_per_sheet == 1
    assert lim.max_cells_per_sheet == schema.Limits().max_cells_per_sheet  # invalid: ignored
    assert lim.max_text_chars == schema.Limits().max_text_chars
    with pytest.raises(WorkbookError, match="melebihi batas"):
        check_file(korpus["valid"], lim)


def test_limit_env_reaches_the_command(korpus):
    r = subprocess.run([*LKJ, "periksa", str(korpus["valid"])], capture_output=True, text=True,
                       env={**os.environ, "LKJ_MAKS_UKURAN_MB": "0.001"}, cwd=ROOT, timeout=60)
    assert r.returncode == 2 and "LKJ_MAKS_UKURAN_MB" in r.stdout
    r = subprocess.run([*LKJ, "periksa", str(korpus["valid"])], capture_output=True, text=True,
                       env={**os.environ, "LKJ_MAKS_SEL": "20"}, cwd=ROOT, timeout=60)
    assert r.returncode == 2 and "LKJ_MAKS_SEL" in r.stdout


def test_rows_per_sheet_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "LIMITS", schema.Limits(max_rows_per_sheet=1))
    p = check_workbook(valid(tmp_path / "v.xlsx"))
    assert ("sel-tidak-terbaca", "PK", "A5") in flatten(p.temuan)
    assert "lebih dari 1 baris" in p.temuan[0].pesan or any(
        "lebih dari 1 baris" in t.pesan for t in p.temuan)
