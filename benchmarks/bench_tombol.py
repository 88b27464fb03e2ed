"""Benchmark: the "Hitung" button cold, in the STAFF install, against its floors.

What a click costs on a staff PC: a new Python process (RunPython starts one), importing
xlwings and lkj_excel, ``Book.caller()``, one read per sheet, compute, validate, and the
writes (recorded as actions by xlwings' remote engine: no Excel here, so the time Excel
itself spends applying them is not included). The book payload is prepared beforehand (as
Excel's client would send it) and loaded from JSON inside the timed process.

It runs in a venv holding only the staff install (``pip install lkj-excel``, built from
this tree into ``benchmarks/.data/venv-staf``; tests/kit/staff.py), because xlwings imports
pandas, numpy, matplotlib and cryptography whenever they are installed: the development
venv (which has the secretariat's extra) is measured too, for the record.

The floors, in the same venv and alternated with the button round by round:
``python -c pass`` and a bare ``python -c "import xlwings"``. Ratios are medians of the
per-round ratios (a drifting machine cancels out).

Run: .venv/bin/python benchmarks/bench_tombol.py   (goals: under 0.3 s; ratio <= 1.5)
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
sys.path.insert(0, str(ROOT))  # the test kit (tests/kit) builds the workbooks and the venv
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
VENV = HERE / ".data" / "venv-staf"


def staff_venv() -> Path:
    """The staff venv with this tree's lkj-excel (the venv is reused, the wheel rebuilt)."""
    from tests.kit.staff import _run, build_staff_venv, build_wheel, staff_python

    py = staff_python(VENV)
    if not py.exists():
        return build_staff_venv(VENV)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(Path(tmp), str(py))
        _run([str(py), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps",
              str(wheel)])
    return py


def once(cmd: list[str]) -> float:
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"}
    env.pop("PYTHONPATH", None)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=tempfile.gettempdir(),
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def seed_workbook(folder: Path) -> Path:
    found = sorted((ROOT / "workbooks" / "contoh").glob("LKj*.xlsx"))
    if found:
        return found[0]
    from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
    from lkj_excel.files.template import write_workbook

    return write_workbook(folder / NAMA_BERKAS_INSTANSI, seed_data())


def main() -> None:
    from tests.kit.staff import NEVER_IN_STAFF, modules_after
    from tests.kit.typical import write_typical
    from tests.test_xl import payload_from_xlsx

    n = int(os.environ.get("BENCH_N", "9"))
    tmp = Path(tempfile.mkdtemp(prefix="bench-tombol-"))
    py = str(staff_venv())
    loaded = modules_after(Path(py), "import xlwings") & set(NEVER_IN_STAFF)
    print(f"venv staf: {py}; 'import xlwings' memuat {sorted(loaded) or 'tidak ada'} "
          f"dari {', '.join(NEVER_IN_STAFF)}")
    books = {
        "contoh (seed)": seed_workbook(tmp),
        "tipikal (50 ind, 500 kejadian, 200 LRA)": write_typical(
            HERE / ".data" / "tipikal.xlsx"),
    }
    commands = {"python -c pass": [py, "-c", "pass"],
                "import xlwings (staf)": [py, "-c", "import xlwings"],
                "import xlwings (.venv pengembang)": [sys.executable, "-c", "import xlwings"]}
    for label, path in books.items():
        pfile = tmp / (path.stem + ".json")
        pfile.write_text(json.dumps(payload_from_xlsx(path)), encoding="utf-8")
        commands[f"Hitung: {label}"] = [py, "-c", BUTTON, str(pfile)]
    for cmd in commands.values():  # warm-up: the file cache, .pyc files
        once(cmd)
    times: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(n):
        for label, cmd in commands.items():
            times[label].append(once(cmd))
    bare = times["import xlwings (staf)"]
    print(f"{'perintah (proses baru)':42} {'terbaik':>8} {'median':>8} {'/import xlwings':>16}")
    for label, ts in times.items():
        ratio = statistics.median(t / b for t, b in zip(ts, bare, strict=True))
        print(f"{label:42} {min(ts) * 1000:6.0f}ms {statistics.median(ts) * 1000:6.0f}ms "
              f"{ratio:15.2f}x")
    print(f"{n} putaran bergantian. Sasaran: Hitung di bawah 300 ms dan <= 1,5x "
          "'import xlwings' di venv staf.")


if __name__ == "__main__":
    main()
