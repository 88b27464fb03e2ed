"""Where everything stands in the template's sheets (pure): one place for each layout fact.

The template builder (``lkj_excel.files.template``) writes the sheets at these rows and
columns; ``grids_from_data`` lays a data dict out as the same grids in memory (the batch
checks merged data this way, so its temuan name the cells of the workbook it writes; the
tests build their workbooks this way too).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.cells import col_letter
from lkj_excel.core.units import PICTURE_KEY

# ---------------------------------------------------------------------------
# Rows and columns
# ---------------------------------------------------------------------------

TITLE_ROW = 1
NOTE_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = HEADER_ROW + 1
#: empty rows (with formulas and dropdowns) in the empty template
TEMPLATE_ROWS = 50
#: spare rows below the data of a filled workbook
SPARE_ROWS = 20
#: last row that cross-sheet lookups reach (rows pasted below the table count too)
# (the class default, not the environment-tunable ``schema.LIMITS``: the template's content
# must not depend on the machine that builds it)
LOOKUP_LAST_ROW = HEADER_ROW + schema.Limits.max_rows_per_sheet

# Pengaturan: header row of the settings, one setting per row below it (schema order),
# then the active predicate scale (SKALA_ROWS reserved rows) with the preset beside it.
SET_TITLE_ROW = 1
SET_NOTE_ROW = 2
SET_HEADER_ROW = 3
SET_FIRST_ROW = SET_HEADER_ROW + 1
SKALA_TITLE_ROW = SET_FIRST_ROW + len(schema.SETTINGS) + 1
SKALA_HEADER_ROW = SKALA_TITLE_ROW + 1
SKALA_FIRST_ROW = SKALA_HEADER_ROW + 1
SKALA_LAST_ROW = SKALA_FIRST_ROW + schema.SKALA_ROWS - 1
SKALA_COL = 0  # A:B active scale
PRESET_COL = 4  # E:F preset (Kabupaten/Kota)
#: below the scale's note: the Skala Kategori table of text targets (Kategori | Peringkat)
KATEGORI_TITLE_ROW = SKALA_LAST_ROW + 4
KATEGORI_HEADER_ROW = KATEGORI_TITLE_ROW + 1
KATEGORI_FIRST_ROW = KATEGORI_HEADER_ROW + 1
KATEGORI_LAST_ROW = KATEGORI_FIRST_ROW + schema.SKALA_KATEGORI_ROWS - 1
#: the hidden metadata sheet holds long dropdown lists from this column on, one per column
#: (an inline list is limited to 255 characters and splits at commas)
META_LIST_COL = 3  # D

SHEET_ORDER = (
    schema.PETUNJUK_SHEET, schema.PROFIL_SHEET,
    *(s.name for s in schema.DATA_SHEETS),
    schema.PENGATURAN_SHEET, schema.META_SHEET,
)

def setting_cell(key: str, absolute: bool = True) -> str:
    """A1 address of a setting's value in Pengaturan (column B)."""
    for i, s in enumerate(schema.SETTINGS):
        if s.key == key:
            row = SET_FIRST_ROW + i
            return f"$B${row}" if absolute else f"B{row}"
    raise KeyError(key)


def col_of(sheet: schema.Sheet, key: str) -> str:
    """Column letter of a column key (the template writes columns in schema order)."""
    for i, c in enumerate(sheet.columns):
        if c.key == key:
            return col_letter(i)
    raise KeyError(key)


def inline_list_fits(choices: tuple[str, ...]) -> bool:
    """An inline dropdown list holds at most 255 characters, and a comma splits a choice."""
    return len(",".join(choices)) <= 255 and not any("," in c for c in choices)


def meta_lists() -> dict[tuple[str, str], tuple[int, tuple[str, ...]]]:
    """(sheet, column key) -> (0-based column in the metadata sheet, choices) of the
    dropdown lists too long to be inline: written down a column of the hidden sheet."""
    out: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = {}
    for sheet in schema.DATA_SHEETS:
        for col in sheet.columns:
            if col.choices and not inline_list_fits(col.choices):
                out[(sheet.name, col.key)] = (META_LIST_COL + len(out), col.choices)
    return out


def profil_row(key: str) -> int:
    """Excel row of a Profil field (label in A, value in B)."""
    for n, fld in enumerate(schema.PROFIL_FIELDS):
        if fld.key == key:
            return FIRST_DATA_ROW + n
    raise KeyError(key)


