"""``lkj addin buat`` / ``lkj addin pasang``: the Excel add-in with the "Hitung" button."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

HELP = "buat atau pasang add-in Excel (tombol Hitung)"
DESCRIPTION = "Membuat (buat) atau memasang (pasang) add-in Excel LKj."


def configure(p: Any) -> None:
    p.add_argument("aksi", choices=["buat", "pasang"], metavar="AKSI", help="buat | pasang")
    p.add_argument("--out", metavar="BERKAS", help="berkas add-in (.xlam) yang dibuat")


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
        xlam = Path(args.out) if args.out else None
        addin, conf = install(xlstart_dir(), user_conf_path(), interpreter, xlam)
        print(f"Add-in dipasang: {addin}\nKonfigurasi xlwings ditulis: {conf}\n"
              f"Python yang dipakai tombol Hitung: {interpreter}\n"
              "Tutup lalu buka lagi Excel; tab LKj muncul di pita (ribbon).")
        return 0
    except AddinError as exc:
        print(exc.pesan, file=sys.stderr)
        return 2
