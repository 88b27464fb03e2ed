"""``lkj gabung FOLDER_ATAU_BERKAS... --out GABUNGAN.xlsx [--json]``: merge the units'
workbooks into the agency's (duplicates, revisions and conflicts reported)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import (
    EXIT_TIDAK_TERBACA,
    err,
    exit_code,
    print_json,
    print_temuan,
    summary,
)

HELP = "gabungkan buku kerja bidang menjadi buku kerja instansi"
DESCRIPTION = "Menggabungkan buku kerja bidang (folder atau daftar berkas)."


def configure(p: Any) -> None:
    p.add_argument("sumber", nargs="+", metavar="FOLDER_ATAU_BERKAS")
    p.add_argument("--out", required=True, metavar="GABUNGAN.xlsx", help="berkas keluaran")
    p.add_argument("--json", action="store_true", help="keluaran JSON")


def run(args: Any) -> int:
    from lkj_excel.batch.check import check_merged, write_merged
    from lkj_excel.batch.merge import STATUS_LABEL, merge_files
    from lkj_excel.core.engine import to_json

    out = Path(args.out)
    if out.suffix.casefold() != ".xlsx":
        return err(f"Berkas keluaran harus berakhiran .xlsx: {out.name}")
    missing = [s for s in args.sumber if not Path(s).exists()]
    if missing:
        return err("Tidak ditemukan: " + ", ".join(missing) + ". Periksa nama folder atau "
                   "berkasnya.")
    g = merge_files(args.sumber, kecuali=out)
    if g.data is None:
        if args.json:
            print_json({"keluaran": None, **g.as_dict()})
        else:
            for b in g.berkas:
                print(f"  {STATUS_LABEL.get(b.status, b.status).upper():<14} {b.berkas}: "
                      f"{b.pesan}")
            print("Tidak ada buku kerja yang dapat digabung; tidak ada berkas yang ditulis.")
        return EXIT_TIDAK_TERBACA
    p = check_merged(g, out.name)
    written = write_merged(g.data, p, out)
    if args.json:
        obj = to_json(p)
        obj["keluaran"] = str(written)
        obj["sumber"] = [b.as_dict() for b in g.berkas]
        print_json(obj)
    else:
        counts: dict[str, int] = {}
        for b in g.berkas:
            counts[b.status] = counts.get(b.status, 0) + 1
        shown = ", ".join(f"{n} {STATUS_LABEL.get(s, s)}" for s, n in counts.items())
        print(f"Gabungan {g.instansi} tahun {g.tahun}: {shown}.")
        print("Berkas:")
        for b in g.berkas:
            print(f"  {STATUS_LABEL.get(b.status, b.status).upper():<24} {b.berkas}")
            print(f"      {b.pesan}")
        print(f"Temuan: {summary(p.temuan)}")
        print_temuan(p.temuan, out.name)
        print(f"Hasil ditulis ke: {written} (lembar Ringkasan dan Validasi).")
    if g.has_unreadable:
        return EXIT_TIDAK_TERBACA
    return exit_code(p.has_errors)
