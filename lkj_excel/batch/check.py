"""Validate merged data in memory and write the merged workbook in one openpyxl pass.

``grids_from_data`` lays the data dict out exactly as ``lkj_excel.files.template`` writes it
(same sheets, header rows and columns), so the findings of ``check_data`` name the cells
of the workbook ``write_merged`` writes (a test compares both).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.core.engine import Checked
from lkj_excel.core.temuan import KESALAHAN, Temuan


def check_data(data: dict[str, Any], source: str = "") -> Checked:
    """Compute and validate a data dict in memory (cells as in the written workbook)."""
    from lkj_excel.core.engine import check_grids
    from lkj_excel.core.layout import grids_from_data, pictures_from_data

    grids, names = grids_from_data(data)
    return check_grids(grids, names, source,  # type: ignore[arg-type]
                       pictures=pictures_from_data(data))


def check_merged(g: Any, source: str = "") -> Checked:
    """The merged data of a ``Merge`` computed and validated; the merge's own findings
    (conflicts, set-aside files, foreign rows) come first."""
    if g.data is None:
        raise ValueError("tidak ada data gabungan")
    p = check_data(g.data, source)
    merge: list[Temuan] = list(g.temuan)
    merge.sort(key=lambda f: f.tingkat != KESALAHAN)
    p.temuan = merge + p.temuan
    return p


def write_merged(data: dict[str, Any], p: Checked, out: str | Path) -> Path:
    """Write the merged workbook with its Ringkasan and Validasi sheets, atomically."""
    from lkj_excel.files.template import write_workbook
    from lkj_excel.files.writer import add_engine_sheets

    return write_workbook(out, data, finish=lambda wb: add_engine_sheets(wb, p))
