"""Pictures pasted into the Gambar sheet: read from the drawing parts (as Excel/openpyxl and
LibreOffice write them), vetted, placed on their rows, and carried through split and merge."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from lkj_excel.core import schema
from lkj_excel.core.temuan import WorkbookError
from lkj_excel.files.read import check_workbook, read_workbook
from lkj_excel.files.template import write_workbook
from tests.kit.corpus import rewrite
from tests.kit.extended import FOTO, extended_data
from tests.kit.pictures import logo, org_chart, photo, picture


def _gambar_part(path: Path) -> tuple[str, str]:
    """(the Gambar sheet's drawing part, the first media part) of a written workbook."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        drawing = next(n for n in names if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n))
        media = sorted(n for n in names if n.startswith("xl/media/"))[0]
    return drawing, media


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("gbr") / "gambar.xlsx", extended_data())


def test_pictures_read_on_their_rows(book: Path) -> None:
    res = read_workbook(book)
    pics = res.data.pictures
    assert [(p.row, p.format) for p in pics] == [(4, "png"), (5, "png"), (6, "jpeg"),
                                                 (7, "jpeg")]
    assert pics[0].data == logo() and pics[1].data == org_chart()
    assert (pics[1].width, pics[1].height) == (900, 520)
    assert [f for f in res.temuan if f.lembar == "Gambar"] == []


def test_pictures_come_from_the_bytes_the_scan_vetted(book: Path, monkeypatch) -> None:
    """The file is read once: the pictures are taken from the bytes the safety scan read,
    not from the file again (which could have changed in between)."""
    import pathlib

    reads: list[str] = []
    real = pathlib.Path.read_bytes

    def counting(self: pathlib.Path) -> bytes:
        reads.append(self.name)
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", counting)
    res = read_workbook(book)
    assert len(res.data.pictures) == 4
    assert reads.count(book.name) == 1


@pytest.mark.libreoffice
def test_pictures_saved_by_libreoffice(book: Path, tmp_path: Path) -> None:
    """LibreOffice writes its own drawing (two-cell anchors, its own names): same rows."""
    if shutil.which("soffice") is None:
        pytest.skip("soffice tidak ada")
    from lkj_excel.files import libreoffice as lo

    (saved,) = lo.recalc([book], tmp_path / "lo")
    with zipfile.ZipFile(saved) as z:
        drawing = next(z.read(n) for n in z.namelist() if n.startswith("xl/drawings/drawing"))
    assert b"twoCellAnchor" in drawing or b"oneCellAnchor" in drawing
    p = check_workbook(saved)
    assert [(g.bagian, g.row.row) for g in p.result.gambar] == [
        ("Kop", 4), ("Struktur Organisasi", 5), ("Lampiran", 6), ("Lampiran", 7)]
    assert [g.judul for g in p.result.gambar_of("Lampiran")] == list(FOTO)
    # the same images (LibreOffice may re-encode them, never move them to another row)
    assert {(g.picture.width, g.picture.height) for g in p.result.gambar} == {
        (200, 240), (900, 520), (1200, 800)}


def test_rows_without_pictures_and_pictures_without_rows(tmp_path: Path) -> None:
    data = extended_data()
    data["sheets"]["Gambar"][3]["gambar"] = None  # a row whose picture was not pasted
    path = write_workbook(tmp_path / "a.xlsx", data)
    drawing, _ = _gambar_part(path)
    # move the org chart's anchor up onto the header row (0-based row 2)
    src = tmp_path / "a.xlsx"
    moved = rewrite(src, tmp_path / "b.xlsx", {drawing: lambda d: re.sub(
        rb"<((?:xdr:)?)row>4</", rb"<\1row>2</", d, count=1)})
    p = check_workbook(moved)
    got = {(f.kode, f.sel) for f in p.temuan if f.lembar == "Gambar"}
    assert ("gambar-tidak-ada", "A7") in got
    assert ("gambar-tanpa-baris", "A3") in got
    assert ("gambar-tidak-ada", "A5") in got  # the org chart's row lost its picture
    tanpa = next(f for f in p.temuan if f.kode == "gambar-tanpa-baris")
    assert "di atas judul kolom" in tanpa.pesan and tanpa.tingkat == "peringatan"


