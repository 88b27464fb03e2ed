"""``lkj reviu BERKAS... [--json] [--out FOLDER] [--pdf]``: the Inspektorat's reviu checklist.

Each item (``lkj_excel.core.reviu``) is terpenuhi, tidak terpenuhi or tidak dapat diperiksa,
with why and where to look. Printed as an Indonesian list, as JSON, and with ``--out`` as a
sheet to print (``Lembar Reviu LKj <Instansi> <Tahun>.xlsx``, and its PDF with ``--pdf``).
Exit code 0 when no item is tidak terpenuhi, 1 otherwise, 2 when a file cannot be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import (
    EXIT_KESALAHAN,
    EXIT_OK,
    EXIT_TIDAK_TERBACA,
    checked_each,
    err,
    print_json,
)
from lkj_excel.core.temuan import LkjError

HELP = "daftar periksa reviu LKj untuk Inspektorat"
DESCRIPTION = ("Daftar periksa reviu Laporan Kinerja (Inspektorat, LKE PermenPAN-RB 88/2021 "
               "komponen Pelaporan Kinerja) dari buku kerja: setiap butir terpenuhi, tidak "
               "terpenuhi atau tidak dapat diperiksa, dengan keterangan dan tempat "
               "memeriksanya. Kode keluar: 0 semua butir yang dapat diperiksa terpenuhi, "
               "1 ada yang tidak terpenuhi, 2 berkas tidak dapat dibaca.")
MARK = {"terpenuhi": "[v]", "tidak terpenuhi": "[x]", "tidak dapat diperiksa": "[?]"}


def configure(p: Any) -> None:
    p.add_argument("berkas", nargs="+", metavar="BERKAS", help="buku kerja .xlsx")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--out", metavar="FOLDER",
                   help="tulis lembar reviu yang dapat dicetak (.xlsx) ke folder ini")
    p.add_argument("--pdf", action="store_true", help="dengan --out: buat juga PDF-nya")


def run(args: Any) -> int:
    from lkj_excel.core.reviu import TIDAK_TERPENUHI, counts, reviu, ringkas

    out_dir = Path(args.out) if args.out else None
    if args.pdf and out_dir is None:
        return err("--pdf memerlukan --out FOLDER (folder untuk lembar reviu).")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        return err(f"\"{out_dir}\" bukan folder. Sebutkan folder keluaran dengan --out.")
    code = EXIT_OK
    outputs: list[dict[str, Any]] = []
    for name, p in checked_each(args.berkas, args.json, outputs):
        if p is None:
            code = EXIT_TIDAK_TERBACA
            continue
        items = reviu(p)
        if any(i.hasil == TIDAK_TERPENUHI for i in items) and code == EXIT_OK:
            code = EXIT_KESALAHAN
        written: list[str] = []
        if out_dir is not None:
            try:
                written = write_sheet(items, p, out_dir, args.pdf)
            except LkjError as exc:
                return err(exc.pesan)
        if args.json:
            outputs.append({"berkas": name, "instansi": p.result.profil.get("instansi"),
                            "tahun": p.result.profil.get("tahun"), "ringkasan": counts(items),
                            "butir": [i.as_dict() for i in items], "keluaran": written})
            continue
        pr = p.result.profil
        print(f"Reviu LKj {pr.get('instansi') or name} tahun {pr.get('tahun') or '-'} "
              f"({name}): {ringkas(items)}.")
        for n, i in enumerate(items, 1):
            print(f"{n:>3}. {MARK[i.hasil]} {i.butir}: {i.hasil.upper()}")
            print(f"        {i.keterangan}")
            print(f"        Periksa: {'; '.join(i.lokasi)}")
        for w in written:
            print(f"Lembar reviu ditulis: {w}")
    if args.json:
        print_json(outputs[0] if len(outputs) == 1 else outputs)
    return code


def write_sheet(items: list[Any], p: Any, out_dir: Path, pdf: bool) -> list[str]:
    from lkj_excel.files.reviu import reviu_filename, write_reviu_xlsx, xlsx_to_pdf

    xlsx = write_reviu_xlsx(items, p.result.profil, p.data.source,
                            out_dir / reviu_filename(p.result.profil, p.data.source))
    written = [str(xlsx)]
    if pdf:
        written.append(str(xlsx_to_pdf(xlsx, xlsx.with_suffix(".pdf"))))
    return written
