"""lkj rekap --html: the picture of the year, one self-contained file; opened in headless
Chromium (Debian's package) as a phone would show it and as it prints."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lkj_excel.analysis import picture
from lkj_excel.analysis.collect import rekap_tables
from lkj_excel.cli import main
from lkj_excel.core import seed, units
from lkj_excel.files.template import write_workbook
from tests.kit import ROOT

D = Decimal
NASTY = "Dinas <b>Uji</b> & \"Co\""
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--no-first-run",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars")


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The seed split by unit, plus a second agency (a name with HTML in it) whose ormas
    target is 120 (capaian 80: Kurang) and a broken file."""
    root = tmp_path_factory.mktemp("gambar")
    (root / "kesbangpol").mkdir()
    for i, (unit, part) in enumerate(units.split_by_unit(seed.seed_data()).items(), 1):
        write_workbook(root / "kesbangpol" / units.unit_filename(i, unit), part)
    data = seed.seed_data()
    data["profil"].update(instansi=NASTY, singkatan=None)
    data["meta"]["id_buku_kerja"] = units.workbook_id(NASTY, 2024)
    for r in data["sheets"]["PK"]:
        if r["kode_indikator"] == "IKU3":
            r["target"] = 120
    write_workbook(root / "dinas.xlsx", data)
    (root / "rusak.xlsx").write_bytes(b"bukan excel")
    return rekap_tables([root], pekerja=1).tables


def test_verdicts() -> None:
    assert picture.verdict(D("66.40"), D(100)) == picture.EFISIEN
    assert picture.verdict(D(100), D(101)) == picture.PENUH
    assert picture.verdict(D("95.5"), D(80)) == picture.TANPA_HASIL
    assert picture.verdict(D(40), D(80)) == picture.BELUM
    assert picture.verdict(D(40), None) == picture.TANPA_CAPAIAN


def test_capaian_bars_against_the_target_line() -> None:
    rows = [{"kode_indikator": "A", "indikator": "a", "capaian": D(100), "predikat": "Baik"},
            {"kode_indikator": "B", "indikator": "b", "capaian": D(50), "predikat": "Kurang"},
            {"kode_indikator": "C", "indikator": "c", "capaian": D(450), "predikat": "x"},
            {"kode_indikator": "D", "indikator": "d", "capaian": None,
             "capaian_catatan": "tidak dapat dihitung", "predikat": None}]
    c = picture.capaian_chart(rows)
    assert c is not None
    a, b, big, none = c.bars
    assert a.width == pytest.approx(c.target_x - c.x0)  # 100% ends on the target line
    assert b.width == pytest.approx(a.width / 2)
    assert big.clipped and big.width == pytest.approx(c.x1 - c.x0)  # 200% is the widest
    assert (none.width, none.text) == (0, "tidak dapat dihitung")
    assert (a.color, b.color) == (picture.WARNA_PREDIKAT["baik"],
                                  picture.WARNA_PREDIKAT["kurang"])


def test_programs_capaian_of_their_sasaran(tables: dict[str, list[dict[str, Any]]]) -> None:
    mine = [r for r in tables["anggaran"] if r["instansi"] == seed.PROFIL["instansi"]]
    ind = [r for r in tables["indikator"] if r["instansi"] == seed.PROFIL["instansi"]]
    views, scatter = picture.programs(mine, ind)
    by = {v.kode_sasaran: v for v in views}
    assert by[""].verdict == picture.TANPA_CAPAIAN  # Program Penunjang: no sasaran
    assert (by["SS1"].serapan, by["SS1"].capaian, by["SS1"].verdict) == (
        "66,40%", "100%", picture.EFISIEN)
    assert by["SS3"].capaian == "101%"
    assert scatter is not None and len(scatter.points) == 5


