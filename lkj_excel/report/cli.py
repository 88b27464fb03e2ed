"""`lkj laporan FILE... --out DIR [--pdf] [--pdfa] [--templat WORD.docx] [--paksa]`.

Exit codes as `lkj periksa`: 0 ok, 1 findings of level kesalahan (report refused unless
--paksa), 2 unreadable file or bad call.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from lkj_excel.commands import EXIT_KESALAHAN, EXIT_OK, EXIT_TIDAK_TERBACA, format_temuan, ringkas
from lkj_excel.core.read import WorkbookError


def periksa_beberapa(paths: list[str]) -> Any:
    """Several unit workbooks merged (``lkj gabung``'s rules) and checked as one."""
    from lkj_excel.batch.check import check_merged
    from lkj_excel.batch.merge import merge_files

    g = merge_files(paths)
    if g.data is None:
        alasan = "; ".join(f"{b.berkas}: {b.pesan}" for b in g.berkas if b.pesan)
        raise WorkbookError("Tidak ada buku kerja yang dapat digabung"
                            + (f" ({alasan})." if alasan else "."))
    return check_merged(g, "gabungan")


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def run_laporan(args: Any) -> int:
    from lkj_excel.core.engine import check_workbook

    berkas = list(args.berkas)
    out_dir = Path(args.out)
    if out_dir.exists() and not out_dir.is_dir():
        _err(f"\"{out_dir}\" bukan folder. Sebutkan folder keluaran dengan --out.")
        return EXIT_TIDAK_TERBACA
    templat = getattr(args, "templat", None)
    if templat and not Path(templat).is_file():
        _err(f"Templat Word \"{templat}\" tidak ditemukan.")
        return EXIT_TIDAK_TERBACA
    if templat and Path(templat).suffix.lower() != ".docx":
        _err(f"Templat \"{templat}\" harus berupa dokumen Word .docx.")
        return EXIT_TIDAK_TERBACA
    ingin_pdf = bool(args.pdf or getattr(args, "pdfa", False))

    if len(berkas) > 1:
        try:
            p = periksa_beberapa(berkas)
        except WorkbookError as exc:
            _err(f"{exc.berkas + ': ' if exc.berkas else ''}{exc.pesan}")
            return EXIT_TIDAK_TERBACA
        nama = "gabungan " + ", ".join(Path(b).name for b in berkas)
    else:
        try:
            p = check_workbook(berkas[0])
        except WorkbookError as exc:
            _err(f"{Path(berkas[0]).name}: TIDAK DAPAT DIBACA — {exc.pesan}")
            return EXIT_TIDAK_TERBACA
        nama = Path(berkas[0]).name

    code = EXIT_OK
    if p.has_errors:
        print(f"{nama}: {ringkas(p.temuan)}")
        for line in format_temuan(p.temuan):
            print(line)
        if not args.paksa:
            _err("Laporan tidak disusun karena buku kerja masih mengandung kesalahan. "
                 "Perbaiki kesalahan di atas, atau tambahkan --paksa untuk tetap menyusun "
                 "laporan (halaman pertamanya akan menyebut bahwa datanya mengandung "
                 "kesalahan).")
            return EXIT_KESALAHAN
        code = EXIT_KESALAHAN

    from lkj_excel.report.render import render_docx, target_path

    try:
        docx = render_docx(p, out_dir, templat)
    except WorkbookError as exc:
        _err(exc.pesan)
        return EXIT_TIDAK_TERBACA
    except Exception as exc:
        if templat and type(exc).__module__.startswith("jinja2"):
            _err(f"Templat Word \"{templat}\" tidak dapat dipakai: {exc}. Periksa tanda "
                 "{{ }} dan {% %} di dalamnya.")
            return EXIT_TIDAK_TERBACA
        raise
    print(f"Laporan Word ditulis: {docx}")

    if ingin_pdf:
        from lkj_excel.report.pdf import INSTALL_HINT, PdfError, docx_to_pdf, soffice

        if soffice() is None:
            _err(INSTALL_HINT)
        else:
            try:
                pdf = docx_to_pdf(docx, target_path(out_dir, p, ".pdf"),
                                  pdfa=bool(getattr(args, "pdfa", False)))
            except PdfError as exc:
                _err(exc.pesan)
                return EXIT_TIDAK_TERBACA
            jenis = "PDF/A-2" if getattr(args, "pdfa", False) else "PDF"
            print(f"Laporan {jenis} ditulis: {pdf}")
    if code == EXIT_KESALAHAN:
        _err("Perhatian: laporan disusun dengan --paksa dari data yang mengandung kesalahan.")
    return code
