"""The workbook template: builds the LKj workbook (empty or filled) from ``schema``.

Everything here derives from :mod:`lkj_excel.core.schema`: sheet names, header labels, column
order, widths, kinds, dropdown choices and computed columns. Computed columns are native
Excel formulas that compute exactly what :mod:`lkj_excel.core.compute` computes (the validator
compares their cached values with the engine), written with absolute A1 ranges and
functions available in Excel 2010 and LibreOffice (no MAXIFS/LET/XLOOKUP/IFS/FILTER, no
structured references, no array formulas).

openpyxl is imported inside functions so ``import lkj_excel.files.template`` stays cheap.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.cells import col_letter
from lkj_excel.core.formulas import quoted_text, row_formulas
from lkj_excel.core.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    KATEGORI_FIRST_ROW,
    KATEGORI_HEADER_ROW,
    KATEGORI_LAST_ROW,
    KATEGORI_TITLE_ROW,
    LOOKUP_LAST_ROW,
    NOTE_ROW,
    PRESET_COL,
    PRINT_BLANK_ROWS,
    SET_FIRST_ROW,
    SET_HEADER_ROW,
    SET_NOTE_ROW,
    SET_TITLE_ROW,
    SKALA_COL,
    SKALA_FIRST_ROW,
    SKALA_HEADER_ROW,
    SKALA_LAST_ROW,
    SKALA_TITLE_ROW,
    SPARE_ROWS,
    TEMPLATE_ROWS,
    TITLE_ROW,
    meta_lists,
    meta_values,
    print_fit,
)
from lkj_excel.core.numbers import MonthDate, format_tanggal

DEFAULT_PATH = Path("workbooks") / "template_lkj.xlsx"

# number formats (standard codes: Excel shows the user's locale separators)
FMT_TEXT = "@"
FMT_MONEY = '"Rp "#,##0.00'
FMT_NUMBER = "General"
FMT_INT = "#,##0"
FMT_YEAR = "0"
FMT_DATE = "DD/MM/YYYY"
FMT_DECIMAL2 = "#,##0.00"
FMT_PERSEN = "0.00"
FMT_CAPAIAN = 'General"%"'

#: how a row looks: the example workbook (said under each table's title and in Petunjuk)
EXAMPLE_POINTER = ("Contoh pengisian: lembar yang sama di buku kerja contoh (minta ke petugas "
                   "TI, atau buat dengan perintah lkj template --contoh).")

HEADER_FILL = "1F4E78"
COMPUTED_FILL = "D9D9D9"
TITLE_SIZE = 14


# ---------------------------------------------------------------------------
# Cell helpers
# ---------------------------------------------------------------------------

def _number(value: Decimal | int | float) -> int | float:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def put(cell: Any, value: Any) -> None:
    """Write a value: strings always as text (never a formula), Decimal as a number."""
    if value is None:
        cell.value = None
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
    elif isinstance(value, bool):
        cell.value = value
    elif isinstance(value, (Decimal, int, float)):
        cell.value = _number(value)
    elif isinstance(value, MonthDate):  # known to its month only: as people type it
        cell.value = format_tanggal(value)
        cell.data_type = "s"
    elif isinstance(value, (_dt.date, _dt.datetime)):
        cell.value = value
        if not isinstance(value, _dt.datetime) or value.time() == _dt.time():
            cell.number_format = FMT_DATE
    else:
        cell.value = str(value)
        cell.data_type = "s"


def _fmt(col: schema.Column) -> str:
    if col.key == "realisasi_dihitung":
        return FMT_DECIMAL2
    if col.key == "capaian":
        return FMT_CAPAIAN
    if col.key == "serapan":
        return FMT_PERSEN
    return {"code": FMT_TEXT, "money": FMT_MONEY, "number": FMT_NUMBER, "int": FMT_INT,
            "year": FMT_YEAR, "date": FMT_DATE}.get(col.kind, "General")


class _Styles:
    """Style objects, created once per workbook build (openpyxl imported lazily)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.title = Font(bold=True, size=TITLE_SIZE, color=HEADER_FILL)
        self.note = Font(italic=True, color="595959")
        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.computed_fill = PatternFill("solid", fgColor=COMPUTED_FILL)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.locked = Protection(locked=True)
        self.unlocked = Protection(locked=False)
        self.bold = Font(bold=True)


