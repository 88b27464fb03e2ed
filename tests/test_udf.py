"""Worksheet functions (lkj_excel.udf): the engine's results exactly."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest

from lkj_excel import udf
from lkj_excel.files.read import check_workbook
from tests.kit import ROOT


def test_capaian_seed_and_domain_cases() -> None:
    # 51 of 53 ormas: realisasi 96,23% against target 95 -> 101% (Desimal 0)
    real = Decimal(51) / Decimal(53) * 100
    assert udf.LKJ_CAPAIAN(95, float(real), "Positif", "2T-R", 0) == 101
    assert udf.LKJ_CAPAIAN(100, 100, "Positif", desimal=0) == 100
    # negative polarity, both formulas in use
    assert udf.LKJ_CAPAIAN(254, 181, "Negatif", "2T-R", 2) == 128.74
    assert udf.LKJ_CAPAIAN(254, 181, "negatif", "T/R", 2) == 140.33
    # target 0 and realisasi 0 -> 100; other target-0 cases cannot be computed
    assert udf.LKJ_CAPAIAN(0, 0, "Negatif") == 100
    assert udf.LKJ_CAPAIAN(0, 5, "Positif") == "tidak dapat dihitung"
    assert udf.LKJ_CAPAIAN(10, 0, "Negatif", "T/R") == "tidak dapat dihitung"
    # empty input: empty cell, like Ringkasan
    assert udf.LKJ_CAPAIAN(None, 5, "Positif") == ""
    # Indonesian text numbers, and the cap
    assert udf.LKJ_CAPAIAN("95", "96,23", "Positif", None, 2) == 101.29
    assert udf.LKJ_CAPAIAN(50, 100, "Positif", None, 0, 120) == 120
    # unrounded unless desimal is given (Excel's number format decides what is shown)
    assert udf.LKJ_CAPAIAN(3, 1, "Positif") == pytest.approx(33.333333333)


def test_rounding_is_half_up_like_excel() -> None:
    # 96,225 -> 96,23 (Python's round() and Babel would give 96,22)
    assert udf.LKJ_CAPAIAN(100, 96.225, "Positif", None, 2) == 96.23
    assert udf.LKJ_PERSEN(96.225) == "96,23%"


def test_bad_input_says_what_to_fix() -> None:
    assert udf.LKJ_CAPAIAN(95, "sembilan", "Positif").startswith("Galat: Realisasi:")
    assert "Positif atau Negatif" in udf.LKJ_CAPAIAN(95, 96, "Naik")
    assert "2T-R atau T/R" in udf.LKJ_CAPAIAN(95, 96, "Negatif", "T-R")
    assert "0 sampai 6" in udf.LKJ_CAPAIAN(95, 96, "Positif", None, 9)


def test_predikat_default_preset_and_range() -> None:
    assert udf.LKJ_PREDIKAT(101) == "Sangat Baik"
    assert udf.LKJ_PREDIKAT(100) == "Baik"
    assert udf.LKJ_PREDIKAT("tidak dapat dihitung") == ""
    assert udf.LKJ_PREDIKAT(80, [["kabkota"]]) == "Baik"
    assert udf.LKJ_PREDIKAT(91, "kabkota") == "Sangat Baik"
    rng = [["Batas Bawah", "Predikat"], [91, "Sangat Tinggi"], [76, "Tinggi"],
           [66, "Sedang"], [51, "Rendah"], [0, "Sangat Rendah"], [None, None]]
    assert udf.LKJ_PREDIKAT(75.99, rng) == "Sedang"
    assert udf.LKJ_PREDIKAT(-5, rng) == "Sangat Rendah"
    assert udf.LKJ_PREDIKAT(80, "tinggi-sekali").startswith("Galat: Skala")


def test_money_percent_words() -> None:
    assert udf.LKJ_RUPIAH(33660129080) == "Rp\u00a033.660.129.080,00"
    assert udf.LKJ_RUPIAH("Rp 1.455.472.897") == "Rp\u00a01.455.472.897,00"
    assert udf.LKJ_PERSEN(95.676) == "95,68%"
    assert udf.LKJ_PERSEN(4.32, 0) == "4%"
    assert udf.LKJ_TERBILANG(5) == "lima"
    assert udf.LKJ_TERBILANG(18.0) == "delapan belas"
    assert udf.LKJ_TERBILANG(43) == "empat puluh tiga"
    assert udf.LKJ_RUPIAH(None) == ""


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = sorted((ROOT / "workbooks" / "contoh").glob("LKj*.xlsx"))
    if found:
        return found[0]
    from contoh_data import NAMA_BERKAS_INSTANSI, seed_data

    from lkj_excel.files.template import write_workbook

    return write_workbook(tmp_path_factory.mktemp("c") / NAMA_BERKAS_INSTANSI, seed_data())


def test_udfs_equal_the_engine_on_every_seed_indicator(seed: Path) -> None:
    p = check_workbook(seed)
    st = p.result.settings
    skala = [["Batas Bawah", "Predikat"]] + [[float(b), n] for b, n in st.skala]
    assert p.result.indikator
    for i in p.result.indikator:
        got = udf.LKJ_CAPAIAN(float(i.target) if i.target is not None else None,
                              float(i.realisasi) if i.realisasi is not None else None,
                              i.polaritas, st.rumus_negatif, st.desimal,
                              float(st.batas_atas) if st.batas_atas is not None else None)
        if i.capaian_bulat is None:
            assert got in ("", "tidak dapat dihitung")
            continue
        assert got == float(i.capaian_bulat), i.kode
        assert udf.LKJ_PREDIKAT(got, skala) == i.predikat, i.kode
    a = p.result.anggaran
    assert udf.LKJ_RUPIAH(float(a.efisiensi)) == "Rp\u00a01.455.472.897,00"
    assert udf.LKJ_PERSEN(float(a.serapan_persen)) == "95,68%"


_MACHINERY = r"""
import io, sys, types
# xlwings.udfs needs pywin32 only to talk to Excel; give it inert modules so that its
# pure parts (the @xw.func metadata and the VBA wrapper generator) run on Linux.
for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["pythoncom"].CoInitialize = lambda: None
sys.modules["win32com.client"].Dispatch = None
import xlwings.udfs as U
import lkj_excel.udf as m
for f in m.UDFS:
    U.xlfunc(f)
