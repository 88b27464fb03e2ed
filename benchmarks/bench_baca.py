"""Benchmark: the read path (``gabung`` + ``periksa``) against python-calamine's raw read.

    .venv/bin/python benchmarks/bench_baca.py [--berkas 200,1000] [--ulang 3]

In one process and one run, interleaved agency by agency (the order turned for each agency
and repetition, so the neighbours' load on a shared machine falls on all alike): (a) the
floor, python-calamine opening each unit workbook and reading the sheets the reader reads
(``needed_sheets``, ``to_python(skip_empty_area=False)``: the same call as ours); (b) our
read path per agency, ``merge_files`` + ``check_merged`` (safety scan, read, merge,
compute, validate), as it runs now (the scan's fast path, python-calamine handed the parts
already inflated); (c) the same with the old read (``read_workbook(fast=False)``: the
``zipfile`` scan, then calamine inflating the file again), for comparison. After each
repetition, (d) the read's pieces timed apart: the scan, the stored copy, python-calamine
on it (what is left of (b) is the model, merge, compute and validation), and the floor of
any Python read path: inflating the vetted parts once, python-calamine on the stored copy,
the two checks that must see every cell, and the model built from the grids. Ratios are of the
same repetition; the table shows the best repetition of each and the median ratio.

The unit workbooks (agencies of 5: the seed split by unit, 10 written, the rest hard links
to them) are generated at run time in a temporary folder. Goal: (b) <= 1.5x (a).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

UNITS = 5
DISTINCT = 10


def generate(folder: Path, n_files: int) -> list[Path]:
    from lkj_excel.core.seed import seed_data
    from lkj_excel.core.units import split_by_unit, unit_filename
    from lkj_excel.files.template import write_workbook

    out = []
    for i in range(n_files // UNITS):
        dst = folder / f"instansi-{i:04d}"
        out.append(dst)
        if dst.exists():
            continue
        dst.mkdir(parents=True)
        if i < DISTINCT:
            data = seed_data()
            data["profil"]["instansi"] = f"Badan Uji Nomor {i:04d}"
            for n, (unit, part) in enumerate(split_by_unit(data).items(), 1):
                write_workbook(dst / unit_filename(n, unit), part)
        else:
            for f in (folder / f"instansi-{i % DISTINCT:04d}").glob("*.xlsx"):
                try:
                    os.link(f, dst / f.name)
                except OSError:
                    shutil.copyfile(f, dst / f.name)
    return out


def raw(agencies: list[Path]) -> float:
    from python_calamine import CalamineWorkbook

    from lkj_excel.core.read import needed_sheets

    t0 = time.perf_counter()
    for a in agencies:
        for f in sorted(a.glob("*.xlsx")):
            wb = CalamineWorkbook.from_path(str(f))
            for name in needed_sheets(wb.sheet_names):
                wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            wb.close()
    return time.perf_counter() - t0


def ours(agencies: list[Path], fast: bool = True) -> float:
    from lkj_excel.batch.check import check_merged
    from lkj_excel.batch.merge import merge_files
    from lkj_excel.files import read

    keep = read.read_workbook
    if not fast:
        read.read_workbook = functools.partial(keep, fast=False)  # type: ignore[assignment]
    try:
        t0 = time.perf_counter()
        for a in agencies:
            check_merged(merge_files([a]))
        return time.perf_counter() - t0
    finally:
        read.read_workbook = keep  # type: ignore[assignment]


def pieces(agencies: list[Path]) -> tuple[float, float, float, float, float, float]:
    """Where the read itself goes: the safety scan (fast path, parts inflated once), the
    stored copy, python-calamine on it (the same sheets and call as ``raw``); and three
    pieces no Python read path can drop, timed again on the same bytes: inflating the
    vetted parts once, the two checks that must see every cell of a sheet (cell references
    for the extent, formulas without a cached value), and the model built from the grids
    (``core.read.read_grids``: every value converted, before any merge or check)."""
    import io

    from python_calamine import CalamineWorkbook

    from lkj_excel.core.read import needed_sheets, read_grids
    from lkj_excel.files import zipparts
    from lkj_excel.files.safety import _UNUSUAL_CELL, _no_value_pattern, check_file

    no_value = _no_value_pattern()
    scan = copy = cal = inflate = cells = model = 0.0
    for a in agencies:
        for f in sorted(a.glob("*.xlsx")):
            t0 = time.perf_counter()
            insp = check_file(f, keep=True)
            archive = insp.archive
            t1 = time.perf_counter()
            data = archive.stored_copy() if archive is not None else None
            t2 = time.perf_counter()
            wb = (CalamineWorkbook.from_filelike(io.BytesIO(data)) if data is not None
                  else CalamineWorkbook.from_path(str(f)))
            names = list(wb.sheet_names)
            grids = {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
                     for name in needed_sheets(names)}
            wb.close()
            t3 = time.perf_counter()
            scan, copy, cal = scan + t1 - t0, copy + t2 - t1, cal + t3 - t2
            facts = {name: sc.facts for name, sc in insp.sheets.items()}
            t3 = time.perf_counter()
            read_grids(grids, names, f.name, facts)
            model += time.perf_counter() - t3
            if archive is None:
                continue
            t4 = time.perf_counter()
            again = zipparts.Archive(archive.data, archive.max_part)
            by_name = {e.filename: e for e in again.entries}
            for name in archive.inflated:
                again.part(by_name[name])
            t5 = time.perf_counter()
            for name, body in archive.inflated.items():
                if "worksheets/" in name.lower():
                    _UNUSUAL_CELL.search(body)
                    for _m in no_value.finditer(body):
                        pass
            t6 = time.perf_counter()
            inflate, cells = inflate + t5 - t4, cells + t6 - t5
    return scan, copy, cal, inflate, cells, model


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--berkas", default="200,1000", help="jumlah buku kerja bidang")
    ap.add_argument("--ulang", type=int, default=3, help="pengulangan (bergantian)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.berkas.split(",") if x]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-baca-") as tmp:
        print(f"Membuat {max(sizes)} buku kerja bidang...", flush=True)
        all_agencies = generate(Path(tmp), max(sizes))
        ours(all_agencies[:2])  # warm up: imports, caches, the disk cache
        raw(all_agencies[:2])
        for n in sizes:
            agencies = all_agencies[:n // UNITS]
            reps = []
            for rep in range(args.ulang):
                # interleaved agency by agency, the order turned each time: the neighbours'
                # load on a shared machine falls on all three alike
                r = o = old = 0.0
                for i, a in enumerate(agencies):
                    runs = [lambda a=a: raw([a]), lambda a=a: ours([a]),
                            lambda a=a: ours([a], fast=False)]
                    k = (i + rep) % 3
                    got = [0.0, 0.0, 0.0]
                    for j in (k, (k + 1) % 3, (k + 2) % 3):
                        got[j] = runs[j]()
                    r, o, old = r + got[0], o + got[1], old + got[2]
                scan, copy, cal, inflate, cells, model = pieces(agencies)
                reps.append((r, o, old, scan, copy, cal, inflate, cells, model))
                print(f"{n} berkas, ulang {rep + 1}: calamine mentah {r:.2f} s, gabung+periksa "
                      f"{o:.2f} s ({o / r:.2f}x), jalur lama {old:.2f} s ({old / r:.2f}x); "
                      f"di dalamnya: pemindaian {scan:.2f} s, salinan tersimpan {copy:.2f} s, "
                      f"calamine atas salinan {cal:.2f} s", flush=True)
            rows.append((n, reps))
    print()
    print(f"{'berkas':>6} | {'calamine mentah':>15} | {'gabung+periksa':>14} | {'rasio':>5} | "
          f"{'jalur lama':>10} | {'rasio lama':>10}   (terbaik; rasio = median per ulang)")
    for n, reps in rows:
        r = min(x[0] for x in reps)
        o = min(x[1] for x in reps)
        old = min(x[2] for x in reps)
        ratio = statistics.median(x[1] / x[0] for x in reps)
        ratio_old = statistics.median(x[2] / x[0] for x in reps)
        print(f"{n:>6} | {r:>13.2f} s | {o:>12.2f} s | {ratio:>5.2f} | {old:>8.2f} s | "
              f"{ratio_old:>10.2f}")
    print("\nDi dalam gabung+periksa (median per ulang, dibanding calamine mentah): "
          "pemindaian keamanan / salinan tersimpan / calamine atas salinan / sisanya "
          "(diukur terpisah, sesudah tiap ulang)")
    for n, reps in rows:
        share = [statistics.median(x[i] / x[0] for x in reps) for i in (3, 4, 5)]
        rest = statistics.median((x[1] - x[3] - x[4] - x[5]) / x[0] for x in reps)
        print(f"{n:>6} berkas: {share[0]:.2f}x / {share[1]:.2f}x / {share[2]:.2f}x / "
              f"{rest:.2f}x")
    print("\nLantai jalur Python mana pun (median per ulang, dibanding calamine mentah): "
          "mengembangkan bagian sekali + calamine atas salinan + dua pemeriksaan yang harus "
          "melihat setiap sel (rujukan sel untuk luas lembar, rumus tanpa nilai) + model dari "
          "grid (read_grids)")
    for n, reps in rows:
        inf, cal, cells, model = (statistics.median(x[i] / x[0] for x in reps)
                                  for i in (6, 5, 7, 8))
        print(f"{n:>6} berkas: {inf:.2f}x + {cal:.2f}x + {cells:.2f}x + {model:.2f}x = "
              f"{inf + cal + cells + model:.2f}x, sebelum penggabungan, hitung dan validasi")
    print(f"\nSasaran: gabung+periksa <= 1.5x calamine mentah. CPU: {os.cpu_count()} inti; "
          f"Python {sys.version.split()[0]}. Semua diukur bergantian dalam run yang sama.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
