"""The texts of the offline bundle: pasang.py (the installer, standard library only, run by
the Python it installs into), pasang.bat / pasang.ps1 (find that Python and run pasang.py)
and BACA-SAYA.txt. Indonesian: IT people at the agencies read them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: the installer: picks the requirements file for ITS OWN Python (version and bitness),
#: refuses the traps (Microsoft Store Python, a Python too old or without a wheel set),
#: installs with --no-index from wheels/, installs the add-in, runs the smoke test
PASANG_PY = r'''"""Pemasang lkj-excel dari paket luring (tanpa internet). Dijalankan oleh pasang.bat."""
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def platform_tag(maxsize=sys.maxsize):
    return "win_amd64" if maxsize > 2**32 else "win32"


def requirements_for(folder, version_info=sys.version_info, maxsize=sys.maxsize):
    """The requirements file for this Python, or None."""
    name = f"requirements-{platform_tag(maxsize)}-py{version_info[0]}.{version_info[1]}.txt"
    path = Path(folder) / name
    return path if path.is_file() else None


def problem(executable=sys.executable, prefix=sys.prefix):
    """Why this Python cannot run the Hitung button, or None."""
    text = (executable + ";" + prefix).replace("/", "\\").lower()
    if "\\windowsapps\\" in text or "pythonsoftwarefoundation.python" in text:
        return ("Python ini dari Microsoft Store. Excel tidak melihat berkas yang ditulisnya di "
                "%APPDATA% (folder aplikasi Store dialihkan), jadi add-in tidak akan muncul. "
                "Hapus Python Store (Pengaturan > Aplikasi), pasang Python dari python.org "
                "(64-bit, 'Add python.exe to PATH'), lalu jalankan pasang.bat lagi.")
    if "onedrive" in text:
        return ("Python terpasang di folder OneDrive. Pasang ulang Python di luar OneDrive "
                "(bawaan python.org: %LOCALAPPDATA%\\Programs\\Python), lalu jalankan lagi.")
    return None


def main():
    print(f"Python: {sys.executable} ({sys.version.split()[0]}, "
          f"{64 if sys.maxsize > 2**32 else 32}-bit)")
    why = problem()
    if why:
        print("GAGAL: " + why)
        return 2
    req = requirements_for(HERE)
    if req is None:
        have = ", ".join(sorted(p.name[13:-4] for p in HERE.glob("requirements-*.txt")))
        print(f"GAGAL: paket ini tidak memuat pemasangan untuk Python "
              f"{sys.version_info[0]}.{sys.version_info[1]} {platform_tag()}. "
              f"Yang ada: {have}. Pasang Python yang cocok dari python.org (disarankan "
              "64-bit), lalu jalankan pasang.bat lagi.")
        return 2
    steps = [
        ("Memasang lkj-excel dan xlwings dari folder wheels (tanpa internet)",
         [sys.executable, "-m", "pip", "install", "--no-index", "--find-links",
          str(HERE / "wheels"), "--require-hashes", "--upgrade", "-r", str(req)]),
        ("Memasang add-in Excel (tab LKj, tombol Hitung)",
         [sys.executable, "-m", "lkj_excel", "addin", "pasang", "--out",
          str(HERE / "lkj_excel.xlam")]),
        ("Uji pemasangan",
         [sys.executable, "-m", "lkj_excel", "addin", "uji"]),
    ]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PIP_NO_INDEX"] = "1"  # never the internet, whatever pip.ini says
    for n, (title, cmd) in enumerate(steps, start=1):
        print(f"\n[{n}/{len(steps)}] {title}...")
        if subprocess.call(cmd, env=env) != 0:
            print(f"\nGAGAL pada langkah {n}: {title}. Lihat pesan di atas dan "
                  "docs/panduan-staf.md bagian 'Jika ada masalah'.")
            return 1
    print("\nSelesai. Tutup semua jendela Excel lalu buka lagi: tab LKj muncul di pita.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''


def _targets_text(targets: Sequence[Any]) -> str:
    return ", ".join(t.label for t in targets)


def pasang_bat(targets: Sequence[Any]) -> str:
    return f"""@echo off
