"""Benchmark: does the batch use the machine? Speedup against the machine's own floor, and
the scale table.

    .venv/bin/python benchmarks/bench_skala.py rasio [--instansi 60] [--ulang 2]
    .venv/bin/python benchmarks/bench_skala.py skala [--instansi 100,1000] [--berkas 200,1000,5000]

``rasio``: in one run, alternating, (a) the floor: one CPU-bound process alone, then two of
them at once (what two independent processes get on this machine right now); (b) ``lkj batch``
over the same agencies with one process, with the process pool of 2 workers, and on a
2-worker Dask LocalCluster (profiler off, one thread per worker); (c) the batch's own floor:
two independent one-process batches, half the agencies each, at the same time (two vCPUs of
a virtual machine may share a physical core or its caches, which a tight integer loop minds
less than the batch's work does). Goal: the pool's and Dask's speedup at least 90% of the floor's.

``skala``: ``lkj batch`` over 100 / 1,000 agencies (pool and Dask, 2 workers: time, peak RSS
of the main process and of the largest worker, the largest worker's RSS at 10% and at 90% of
the run, sampled every second), and
``gabung`` + ``periksa`` of 200 / 1,000 / 5,000 unit workbooks in one process (time, peak RSS)
against python-calamine's raw read of the same files.

Input: agencies of 5 unit workbooks (the seed split by unit), 10 written and the rest linked
to them, in benchmarks/.data/skala/ (gitignored). No PDF (see bench_laporan.py for it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data" / "skala"
DISTINCT = 10


def generate(n_agencies: int) -> list[Path]:
    from lkj_excel.core.seed import seed_data
    from lkj_excel.core.units import split_by_unit, unit_filename
    from lkj_excel.files.template import write_workbook

    out = []
    for i in range(n_agencies):
        folder = DATA / f"instansi-{i:04d}"
        out.append(folder)
        if (folder / ".selesai").exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        if i < DISTINCT:
            data = seed_data()
            data["profil"]["instansi"] = f"Badan Uji Nomor {i:04d}"
            for n, (unit, part) in enumerate(split_by_unit(data).items(), 1):
                write_workbook(folder / unit_filename(n, unit), part)
        else:
            src = DATA / f"instansi-{i % DISTINCT:04d}"
            for f in src.glob("*.xlsx"):
                try:
                    os.link(f, folder / f.name)
                except OSError:
                    shutil.copyfile(f, folder / f.name)
        (folder / ".selesai").write_text("ok")
    return out


def halves(n: int) -> tuple[Path, Path]:
    """Two folders of links, the first and the second half of ``n`` agencies."""
    out = []
    for part, rng in (("a", range(0, n // 2)), ("b", range(n // 2, n))):
        sel = DATA.parent / f"skala-{n}-{part}"
        if not sel.exists():
            sel.mkdir()
            for i in rng:
                os.symlink(DATA / f"instansi-{i:04d}", sel / f"instansi-{i:04d}")
        out.append(sel)
    return out[0], out[1]


def two_at_once(a: Path, b: Path) -> float:
    """Wall time of two independent one-process batches, one per half, run at the same time:
    what two independent processes doing this very work get on this machine now."""
    t0 = time.perf_counter()
    ps = [subprocess.Popen([sys.executable, __file__, "--anak", "satu", str(x)],
                           stdout=subprocess.DEVNULL, cwd=ROOT) for x in (a, b)]
    for q in ps:
        q.wait()
    return time.perf_counter() - t0


def pick(n: int) -> Path:
    """A folder of links to the first ``n`` agencies (lkj batch takes one folder)."""
    sel = DATA.parent / f"skala-{n}"
    if not sel.exists():
        sel.mkdir()
        for i in range(n):
            os.symlink(DATA / f"instansi-{i:04d}", sel / f"instansi-{i:04d}")
    return sel


# -- the floor: a CPU-bound loop in one, then two processes ---------------------------

SPIN = "import sys\nx=0\nfor i in range(int(sys.argv[1])): x += i*i % 7\n"


def spin(n: int, procs: int) -> float:
    t0 = time.perf_counter()
    ps = [subprocess.Popen([sys.executable, "-c", SPIN, str(n)]) for _ in range(procs)]
    for p in ps:
        p.wait()
    return time.perf_counter() - t0


def calibrate(seconds: float) -> int:
    n = 2_000_000
    t = spin(n, 1)
    return int(n * seconds / max(t, 0.05))


# -- RSS of this process and its children, sampled ------------------------------------

class Sampler:
    def __init__(self, every: float = 1.0) -> None:
        import psutil

        self.psutil = psutil
        self.every = every
        self.peak_main = 0.0
        self.peak_worker = 0.0
        self.samples: list[float] = []  # largest worker RSS per sample
        self.stop = threading.Event()
        self.t = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        me = self.psutil.Process()
        while not self.stop.is_set():
            try:
                self.peak_main = max(self.peak_main, me.memory_info().rss / 2**20)
                kids = []
                for c in me.children(recursive=True):
                    try:
                        kids.append(c.memory_info().rss / 2**20)
                    except self.psutil.Error:
                        pass
                if kids:
                    self.samples.append(max(kids))
                    self.peak_worker = max(self.peak_worker, max(kids))
            except self.psutil.Error:
                pass
            self.stop.wait(self.every)

    def __enter__(self) -> Sampler:
        self.t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.t.join()


def batch(kind: str, folder: Path, workers: int = 2) -> dict:
    """One ``lkj batch`` run (no PDF) in this process: 'satu', 'pool' or 'dask'."""
    from lkj_excel.batch.run import run_batch_folder

    out = Path(tempfile.mkdtemp(prefix="lkj-skala-"))
    try:
        with Sampler() as s:
            t0 = time.perf_counter()
            if kind == "dask":
                from lkj_excel.batch.cluster import local_cluster

                with local_cluster(workers) as cluster:
                    t0 = time.perf_counter()  # the cluster's start is not the batch's
                    res = run_batch_folder(folder, out, scheduler=cluster.scheduler_address)
                    dt = time.perf_counter() - t0
            else:
                res = run_batch_folder(folder, out, pekerja=1 if kind == "satu" else workers)
                dt = time.perf_counter() - t0
        ok = sum(1 for h in res if h.status != "gagal")
        samples = s.samples
        return {"jenis": kind, "instansi": len(res), "berhasil": ok, "detik": dt,
                "rss_induk_mb": s.peak_main, "rss_pekerja_mb": s.peak_worker,
                "rss_pekerja_awal_mb": samples[len(samples) // 10] if samples else 0,
                "rss_pekerja_akhir_mb": samples[-(len(samples) // 10) - 1] if samples else 0}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_child(args: list[str]) -> dict:
    """Run a measurement in a fresh process; adds ``cpu``: the CPU-seconds it and all its
    processes (pool workers, Dask's nannies and workers, LibreOffice) used."""
    c0 = _cpu()
    out = subprocess.run([sys.executable, __file__, "--anak", *args], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["cpu"] = _cpu() - c0
    return res


def read_path(n_files: int) -> dict:
    """gabung + periksa per agency of the first n_files unit workbooks, one process."""
    from lkj_excel.batch.check import check_merged
    from lkj_excel.batch.merge import merge_files

    folders = [DATA / f"instansi-{i:04d}" for i in range(n_files // 5)]
    t0 = time.perf_counter()
    for a in folders:
        check_merged(merge_files([a]))
    return {"detik": time.perf_counter() - t0,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def raw_read(n_files: int) -> dict:
    from python_calamine import CalamineWorkbook

    folders = [DATA / f"instansi-{i:04d}" for i in range(n_files // 5)]
    t0 = time.perf_counter()
    for a in folders:
        for f in sorted(a.glob("*.xlsx")):
            wb = CalamineWorkbook.from_path(str(f))
            for name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python()
    return {"detik": time.perf_counter() - t0,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child(argv: list[str]) -> None:
    kind = argv[0]
    if kind in ("satu", "pool", "dask"):
        res = batch(kind, Path(argv[1]))
    elif kind == "baca":
        res = read_path(int(argv[1]))
    else:
        res = raw_read(int(argv[1]))
    print(json.dumps(res))


def cmd_rasio(args: argparse.Namespace) -> None:
    generate(args.instansi)
    folder = pick(args.instansi)
    run_child(["satu", str(pick(4))])  # warm the disk cache and the interpreter's files
    n = calibrate(args.detik_lantai)
    rows = []
    for rep in range(args.ulang):
        f1 = spin(n, 1)
        f2 = spin(n, 2)
        one = run_child(["satu", str(folder)])
        f1b = spin(n, 1)
        pool = run_child(["pool", str(folder)])
        f2b = spin(n, 2)
        dask = run_child(["dask", str(folder)])
        both = two_at_once(*halves(args.instansi))
        floor = (2 * (f1 + f1b) / 2) / ((f2 + f2b) / 2)
        rows.append((rep + 1, f1, f2, f1b, f2b, floor, one, pool, dask, one["detik"] / both))
        print(f"ulang {rep + 1}: lantai 1 proses {f1:.1f}/{f1b:.1f} s, 2 proses {f2:.1f}/"
              f"{f2b:.1f} s -> {floor:.2f}x; batch 1 proses {one['detik']:.1f} s, pool "
              f"{pool['detik']:.1f} s ({one['detik'] / pool['detik']:.2f}x), Dask "
              f"{dask['detik']:.1f} s ({one['detik'] / dask['detik']:.2f}x); dua batch 1 proses "
              f"bersamaan (separuh masing-masing) {both:.1f} s ({one['detik'] / both:.2f}x)",
              flush=True)
    print()
    print(f"{'ulang':>5} | {'lantai (2 proses CPU)':>21} | {'pool 2 pekerja':>14} | "
          f"{'% lantai':>8} | {'Dask 2 pekerja':>14} | {'% lantai':>8}")
    for rep, *_, floor, one, pool, dask, _both in rows:
        sp, sd = one["detik"] / pool["detik"], one["detik"] / dask["detik"]
        print(f"{rep:>5} | {floor:>20.2f}x | {sp:>13.2f}x | {100 * sp / floor:>7.0f}% | "
              f"{sd:>13.2f}x | {100 * sd / floor:>7.0f}%")
    print(f"\n{'ulang':>5} | {'lantai (2 batch 1 proses)':>25} | {'pool':>6} | {'% lantai':>8} | "
          f"{'Dask':>6} | {'% lantai':>8}")
    for rep, *_, floor, one, pool, dask, both in rows:
        sp, sd = one["detik"] / pool["detik"], one["detik"] / dask["detik"]
        print(f"{rep:>5} | {both:>24.2f}x | {sp:>5.2f}x | {100 * sp / both:>7.0f}% | "
              f"{sd:>5.2f}x | {100 * sd / both:>7.0f}%")
    print(f"\n{'ulang':>5} | {'CPU-detik 1 proses':>18} | {'pool':>14} | {'Dask':>14}  "
          "(kerja tambahan paralel: CPU-detik dibanding 1 proses)")
    for rep, *_, floor, one, pool, dask, _both in rows:
        print(f"{rep:>5} | {one['cpu']:>16.1f} s | {pool['cpu']:>6.1f} s {pool['cpu'] / one['cpu']:>5.2f}x"
              f" | {dask['cpu']:>6.1f} s {dask['cpu'] / one['cpu']:>5.2f}x")
    print(f"\n{args.instansi} instansi, tanpa PDF; CPU: {os.cpu_count()} inti. Sasaran: pool dan "
          "Dask >= 90% lantai. Lantai = 2 x waktu 1 proses CPU / waktu 2 proses CPU "
          "bersamaan; lantai batch = waktu batch 1 proses / waktu dua batch 1 proses "
          "(separuh instansi masing-masing) bersamaan (pekerjaan ini sendiri, tanpa pool). "
          "Semua diukur bergantian dalam run yang sama.")


def cmd_skala(args: argparse.Namespace) -> None:
    agencies = [int(x) for x in args.instansi.split(",") if x]
    files = [int(x) for x in args.berkas.split(",") if x]
    generate(max([*agencies, *(f // 5 for f in files)], default=0))
    print(f"{'instansi':>8} | {'jenis':>5} | {'waktu':>8} | {'per instansi':>12} | "
          f"{'RSS induk':>9} | {'RSS pekerja maks':>16} | {'pekerja awal -> akhir':>21}")
    for n in agencies:
        for kind in ("pool", "dask"):
            r = run_child([kind, str(pick(n))])
            print(f"{n:>8} | {kind:>5} | {r['detik']:>6.0f} s | {r['detik'] / n:>10.2f} s | "
                  f"{r['rss_induk_mb']:>6.0f} MB | {r['rss_pekerja_mb']:>13.0f} MB | "
                  f"{r['rss_pekerja_awal_mb']:>8.0f} -> {r['rss_pekerja_akhir_mb']:.0f} MB",
                  flush=True)
    print(f"\n{'berkas':>6} | {'gabung+periksa':>14} | {'RSS':>6} | {'calamine mentah':>15} | "
          f"{'rasio':>5}")
    for n in files:
        ours, raw = run_child(["baca", str(n)]), run_child(["mentah", str(n)])
        print(f"{n:>6} | {ours['detik']:>12.1f} s | {ours['rss_mb']:>3.0f} MB | "
              f"{raw['detik']:>13.1f} s | {ours['detik'] / raw['detik']:>5.2f}", flush=True)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--anak":
        child(sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="perintah", required=True)
    r = sub.add_parser("rasio")
    r.add_argument("--instansi", type=int, default=60)
    r.add_argument("--ulang", type=int, default=2)
    r.add_argument("--detik-lantai", type=float, default=15.0)
    s = sub.add_parser("skala")
    s.add_argument("--instansi", default="100,1000")
    s.add_argument("--berkas", default="200,1000,5000")
    args = ap.parse_args()
    {"rasio": cmd_rasio, "skala": cmd_skala}[args.perintah](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
