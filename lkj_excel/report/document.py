"""The SAKIP year's other documents (the Perjanjian Kinerja, the quarterly report): render a
docxtpl template with a context, name and write the file, and say which temuan stop it.

Each document has its Word template in ``lkj_excel/templates/`` (built by
``scripts/buat_templat_dokumen.py``; named styles only, so it can be restyled in Word like the
report's) and its context builder in its own module (``report.pk``, ``report.triwulan``).
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkj_excel.core import schema
from lkj_excel.core.filenames import safe_filename
from lkj_excel.core.layout import profil_cell
from lkj_excel.core.numbers import format_tanggal
from lkj_excel.core.temuan import KESALAHAN, Temuan
from lkj_excel.files.atomic import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.engine import Checked

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: what a missing value prints as in a signed document: a line to write on by hand
ISIAN_KOSONG = "." * 30
MAX_NAME = 150


def text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def tanggal_teks(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return format_tanggal(value)
    return text(value)


def filled(value: Any) -> str:
    """A value for a signed document: the text, or a dotted line to fill in by hand."""
    t = tanggal_teks(value)
    return t or ISIAN_KOSONG


def missing_profil(p: Checked, keys: Iterable[str]) -> list[str]:
    """"Label (Profil!B17)" of the Profil rows among ``keys`` that are empty."""
    out = []
    for key in keys:
        if p.result.profil.get(key) in (None, ""):
            fld = next(f for f in schema.PROFIL_FIELDS if f.key == key)
            cell = p.data.profil_cells.get(key) or profil_cell(key)
            out.append(f"{fld.label} ({schema.PROFIL_SHEET}!{cell})")
    return out


def blocking(p: Checked, sheets: Iterable[str], profil_keys: Iterable[str] = ()
             ) -> list[Temuan]:
    """The kesalahan that stop a document: those on ``sheets``, and those on the Profil rows
    of ``profil_keys`` (the rest of the workbook may still be in the making)."""
    wanted = set(sheets)
    cells = {p.data.profil_cells.get(k) or profil_cell(k) for k in profil_keys}
    return [f for f in p.temuan if f.tingkat == KESALAHAN and (
        f.lembar in wanted or (f.lembar == schema.PROFIL_SHEET and f.sel in cells))]


def notice(errors: list[Temuan]) -> dict[str, Any]:
    """The warning the first page prints when a document is made despite kesalahan."""
    from lkj_excel.report.context import with_words

    if not errors:
        return {"ada": False, "jumlah": 0, "kalimat": ""}
    return {"ada": True, "jumlah": len(errors), "kalimat": (
        f"PERHATIAN: dokumen ini disusun dari data yang masih mengandung "
        f"{with_words(len(errors))} kesalahan (lihat hasil perintah lkj periksa). Angka di "
        "dalamnya belum dapat dipertanggungjawabkan sebelum kesalahan itu diperbaiki.")}


def document_name(judul: str, p: Checked) -> str:
    """``"<judul> <Instansi> <Tahun>"`` made safe as a file name (no extension)."""
    pr = p.result.profil
    instansi = text(pr.get("instansi"))
    tahun = pr.get("tahun")
    base = " ".join(str(x) for x in (judul, instansi, tahun) if x not in (None, ""))
    return safe_filename(base, default=judul, max_chars=MAX_NAME)


def target(out_dir: str | Path, name: str, suffix: str) -> Path:
    folder = Path(out_dir).resolve()
    path = (folder / (name + suffix)).resolve()
    if path.parent != folder:  # pragma: no cover - safe_filename prevents it
        raise ValueError("nama berkas keluaran keluar dari folder tujuan")
    return path


def render_bytes(template: str | Path, context: dict[str, Any]) -> bytes:
    """A docxtpl template rendered with ``context`` (autoescape on, the report's filters)."""
    from docxtpl import DocxTemplate

    from lkj_excel.report.render import jinja_env

    tpl = DocxTemplate(str(template))
    tpl.render(context, jinja_env=jinja_env(), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def write_docx(template: str | Path, context: dict[str, Any], path: str | Path) -> Path:
    data = render_bytes(template, context)
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))



def write_pdf(docx: Path, out_dir: str | Path, name: str) -> Path | str:
    """The PDF of ``docx`` through LibreOffice: its path, or the Indonesian hint to install
    LibreOffice when it is missing (the .docx stays written). ``ToolError`` if it fails."""
    from lkj_excel.report.pdf import INSTALL_HINT, docx_to_pdf, soffice

    if soffice() is None:
        return INSTALL_HINT
    return docx_to_pdf(docx, target(out_dir, name, ".pdf"))
