"""Benchmark: `lkj rekap` over 200 unit workbooks (40 agencies of 5) against the batch.

Compared in one run, alternated, each in a fresh process:
- raw: python-calamine's raw read of every file (the floor);
- batch: what `lkj batch` does per agency before writing its outputs (gabung + periksa:
  merge_files + check_merged), one agency after another;
- rekap: `lkj rekap` in one process (find, read, merge, check, build the tables) and the
  .xlsx written; rekap+html adds the HTML picture;
- pool: rekap with the default process pool (one reader per core).

Run: .venv/bin/python benchmarks/bench_rekap.py [--n 200] [--ulang 3]

Input: the agencies of benchmarks/bench_batch.py (the seed split by unit, one instansi per
folder), generated once into benchmarks/.data/batch/ (gitignored).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import _anak  # (benchmarks/, beside this one)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_batch import DATA, agencies, files, generate  # noqa: E402


def work_raw(n: int) -> dict:
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    for f in files(n):
        wb = CalamineWorkbook.from_path(str(f))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
    return {"detik": time.perf_counter() - t0}


def work_batch(n: int) -> dict:
    from lkj_excel.batch.check import check_merged
    from lkj_excel.batch.merge import merge_files

    t0 = time.perf_counter()
    n_ind = 0
    for a in agencies(n):
        n_ind += len(check_merged(merge_files([a])).result.indikator)
    return {"detik": time.perf_counter() - t0, "indikator": n_ind}


def _rekap(n: int, pekerja: int | None, html: bool) -> dict:
    from lkj_excel.analysis.collect import rekap_tables
    from lkj_excel.analysis.write import write_tables

    t0 = time.perf_counter()
    r = rekap_tables([str(a) for a in agencies(n)], pekerja=pekerja)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_tables(r.tables, Path(tmp) / "rekap.xlsx")
        t2 = time.perf_counter()
        if html:
            from lkj_excel.analysis.picture import write_html

            write_html(r.tables, Path(tmp) / "rekap.html")
    t3 = time.perf_counter()
    return {"detik": t3 - t0, "tabel": t1 - t0, "xlsx": t2 - t1, "html": t3 - t2,
            "indikator": len(r.tables["indikator"]), "berkas": r.n_berkas}


WORK = {
    "raw": work_raw,
    "batch": work_batch,
    "rekap": lambda n: _rekap(n, 1, False),
    "rekap+html": lambda n: _rekap(n, 1, True),
    "pool": lambda n: _rekap(n, None, False),
}


def child(kind: str, n: int) -> None:
    _anak.report(WORK[kind](n))


def run(kind: str, n: int) -> dict:
    return _anak.run(__file__, kind, str(n))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--anak", nargs=2, metavar=("JENIS", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=200, help="jumlah buku kerja bidang")
    ap.add_argument("--ulang", type=int, default=3, help="putaran (diambil yang tercepat)")
    args = ap.parse_args()
    if args.anak:
        child(args.anak[0], int(args.anak[1]))
        return 0
    generate()
    best: dict[str, dict] = {}
    for _ in range(args.ulang):
        for kind in WORK:  # alternated: every kind once per round
            r = run(kind, args.n)
            if kind not in best or r["detik"] < best[kind]["detik"]:
                best[kind] = r
    raw, batch = best["raw"]["detik"], best["batch"]["detik"]
    print(f"{args.n} buku kerja bidang ({args.n // 5} instansi) di {DATA}; "
          f"tercepat dari {args.ulang} putaran, tiap jenis di proses baru")
    print(f"{'jenis':<11} | {'detik':>6} | {'/ mentah':>8} | {'/ batch':>7} | {'RSS':>6} | rincian")
    print("-" * 90)
    for kind, r in best.items():
        extra = ""
        if "tabel" in r:
            extra = (f"tabel {r['tabel']:.2f} s, xlsx {r['xlsx']:.2f} s"
                     + (f", html {r['html']:.2f} s" if kind == "rekap+html" else "")
                     + f"; {r['indikator']} baris indikator")
        print(f"{kind:<11} | {r['detik']:>6.2f} | {r['detik'] / raw:>8.2f} | "
              f"{r['detik'] / batch:>7.2f} | {r['rss_mb']:>4.0f} MB | {extra}")
    print(f"CPU: {os.cpu_count()} inti; 'pool' = rekap dengan {os.cpu_count()} proses pembaca.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
