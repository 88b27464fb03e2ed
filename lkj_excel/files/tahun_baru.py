"""Write next year's workbook (``lkj tahun-baru``): read this year's, build the new data
(``core.tahun_baru``), write it from the template with the engine's Ringkasan and Validasi
(its findings, then the note of what was carried and what to fill), the cells to fill
marked. The input is never written: the output must be another file, and the input's
sha256 is checked after.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.engine import Checked, check_grids
from lkj_excel.core.layout import grids_from_data
from lkj_excel.core.sheets import Block
from lkj_excel.core.tahun_baru import CATATAN_HEADER, CATATAN_TITLE, NextYear, catatan_rows
from lkj_excel.core.temuan import WriteError

#: the fill of the cells to fill again (light yellow, as Excel's "Neutral")
MARK_FILL = "FFEB9C"


@dataclass
class Written:
    path: Path
    next_year: NextYear
    checked: Checked
    sha256: str


def sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def note_blocks(ny: NextYear, first_row: int) -> list[Block]:
    rows = catatan_rows(ny)
    out = [Block(first_row, 1, [[CATATAN_TITLE]], "title"),
           Block(first_row + 1, 1, [list(CATATAN_HEADER)], "header")]
    if rows:
        out.append(Block(first_row + 2, 1, rows))
    return out


def _finish(ny: NextYear, p: Checked) -> Any:
    def finish(wb: Any) -> None:
        from openpyxl.styles import Alignment, PatternFill

        from lkj_excel.files.writer import add_engine_sheets, write_blocks

        add_engine_sheets(wb, p)
        ws = wb[schema.VALIDASI_SHEET]
        blocks = note_blocks(ny, 6 + len(p.temuan))
        write_blocks(ws, blocks)
        wrap = Alignment(wrap_text=True, vertical="top")
        top = Alignment(vertical="top")
        width = ws.column_dimensions["F"].width or 90
        for b in blocks[2:]:
            for i, row in enumerate(b.rows):
                for c in range(1, 7):
                    ws.cell(b.row + i, c).alignment = wrap if c == 6 else top
                lines = -(-len(str(row[5] or "")) // max(1, int(width) - 2))
                if lines > 1:
                    ws.row_dimensions[b.row + i].height = min(409, 15 * lines)
        fill = PatternFill("solid", fgColor=MARK_FILL)
        for sheet, a1 in ny.tandai:
            wb[sheet][a1].fill = fill
            if sheet == schema.PROFIL_SHEET:  # the Keterangan column says why
                note = wb[sheet][a1.replace("B", "C", 1)]
                note.value = (f"ISI untuk tahun {ny.tahun} (dikosongkan oleh lkj tahun-baru). "
                              f"{note.value or ''}").strip()
                note.data_type = "s"

    return finish


def write_next_year(src: str | Path, out: str | Path) -> Written:
    """Read ``src``, write next year's workbook to ``out``; ``src`` is never written."""
    from lkj_excel.core.tahun_baru import next_year
    from lkj_excel.core.units import data_from_model
    from lkj_excel.files.read import check_workbook
    from lkj_excel.files.template import write_workbook

    src, out = Path(src), Path(out)
    if out.exists() and out.resolve() == src.resolve():
        raise WriteError("Buku kerja tahun baru harus ditulis ke berkas lain: --out tidak boleh "
                         "sama dengan berkas masukan (berkas masukan tidak pernah diubah).",
                         out.name)
    before = sha256(src)
    p = check_workbook(src)
    ny = next_year(data_from_model(p.data), p.result)
    grids, names = grids_from_data(ny.data)
    p_new = check_grids(grids, names, out.name)
    path = write_workbook(out, ny.data, finish=_finish(ny, p_new))
    if sha256(src) != before:  # pragma: no cover - nothing here writes to src
        raise WriteError("Berkas masukan berubah selama proses; periksa berkasnya.", src.name)
    return Written(path, ny, p_new, before)
