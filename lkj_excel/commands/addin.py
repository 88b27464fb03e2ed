"""``lkj addin buat|pasang|uji|paket``: the Excel add-in with the "Hitung" button, its smoke
test, and the offline bundle for IT."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

HELP = "add-in Excel (tombol Hitung): buat, pasang, uji, paket luring"
DESCRIPTION = ("Membuat (buat) atau memasang (pasang) add-in Excel LKj, menguji pemasangan "
               "(uji), atau membuat paket luring untuk komputer tanpa internet (paket).")


def configure(p: Any) -> None:
    p.add_argument("aksi", choices=["buat", "pasang", "uji", "paket"], metavar="AKSI",
                   help="buat | pasang | uji | paket")
    p.add_argument("--out", metavar="BERKAS",
                   help="buat: berkas add-in (.xlam) yang dibuat; pasang: add-in yang "
                        "dipasang (bawaan: dibuat dari xlwings terpasang); paket: folder baru")
    p.add_argument("--python", metavar="VERSI", default=None,
                   help="paket: versi Python, dipisah koma (bawaan: 3.11,3.12,3.13,3.14)")
    p.add_argument("--platform", metavar="PLATFORM", default=None,
                   help="paket: win_amd64 (64-bit) dan/atau win32 (32-bit), dipisah koma "
                        "(bawaan: keduanya)")
    p.add_argument("--wheel", metavar="BERKAS", default=None,
                   help="paket: wheel lkj-excel yang sudah dibuat (bawaan: dibuat dari kode "
                        "sumber ini)")


def _list(text: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip()) if text else default


def _uji() -> int:
    from lkj_excel.files.install_check import FAIL, MANUAL, OK, run_checks

    checks = run_checks()
    for c in checks:
        print(f"[{c.tingkat}] {c.judul}" + (f"\n    {c.pesan}" if c.pesan else ""))
    failed = [c for c in checks if c.tingkat == FAIL]
    if failed:
        print(f"\nUji pemasangan: {len(failed)} GAGAL. Perbaiki yang tertulis di atas, lalu "
              "jalankan lagi: lkj addin uji")
        return 1
    warned = sum(1 for c in checks if c.tingkat != OK)
    print(f"\nUji pemasangan berhasil{f' ({warned} peringatan)' if warned else ''}.\n{MANUAL}")
    return 0


def _paket(args: Any) -> int:
    from lkj_excel.files.bundle import PLATFORMS, PYTHONS, build

    out = Path(args.out) if args.out else Path.cwd() / "paket-lkj"
    platforms = _list(args.platform, PLATFORMS)
    pythons = _list(args.python, PYTHONS)
    print(f"Membuat paket luring di {out} untuk {', '.join(platforms)} x Python "
          f"{', '.join(pythons)} (mengunduh dari PyPI)...")
    manifest = build(out, platforms, pythons, Path(args.wheel) if args.wheel else None)
    for t in manifest["targets"]:
        print(f"  {t['requirements']}: {len(t['files'])} wheel, terpasang tanpa internet (diuji)")
    print(f"Paket luring siap: {out}\nSalin seluruh folder ke komputer staf, lalu klik dua "
          "kali pasang.bat.")
    return 0


def run(args: Any) -> int:
    from lkj_excel.files.addin import (
        ADDIN_NAME,
        PROJECT_NAME,
        UDF_MODULE,
        AddinError,
        build_addin,
        install,
        user_conf_path,
        xlstart_dir,
        xlwings_version,
    )

    try:
        if args.aksi == "uji":
            return _uji()
        if args.aksi == "paket":
            return _paket(args)
        if args.aksi == "buat":
            path = build_addin(args.out)
            print(f"Add-in dibuat: {path}\n"
                  f"Dibuat dari add-in xlwings {xlwings_version()} (versi xlwings Python di "
                  "komputer staf harus sama). Pasang di komputer staf dengan: lkj addin pasang")
            return 0
        interpreter = sys.executable
        if os.name != "nt":
            print("Add-in ini untuk Excel di Windows. Di komputer Windows, perintah ini akan:\n"
                  f"  1. menyalin {ADDIN_NAME} ke folder XLSTART Excel "
                  "(%APPDATA%\\Microsoft\\Excel\\XLSTART, lokasi tepercaya);\n"
                  "  2. menulis konfigurasi xlwings pengguna "
                  f"(%USERPROFILE%\\.{PROJECT_NAME}\\{PROJECT_NAME}.conf) berisi "
                  "INTERPRETER_WIN (python.exe yang menjalankan perintah ini) dan "
                  f"UDF MODULES = {UDF_MODULE}.\n"
                  "Tidak ada yang dipasang di komputer ini.")
            return 0
        from lkj_excel.files.install_check import python_problem

        problem = python_problem()
        if problem:
            raise AddinError(problem)
        xlam = Path(args.out) if args.out else None
        addin, conf = install(xlstart_dir(), user_conf_path(), interpreter, xlam)
        print(f"Add-in dipasang: {addin}\nKonfigurasi xlwings ditulis: {conf}\n"
              f"Python yang dipakai tombol Hitung: {interpreter}\n"
              "Tutup lalu buka lagi Excel; tab LKj muncul di pita (ribbon).")
        return 0
    except AddinError as exc:
        print(exc.pesan, file=sys.stderr)
        return 2
