"""The pre-parse scan (``safety.check_file``) after its speed-up: the shortcuts keep every check.

- DOCTYPE/ENTITY is looked for in the prolog only when the prolog is plain and the root
  start tag is in the first chunk; every other case is searched whole (as before).
- Parts are read in chunks of at most ``CHUNK`` bytes; a short chunk is the last one. A part
  whose real inflated size exceeds its declared size is never read past the declared size.
- A sheet is scanned in one piece when it fits in one chunk; chunked scanning sees the same.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from lkj_excel.core.temuan import WorkbookError
from lkj_excel.files import safety
from lkj_excel.files.safety import check_file
from tests.kit import ROOT
from tests.kit.corpus import PK_PART, _deflate, _raw_zip, build, rewrite, valid

DECL = b'<!DOCTYPE worksheet [<!ENTITY x "LOLXLOL">]>'


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return valid(tmp_path_factory.mktemp("awal") / "valid.xlsx")


def _with_sheet(base: Path, dst: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    return rewrite(base, dst, {PK_PART: edit})


def _strip_decl(d: bytes) -> bytes:
    """The sheet without its XML declaration (if any), starting at the root start tag."""
    return d[d.index(b"<worksheet"):]


@pytest.mark.parametrize("prolog", [
    b'<?xml version="1.0"?>' + DECL,
    b'\xef\xbb\xbf<?xml version="1.0"?>\n' + DECL,
    # a comment with something that looks like a start tag does not end the prolog
    b'<?xml version="1.0"?><!-- <a b="1"> --><?pi <c r="A1"> ?>' + DECL,
    # a prolog longer than the first chunk: the whole part is searched
    b'<?xml version="1.0"?><!--' + b" " * (safety.CHUNK + 10) + b"-->" + DECL,
    # a DOCTYPE inside a comment before the root is still refused (as before)
    b'<?xml version="1.0"?><!-- <!DOCTYPE -->',
    # garbage before the root: no clean prolog, so the whole part is searched
    b"x" + DECL,
])
def test_doctype_in_the_prolog_is_refused(base, tmp_path, prolog):
    path = _with_sheet(base, tmp_path / "p.xlsx", lambda d: prolog + _strip_decl(d))
    with pytest.raises(WorkbookError, match="DOCTYPE/ENTITY") as exc:
        check_file(path)
    assert PK_PART in exc.value.pesan


def test_doctype_in_a_utf16_part_is_refused_anywhere(base, tmp_path):
    def utf16(d: bytes) -> bytes:
        text = _strip_decl(d).decode("utf-8")
        text = text.replace("</sheetData>", "</sheetData><!DOCTYPE x>", 1)
        return ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")

    path = _with_sheet(base, tmp_path / "u16.xlsx", utf16)
    with pytest.raises(WorkbookError, match="DOCTYPE/ENTITY"):
        check_file(path)


def test_doctype_after_the_root_start_is_not_a_declaration(base, tmp_path):
    # XML allows a DOCTYPE only before the root element; the search stops at the root start
    # tag. What follows is not a declaration: expat (defusedxml, openpyxl) refuses the
    # document as not well-formed, and nothing anywhere expands the entity.
    from defusedxml import ElementTree as DET

    def late(d: bytes) -> bytes:
        return d.replace(b"<sheetData>", b"<sheetData>" + DECL, 1).replace(
            b"</sheetData>", b'<row r="9"><c r="A9" t="inlineStr"><is><t>&x;</t></is></c></row>'
                             b"</sheetData>", 1)

    path = _with_sheet(base, tmp_path / "telat.xlsx", late)
    insp = check_file(path)
    assert "PK" in insp.sheets
    with zipfile.ZipFile(path) as zf:
        with pytest.raises(DET.ParseError):
            DET.fromstring(zf.read(PK_PART))
    r = subprocess.run([sys.executable, "-m", "lkj_excel", "periksa", str(path)],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode in (0, 1, 2)
    assert "Traceback" not in r.stdout + r.stderr and "LOLXLOL" not in r.stdout + r.stderr


# ------------------------------------------------------------------ declared sizes that lie


def _lying(base: Path, dst: Path, forged_crc: bool) -> Path:
    """PK's real data ends with a far cell *after* the declared size.

    ``forged_crc``: the CRC is that of the declared prefix, so zipfile's CRC check passes.
    """
    entries = []
    with zipfile.ZipFile(base) as zi:
        for info in zi.infolist():
            raw = zi.read(info.filename)
            if info.filename == PK_PART:
                cut = raw.index(b"</sheetData>")
                real = raw[:cut] + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' \
                    + raw[cut:]
                d = _deflate(real)
                crc = zlib.crc32(real[:cut]) if forged_crc else zlib.crc32(real)
                entries.append((info.filename, d, crc, len(d), cut))
            else:
                d = _deflate(raw)
                entries.append((info.filename, d, zlib.crc32(raw), len(d), len(raw)))
    return _raw_zip(entries, dst)


def test_a_part_larger_than_declared_fails_its_crc(base, tmp_path):
    path = _lying(base, tmp_path / "bohong.xlsx", forged_crc=False)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(PK_PART)
        assert info.file_size < safety.CHUNK  # read in a single read
        with zf.open(info) as fh, pytest.raises(zipfile.BadZipFile, match="CRC"):
            fh.read(safety.CHUNK)
    with pytest.raises(WorkbookError, match="rusak atau tidak utuh") as exc:
        check_file(path)
    assert PK_PART in exc.value.pesan


def test_a_forged_crc_still_stops_every_reader_at_the_declared_size(base, tmp_path):
    # zipfile never returns more than the declared size, so the scan sees only the prefix;
    # python-calamine's zip reader refuses to read past it too ("larger than its declared
    # uncompressed size"), so the far cell behind it never reaches the dense grid.
    path = _lying(base, tmp_path / "crc-palsu.xlsx", forged_crc=True)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(PK_PART)
        with zf.open(info) as fh:
            assert len(fh.read(safety.CHUNK)) == info.file_size
    assert check_file(path).sheets["PK"].max_row < 100
    pre = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
           "from lkj_excel.files.read import check_workbook\n"
           "from lkj_excel.core.temuan import WorkbookError\n"
           "try:\n    check_workbook(sys.argv[1]); print('TERBACA')\n"
           "except WorkbookError as e:\n    print('DITOLAK', e.pesan)\n")
    r = subprocess.run([sys.executable, "-c", pre, str(path)], capture_output=True, text=True,
                       timeout=60, cwd=ROOT, env={**os.environ})
    assert r.returncode == 0, r.stderr[-500:]
    assert r.stdout.startswith("DITOLAK") and "declared" in r.stdout


# ------------------------------------------------------------------ cells and chunks


def test_prefixed_cells_count_whatever_the_prefix(base, tmp_path):
    # python-calamine takes <x:c> as a cell for any prefix, even a non-ASCII undeclared one
    far = '<row r="1048576"><é:c r="XFD1048576"><é:v>1</é:v></é:c></row>'.encode()
    path = _with_sheet(base, tmp_path / "awalan.xlsx",
                       lambda d: d.replace(b"</sheetData>", far + b"</sheetData>", 1))
    with pytest.raises(WorkbookError, match="XFD1048576"):
        check_file(path)
    near = '<row r="60"><é:c r="AB60"><é:v>7</é:v></é:c></row>'.encode()
    path = _with_sheet(base, tmp_path / "awalan-dekat.xlsx",
                       lambda d: d.replace(b"</sheetData>", near + b"</sheetData>", 1))
    scan = check_file(path).sheets["PK"]
    assert (scan.max_row, scan.max_col) == (60, 27)


def test_chunked_scan_sees_what_a_single_read_sees(tmp_path, monkeypatch):
    korpus = build(tmp_path / "korpus", bomb=False)
    keys = ["valid", "tersembunyi", "galat", "sel_jauh_tanpa_r", "dimensi", "teks_panjang"]

    def outcome(path: Path) -> object:
        try:
            insp = check_file(path)
        except WorkbookError as exc:  # the implied far cell is a bound: it may differ a little
            return re.sub(r"sampai sel [A-Z]+\d+", "sampai sel ...", exc.pesan)
        return insp.sheet_names, {n: vars(s) for n, s in insp.sheets.items()}, insp.inflated

    whole = {k: outcome(korpus[k]) for k in keys}
    assert whole["galat"][1]["PK"]["errors"] == {"F4": "#DIV/0!", "F5": "#REF!"}
    assert whole["tersembunyi"][1]["PK"]["hidden_rows"] == [5]
    assert "sampai sel ..." in whole["sel_jauh_tanpa_r"]
    monkeypatch.setattr(safety, "CHUNK", 512)  # every sheet now spans several chunks
    for k in keys:
        assert outcome(korpus[k]) == whole[k], k


# ---------------------------------------------------------------------------
# What the same pass reads for the reader (SheetScan.facts) and the file (Inspection)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "percent"), [
    ("0%", True), ("0.00%", True), ("#,##0.0%", True), ("0.0&quot;%&quot;%", True),
    ('General"%"', False), ("General&quot;%&quot;", False), ("0\\%", False),
    ('"Rp "#,##0.00', False), ("[Red]0.00", False),
])
def test_percent_format_codes(code: str, percent: bool) -> None:
    assert safety.is_percent_format(code) is percent


def test_percent_styles_built_in_and_custom() -> None:
    styles = (b'<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/>'
              b'<numFmt numFmtId="165" formatCode="General&quot;%&quot;"/></numFmts>'
              b'<cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>'
              b'<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/>'
              b'<xf numFmtId="165"/><xf numFmtId="164"><alignment/></xf><xf numFmtId="10"/>'
              b'</cellXfs><dxfs><dxf><numFmt numFmtId="166" formatCode="0%"/></dxf></dxfs>'
              b'</styleSheet>')
    assert safety._percent_styles(styles) == (1, 3, 4)


def test_scan_records_percent_cells_formulas_without_value_and_total_rows(
        base: Path, tmp_path: Path) -> None:
    import openpyxl

    src = tmp_path / "a.xlsx"
    wb = openpyxl.load_workbook(base)
    ws = wb["PK"]
    ws["F4"].number_format = "0%"
    ws["F5"] = "=1+1"
    ws["H9"].number_format = "0%"  # an empty percent cell is no fact
    wb.save(src)
    insp = check_file(src)
    facts = insp.sheets["PK"].facts
    assert facts.percent == {(3, 5)} and facts.no_value == {(4, 5)} and facts.total_rows == set()
    assert insp.saved is not None


def test_saved_time_of_the_document_properties() -> None:
    core = (b'<cp:coreProperties><dcterms:modified xsi:type="dcterms:W3CDTF">'
            b"2025-03-05T09:15:00Z</dcterms:modified></cp:coreProperties>")
    t = safety._saved_time(core)
    assert t is not None and (t.year, t.month, t.day, t.hour, t.minute) == (2025, 3, 5, 9, 15)
    assert safety._saved_time(b"<cp:coreProperties/>") is None
    assert safety._saved_time(b"<dcterms:modified>kemarin</dcterms:modified>") is None


def test_opendocument_named_for_what_it_is(tmp_path: Path) -> None:
    for kind, expect in ((b"application/vnd.oasis.opendocument.spreadsheet", "(.ods"),
                         (b"application/vnd.oasis.opendocument.text", "dokumen OpenDocument")):
        p = tmp_path / "kiriman.ods"
        with zipfile.ZipFile(p, "w") as zf:
            zf.writestr("mimetype", kind)
            zf.writestr("content.xml", b"<office:document-content/>")
        with pytest.raises(WorkbookError) as exc:
            check_file(p)
        assert expect in exc.value.pesan and "arsip zip" not in exc.value.pesan


def test_workbook_part_found_through_package_relationships(base: Path, tmp_path: Path) -> None:
    dst = tmp_path / "b.xlsx"
    rewrite(base, dst, {
        "xl/workbook.xml": None, "xl/_rels/workbook.xml.rels": None,
        "_rels/.rels": lambda d: d.replace(b"xl/workbook.xml", b"xl/buku.xml"),
        "[Content_Types].xml": lambda d: d.replace(b"/xl/workbook.xml", b"/xl/buku.xml"),
    })
    with zipfile.ZipFile(base) as zi, zipfile.ZipFile(dst, "a") as zo:
        zo.writestr("xl/buku.xml", zi.read("xl/workbook.xml"))
        zo.writestr("xl/_rels/buku.xml.rels", zi.read("xl/_rels/workbook.xml.rels"))
    insp = check_file(dst)
    assert insp.main_part == "xl/buku.xml" and "PK" in insp.sheets
    from lkj_excel.files.read import check_workbook

    assert [i.realisasi_bulat for i in check_workbook(dst).result.indikator] == [96, 100]


def test_entities_in_a_moved_shared_strings_part_are_refused(base: Path, tmp_path: Path
                                                            ) -> None:
    dst = tmp_path / "c.xlsx"
    rewrite(base, dst, {
        "xl/sharedStrings.xml": None,
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(b"</Relationships>", (
            b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="teks/ss.xml"/></Relationships>')),
        "xl/teks/ss.xml": b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "b">]><sst/>',
    })
    with pytest.raises(WorkbookError, match="DOCTYPE"):
        check_file(dst)
