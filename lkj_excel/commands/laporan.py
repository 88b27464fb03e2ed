"""``lkj laporan BERKAS... --out FOLDER [--pdf] [--pdfa] [--templat WORD.docx] [--paksa]``
and ``lkj laporan --salin-templat TEMPLAT.docx``.

Several unit workbooks are merged first (``lkj gabung``'s rules). The report is refused
while the data has temuan of level kesalahan, unless ``--paksa``. When LibreOffice is
installed, the written report is laid out once: the page numbers of its table of contents
are written into the .docx, and the (tagged) PDF is exported in the same run.
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
from lkj_excel.core.temuan import LkjError, ToolError, WorkbookError

HELP = "susun dokumen LKj (Word, dan PDF bila diminta)"
DESCRIPTION = "Menyusun Laporan Kinerja dari buku kerja (beberapa buku kerja digabung dulu)."


def configure(p: Any) -> None:
    p.add_argument("berkas", nargs="*", metavar="BERKAS", help="buku kerja .xlsx")
    p.add_argument("--out", metavar="FOLDER", help="folder keluaran (wajib untuk laporan)")
    p.add_argument("--pdf", action="store_true", help="buat juga PDF (perlu LibreOffice)")
    p.add_argument("--pdfa", action="store_true", help="PDF dalam format arsip PDF/A-2")
    p.add_argument("--templat", metavar="WORD.docx",
                   help="templat Word sendiri (salinan yang diubah gayanya, lihat "
                        "--salin-templat)")
    p.add_argument("--salin-templat", metavar="TEMPLAT.docx", dest="salin_templat",
                   help="tulis templat Word bawaan ke berkas ini untuk diubah gayanya di Word, "
                        "lalu keluar (panduan: docs/panduan-templat.md)")
    p.add_argument("--paksa", action="store_true",
                   help="tetap susun laporan walau ada kesalahan (ditandai di halaman pertama)")
    p.add_argument("--triwulan", type=triwulan_arg, metavar="N",
                   help="susun Laporan Capaian Kinerja Triwulan N (1-4 atau I-IV), bukan LKj")
    p.add_argument("--tanggal", metavar="TANGGAL",
                   help="tanggal penandatanganan laporan triwulan, misalnya \"15 Juli 2024\"")


def triwulan_arg(value: str) -> int:
    """``--triwulan``: 1..4 or I..IV."""
    import argparse

    v = value.strip().upper()
    for n, name in enumerate(("I", "II", "III", "IV"), 1):
        if v in (str(n), name):
            return n
    raise argparse.ArgumentTypeError(f"triwulan \"{value}\" tidak dikenal (pilih 1-4 atau I-IV)")


def check_several(paths: list[str]) -> Any:
    """Several unit workbooks merged (``lkj gabung``'s rules) and checked as one."""
    from lkj_excel.batch.check import check_merged
    from lkj_excel.batch.merge import merge_files

    g = merge_files(paths)
    if g.data is None:
        alasan = "; ".join(f"{b.berkas}: {b.pesan}" for b in g.berkas if b.pesan)
        raise WorkbookError("Tidak ada buku kerja yang dapat digabung"
                            + (f" ({alasan})." if alasan else "."))
    return check_merged(g, "gabungan")


def run(args: Any) -> int:
    from lkj_excel.files.read import check_workbook

    salin = getattr(args, "salin_templat", None)
    if salin:
        from lkj_excel.report.render import copy_template

        try:
            path = copy_template(salin)
        except LkjError as exc:
            return err(exc.pesan)
        print(f"Templat Word ditulis: {path}")
        print("Ubah gayanya di Word (lihat docs/panduan-templat.md), lalu susun laporan "
              f"dengan: lkj laporan BUKU.xlsx --out FOLDER --templat \"{path}\"")
        return EXIT_OK
    berkas = list(args.berkas)
    if not berkas:
        return err("Sebutkan buku kerja .xlsx yang akan disusun laporannya (atau "
                   "--salin-templat TEMPLAT.docx untuk menyalin templat Word).")
    if not args.out:
        return err("Sebutkan folder keluaran dengan --out FOLDER.")
    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        return err(f"\"{out_dir}\" bukan folder. Sebutkan folder keluaran dengan --out.")
    templat = getattr(args, "templat", None)
    if templat and not Path(templat).is_file():
        return err(f"Templat Word \"{templat}\" tidak ditemukan.")
    if templat and Path(templat).suffix.lower() != ".docx":
        return err(f"Templat \"{templat}\" harus berupa dokumen Word .docx.")
    want_pdf = bool(args.pdf or getattr(args, "pdfa", False))

    if len(berkas) > 1:
        try:
            p = check_several(berkas)
        except WorkbookError as exc:
            return err(f"{exc.berkas + ': ' if exc.berkas else ''}{exc.pesan}")
        nama = "gabungan " + ", ".join(Path(b).name for b in berkas)
    else:
        try:
            p = check_workbook(berkas[0])
        except WorkbookError as exc:
            return err(f"{Path(berkas[0]).name}: TIDAK DAPAT DIBACA — {exc.pesan}")
        nama = Path(berkas[0]).name

    if getattr(args, "triwulan", None):
        from lkj_excel.commands.pk import parse_tanggal
        try:
            tanggal = parse_tanggal(getattr(args, "tanggal", None))
        except ValueError as exc:
            return err(str(exc))
        return run_triwulan(p, nama, args.triwulan, out_dir, want_pdf, templat, args.paksa,
                            tanggal)
    code = EXIT_OK
    if p.has_errors:
        print(f"{nama}: {summary(p.temuan)}")
        print_temuan(p.temuan, p.data.source)
        if not args.paksa:
            err("Laporan tidak disusun karena buku kerja masih mengandung kesalahan. "
                "Perbaiki kesalahan di atas, atau tambahkan --paksa untuk tetap menyusun "
                "laporan (halaman pertamanya akan menyebut bahwa datanya mengandung "
                "kesalahan).")
            return EXIT_KESALAHAN
        code = EXIT_KESALAHAN

    from lkj_excel.report.context import build_context
    from lkj_excel.report.render import (
        check_template,
        render_docx,
        render_report,
        target_path,
    )

    try:
        context = build_context(p)  # once: the template's check and the render
        if templat:
            check_template(templat, set(context))
        rendered = render_report(p, templat, context=context)
        docx = render_docx(p, out_dir, rendered=rendered)
    except LkjError as exc:
        return err(exc.pesan)
    except Exception as exc:
        return template_failure(exc, templat)
    print(f"Laporan Word ditulis: {docx}")
    for note in rendered.catatan:
        print(f"  {note}")

    from lkj_excel.report.pdf import INSTALL_HINT, finish_with_libreoffice, soffice

    pdfa = bool(getattr(args, "pdfa", False))
    if soffice() is None:
        if want_pdf:
            err(INSTALL_HINT)
        elif rendered.toc:
            err("Peringatan: LibreOffice tidak ditemukan, jadi nomor halaman daftar isi belum "
                "diisi (judul-judulnya sudah). Pasang LibreOffice lalu susun ulang laporan.")
    else:
        try:
            done = finish_with_libreoffice(
                docx, rendered.toc, target_path(out_dir, p, ".pdf") if want_pdf else None,
                pdfa=pdfa)
        except ToolError as exc:
            return err(exc.pesan)
        if done.peringatan:
            err(done.peringatan)
        if done.pdf is not None:
            print(f"Laporan {'PDF/A-2' if pdfa else 'PDF'} ditulis: {done.pdf}")
    if code == EXIT_KESALAHAN:
        err("Perhatian: laporan disusun dengan --paksa dari data yang mengandung kesalahan.")
    return code


def run_triwulan(p: Any, nama: str, n: int, out_dir: Path, pdf: bool, templat: str | None,
                 paksa: bool, tanggal: Any) -> int:
    """``--triwulan N``: the Laporan Capaian Kinerja Triwulan N (refused while the quarters'
    sheets, PK, Anggaran or Pengaturan have kesalahan, unless ``--paksa``: the year's IKU
    may still be open)."""
    from lkj_excel.commands.pk import write
    from lkj_excel.report import triwulan
    from lkj_excel.report.document import blocking, document_name

    code = EXIT_OK
    errors = blocking(p, triwulan.SHEETS, triwulan.PROFIL_KEYS)
    if errors:
        print(f"{nama}: {summary(errors)} pada bagian yang dimuat laporan triwulan")
        print_temuan(errors, p.data.source)
        if not paksa:
            err("Laporan triwulan tidak disusun karena bagian yang dimuatnya (lembar PK, "
                "Triwulan, Anggaran, Anggaran Triwulan, Pengaturan, isian Profil) masih "
                "mengandung kesalahan. Perbaiki kesalahan di atas, atau tambahkan --paksa.")
            return EXIT_KESALAHAN
        code = EXIT_KESALAHAN
    ctx = triwulan.triwulan_context(p, n, tanggal)
    if not ctx["ada_indikator"]:
        print("Perhatian: lembar Triwulan belum diisi; laporan hanya memuat anggaran.")
    written = write(templat or triwulan.TEMPLATE, ctx, out_dir,
                    document_name(triwulan.judul(n), p), pdf, templat)
    if isinstance(written, int):
        return written
    print(f"{ctx['judul_biasa']}: {len(ctx['indikator'])} indikator, "
          f"{len(ctx['tertinggal'])} hal yang masih tertinggal.")
    for line in written:
        print(line)
    if code == EXIT_KESALAHAN:
        err("Perhatian: laporan disusun dengan --paksa dari data yang mengandung kesalahan.")
    return code
