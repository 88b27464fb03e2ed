"""Benchmark: cold start of the "Hitung" button's Python side vs a bare ``import xlwings``.

What the button costs on a click: a new Python process (RunPython starts one), importing
xlwings and lkj_excel, ``Book.caller()``, one read per sheet, compute, validate, and the
writes (recorded as actions by xlwings' remote engine: no Excel here, so the time Excel
itself spends applying them is not included). The book payload is prepared beforehand
(as Excel's client would send it) and loaded from JSON inside the timed process.

Run: .venv/bin/python benchmarks/bench_tombol.py      (goal: ratio <= 1.5)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # the test kit (tests/kit) builds the workbooks
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

BUTTON = """
import json, sys
import xlwings as xw
payload = json.load(open(sys.argv[1], encoding="utf-8"))
xw.Book(json=payload).set_mock_caller()
import lkj_excel
lkj_excel.main()
book = xw.Book.caller()
assert any(a["func"] == "activateSheet" for a in book.json()["actions"])
"""
BARE = "import xlwings"


def cold(args: list[str], n: int) -> tuple[float, float]:
    times = []
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"}
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, env=env)
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def seed_workbook(folder: Path) -> Path:
    found = sorted((ROOT / "workbooks" / "contoh").glob("LKj*.xlsx"))
    if found:
        return found[0]
    from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
    from lkj_excel.files.template import write_workbook

    return write_workbook(folder / NAMA_BERKAS_INSTANSI, seed_data())


def main() -> None:
    from test_xl import payload_from_xlsx

    from tests.kit.typical import write_typical

    n = int(os.environ.get("BENCH_N", "7"))
    tmp = Path(tempfile.mkdtemp(prefix="bench-tombol-"))
    books = {
        "contoh (seed)": seed_workbook(tmp),
        "tipikal (50 ind, 500 kejadian, 200 LRA)": write_typical(
            HERE / ".data" / "tipikal.xlsx"),
    }
    bare_best, bare_med = cold(["-c", BARE], n)
    print(f"python -c 'import xlwings' (dingin): terbaik {bare_best * 1000:.0f} ms, "
          f"median {bare_med * 1000:.0f} ms")
    print(f"{'buku kerja':42} {'terbaik':>9} {'median':>9} {'rasio (median)':>15} {'aksi':>6}")
    for label, path in books.items():
        payload = payload_from_xlsx(path)
        pfile = tmp / (path.stem + ".json")
        pfile.write_text(json.dumps(payload), encoding="utf-8")
        best, med = cold(["-c", BUTTON, str(pfile)], n)
        # the number of calls into Excel (reads + recorded actions), for the record
        import xlwings as xw

        from lkj_excel import xl

        book = xw.Book(json=payload)
        book.set_mock_caller()
        xl.main()
        actions = len(book.json()["actions"])
        del xw.Book._mock_caller
        print(f"{label:42} {best * 1000:7.0f}ms {med * 1000:7.0f}ms {med / bare_med:14.2f}x "
              f"{actions:6d}")
    print("Sasaran: rasio <= 1,5x impor xlwings saja.")


if __name__ == "__main__":
    main()
