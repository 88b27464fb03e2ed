"""``lkj hitung BERKAS [--out BERKAS] [--json]``: compute, check and write the engine's
sheets (Ringkasan, Validasi) into a new file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import (
    EXIT_TIDAK_TERBACA,
    err,
    error_text,
    exit_code,
    print_json,
    print_temuan,
    summary,
    unreadable_json,
)
from lkj_excel.core.temuan import LkjError

HELP = "hitung capaian dan tulis lembar Ringkasan dan Validasi"
DESCRIPTION = ("Menghitung realisasi, capaian, predikat, serapan anggaran dan jumlah pegawai, "
               "memeriksa buku kerja, lalu menulis lembar Ringkasan dan Validasi ke berkas "
               "keluaran (bawaan: '<nama> - hasil.xlsx').")


def configure(p: Any) -> None:
    p.add_argument("berkas", metavar="BERKAS", help="buku kerja .xlsx")
    p.add_argument("--out", metavar="BERKAS", help="berkas keluaran .xlsx")
    p.add_argument("--json", action="store_true", help="keluaran JSON")


def run(args: Any) -> int:
    from lkj_excel.core.engine import to_json
    from lkj_excel.files.read import check_workbook
    from lkj_excel.files.writer import write_engine_sheets

    name = Path(args.berkas).name
    try:
        p = check_workbook(args.berkas)
        out = write_engine_sheets(args.berkas, p, args.out)
    except LkjError as exc:
        if args.json:
            print_json(unreadable_json(exc, args.berkas))
            return EXIT_TIDAK_TERBACA
        return err(error_text(exc, args.berkas))
    if args.json:
        obj = to_json(p)
        obj["keluaran"] = str(out)
        print_json(obj)
    else:
        print(f"{name}: {len(p.result.indikator)} indikator dihitung; {summary(p.temuan)}.")
        print_temuan(p.temuan, name)
        print(f"Hasil ditulis ke: {out} (lembar Ringkasan dan Validasi).")
    return exit_code(p.has_errors)
