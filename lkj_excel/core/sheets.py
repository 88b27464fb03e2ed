"""What the engine writes into a workbook: the ``Ringkasan`` and ``Validasi`` sheets.

Pure layout: blocks of rows (values), with how they show (number formats, fills), so the
openpyxl writer (``lkj hitung``) and the xlwings button write exactly the same thing. Each
block is one bulk write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lkj_excel.core import __version__, schema
from lkj_excel.core.cells import split_ref
from lkj_excel.core.engine import Checked
from lkj_excel.core.temuan import KESALAHAN, PERINGATAN, TINGKAT_COLORS, Temuan
from lkj_excel.core.triwulan import ringkasan_tables

Value = str | float | int | None


@dataclass(frozen=True)
class Block:
    """Rows written at (row, col), 1-based; ``header`` rows are styled as headers."""

    row: int
    col: int
    rows: list[list[Value]]
    kind: str = "data"  # "title", "header", "data", "total"
    #: 0-based columns of this block whose strings are the engine's own formulas; every
    #: other string is text, even when it starts with = + - @ (no formula injection)
    formula_cols: tuple[int, ...] = ()
    #: Excel number format per column of the block (None: General), one for the whole
    #: column so its figures line up ("#,##0.00", never "#,##0.##", which shows "100.")
    formats: tuple[str | None, ...] = ()
    #: fill colour ("#RRGGBB") per cell, the shape of ``rows`` (None: no fill)
    fills: tuple[tuple[str | None, ...], ...] = ()


MAX_DECIMALS = 6


def number_format(decimals: int) -> str:
    """``#,##0`` or ``#,##0.00``...: Excel shows the user's own separators for it."""
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * min(decimals, MAX_DECIMALS)