rem Pemasang lkj-excel dari paket luring. Klik dua kali, atau jalankan di Command Prompt
rem (BUKAN sebagai administrator). Paket ini untuk: {_targets_text(targets)}.
setlocal
cd /d "%~dp0"
set "PY="
where py >nul 2>nul && set "PY=py -3"
if not defined PY where python >nul 2>nul && set "PY=python"
if not defined PY (
  echo GAGAL: Python tidak ditemukan. Pasang Python 3.12 64-bit dari python.org dengan
  echo centang "Add python.exe to PATH", lalu jalankan pasang.bat lagi.
  pause
  exit /b 2
)
%PY% "%~dp0pasang.py"
set "RC=%ERRORLEVEL%"
pause
exit /b %RC%
"""


def pasang_ps1(targets: Sequence[Any]) -> str:
    return f"""# Pemasang lkj-excel dari paket luring (PowerShell). Bila skrip diblokir:
#   powershell -ExecutionPolicy Bypass -File .\\pasang.ps1
# Paket ini untuk: {_targets_text(targets)}.
$ErrorActionPreference = "Stop"
Set-Location -LiteralPath $PSScriptRoot
$py = $null
if (Get-Command py -ErrorAction SilentlyContinue) {{ $py = @("py", "-3") }}
elseif (Get-Command python -ErrorAction SilentlyContinue) {{ $py = @("python") }}
if (-not $py) {{
  Write-Host "GAGAL: Python tidak ditemukan. Pasang Python 3.12 64-bit dari python.org"
  Write-Host "dengan centang 'Add python.exe to PATH', lalu jalankan lagi."
  exit 2
}}
$rest = @()
if ($py.Length -gt 1) {{ $rest = $py[1..($py.Length - 1)] }}
& $py[0] @rest (Join-Path $PSScriptRoot "pasang.py")
exit $LASTEXITCODE
"""


def readme(targets: Sequence[Any], version: str) -> str:
    from lkj_excel.files.addin import XLWINGS_VERSION

    rows = "\n".join(f"  - {t.label}: {t.requirements}" for t in targets)
    has32 = any(t.platform == "win32" for t in targets)
    note32 = ("""
Python 32-bit: tombol Hitung berjalan, tetapi fungsi lembar kerja LKJ_ (UDF) TIDAK:
xlwings untuk Windows 32-bit hanya tersedia sebagai wheel tanpa DLL (xlwings32/64-*.dll
hanya ada di wheel 64-bit). Pakai Python 64-bit, juga untuk Excel 32-bit: wheel 64-bit
membawa kedua DLL, dan Excel menjalankan Python lewat cmd.exe sebagai program terpisah,
jadi bit Python tidak perlu sama dengan bit Excel.
""" if has32 else "")
    return f"""Paket luring lkj-excel {version} (xlwings {XLWINGS_VERSION}) untuk komputer staf

Isi:
  pasang.bat       klik dua kali: memasang lkj-excel dan add-in, lalu menguji (tanpa internet)
  pasang.ps1       sama, untuk PowerShell
  pasang.py        pemasangnya (dijalankan oleh pasang.bat dengan Python komputer ini)
  lkj_excel.xlam   add-in Excel (tab LKj, tombol Hitung)
  wheels\\          paket Python (pemasangan staf: tanpa pandas, numpy, matplotlib)
  contoh\\          buku kerja contoh (LKj 2024 Badan Kesbangpol Kota Banjarbaru)
  templat\\         buku kerja templat kosong
  paket.json       daftar isi dan sidik SHA-256 setiap berkas

Python yang dilayani paket ini (satu berkas requirements per Python, dengan sidik):
{rows}
{note32}
Langkah:
  1. Pasang Python dari python.org (64-bit disarankan), centang "Add python.exe to PATH",
     pilih untuk pengguna ini saja. Jangan Python dari Microsoft Store.
  2. Tutup Excel. Klik dua kali pasang.bat. Tunggu sampai tertulis "Selesai".
  3. Buka Excel, buka contoh\\LKj 2024 Badan Kesbangpol Kota Banjarbaru.xlsx, klik
     Aktifkan Pengeditan bila diminta, lalu tab LKj > Hitung. Lembar Ringkasan terbuka dan
     baris Jumlah anggaran menunjukkan 33.660.129.080.

Panduan lengkap dan pemecahan masalah: docs/panduan-staf.md di kode sumber lkj-excel.
"""
