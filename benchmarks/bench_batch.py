"""Benchmark: `gabung` + `periksa` of many unit workbooks.

Compared with python-calamine's raw read of the same files in one process and with a
naive openpyxl loop (load every workbook, read every cell). Peak RSS is measured in a fresh
process for 50, 200 and 800 files (memory should stay flat: one agency at a time).

Run: .venv/bin/python benchmarks/bench_batch.py [--naive-n 200]

Input: agencies of 5 unit workbooks each (the seed split by unit, one instansi per
folder), generated once into benchmarks/.data/batch/ (gitignored).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import _anak  # (benchmarks/, beside this one)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data" / "batch"
UNITS_PER_AGENCY = 5
MAX_FILES = 800


def _write_agency(i: int) -> None:
    from lkj_excel.core.seed import seed_data
    from lkj_excel.core.units import split_by_unit, unit_filename
    from lkj_excel.files.template import write_workbook

    folder = DATA / f"instansi-{i:03d}"
    done = folder / ".selesai"
    if done.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    data = seed_data()
    data["profil"]["instansi"] = f"Badan Uji Nomor {i:03d}"
    for n, (unit, part) in enumerate(split_by_unit(data).items(), 1):
        write_workbook(folder / unit_filename(n, unit), part)
    done.write_text("ok")


def generate() -> None:
    n_agencies = MAX_FILES // UNITS_PER_AGENCY
    todo = [i for i in range(n_agencies) if not (DATA / f"instansi-{i:03d}" / ".selesai").exists()]
    if not todo:
        return
    print(f"Membuat {len(todo) * UNITS_PER_AGENCY} buku kerja bidang di {DATA} (sekali saja)...",
          flush=True)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor() as ex:
        list(ex.map(_write_agency, todo))


def agencies(n_files: int) -> list[Path]:
    return [DATA / f"instansi-{i:03d}" for i in range(n_files // UNITS_PER_AGENCY)]


def files(n_files: int) -> list[Path]:
    return [f for a in agencies(n_files) for f in sorted(a.glob("*.xlsx"))]


# -- the measured work (each in its own process: fair peak RSS) ---------------------

def work_ours(n: int) -> dict:
    from lkj_excel.batch.check import check_merged
    from lkj_excel.batch.merge import merge_files

    t0 = time.perf_counter()
    n_ind = n_err = 0
    for a in agencies(n):
        g = merge_files([a])
        p = check_merged(g)
        n_ind += len(p.result.indikator)
        n_err += sum(1 for f in p.temuan if f.tingkat == "kesalahan")
    return {"detik": time.perf_counter() - t0, "indikator": n_ind, "kesalahan": n_err}


def _ours_one(a: str) -> int:
    from lkj_excel.batch.check import check_merged
    from lkj_excel.batch.merge import merge_files

    return len(check_merged(merge_files([a])).result.indikator)


def work_ours_pool(n: int) -> dict:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as ex:
        n_ind = sum(ex.map(_ours_one, [str(a) for a in agencies(n)]))
    return {"detik": time.perf_counter() - t0, "indikator": n_ind,
            "pekerja": os.cpu_count()}


def work_raw(n: int) -> dict:
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    cells = 0
    for f in files(n):
        wb = CalamineWorkbook.from_path(str(f))
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python():
                cells += len(row)
    return {"detik": time.perf_counter() - t0, "sel": cells}


def work_safety(n: int) -> dict:
    """lkj_excel.files.safety.check_file alone: the pre-parse checks every read pays."""
    from lkj_excel.files.safety import check_file

    t0 = time.perf_counter()
    for f in files(n):
        check_file(f)
    return {"detik": time.perf_counter() - t0}


def work_naive(n: int) -> dict:
    import openpyxl

    t0 = time.perf_counter()
    cells = 0
    for f in files(n):
        wb = openpyxl.load_workbook(f)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += len(row)
    return {"detik": time.perf_counter() - t0, "sel": cells}


WORK = {"safety": work_safety, "ours": work_ours, "pool": work_ours_pool, "raw": work_raw, "naive": work_naive}


def child(kind: str, n: int) -> None:
    _anak.report(WORK[kind](n))


def run(kind: str, n: int) -> dict:
    return _anak.run(__file__, kind, str(n))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--anak", nargs=2, metavar=("JENIS", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--naive-n", type=int, default=200,
                    help="jumlah berkas untuk loop openpyxl naif (lambat)")
    args = ap.parse_args()
    if args.anak:
        child(args.anak[0], int(args.anak[1]))
        return 0
    generate()
    rows = []
    base: dict[int, dict] = {}
    for n in (50, 200, 800):
        raw = run("raw", n)
        ours = run("ours", n)
        pool = run("pool", n)
        ours["safety"] = run("safety", n)["detik"]
        base[n] = raw
        rows.append((n, raw, ours, pool))
    naive = run("naive", args.naive_n)
    print()
    print(f"{'berkas':>6} | {'calamine mentah':>15} | {'gabung+periksa':>14} | {'rasio':>5} | "
          f"{'safety':>8} | {'pool':>7} | {'RSS mentah':>10} | "
          f"{'RSS kita':>8} | {'RSS pool':>8}")
    print("-" * 110)
    for n, raw, ours, pool in rows:
        print(f"{n:>6} | {raw['detik']:>13.2f} s | {ours['detik']:>12.2f} s | "
              f"{ours['detik'] / raw['detik']:>5.2f} | {ours['safety']:>6.2f} s | "
              f"{pool['detik']:>5.2f} s | "
              f"{raw['rss_mb']:>7.0f} MB | {ours['rss_mb']:>5.0f} MB | {pool['rss_mb']:>5.0f} MB")
    nn = args.naive_n
    ours_nn = next((o for n, _, o, _ in rows if n == nn), None) or run("ours", nn)
    print()
    print(f"openpyxl naif, {nn} berkas: {naive['detik']:.2f} s "
          f"(gabung+periksa {ours_nn['detik']:.2f} s: {naive['detik'] / ours_nn['detik']:.1f}x "
          f"lebih cepat); RSS naif {naive['rss_mb']:.0f} MB")
    r200 = next(o['detik'] / r['detik'] for n, r, o, _ in rows if n == 200)
    print(f"Sasaran: <= 3x baca mentah (200 berkas: {r200:.2f}x), >= 10x lebih cepat dari naif "
          f"({naive['detik'] / ours_nn['detik']:.1f}x), memori datar "
          f"({rows[0][2]['rss_mb']:.0f} / {rows[1][2]['rss_mb']:.0f} / "
          f"{rows[2][2]['rss_mb']:.0f} MB).")
    print("'safety' = lkj_excel.files.safety.check_file saja (pemeriksaan zip/XML sebelum dibaca, "
          "bagian dari gabung+periksa).")
    print(f"CPU: {os.cpu_count()} inti; 'pool' = gabung+periksa per instansi di "
          f"ProcessPoolExecutor dengan {os.cpu_count()} pekerja (RSS: proses induk saja).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
