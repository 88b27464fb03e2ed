"""`hitung` without the openpyxl round trip: Ringkasan and Validasi spliced into the package.

A workbook with what openpyxl would drop or rewrite (a chart, a picture, a shape, an unknown
part related from the workbook, an orphan part, a calcChain, an xlwings .conf sheet in the
middle with print titles on both sides) goes through ``write_engine_sheets``; every part but
the four the splice edits must be byte-identical, compressed bytes included.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from lkj_excel.core import schema
from lkj_excel.core.seed import seed_data
from lkj_excel.core.sheets import ringkasan_blocks, validasi_blocks
from lkj_excel.files import writer
from lkj_excel.files.package import Unsupported, splice_sheets
from lkj_excel.files.read import check_workbook
from lkj_excel.files.template import write_workbook
from tests.kit.corpus import rewrite

EDITED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
          "xl/styles.xml"}
SHAPE = ('<twoCellAnchor><from><col>3</col><colOff>0</colOff><row>30</row><rowOff>0</rowOff>'
         '</from><to><col>7</col><colOff>0</colOff><row>34</row><rowOff>0</rowOff></to>'
         '<sp macro="" textlink="" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
         '<nvSpPr><cNvPr id="99" name="Bentuk 1"/><cNvSpPr/></nvSpPr><spPr><a:xfrm><a:off x="0" '
         'y="0"/><a:ext cx="2000000" cy="700000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
         '</a:prstGeom></spPr><txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Catatan bentuk</a:t>'
         '</a:r></a:p></txBody></sp><clientData/></twoCellAnchor>')
NOTE_REL = "http://contoh.invalid/lkj/catatan"


def _png() -> bytes:
    Image = pytest.importorskip("PIL.Image")  # openpyxl needs Pillow for pictures  # noqa: N806

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed workbook with a chart, a picture and a shape on a sheet of its own, an
    xlwings.conf sheet in the middle, an unknown related part and an orphan part."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image as XlImage

    folder = tmp_path_factory.mktemp("kaya")
    base = write_workbook(folder / "dasar.xlsx", seed_data())
    wb = openpyxl.load_workbook(base)
    ws = wb.create_sheet("Grafik", index=3)
    for r, (a, b) in enumerate((("Sasaran", "Capaian"), ("SS1", 100), ("SS2", 94)), 1):
        ws.cell(r, 1, a)
        ws.cell(r, 2, b)
    chart = BarChart()
    chart.title = "Capaian per sasaran"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    ws.add_chart(chart, "D2")
    ws.add_image(XlImage(io.BytesIO(_png())), "D20")
    conf = wb.create_sheet("xlwings.conf", index=5)
    conf["A1"], conf["B1"] = "INTERPRETER_WIN", r"C:\Users\Public\jahat.exe"
    staged = folder / "staged.xlsx"
    wb.save(staged)

    with zipfile.ZipFile(staged) as z:
        drawing = next(n for n in z.namelist() if n.startswith("xl/drawings/drawing")
                       and n.endswith(".xml"))
    rels = "xl/_rels/workbook.xml.rels"

    def add_shape(d: bytes) -> bytes:
        assert d.endswith(b"</wsDr>")  # openpyxl writes the drawing in the default namespace
        return d.replace(b"</wsDr>", SHAPE.encode() + b"</wsDr>")

    def add_rel(d: bytes) -> bytes:
        return d.replace(b"</Relationships>", f'<Relationship Id="rIdCatatan" Type="{NOTE_REL}" '
                         'Target="lkj-uji/catatan.xml"/></Relationships>'.encode())

    out = folder / "kaya.xlsx"
    return rewrite(staged, out, {drawing: add_shape, rels: add_rel,
                                 "xl/lkj-uji/catatan.xml": b"<catatan>tetap</catatan>",
                                 "xl/yatim.bin": b"\x00\x01 tidak dirujuk"})


def raw_parts(path: Path) -> dict[str, tuple[int, bytes]]:
    """name -> (CRC, compressed bytes as stored)."""
    from lkj_excel.files.zipparts import Archive

    a = Archive(path.read_bytes(), 1 << 30)
    return {e.filename: (e.CRC, a.data[e.start:e.start + e.compress_size]) for e in a.entries}


def sheet_parts(path: Path) -> dict[str, str]:
    """sheet name -> its part, from workbook.xml and its relationships."""
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets.update({i: t for t, i in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    return {n: "xl/" + targets[r].lstrip("/").removeprefix("xl/")
            for n, r in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb)}


def scoped_names(path: Path) -> list[tuple[str, str]]:
    """(defined name, the sheet its localSheetId points at) of the workbook."""
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet [^>]*name="([^"]+)"', wb)
    return [(n, names[int(i)]) for n, i in
            re.findall(r'<definedName name="([^"]+)" localSheetId="(\d+)"', wb)]


def test_every_other_part_is_byte_identical(rich: Path, tmp_path: Path) -> None:
    p = check_workbook(rich)
    out = writer.write_engine_sheets(rich, p, tmp_path / "hasil.xlsx")
    before, after = raw_parts(rich), raw_parts(out)
    conf_part = sheet_parts(rich)["xlwings.conf"]
    gone = set(before) - set(after)
    assert gone == {conf_part}  # the .conf sheet and nothing else
    for name, (crc, raw) in before.items():
        if name in EDITED or name in gone:
            continue
        assert after[name] == (crc, raw), name
    assert {n for n in before if n.startswith(("xl/charts/", "xl/drawings/", "xl/media/"))}
    assert "xl/lkj-uji/catatan.xml" in after and "xl/yatim.bin" in after
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        assert NOTE_REL in rels and "rIdCatatan" in rels
        assert ".conf" not in z.read("xl/workbook.xml").decode()
    # the print titles of every sheet still name their own sheet, the conf sheet's are gone
    assert [x for x in scoped_names(out) if x[1] not in schema.ENGINE_SHEETS] == \
        [x for x in scoped_names(rich) if x[1] != "xlwings.conf"]
    # the engine sheets' own print titles (the openpyxl writer sets them) come with them
    assert ("_xlnm.Print_Titles", schema.VALIDASI_SHEET) in scoped_names(out)


def test_output_reads_back_and_a_second_run_replaces_the_engine_sheets(rich: Path,
                                                                        tmp_path: Path) -> None:
    p = check_workbook(rich)
    first = writer.write_engine_sheets(rich, p, tmp_path / "satu.xlsx")
    p1 = check_workbook(first)
    second = writer.write_engine_sheets(first, p1, tmp_path / "dua.xlsx")
    for path in (first, second):
        names = list(sheet_parts(path))
        assert names[-2:] == [schema.RINGKASAN_SHEET, schema.VALIDASI_SHEET]
        assert names.count(schema.RINGKASAN_SHEET) == 1 and "xlwings.conf" not in names
        assert "Grafik" in names
    # the first run's engine sheets are gone from the package, not left behind
    old = {sheet_parts(first)[n] for n in schema.ENGINE_SHEETS}
    assert not old & set(raw_parts(second))
    # what calamine reads back is what the blocks say
    wb = CalamineWorkbook.from_path(str(second))
    for name, blocks in ((schema.RINGKASAN_SHEET, ringkasan_blocks(p1)),
                         (schema.VALIDASI_SHEET, validasi_blocks(p1))):
        grid = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for b in blocks:
            for i, row in enumerate(b.rows):
                for j, v in enumerate(row):
                    if v is None or j in b.formula_cols:
                        continue
                    got = grid[b.row + i - 1][b.col + j - 1]
                    assert got == v or (isinstance(v, int) and got == float(v)), (name, v, got)
    from lkj_excel.core.sheets import landing_sheet

    assert openpyxl.load_workbook(second, read_only=True).active.title == landing_sheet(p1)
    ormas = next(i for i in check_workbook(second).result.indikator if i.kode == "IKU3")
    assert (ormas.capaian_bulat, ormas.predikat) == (101, "Sangat Baik")
    # the person's data sheets are those of the input, byte for byte
    assert raw_parts(second)[sheet_parts(second)["PK"]] == raw_parts(rich)[sheet_parts(rich)["PK"]]


def _style(c) -> tuple:  # type: ignore[no-untyped-def]
    f, a = c.font, c.alignment
    return (c.value if c.data_type != "f" else str(c.value), bool(f.b), f.sz,
            f.color.rgb if f.color is not None else None, c.fill.fill_type,
            c.fill.fgColor.rgb if c.fill.fill_type else None, bool(a.wrap_text), a.vertical,
            c.number_format)


def test_styles_are_those_of_the_openpyxl_writer(tmp_path: Path) -> None:
    src = write_workbook(tmp_path / "seed.xlsx", seed_data())
    p = check_workbook(src)
    spliced = writer.write_engine_sheets(src, p, tmp_path / "sambung.xlsx")
    saved = writer._write_round_trip(src, p, tmp_path / "simpan.xlsx")
    a, b = openpyxl.load_workbook(spliced), openpyxl.load_workbook(saved)
    for name in schema.ENGINE_SHEETS:
        x, y = a[name], b[name]
        cells_x = {c.coordinate: _style(c) for row in x.iter_rows() for c in row}
        cells_y = {c.coordinate: _style(c) for row in y.iter_rows() for c in row}
        assert cells_x == cells_y and len(cells_x) > 20, name
        assert ({k: v.width for k, v in x.column_dimensions.items()}
                == {k: v.width for k, v in y.column_dimensions.items()})
        assert ({k: v.height for k, v in x.row_dimensions.items() if v.height}
                == {k: v.height for k, v in y.row_dimensions.items() if v.height})
        assert x.freeze_panes == y.freeze_panes
        assert (x.page_setup.orientation, x.page_setup.paperSize, x.page_setup.fitToHeight,
                x.sheet_properties.pageSetUpPr.fitToPage) == \
               (y.page_setup.orientation, y.page_setup.paperSize, y.page_setup.fitToHeight,
                y.sheet_properties.pageSetUpPr.fitToPage)
    assert a[schema.RINGKASAN_SHEET]["A5"].fill.fgColor.rgb.endswith("1F4E78")


def test_calc_chain_goes_only_when_it_names_a_dropped_sheet(rich: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(rich) as z:
        wb = z.read("xl/workbook.xml").decode()
    ids = dict(re.findall(r'<sheet [^>]*name="([^"]+)" sheetId="(\d+)"', wb))
    ct = '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-' \
         'officedocument.spreadsheetml.calcChain+xml"/>'
    rel = ('<Relationship Id="rIdRantai" Type="http://schemas.openxmlformats.org/officeDocument/'
           '2006/relationships/calcChain" Target="calcChain.xml"/>')
    for sheet, kept in (("PK", True), ("xlwings.conf", False)):
        chain = (f'<calcChain xmlns="{schema_main()}"><c r="A1" i="{ids[sheet]}"/></calcChain>')
        src = rewrite(rich, tmp_path / f"rantai-{kept}.xlsx", {
            "xl/calcChain.xml": chain.encode(),
            "[Content_Types].xml": lambda d: d.replace(b"</Types>", ct.encode() + b"</Types>"),
            "xl/_rels/workbook.xml.rels":
                lambda d: d.replace(b"</Relationships>", rel.encode() + b"</Relationships>")})
        out = writer.write_engine_sheets(src, check_workbook(src), tmp_path / f"h-{kept}.xlsx")
        with zipfile.ZipFile(out) as z:
            names = z.namelist()
            rels = z.read("xl/_rels/workbook.xml.rels").decode()
            types = z.read("[Content_Types].xml").decode()
        assert ("xl/calcChain.xml" in names) is kept
        assert ("rIdRantai" in rels) is kept and ("calcChain" in types) is kept


def schema_main() -> str:
    from lkj_excel.files.package import MAIN_NS

    return MAIN_NS


def test_an_unusual_package_takes_the_round_trip(tmp_path: Path) -> None:
    """A styles part that the workbook does not relate to: the splice refuses the package
    (it cannot tell which stylesheet holds the cell formats), and the openpyxl load-and-save
    writes the output instead."""
    src = write_workbook(tmp_path / "seed.xlsx", seed_data())
    odd = rewrite(src, tmp_path / "aneh.xlsx", {"xl/_rels/workbook.xml.rels": lambda d: re.sub(
        rb'<Relationship [^>]*relationships/styles"[^>]*/>', b"", d)})
    p = check_workbook(odd)
    sheets, styles = writer.engine_sheet_parts(p)
    with pytest.raises(Unsupported):
        splice_sheets(odd.read_bytes(), sheets, styles, drop=lambda n: False)
    out = writer.write_engine_sheets(odd, p, tmp_path / "hasil.xlsx")
    assert list(CalamineWorkbook.from_path(str(out)).sheet_names)[-2:] == list(
        schema.ENGINE_SHEETS)


def test_writing_over_the_input_keeps_its_pictures(rich: Path, tmp_path: Path) -> None:
    src = tmp_path / "sendiri.xlsx"
    src.write_bytes(rich.read_bytes())
    writer.write_engine_sheets(src, check_workbook(src), src)
    with zipfile.ZipFile(src) as z:
        assert any(n.startswith("xl/charts/") for n in z.namelist())
        assert any(n.startswith("xl/media/") for n in z.namelist())
    assert list(sheet_parts(src))[-2:] == list(schema.ENGINE_SHEETS)


@pytest.mark.libreoffice
def test_libreoffice_opens_it_with_the_shape_and_the_engine_sheets(rich: Path,
                                                                    tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice atau pdftotext tidak terpasang")
    from lkj_excel.files.libreoffice import run_soffice

    out = writer.write_engine_sheets(rich, check_workbook(rich), tmp_path / "hasil.xlsx")
    pdf_dir = tmp_path / "pdf"
    run_soffice(["--convert-to", "pdf", "--outdir", str(pdf_dir), str(out)])
    pdf = pdf_dir / "hasil.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Ringkasan Hasil Perhitungan LKj" in text and "Hasil Validasi" in text
    assert "Catatan bentuk" in text  # the shape openpyxl would have dropped
    assert "Capaian per sasaran" in text  # the chart's title
    assert "Sangat Baik" in text and "jahat.exe" not in text


def _prefixed(d: bytes) -> bytes:
    """The part with SpreadsheetML in an ``x:`` prefix (as the Open XML SDK writes it)."""
    text = d.decode()
    text = re.sub(r"<(/?)(?![?!])([A-Za-z]\w*)(?=[\s/>])", r"<\1x:\2", text)
    return text.replace(f'xmlns="{schema_main()}"', f'xmlns:x="{schema_main()}"').encode()


def test_a_package_with_prefixed_spreadsheetml(tmp_path: Path) -> None:
    src = write_workbook(tmp_path / "seed.xlsx", seed_data())
    p = check_workbook(src)
    odd = rewrite(src, tmp_path / "awalan.xlsx", {"xl/workbook.xml": _prefixed,
                                                  "xl/styles.xml": _prefixed})
    with zipfile.ZipFile(odd) as z:
        assert b"<x:sheet " in z.read("xl/workbook.xml")
    sheets, styles = writer.engine_sheet_parts(p)
    out = tmp_path / "hasil.xlsx"
    out.write_bytes(splice_sheets(odd.read_bytes(), sheets, styles, drop=lambda n: False))
    with zipfile.ZipFile(out) as z:
        wb = z.read("xl/workbook.xml").decode()
        st = z.read("xl/styles.xml").decode()
    assert '<x:sheet name="Ringkasan"' in wb and "<sheet " not in wb
    assert "<x:xf " in st and "<xf " not in st
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[-2:] == list(schema.ENGINE_SHEETS)
    assert book[schema.RINGKASAN_SHEET]["A1"].font.b


@pytest.mark.libreoffice
def test_a_workbook_saved_by_libreoffice(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice tidak terpasang")
    from lkj_excel.files.libreoffice import recalc

    src = write_workbook(tmp_path / "masuk" / "seed.xlsx", seed_data())
    (saved,) = recalc([src], tmp_path / "lo")
    p = check_workbook(saved)
    data = writer.splice_engine_sheets(saved.read_bytes(), p)  # no fallback needed
    out = tmp_path / "hasil.xlsx"
    out.write_bytes(data)
    back = check_workbook(out)
    assert back.data.sheet_names[-2:] == list(schema.ENGINE_SHEETS)
    assert [t.kode for t in back.temuan] == [t.kode for t in p.temuan]
    before, after = raw_parts(saved), raw_parts(out)
    changed = [n for n in before if n not in EDITED and before[n] != after.get(n)]
    # only the sheet that was the selected tab, and only that attribute (the engine's
    # landing sheet is the selected one now)
    with zipfile.ZipFile(saved) as a, zipfile.ZipFile(out) as b:
        for n in changed:
            assert re.sub(rb'\s+tabSelected="(1|true)"', b"", a.read(n), count=1) == b.read(n), n
    assert len(changed) <= 1


def test_print_titles_and_the_landing_tab_of_the_new_sheets(tmp_path: Path) -> None:
    """Names scoped to a new sheet (print titles) get its index; a new sheet written as the
    selected tab becomes the active tab, and the sheet selected before is no longer selected
    (so Excel does not open the two as a group)."""
    base = write_workbook(tmp_path / "seed.xlsx", seed_data())
    first = sheet_parts(base)["Petunjuk"]
    src = rewrite(base, tmp_path / "terpilih.xlsx", {  # as Excel saves the tab it showed
        first: lambda d: d.replace(b"<sheetView ", b'<sheetView tabSelected="1" ', 1)})
    p = check_workbook(src)
    sheets, styles = writer.engine_sheet_parts(p)
    from lkj_excel.files.package import NewSheet

    def unselected(xml: bytes) -> bytes:
        return re.sub(rb'\s+tabSelected="[^"]*"', b"", xml)

    val = next(s for s in sheets if s.name == schema.VALIDASI_SHEET)
    xml = unselected(val.xml).replace(b"<sheetView ", b'<sheetView tabSelected="1" ', 1)
    sheets = [NewSheet(s.name, unselected(s.xml), s.names) if s is not val else NewSheet(
        s.name, xml, (("_xlnm.Print_Titles", f"'{s.name}'!$4:$4"),)) for s in sheets]
    out = tmp_path / "hasil.xlsx"
    out.write_bytes(splice_sheets(src.read_bytes(), sheets, styles,
                                  drop=lambda n: n in schema.ENGINE_SHEETS))
    book = openpyxl.load_workbook(out)
    assert book.active.title == schema.VALIDASI_SHEET
    assert book[schema.VALIDASI_SHEET].print_title_rows == "$4:$4"
    assert ("_xlnm.Print_Titles", schema.VALIDASI_SHEET) in scoped_names(out)
    selected = []
    with zipfile.ZipFile(out) as z:
        for name, part in sheet_parts(out).items():
            if b'tabSelected="1"' in z.read(part):
                selected.append(name)
    assert selected == [schema.VALIDASI_SHEET]


# ---------------------------------------------------------------------------
# Parts the safety scan never inflated: the splice reads them through zipparts.Archive
# ---------------------------------------------------------------------------

def _with_petunjuk(base: Path, dst: Path, stream: Callable[[bytes], tuple[bytes, int, int]]
                   ) -> Path:
    """``base`` written again by hand, the Petunjuk sheet part replaced by what ``stream``
    makes of its XML: (deflated bytes, CRC, declared size); every other part deflated."""
    from tests.kit.corpus import _deflate, _raw_zip

    part = sheet_parts(base)["Petunjuk"]
    entries = []
    with zipfile.ZipFile(base) as z:
        for info in z.infolist():
            raw = z.read(info.filename)
            if info.filename == part:
                data, crc, size = stream(raw)
            else:
                data, crc, size = _deflate(raw), zlib.crc32(raw), len(raw)
            entries.append((info.filename, data, crc, len(data), size))
    return _raw_zip(entries, dst)


def _lying(xml: bytes) -> tuple[bytes, int, int]:
    """The sheet's XML followed by 320 MB of spaces, declared as the XML alone (its size
    and CRC): a run-on the central directory does not tell."""
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    first = c.compress(xml) + c.flush(zlib.Z_FULL_FLUSH)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(b" " * (16 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return first + block * 20 + b"\x03\x00", zlib.crc32(xml), len(xml)


def _broken(xml: bytes) -> tuple[bytes, int, int]:
    """The sheet's deflate stream with its first block marked of the reserved type 3."""
    from tests.kit.corpus import _deflate

    data = _deflate(xml)
    return bytes([data[0] | 0x06]) + data[1:], zlib.crc32(xml), len(xml)


