"""Fuzz: mutated workbooks never make `lkj periksa` / `lkj hitung` crash.

Two mutation levels: cell values and types (written with openpyxl through gridkit), and raw
bytes of the XML parts inside the zip. Whatever comes out, the command answers with exit
code 0, 1 or 2 and no traceback (the CLI's last line of defence returns 3 for an unexpected
exception, so 3 fails here too). Examples are capped relative to the hypothesis profile.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkj_excel.cli import main
from tests.kit import ROOT
from tests.kit.corpus import valid, valid_grids
from tests.kit.grids import save_xlsx

N = max(5, settings.default.max_examples // 3)
FUZZ = settings(max_examples=N, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

EXCELISH = st.sampled_from([
    "#DIV/0!", "#REF!", "#N/A", "#VALUE!", "=1/0", "=SUM(A1:A2)", "+62", "-", "@x", "", " ",
    "95,68", "33.660.129.080,00", "Rp 1.455.472.897", "96%", "1e309", "NaN", "inf", "-0",
    "Positif", "negatif", "Selesai", "2T-R", "Sangat Baik", "I1", "S1", "\u00a0", "x" * 40000,
    "\x00\x01", "<b>&amp;</b>", "Kode Indikator", "Target", "Profil", "xlwings.conf",
])
VALUES = st.one_of(
    st.none(), st.booleans(), EXCELISH, st.text(max_size=60),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 1, 1)),
)
SHEETS = ["Profil", "PK", "IKU", "Anggaran", "LRA", "Pegawai", "Kejadian", "Pengaturan"]


def run_cli(*argv: object) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue() + err.getvalue()


def check(path: Path, out: Path, compute_workbook: bool) -> None:
    code, text = run_cli("periksa", path)
    assert code in (0, 1, 2), text[-2000:]
    assert "Traceback" not in text and "kesalahan tak terduga" not in text, text[-2000:]
    if compute_workbook and code != 2:
        code, text = run_cli("hitung", path, "--out", out)
        assert code in (0, 1, 2), text[-2000:]
        assert "Traceback" not in text and "kesalahan tak terduga" not in text, text[-2000:]


def _clean(v: object) -> object:
    # openpyxl refuses control characters and strings over 32.767 characters itself
    if isinstance(v, str):
        v = "".join(ch for ch in v if ch in "\t\n\r" or ord(ch) >= 32)[:32767]
    return v


@FUZZ
@given(edits=st.lists(st.tuples(st.sampled_from(SHEETS), st.integers(0, 8),
                                st.integers(0, 9), VALUES), min_size=1, max_size=12),
       drop_sheet=st.one_of(st.none(), st.sampled_from(SHEETS)),
       compute_workbook=st.booleans())
def test_cell_mutations_never_crash(tmp_path_factory, edits, drop_sheet, compute_workbook):
    tmp = tmp_path_factory.mktemp("fuzzsel")
    g = valid_grids()
    g.setdefault("Pengaturan", [["Isian", "Nilai"], ["Desimal", 2]])
    for sheet, r, c, v in edits:
        rows = g.setdefault(sheet, [])
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = _clean(v)
    if drop_sheet:
        g.pop(drop_sheet, None)
    path = save_xlsx(g, tmp / "sel.xlsx")
    check(path, tmp / "hasil.xlsx", compute_workbook)


class Parts(dict):
    """The parts of the valid workbook (short repr for hypothesis' failure reports)."""

    def __repr__(self) -> str:
        return f"<{len(self)} bagian>"


@pytest.fixture(scope="module")
def base_zip(tmp_path_factory) -> Parts:
    path = valid(tmp_path_factory.mktemp("fuzzbasis") / "valid.xlsx")
    with zipfile.ZipFile(path) as zf:
        return Parts({n: zf.read(n) for n in zf.namelist()})


MUTATIONS = st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate", "swap-tag"])
INSERTS = st.sampled_from([b"<", b">", b"&", b"&x;", b'"', b"\x00", b"\xff\xfe", b"]]>",
                           b'<c r="XFD1048576"><v>1</v></c>', b'<c r="B2" t="e"><v>#N/A</v></c>',
                           b'<row r="0">', b'r="A0"', b'<mergeCell ref="A1:ZZ99999"/>',
                           b'hidden="1"', b"<!DOCTYPE x>", b'<c r="A1" t="s"><v>99999</v></c>',
                           b'<sheet name="a.conf" sheetId="99" r:id="rId99"/>'])


@FUZZ
@given(data=st.data(), compute_workbook=st.booleans())
def test_xml_byte_mutations_never_crash(base_zip, tmp_path_factory, data, compute_workbook):
    parts = dict(base_zip)
    names = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(names))
        blob = bytearray(parts[name])
        kind = data.draw(MUTATIONS)
        pos = data.draw(st.integers(0, max(len(blob) - 1, 0)))
        if kind == "flip" and blob:
            blob[pos] = data.draw(st.integers(0, 255))
        elif kind == "insert":
            blob[pos:pos] = data.draw(INSERTS)
        elif kind == "delete":
            del blob[pos:pos + data.draw(st.integers(1, 64))]
        elif kind == "truncate":
            del blob[pos:]
        elif kind == "duplicate":
            blob[pos:pos] = blob[pos:pos + data.draw(st.integers(1, 200))]
        else:
            blob = bytearray(bytes(blob).replace(b"<c ", b"<x ", 1))
        parts[name] = bytes(blob)
    tmp = tmp_path_factory.mktemp("fuzzxml")
    path = tmp / "xml.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
    check(path, tmp / "hasil.xlsx", compute_workbook)


@pytest.mark.parametrize("mutation", [
    lambda b: b.replace(b"<sheetData>", b"<sheetData><row r=\"2\"><c r=\"ZZZ2\"><v>1</v></c>"
                        b"</row>", 1),
    lambda b: b.replace(b"</worksheet>", b""),
    lambda b: b[: len(b) // 3],
])
def test_a_few_mutations_through_a_real_process(base_zip, tmp_path, mutation):
    parts = dict(base_zip)
    parts["xl/worksheets/sheet2.xml"] = mutation(parts["xl/worksheets/sheet2.xml"])
    path = tmp_path / "proses.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
    for argv in (["periksa", str(path)], ["hitung", str(path), "--out",
                                          str(tmp_path / "h.xlsx")]):
        r = subprocess.run([sys.executable, "-m", "lkj_excel", *argv], capture_output=True,
                           text=True, timeout=60, cwd=ROOT)
        assert r.returncode in (0, 1, 2), r.stderr[-2000:]
        assert "Traceback" not in r.stdout + r.stderr
