"""The report's charts as native Word charts (DrawingML chart parts with their workbook): the
figures in the parts are the engine's, the .docx is a sound package, and LibreOffice draws
them (PDF text and the bars' pixels)."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from lkj_excel.cli import main
from lkj_excel.core.seed import seed_data
from lkj_excel.files.read import check_workbook
from lkj_excel.report import charts
from lkj_excel.report.render import (
    CT_CHART,
    RT_CHART,
    RT_PACKAGE,
    render_bytes,
    render_report,
)
from tests.kit import ROOT
from tests.report.test_report import _seed_workbook, docx_text

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

#: the seed's indicators (all in %) and programs, as the engine computes them
SEED_INDIKATOR = [
    "Persentase Potensi Paham Radikal yang Diselesaikan",
    "Persentase Peran Partai Politik Dalam Pendidikan Politik dan Pengembangan Etika Serta "
    "Budaya Politik",
    "Persentase Ormas yang Aktif",
    "Persentase Fasilitasi / Pembinaan Ketahanan Ekonomi, Sosial, dan Budaya",
    "Persentase Potensi Konflik Ipolek Sosbud Hankam yang ditangani"]
SEED_ANGGARAN = [7295723830, 2067763000, 22880348450, 115000000, 713596300, 587697500]
SEED_REALISASI = [6949629669, 1373010900, 22859667914, 103194000, 623737750, 295415950]
SEED_SERAPAN = ["95,26%", "66,40%", "99,91%", "89,73%", "87,41%", "50,27%"]


def _xml(data: bytes):  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.fromstring(data)


def read_chart(space) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """What a chart part says: categories (lines joined), series names, values and notes."""
    out: dict = {"series": []}  # type: ignore[type-arg]
    for ser in space.iter(f"{C}ser"):
        name = ser.find(f"{C}tx//{C}v").text
        cats = [pt.find(f"{C}v").text.replace("\n", " ")
                for pt in ser.find(f"{C}cat").iter(f"{C}pt")]
        n = len(cats)
        vals: list[float | None] = [None] * n
        for pt in ser.find(f"{C}val").iter(f"{C}pt"):
            vals[int(pt.get("idx"))] = float(pt.find(f"{C}v").text)
        notes: list[str | None] = [None] * n
        for lbl in ser.iter(f"{C}dLbl"):
            notes[int(lbl.find(f"{C}idx").get("val"))] = "".join(
                t.text for t in lbl.iter(f"{A}t"))
        out["categories"] = cats
        out["series"].append({"name": name, "values": vals, "notes": notes})
    out["log"] = [el.get("val") for el in space.iter(f"{C}logBase")]
    return out


def docx_charts(data: bytes) -> list[dict]:  # type: ignore[type-arg]
    """The document's inline charts in order: the chart part's reading, its name and
    alternative text, the part names and the chart's own workbook."""
    z = zipfile.ZipFile(io.BytesIO(data))
    doc = _xml(z.read("word/document.xml"))
    rels = {r.get("Id"): r for r in _xml(z.read("word/_rels/document.xml.rels"))}
    found = []
    for inline in doc.iter(f"{WP}inline"):
        chart = inline.find(f".//{C}chart")
        if chart is None:
            continue
        rel = rels[chart.get(f"{R}id")]
        assert rel.get("Type") == RT_CHART
        part = "word/" + rel.get("Target")
        space = _xml(z.read(part))
        ext = space.find(f"{C}externalData")
        folder, _, name = part.rpartition("/")
        crels = {r.get("Id"): r for r in _xml(z.read(f"{folder}/_rels/{name}.rels"))}
        wrel = crels[ext.get(f"{R}id")]
        assert wrel.get("Type") == RT_PACKAGE
        book = "word/" + wrel.get("Target").replace("../", "")
        doc_pr = inline.find(f"{WP}docPr")
        extent = inline.find(f"{WP}extent")
        found.append({**read_chart(space), "part": part, "workbook": z.read(book),
                      "workbook_part": book, "name": doc_pr.get("name"),
                      "descr": doc_pr.get("descr"), "id": doc_pr.get("id"),
                      "cm": (int(extent.get("cx")) / 360000, int(extent.get("cy")) / 360000)})
    return found


