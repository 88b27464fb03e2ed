"""Benchmark: render the report (.docx) with its charts and pictures, and lay it out (PDF).

    .venv/bin/python benchmarks/bench_laporan.py [--ulang N] [--tanpa-pdf] [--foto-ponsel]

The workbook is the seed example extended with every added part (tests/kit/extended.py: an
organisation chart, two photos, a logo, the reviu rows, a text target). ``--foto-ponsel``
puts two 8 MB phone photos (4000 x 3000) in place of the photos.

Prints the import time of the report modules, then, in one run and alternated, the median
of the floor (docxtpl alone: the same template and context, charts and pictures ready, no
finishing) and of the full render (context + charts + pictures + docxtpl + table of contents
and properties; imports and reading the workbook excluded; goal under 0.6 s), their ratio,
the parts, the .docx size, and one LibreOffice layout (TOC page numbers + tagged PDF). The
full render keeps the template's cleaned XML and compiled Jinja template per process
(``render._KEPT``), which plain docxtpl redoes on every render: it can be under the "floor";
the render that cleans and compiles again (a process's first) is printed beside it.

The charts, old and new in the same run (issue 15): the native Word charts
(``lkj_excel.report.charts``: python-pptx's chart XML and XlsxWriter's workbook) against the
matplotlib PNGs they replaced (``benchmarks/_grafik_matplotlib.py``, needs
``pip install -e ".[bench]"``; skipped without matplotlib): the imports each needs (fresh
processes, alternated, best of 3, against ``python -c pass``), both charts of one agency
(alternated, medians, their ratio), and the .docx with its charts per agency on one core
(goal under 0.3 s) beside the same render without charts plus the matplotlib charts (what
the .docx cost before). The machine may be shared: read the ratios, not the seconds.
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
    ap.add_argument("--contoh", action="store_true",
                    help="buku kerja contoh (seed) saja, seperti instansi dalam batch")
    args = ap.parse_args()

    imports = _import_costs()
    t0 = time.perf_counter()
    import docxtpl
    import PIL.Image  # noqa: F401

    from lkj_excel.report import charts, context, pictures, render
    t_import = time.perf_counter() - t0
    old = _old_charts()

    from lkj_excel.core.seed import seed_data
    from lkj_excel.files.read import check_workbook
    from lkj_excel.files.template import write_workbook
    from tests.kit.extended import extended_data
    from tests.kit.pictures import phone_photo, picture

    data = seed_data() if args.contoh else extended_data()
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
            chart = render._chart_class()
            ctx["gambar_capaian"] = chart(tpl, cap_chart, "Gambar Capaian", "")
            ctx["gambar_anggaran"] = chart(tpl, ang_chart, "Gambar Anggaran", "")
            g = dict(ctx["gambar"])
            g["struktur"] = [dict(x, img=docxtpl.InlineImage(tpl, io.BytesIO(x["picture"].data)))
                             for x in g["struktur"]]
            g["lampiran"] = [dict(x, img=docxtpl.InlineImage(tpl, io.BytesIO(b)))
                             for x, b in zip(g["lampiran"], small, strict=True)]
            if g.get("kop"):
                g["kop"] = dict(g["kop"], img=docxtpl.InlineImage(
                    tpl, io.BytesIO(g["kop"]["picture"].data)))
            ctx["gambar"] = g
            tpl.render(ctx, jinja_env=render.jinja_env(), autoescape=True)
            tpl.save(io.BytesIO())

        ready_ctx = context.build_context(p)
        cap_chart, ang_chart = charts.capaian_chart(p.result), charts.anggaran_chart(p.result)
        small = [pictures.prepare(x["picture"], pictures.MAX_SIDE_FOTO).data
                 for x in ready_ctx["gambar"]["lampiran"]]
        render.render_report(p)  # warm-up (fonts, template parse caches)
        floor()
        if old is not None:
            old.capaian_png(p.result), old.anggaran_png(p.result)  # warm-up (fonts)
        floors, totals, ctxs, chart_t, pic_t = [], [], [], [], []
        old_t, bare_t, fresh_t = [], [], []
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
            charts.capaian_chart(p.result)
            charts.anggaran_chart(p.result)
            chart_t.append(time.perf_counter() - t0)
            if old is not None:
                t0 = time.perf_counter()
                old.capaian_png(p.result)
                old.anggaran_png(p.result)
                old_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            _without_charts(render, charts, p)
            bare_t.append(time.perf_counter() - t0)
            render._KEPT.clear()  # the template cleaned and compiled again, as once per process
            t0 = time.perf_counter()
            render.render_report(p)
            fresh_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for g in p.result.gambar:
                pictures.prepare(g.picture, pictures.MAX_SIDE_FOTO
                                 if g.bagian == "Lampiran" else pictures.MAX_SIDE)
            pic_t.append(time.perf_counter() - t0)
        f, t = statistics.median(floors), statistics.median(totals)
        print(f"impor modul laporan (docxtpl, python-pptx, Pillow): {t_import:.3f} s")
        which = "contoh" if args.contoh else "contoh (diperluas)"
        print(f"baca+periksa buku kerja {which}: {t_read:.3f} s")
        print(f"lantai: docxtpl saja, konteks dan gambar siap:     {f:.3f} s")
        print(f"render .docx lengkap (median dari {args.ulang}):            {t:.3f} s  "
              f"({t / f:.2f}x lantai; target < 0,6 s)")
        fresh = statistics.median(fresh_t)
        print(f"  sama, templat dibersihkan+dikompilasi lagi:      {fresh:.3f} s  "
              f"(render pertama tiap proses; {fresh / t:.2f}x render yang memakai simpanan)")
        print(f"  build_context:                                   "
              f"{statistics.median(ctxs):.4f} s")
        print(f"  dua grafik:                                      "
              f"{statistics.median(chart_t):.4f} s")
        print(f"  gambar (diperkecil bila perlu):                  "
              f"{statistics.median(pic_t):.3f} s")
        _print_charts(imports, chart_t, old_t, bare_t, totals)
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


def _old_charts():  # type: ignore[no-untyped-def]
    """The matplotlib charts of before (benchmarks/_grafik_matplotlib.py), or None."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return None
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _grafik_matplotlib

    return _grafik_matplotlib


