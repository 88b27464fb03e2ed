"""``lkj beda LAMA.xlsx BARU.xlsx [--json]``: what changed between two revisions."""

from __future__ import annotations

from typing import Any

from lkj_excel.commands.output import EXIT_OK, print_json

HELP = "tampilkan perubahan antara dua revisi buku kerja"
DESCRIPTION = ("Membandingkan dua buku kerja: sel yang berubah, baris yang ditambah dan "
               "dihapus, per lembar dan kunci.")


def configure(p: Any) -> None:
    p.add_argument("a", metavar="LAMA.xlsx")
    p.add_argument("b", metavar="BARU.xlsx")
    p.add_argument("--json", action="store_true", help="keluaran JSON")


def run(args: Any) -> int:
    from lkj_excel.batch.diff import describe, diff_files

    d = diff_files(args.a, args.b)  # WorkbookError -> exit 2 in lkj_excel.cli
    if args.json:
        print_json(d.as_dict())
    else:
        for line in describe(d):
            print(line)
    return EXIT_OK