def _decimals(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return 0
    d = Decimal(str(value)).normalize()
    exp = d.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def column_formats(rows: list[list[Value]], kinds: list[str], desimal: int
                   ) -> tuple[str | None, ...]:
    """One number format per column: the ``Desimal`` setting for figures, 2 places for
    money with sen (none without), never fewer places than a value in the column has (a
    typed 4,5 never shows as 5). Text columns: None."""
    out: list[str | None] = []
    for j, kind in enumerate(kinds):
        values = [r[j] for r in rows if j < len(r) and isinstance(r[j], int | float)
                  and not isinstance(r[j], bool)]
        if kind == "int":
            out.append("#,##0")
        elif kind == "money":
            out.append(number_format(2 if any(_decimals(v) for v in values) else 0))
        elif kind == "number":
            places = max([desimal, *(_decimals(v) for v in values)])
            out.append(number_format(places))
        else:
            out.append(None)
    return tuple(out)


def _v(value: Any) -> Value:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _shown(o: schema.Output, value: Any) -> Any:
    """A result value as Ringkasan shows it (codes in words)."""
    if o.words is not None and value is not None:
        return o.words.get(value, value)
    return value


def ringkasan_blocks(p: Checked) -> list[Block]:
    h = p.result
    prof = h.profil
    desimal = p.data.settings.desimal
    blocks: list[Block] = []
    r = 1
    blocks.append(Block(r, 1, [["Ringkasan Hasil Perhitungan LKj"]], "title"))
    r += 1
    ident = " · ".join(str(x) for x in (prof.get("instansi"), prof.get("bidang"),
                                        prof.get("tahun")) if x)
    blocks.append(Block(r, 1, [[
        f"{ident} — ditulis oleh lkj-excel {__version__}. Lembar ini ditulis ulang setiap kali "
        "dihitung; jangan diketik."]]))
    r += 2
    blocks.append(Block(r, 1, [["Indikator Kinerja"]], "title"))
    r += 1
    blocks.append(Block(r, 1, [[c.label for c in schema.RINGKASAN_INDIKATOR]], "header"))
    r += 1
    rows = [[_v(_shown(o, i.output(o))) for o in schema.RINGKASAN_INDIKATOR]
            for i in h.indikator]
    if rows:
        kinds = [o.kind for o in schema.RINGKASAN_INDIKATOR]
        blocks.append(Block(r, 1, rows, formats=column_formats(rows, kinds, desimal)))
        r += len(rows)
    r += 1
    a = h.anggaran
    blocks.append(Block(r, 1, [["Realisasi Anggaran per Program"]], "title"))
    r += 1
    blocks.append(Block(r, 1, [[c.label for c in schema.RINGKASAN_ANGGARAN]], "header"))
    r += 1
    rows = [[_v(x) for x in (g.program, g.anggaran, g.realisasi, g.serapan_persen, g.efisiensi,
                             g.efisiensi_persen)] for g in a.program]
    total = [[_v(x) for x in ("Jumlah", a.anggaran, a.realisasi, a.serapan_persen, a.efisiensi,
                              a.efisiensi_persen)]]
    formats = column_formats(rows + total, [c.kind for c in schema.RINGKASAN_ANGGARAN],
                             desimal)
    if rows:
        blocks.append(Block(r, 1, rows, formats=formats))
        r += len(rows)
    blocks.append(Block(r, 1, total, "total", formats=formats))
    r += 2
    blocks.append(Block(r, 1, [["Keadaan Pegawai"]], "title"))
    r += 1
    blocks.append(Block(r, 1, [["Jenis Pegawai", "Jumlah"]], "header"))
    r += 1
    rows = [[j, n] for j, n in h.pegawai.per_jenis.items()]
    if rows:
        blocks.append(Block(r, 1, rows, formats=(None, "#,##0")))
        r += len(rows)
    blocks.append(Block(r, 1, [["Jumlah", h.pegawai.jumlah]], "total", formats=(None, "#,##0")))
    r += 2
    n_err = sum(1 for f in p.temuan if f.tingkat == KESALAHAN)
    blocks.append(Block(r, 1, [["Temuan pemeriksaan"]], "title"))
    blocks.append(Block(r + 1, 1, [["Kesalahan", n_err],
                                   ["Peringatan", len(p.temuan) - n_err]],
                        formats=(None, "#,##0"),
                        fills=((None, TINGKAT_COLORS[KESALAHAN] if n_err else None),
                               (None, None))))
    r += 4
    for title, header, rows in ringkasan_tables(h.triwulan):  # the quarters, when kept
        blocks.append(Block(r, 1, [[title]], "title"))
        blocks.append(Block(r + 1, 1, [list(header)], "header"))
        if rows:
            values = [[_v(x) for x in row] for row in rows]
            kinds = ["number" if any(isinstance(v[j], int | float) for v in values) else "text"
                     for j in range(len(header))]
            blocks.append(Block(r + 2, 1, values,
                                formats=column_formats(values, kinds, desimal)))
        r += 3 + len(rows)
    return blocks


def landing_sheet(p: Checked) -> str:
    """Where the person lands after Hitung: Validasi when there are errors, else Ringkasan."""
    return schema.VALIDASI_SHEET if p.has_errors else schema.RINGKASAN_SHEET


_SAFE_SHEET = re.compile(r"^[^\[\]:*?/\\]{1,31}$")


def hyperlink_formula(f: Temuan, sheet_names: list[str]) -> str | None:
    """``=HYPERLINK("#'IKU'!C5","Buka")`` for a finding whose sheet exists; else None."""
    if f.lembar not in sheet_names or not _SAFE_SHEET.match(f.lembar):
        return None
    col, row = split_ref(f.sel) if f.sel else ("A", 1)
    if not col:
        col, row = "A", 1
    sheet = f.lembar.replace("'", "''").replace('"', '""')
    return f'=HYPERLINK("#\'{sheet}\'!{col}{row}","Buka")'


def validasi_blocks(p: Checked) -> list[Block]:
    n_err = sum(1 for f in p.temuan if f.tingkat == KESALAHAN)
    n_warn = len(p.temuan) - n_err
    summary = (f"{n_err} kesalahan, {n_warn} peringatan." if p.temuan
               else "Tidak ada temuan: buku kerja siap dipakai.")
    blocks = [
        Block(1, 1, [["Hasil Validasi"]], "title"),
        Block(2, 1, [[summary]]),
        Block(4, 1, [[c.label for c in schema.VALIDASI_COLUMNS]], "header"),
    ]
    rows: list[list[Value]] = []
    for n, f in enumerate(p.temuan, start=1):
        # a finding of another file (a unit's workbook in a merge) names that file and
        # links nowhere here (its sheet and cell are that file's)
        mine = not f.berkas or f.berkas == p.data.source
        rows.append([n, f.tingkat, f.kode, f.lembar, f.sel or None,
                     f.pesan if mine else f"Berkas \"{f.berkas}\": {f.pesan}",
                     hyperlink_formula(f, p.data.sheet_names) if mine else None])
    if rows:
        fills = tuple((None, TINGKAT_COLORS.get(str(row[1])), None, None, None, None, None)
                      for row in rows)
        blocks.append(Block(5, 1, rows, formula_cols=(6,), formats=("0",), fills=fills))
    return blocks


def is_formula_text(value: Any) -> bool:
    """Text that a spreadsheet would take as a formula if written as is."""
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@")
