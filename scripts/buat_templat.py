"""Write the empty LKj workbook template.

    .venv/bin/python scripts/buat_templat.py [BERKAS]

Default target: ``workbooks/template_lkj.xlsx`` (committed; tests/test_template.py checks
that it equals what ``lkj_excel.files.template.build_workbook()`` makes, by content).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "workbooks" / "template_lkj.xlsx"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Buat templat buku kerja LKj yang kosong.")
    ap.add_argument("path", nargs="?", type=Path, default=TARGET,
                    help=f"berkas tujuan (bawaan: {TARGET.relative_to(ROOT)})")
    args = ap.parse_args(argv)
    from lkj_excel.commands.template import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
