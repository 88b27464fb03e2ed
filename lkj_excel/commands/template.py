"""``lkj template [BERKAS]``: write the empty LKj workbook template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import EXIT_OK, err
from lkj_excel.core.temuan import LkjError

HELP = "buat buku kerja templat LKj yang kosong (atau --contoh: buku kerja contoh)"
DESCRIPTION = ("Membuat buku kerja templat LKj yang kosong (workbooks/template_lkj.xlsx), atau "
               "dengan --contoh buku kerja contoh yang sudah terisi (data LKj 2024 Badan "
               "Kesbangpol Kota Banjarbaru) untuk melihat cara mengisi setiap tabel.")


def configure(p: Any) -> None:
    p.add_argument("path", nargs="?", metavar="BERKAS",
                   help="berkas tujuan (bawaan: workbooks/template_lkj.xlsx; dengan "
                        "--contoh: nama buku kerja contoh di folder ini)")
    p.add_argument("--contoh", action="store_true",
                   help="buat buku kerja contoh yang sudah terisi, bukan templat kosong")


def run(args: Any) -> int:
    from lkj_excel.core import schema
    from lkj_excel.files.template import DEFAULT_PATH, write_workbook

    contoh = bool(getattr(args, "contoh", False))
    if contoh:
        from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data

        path = Path(getattr(args, "path", None) or NAMA_BERKAS_INSTANSI)
    else:
        path = Path(getattr(args, "path", None) or DEFAULT_PATH)
    try:
        out = write_workbook(path, seed_data() if contoh else None)
    except LkjError as exc:
        return err(f"Gagal membuat templat: {exc.pesan}")
    except OSError as exc:
        return err(f"Gagal menulis templat ke {path}: {exc.strerror or exc}")
    kind = "Buku kerja contoh" if contoh else "Templat buku kerja LKj"
    print(f"{kind} (versi {schema.TEMPLATE_VERSION}) dibuat: {out}")
    return EXIT_OK
