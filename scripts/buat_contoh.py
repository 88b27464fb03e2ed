"""Write the example workbooks from the seed report's data.

    .venv/bin/python scripts/buat_contoh.py [--keluar FOLDER]

Default folder ``workbooks/contoh`` (committed; a test checks it is what
``lkj_excel.files.examples.write_examples`` writes).
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER_CONTOH = ROOT / "workbooks" / "contoh"


def main(argv: list[str] | None = None) -> int:
    from lkj_excel.files.examples import write_examples

    ap = argparse.ArgumentParser(
        description="Buat buku kerja contoh (LKj 2024 Badan Kesbangpol Kota Banjarbaru) "
                    "beserta buku kerja per bidang.")
    ap.add_argument("--keluar", type=Path, default=FOLDER_CONTOH,
                    help=f"folder tujuan (bawaan: {FOLDER_CONTOH.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    for path in write_examples(args.keluar):
        print(f"Ditulis: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