U.xlarg("skala", ndim=2)(m.LKJ_PREDIKAT)
class WB:
    Name = "lkj_excel.xlam"
out = io.StringIO()
U.generate_vba_wrapper("lkj_excel.udf", m, out, WB())
print(out.getvalue())
"""


def test_xlwings_udf_machinery_generates_the_excel_functions() -> None:
    res = subprocess.run([sys.executable, "-c", _MACHINERY], capture_output=True, text=True,
                         env={**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"})
    assert res.returncode == 0, res.stderr
    vba = res.stdout
    assert ("Function LKJ_CAPAIAN(target, realisasi, Optional polaritas, Optional rumus, "
            "Optional desimal, Optional batas_atas)") in vba
    assert "Function LKJ_PREDIKAT(capaian, Optional skala)" in vba
    for name in ("LKJ_RUPIAH(angka)", "LKJ_PERSEN(angka, Optional desimal)",
                 "LKJ_TERBILANG(angka)"):
        assert f"Function {name}" in vba
    assert vba.count("End Function") == len(udf.UDFS)


def test_lkj_persen_says_what_it_expects() -> None:
    """LKJ_PERSEN(0,9568) is 0,96%: its help (Excel's function wizard) says to pass percent
    and how to use a cell formatted %."""
    from lkj_excel import udf

    assert udf.LKJ_PERSEN(95.68) == "95,68%"
    assert udf.LKJ_PERSEN(0.9568) == "0,96%"  # a fraction is not guessed to be 95,68%
    assert udf.LKJ_PERSEN(0.9568 * 100) == "95,68%"
    # the argument's help Excel shows (xw.arg doc=...; a no-op off Windows, so read it)
    import ast
    import inspect

    src = ast.parse(inspect.getsource(udf))
    fn = next(n for n in src.body if isinstance(n, ast.FunctionDef) and n.name == "LKJ_PERSEN")
    docs = {d.args[0].value: next(k.value.id for k in d.keywords if k.arg == "doc")
            for d in fn.decorator_list if isinstance(d, ast.Call) and d.args and
            isinstance(d.args[0], ast.Constant) and any(k.arg == "doc" for k in d.keywords)
            and isinstance(next(k.value for k in d.keywords if k.arg == "doc"), ast.Name)}
    assert docs.get("angka") == "PERSEN_ANGKA_DOC"
    assert "A1*100" in udf.PERSEN_ANGKA_DOC and "persen" in udf.PERSEN_ANGKA_DOC
    assert "A1*100" in udf.LKJ_PERSEN.__doc__