def profil_cell(key: str) -> str:
    """A1 address of a Profil field's value ("B6" for Tahun)."""
    return f"B{profil_row(key)}"


def cell(sheet: schema.Sheet, key: str, n: int = 0) -> str:
    """A1 address of column ``key`` in the ``n``-th data row (0-based) of a data sheet."""
    return f"{col_of(sheet, key)}{FIRST_DATA_ROW + n}"


def meta_values(meta: dict[str, Any]) -> dict[str, Any]:
    """The hidden metadata as written: contract and template version, id, revision."""
    return {"versi_kontrak": schema.CONTRACT_VERSION, "versi_templat": schema.TEMPLATE_VERSION,
            "id_buku_kerja": meta.get("id_buku_kerja"), "revisi": meta.get("revisi", 0),
            "daftar_bidang": meta.get("daftar_bidang")}


def pictures_from_data(data: dict[str, Any]) -> list[Any]:
    """The pictures of the Gambar rows (key ``PICTURE_KEY``), placed on the rows where the
    template (and ``grids_from_data``) writes those rows."""
    from dataclasses import replace

    out = []
    for n, row in enumerate((data.get("sheets") or {}).get(schema.GAMBAR.name) or []):
        pic = row.get(PICTURE_KEY)
        if pic is not None:
            out.append(replace(pic, row=FIRST_DATA_ROW + n))
    return out


def grids_from_data(data: dict[str, Any]) -> tuple[dict[str, list[list[Any]]], list[str]]:
    """Grids by sheet name (origin A1) in the template's layout, and the sheet order."""
    grids: dict[str, list[list[Any]]] = {}
    head = HEADER_ROW - 1  # 0-based header row
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
            g.append([row.get(c.key) for c in sheet.columns])
        grids[sheet.name] = g
    peng = data.get("pengaturan") or {}
    g = [["Pengaturan"], []]
    g += [[] for _ in range(SET_HEADER_ROW - 1 - len(g))]
    g.append([*schema.PENGATURAN_HEADER, "Keterangan"])
    g += [[s.label, peng.get(s.key, s.default)] for s in schema.SETTINGS]
    g += [[] for _ in range(SKALA_HEADER_ROW - 1 - len(g))]
    g.append([*schema.SKALA_HEADER, None, None, *schema.SKALA_HEADER])
    skala = peng.get("skala", schema.SKALA_STANDAR)
    for n in range(schema.SKALA_ROWS):
        left = [Decimal(str(skala[n][0])), skala[n][1]] if n < len(skala) else [None, None]
        right = ([Decimal(schema.SKALA_KABKOTA[n][0]), schema.SKALA_KABKOTA[n][1]]
                 if n < len(schema.SKALA_KABKOTA) else [])
        g.append([*left, None, None, *right])
    g += [[] for _ in range(KATEGORI_HEADER_ROW - 1 - len(g))]
    g.append(list(schema.SKALA_KATEGORI_HEADER))
    g += [[k, n] for k, n in peng.get("kategori", schema.SKALA_KATEGORI_STANDAR)]
    grids[schema.PENGATURAN_SHEET] = g
    values = meta_values(data.get("meta") or {})
    grids[schema.META_SHEET] = [[f.label, values.get(f.key)] for f in schema.META_FIELDS]
    return grids, list(SHEET_ORDER)


# ---------------------------------------------------------------------------
# Printing (every sheet on A4, readable)
# ---------------------------------------------------------------------------

#: printable A4 width in Excel column-width units at 100% (about 1.85 mm each, default
#: margins): portrait, landscape
A4_PORTRAIT_WIDTH = 94
A4_LANDSCAPE_WIDTH = 141
#: below this scale printed text gets hard to read (11 pt -> 7.7 pt)
MIN_PRINT_SCALE = 0.7
#: empty rows a blank table prints below its header (the print area follows filled rows)
PRINT_BLANK_ROWS = 5


def print_fit(total_width: float) -> tuple[str, int]:
    """(orientation, pages wide) that print a table ``total_width`` units wide at no less
    than ``MIN_PRINT_SCALE``: portrait when it fits, else landscape on as few pages across
    as keep the text readable (IKU's 17 columns: two pages, not one page of 4 pt text)."""
    if total_width <= A4_PORTRAIT_WIDTH:
        return "portrait", 1
    pages = -(-total_width * MIN_PRINT_SCALE // A4_LANDSCAPE_WIDTH)
    return "landscape", max(1, int(pages))