@pytest.fixture(scope="module")
def seed_p(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return check_workbook(_seed_workbook(tmp_path_factory.mktemp("seed")))


@pytest.fixture(scope="module")
def seed_docx(seed_p) -> bytes:  # type: ignore[no-untyped-def]
    return render_bytes(seed_p)


# ---------------------------------------------------------------------------
# the figures
# ---------------------------------------------------------------------------

def test_the_charts_hold_the_engines_figures(seed_p, seed_docx: bytes) -> None:  # type: ignore[no-untyped-def]
    cap, ang = docx_charts(seed_docx)
    assert cap["name"] == "Gambar Capaian" and ang["name"] == "Gambar Anggaran"
    assert cap["categories"] == SEED_INDIKATOR
    target, realisasi = cap["series"]
    assert (target["name"], realisasi["name"]) == ("Target", "Realisasi")
    assert target["values"] == [100, 100, 95, 100, 100]
    assert realisasi["values"] == [100, 100, 96, 100, 100]
    assert target["notes"] == ["100%", "100%", "95%", "100%", "100%"]
    assert realisasi["notes"] == ["100%", "100%", "96%", "100%", "100%"]
    # the same figures as the engine's results (rounded as the report prints them)
    inds = seed_p.result.indikator
    assert realisasi["values"] == [float(i.realisasi_bulat) for i in inds]
    assert ang["categories"] == [p.program for p in seed_p.result.anggaran.program]
    anggaran, real = ang["series"]
    assert (anggaran["name"], real["name"]) == ("Anggaran", "Realisasi")
    assert anggaran["values"] == SEED_ANGGARAN
    assert real["values"] == SEED_REALISASI
    assert sum(real["values"]) == 32204656183  # the report's "Jumlah" row
    assert real["notes"] == SEED_SERAPAN and anggaran["notes"] == [None] * 6
    assert ang["log"] == ["10"] and cap["log"] == []


def test_each_chart_carries_its_data_as_a_workbook(seed_docx: bytes) -> None:
    from python_calamine import CalamineWorkbook

    cap, ang = docx_charts(seed_docx)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(ang["workbook"])).get_sheet_by_index(
        0).to_python()
    assert rows[0][1:] == ["Anggaran", "Realisasi"]
    assert [r[0].replace("\n", " ") for r in rows[1:]] == ang["categories"]
    assert [r[1] for r in rows[1:]] == SEED_ANGGARAN
    assert [r[2] for r in rows[1:]] == SEED_REALISASI
    rows = CalamineWorkbook.from_filelike(io.BytesIO(cap["workbook"])).get_sheet_by_index(
        0).to_python()
    assert [r[2] for r in rows[1:]] == [100, 100, 96, 100, 100]


def test_alt_text_names_every_figure(seed_docx: bytes) -> None:
    cap, ang = docx_charts(seed_docx)
    assert cap["descr"].startswith("Grafik batang target dan realisasi indikator kinerja "
                                   "tahun 2024.")
    assert "Persentase Ormas yang Aktif: target 95%, realisasi 96%" in cap["descr"]
    assert ("Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan: anggaran "
            "Rp 115.000.000,00, realisasi Rp 103.194.000,00 (89,73%)") in ang["descr"]
    # printed across the text width, under 10 cm high
    for c in (cap, ang):
        w, h = c["cm"]
        assert w == pytest.approx(15.5) and 3 < h <= 10.0


def test_the_axes_and_their_indonesian_labels(seed_p) -> None:  # type: ignore[no-untyped-def]
    chart = charts.anggaran_chart(seed_p.result)
    assert chart is not None
    space = _xml(chart.xml)
    val = space.find(f".//{C}valAx")
    assert val.find(f"{C}numFmt").get("formatCode") == charts.RUPIAH_TICKS
    assert val.find(f"{C}numFmt").get("sourceLinked") == "0"
    assert "".join(t.text for t in val.iter(f"{A}t")) == "Rupiah (skala logaritmik)"
    # powers of ten, a decade below the smallest amount (Rp 103 juta: from Rp 10 juta)
    assert float(val.find(f".//{C}min").get("val")) == 1e7
    assert float(val.find(f".//{C}max").get("val")) == 1e11
    # first program on top, the amounts' axis at the bottom
    cat = space.find(f".//{C}catAx")
    assert cat.find(f".//{C}orientation").get("val") == "maxMin"
    assert val.find(f"{C}crosses").get("val") == "max"
    assert space.find(f"{C}lang").get("val") == "id-ID"
    assert space.find(f"{C}roundedCorners").get("val") == "0"
    colors = [s.find(f".//{A}srgbClr").get("val") for s in space.iter(f"{C}ser")]
    assert colors == ["C9C9C9", "2E7D4F"]


