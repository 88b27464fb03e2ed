"""``lkj template [BERKAS]``: write the empty LKj workbook template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import EXIT_OK, err
from lkj_excel.core.temuan import LkjError

HELP = "buat buku kerja templat LKj yang kosong"
DESCRIPTION = "Membuat buku kerja templat LKj (workbooks/template_lkj.xlsx)."


def configure(p: Any) -> None:
    p.add_argument("path", nargs="?", metavar="BERKAS",
                   help="berkas tujuan (bawaan: workbooks/template_lkj.xlsx)")


def run(args: Any) -> int:
    from lkj_excel.core import schema
    from lkj_excel.files.template import DEFAULT_PATH, write_workbook

    path = Path(getattr(args, "path", None) or DEFAULT_PATH)
    try:
        out = write_workbook(path)
    except LkjError as exc:
        return err(f"Gagal membuat templat: {exc.pesan}")
    except OSError as exc:
        return err(f"Gagal menulis templat ke {path}: {exc.strerror or exc}")
    print(f"Templat buku kerja LKj (versi {schema.TEMPLATE_VERSION}) dibuat: {out}")
    return EXIT_OK
