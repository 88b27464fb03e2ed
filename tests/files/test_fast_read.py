"""The read path's fast way (``files.zipparts`` + ``safety._WholeReader``): each part inflated
once, python-calamine handed the vetted bytes stored. It must read exactly what the old
``zipfile`` way reads (inspection, grids, data, findings), refuse every hostile file by its
own gates, and leave every unusual archive to the old way.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
import zlib
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from lkj_excel.core import schema
from lkj_excel.core.temuan import WorkbookError
from lkj_excel.files import read, safety, zipparts
from tests.kit import ROOT
from tests.kit.corpus import PK_PART, _deflate, _raw_zip, build, rewrite
from tests.kit.habits import build_single

CONTOH = [*sorted((ROOT / "workbooks" / "contoh").rglob("*.xlsx")),
          ROOT / "workbooks" / "template_lkj.xlsx"]


@pytest.fixture(scope="module")
def korpus(tmp_path_factory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("korpus"))


@pytest.fixture(scope="module")
def kebiasaan(tmp_path_factory) -> dict[str, Path]:
    return build_single(tmp_path_factory.mktemp("kebiasaan"))


def fast(path: Path, limits: schema.Limits | None = None) -> safety.Inspection:
    """The fast way alone, without the fallback (raises what its own gates raise)."""
    return safety.check_in_memory(path.read_bytes(), path.name, safety._limits(limits))


def _same_inspection(a: safety.Inspection, b: safety.Inspection) -> None:
    assert a.sheet_names == b.sheet_names
    assert a.sheets == b.sheets
    assert (a.inflated, a.main_part, a.saved, a.has_drawings) == (
        b.inflated, b.main_part, b.saved, b.has_drawings)


def _same_read(path: Path) -> read.ReadResult | None:
    try:
        new = read.read_workbook(path)
    except WorkbookError as exc:  # then the old way refuses it in the same words
        with pytest.raises(WorkbookError) as was:
            read.read_workbook(path, fast=False)
        assert exc.pesan == was.value.pesan
        return None
    old = read.read_workbook(path, fast=False)
    assert new.data == old.data
    assert [dataclasses.astuple(t) for t in new.temuan] == [
        dataclasses.astuple(t) for t in old.temuan]
    assert new.saved == old.saved
    return new


def _grids(wb: CalamineWorkbook) -> dict[str, list[list[object]]]:
    try:
        return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False)
                for n in wb.sheet_names}
    finally:
        wb.close()


# --------------------------------------------------------------- the same reading, faster

def _ordinary(korpus: dict[str, Path], kebiasaan: dict[str, Path]) -> list[Path]:
    keep = ("valid", "dimensi", "judul_diganti", "judul_hilang", "teks_di_angka", "galat",
            "kode_ganda", "gabung", "tersembunyi", "teks_panjang", "konfigurasi", "rumus",
            "lembar_hilang")
    return (CONTOH + [korpus[k] for k in keep]
            + [p for k, p in kebiasaan.items() if k != "libreoffice_ods"])


def test_the_fast_way_serves_every_ordinary_workbook(korpus, kebiasaan) -> None:
    # if it quietly fell back everywhere, the comparisons below would compare the old way
    # with itself: every seed, habit and ordinary corpus file takes it
    for p in _ordinary(korpus, kebiasaan):
        insp = safety.check_file(p, keep=True)
        assert insp.archive is not None, p.name
        assert safety.check_file(p).archive is None  # kept only when asked


def test_same_inspection_grids_data_and_findings(korpus, kebiasaan) -> None:
    checked = 0
    for p in _ordinary(korpus, kebiasaan):
        insp = safety.check_file(p, keep=True)
        _same_inspection(insp, safety.check_file(p, fast=False))
        if insp.main_part == "xl/workbook.xml":
            stored = _grids(CalamineWorkbook.from_filelike(io.BytesIO(
                insp.archive.stored_copy())))  # type: ignore[union-attr]
            assert stored == _grids(CalamineWorkbook.from_path(str(p))), p.name
        _same_read(p)
        checked += 1
    assert checked > 25


def test_what_the_scan_sees_comes_through_the_fast_way(korpus, kebiasaan) -> None:
    # the comparisons above hold for files where the scan finds something
    t = fast(korpus["tersembunyi"]).sheets["PK"]
    assert t.hidden_rows == [5] and t.hidden_cols == [(5, 5)]
    assert fast(korpus["galat"]).sheets["PK"].errors == {"F4": "#DIV/0!", "F5": "#REF!"}
    assert fast(kebiasaan["persen"]).sheets["IKU"].facts.percent
    assert fast(kebiasaan["rumus_tanpa_nilai"]).sheets["IKU"].facts.no_value
    assert any(s.facts.total_rows for s in fast(kebiasaan["total_row"]).sheets.values())
    seed = read.read_workbook(kebiasaan["seed"])
    iku = seed.data.rows["IKU"]  # a real reading, not an empty one
    assert len(iku) == 5 and iku[0].values["kode_indikator"] == "IKU1"
    found = _same_read(korpus["galat"])
    assert found is not None
    assert {t.sel for t in found.temuan if t.kode == "sel-tidak-terbaca"} >= {"F4", "F5"}


def test_the_stored_copy_is_the_package_with_vetted_parts_stored(kebiasaan) -> None:
    p = kebiasaan["seed"]
    insp = safety.check_file(p, keep=True)
    archive = insp.archive
    assert archive is not None
    copy = zipfile.ZipFile(io.BytesIO(archive.stored_copy()))
    orig = zipfile.ZipFile(p)
    assert copy.testzip() is None
    assert copy.namelist() == orig.namelist()
    for info in copy.infolist():
        assert copy.read(info) == orig.read(info.filename)
        stored = info.compress_type == zipfile.ZIP_STORED
        assert stored == (info.filename in archive.inflated), info.filename
    assert {"xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"} <= set(archive.inflated)
    assert sum("worksheets/" in n for n in archive.inflated) >= 10


def test_calamine_reads_the_stored_copy(kebiasaan, monkeypatch) -> None:
    calls = []
    real = zipparts.Archive.stored_copy

    def spy(self: zipparts.Archive) -> bytes:
        calls.append(1)
        return real(self)

    monkeypatch.setattr(zipparts.Archive, "stored_copy", spy)
    read.read_workbook(kebiasaan["seed"])
    assert calls == [1]
    read.read_workbook(kebiasaan["seed"], fast=False)
    assert calls == [1]


def test_a_copy_that_cannot_be_made_lets_calamine_read_the_file(kebiasaan, monkeypatch) -> None:
    # (a package too large for a plain zip: only with raised limits)
    def refuse(self: zipparts.Archive) -> bytes:
        raise zipparts.Unusual("zip64 needed")

    expected = read.read_workbook(kebiasaan["seed"], fast=False)
    monkeypatch.setattr(zipparts.Archive, "stored_copy", refuse)
    got = read.read_workbook(kebiasaan["seed"])
    assert got.data == expected.data and got.temuan == expected.temuan


# -------------------------------------------------------- hostile files: the fast gates

@pytest.mark.parametrize("key, message", [
    ("entitas", "DOCTYPE/ENTITY"),
    ("xxe", "DOCTYPE/ENTITY"),
    ("xxe_sharedstrings", "DOCTYPE/ENTITY"),
    ("sel_jauh", "jauh di luar area data"),
    ("sel_jauh_tanpa_r", "jauh di luar area data"),
    ("bom_zip", "bom zip|mengembang"),
    ("docx", "Word atau PowerPoint"),
])
def test_the_fast_gates_refuse_hostile_files(korpus, key, message) -> None:
    with pytest.raises(WorkbookError, match=message):
        fast(korpus[key])
    with pytest.raises(WorkbookError) as new:
        safety.check_file(korpus[key])
    with pytest.raises(WorkbookError) as old:
        safety.check_file(korpus[key], fast=False)
    assert new.value.pesan == old.value.pesan


def test_every_corpus_file_reads_or_fails_alike(korpus) -> None:
    for key, p in korpus.items():
        try:
            new = read.read_workbook(p)
        except WorkbookError as exc:
            with pytest.raises(WorkbookError) as old:
                read.read_workbook(p, fast=False)
            assert exc.pesan == old.value.pesan, key
        else:
            assert new.data == read.read_workbook(p, fast=False).data, key


def _edit_prolog(korpus: dict[str, Path], dst: Path, prolog: bytes) -> Path:
    return rewrite(korpus["valid"], dst, {PK_PART: lambda d: prolog + d[d.index(b"<worksheet"):]})


@pytest.mark.parametrize("prolog", [
    b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "y">]>',
    b'<?xml version="1.0"?><!-- <!DOCTYPE -->',
    b"x<!ENTITY x 'y'>",
])
def test_the_fast_prolog_rule(korpus, tmp_path, prolog) -> None:
    path = _edit_prolog(korpus, tmp_path / "p.xlsx", prolog)
    with pytest.raises(WorkbookError, match="DOCTYPE/ENTITY"):
        fast(path)


def test_a_utf16_part_is_searched_whole_on_the_fast_way(korpus, tmp_path) -> None:
    def utf16(d: bytes) -> bytes:
        text = d[d.index(b"<worksheet"):].decode("utf-8")
        text = text.replace("</sheetData>", "</sheetData><!DOCTYPE x>", 1)
        return ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")

    path = rewrite(korpus["valid"], tmp_path / "u16.xlsx", {PK_PART: utf16})
    with pytest.raises(WorkbookError, match="DOCTYPE/ENTITY"):
        fast(path)


def test_the_fast_limits(korpus) -> None:
    p = korpus["valid"]
    declared = sum(i.file_size for i in zipfile.ZipFile(p).infolist())
    read_total = fast(p).inflated
    with pytest.raises(WorkbookError, match="melebihi batas"):
        fast(p, schema.Limits(max_inflated_bytes=declared - 1))
    if read_total > declared:  # parts read twice count twice, on both ways
        with pytest.raises(WorkbookError, match="mengembang menjadi lebih"):
            fast(p, schema.Limits(max_inflated_bytes=read_total - 1))
    n = len(zipfile.ZipFile(p).infolist())
    with pytest.raises(WorkbookError, match=f"Arsip berisi {n} bagian"):
        fast(p, schema.Limits(max_parts=n - 1))
    with pytest.raises(WorkbookError, match="jauh di luar area data"):
        fast(p, schema.Limits(max_cells_per_sheet=10))  # the exact count, on the fast way


def _entries(src: Path, change=None) -> list[tuple[str, bytes, int, int, int]]:  # type: ignore[no-untyped-def]
    out = []
    with zipfile.ZipFile(src) as zi:
        for info in zi.infolist():
            raw = zi.read(info.filename)
            d = _deflate(raw)
            e = (info.filename, d, zlib.crc32(raw), len(d), len(raw))
            out.append(change(e, raw) if change and info.filename == PK_PART else e)
    return out


def test_flagged_parts_get_the_old_words(korpus, tmp_path) -> None:
    # an entry flagged encrypted: the fast way leaves it, the old one says what it is
    data = bytearray(korpus["valid"].read_bytes())
    cd = data.rindex(b"PK\x01\x02")
    data[cd + 8] |= 0x1
    p = tmp_path / "flag.xlsx"
    p.write_bytes(bytes(data))
    with pytest.raises(zipparts.Unusual):
        fast(p)
    with pytest.raises(WorkbookError, match="terenkripsi"):
        safety.check_file(p)


# ---------------------------------------------------- unusual archives: the old way reads

def _unusual(korpus: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    src = korpus["valid"]
    raw = src.read_bytes()
    out: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        out[name] = tmp_path / f"{name}.xlsx"
        out[name].write_bytes(data)

    put("awalan", b"MZ" + b"\x00" * 30 + raw)  # bytes before the archive (zipfile allows)
    put("ekor", raw + b"sisa")  # bytes after the end record
    lie = _entries(src, lambda e, r: (e[0], e[1], e[2], e[3], e[4] - 10))
    _raw_zip(lie, tmp_path / "ukuran-bohong.xlsx")
    out["ukuran_bohong"] = tmp_path / "ukuran-bohong.xlsx"
    crc = _entries(src, lambda e, r: (e[0], e[1], e[2] ^ 1, e[3], e[4]))
    _raw_zip(crc, tmp_path / "crc.xlsx")
    out["crc"] = tmp_path / "crc.xlsx"
    short = _entries(src, lambda e, r: (e[0], e[1], e[2], e[3], e[4] + 10))
    _raw_zip(short, tmp_path / "pendek.xlsx")
    out["pendek"] = tmp_path / "pendek.xlsx"
    forged = _entries(src, lambda e, r: (e[0], _deflate(r + b"<!-- lagi -->"),
                                         zlib.crc32(r), len(_deflate(r + b"<!-- lagi -->")),
                                         len(r)))
    _raw_zip(forged, tmp_path / "crc-palsu.xlsx")
    out["crc_palsu"] = tmp_path / "crc-palsu.xlsx"
    dup = _entries(src)
    _raw_zip([*dup, dup[-1]], tmp_path / "ganda.xlsx")
    out["ganda"] = tmp_path / "ganda.xlsx"
    return out


def test_unusual_archives_go_the_old_way(korpus, tmp_path) -> None:
    for key, p in _unusual(korpus, tmp_path).items():
        with pytest.raises(zipparts.Unusual):
            zipparts.Archive(p.read_bytes(), safety.CHUNK).entries and fast(p)
        try:
            insp = safety.check_file(p, keep=True)
        except WorkbookError as exc:
            with pytest.raises(WorkbookError) as old:
                safety.check_file(p, fast=False)
            assert exc.pesan == old.value.pesan, key
            continue
        assert insp.archive is None, key
        _same_inspection(insp, safety.check_file(p, fast=False))
        _same_read(p)


def test_a_part_over_one_chunk_goes_the_old_way(korpus, tmp_path) -> None:
    def big(d: bytes) -> bytes:
        return d.replace(b"</sheetData>", b"</sheetData>" + b" " * safety.CHUNK, 1)

    p = rewrite(korpus["valid"], tmp_path / "besar.xlsx", {PK_PART: big})
    with pytest.raises(zipparts.Unusual, match="large part"):
        fast(p)
    assert safety.check_file(p, keep=True).archive is None
    _same_read(p)


def test_the_end_record_rules() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.xml", b"<a/>")
    data = buf.getvalue()
    assert [e.filename for e in zipparts.Archive(data, 1 << 20).entries] == ["a.xml"]
    for bad in (data[:-1], data + b"x", b"x" + data, data.replace(b"PK\x05\x06", b"PK\x05\x07")):
        with pytest.raises(zipparts.Unusual):
            zipparts.Archive(bad, 1 << 20)
    end = data.rindex(b"PK\x05\x06")  # a zip64 locator before the end record
    with pytest.raises(zipparts.Unusual):
        zipparts.Archive(data[:end] + b"PK\x06\x07" + b"\x00" * 16 + data[end:], 1 << 20)



def test_an_unusual_archive_is_parsed_from_the_bytes_the_scan_vetted(tmp_path: Path,
                                                                    monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A sheet over the in-memory limit sends the scan the zipfile way; python-calamine then
    parses the very bytes that way vetted (the file is read once, never opened again)."""
    import pathlib

    import python_calamine

    from lkj_excel.files.template import write_workbook
    from tests.kit.typical import typical_data

    path = write_workbook(tmp_path / "besar.xlsx", typical_data(n_kej=6000))
    with zipfile.ZipFile(path) as z:
        assert max(i.file_size for i in z.infolist()) >= safety.CHUNK  # really unusual
    with pytest.raises(zipparts.Unusual):
        fast(path)
    expected = read.read_workbook(path, fast=False)
    reads: list[str] = []
    real = pathlib.Path.read_bytes

    def counting(self: pathlib.Path) -> bytes:
        reads.append(self.name)
        return real(self)

    def no_second_open(*a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError("python-calamine opened the file itself")

    monkeypatch.setattr(pathlib.Path, "read_bytes", counting)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", no_second_open)
    got = read.read_workbook(path)
    assert reads.count(path.name) == 1
    assert got.data.rows["Kejadian"] and got.data.rows == expected.data.rows
