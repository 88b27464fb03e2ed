"""Render the report's Word document with docxtpl (autoescape on)."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkj_excel.core.filenames import safe_filename
from lkj_excel.core.numbers import format_persen, format_rupiah, format_tanggal, terbilang
from lkj_excel.files.atomic import atomic_write
from lkj_excel.report.finish import REPORT_CATEGORY

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.engine import Checked
    from lkj_excel.report.charts import Series

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "laporan.docx"
#: variables the renderer adds to ``build_context`` (the charts)
CHART_VARIABLES = ("gambar_capaian", "gambar_anggaran")
MAX_NAME = 150
#: the boxes (width, height in cm) pictures are fitted into: the organisation chart spans
#: the text width (as the charts do: ``report.charts.WIDTH_CM``); photos leave room for two
#: on a page; the logo is small
BOX_STRUKTUR = (16.0, 19.0)
BOX_FOTO = (14.0, 9.3)
BOX_LOGO = (4.5, 4.0)


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


def jinja_env(environment_class=None):  # type: ignore[no-untyped-def]
    import jinja2

    env = (environment_class or jinja2.Environment)(autoescape=True,
                                                    undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    return env


#: what rendering keeps per process, keyed by a template part's own text: its cleaned XML
#: and its compiled Jinja template (the batch renders the same template for every agency;
#: compiling its XML was half of docxtpl's time). Both steps are pure functions of the text,
#: the context is applied anew on every render. At most ``KEPT`` entries.
KEPT = 16
_KEPT: dict[str, Any] = {}
_RENDERING: list[Any] = []  # [the DocxTemplate subclass, the Jinja environment], once made


def _keep(key: str, make):  # type: ignore[no-untyped-def]
    value = _KEPT.get(key)
    if value is None:
        value = make()
        if len(_KEPT) >= KEPT:
            _KEPT.pop(next(iter(_KEPT)))
        _KEPT[key] = value
    return value


def _rendering():  # type: ignore[no-untyped-def]
    """(DocxTemplate subclass, Jinja environment) that keep what they made (``_KEPT``): the
    environment is ``jinja_env()``'s, made once per process."""
    if _RENDERING:
        return tuple(_RENDERING)
    import jinja2
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml):  # type: ignore[no-untyped-def]
            return _keep("xml:" + src_xml, lambda: super(Template, self).patch_xml(src_xml))

    class Env(jinja2.Environment):
        def from_string(self, source, globals=None, template_class=None):  # type: ignore[no-untyped-def]
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            return _keep("jinja:" + source, lambda: super(Env, self).from_string(source))

    env = jinja_env(Env)
    _RENDERING[:] = [Template, env]
    return Template, env


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


@dataclass
class Rendered:
    """A rendered report: the .docx, its table of contents and what was done to pictures."""

    data: bytes
    toc: list[Any] = field(default_factory=list)
    #: Indonesian notes: pictures made smaller or left out, and why
    catatan: list[str] = field(default_factory=list)


