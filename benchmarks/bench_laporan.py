"""Benchmark: render the seed report (.docx) and convert it to PDF.

    .venv/bin/python benchmarks/bench_laporan.py [--ulang N] [--tanpa-pdf]

Prints the import time of the report modules, the median .docx render time (context +
charts + docxtpl, excluding imports and reading the workbook; goal under 0.5 s), the parts
of it, and one PDF conversion (LibreOffice, private profile, TOC update).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=5)
    ap.add_argument("--tanpa-pdf", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    import docxtpl  # noqa: F401
    import matplotlib.pyplot  # noqa: F401

    from lkj_excel.report import charts, context, render
    t_import = time.perf_counter() - t0

    from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
    from lkj_excel.files.read import check_workbook
    from lkj_excel.files.template import write_workbook

    with tempfile.TemporaryDirectory() as tmp:
        src = ROOT / "workbooks" / "contoh" / NAMA_BERKAS_INSTANSI
        if not src.exists():
            src = write_workbook(Path(tmp) / NAMA_BERKAS_INSTANSI, seed_data())
        t0 = time.perf_counter()
        p = check_workbook(src)
        t_read = time.perf_counter() - t0

        render.render_bytes(p)  # warm-up (fonts, template parse caches)
        totals, ctxs, chart_t = [], [], []
        for _ in range(args.ulang):
            t0 = time.perf_counter()
            context.build_context(p)
            ctxs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            charts.capaian_png(p.result)
            charts.anggaran_png(p.result)
            chart_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            docx = render.render_docx(p, tmp)
            totals.append(time.perf_counter() - t0)
        print(f"impor modul laporan (docxtpl, matplotlib): {t_import:.3f} s")
        print(f"baca+periksa buku kerja contoh:             {t_read:.3f} s")
        print(f"build_context (median):                     {statistics.median(ctxs):.4f} s")
        print(f"dua grafik (median):                        {statistics.median(chart_t):.3f} s")
        print(f"render .docx lengkap (median dari {args.ulang}):      "
              f"{statistics.median(totals):.3f} s  (target < 0,5 s)")
        print(f"ukuran .docx:                               {docx.stat().st_size / 1024:.0f} KiB")
        if not args.tanpa_pdf:
            from lkj_excel.report.pdf import docx_to_pdf, soffice

            if soffice() is None:
                print("PDF: LibreOffice tidak ada, dilewati")
            else:
                t0 = time.perf_counter()
                pdf = docx_to_pdf(docx, Path(tmp) / "laporan.pdf")
                print(f"PDF (LibreOffice, termasuk daftar isi):     "
                      f"{time.perf_counter() - t0:.2f} s, {pdf.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
