"""Render the report's Word document with docxtpl (autoescape on)."""

from __future__ import annotations

import datetime as _dt
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkj_excel.core.filenames import safe_filename
from lkj_excel.core.numbers import format_persen, format_rupiah, format_tanggal, terbilang
from lkj_excel.files.atomic import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.engine import Checked

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "laporan.docx"
#: variables the renderer adds to ``build_context`` (the charts)
CHART_VARIABLES = ("gambar_capaian", "gambar_anggaran")
MAX_NAME = 150


# -- filters (also for the secretariat's own templates) ------------------------------------

def _num(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, Decimal | int | float):
        return Decimal(str(value))
    from lkj_excel.core.numbers import parse_number

    try:
        return parse_number(value)
    except ValueError:
        return None


def f_rupiah(value: Any, digits: int = 2) -> str:
    d = _num(value)
    return "-" if d is None else format_rupiah(d, digits)


def f_persen(value: Any, digits: int = 2) -> str:
    d = _num(value)
    return "-" if d is None else format_persen(d, digits)


def f_tanggal(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return format_tanggal(value)
    return "-" if value in (None, "") else str(value)


def f_terbilang(value: Any) -> str:
    d = _num(value)
    return "-" if d is None else terbilang(d)


FILTERS = {"rupiah": f_rupiah, "persen": f_persen, "tanggal": f_tanggal,
           "terbilang": f_terbilang}


def jinja_env():  # type: ignore[no-untyped-def]
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    return env


def report_filename(p: Checked) -> str:
    """``"<Instansi> <Tahun>"`` made safe as a file name (no extension)."""
    pr = p.result.profil
    instansi = " ".join(str(pr.get("instansi") or "").split()) or "Laporan Kinerja"
    tahun = pr.get("tahun")
    base = f"{instansi} {tahun}" if tahun not in (None, "") else instansi
    return safe_filename(base, default="Laporan Kinerja", max_chars=MAX_NAME)


def target_path(out_dir: str | Path, p: Checked, suffix: str = ".docx") -> Path:
    folder = Path(out_dir).resolve()
    path = (folder / (report_filename(p) + suffix)).resolve()
    if path.parent != folder:  # pragma: no cover - safe_filename prevents it
        raise ValueError("nama berkas keluaran keluar dari folder tujuan")
    return path


def render_bytes(p: Checked, templat: str | Path | None = None,
                 context: dict[str, Any] | None = None) -> bytes:
    """The rendered .docx as bytes."""
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage

    from lkj_excel.report import charts
    from lkj_excel.report.context import build_context

    ctx = dict(context if context is not None else build_context(p))
    tpl = DocxTemplate(str(templat or DEFAULT_TEMPLATE))
    for key, make in (("gambar_capaian", charts.capaian_png),
                      ("gambar_anggaran", charts.anggaran_png)):
        png = make(p.result)
        ctx[key] = InlineImage(tpl, io.BytesIO(png), width=Cm(15.5)) if png else ""
    tpl.render(ctx, jinja_env=jinja_env(), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def render_docx(p: Checked, out_dir: str | Path, templat: str | Path | None = None
                ) -> Path:
    """Write ``out_dir/<Instansi> <Tahun>.docx`` atomically; returns its path."""
    data = render_bytes(p, templat)
    path = target_path(out_dir, p)
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))
