"""Benchmark: `periksa`/`hitung` vs python-calamine's raw read; import time vs xlwings.

Run: .venv/bin/python benchmarks/bench_engine.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # the test kit (tests/kit) builds the workbooks


def best_of(fn, n: int = 15) -> tuple[float, float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def raw_read(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


def cold(cmd: str, n: int = 10) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", cmd], check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    from lkj_excel.files.read import check_workbook
    from lkj_excel.files.writer import _write_round_trip, write_engine_sheets
    from tests.kit.typical import write_typical

    data_dir = HERE / ".data"
    files = {
        "contoh (seed)": next((ROOT / "workbooks" / "contoh").glob("LKj*.xlsx")),
        "tipikal (50 ind, 500 kejadian, 200 LRA)": write_typical(data_dir / "tipikal.xlsx"),
    }
    print(f"{'buku kerja':44} {'baca mentah':>12} {'periksa':>10} {'rasio':>6} {'tulis':>10} "
          f"{'hitung':>10} {'openpyxl lama':>14}")
    for label, path in files.items():
        _, raw_med = best_of(lambda p=path: raw_read(p))
        _, eng_med = best_of(lambda p=path: check_workbook(p))
        res = check_workbook(path)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "h.xlsx"
            _, hit_med = best_of(lambda p=path, r=res, o=out: write_engine_sheets(p, r, o))
            _, all_med = best_of(lambda p=path, o=out: write_engine_sheets(
                p, check_workbook(p), o))
            _, old_med = best_of(lambda p=path, r=res, o=out: _write_round_trip(p, r, o), n=5)
        print(f"{label:44} {raw_med * 1000:9.1f} ms {eng_med * 1000:7.1f} ms "
              f"{eng_med / raw_med:5.2f}x {hit_med * 1000:7.1f} ms {all_med * 1000:7.1f} ms "
              f"{old_med * 1000:9.1f} ms")
    print("tulis = Ringkasan dan Validasi ditambahkan ke salinan paket (median); hitung = baca + "
          "hitung + tulis, sasaran < 80 ms untuk buku kerja tipikal; openpyxl lama = tulis lewat muat "
          "dan simpan ulang seluruh buku kerja (jalan lama, kini hanya cadangan)")
    imp = cold("import lkj_excel")
    xw = cold("import xlwings")
    eng = cold("import lkj_excel.core.engine")
    print(f"\nimpor dingin (median 10x): import lkj_excel {imp * 1000:.0f} ms, "
          f"import lkj_excel.core.engine {eng * 1000:.0f} ms, import xlwings {xw * 1000:.0f} ms "
          f"-> rasio {imp / xw:.2f}x")


if __name__ == "__main__":
    main()
