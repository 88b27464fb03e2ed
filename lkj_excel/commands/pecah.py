"""``lkj pecah INSTANSI.xlsx --out FOLDER``: one workbook per unit (Bidang), ready to email."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import EXIT_OK
from lkj_excel.core.temuan import KESALAHAN

HELP = "pecah buku kerja instansi menjadi satu per bidang"
DESCRIPTION = "Membuat satu buku kerja per bidang dari buku kerja instansi."


def configure(p: Any) -> None:
    p.add_argument("master", metavar="BERKAS", help="buku kerja instansi")
    p.add_argument("--out", required=True, metavar="FOLDER", help="folder keluaran")


def run(args: Any) -> int:
    from lkj_excel.batch.split import describe, split_file

    h = split_file(args.master, args.out)  # LkjError -> exit 2 in lkj_excel.cli
    for line in describe(h):
        print(line)
    n_err = sum(1 for f in h.temuan if f.tingkat == KESALAHAN)
    if n_err:
        print(f"Perhatian: buku kerja instansi memuat {n_err} kesalahan; periksa dengan "
              f"'lkj periksa {Path(args.master).name}' sebelum dikirim.")
    print(f"Folder keluaran: {Path(args.out)}")
    return EXIT_OK