def test_rupiah_ticks_format_as_indonesian_amounts() -> None:
    """The tick format code, read as Excel and LibreOffice read it (openpyxl's own reading
    would be a double of the thing under test; the sections are checked by hand here)."""
    fmt = charts.RUPIAH_TICKS
    sections = fmt.split(";")
    assert sections[0] == '[>=1000000000]0,,," M"'  # 1e9 -> "1 M" (miliar)
    assert sections[1] == '[>=1000000]0,," jt"'     # 1e8 -> "100 jt" (juta)
    assert sections[2] == "0"


# ---------------------------------------------------------------------------
# the package
# ---------------------------------------------------------------------------

def test_the_docx_is_a_sound_package(seed_p, seed_docx: bytes) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    z = zipfile.ZipFile(io.BytesIO(seed_docx))
    assert z.testzip() is None
    names = set(z.namelist())
    types = _xml(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{CT}Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}
    charts_found = docx_charts(seed_docx)
    assert len(charts_found) == 2
    for c in charts_found:
        assert overrides["/" + c["part"]] == CT_CHART
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        # the chart's workbook has its content type, by extension or by its own override
        assert xlsx in (defaults.get("xlsx"), overrides.get("/" + c["workbook_part"]))
        assert c["part"] in names and c["workbook_part"] in names
        assert zipfile.ZipFile(io.BytesIO(c["workbook"])).testzip() is None
    # every relationship of every part points to a part that is there
    for rels in [n for n in names if n.endswith(".rels")]:
        base = rels.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
        for rel in _xml(z.read(rels)).iter(f"{PR}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target").lstrip("/")
            parts = (base + "/" + target if base and not rel.get("Target").startswith("/")
                     else target).split("/")
            norm: list[str] = []
            for p in parts:
                if p == "..":
                    norm.pop()
                elif p:
                    norm.append(p)
            assert "/".join(norm) in names, (rels, rel.get("Target"))
    # the drawings' ids are unique in the document
    ids = re.findall(r'<wp:docPr id="(\d+)"', z.read("word/document.xml").decode())
    assert len(ids) == len(set(ids))
    # python-docx opens it again and sees the charts' paragraphs; no picture stands in
    doc = Document(io.BytesIO(seed_docx))
    assert sum(1 for p in doc.paragraphs if p._p.xpath(".//c:chart")) == 2
    media = [n for n in names if n.startswith("word/media/")]
    assert len(media) == len(seed_p.result.gambar)  # the workbook's own pictures only


def test_no_percent_indicator_and_no_program_leave_no_chart(tmp_path: Path) -> None:
    data = seed_data()
    for row in data["sheets"]["PK"]:
        row["satuan"] = "Dokumen"
    data["sheets"]["Anggaran"] = []
    p = check_workbook(_seed_workbook(tmp_path, data))
    assert charts.capaian_chart(p.result) is None and charts.anggaran_chart(p.result) is None
    out = render_bytes(p)
    assert docx_charts(out) == []
    assert "word/charts/" not in " ".join(zipfile.ZipFile(io.BytesIO(out)).namelist())
    assert "Data anggaran program belum diisi" in docx_text(out)


