"""``lkj periksa BERKAS... [--json]``: check workbooks and list their temuan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import (
    EXIT_KESALAHAN,
    EXIT_OK,
    EXIT_TIDAK_TERBACA,
    print_json,
    print_temuan,
    summary,
    unreadable_json,
)
from lkj_excel.core.temuan import WorkbookError

HELP = "periksa buku kerja dan tampilkan temuannya"
DESCRIPTION = ("Memeriksa satu atau beberapa buku kerja LKj. Kode keluar: 0 tanpa kesalahan, "
               "1 ada kesalahan, 2 berkas tidak dapat dibaca.")


def configure(p: Any) -> None:
    p.add_argument("berkas", nargs="+", metavar="BERKAS", help="buku kerja .xlsx")
    p.add_argument("--json", action="store_true", help="keluaran JSON")


def run(args: Any) -> int:
    from lkj_excel.core.engine import to_json
    from lkj_excel.files.read import check_workbook

    code = EXIT_OK
    outputs: list[dict[str, Any]] = []
    for path in args.berkas:
        name = Path(path).name
        try:
            p = check_workbook(path)
        except WorkbookError as exc:
            code = EXIT_TIDAK_TERBACA
            if args.json:
                outputs.append(unreadable_json(exc, path))
            else:
                print(f"{name}: TIDAK DAPAT DIBACA — {exc.pesan}")
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