def _without_charts(render, charts, p) -> None:  # type: ignore[no-untyped-def]
    """The same render with no chart at all (what is left of the .docx without them)."""
    keep = charts.capaian_chart, charts.anggaran_chart
    charts.capaian_chart = charts.anggaran_chart = lambda _h, *_series: None
    try:
        render.render_report(p)
    finally:
        charts.capaian_chart, charts.anggaran_chart = keep


#: what each way of drawing the charts imports (in a fresh process)
IMPORTS = {
    "python -c pass (lantai)": "pass",
    "grafik Word asli (python-pptx, XlsxWriter)":
        "import lkj_excel.report.charts, pptx.chart.chart, pptx.chart.data, xlsxwriter",
    "grafik lama (matplotlib.pyplot)": "import matplotlib; matplotlib.use('Agg'); "
                                       "import matplotlib.pyplot",
}


def _import_costs(rounds: int = 3) -> dict[str, float | None]:
    """Best wall time of each import in a fresh process, alternated (None: not installed)."""
    import subprocess

    best: dict[str, float | None] = dict.fromkeys(IMPORTS, float("inf"))
    for _ in range(rounds):
        for name, code in IMPORTS.items():
            if best[name] is None:
                continue
            t0 = time.perf_counter()
            ok = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                check=False).returncode == 0
            dt = time.perf_counter() - t0
            best[name] = min(best[name] or dt, dt) if ok else None
    return best


def _print_charts(imports, chart_t, old_t, bare_t, totals) -> None:  # type: ignore[no-untyped-def]
    m = statistics.median
    print("grafik (isu 15), satu proses, bergantian dalam satu run:")
    floor = imports["python -c pass (lantai)"]
    for name, t in imports.items():
        extra = "" if t is None or floor is None or t is floor else \
            f"  (+{t - floor:.3f} s di atas lantai)"
        print(f"  impor {name}: " + ("tidak terpasang" if t is None else f"{t:.3f} s{extra}"))
    new = m(chart_t)
    print(f"  dua grafik Word asli (capaian + anggaran):        {new * 1000:.1f} ms")
    if old_t:
        print(f"  dua grafik matplotlib (PNG, cara lama):           {m(old_t) * 1000:.1f} ms  "
              f"({m(old_t) / new:.0f}x grafik Word asli)")
    else:
        print("  dua grafik matplotlib: matplotlib tidak terpasang (pip install -e \".[bench]\")")
    print(f"  .docx dengan grafik per instansi (satu inti):    {m(totals):.3f} s  "
          f"(target < 0,3 s)")
    print(f"  .docx tanpa grafik:                              {m(bare_t):.3f} s  "
          f"(grafik menambah {(m(totals) - m(bare_t)) * 1000:.0f} ms)")
    if old_t:
        before = m(bare_t) + m(old_t)
        print(f"  .docx tanpa grafik + grafik matplotlib (dulu):   {before:.3f} s  "
              f"({before / m(totals):.2f}x sekarang)")


if __name__ == "__main__":
    raise SystemExit(main())
