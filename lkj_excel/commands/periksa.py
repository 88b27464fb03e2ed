"""``lkj periksa BERKAS... [--json]``: check workbooks and list their temuan."""

from __future__ import annotations

from typing import Any

from lkj_excel.commands.output import (
    EXIT_KESALAHAN,
    EXIT_OK,
    EXIT_TIDAK_TERBACA,
    checked_each,
    print_json,
    print_temuan,
    summary,
)

HELP = "periksa buku kerja dan tampilkan temuannya"
DESCRIPTION = ("Memeriksa satu atau beberapa buku kerja LKj. Kode keluar: 0 tanpa kesalahan, "
               "1 ada kesalahan, 2 berkas tidak dapat dibaca.")


def configure(p: Any) -> None:
    p.add_argument("berkas", nargs="+", metavar="BERKAS", help="buku kerja .xlsx")
    p.add_argument("--json", action="store_true", help="keluaran JSON")


def run(args: Any) -> int:
    from lkj_excel.core.engine import to_json

    code = EXIT_OK
    outputs: list[dict[str, Any]] = []
    for name, p in checked_each(args.berkas, args.json, outputs):
        if p is None:
            code = EXIT_TIDAK_TERBACA
            continue
        if p.has_errors and code == EXIT_OK:
            code = EXIT_KESALAHAN
        if args.json:
            outputs.append(to_json(p))
        else:
            print(f"{name}: {summary(p.temuan)}")
            print_temuan(p.temuan, name)
    if args.json:
        print_json(outputs[0] if len(outputs) == 1 else outputs)
    return code
