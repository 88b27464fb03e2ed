"""Validate merged data in memory and write the merged workbook in one openpyxl pass.

``grids_from_data`` lays the data dict out exactly as ``lkj_excel.files.template`` writes it
(same sheets, header rows and columns), so the findings of ``check_data`` name the cells
of the workbook ``write_merged`` writes (a test compares both).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.engine import Checked
from lkj_excel.core.temuan import KESALAHAN, Temuan


def grids_from_data(data: dict[str, Any]) -> tuple[dict[str, list[list[Any]]], list[str]]:
    """Grids by sheet name (origin A1) in the template's layout, and the sheet order."""
    from lkj_excel.files import template as t

    grids: dict[str, list[list[Any]]] = {}
    head = t.HEADER_ROW - 1  # 0-based header row
    profil = data.get("profil") or {}
    g: list[list[Any]] = [["Profil Instansi"], []]
    g += [[] for _ in range(head - len(g))]
    g.append([*schema.PROFIL_HEADER, "Keterangan"])
    g += [[f.label, profil.get(f.key)] for f in schema.PROFIL_FIELDS]
    grids[schema.PROFIL_SHEET] = g
    sheets = data.get("sheets") or {}
    for sheet in schema.DATA_SHEETS:
        g = [[sheet.title or sheet.name], [sheet.note]]
        g += [[] for _ in range(head - len(g))]
        g.append([c.label for c in sheet.columns])
        for row in sheets.get(sheet.name) or []:
            g.append([None if c.computed else row.get(c.key) for c in sheet.columns])
        grids[sheet.name] = g
    peng = data.get("pengaturan") or {}
    g = [["Pengaturan"], []]
    g += [[] for _ in range(t.SET_HEADER_ROW - 1 - len(g))]
    g.append([*schema.PENGATURAN_HEADER, "Keterangan"])
    g += [[s.label, peng.get(s.key, s.default)] for s in schema.SETTINGS]
    g += [[] for _ in range(t.SKALA_HEADER_ROW - 1 - len(g))]
    g.append([*schema.SKALA_HEADER, None, None, *schema.SKALA_HEADER])
    skala = peng.get("skala", schema.SKALA_STANDAR)
    for n in range(schema.SKALA_ROWS):
        left = [Decimal(str(skala[n][0])), skala[n][1]] if n < len(skala) else [None, None]
        right = ([Decimal(schema.SKALA_KABKOTA[n][0]), schema.SKALA_KABKOTA[n][1]]
                 if n < len(schema.SKALA_KABKOTA) else [])
        g.append([*left, None, None, *right])
    grids[schema.PENGATURAN_SHEET] = g
    meta = data.get("meta") or {}
    values = {"versi_kontrak": schema.CONTRACT_VERSION, "versi_templat": schema.TEMPLATE_VERSION,
              "id_buku_kerja": meta.get("id_buku_kerja"), "revisi": meta.get("revisi", 0)}
    grids[schema.META_SHEET] = [[f.label, values.get(f.key)] for f in schema.META_FIELDS]
    names = [schema.PETUNJUK_SHEET, schema.PROFIL_SHEET, *(s.name for s in schema.DATA_SHEETS),
             schema.PENGATURAN_SHEET, schema.META_SHEET]
    return grids, names


def check_data(data: dict[str, Any], source: str = "") -> Checked:
    """Compute and validate a data dict in memory (cells as in the written workbook)."""
    from lkj_excel.core.engine import check_grids

    grids, names = grids_from_data(data)
    return check_grids(grids, names, source)  # type: ignore[arg-type]


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
