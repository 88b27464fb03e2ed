"""Benchmark: render the report (.docx) with its pictures, and lay it out (PDF).

    .venv/bin/python benchmarks/bench_laporan.py [--ulang N] [--tanpa-pdf] [--foto-ponsel]

The workbook is the seed example extended with every added part (tests/kit/extended.py: an
organisation chart, two photos, a logo, the reviu rows, a text target). ``--foto-ponsel``
puts two 8 MB phone photos (4000 x 3000) in place of the photos.

Prints the import time of the report modules, then, in one run and alternated, the median
of the floor (docxtpl alone: the same template and context, charts and pictures ready, no
finishing) and of the full render (context + charts + pictures + docxtpl + table of contents
and properties; imports and reading the workbook excluded; goal under 0.6 s), their ratio,
the parts, the .docx size, and one LibreOffice layout (TOC page numbers + tagged PDF).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test kit (tests/kit) builds the workbook


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=7)
    ap.add_argument("--tanpa-pdf", action="store_true")
    ap.add_argument("--foto-ponsel", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    import docxtpl
    import matplotlib.pyplot  # noqa: F401
    import PIL.Image  # noqa: F401

    from lkj_excel.report import charts, context, pictures, render
    t_import = time.perf_counter() - t0

    from lkj_excel.files.read import check_workbook
    from lkj_excel.files.template import write_workbook
    from tests.kit.extended import extended_data
    from tests.kit.pictures import phone_photo, picture

    data = extended_data()
    if args.foto_ponsel:
        for row in data["sheets"]["Gambar"][2:]:
            row["gambar"] = picture(phone_photo())
    with tempfile.TemporaryDirectory() as tmp:
        src = write_workbook(Path(tmp) / "contoh.xlsx", data)
        t0 = time.perf_counter()
        p = check_workbook(src)
        t_read = time.perf_counter() - t0

        def floor() -> None:
            """docxtpl alone on the same template and context (charts, pictures ready)."""
            tpl = docxtpl.DocxTemplate(str(render.DEFAULT_TEMPLATE))
            ctx = dict(ready_ctx)
            ctx["gambar_capaian"] = docxtpl.InlineImage(tpl, io.BytesIO(cap_png))
            ctx["gambar_anggaran"] = docxtpl.InlineImage(tpl, io.BytesIO(ang_png))
            g = dict(ctx["gambar"])
            g["struktur"] = [dict(x, img=docxtpl.InlineImage(tpl, io.BytesIO(x["picture"].data)))
                             for x in g["struktur"]]
            g["lampiran"] = [dict(x, img=docxtpl.InlineImage(tpl, io.BytesIO(b)))
                             for x, b in zip(g["lampiran"], small, strict=True)]
            g["kop"] = dict(g["kop"], img=docxtpl.InlineImage(
                tpl, io.BytesIO(g["kop"]["picture"].data)))
            ctx["gambar"] = g
            tpl.render(ctx, jinja_env=render.jinja_env(), autoescape=True)
            tpl.save(io.BytesIO())

        ready_ctx = context.build_context(p)
        cap_png, ang_png = charts.capaian_png(p.result), charts.anggaran_png(p.result)
        small = [pictures.prepare(x["picture"], pictures.MAX_SIDE_FOTO).data
                 for x in ready_ctx["gambar"]["lampiran"]]
        render.render_report(p)  # warm-up (fonts, template parse caches)
        floor()
        floors, totals, ctxs, chart_t, pic_t = [], [], [], [], []
        for _ in range(args.ulang):
            t0 = time.perf_counter()
            floor()
            floors.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            rendered = render.render_report(p)
            totals.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            context.build_context(p)
            ctxs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            charts.capaian_png(p.result)
            charts.anggaran_png(p.result)
            chart_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for g in p.result.gambar:
                pictures.prepare(g.picture, pictures.MAX_SIDE_FOTO
                                 if g.bagian == "Lampiran" else pictures.MAX_SIDE)
            pic_t.append(time.perf_counter() - t0)
        f, t = statistics.median(floors), statistics.median(totals)
        print(f"impor modul laporan (docxtpl, matplotlib, Pillow): {t_import:.3f} s")
        print(f"baca+periksa buku kerja contoh (diperluas):        {t_read:.3f} s")
        print(f"lantai: docxtpl saja, konteks dan gambar siap:     {f:.3f} s")
        print(f"render .docx lengkap (median dari {args.ulang}):            {t:.3f} s  "
              f"({t / f:.2f}x lantai; target < 0,6 s)")
        print(f"  build_context:                                   "
              f"{statistics.median(ctxs):.4f} s")
        print(f"  dua grafik:                                      "
              f"{statistics.median(chart_t):.3f} s")
        print(f"  gambar (diperkecil bila perlu):                  "
              f"{statistics.median(pic_t):.3f} s")
        total_in = sum(len(g.picture.data) for g in p.result.gambar)
        print(f"ukuran .docx:                                      "
              f"{len(rendered.data) / 1024:.0f} KiB (gambar masuk {total_in / 1024:.0f} KiB)")
        docx = render.render_docx(p, tmp, rendered=rendered)
        if not args.tanpa_pdf:
            from lkj_excel.report.pdf import finish_with_libreoffice, soffice

            if soffice() is None:
                print("PDF: LibreOffice tidak ada, dilewati")
            else:
                t0 = time.perf_counter()
                done = finish_with_libreoffice(docx, rendered.toc, Path(tmp) / "laporan.pdf")
                assert done.pdf is not None
                print(f"tata letak LibreOffice (nomor halaman daftar isi + PDF bertanda): "
                      f"{time.perf_counter() - t0:.2f} s, {done.pdf.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
