"""lkj-excel: Laporan Kinerja (LKj) dari buku kerja Excel yang baku.

Keep this module cheap to import: the Excel button imports it on every click.
Heavy dependencies are imported inside the functions that use them.

For notebooks::

    import lkj_excel
    p = lkj_excel.baca("LKj 2024 Dinas X.xlsx")     # one workbook, computed and validated
    tabel = lkj_excel.rekap(["folder-lkj/"])        # every agency: dict of DataFrames
    tabel["indikator"].pivot_table(index="instansi", columns="tahun", values="capaian")
"""

from __future__ import annotations

from lkj_excel.core import __version__

TYPE_CHECKING = False  # not typing's: importing typing would cost the button ~5 ms
if TYPE_CHECKING:  # pragma: no cover
    from os import PathLike
    from typing import Any

    from lkj_excel.core.engine import Checked

__all__ = ["__version__", "baca", "main", "rekap"]


def main() -> None:
    """Entry point of the Excel add-in's "Hitung" button (xlwings RunPython)."""
    from lkj_excel.xl import main as _main

    _main()


def baca(path: str | PathLike[str]) -> Checked:
    """One workbook read (after the safety scan), computed and validated: the ``Checked``
    that ``lkj periksa`` and ``lkj hitung`` use (``.result.indikator``, ``.result.anggaran``,
    ``.temuan``, ``.has_errors``). Raises ``lkj_excel.core.temuan.WorkbookError`` (its
    ``pesan`` says why in Indonesian) when the file cannot be read at all."""
    from lkj_excel.files.read import check_workbook

    return check_workbook(path)


def rekap(paths: str | PathLike[str] | list[str | PathLike[str]], gabung: bool = True,
          pekerja: int | None = 1, scheduler: str | None = None) -> dict[str, Any]:
    """The tables of ``lkj rekap`` as pandas DataFrames, by name: ``indikator``,
    ``riwayat``, ``anggaran``, ``lra``, ``pegawai``, ``temuan``, ``berkas``.

    ``paths``: folders (read recursively) and workbooks. ``gabung=False`` takes every
    workbook as it is instead of merging the units of one agency and year. ``pekerja``
    processes read the files (1: in this process; None: one per core); ``scheduler`` a Dask
    cluster's address. Money columns hold exact ``Decimal``; figures and percentages are
    floats; a file that cannot be read is a row of ``temuan``, never an exception.
    """
    from lkj_excel.analysis.collect import rekap_tables
    from lkj_excel.analysis.frames import frames, pandas

    pandas()  # say which install adds pandas before reading anything
    sumber = [paths] if isinstance(paths, str) or hasattr(paths, "__fspath__") else paths
    r = rekap_tables(list(sumber), gabung=gabung, pekerja=pekerja,  # type: ignore[arg-type]
                     scheduler=scheduler)
    return frames(r.tables)
