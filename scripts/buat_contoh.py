"""Write the example workbooks from the seed report's data.

    .venv/bin/python scripts/buat_contoh.py [--keluar FOLDER]

Writes (default folder ``workbooks/contoh``):
- ``LKj 2024 Badan Kesbangpol Kota Banjarbaru.xlsx``: the agency workbook (Bidang
  Sekretariat) with all the seed's data;
- ``per-bidang/<nn> <Unit>.xlsx``: one workbook per unit (Sekretariat first), each with
  only the rows it owns (``lkj_excel.core.units.split_by_unit``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from contoh_data import NAMA_BERKAS_INSTANSI, seed_data  # noqa: E402

FOLDER_CONTOH = ROOT / "workbooks" / "contoh"
FOLDER_PER_BIDANG = "per-bidang"


def buat(folder: Path) -> list[Path]:
    """Write the agency workbook and the per-unit workbooks; the paths written."""
    from lkj_excel.core.units import split_by_unit, unit_filename
    from lkj_excel.files.template import write_workbook

    data = seed_data()
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / NAMA_BERKAS_INSTANSI]
    write_workbook(written[0], data)
    per = folder / FOLDER_PER_BIDANG
    per.mkdir(exist_ok=True)
    for i, (unit, part) in enumerate(split_by_unit(data).items(), 1):
        path = per / unit_filename(i, unit)
        write_workbook(path, part)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Buat buku kerja contoh (LKj 2024 Badan Kesbangpol Kota Banjarbaru) "
                    "beserta buku kerja per bidang.")
    ap.add_argument("--keluar", type=Path, default=FOLDER_CONTOH,
                    help=f"folder tujuan (bawaan: {FOLDER_CONTOH.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    for path in buat(args.keluar):
        print(f"Ditulis: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
