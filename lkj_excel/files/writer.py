"""Write ``Ringkasan`` and ``Validasi`` into a copy of the workbook (openpyxl adapter).

The two sheets are laid out and styled by openpyxl (``add_engine_sheets``, also used for the
batch's merged workbook) in a scratch workbook, and spliced into a copy of the person's file
(``lkj_excel.files.package``): every other part stays byte-identical, so charts, shapes and
pivot tables survive. A package the splice cannot edit safely goes through the old openpyxl
load-and-save, which is never written over a person's workbook when openpyxl would drop
something. Never over a workbook open in Excel, always atomically. Only the engine's own
sheets change; sheets named ``*.conf`` (xlwings configuration) are never carried into the
output.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lkj_excel.core import schema
from lkj_excel.core.engine import Checked
from lkj_excel.core.layout import print_fit
from lkj_excel.core.sheets import Block, landing_sheet, ringkasan_blocks, validasi_blocks
from lkj_excel.core.temuan import WorkbookError, WriteError
from lkj_excel.files.atomic import atomic_write

#: parts of an .xlsx that openpyxl does not read back, so a save would drop them
DROPPED_PARTS = ("xl/drawings/", "xl/charts/", "xl/media/", "xl/pivotTables/",
                 "xl/pivotCache/", "xl/slicers/", "xl/slicerCaches/", "xl/timelines/",
                 "xl/timelineCaches/", "xl/activeX/", "xl/ctrlProps/", "xl/vbaProject.bin",
                 "xl/diagrams/", "xl/embeddings/", "xl/model/", "customXml/")


def dropped_parts(path: Path) -> list[str]:
    """Parts openpyxl would drop when re-saving ``path`` (empty list: safe to re-save)."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    return sorted({p for n in names for p in DROPPED_PARTS if n.startswith(p)})


def default_output(src: Path) -> Path:
    return src.with_name(f"{src.stem} - hasil.xlsx")


def _style_sheet(ws, blocks: list[Block]) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="1F4E78")
    head_font = Font(bold=True, color="FFFFFF")
    for b in blocks:
        for i, row in enumerate(b.rows):
            for j, _ in enumerate(row):
                cell = ws.cell(row=b.row + i, column=b.col + j)
                if b.kind == "title":
                    cell.font = Font(bold=True, size=12)
                elif b.kind == "header":
                    cell.font, cell.fill = head_font, head_fill
                    cell.alignment = Alignment(wrap_text=True, vertical="center")
                elif b.kind == "total":
                    cell.font = bold


def write_blocks(ws, blocks: list[Block]) -> None:  # type: ignore[no-untyped-def]
    """Write blocks into an openpyxl worksheet; person text always stays text."""
    for b in blocks:
        for i, row in enumerate(b.rows):
            for j, value in enumerate(row):
                if value is None:
                    continue
                cell = ws.cell(row=b.row + i, column=b.col + j)
                cell.value = value
                if isinstance(value, str) and j not in b.formula_cols:
                    cell.data_type = "s"
    _style_sheet(ws, blocks)


MAX_WIDTH = {schema.RINGKASAN_SHEET: 50, schema.VALIDASI_SHEET: 90}


def _shown(value: object) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:,.2f}" if abs(value) >= 1000 else f"{value:,}"
    return str(value)