def _image_class():  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn
    from docxtpl import InlineImage

    class Image(InlineImage):  # type: ignore[misc]
        """An inline picture with a name and alternative text (read aloud, shown when
        the picture cannot be)."""

        def __init__(self, tpl, data: bytes, width, height, name: str, descr: str):  # type: ignore[no-untyped-def]
            super().__init__(tpl, io.BytesIO(data), width=width, height=height)
            self.name, self.descr = name, descr

        def _insert_image(self) -> str:
            self.image_descriptor.seek(0)
            inline = self.tpl.current_rendering_part.new_pic_inline(
                self.image_descriptor, self.width, self.height)
            for el in (inline.docPr, *inline.iter(qn("pic:cNvPr"))):
                el.set("name", self.name[:200])
                el.set("descr", self.descr[:1000])
            return ("</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                    '<w:t xml:space="preserve">' % inline.xml)

    return Image


#: the parts of a native chart in a .docx (Word's own names and types)
CHART_PART = "/word/charts/chart%d.xml"
CHART_WORKBOOK_PART = "/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
_CHART_INLINE = (
    '<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{wp}">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name={name} descr={descr}/><wp:cNvGraphicFramePr/>'
    '<a:graphic xmlns:a="{a}"><a:graphicData uri="{c}">'
    '<c:chart xmlns:c="{c}" xmlns:r="{r}" r:id="{rid}"/>'
    "</a:graphicData></a:graphic></wp:inline>")
_EMU_PER_CM = 360000


def _chart_class():  # type: ignore[no-untyped-def]
    from xml.sax.saxutils import quoteattr

    from docx.opc.part import Part

    from lkj_excel.report.charts import WORKBOOK_RID, _text

    class Chart:
        """A native chart (``report.charts.NativeChart``) in the paragraph of its tag: the
        chart part and its workbook are related to the part being rendered, the paragraph
        gets an inline drawing with a name and alternative text (docxtpl numbers the
        drawings' ids once the document is rendered)."""

        def __init__(self, tpl, chart, name: str, descr: str):  # type: ignore[no-untyped-def]
            self.tpl, self.chart, self.name, self.descr = tpl, chart, name, descr

        def __html__(self) -> str:
            part = self.tpl.current_rendering_part
            package = part.package
            chart_part = Part(package.next_partname(CHART_PART), CT_CHART, self.chart.xml,
                              package)
            rid = part.relate_to(chart_part, RT_CHART)
            xlsx = Part(package.next_partname(CHART_WORKBOOK_PART), CT_XLSX,
                        self.chart.workbook, package)
            if chart_part.relate_to(xlsx, RT_PACKAGE) != WORKBOOK_RID:  # pragma: no cover
                raise RuntimeError("relasi buku kerja grafik tidak sesuai")
            inline = _CHART_INLINE.format(
                wp=_NS["wp"], a=_NS["a"], c=_NS["c"], r=_NS["r"], rid=rid,
                cx=round(self.chart.width_cm * _EMU_PER_CM),
                cy=round(self.chart.height_cm * _EMU_PER_CM),
                id=1, name=quoteattr(_text(self.name)[:200]),
                descr=quoteattr(_text(self.descr)[:1000]))
            return (f"</w:t></w:r><w:r><w:drawing>{inline}</w:drawing></w:r><w:r>"
                    '<w:t xml:space="preserve">')

        __str__ = __html__

    return Chart


_NS = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def _chart_alt(ctx: dict[str, Any], capaian: Series | None) -> tuple[str, str]:
    """The charts' alternative text; the capaian chart's from the series it is drawn from
    (``charts.capaian_series``: its indicators, its notes)."""
    tahun = ctx.get("tahun", "")
    cap = "; ".join(f"{nama}: target {t}, realisasi {r}"
                    for nama, (t, r) in zip(capaian[0], capaian[6], strict=True)
                    ) if capaian is not None else ""
    ang = "; ".join(f"{pr['nama']}: anggaran {pr['anggaran']}, realisasi {pr['realisasi']} "
                    f"({pr['serapan']})" for pr in ctx.get("anggaran", {}).get("program", []))
    return (f"Grafik batang target dan realisasi indikator kinerja tahun {tahun}. {cap}",
            f"Grafik batang anggaran dan realisasi per program tahun {tahun}. {ang}")


def render_report(p: Checked, templat: str | Path | None = None,
                  context: dict[str, Any] | None = None) -> Rendered:
    """The rendered .docx (table of contents filled, properties and language set)."""
    from docx.shared import Cm

    from lkj_excel.report import charts
    from lkj_excel.report.context import build_context
    from lkj_excel.report.finish import finish
    from lkj_excel.report.pictures import (
        MAX_SIDE,
        MAX_SIDE_FOTO,
        MAX_SIDE_LOGO,
        fit_cm,
        prepare,
    )

    ctx = dict(context if context is not None else build_context(p))
    template_class, env = _rendering()
    tpl = template_class(str(templat or DEFAULT_TEMPLATE))
    image = _image_class()
    chart = _chart_class()
    catatan: list[str] = []
    capaian = charts.capaian_series(p.result)  # the chart, its alt text, from one series
    alt_capaian, alt_anggaran = _chart_alt(ctx, capaian)
    for key, native, alt in (
            ("gambar_capaian", charts.capaian_chart(p.result, capaian), alt_capaian),
            ("gambar_anggaran", charts.anggaran_chart(p.result), alt_anggaran)):
        ctx[key] = chart(tpl, native, key.replace("_", " ").title(), alt) if native else ""
    gambar = ctx.get("gambar") or {}

    def place(item: dict[str, Any], box: tuple[float, float], side: int) -> bool:
        pic = item["picture"]
        try:
            ready = prepare(pic, side)
        except ValueError as exc:
            catatan.append(f"Gambar \"{item['judul']}\" (lembar Gambar baris {pic.row}) "
                           f"tidak dimasukkan: {exc}.")
            return False
        if ready.catatan:
            catatan.append(f"Gambar \"{item['judul']}\" {ready.catatan}.")
        cw, ch = fit_cm(ready.width, ready.height, *box)
        item["img"] = image(tpl, ready.data, Cm(cw), Cm(ch), item["nama"], item["alt"])
        return True

    if gambar:
        gambar = dict(gambar)
        for key, box, side in (("struktur", BOX_STRUKTUR, MAX_SIDE),
                               ("lampiran", BOX_FOTO, MAX_SIDE_FOTO)):
            gambar[key] = [dict(g) for g in gambar.get(key, [])]
            gambar[key] = [g for g in gambar[key] if place(g, box, side)]
        if gambar.get("kop"):
            kop = dict(gambar["kop"])
            gambar["kop"] = kop if place(kop, BOX_LOGO, MAX_SIDE_LOGO) else None
        ctx["gambar"] = gambar
    tpl.render(ctx, jinja_env=env, autoescape=True)
    instansi = str(ctx.get("instansi", ""))
    tahun = ctx.get("tahun", "")
    toc = finish(tpl.docx, title=f"Laporan Kinerja {instansi} Tahun {tahun}", author=instansi,
                 subject=f"Laporan Kinerja Instansi Pemerintah (LKj) Tahun {tahun}",
                 keywords=f"LKj; SAKIP; Laporan Kinerja; {tahun}")
    buf = io.BytesIO()
    tpl.save(buf)
    return Rendered(buf.getvalue(), toc, catatan)


#: the fields every report template prints (a .docx without them is not one)
TEMPLATE_FIELDS = ("instansi", "tahun")
#: and at least one of these (the year's results)
TEMPLATE_RESULTS = ("sasaran", "indikator", "anggaran", "kesimpulan")
#: the core property ``category`` of the default template (a rendered report's:
#: ``finish.REPORT_CATEGORY``)
TEMPLATE_CATEGORY = "Templat LKj"


def check_template(path: str | Path, known: set[str]) -> None:
    """Refuse a .docx that is not a report template: raises ``WorkbookError`` (exit 2)
    with an Indonesian message. ``known``: the names the report's context provides."""
    from lkj_excel.core.temuan import WorkbookError

    p = Path(path)
    nama = p.name
    if not zipfile.is_zipfile(p):
        raise WorkbookError(f"Templat \"{nama}\" bukan dokumen Word .docx yang utuh. Simpan "
                            "ulang dari Word sebagai Dokumen Word (.docx).", nama)
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise WorkbookError(f"Templat \"{nama}\" bukan dokumen Word (.docx).", nama)
            core = z.read("docProps/core.xml").decode("utf-8", "replace") \
                if "docProps/core.xml" in names else ""
    except zipfile.BadZipFile as exc:
        raise WorkbookError(f"Templat \"{nama}\" rusak: {exc}.", nama) from None
    from docxtpl import DocxTemplate

    try:
        used = DocxTemplate(str(p)).get_undeclared_template_variables(jinja_env())
    except Exception as exc:  # a broken jinja tag typed in Word
        raise WorkbookError(
            f"Templat Word \"{nama}\" tidak dapat dipakai: {exc}. Periksa tanda {{{{ }}}} "
            "dan {% %} di dalamnya.", nama) from None
    if not used:
        if f">{REPORT_CATEGORY}<" in core:
            raise WorkbookError(
                f"\"{nama}\" adalah laporan yang sudah jadi (hasil lkj laporan), bukan "
                "templat: isiannya sudah terisi. Untuk mengubah tampilan laporan, salin "
                "templatnya dengan lkj laporan --salin-templat TEMPLAT.docx, ubah gayanya di "
                "Word, lalu pakai dengan --templat TEMPLAT.docx.", nama)
        raise WorkbookError(
            f"\"{nama}\" bukan templat laporan: tidak memuat isian seperti {{{{ instansi }}}} "
            "atau {{ tahun }}. Salin templat bawaan dengan lkj laporan --salin-templat "
            "TEMPLAT.docx lalu ubah gayanya di Word.", nama)
    missing = [f for f in TEMPLATE_FIELDS if f not in used]
    if missing or not any(f in used for f in TEMPLATE_RESULTS):
        want = ", ".join(f"{{{{ {f} }}}}" for f in (*missing, TEMPLATE_RESULTS[0]))
        raise WorkbookError(
            f"\"{nama}\" bukan templat laporan LKj: isian {want} tidak ada. Mulailah dari "
            "templat bawaan (lkj laporan --salin-templat TEMPLAT.docx).", nama)
    unknown = sorted(used - known - set(CHART_VARIABLES))
    if unknown:
        raise WorkbookError(
            f"Templat \"{nama}\" memakai isian yang tidak dikenal: {', '.join(unknown)}. "
            "Periksa ejaannya; isian yang tersedia ada di docs/panduan-templat.md.", nama)


def copy_template(out: str | Path) -> Path:
    """Write the default Word template to ``out`` (atomically)."""
    from lkj_excel.core.temuan import WriteError

    target = Path(out)
    if target.suffix.lower() != ".docx":
        raise WriteError(f"Nama berkas templat harus berakhiran .docx: {target.name}",
                         target.name)
    if target.is_dir():
        raise WriteError(f"\"{target}\" adalah folder; sebutkan nama berkas .docx.",
                         target.name)
    data = DEFAULT_TEMPLATE.read_bytes()
    return atomic_write(target, lambda tmp: tmp.write_bytes(data))


def render_bytes(p: Checked, templat: str | Path | None = None,
                 context: dict[str, Any] | None = None) -> bytes:
    """The rendered .docx as bytes."""
    return render_report(p, templat, context).data


def render_docx(p: Checked, out_dir: str | Path, templat: str | Path | None = None,
                rendered: Rendered | None = None) -> Path:
    """Write ``out_dir/<Instansi> <Tahun>.docx`` atomically; returns its path."""
    data = (rendered or render_report(p, templat)).data
    path = target_path(out_dir, p)
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))