def _hitung(src: Path, out: Path) -> str:
    """``write_engine_sheets`` on ``src``: "spliced", "round trip" (the openpyxl fallback
    wrote the output) or the message of the worded error; anything else propagates."""
    from lkj_excel.core.temuan import WorkbookError, WriteError

    p = check_workbook(src)  # the scan passes: it never inflates the Petunjuk sheet
    real = writer._write_round_trip
    took: list[bool] = []

    def round_trip(*a, **k):  # type: ignore[no-untyped-def]
        took.append(True)
        return real(*a, **k)

    mp = pytest.MonkeyPatch()
    mp.setattr(writer, "_write_round_trip", round_trip)
    try:
        writer.write_engine_sheets(src, p, out)
    except (WorkbookError, WriteError) as exc:
        return str(exc)
    finally:
        mp.undo()
    assert list(sheet_parts(out))[-2:] == list(schema.ENGINE_SHEETS)
    return "round trip" if took else "spliced"


def test_a_sheet_lying_about_its_size_is_not_inflated_beyond_it(tmp_path: Path) -> None:
    import tracemalloc

    base = write_workbook(tmp_path / "seed.xlsx", seed_data())
    src = _with_petunjuk(base, tmp_path / "bohong.xlsx", _lying)
    assert src.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        got = _hitung(src, tmp_path / "hasil.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20, peak  # the stream runs on to 320 MB
    assert got == "round trip" or "Buku kerja" in got, got


def test_a_corrupt_sheet_the_scan_never_read_takes_the_round_trip(tmp_path: Path,
                                                                  capsys) -> None:  # type: ignore[no-untyped-def]
    from lkj_excel.cli import main

    base = write_workbook(tmp_path / "seed.xlsx", seed_data())
    src = _with_petunjuk(base, tmp_path / "rusak.xlsx", _broken)
    got = _hitung(src, tmp_path / "hasil.xlsx")
    # openpyxl cannot read the part either: the round trip's worded message
    assert "tidak dapat disalin untuk menulis lembar Ringkasan dan Validasi" in got, got
    capsys.readouterr()
    code = main(["hitung", str(src), "--out", str(tmp_path / "cli.xlsx")])
    text = capsys.readouterr()
    assert "tak terduga" not in text.out + text.err and code != 0
    assert "tidak dapat disalin" in text.out + text.err


def test_kept_sheets_are_inflated_only_as_far_as_their_selected_tab(tmp_path: Path,
                                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A kept sheet is inflated whole only when its start marks it as the selected tab
    (its text then changes); the others are looked at by their first 64 KB."""
    from lkj_excel.files import zipparts

    base = write_workbook(tmp_path / "seed.xlsx", seed_data())
    parts = sheet_parts(base)
    with zipfile.ZipFile(base) as z:
        sizes = {n: z.getinfo(p).file_size for n, p in parts.items()}
    big = sorted((n for n in sizes if n not in schema.ENGINE_SHEETS and sizes[n] > 64 << 10),
                 key=lambda n: -sizes[n])
    assert len(big) >= 2, sizes
    chosen, other = parts[big[0]], parts[big[1]]
    src = rewrite(base, tmp_path / "terpilih.xlsx", {
        chosen: lambda d: d.replace(b"<sheetView ", b'<sheetView tabSelected="1" ', 1)})
    p = check_workbook(src)
    whole: list[str] = []
    real = zipparts.Archive.part

    def part(self: zipparts.Archive, e: zipparts.Entry) -> bytes:
        whole.append(e.filename)
        return real(self, e)

    monkeypatch.setattr(zipparts.Archive, "part", part)
    out = writer.write_engine_sheets(src, p, tmp_path / "hasil.xlsx")
    assert chosen in whole and other not in whole, whole
    with zipfile.ZipFile(out) as z:
        assert b"tabSelected" not in z.read(chosen)[:4096]
    assert raw_parts(out)[other] == raw_parts(src)[other]
