"""``report.pdf.lay_out`` without Python-UNO: the PDF from ``soffice --convert-to`` (run by
``files.libreoffice.run_soffice``, its private profile and timeout), its failures as
``PdfError``, and the warnings about the table of contents' page numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

import lkj_excel.files.libreoffice as libreoffice
from lkj_excel.core.seed import seed_data
from lkj_excel.core.temuan import ToolError
from lkj_excel.files.read import check_workbook
from lkj_excel.files.template import write_workbook
from lkj_excel.report import pdf
from lkj_excel.report.render import render_docx


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("laporan")
    return render_docx(check_workbook(write_workbook(folder / "seed.xlsx", seed_data())), folder)


@pytest.fixture
def no_uno(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pdf, "uno_python", lambda exe: None)


def test_warnings_say_the_toc_pages_are_empty() -> None:
    assert pdf.toc_warning(pdf.NO_UNO) == (
        "Peringatan: Python-UNO LibreOffice tidak ditemukan; nomor halaman daftar isi belum "
        "diisi.")
    assert pdf.toc_warning(pdf.NO_LAYOUT, "Rusak.") == (
        "Peringatan: LibreOffice tidak dapat menata laporan; nomor halaman daftar isi belum "
        "diisi. Rusak.")


def test_without_uno_and_without_pdf_only_a_warning(docx: Path, monkeypatch, no_uno) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pdf, "soffice", lambda: "/bin/true")
    out = pdf.lay_out(docx)
    assert (out.pdf, out.toc) == (None, None)
    assert out.peringatan == pdf.toc_warning(pdf.NO_UNO)


def test_convert_to_failure_is_a_pdf_error(docx: Path, tmp_path: Path, monkeypatch,
                                           no_uno) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pdf, "soffice", lambda: "/bin/true")
    seen = []

    def timed_out(args, timeout=0):  # type: ignore[no-untyped-def]
        seen.append((list(args), timeout))
        raise ToolError("LibreOffice tidak selesai dalam 7 detik.")

    monkeypatch.setattr(libreoffice, "run_soffice", timed_out)
    with pytest.raises(pdf.PdfError, match="tidak selesai dalam 7 detik"):
        pdf.lay_out(docx, tmp_path / "x.pdf", timeout=7)
    ((args, timeout),) = seen
    assert args[0] == "--convert-to" and args[1].startswith("pdf:writer_pdf_Export:")
    assert '"UseTaggedPDF"' in args[1] and timeout == 7
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.libreoffice
def test_convert_to_writes_the_pdf(docx: Path, tmp_path: Path, no_uno) -> None:  # type: ignore[no-untyped-def]
    if pdf.soffice() is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    target = tmp_path / "laporan.pdf"
    out = pdf.lay_out(docx, target)
    assert out.pdf == target.resolve() or out.pdf == target
    data = target.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 50_000
    assert out.toc is None and "belum diperbarui" in out.peringatan
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.pdf"]