def test_grids_from_excel_carry_no_pictures_and_no_finding() -> None:
    """The Excel button reads grids, not files: its Gambar rows never look empty."""
    from lkj_excel.core.engine import check_grids
    from lkj_excel.core.layout import grids_from_data

    data = extended_data()
    grids, names = grids_from_data(data)
    p = check_grids(grids, names)
    assert p.data.pictures is None
    assert not [f for f in p.temuan if f.kode.startswith("gambar")]


def test_hostile_drawing_is_refused(book: Path, tmp_path: Path) -> None:
    drawing, _ = _gambar_part(book)
    bad = rewrite(book, tmp_path / "x.xlsx", {drawing: lambda d: (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + d)})
    with pytest.raises(WorkbookError) as exc:
        read_workbook(bad)
    assert "DOCTYPE" in exc.value.pesan


def test_unusable_pictures_are_left_out_with_the_reason(book: Path, tmp_path: Path,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drawing, media = _gambar_part(book)
    # a picture that is not one of the formats Word takes (an EMF saved as the media part)
    emf = b"\x01\x00\x00\x00" + b"\x00" * 80 + b" EMF" + b"\x00" * 40
    odd = rewrite(book, tmp_path / "emf.xlsx", {media: emf})
    found = [f for f in check_workbook(odd).temuan if f.kode == "gambar-ditolak"]
    assert len(found) == 1 and "Simpan gambar sebagai PNG atau JPG" in found[0].pesan
    # a picture linked to a file outside the workbook
    linked = rewrite(book, tmp_path / "link.xlsx", {drawing: lambda d: d.replace(
        b'r:embed="', b'r:link="', 1)})
    found = [f for f in check_workbook(linked).temuan if f.kode == "gambar-ditolak"]
    assert len(found) == 1 and "tertaut ke berkas di luar buku kerja" in found[0].pesan
    # too many pixels (a decompression bomb is refused before anything decodes it)
    monkeypatch.setattr(schema, "LIMITS", schema.Limits(max_picture_pixels=500_000))
    p = check_workbook(book)
    found = [f for f in p.temuan if f.kode == "gambar-ditolak"]
    assert [f.sel for f in found] == ["A6", "A7"]  # the 1200 x 800 photos
    assert "1200 x 800 piksel, melebihi batas 0,5 juta piksel" in found[0].pesan
    assert "LKJ_MAKS_GAMBAR_MPIKSEL" in found[0].pesan
    assert [g.bagian for g in p.result.gambar if not g.picture.masalah] == [
        "Kop", "Struktur Organisasi"]


def test_pictures_travel_with_split_and_merge(tmp_path: Path) -> None:
    """pecah gives the Sekretariat's workbook the pictures; laporan of the parts has them."""
    from lkj_excel.core.units import split_by_unit
    from lkj_excel.report.context import build_context

    data = extended_data()
    parts = split_by_unit(data)
    assert [r["gambar"] for r in parts["Sekretariat"]["sheets"]["Gambar"]] == [
        r["gambar"] for r in data["sheets"]["Gambar"]]
    paths = [write_workbook(tmp_path / f"{i:02d}.xlsx", part)
             for i, part in enumerate(parts.values())]
    from lkj_excel.commands.laporan import check_several

    p = check_several([str(x) for x in paths])
    c = build_context(p)
    assert [g["judul"] for g in c["gambar"]["lampiran"]] == list(FOTO)
    assert c["gambar"]["kop"]["picture"].data == logo()
    assert not [f for f in p.temuan if f.kode.startswith("gambar")]


def test_photo_bytes_are_kept_as_pasted(book: Path) -> None:
    pics = read_workbook(book).data.pictures
    assert pics[2].data == photo(0)
    assert picture(photo(0)) == pics[2]


def test_pictures_written_and_kept_without_pillow(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The staff install has no Pillow: pictures are still written, and lkj hitung's copy
    keeps them (openpyxl alone would refuse to write them and drop them when reading)."""
    import openpyxl.drawing.image as oimage
    import openpyxl.reader.drawings as odrawings

    from lkj_excel.files.writer import write_engine_sheets

    monkeypatch.setattr(oimage, "PILImage", False)
    monkeypatch.setattr(odrawings, "PILImage", False)
    monkeypatch.setattr(odrawings, "Image", oimage.Image)
    data = extended_data()
    path = write_workbook(tmp_path / "staf.xlsx", data)
    p = check_workbook(path)
    assert [pic.data for pic in p.data.pictures] == [r["gambar"].data
                                                    for r in data["sheets"]["Gambar"]]
    out = write_engine_sheets(path, p, tmp_path / "staf - hasil.xlsx")
    again = check_workbook(out)
    assert [pic.data for pic in again.data.pictures] == [pic.data for pic in p.data.pictures]
    assert [(g.bagian, g.row.row) for g in again.result.gambar] == [
        (g.bagian, g.row.row) for g in p.result.gambar]


def test_pictures_read_from_the_scans_archive_without_a_second_zipfile(book: Path,
                                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An ordinary workbook's pictures come from the parts the scan already holds in memory:
    no second ``zipfile`` over the same bytes."""
    import lkj_excel.files.pictures as pictures_mod

    def refuse(*a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError("second zipfile opened")

    monkeypatch.setattr(pictures_mod.zipfile, "ZipFile", refuse)
    pics = read_workbook(book).data.pictures
    assert [(p.row, p.format) for p in pics] == [(4, "png"), (5, "png"), (6, "jpeg"),
                                                 (7, "jpeg")]
    assert pics[0].data == logo()


def test_picture_over_the_scans_part_size_is_read_whole(book: Path, tmp_path: Path) -> None:
    """A picture larger than the parts the scan inflates at once (``safety.CHUNK``) is
    still read whole, up to the picture limit: the same pictures, all the big one's bytes."""
    import os

    from lkj_excel.files.safety import CHUNK

    _, media = _gambar_part(book)
    big = logo() + os.urandom(CHUNK + 4096)  # a PNG with bytes after its end, over 1 MB
    assert len(big) < schema.LIMITS.max_picture_bytes
    odd = rewrite(book, tmp_path / "besar.xlsx", {media: big})
    pics = read_workbook(odd).data.pictures
    assert len(pics) == 4 and not [p for p in pics if p.masalah]
    assert pics[0].data == big and pics[1].data == org_chart()


def test_broken_drawing_relationships_are_a_worded_refusal(book: Path, tmp_path: Path) -> None:
    """A truncated rels part of the drawing: the scan's worded "berkas rusak", on both the
    in-memory and the zipfile way (never an XML parser's own error)."""
    drawing, _ = _gambar_part(book)
    folder, _, name = drawing.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels"
    bad = rewrite(book, tmp_path / "rels.xlsx", {rels: lambda d: d[:len(d) // 2]})
    for fast in (True, False):
        with pytest.raises(WorkbookError) as exc:
            read_workbook(bad, fast=fast)
        assert "rusak" in exc.value.pesan and rels in exc.value.pesan


def test_picture_bytes_are_not_searched_as_xml(book: Path, tmp_path: Path) -> None:
    """A photo whose metadata happens to hold "<!DOCTYPE" is a picture, not an attack:
    image bytes are read with the caps but never parsed or searched as XML."""
    _, media = _gambar_part(book)
    odd = rewrite(book, tmp_path / "meta.xlsx",
                  {media: logo() + b"<!DOCTYPE html><!ENTITY x 'y'>"})
    pics = read_workbook(odd).data.pictures
    assert len(pics) == 4 and not [p for p in pics if p.masalah]
    assert pics[0].data.endswith(b"<!ENTITY x 'y'>")


def test_picture_parts_are_found_whatever_their_case(book: Path, tmp_path: Path) -> None:
    """Part names are case-insensitive in a package (Excel opens such a file): a drawing
    rels target spelled in other case still finds its picture."""
    drawing, media = _gambar_part(book)
    folder, _, name = drawing.rpartition("/")
    rels = f"{folder}/_rels/{name}.rels"
    base = media.rpartition("/")[2].encode()
    odd = rewrite(book, tmp_path / "case.xlsx",
                  {rels: lambda d: d.replace(base, base.upper(), 1)})
    assert b"IMAGE" in zipfile.ZipFile(odd).read(rels)
    pics = read_workbook(odd).data.pictures
    assert len(pics) == 4 and not [p for p in pics if p.masalah]
