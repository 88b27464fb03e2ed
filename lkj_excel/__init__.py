"""lkj-excel: Laporan Kinerja (LKj) dari buku kerja Excel yang baku.

Keep this module cheap to import: the Excel button imports it on every click.
Heavy dependencies are imported inside the functions that use them.
"""

from lkj_excel.core import __version__

__all__ = ["__version__", "main"]


def main() -> None:
    """Entry point of the Excel add-in's "Hitung" button (xlwings RunPython)."""
    from lkj_excel.xl import main as _main

    _main()
