"""``lkj pk BERKAS --out FOLDER [--pdf] [--tanggal TANGGAL] [--templat WORD.docx] [--paksa]``:
the Perjanjian Kinerja document (statement page and annex) from the workbook.

Refused while PK, Anggaran, Triwulan, Pengaturan or the Profil rows it prints have temuan of
level kesalahan, unless ``--paksa`` (the rest of the workbook may still be in the making at
the start of the year).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import (
    EXIT_KESALAHAN,
    EXIT_OK,
    err,
    print_temuan,
    summary,
    template_failure,
)
from lkj_excel.core.temuan import LkjError, WorkbookError

HELP = "susun dokumen Perjanjian Kinerja (Word, dan PDF bila diminta)"
DESCRIPTION = ("Menyusun dokumen Perjanjian Kinerja dari buku kerja: halaman pernyataan "
               "(pihak pertama dan pihak kedua dari lembar Profil, tempat, tanggal, tanda "
               "tangan) dan lampirannya (sasaran, indikator, target, target triwulan bila ada, "
               "program dan anggaran).")


def configure(p: Any) -> None:
    p.add_argument("berkas", metavar="BERKAS", help="buku kerja .xlsx")
    p.add_argument("--out", required=True, metavar="FOLDER", help="folder keluaran")
    p.add_argument("--pdf", action="store_true", help="buat juga PDF (perlu LibreOffice)")
    p.add_argument("--tanggal", metavar="TANGGAL",
                   help="tanggal penandatanganan (bawaan: Tanggal Perjanjian Kinerja di Profil), "
                        "misalnya \"2 Januari 2024\" atau \"Januari 2024\"")
    p.add_argument("--templat", metavar="WORD.docx", help="templat Word sendiri")
    p.add_argument("--paksa", action="store_true",
                   help="tetap susun walau ada kesalahan (ditandai di halaman pertama)")


def parse_tanggal(value: str | None) -> Any:
    """The ``--tanggal`` value as a date (``ValueError`` with an Indonesian message)."""
    from lkj_excel.core.numbers import ParseError, parse_date

    if not value:
        return None
    try:
        return parse_date(value)
    except ParseError as exc:
        raise ValueError(f"--tanggal: {exc.pesan}") from None


def check_templat(templat: str | None) -> str | None:
    """An Indonesian message when ``--templat`` cannot be used, else None."""
    if templat and not Path(templat).is_file():
        return f"Templat Word \"{templat}\" tidak ditemukan."
    if templat and Path(templat).suffix.lower() != ".docx":
        return f"Templat \"{templat}\" harus berupa dokumen Word .docx."
    return None


def write(template: Any, ctx: dict[str, Any], out_dir: Path, name: str, pdf: bool,
          templat: str | None) -> list[str] | int:
    """Write the .docx (and the PDF when asked): the lines to print, or an exit code."""
    from lkj_excel.report.document import target, write_docx, write_pdf

    try:
        docx = write_docx(template, ctx, target(out_dir, name, ".docx"))
    except LkjError as exc:
        return err(exc.pesan)
    except Exception as exc:
        return template_failure(exc, templat)
    lines = [f"Dokumen Word ditulis: {docx}"]
    if pdf:
        try:
            made = write_pdf(docx, out_dir, name)
        except LkjError as exc:
            print(*lines, sep="\n")
            return err(exc.pesan)
        if isinstance(made, str):
            err(made)
        else:
            lines.append(f"Dokumen PDF ditulis: {made}")
    return lines


def run(args: Any) -> int:
    from lkj_excel.files.read import check_workbook
    from lkj_excel.report import pk
    from lkj_excel.report.document import blocking, document_name

    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        return err(f"\"{out_dir}\" bukan folder. Sebutkan folder keluaran dengan --out.")
    problem = check_templat(args.templat)
    if problem:
        return err(problem)
    try:
        tanggal = parse_tanggal(args.tanggal)
    except ValueError as exc:
        return err(str(exc))
    name = Path(args.berkas).name
    try:
        p = check_workbook(args.berkas)
    except WorkbookError as exc:
        return err(f"{name}: TIDAK DAPAT DIBACA — {exc.pesan}")
    code = EXIT_OK
    errors = blocking(p, pk.SHEETS, pk.PROFIL_KEYS)
    if errors:
        print(f"{name}: {summary(errors)} pada bagian yang dimuat Perjanjian Kinerja")
        print_temuan(errors, p.data.source)
        if not args.paksa:
            err("Perjanjian Kinerja tidak disusun karena bagian yang dimuatnya (lembar PK, "
                "Anggaran, Triwulan, Pengaturan, isian Profil) masih mengandung kesalahan. "
                "Perbaiki kesalahan di atas, atau tambahkan --paksa.")
            return EXIT_KESALAHAN
        code = EXIT_KESALAHAN
    kosong = pk.missing(p, tanggal)
    if kosong:
        print("Perhatian: isian berikut kosong; di dokumen dicetak titik-titik untuk diisi "
              "tangan: " + "; ".join(kosong) + ".")
    ctx = pk.pk_context(p, tanggal)
    written = write(args.templat or pk.TEMPLATE, ctx, out_dir, document_name(pk.JUDUL, p),
                    args.pdf, args.templat)
    if isinstance(written, int):
        return written
    print(f"Perjanjian Kinerja {ctx['tahun']}: {len(ctx['indikator'])} indikator, "
          f"{len(ctx['program'])} program, anggaran {ctx['jumlah_anggaran']}"
          + (", dengan target triwulan" if ctx["triwulan"]["ada"] else "") + ".")
    for line in written:
        print(line)
    if code == EXIT_KESALAHAN:
        err("Perhatian: dokumen disusun dengan --paksa dari data yang mengandung kesalahan.")
    return code
