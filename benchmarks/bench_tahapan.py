"""Benchmark: where the batch's time goes, stage by stage, for one agency and for a batch.

    .venv/bin/python benchmarks/bench_tahapan.py [--instansi 8] [--tanpa-pdf]

Stages (each timed exclusive of the stages inside it, by wrapping the functions the batch
calls; a function another engineer renamed is reported as not measured):
  impor               importing the batch and what it loads lazily (fresh process)
  pemindaian keamanan files.safety.check_file (zip, XML, extent checks before any parser)
  baca calamine       files.read.read_workbook less the scan and the grid reading
  grid -> model       core.read.read_grids + the scan's findings (files.read.scan_temuan)
  gabung              batch.merge.merge_files less the reading (units, duplicates, revisions)
  hitung + validasi   batch.check.check_merged
  xlsx gabungan       batch.check.write_merged (openpyxl, with Ringkasan and Validasi)
  Validasi xlsx/html  batch.render.write_validasi_xlsx / write_validasi_html
  konteks laporan     report.context.build_context
  grafik              report.charts.capaian_chart + anggaran_chart (native Word charts:
                      python-pptx's chart XML, XlsxWriter's workbook; relating the parts
                      happens inside docxtpl's render, counted there)
  docx (docxtpl)      report.render.render_report + render_docx less context and charts
  PDF                 report.pdf.finish_with_libreoffice / docx_to_pdf (LibreOffice kept
                      running, over UNO)
  lain-lain           the rest of batch.run.process_instansi

"satu instansi": one agency in a fresh process, the first run (cold: lazy imports, font
cache, LibreOffice's start) and the median of the next three. "batch": N agencies in one
process, and the same N over a bare process pool of 2 workers (``ProcessPoolExecutor.map``,
not ``lkj batch``'s scheduler with its journal and retries: bench_skala.py measures that);
stage sums inside the workers are wall seconds, "menunggu/overhead" = workers x wall time -
the stages.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data" / "tahapan"

STAGES = [
    ("lkj_excel.files.safety", "check_file", "pemindaian keamanan"),
    ("lkj_excel.files.read", "read_grids", "grid -> model"),
    ("lkj_excel.files.read", "scan_temuan", "grid -> model"),
    ("lkj_excel.files.read", "read_workbook", "baca calamine"),
    ("lkj_excel.batch.merge", "merge_files", "gabung"),
    ("lkj_excel.batch.check", "check_merged", "hitung + validasi"),
    ("lkj_excel.batch.check", "write_merged", "xlsx gabungan"),
    ("lkj_excel.batch.render", "write_validasi_xlsx", "Validasi xlsx/html"),
    ("lkj_excel.batch.render", "write_validasi_html", "Validasi xlsx/html"),
    ("lkj_excel.report.context", "build_context", "konteks laporan"),
    ("lkj_excel.report.charts", "capaian_chart", "grafik"),
    ("lkj_excel.report.charts", "anggaran_chart", "grafik"),
    # the batch renders with render_report, then writes with render_docx(rendered=...)
    ("lkj_excel.report.render", "render_report", "docx (docxtpl)"),
    ("lkj_excel.report.render", "render_docx", "docx (docxtpl)"),
    # and lays the report out with finish_with_libreoffice (docx_to_pdf: `lkj laporan`)
    ("lkj_excel.report.pdf", "finish_with_libreoffice", "PDF"),
    ("lkj_excel.report.pdf", "docx_to_pdf", "PDF"),
    ("lkj_excel.batch.run", "process_instansi", "lain-lain"),
]
ORDER = ["impor", "pemindaian keamanan", "baca calamine", "grid -> model", "gabung",
         "hitung + validasi", "xlsx gabungan", "Validasi xlsx/html", "konteks laporan",
         "grafik", "docx (docxtpl)", "PDF", "lain-lain"]
IMPORTS = ["lkj_excel.batch.run", "lkj_excel.batch.merge", "python_calamine", "defusedxml",
           "openpyxl", "jinja2", "docx", "docxtpl", "pptx.chart.chart", "pptx.chart.data",
           "xlsxwriter"]

_T: dict[str, float] = defaultdict(float)
_STACK: list[float] = []
_MISSING: list[str] = []


def _wrap(stage: str, fn):  # type: ignore[no-untyped-def]
    @functools.wraps(fn)
    def timed(*a, **k):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        _STACK.append(0.0)
        try:
            return fn(*a, **k)
        finally:
            dt = time.perf_counter() - t0
            inner = _STACK.pop()
            _T[stage] += dt - inner
            if _STACK:
                _STACK[-1] += dt
    return timed


def install() -> None:
    """Wrap the stage functions in their modules (callers look them up at call time)."""
    import importlib

    if getattr(install, "done", False):
        return
    for mod, attr, stage in STAGES:
        try:
            m = importlib.import_module(mod)
            setattr(m, attr, _wrap(stage, getattr(m, attr)))
        except (ImportError, AttributeError):
            _MISSING.append(f"{mod}.{attr}")
    install.done = True  # type: ignore[attr-defined]


def taken() -> dict[str, float]:
    out = dict(_T)
    _T.clear()
    return out


def timed_task(folder: str, out: str, pdf: bool) -> dict[str, float]:
    """A pool task: the agency processed with the stage timers on (in the worker)."""
    install()
    from lkj_excel.batch.run import process_instansi

    process_instansi(folder, out, pdf)
    return taken()


def agencies(n: int) -> list[Path]:
    from lkj_excel.core.seed import seed_data
    from lkj_excel.core.units import split_by_unit, unit_filename
    from lkj_excel.files.template import write_workbook

    first = DATA / "instansi-00"
    if not (first / ".selesai").exists():
        first.mkdir(parents=True, exist_ok=True)
        for i, (unit, part) in enumerate(split_by_unit(seed_data()).items(), 1):
            write_workbook(first / unit_filename(i, unit), part)
        (first / ".selesai").write_text("ok")
    out = []
    for i in range(n):
        f = DATA / f"instansi-{i:02d}"
        if not f.exists():
            shutil.copytree(first, f)
        out.append(f)
    return out


# -- children (fresh processes) -------------------------------------------------------

def child_imports() -> dict[str, float]:
    t = {}
    for m in IMPORTS:
        t0 = time.perf_counter()
        __import__(m)
        t[m] = time.perf_counter() - t0
    return t


def child_one(folder: str, pdf: bool) -> dict:
    install()
    from lkj_excel.batch.run import process_instansi

    out = tempfile.mkdtemp(prefix="lkj-tahap-")
    try:
        t0 = time.perf_counter()
        process_instansi(folder, out, pdf)
        cold = {"total": time.perf_counter() - t0, **taken()}
        warm = []
        for _ in range(3):
            t0 = time.perf_counter()
            process_instansi(folder, out, pdf)
            warm.append({"total": time.perf_counter() - t0, **taken()})
    finally:
        shutil.rmtree(out, ignore_errors=True)
    keys = set(cold) | {k for w in warm for k in w}
    med = {k: statistics.median(w.get(k, 0.0) for w in warm) for k in keys}
    return {"dingin": cold, "hangat": med, "tidak_diukur": _MISSING}


def child_batch(folders: list[str], pdf: bool) -> dict:
    install()
    from lkj_excel.batch.run import process_instansi

    out = tempfile.mkdtemp(prefix="lkj-tahap-")
    try:
        t0 = time.perf_counter()
        for f in folders:
            process_instansi(f, out, pdf)
        return {"total": time.perf_counter() - t0, **taken()}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def child_pool(folders: list[str], pdf: bool, workers: int = 2) -> dict:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    out = tempfile.mkdtemp(prefix="lkj-tahap-")
    sums: dict[str, float] = defaultdict(float)
    try:
        t0 = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as ex:
            for st in ex.map(timed_task, folders, [out] * len(folders), [pdf] * len(folders)):
                for k, v in st.items():
                    sums[k] += v
        return {"total": time.perf_counter() - t0, "pekerja": workers, **sums}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run(kind: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--anak", kind, *args],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(argv: list[str]) -> None:
    kind = argv[0]
    sys.path.insert(0, str(HERE))  # the pool's workers import this file as a module
    if kind == "impor":
        res = child_imports()
    elif kind == "satu":
        res = child_one(argv[1], argv[2] == "1")
    elif kind == "batch":
        res = child_batch(argv[2:], argv[1] == "1")
    else:
        from bench_tahapan import child_pool as pool  # picklable task for spawn

        res = pool(argv[2:], argv[1] == "1")
    print(json.dumps(res))


def table(title: str, cols: list[tuple[str, dict[str, float], float]]) -> None:
    print(f"\n{title}")
    head = "".join(f" | {name:>18}" for name, _, _ in cols)
    print(f"{'tahap':22}{head}")
    print("-" * (22 + 21 * len(cols)))
    for stage in ORDER + ["menunggu/overhead"]:
        if not any(stage in c for _, c, _ in cols):
            continue
        cells = ""
        for _, c, total in cols:
            v = c.get(stage)
            cells += (f" | {v * 1000:>9.0f} ms {100 * v / total:>3.0f}%" if v is not None
                      else f" | {'-':>18}")
        print(f"{stage:22}{cells}")
    print(f"{'jumlah':22}" + "".join(f" | {t * 1000:>9.0f} ms     " for _, _, t in cols))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--anak":
        child(sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--instansi", type=int, default=8)
    ap.add_argument("--tanpa-pdf", action="store_true")
    args = ap.parse_args()
    pdf = "0" if args.tanpa_pdf else "1"
    folders = [str(f) for f in agencies(args.instansi)]

    imp = run("impor")
    print("impor (proses baru, berurutan; yang sudah dimuat modul sebelumnya tidak dihitung "
          "lagi):")
    for m, t in imp.items():
        print(f"  {m:28} {t * 1000:7.0f} ms")
    t_imp = sum(imp.values())
    print(f"  {'jumlah':28} {t_imp * 1000:7.0f} ms")

    one = run("satu", folders[0], pdf)
    cold, warm = one["dingin"], one["hangat"]
    cold_cols = {k: v for k, v in cold.items() if k != "total"}
    cold_cols["impor"] = t_imp
    table("Satu instansi (5 buku kerja bidang, seed): proses baru = impor + run pertama; "
          "hangat = median 3 run berikutnya",
          [("proses baru", cold_cols, cold["total"] + t_imp),
           ("hangat", {k: v for k, v in warm.items() if k != "total"}, warm["total"])])
    if one["tidak_diukur"]:
        print("tidak diukur (fungsi tidak ada lagi): " + ", ".join(one["tidak_diukur"]))

    seq = run("batch", pdf, *folders)
    pool = run("pool", pdf, *folders)
    n = len(folders)
    pool_stages = {k: v for k, v in pool.items() if k not in ("total", "pekerja")}
    pool_stages["menunggu/overhead"] = max(
        0.0, pool["pekerja"] * pool["total"] - sum(pool_stages.values()))
    table(f"Batch: {n} instansi{' dengan PDF' if pdf == '1' else ''}; satu proses, dan "
          f"pool {pool['pekerja']} pekerja (jumlah waktu tahap di semua pekerja)",
          [("satu proses", {k: v for k, v in seq.items() if k != "total"}, seq["total"]),
           (f"pool x{pool['pekerja']} (detik-pekerja)", pool_stages,
            pool["pekerja"] * pool["total"])])
    print(f"\nwaktu dinding: satu proses {seq['total']:.1f} s ({seq['total'] / n:.2f} s/instansi)"
          f", pool {pool['total']:.1f} s ({pool['total'] / n:.2f} s/instansi): "
          f"{seq['total'] / pool['total']:.2f}x. CPU: {os.cpu_count()} inti (mesin bersama: "
          "lihat bench_skala.py rasio untuk lantainya).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