def _formats(ws, sheet: str, blocks: list[Block]) -> None:  # type: ignore[no-untyped-def]
    """The blocks' number formats and fills, column widths from what the blocks hold,
    wrapped long text, everything aligned to the top."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    cap = MAX_WIDTH[sheet]
    widths: dict[int, int] = {}
    for b in blocks:
        if b.kind == "title" or (len(b.rows) == 1 and len(b.rows[0]) == 1):
            continue  # titles and one-cell notes may run across columns
        for row in b.rows:
            for j, value in enumerate(row):
                if value is None or j in b.formula_cols:
                    continue
                col = b.col + j
                widths[col] = max(widths.get(col, 8), min(cap, len(_shown(value)) + 2))
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = w
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for b in blocks:
        if b.kind in ("title", "header") or (len(b.rows) == 1 and len(b.rows[0]) == 1):
            continue
        for i, values in enumerate(b.rows):
            lines = 1
            fills = b.fills[i] if i < len(b.fills) else ()
            for j, v in enumerate(values):
                cell = ws.cell(row=b.row + i, column=b.col + j)
                cell.alignment = top
                if j < len(b.formats) and b.formats[j]:
                    cell.number_format = b.formats[j]
                if j < len(fills) and fills[j]:
                    cell.fill = PatternFill("solid", fgColor=fills[j].lstrip("#"))
                if isinstance(v, str) and j not in b.formula_cols and \
                        len(v) > widths.get(b.col + j, cap) - 2:
                    cell.alignment = wrap
                    lines = max(lines, -(-len(v) // max(1, widths.get(b.col + j, cap) - 2)))
            if lines > 1:
                ws.row_dimensions[b.row + i].height = min(409, 15 * lines)


def add_engine_sheets(wb, p: Checked) -> None:  # type: ignore[no-untyped-def]
    """Replace the engine's sheets in an openpyxl workbook; drop ``*.conf`` sheets. The
    workbook opens on Ringkasan, or on Validasi when there are errors."""
    for name in list(wb.sheetnames):
        if name in schema.ENGINE_SHEETS or schema.is_conf_sheet(name):
            del wb[name]
    for name, blocks in ((schema.RINGKASAN_SHEET, ringkasan_blocks(p)),
                         (schema.VALIDASI_SHEET, validasi_blocks(p))):
        ws = wb.create_sheet(name)
        write_blocks(ws, blocks)
        _formats(ws, name, blocks)
        ws.freeze_panes = "A5" if name == schema.VALIDASI_SHEET else None
        orientation, pages_wide = print_fit(sum(
            (d.width or 8) for d in ws.column_dimensions.values()))
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = orientation
        ws.page_setup.fitToWidth = pages_wide
        ws.page_setup.fitToHeight = 0
        if pages_wide > 1:  # the row's first cell on every page across, halves together
            ws.print_title_cols = "A:A"
            ws.page_setup.pageOrder = "overThenDown"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if name == schema.VALIDASI_SHEET:
            ws.print_title_rows = "4:4"
    landing = wb[landing_sheet(p)]
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is landing
    wb.active = wb.worksheets.index(landing)


def engine_sheet_parts(p: Checked) -> tuple[list, bytes]:  # type: ignore[type-arg]
    """Ringkasan and Validasi as worksheet parts written by openpyxl, and the stylesheet
    their style indexes refer to (``lkj_excel.files.package.NewSheet``, bytes)."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles.stylesheet import write_stylesheet
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.xml.functions import tostring

    from lkj_excel.files.package import NewSheet, Unsupported

    wb = Workbook()  # its first sheet stays: the engine's sheets are not the selected tab
    add_engine_sheets(wb, p)
    sheets = []
    for ws in wb.worksheets[1:]:
        w = WorksheetWriter(ws, out=BytesIO())
        w.write()
        if len(w._rels) or ws._images or ws._charts or ws.tables:
            raise Unsupported(f"{ws.title}: a sheet with related parts")
        names = [(n, d.value) for n, d in ws.defined_names.items()]
        if ws.print_titles:
            names.append(("_xlnm.Print_Titles", ws.print_titles))
        if ws.print_area:
            names.append(("_xlnm.Print_Area", ws.print_area))
        sheets.append(NewSheet(ws.title, w.read(), tuple(names)))
    return sheets, tostring(write_stylesheet(wb))


def splice_engine_sheets(data: bytes, p: Checked) -> bytes:
    """The .xlsx ``data`` with fresh Ringkasan and Validasi, nothing else changed; raises
    ``lkj_excel.files.package.Unsupported`` for a package it cannot edit in place."""
    from lkj_excel.files.package import splice_sheets

    sheets, styles = engine_sheet_parts(p)
    return splice_sheets(data, sheets, styles,
                         drop=lambda name: name.casefold() in _ENGINE_KEYS
                         or schema.is_conf_sheet(name))


_ENGINE_KEYS = {n.casefold() for n in schema.ENGINE_SHEETS}


def write_engine_sheets(src: str | Path, p: Checked, out: str | Path | None = None) -> Path:
    """Write the output workbook: a copy of ``src`` with fresh Ringkasan and Validasi."""
    from lkj_excel.files.package import Unsupported

    src = Path(src)
    target = Path(out) if out else default_output(src)
    try:
        data = splice_engine_sheets(src.read_bytes(), p)
    except Unsupported:
        return _write_round_trip(src, p, target)
    return atomic_write(target, lambda tmp: tmp.write_bytes(data))


def _write_round_trip(src: Path, p: Checked, target: Path) -> Path:
    """The workbook loaded and saved whole by openpyxl (packages the splice refuses)."""
    from openpyxl import load_workbook

    same = target.resolve() == src.resolve()
    if same:
        lost = dropped_parts(src)
        if lost:
            raise WriteError(
                "Buku kerja ini memuat bagian yang tidak dapat dipertahankan bila disimpan "
                f"ulang ({', '.join(lost)}: gambar, grafik, pivot atau makro). Agar tidak ada "
                "yang hilang, tulis hasil ke berkas lain dengan --out NAMA.xlsx.", src.name)
    import warnings

    from lkj_excel.files.template import keep_pictures_on_load

    keep_pictures_on_load()  # the Gambar sheet's pictures stay in the copy
    try:
        with warnings.catch_warnings():  # the template's print areas follow the filled rows
            # (a formula openpyxl cannot keep): the copy prints its used range instead
            warnings.filterwarnings("ignore", message="Print area cannot be set")
            wb = load_workbook(src, keep_links=True, rich_text=True)
    except Exception as exc:  # openpyxl is stricter than python-calamine on broken parts
        detail = " ".join(str(exc).split())[:160]
        raise WorkbookError(
            "Buku kerja dapat diperiksa, tetapi tidak dapat disalin untuk menulis lembar "
            f"Ringkasan dan Validasi ({type(exc).__name__}: {detail}). Buka di Excel lalu "
            "simpan ulang sebagai Buku Kerja Excel (.xlsx), kemudian jalankan lagi.",
            src.name) from None
    add_engine_sheets(wb, p)
    return atomic_write(target, lambda tmp: wb.save(tmp))