def _gambar_paragraphs(data: bytes) -> list[tuple[str, bool]]:
    """Each ``LKj Gambar`` paragraph of the body: its text and whether it holds a drawing."""
    doc = _xml(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    found = []
    for para in doc.iter(f"{W}p"):
        style = para.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "LKjGambar":
            found.append(("".join(t.text or "" for t in para.iter(f"{W}t")),
                          para.find(f".//{W}drawing") is not None))
    return found


def test_no_percent_indicator_no_capaian_caption(tmp_path: Path) -> None:
    """Without an indicator in %, the capaian chart is not drawn: no caption, no empty
    picture paragraph, and the anggaran chart takes the first figure number of Bab III."""
    from lkj_excel.report.context import build_context

    data = seed_data()
    for row in data["sheets"]["PK"]:
        row["satuan"] = "Dokumen"
    p = check_workbook(_seed_workbook(tmp_path, data))
    assert charts.capaian_series(p.result) is None
    c = build_context(p)
    assert c["ada_indikator"] and c["gambar_capaian_nomor"] == ""
    assert c["anggaran"]["nomor_gambar"] == "Gambar 3.1"
    out = render_bytes(p)
    text = docx_text(out)
    assert "Target dan Realisasi Indikator Kinerja Tahun" not in text
    assert "Gambar 3.1 Anggaran dan Realisasi per Program Tahun 2024" in text
    assert "Gambar 3.2" not in text
    (ang,) = docx_charts(out)
    assert ang["categories"][0].startswith("Program")
    # every picture paragraph holds its picture (the struktur, the anggaran chart, ...)
    shown = _gambar_paragraphs(out)
    assert shown and all(drawn for _, drawn in shown), shown


def test_capaian_alt_text_from_the_charts_series(tmp_path: Path) -> None:
    """The alternative text names the indicators the chart draws, with the chart's notes."""
    data = seed_data()
    for row in data["sheets"]["PK"][1:]:
        row["satuan"] = "Dokumen"
    p = check_workbook(_seed_workbook(tmp_path, data))
    labels, *_rest, notes = charts.capaian_series(p.result)
    assert labels == [SEED_INDIKATOR[0]]
    cap, _ang = docx_charts(render_bytes(p))
    assert cap["categories"] == labels
    assert cap["descr"] == (
        "Grafik batang target dan realisasi indikator kinerja tahun 2024. "
        f"{labels[0]}: target {notes[0][0]}, realisasi {notes[0][1]}")
    for other in SEED_INDIKATOR[1:]:
        assert other not in cap["descr"]


def test_many_indicators(tmp_path: Path) -> None:
    from tests.kit.typical import write_typical

    p = check_workbook(write_typical(tmp_path / "besar.xlsx", n_ind=60))
    percent = [i for i in p.result.indikator if (i.satuan or "").strip() == "%"]
    assert len(percent) > 20
    out = render_bytes(p)
    cap = docx_charts(out)[0]
    assert cap["categories"] == [" ".join(i.indikator.split()) for i in percent]
    assert cap["series"][1]["values"] == [float(i.realisasi_bulat) for i in percent]
    # taller than a few indicators' chart, so every label has its line (none skipped), up to
    # the page's text height; no notes (they would overlap: the table prints every figure)
    assert charts.MAX_HEIGHT_CM < cap["cm"][1] <= charts.TALL_CM
    assert cap["series"][1]["notes"] == [None] * len(percent)
    z = zipfile.ZipFile(io.BytesIO(out))
    space = _xml(z.read(cap["part"]))
    assert space.find(f".//{C}catAx/{C}tickLblSkip").get("val") == "1"
    # in the schema's order: tickLblSkip before noMultiLvlLbl
    tags = [el.tag for el in space.find(f".//{C}catAx")]
    assert tags.index(f"{C}tickLblSkip") < tags.index(f"{C}noMultiLvlLbl")


HOSTILE = 'Indeks <A> & "B" ]]> \'c\' </c:v></c:pt> &amp; \u2603 \U0001F600'


def test_hostile_labels_are_escaped(tmp_path: Path) -> None:
    data = copy.deepcopy(seed_data())
    data["sheets"]["PK"][0]["indikator"] = HOSTILE
    data["sheets"]["Anggaran"][0]["program"] = "Program <b>&</b> \"kutip\""
    data["profil"]["instansi"] = 'Badan "Uji" <Kesbangpol> & Politik'
    p = check_workbook(_seed_workbook(tmp_path, data))
    name = p.result.indikator[0].indikator
    out = render_bytes(p)
    cap, ang = docx_charts(out)  # every part parses
    assert cap["categories"][0] == HOSTILE == name
    assert "</c:v>" in cap["categories"][0] and "\u2603" in cap["categories"][0]
    assert ang["categories"][0] == 'Program <b>&</b> "kutip"'
    assert "Program <b>&</b>" in ang["descr"]
    for c in (cap, ang):  # the workbooks open
        from python_calamine import CalamineWorkbook

        CalamineWorkbook.from_filelike(io.BytesIO(c["workbook"])).get_sheet_by_index(0)


def test_control_characters_cannot_break_a_chart() -> None:
    """A character XML cannot hold (pasted into a cell, read from an ``_x0001_`` escape)
    becomes a space; the rest of the label stays."""
    chart = charts._pair_chart(["A\x01B\x0bC", "D\ufffeE"], [1.0, 2.0], [1.0, None],
                               ("T\x02", "R"), ("#000000", "#ffffff"), "x\x1f",
                               [("1\x03", None), (None, None)], "0", "0")
    got = read_chart(_xml(chart.xml))  # it parses
    assert got["categories"] == ["A B C", "D E"]
    assert [s["name"] for s in got["series"]] == ["T", "R"]
    assert got["series"][0]["notes"] == ["1", None]
    assert got["series"][1]["values"] == [1.0, None]


def test_a_negative_figure_keeps_its_bar() -> None:
    """A realisasi below zero (a fall, in %) is drawn left of 0, not cut at the axis."""
    chart = charts._pair_chart(["Pertumbuhan"], [5.0], [-12.5], ("Target", "Realisasi"),
                               ("#9db4d6", "#1f4e8c"), "Persen (%)",
                               [("5%", "-12,5%")], "General", "0")
    space = _xml(chart.xml)
    val = space.find(f".//{C}valAx")
    assert float(val.find(f".//{C}min").get("val")) == -20
    assert float(val.find(f".//{C}max").get("val")) == 10
    assert read_chart(space)["series"][1]["values"] == [-12.5]


def test_a_template_placing_a_chart_twice_gets_two_parts(seed_p, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A secretariat's template may use a chart's tag in another place too."""
    from docx import Document

    from lkj_excel.report.render import DEFAULT_TEMPLATE

    doc = Document(str(DEFAULT_TEMPLATE))
    doc.add_paragraph("{{ gambar_anggaran }}")
    mine = tmp_path / "templat.docx"
    doc.save(str(mine))
    found = docx_charts(render_report(seed_p, mine).data)
    assert [c["name"] for c in found] == ["Gambar Capaian", "Gambar Anggaran",
                                          "Gambar Anggaran"]
    assert len({c["part"] for c in found}) == 3
    assert len({c["workbook_part"] for c in found}) == 3


def test_the_report_renders_without_matplotlib(tmp_path: Path) -> None:
    """The secretariat's install has no matplotlib: rendering never imports it."""
    script = (
        "import sys\n"
        "sys.modules['matplotlib'] = None  # importing it would fail\n"
        "from lkj_excel.files.read import check_workbook\n"
        "from lkj_excel.report.render import render_bytes\n"
        "from lkj_excel.report.measure import text_width_cm\n"
        f"data = render_bytes(check_workbook({str(_seed_workbook(tmp_path))!r}))\n"
        "assert b'word/charts/chart1.xml' in data\n"
        "assert text_width_cm('Kinerja', 10) > 0\n"
        "print('ok', sorted(m for m in sys.modules if m.startswith('matplotlib')))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok ['matplotlib']"


# ---------------------------------------------------------------------------
# as LibreOffice draws them
# ---------------------------------------------------------------------------

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice tidak ada")


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("soffice") is None:
        pytest.skip("soffice tidak ada")
    tmp = tmp_path_factory.mktemp("grafik")
    out = tmp / "hasil"
    assert main(["laporan", str(_seed_workbook(tmp)), "--out", str(out), "--pdf"]) == 0
    (docx,) = out.glob("*.docx")
    (pdf,) = out.glob("*.pdf")
    return docx, pdf


def _pages(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")


def _bars(png: Path, rgb: tuple[int, int, int]) -> list[int]:
    """The lengths (pixels) of the horizontal bars of one colour, top to bottom."""
    from PIL import Image

    im = Image.open(png).convert("RGB")
    px = im.load()
    w, h = im.size
    bars: list[tuple[int, int]] = []
    for y in range(h):
        run = sum(1 for x in range(w)
                  if all(abs(a - b) < 16 for a, b in zip(px[x, y], rgb, strict=True)))
        if run and bars and bars[-1][0] == y - 1:
            bars[-1] = (y, max(bars[-1][1], run))
        elif run:
            bars.append((y, run))
    return [n for _, n in bars if n > 20]  # the legend's swatch is smaller


@pytest.mark.libreoffice
@needs_lo
def test_libreoffice_draws_both_charts(laid_out: tuple[Path, Path], tmp_path: Path) -> None:
    _, pdf = laid_out
    pages = _pages(pdf)
    cap = next(n for n, p in enumerate(pages, 1) if "Persen (%)" in p)
    ang = next(n for n, p in enumerate(pages, 1) if "Rupiah (skala logaritmik)" in p)
    cap_text = " ".join(pages[cap - 1].split())
    ang_text = " ".join(pages[ang - 1].split())
    for needle in ("Target", "Realisasi", "96%", "95%", "Persentase Ormas yang Aktif"):
        assert needle in cap_text, needle
    for needle in ("Anggaran", "Realisasi", *SEED_SERAPAN):
        assert needle in ang_text, needle
    # the ticks (pdftotext may close up "1 M")
    ticks = ang_text.split("Rupiah (skala logaritmik)")[0].replace(" ", "")
    assert "10jt100jt1M10M100M" in ticks
    for n, color, want in ((cap, (0x1F, 0x4E, 0x8C), 5), (ang, (0x2E, 0x7D, 0x4F), 6)):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(n), "-l", str(n),
                        str(pdf), str(tmp_path / f"g{n}")], check=True)
        (png,) = tmp_path.glob(f"g{n}-*.png")
        lengths = _bars(png, color)
        assert len(lengths) == want, lengths
    # on the logarithmic axis Rp 103 juta stays visible beside Rp 22,9 miliar (on a linear
    # one it would be 1/220 of the longest bar)
    lengths = _bars(next(tmp_path.glob(f"g{ang}-*.png")), (0x2E, 0x7D, 0x4F))
    assert max(lengths) / min(lengths) < 4
    # the realisasi bars of the capaian chart: 96% is shorter than 100%
    lengths = _bars(next(tmp_path.glob(f"g{cap}-*.png")), (0x1F, 0x4E, 0x8C))
    assert lengths[2] < lengths[0] == lengths[1] == lengths[3] == lengths[4]


@pytest.mark.libreoffice
@needs_lo
def test_libreoffice_round_trip_keeps_the_charts(laid_out: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    """LibreOffice opens the .docx and saves it again as Word: the charts come back as
    charts with their figures (it read the parts, not a picture)."""
    from lkj_excel.files.libreoffice import user_profile

    docx, _ = laid_out
    src = tmp_path / "masuk.docx"
    shutil.copyfile(docx, src)
    out = tmp_path / "keluar"
    subprocess.run(["soffice", user_profile(tmp_path / "profil"), "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=240)
    back = docx_charts((out / "masuk.docx").read_bytes())
    assert len(back) == 2
    cap, ang = back
    assert cap["series"][1]["values"] == [100, 100, 96, 100, 100]
    assert ang["series"][0]["values"] == SEED_ANGGARAN
    assert ang["series"][1]["values"] == SEED_REALISASI
    assert ang["log"] == ["10"]


def test_large_amounts_are_kept_to_the_rupiah(tmp_path: Path) -> None:
    """Amounts up to the rupiah survive as chart values (a float holds 15 digits)."""
    data = seed_data()
    data["sheets"]["Anggaran"][0]["anggaran"] = Decimal("123456789012.00")
    chart = charts.anggaran_chart(check_workbook(_seed_workbook(tmp_path, data)).result)
    assert chart is not None
    assert read_chart(_xml(chart.xml))["series"][0]["values"][0] == 123456789012
