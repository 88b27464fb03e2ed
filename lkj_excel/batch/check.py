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
    p.temuan = [relocate(f, g) for f in p.temuan if not _cascade(f, g)]
    merge: list[Temuan] = list(g.temuan)
    merge.sort(key=lambda f: f.tingkat != KESALAHAN)
    p.temuan = merge + p.temuan
    return p


def write_merged(data: dict[str, Any], p: Checked, out: str | Path) -> Path:
    """Write the merged workbook with its Ringkasan and Validasi sheets, atomically."""
    from lkj_excel.files.template import write_workbook
    from lkj_excel.files.writer import add_engine_sheets

    return write_workbook(out, data, finish=lambda wb: add_engine_sheets(wb, p))


def relocate(f: Temuan, g: Any) -> Temuan:
    """A finding on the merged data, named at the unit's file and cell it came from.

    The merged rows carry their file and Excel row (``merge.ORIGIN``); the column is the
    same column of that file (found by its header). The Profil comes from the first used
    file (the Sekretariat's). The message still says the merged cell.
    """
    from lkj_excel.batch.merge import ORIGIN
    from lkj_excel.core import layout, schema
    from lkj_excel.core.cells import col_index, split_ref

    col, row = split_ref(f.sel) if f.sel else ("", 0)
    if not col:
        return f
    nama, sel = "", ""
    if f.lembar == schema.PROFIL_SHEET and g.base:
        key = next((fl.key for fl in schema.PROFIL_FIELDS
                    if layout.profil_row(fl.key) == row), None)
        cells = g.sumber.get(g.base, ({}, {}))[1]
        if key is not None and key in cells:
            nama, sel = g.base, cells[key]
    else:
        sheet = schema.data_sheet(f.lembar)
        rows = g.data["sheets"].get(sheet.name, []) if sheet else []
        i = row - layout.FIRST_DATA_ROW
        if sheet is not None and 0 <= i < len(rows) and rows[i].get(ORIGIN):
            nama, src_row = rows[i][ORIGIN]
            c = col_index(col)
            key = sheet.columns[c].key if c < len(sheet.columns) else ""
            letters = g.sumber.get(nama, ({}, {}))[0].get(sheet.name, {})
            sel = f"{letters.get(key, col)}{src_row}" if src_row else ""
    if not nama or not sel:
        return f
    return Temuan(f.kode, f.tingkat, f.lembar, sel,
                  f"{f.pesan} (Di buku kerja gabungan: {f.lembar}!{f.sel}.)", nama)


#: what the validator says about an indicator whose row a conflict left out (the conflict
#: finding already says it; these would only repeat it wrongly)
CASCADE = ("indikator-tanpa-iku", "iku-tanpa-pk", "kode-tidak-dikenal", "realisasi-kosong")


def _cascade(f: Temuan, g: Any) -> bool:
    from lkj_excel.core import layout, schema
    from lkj_excel.core.cells import split_ref
    from lkj_excel.core.model import norm

    if f.kode not in CASCADE or not getattr(g, "konflik", None):
        return False
    sheet = schema.data_sheet(f.lembar)
    _col, row = split_ref(f.sel) if f.sel else ("", 0)
    rows = g.data["sheets"].get(sheet.name, []) if sheet else []
    i = row - layout.FIRST_DATA_ROW
    return 0 <= i < len(rows) and norm(rows[i].get("kode_indikator")) in g.konflik
