"""``lkj addin uji``: the smoke test of a staff PC's install, run by pasang.bat last.

Each check prints a line with OK, PERINGATAN or GAGAL and, when not OK, what to do. What it
covers is what breaks the button in real offices: the Python (Microsoft Store, OneDrive,
bitness), the xlwings version against the add-in's and its DLLs, the add-in in XLSTART with
this Python pinned, the user configuration for the UDFs, a clean ``import xlwings`` (no
pandas/numpy/matplotlib: they make every click slow), and the button's own computation on
the example workbook (the seed's figures). What only Excel can show (the tab, a click) is
the last, manual step it prints.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

OK, WARN, FAIL = "OK", "PERINGATAN", "GAGAL"
HEAVY = ("pandas", "numpy", "matplotlib", "cryptography")


@dataclass(frozen=True)
class Check:
    tingkat: str
    judul: str
    pesan: str = ""


def python_problem(executable: str = sys.executable, prefix: str = sys.prefix) -> str | None:
    """Why this Python cannot serve the button (Indonesian), or None."""
    text = (executable + ";" + prefix).replace("/", "\\").lower()
    if "\\windowsapps\\" in text or "pythonsoftwarefoundation.python" in text:
        return ("Python ini dari Microsoft Store: Excel tidak melihat berkas yang ditulisnya "
                "di %APPDATA%, jadi add-in tidak muncul. Pasang Python dari python.org lalu "
                "pasang ulang lkj-excel.")
    if "onedrive" in text:
        return ("Python terpasang di folder OneDrive: pasang ulang di luar OneDrive "
                "(%LOCALAPPDATA%\\Programs\\Python).")
    return None


def _python() -> Check:
    bits = 64 if sys.maxsize > 2**32 else 32
    judul = f"Python {sys.version.split()[0]} {bits}-bit: {sys.executable}"
    problem = python_problem()
    if problem:
        return Check(FAIL, judul, problem)
    if bits == 32:
        return Check(WARN, judul, "Python 32-bit: tombol Hitung berjalan, fungsi LKJ_ tidak "
                     "(xlwings 32-bit tanpa DLL). Disarankan Python 64-bit, juga untuk Excel "
                     "32-bit.")
    return Check(OK, judul)


def _xlwings() -> list[Check]:
    from lkj_excel.files.addin import XLWINGS_VERSION, AddinError, check_versions

    try:
        version = check_versions()
    except AddinError as exc:
        return [Check(FAIL, "Versi xlwings", exc.pesan)]
    out = [Check(OK, f"xlwings {version} (sama dengan add-in LKj)")]
    if os.name == "nt":
        root = Path(sys.prefix)
        dlls = [root / f"xlwings{b}-{XLWINGS_VERSION}.dll" for b in (64, 32)]
        missing = [d.name for d in dlls if not d.is_file()]
        if missing:
            out.append(Check(WARN, "DLL xlwings", f"{', '.join(missing)} tidak ada di {root}: "
                             "fungsi LKJ_ tidak akan berjalan (tombol Hitung tetap berjalan). "
                             "Pakai Python 64-bit."))
        else:
            out.append(Check(OK, f"DLL xlwings 64-bit dan 32-bit ada di {root}"))
    return out


def _addin() -> list[Check]:
    from lkj_excel.files.addin import (
        ADDIN_NAME,
        UDF_MODULE,
        AddinError,
        addin_xlwings_version,
        read_addin_conf,
        read_conf,
        user_conf_path,
        version_problem,
        xlstart_dir,
        xlwings_version,
    )

    if os.name != "nt":
        return [Check(WARN, "Add-in", "bukan Windows: add-in tidak dipasang di komputer ini.")]
    path = xlstart_dir() / ADDIN_NAME
    if not path.is_file():
        return [Check(FAIL, "Add-in", f"{path} tidak ada. Jalankan: lkj addin pasang")]
    try:  # read once: the config sheet, then the version from the same bytes
        data = path.read_bytes()
        conf = read_addin_conf(data)
        version = addin_xlwings_version(data, conf)
    except Exception as exc:  # a damaged .xlam: one failed check, the others still run
        return [Check(FAIL, f"Add-in {path}", f"tidak dapat dibaca ({type(exc).__name__}). "
                      "Jalankan lagi: lkj addin pasang")]
    out = []
    pinned = str(conf.get("INTERPRETER_WIN") or "")
    if os.path.normcase(pinned) != os.path.normcase(sys.executable):
        out.append(Check(FAIL, f"Add-in {path}", f"memakai Python {pinned or '(kosong)'}, "
                         f"bukan {sys.executable}. Jalankan lagi: lkj addin pasang"))
    else:
        out.append(Check(OK, f"Add-in {path} memakai Python ini"))
    try:
        problem = version_problem(xlwings_version(), version) if version else None
    except AddinError as exc:  # xlwings itself missing: said here and in its own check
        problem = exc.pesan
    if version is None or problem:
        out.append(Check(FAIL, "Versi xlwings add-in", problem or "tidak dapat dibaca; "
                         "jalankan lagi: lkj addin pasang"))
    user = user_conf_path()
    items = dict(read_conf(user.read_text(encoding="utf-8"))) if user.is_file() else {}
    if items.get("UDF MODULES") != UDF_MODULE:
        out.append(Check(WARN, f"Konfigurasi {user}", "UDF MODULES belum lkj_excel.udf: "
                         "fungsi LKJ_ tidak tersedia. Jalankan lagi: lkj addin pasang"))
    return out


def _clean_import() -> Check:
    code = ("import time, sys; t = time.perf_counter(); import xlwings; "
            "print(round((time.perf_counter() - t) * 1000), "
            f"[m for m in {HEAVY!r} if m in sys.modules])")
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=120, check=True).stdout.split(" ", 1)
    except (subprocess.SubprocessError, OSError) as exc:
        return Check(FAIL, "import xlwings", f"gagal: {exc}")
    ms, heavy = int(out[0]), out[1].strip()
    if heavy != "[]":
        return Check(WARN, f"import xlwings {ms} ms", f"memuat juga {heavy}: setiap klik "
                     "Hitung lebih lambat. Pemasangan staf tidak memerlukannya; pakai Python "
                     "tersendiri untuk pekerjaan lain.")
    return Check(OK, f"import xlwings {ms} ms, tanpa pandas/numpy/matplotlib")


def _button() -> Check:
    import importlib
    from decimal import Decimal

    from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
    from lkj_excel.files.addin import PYTHON_ENTRIES
    from lkj_excel.files.read import check_workbook
    from lkj_excel.files.template import write_workbook

    try:
        for entry in PYTHON_ENTRIES:  # what the add-in's VBA calls, imported as it does
            module, func = entry.split(":")
            if not callable(getattr(importlib.import_module(module), func, None)):
                return Check(FAIL, "Modul tombol", f"{entry} tidak ada: pasang ulang lkj-excel")
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="lkj-uji-") as tmp:
            path = write_workbook(Path(tmp) / NAMA_BERKAS_INSTANSI, seed_data())
            p = check_workbook(path)
        ms = round((time.perf_counter() - t0) * 1000)
    except Exception as exc:  # the smoke test reports, it never crashes
        return Check(FAIL, "Perhitungan contoh", f"{type(exc).__name__}: {exc}")
    a = p.result.anggaran
    if a.anggaran != Decimal("33660129080") or a.serapan_persen != Decimal("95.68"):
        return Check(FAIL, "Perhitungan contoh", f"anggaran {a.anggaran}, serapan "
                     f"{a.serapan_persen}: bukan angka contoh (33660129080; 95,68).")
    return Check(OK, f"Perhitungan contoh: anggaran 33.660.129.080, serapan 95,68% ({ms} ms)")


def run_checks() -> list[Check]:
    return [_python(), *_xlwings(), *_addin(), _clean_import(), _button()]


MANUAL = ("Langkah terakhir di Excel: tutup lalu buka Excel, buka buku kerja contoh (folder "
          "contoh di paket luring, atau lkj template --contoh), klik Aktifkan Pengeditan bila "
          "diminta, lalu tab LKj > Hitung. Lembar Ringkasan terbuka; baris Jumlah anggaran "
          "menunjukkan 33.660.129.080.")