# ---------------------------------------------------------------------------
# Sheets
# ---------------------------------------------------------------------------

def _title(ws: Any, st: _Styles, title: str, note: str, ncols: int) -> None:
    ws.cell(TITLE_ROW, 1, title).font = st.title
    c = ws.cell(NOTE_ROW, 1, note)
    c.font = st.note
    c.alignment = st.wrap
    if ncols > 1:
        ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW,
                       end_column=ncols)
    width = sum(ws.column_dimensions[col_letter(i)].width or 10 for i in range(ncols))
    lines = len(note) // max(40, int(width)) + 1
    ws.row_dimensions[NOTE_ROW].height = 15 * lines


def _header(ws: Any, st: _Styles, row: int, labels: list[str], col0: int = 0) -> None:
    for i, label in enumerate(labels):
        c = ws.cell(row, col0 + i + 1, label)
        c.font = st.header_font
        c.fill = st.header_fill
        c.alignment = st.center
        c.border = st.border


def _print_setup(ws: Any, total_width: float, header_row: int) -> None:
    """A4, readable (``layout.print_fit``): landscape where wide, two pages across rather
    than tiny text (the first column, the row's key, repeats on each), header on each page."""
    orientation, pages_wide = print_fit(total_width)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    if pages_wide > 1:
        ws.print_title_cols = "A:A"
        ws.page_setup.pageOrder = "overThenDown"  # both halves of a row on facing pages


def _row_borders(ws: Any, st: _Styles, ncols: int, last: int) -> None:
    """Cell borders on the rows that hold something (conditional formatting), so blank
    template rows are not printed as empty grids (LibreOffice prints every bordered cell,
    and cannot evaluate a print area that follows the rows)."""
    from openpyxl.formatting.rule import FormulaRule

    letter = col_letter(ncols - 1)
    rule = FormulaRule(formula=[f"SUMPRODUCT(LEN($A{FIRST_DATA_ROW}:${letter}{FIRST_DATA_ROW}))>0"],
                       border=st.border, stopIfTrue=False)
    ws.conditional_formatting.add(f"A{FIRST_DATA_ROW}:{letter}{last}", rule)


def _print_area(ws: Any, sheet: schema.Sheet) -> None:
    """A print area that follows the filled rows (a defined-name formula: Excel and
    LibreOffice evaluate it when printing): the title down to the last row with any input,
    at least ``PRINT_BLANK_ROWS`` rows, so a blank table prints one page, not two."""
    from openpyxl.workbook.defined_name import DefinedName

    q = "'" + sheet.name.replace("'", "''") + "'!"
    last = col_letter(len(sheet.columns) - 1)
    filled = "+".join(
        f"({q}${col_letter(i)}${FIRST_DATA_ROW}:${col_letter(i)}${LOOKUP_LAST_ROW}<>\"\")"
        for i, c in enumerate(sheet.columns) if not c.computed)
    rows = f"ROW({q}$A${FIRST_DATA_ROW}:$A${LOOKUP_LAST_ROW})"
    formula = (f"{q}$A${TITLE_ROW}:INDEX({q}$A:${last},MAX({FIRST_DATA_ROW + PRINT_BLANK_ROWS - 1},"
               f"IFERROR(LOOKUP(2,1/(({filled})>0),{rows}),0)),{len(sheet.columns)})")
    ws.defined_names["_xlnm.Print_Area"] = DefinedName("_xlnm.Print_Area", attr_text=formula)