def test_html_is_self_contained_and_escaped(tables: dict[str, list[dict[str, Any]]]) -> None:
    html = picture.render_html(tables)
    assert "<b>Uji</b>" not in html and "Dinas &lt;b&gt;Uji&lt;/b&gt; &amp;" in html
    assert not re.search(r"https?://|<script|<link|<img|@import|url\(", html)
    assert html.count("<svg") >= 2 * 3  # bars, scatter, sparklines per agency
    assert "rusak.xlsx" in html and "berkas-tidak-terbaca" in html
    assert 'name="viewport"' in html and "@media print" in html


def test_cli_writes_the_html(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "gambar.html"
    assert main(["rekap", str(ROOT / "workbooks" / "contoh" / "per-bidang"), "--html", str(out),
                 "--judul", "Rekap <Kota>"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<title>Rekap &lt;Kota&gt;</title>" in text and "101%" in text
    assert str(out) in capsys.readouterr().out


# ---------------------------------------------------------------------------
# In a real browser
# ---------------------------------------------------------------------------

def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Chromium tidak terpasang (apt-get install chromium; scripts/pasang.sh)")
    return exe


def run_chromium(tmp: Path, *args: str) -> None:
    profile = tmp / f"profil-{len(list(tmp.glob('profil-*')))}"
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                   check=True, capture_output=True, timeout=120)


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGBA/RGB bytes) of a non-interlaced 8-bit PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) \
                    & 255
        rows.append(bytes(line))
        prev = line
    pixels = [bytes(r[i:i + 3]) for r in rows for i in range(0, stride, bpp)]
    return w, h, pixels


@pytest.mark.chromium
def test_in_headless_chromium_a_phone_screenshot_and_the_printed_text(
        tables: dict[str, list[dict[str, Any]]], tmp_path: Path) -> None:
    html = picture.write_html(tables, tmp_path / "gambar.html")
    shot = tmp_path / "hp.png"
    run_chromium(tmp_path, "--window-size=390,1600", f"--screenshot={shot}", html.as_uri())
    w, h, pixels = png_pixels(shot)
    assert (w, h) == (390, 1600)
    white = pixels.count(b"\xff\xff\xff")
    assert white < 0.97 * len(pixels)  # not blank
    colours = set(pixels)
    assert len(colours) > 50
    # the bars are drawn: the predikat colours of the seed's indicators are on screen
    for hexa in (picture.WARNA_PREDIKAT["baik"], picture.WARNA_PREDIKAT["sangat baik"]):
        assert bytes.fromhex(hexa[1:]) in colours, hexa

    pdf = tmp_path / "cetak.pdf"
    run_chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.replace("\xa0", " ").split())
    for needle in ("Badan Kesatuan Bangsa dan Politik Kota Banjarbaru", NASTY,
                   "IKU3", "101%", "80%", "Rp 22.880.348.450,00", "99,91%", "66,40%",
                   "Target tercapai dengan anggaran lebih sedikit", "Tren realisasi",
                   "2022", "2023", "rusak.xlsx", "Temuan yang tersisa"):
        assert needle in flat, needle
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 3  # type: ignore[union-attr]


def test_a_category_indicator_in_the_picture(tmp_path: Path) -> None:
    """A text target (WTP) shows its category and Tercapai, and counts among the met."""
    from tests.kit.extended import extended_data

    book = write_workbook(tmp_path / "wtp.xlsx", extended_data())
    tables = rekap_tables([book], pekerja=1).tables
    (agency,) = picture.context(tables)["agencies"]
    (year,) = agency.years
    opini = next(r for r in year.indikator if r["kode_indikator"] == "IKU6")
    assert (opini["target_t"], opini["realisasi_t"], opini["capaian_t"]) == \
        ("WTP", "WTP", "Tercapai")
    assert (year.tercapai, year.n_capaian) == (6, 6)  # the seed's five and the opinion
    bar = next(b for b in year.chart.bars if b.label == "IKU6")
    assert (bar.width, bar.text) == (0, "Tercapai")
    html = picture.render_html(tables)
    assert "6 dari 6" in html
