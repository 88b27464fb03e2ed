"""The reviu checklist as a sheet the Inspektorat can print (openpyxl): A4 landscape, fitted
to the page width, the header row repeated on every page, each result coloured, a column
left empty for the reviewer's own notes and a place to sign; and its PDF through LibreOffice.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from lkj_excel.core import __version__
from lkj_excel.core.filenames import safe_filename
from lkj_excel.core.numbers import format_tanggal
from lkj_excel.core.reviu import (
    TERPENUHI,
    TIDAK_DAPAT_DIPERIKSA,
    TIDAK_TERPENUHI,
    ReviuItem,
    ringkas,
)
from lkj_excel.core.temuan import ToolError
from lkj_excel.files.atomic import atomic_write

SHEET = "Reviu"
HEADER = ("No", "Butir Reviu", "Hasil", "Keterangan", "Tempat Memeriksa", "Catatan Reviu")
WIDTHS = (5, 42, 16, 58, 30, 30)
FILLS = {TERPENUHI: "C6EFCE", TIDAK_TERPENUHI: "FFC7CE", TIDAK_DAPAT_DIPERIKSA: "E7E6E6"}
JUDUL = "Lembar Reviu LKj"


def reviu_filename(profil: dict[str, Any], berkas: str) -> str:
    bits = [str(x) for x in (profil.get("instansi"), profil.get("tahun")) if x]
    return safe_filename(" ".join([JUDUL, *bits]) if bits else f"{JUDUL} {Path(berkas).stem}",
                         default=JUDUL, max_chars=150) + ".xlsx"


def build_sheet(wb: Any, items: list[ReviuItem], profil: dict[str, Any], berkas: str,
                today: _dt.date | None = None) -> Any:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SHEET)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w

    def text(r: int, c: int, value: Any, **kw: Any) -> Any:
        cell = ws.cell(r, c, value)
        if isinstance(value, str):
            cell.data_type = "s"  # text from a workbook is never a formula
        for k, v in kw.items():
            setattr(cell, k, v)
        return cell

    instansi = " ".join(str(profil.get("instansi") or "").split()) or "-"
    tahun = profil.get("tahun") or "-"
    text(1, 1, "LEMBAR REVIU LAPORAN KINERJA", font=Font(bold=True, size=14))
    text(2, 1, f"{instansi} — Tahun {tahun}", font=Font(bold=True, size=12))
    text(3, 1, f"Buku kerja: {berkas}. Diperiksa oleh lkj-excel {__version__} pada "
               f"{format_tanggal(today or _dt.date.today())}: {ringkas(items)}.",
         font=Font(italic=True))
    hr = 5
    head_fill = PatternFill("solid", fgColor="1F4E78")
    for c, label in enumerate(HEADER, 1):
        text(hr, c, label, font=Font(bold=True, color="FFFFFF"), fill=head_fill,
             border=border, alignment=Alignment(wrap_text=True, vertical="center",
                                                horizontal="center"))
    for n, item in enumerate(items, 1):
        r = hr + n
        values = (n, item.butir, item.hasil, item.keterangan, "\n".join(item.lokasi), None)
        lines = 1
        for c, v in enumerate(values, 1):
            text(r, c, v, border=border, alignment=wrap)
            if isinstance(v, str):
                lines = max(lines, sum(-(-len(part) // max(1, WIDTHS[c - 1] - 2)) or 1
                                       for part in v.split("\n")))
        ws.cell(r, 3).fill = PatternFill("solid", fgColor=FILLS[item.hasil])
        ws.cell(r, 3).font = Font(bold=True)
        ws.row_dimensions[r].height = min(409, 15 * lines)
    r = hr + len(items) + 2
    text(r, 4, "Direviu oleh,")
    text(r + 1, 4, "Tanggal: ....................................")
    text(r + 5, 4, "Nama  : ....................................")
    text(r + 6, 4, "NIP   : ....................................")
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{hr}:{hr}"
    ws.print_options.gridLines = False
    ws.freeze_panes = f"A{hr + 1}"
    ws.oddFooter.center.text = "Halaman &P dari &N"
    return ws


def write_reviu_xlsx(items: list[ReviuItem], profil: dict[str, Any], berkas: str,
                     out: str | Path, today: _dt.date | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    build_sheet(wb, items, profil, berkas, today)
    wb.properties.title = JUDUL
    wb.properties.creator = "lkj-excel"
    return atomic_write(out, lambda tmp: wb.save(tmp))


def xlsx_to_pdf(xlsx: Path, pdf: Path) -> Path:
    """The printable sheet as PDF (LibreOffice); ``ToolError`` when it fails or is missing."""
    from lkj_excel.files.libreoffice import run_soffice

    with tempfile.TemporaryDirectory(prefix="lkj-reviu-") as tmp:
        src = Path(tmp) / "reviu.xlsx"
        shutil.copyfile(xlsx, src)
        proc = run_soffice(["--calc", "--convert-to", "pdf", "--outdir", tmp, str(src)])
        made = Path(tmp) / "reviu.pdf"
        if not made.exists():
            raise ToolError(f"LibreOffice gagal membuat PDF lembar reviu (kode "
                            f"{proc.returncode}): {(proc.stderr or proc.stdout).strip()[:300]}")
        data = made.read_bytes()
    return atomic_write(pdf, lambda t: t.write_bytes(data))