def _validation(sheet: schema.Sheet, col: schema.Column, sqref: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    listed = meta_lists().get((sheet.name, col.key))
    if listed is None:
        formula = quoted_text(",".join(col.choices))
    else:  # too long to be inline: the list stands down a column of the hidden sheet
        letter = col_letter(listed[0])
        formula = f"'{schema.META_SHEET}'!${letter}$1:${letter}${len(col.choices)}"
    strict = col.kind == "choice"
    dv = DataValidation(
        type="list", formula1=formula, allow_blank=True,
        showDropDown=False,  # (sic) False shows the in-cell dropdown arrow
        showErrorMessage=True, errorStyle="stop" if strict else "warning",
        errorTitle="Pilihan tidak dikenal",
        error=("Pilih salah satu dari daftar: " + ", ".join(col.choices)) if strict else
        ("Bagian ini tidak dikenal dan tidak akan masuk laporan. Lanjutkan bila memang "
         "disengaja."),
        promptTitle=col.label, prompt="Pilih dari daftar.", showInputMessage=True,
    )
    dv.add(sqref)
    return dv


def _data_sheet(wb: Any, st: _Styles, sheet: schema.Sheet, rows: list[Mapping[str, Any]],
                n_rows: int) -> None:
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws = wb.create_sheet(sheet.name)
    ncols = len(sheet.columns)
    for i, col in enumerate(sheet.columns):
        dim = ws.column_dimensions[col_letter(i)]
        dim.width = col.width
    _title(ws, st, sheet.title or sheet.name, f"{sheet.note} {EXAMPLE_POINTER}", ncols)
    _header(ws, st, HEADER_ROW, [c.label for c in sheet.columns])
    ws.row_dimensions[HEADER_ROW].height = 30
    last = HEADER_ROW + n_rows
    protect = bool(sheet.computed_columns)
    for i, col in enumerate(sheet.columns):
        fmt = _fmt(col)
        long_text = col.kind == "text" and col.width >= 30
        first = None
        for r in range(FIRST_DATA_ROW, last + 1):
            c = ws.cell(r, i + 1)
            if first is not None:  # the column's style, copied (setting it anew is slow)
                c._style = copy(first._style)
                continue
            first = c
            c.number_format = fmt
            if col.computed:
                c.fill = st.computed_fill
                c.protection = st.locked
            else:
                c.protection = st.unlocked
            c.alignment = st.wrap if long_text else st.top
        if protect and not col.computed:
            # cells typed or pasted below the table stay editable on a protected sheet
            ws.column_dimensions[col_letter(i)].protection = st.unlocked
    for n, values in enumerate(rows):
        r = FIRST_DATA_ROW + n
        for i, col in enumerate(sheet.columns):
            if not col.computed and col.key in values:
                put(ws.cell(r, i + 1), values[col.key])
                if col.kind == "date":
                    ws.cell(r, i + 1).number_format = FMT_DATE
        lines = max((_text_lines(values.get(c.key), c.width) for c in sheet.columns
                     if c.kind == "text" and c.width >= 30), default=1)
        if lines > 1:
            # openpyxl cannot autofit: estimate the height so wrapped text is not cut off
            ws.row_dimensions[r].height = min(409, 15 * lines)
    if sheet.computed_columns:
        letters = {c.key: i + 1 for i, c in enumerate(sheet.columns)}
        for r in range(FIRST_DATA_ROW, last + 1):
            for key, formula in row_formulas(sheet, r).items():
                ws.cell(r, letters[key]).value = formula
    for i, col in enumerate(sheet.columns):
        if col.choices:
            letter = col_letter(i)
            ws.add_data_validation(_validation(
                sheet, col, f"{letter}{FIRST_DATA_ROW}:{letter}{last}"))
    table = Table(displayName=sheet.table,
                  ref=f"A{HEADER_ROW}:{col_letter(ncols - 1)}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True,
                                          showColumnStripes=False, showFirstColumn=False,
                                          showLastColumn=False)
    ws.add_table(table)
    _row_borders(ws, st, ncols, last)
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    _print_setup(ws, sum(c.width for c in sheet.columns), HEADER_ROW)
    _print_area(ws, sheet)
    if protect:
        _protect(ws)


#: height (points) of a Gambar row holding a picture, and the picture's shown height (px)
PICTURE_ROW_PT = 64
PICTURE_PX = 80


def raw_image_class() -> type:
    """openpyxl's ``Image`` made from the file's bytes, without Pillow.

    openpyxl opens every picture with Pillow (for its size and format) and, without Pillow,
    refuses to write pictures and silently drops them when it reads a workbook. The staff
    install has no Pillow (xlwings imports ``PIL.ImageGrab`` on every click when it is
    there), so pictures are sized from their header (``core.pictures.sniff``) and written
    byte for byte."""
    global _RAW_IMAGE
    if _RAW_IMAGE is None:
        import io

        from openpyxl.drawing.image import Image

        from lkj_excel.core.pictures import sniff

        class RawImage(Image):  # type: ignore[misc]
            def __init__(self, img: Any) -> None:
                data = img if isinstance(img, bytes) else img.read()
                kind = sniff(data)
                self.ref = io.BytesIO(data)
                self._raw = data
                fmt, self.width, self.height = kind if kind else ("png", 1, 1)
                self.format = fmt

            def _data(self) -> bytes:
                return self._raw

        _RAW_IMAGE = RawImage
    return _RAW_IMAGE


_RAW_IMAGE: type | None = None


def keep_pictures_on_load() -> None:
    """Make openpyxl's reader keep a workbook's pictures (as ``raw_image_class``), with or
    without Pillow, so a copy written by ``lkj hitung`` loses none."""
    import openpyxl.reader.drawings as drawings

    drawings.Image = raw_image_class()
    drawings.PILImage = True


def _add_pictures(ws: Any, rows: list[Mapping[str, Any]]) -> None:
    """The pictures of Gambar rows (key ``gambar``: a ``Picture``) beside their row, top-left
    corner on that row (the reader takes a picture's row from there), byte for byte."""
    pics = [(n, row["gambar"]) for n, row in enumerate(rows)
            if row.get("gambar") is not None and row["gambar"].data]
    if not pics:
        return
    image = raw_image_class()
    col = col_letter(len(schema.GAMBAR.columns))
    ws.column_dimensions[col].width = 30
    for n, pic in pics:
        r = FIRST_DATA_ROW + n
        img = image(pic.data)
        scale = PICTURE_PX / max(pic.height, 1)
        img.height, img.width = PICTURE_PX, max(1, round(pic.width * scale))
        ws.add_image(img, f"{col}{r}")
        ws.row_dimensions[r].height = PICTURE_ROW_PT


def _text_lines(value: Any, width: float) -> int:
    """Lines a wrapped text needs in a column ``width`` characters wide (an estimate)."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width))  # word wrap leaves room at line ends: never cut text
    return sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))


def _protect(ws: Any) -> None:
    p = ws.protection
    p.sheet = True
    # False = the action stays allowed on the protected sheet
    p.formatCells = p.formatColumns = p.formatRows = False
    p.insertRows = p.deleteRows = p.sort = p.autoFilter = False
    p.selectLockedCells = p.selectUnlockedCells = False


def _profil(wb: Any, st: _Styles, values: Mapping[str, Any]) -> None:
    ws = wb.create_sheet(schema.PROFIL_SHEET)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 60
    _title(ws, st, "Profil Instansi",
           "Isi kolom Nilai untuk setiap isian. Jangan mengubah tulisan di kolom Isian.", 3)
    _header(ws, st, HEADER_ROW, [*schema.PROFIL_HEADER, "Keterangan"])
    for n, fld in enumerate(schema.PROFIL_FIELDS):
        r = FIRST_DATA_ROW + n
        b = _label_row(ws, st, r, fld.label, values.get(fld.key),
                       (fld.note + ("" if fld.required else " (boleh kosong)")).strip())
        b.number_format = {"code": FMT_TEXT, "year": FMT_YEAR, "date": FMT_DATE}.get(
            fld.kind, "General")
        b.alignment = st.wrap
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    _print_setup(ws, 132, HEADER_ROW)


def _label_row(ws: Any, st: _Styles, r: int, label: str, value: Any, note: str) -> Any:
    """One "label | value | explanation" row (Profil, Pengaturan); the value cell."""
    a = ws.cell(r, 1, label)
    a.font = st.bold
    a.border = st.border
    b = ws.cell(r, 2)
    put(b, value)
    b.border = st.border
    b.protection = st.unlocked
    c = ws.cell(r, 3, note)
    c.font = st.note
    c.alignment = st.wrap
    return b


def _pengaturan(wb: Any, st: _Styles, values: Mapping[str, Any]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(schema.PENGATURAN_SHEET)
    for letter, width in (("A", 26), ("B", 18), ("C", 70), ("D", 4), ("E", 14), ("F", 18)):
        ws.column_dimensions[letter].width = width
    ws.cell(SET_TITLE_ROW, 1, "Pengaturan").font = st.title
    note = ws.cell(SET_NOTE_ROW, 1,
                   "Pengaturan perhitungan capaian dan skala predikat. Ubah hanya kolom Nilai "
                   "dan isi tabel skala aktif.")
    note.font = st.note
    _header(ws, st, SET_HEADER_ROW, [*schema.PENGATURAN_HEADER, "Keterangan"])
    for n, s in enumerate(schema.SETTINGS):
        r = SET_FIRST_ROW + n
        b = _label_row(ws, st, r, s.label, values.get(s.key, s.default), s.note)
        b.number_format = FMT_TEXT if s.kind == "choice" else "General"
        if s.choices:
            dv = DataValidation(type="list", formula1=quoted_text(",".join(s.choices)),
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Pilihan tidak dikenal",
                                error="Pilih salah satu: " + ", ".join(s.choices))
        elif s.kind == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526",
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Tanggal tidak sah",
                                error="Isi tanggal, misalnya 31/03/2025, atau kosongkan.")
            b.number_format = FMT_DATE
        elif s.key == "desimal":
            dv = DataValidation(type="whole", operator="between", formula1="0", formula2="6",
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Desimal tidak sah",
                                error="Desimal harus bilangan bulat antara 0 dan 6.")
        else:
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Batas tidak sah",
                                error="Isi angka (misalnya 120) atau kosongkan.")
        dv.add(f"B{r}")
        ws.add_data_validation(dv)

    ws.cell(SKALA_TITLE_ROW, SKALA_COL + 1,
            "Skala Predikat (aktif): Batas Bawah capaian (%) termasuk, dari tinggi ke "
            "rendah").font = st.bold
    ws.cell(SKALA_TITLE_ROW, PRESET_COL + 1,
            "Skala Kabupaten/Kota (contoh): salin ke tabel skala aktif di kiri untuk "
            "memakainya").font = st.note
    _header(ws, st, SKALA_HEADER_ROW, list(schema.SKALA_HEADER), SKALA_COL)
    _header(ws, st, SKALA_HEADER_ROW, list(schema.SKALA_HEADER), PRESET_COL)
    skala = values.get("skala", schema.SKALA_STANDAR)
    for n in range(schema.SKALA_ROWS):
        r = SKALA_FIRST_ROW + n
        b = ws.cell(r, SKALA_COL + 1)
        p = ws.cell(r, SKALA_COL + 2)
        if n < len(skala):
            put(b, Decimal(str(skala[n][0])))
            put(p, skala[n][1])
        for c in (b, p):
            c.border = st.border
            c.protection = st.unlocked
        b.number_format = "#,##0.00"
    for n, (bawah, nama) in enumerate(schema.SKALA_KABKOTA):
        r = SKALA_FIRST_ROW + n
        put(ws.cell(r, PRESET_COL + 1), Decimal(bawah))
        ws.cell(r, PRESET_COL + 1).number_format = "#,##0.00"
        put(ws.cell(r, PRESET_COL + 2), nama)
        for c in (ws.cell(r, PRESET_COL + 1), ws.cell(r, PRESET_COL + 2)):
            c.border = st.border
            c.font = st.note
    ws.cell(SKALA_LAST_ROW + 2, 1,
            "Nilai di bawah Batas Bawah terendah mendapat predikat terendah. Baris skala "
            "boleh tidak berurutan; jangan sisakan baris kosong di antara baris skala.").font = (
        st.note)
    ws.cell(KATEGORI_TITLE_ROW, 1,
            "Skala Kategori (target berupa kategori, misalnya WTP, A, BB): Peringkat lebih "
            "tinggi lebih baik; target tercapai bila realisasi berperingkat sama atau lebih "
            "tinggi").font = st.bold
    _header(ws, st, KATEGORI_HEADER_ROW, list(schema.SKALA_KATEGORI_HEADER))
    kategori = list(values.get("kategori", schema.SKALA_KATEGORI_STANDAR))
    for n in range(KATEGORI_LAST_ROW - KATEGORI_FIRST_ROW + 1):
        r = KATEGORI_FIRST_ROW + n
        k, p = ws.cell(r, 1), ws.cell(r, 2)
        if n < len(kategori):
            put(k, kategori[n][0])
            put(p, kategori[n][1])
        for c in (k, p):
            c.border = st.border
            c.protection = st.unlocked
        k.number_format = FMT_TEXT
    _print_setup(ws, 150, SET_HEADER_ROW)


def _meta(wb: Any, meta: Mapping[str, Any]) -> None:
    ws = wb.create_sheet(schema.META_SHEET)
    values = meta_values(meta)
    for n, fld in enumerate(schema.META_FIELDS):
        ws.cell(n + 1, 1, fld.label)
        put(ws.cell(n + 1, 2), values.get(fld.key, meta.get(fld.key)))
        if fld.kind in ("code", "text"):
            ws.cell(n + 1, 2).number_format = FMT_TEXT
    for column, choices in meta_lists().values():
        for n, choice in enumerate(choices):
            put(ws.cell(n + 1, column + 1), choice)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"


def petunjuk_lines() -> list[tuple[str, str]]:
    """(style, text) lines of the Petunjuk sheet; style is 'judul', 'sub' or ''."""
    out: list[tuple[str, str]] = [
        ("judul", "Petunjuk Pengisian Buku Kerja LKj"),
        ("", "Buku kerja ini adalah bahan Laporan Kinerja (LKj) tahunan: sekretariat menyusun "
             "laporan dari isian Anda, jadi angka di laporan sama persis dengan yang Anda "
             "ketik di sini. Ikuti langkah berikut."),
        ("sub", "Langkah demi langkah"),
        ("", "1. Buku kerja datang lewat surel: simpan dulu lampirannya ke folder Anda "
             "(klik kanan lampiran > Simpan Sebagai), lalu buka dari folder itu. Jangan "
             "mengisi langsung dari surel (isian hilang), dan jangan memulai dari templat "
             "kosong bila sekretariat sudah mengirim buku kerja bidang Anda."),
        ("", "2. Bila ada bilah kuning \"Tampilan Terproteksi\" (Protected View) di atas "
             "lembar, klik Aktifkan Pengeditan (Enable Editing)."),
        ("", f"3. Lembar {schema.PROFIL_SHEET}: bila Instansi, Tahun dan Bidang sudah diisi "
             "sekretariat, jangan diubah (buku kerja digabung menurut isian itu). Buku kerja "
             "baru: isi kolom Nilai setiap baris."),
        ("", f"4. Isi lembar {schema.PK.name} (Perjanjian Kinerja) lebih dulu: satu baris per "
             "indikator dengan Kode Indikatornya. Lembar lain menunjuk indikator dengan kode "
             "ini."),
        ("", f"5. Isi lembar {schema.IKU.name}: realisasi setiap indikator (atau Pembilang dan "
             "Penyebut), lalu analisis, upaya, hambatan dan rencana tindak lanjutnya. Lalu "
             "lembar lain yang menjadi bagian Anda (Kejadian, Anggaran, LRA, Pegawai, "
             "Narasi, ...). Kolom abu-abu dihitung otomatis: jangan diketik."),
        ("", "6. Klik tab LKj > Hitung (bila add-in terpasang). Lembar Ringkasan (capaian, "
             "predikat, serapan anggaran, jumlah pegawai) dan Validasi (daftar temuan) ditulis "
             "ulang; Anda dibawa ke Validasi bila ada kesalahan, ke Ringkasan bila tidak. "
             "Isian Anda tidak pernah diubah."),
        ("", "7. Perbaiki setiap temuan di Validasi (kolom Tautan membawa Anda ke selnya; merah "
             "muda = kesalahan, kuning = peringatan), lalu klik Hitung lagi sampai tidak ada "
             "kesalahan."),
        ("", "8. Simpan (Ctrl+S) sebagai Buku Kerja Excel (.xlsx) dengan nama yang sama, lalu "
             "balas surel sekretariat dengan berkas itu terlampir. Jangan kirim PDF, foto "
             "atau salinan .xls, dan jangan mengganti nama lembar atau judul kolom."),
        ("", "Tanpa add-in (tombol Hitung) buku kerja tetap dapat diisi dan dikirim: "
             "sekretariat memeriksa dan menghitungnya."),
        ("sub", "Contoh pengisian"),
        ("", "Buku kerja contoh yang sudah terisi (data LKj 2024 Badan Kesbangpol Kota "
             "Banjarbaru) menunjukkan bentuk baris setiap tabel. Mintalah ke petugas TI (folder "
             "contoh di paket luring) atau buat dengan perintah lkj template --contoh."),
        ("sub", "Yang boleh dan yang tidak"),
        ("", "Angka boleh diketik sebagai angka atau teks cara Indonesia, misalnya "
             "33.660.129.080,00 atau 95,68 atau 96% atau Rp 1.455.472.897. Isian yang tidak "
             "dapat dibaca dilaporkan di Validasi beserta selnya."),
        ("", "Sel berformat persen (misalnya 96% diketik di sel Umum) dibaca 96 di kolom nilai "
             "indikator (Target, Realisasi) yang satuannya %; di kolom lain (rupiah, Pembilang, "
             "Penyebut, jumlah) atau bila satuan indikatornya bukan %, format persen "
             "dilaporkan sebagai kesalahan."),
        ("", "Jangan menambahkan baris jumlah di dalam tabel: Total Row tabel Excel tidak "
             "dibaca, dan baris \"Jumlah\" atau \"Total\" yang diketik dilaporkan sebagai "
             "kesalahan. lkj-excel menjumlahkan sendiri."),
        ("", "Rumus boleh dipakai di kolom isian: yang dibaca adalah nilai terakhir yang dihitung "
             "Excel. Buku kerja yang ditulis program lain dan belum pernah dibuka di Excel (rumus "
             "tanpa nilai) harus dibuka dan disimpan dulu di Excel atau LibreOffice."),
        ("", "Tanggal boleh ditulis 27/02/2025, 27 Februari 2025, Kamis, 27 Februari 2025, "
             "atau bulan dan tahun saja (Februari 2025)."),
        ("", "Baris boleh ditambahkan di bawah tabel dan kolom tambahan di kanan tabel; baris "
             "kosong di antaranya dilewati. Baris judul atau catatan boleh ada di atas tabel."),
        ("", "Kolom abu-abu berisi rumus dan dikunci agar tidak tertimpa; isian manual di situ "
             "dilaporkan sebagai \"diketik manual\". Untuk menambah banyak baris di dalam tabel, "
             "buka proteksi lembar (Tinjau > Buka Proteksi Lembar, tanpa kata sandi), lalu "
             "salin rumus dari baris di atasnya."),
        ("", "Realisasi Dihitung: dari Pembilang/Penyebut (x 100 untuk satuan %), atau dari "
             "lembar Kejadian bila Pembilang dan Penyebut kosong, atau Realisasi yang diketik. "
             "Target PK diambil dari lembar PK. Capaian mengikuti polaritas dan lembar "
             "Pengaturan (rumus polaritas negatif, desimal, batas atas); Predikat diambil dari "
             "skala predikat di lembar Pengaturan. Serapan (%) = Realisasi / Anggaran x 100."),
        ("sub", "Lembar-lembar"),
        ("", f"{schema.PROFIL_SHEET}: identitas instansi, tahun dan penandatangan laporan, "
             "satu isian per baris (kolom Isian dan Nilai)."),
    ]
    for sheet in schema.DATA_SHEETS:
        out.append(("sub", f"{sheet.name}: {sheet.title}"))
        out.append(("", sheet.note))
        for col in sheet.columns:
            parts = []
            if col.computed:
                parts.append("dihitung otomatis")
            elif col.required:
                parts.append("wajib diisi")
            if col.choices:
                parts.append("pilihan: " + ", ".join(col.choices))
            if col.kind == "money":
                parts.append("rupiah")
            if col.kind == "code":
                parts.append("ketik sebagai teks")
            if col.note:
                parts.append(col.note)
            if parts:
                out.append(("", f"  - {col.label}: {'; '.join(parts)}."))
    out.append(("sub", f"{schema.PENGATURAN_SHEET}"))
    for s in schema.SETTINGS:
        out.append(("", f"  - {s.label}: {s.note}."))
    out.append(("", "  - Skala predikat: tabel Batas Bawah dan Predikat di bawah pengaturan. "
                    "Capaian mendapat predikat dari baris dengan Batas Bawah tertinggi yang "
                    "tidak melebihi capaian. Skala Kabupaten/Kota di sebelah kanannya hanya "
                    "contoh: salin ke tabel aktif untuk memakainya."))
    return out


def _petunjuk(wb: Any, st: _Styles) -> None:
    ws = wb.create_sheet(schema.PETUNJUK_SHEET)
    ws.column_dimensions["A"].width = 120
    for n, (style, text) in enumerate(petunjuk_lines()):
        c = ws.cell(n + 1, 1)
        put(c, text)
        c.alignment = st.wrap
        if style == "judul":
            c.font = st.title
        elif style == "sub":
            c.font = st.bold
        if len(text) > 110:
            ws.row_dimensions[n + 1].height = 15 * (len(text) // 110 + 1)
    _print_setup(ws, 120, 1)
    ws.print_title_rows = None


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

def build_workbook(data: Mapping[str, Any] | None = None) -> Any:
    """An ``openpyxl.Workbook`` of the template, filled with ``data`` if given."""
    from openpyxl import Workbook
    from openpyxl.workbook.properties import CalcProperties

    data = data or {}
    sheets = data.get("sheets") or {}
    unknown = set(sheets) - set(schema.SHEETS_BY_NAME)
    if unknown:
        raise ValueError(f"lembar tidak dikenal: {sorted(unknown)}")
    wb = Workbook()
    wb.remove(wb.active)
    st = _Styles()
    _petunjuk(wb, st)
    _profil(wb, st, data.get("profil") or {})
    for sheet in schema.DATA_SHEETS:
        rows = list(sheets.get(sheet.name) or [])
        n_rows = TEMPLATE_ROWS if not rows else len(rows) + SPARE_ROWS
        _data_sheet(wb, st, sheet, rows, n_rows)
        if sheet is schema.GAMBAR:
            _add_pictures(wb[sheet.name], rows)
    _pengaturan(wb, st, data.get("pengaturan") or {})
    _meta(wb, data.get("meta") or {})
    wb.active = 0
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    props = wb.properties
    profil = data.get("profil") or {}
    judul = "Buku Kerja LKj"
    if profil.get("instansi"):
        judul += f" {profil['instansi']}"
    if profil.get("tahun"):
        judul += f" {profil['tahun']}"
    props.title = judul
    props.creator = "lkj-excel"
    props.lastModifiedBy = "lkj-excel"
    fixed = _dt.datetime(2025, 1, 1)
    props.created = fixed
    props.modified = fixed
    return wb


def write_workbook(path: str | Path, data: Mapping[str, Any] | None = None,
                   finish: Callable[[Any], None] | None = None) -> Path:
    """Build and save atomically (temp file in the same folder + ``os.replace``).

    Raises ``WriteError`` (Indonesian) if the target is open in Excel (``~$`` lock file).
    """
    from lkj_excel.core.temuan import WriteError
    from lkj_excel.files.atomic import atomic_write, check_writable

    target = Path(path)
    check_writable(target)
    if target.suffix.lower() != ".xlsx":
        raise WriteError(f"Nama berkas buku kerja harus berakhiran .xlsx: {target.name}",
                         target.name)
    wb = build_workbook(data)
    if finish is not None:  # e.g. add the engine's Ringkasan/Validasi before saving
        finish(wb)
    return atomic_write(target, lambda tmp: wb.save(tmp))
