"""What the engine writes into a workbook: the ``Ringkasan`` and ``Validasi`` sheets.

Pure layout: blocks of rows (values only), so the openpyxl writer (``lkj hitung``) and the
xlwings button write exactly the same thing. Each block is one bulk write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lkj_excel.core import __version__, schema
from lkj_excel.core.cells import split_ref
from lkj_excel.core.engine import Checked
from lkj_excel.core.temuan import KESALAHAN, Temuan
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
        blocks.append(Block(r, 1, rows))
        r += len(rows)
    r += 1
    a = h.anggaran
    blocks.append(Block(r, 1, [["Realisasi Anggaran per Program"]], "title"))
    r += 1
    blocks.append(Block(r, 1, [[c.label for c in schema.RINGKASAN_ANGGARAN]], "header"))
    r += 1
    rows = [[_v(x) for x in (g.program, g.anggaran, g.realisasi, g.serapan_persen, g.efisiensi,
                             g.efisiensi_persen)] for g in a.program]
    if rows:
        blocks.append(Block(r, 1, rows))
        r += len(rows)
    blocks.append(Block(r, 1, [[_v(x) for x in ("Jumlah", a.anggaran, a.realisasi,
                                                  a.serapan_persen, a.efisiensi,
                                                  a.efisiensi_persen)]], "total"))
    r += 2
    blocks.append(Block(r, 1, [["Keadaan Pegawai"]], "title"))
    r += 1
    blocks.append(Block(r, 1, [["Jenis Pegawai", "Jumlah"]], "header"))
    r += 1
    rows = [[j, n] for j, n in h.pegawai.per_jenis.items()]
    if rows:
        blocks.append(Block(r, 1, rows))
        r += len(rows)
    blocks.append(Block(r, 1, [["Jumlah", h.pegawai.jumlah]], "total"))
    r += 2
    n_err = sum(1 for f in p.temuan if f.tingkat == KESALAHAN)
    blocks.append(Block(r, 1, [["Temuan pemeriksaan"]], "title"))
    blocks.append(Block(r + 1, 1, [["Kesalahan", n_err],
                                   ["Peringatan", len(p.temuan) - n_err]]))
    r += 4
    for title, header, rows in ringkasan_tables(h.triwulan):  # the quarters, when kept
        blocks.append(Block(r, 1, [[title]], "title"))
        blocks.append(Block(r + 1, 1, [list(header)], "header"))
        if rows:
            blocks.append(Block(r + 2, 1, [[_v(x) for x in row] for row in rows]))
        r += 3 + len(rows)
    return blocks


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
        blocks.append(Block(5, 1, rows, formula_cols=(6,)))
    return blocks


def is_formula_text(value: Any) -> bool:
    """Text that a spreadsheet would take as a formula if written as is."""
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@")
