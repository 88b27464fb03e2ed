"""Charts for the report as native Word charts: DrawingML chart parts with their own data.

Word, LibreOffice and WPS draw them from the figures in the part itself; the secretariat can
restyle them in Word and edit their data (each chart carries a small workbook, as Word's own
charts do). python-pptx writes the chart XML (the same DrawingML chart that Word uses) and
XlsxWriter the workbook; ``report.render`` relates both to the document.

Values come from the engine's ``Result`` (rounded as the report prints them). The notes
beside the bars are written as text, in the Indonesian number format the report's tables
print (``96%``, ``95,26%``), so every program and every machine's locale shows the same
figures; the bar lengths and the chart's workbook keep the numbers themselves.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.compute import Result

#: the chart's width on the page (the text width) and its height at most: a chart that
#: moves to the next page leaves no page mostly blank
WIDTH_CM = 15.5
MAX_HEIGHT_CM = 10.0
#: unless it has more labels than that height can show: then each label gets this much room
#: (its two bars and a line of text; a wrapped label ``LINE_CM`` a line), the chart up to the
#: page's text height
LABEL_CM = 0.42
LINE_CM = 0.28
TALL_CM = 22.0
#: the notes at the bars' ends up to this many labels (beyond, they would overlap; the table
#: above the chart prints every figure)
NOTES_UP_TO = 12
#: the chart's text (the report's font: Arial, Liberation Sans where Arial is missing)
FONT = "Arial"
FONT_PT = 8
NOTE_PT = 7
LANG = "id-ID"
#: axis labels of amounts: "10 jt", "100 jt", "1 M", "10 M" (juta, miliar); the format code
#: is stored in the file's own (locale-free) syntax: each trailing "," divides by 1,000
RUPIAH_TICKS = '[>=1000000000]0,,," M";[>=1000000]0,," jt";0'
#: the characters XML 1.0 cannot hold (a control character pasted into a cell)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class NativeChart:
    """One chart: its part (``c:chartSpace``; its workbook is relationship ``rId1``), the
    workbook with its data (.xlsx) and its size on the page."""

    xml: bytes
    workbook: bytes
    width_cm: float
    height_cm: float


#: the relationship id of the chart's workbook inside the chart part (its only one)
WORKBOOK_RID = "rId1"


def _id(value: float, digits: int = 0) -> str:
    from lkj_excel.core.numbers import format_angka

    return format_angka(value, digits)


def _text(value: object) -> str:
    """A label as the chart may hold it: one line, no character XML cannot carry."""
    return " ".join(_NOT_XML.sub(" ", str(value)).split()) or " "


#: a label's line at most (characters): the labels are wrapped in the chart's data, so every
#: program leaves the bars the same room (they would take half the width otherwise)
LABEL_CHARS = 44


def _wrap(label: str) -> str:
    """A long name wrapped into lines, never cut."""
    return "\n".join(textwrap.wrap(label, LABEL_CHARS)) or " "


def height_cm(labels: list[str]) -> float:
    """The chart's height from its labels' lines, up to ``MAX_HEIGHT_CM``; taller (up to
    ``TALL_CM``) when that would leave a label less than ``LABEL_CM``."""
    lines = sum(max(2, t.count("\n") + 1) for t in labels)
    inches = 0.75 + 0.16 * lines + 0.08 * len(labels)
    cm = min(MAX_HEIGHT_CM, inches * 2.54 * WIDTH_CM / (6.3 * 2.54))
    need = 2.5 + sum(max(LABEL_CM, LINE_CM * (t.count("\n") + 1)) for t in labels)
    return round(max(cm, min(TALL_CM, need)), 2)


def _el(tag: str, **attrs: str):  # type: ignore[no-untyped-def]
    from pptx.oxml.xmlchemy import OxmlElement

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(k, v)
    return el


def _log_bounds(values: list[float]) -> tuple[float, float]:
    """Powers of ten around the amounts, with a decade below the smallest (so its bar
    stays visible beside the largest) and room for the notes after the largest."""
    positive = [v for v in values if v > 0] or [1.0]
    low = 10 ** math.floor(math.log10(min(positive) / 4))
    high = 10 ** math.ceil(math.log10(max(positive) * 2))
    return float(low), float(high)


def _pair_chart(labels: list[str], first: list[float | None], second: list[float | None],
                names: tuple[str, str], colors: tuple[str, str], axis_title: str,
                notes: list[tuple[str | None, str | None]], number_format: str,
                tick_format: str, log: bool = False) -> NativeChart:
    """Horizontal pairs of bars (e.g. target and realisasi) per label, first label on top,
    the first series above the second, value notes at the bars' ends.

    ``log``: a logarithmic axis (powers of ten), so the smallest amount stays visible beside
    the largest; an amount of 0 has no bar there (the table above the chart says it)."""
    from pptx.chart.chart import Chart
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import (
        XL_AXIS_CROSSES,
        XL_CHART_TYPE,
        XL_LABEL_POSITION,
        XL_LEGEND_POSITION,
    )
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    labels = [_wrap(_text(t)) for t in labels]
    names = (_text(names[0]), _text(names[1]))
    data = CategoryChartData(number_format=number_format)
    data.categories = labels
    if log:  # no bar can start at 0 on a logarithmic axis
        first = [v if v and v > 0 else None for v in first]
        second = [v if v and v > 0 else None for v in second]
    data.add_series(names[0], first)
    data.add_series(names[1], second)
    workbook = data.xlsx_blob
    space = parse_xml(data.xml_bytes(XL_CHART_TYPE.BAR_CLUSTERED))
    chart = Chart(space, None)

    chart.font.name, chart.font.size = FONT, Pt(FONT_PT)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.gap_width, plot.overlap, plot.vary_by_categories = 45, 0, False
    for series, color in zip(plot.series, colors, strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
        series.invert_if_negative = False
    if len(labels) > NOTES_UP_TO:
        notes = []
    for which, series in enumerate(plot.series):
        for idx, pair in enumerate(notes):
            if pair[which]:
                label = series.points[idx].data_label
                label.has_text_frame = True
                label.text_frame.text = _text(pair[which])
                label.text_frame.paragraphs[0].runs[0].font.size = Pt(NOTE_PT)
                label.position = XL_LABEL_POSITION.OUTSIDE_END

    cat, val = chart.category_axis, chart.value_axis
    cat.reverse_order = True  # the first label on top, as the table lists them
    cat.has_major_gridlines = False
    cat.tick_labels.font.size = Pt(NOTE_PT)
    # every label, none left out (in the schema's place: before c:noMultiLvlLbl)
    cat._element.find(qn("c:noMultiLvlLbl")).addprevious(_el("c:tickLblSkip", val="1"))
    val.has_major_gridlines = True
    val.major_gridlines.format.line.color.rgb = RGBColor(0xD9, 0xD9, 0xD9)
    val.has_title = True
    val.axis_title.text_frame.text = _text(axis_title)
    run = val.axis_title.text_frame.paragraphs[0].runs[0]
    run.font.size, run.font.bold = Pt(FONT_PT), False
    val.tick_labels.number_format = tick_format
    val.tick_labels.number_format_is_linked = False
    values = [v for v in first + second if v is not None]
    if log:
        low, high = _log_bounds(values)
        val.minimum_scale, val.maximum_scale = low, high
        scaling = val._element.scaling
        scaling.insert(0, _el("c:logBase", val="10"))
    else:  # from 0 (or below, for a negative figure) to past the largest, in tens
        top = max([v for v in values if v > 0], default=1.0)
        bottom = min([v for v in values if v < 0], default=0.0)
        val.minimum_scale = float(math.floor(bottom * 1.18 / 10) * 10)
        val.maximum_scale = float(math.ceil(top * 1.18 / 10) * 10)
    # the value axis at the bottom (where the last label is, the category order reversed)
    valax = val._element
    valax._remove_crosses()
    valax._remove_crossesAt()
    valax._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)

    # the chart as Word makes one: square corners, no frame, Indonesian, its workbook
    space.insert(1, _el("c:lang", val=LANG))
    space.insert(2, _el("c:roundedCorners", val="0"))
    sppr = _el("c:spPr")
    space.chart.addnext(sppr)
    sppr.append(_el("a:noFill"))
    ln = _el("a:ln")
    ln.append(_el("a:noFill"))
    sppr.append(ln)
    for rpr in space.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        if rpr.get("lang") in (None, "en-US"):
            rpr.set("lang", LANG)
    space.get_or_add_externalData().rId = WORKBOOK_RID
    from lxml import etree

    xml = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return NativeChart(xml, workbook, WIDTH_CM, height_cm(labels))


#: what one chart shows: labels, the two series, their names and colours, the axis title and
#: the notes beside each pair of bars (first, second; None for none)
Series = tuple[list[str], list[float], list[float], tuple[str, str], tuple[str, str], str,
               list[tuple[str | None, str | None]]]


def capaian_series(h: Result) -> Series | None:
    """Target vs realisasi of the indicators in %: what the capaian chart shows (None when
    there is none)."""
    inds = [i for i in h.indikator if (i.satuan or "").strip() == "%"
            and isinstance(i.target, Decimal) and isinstance(i.realisasi_bulat, Decimal)]
    if not inds:
        return None
    t = [float(i.target) for i in inds]
    r = [float(i.realisasi_bulat) for i in inds]
    notes: list[tuple[str | None, str | None]] = [
        (_id(tv, 2).rstrip("0").rstrip(",") + "%", _id(rv, h.settings.desimal) + "%")
        for tv, rv in zip(t, r, strict=True)]
    return ([i.indikator for i in inds], t, r, ("Target", "Realisasi"), ("#9db4d6", "#1f4e8c"),
            "Persen (%)", notes)


def anggaran_series(h: Result) -> Series | None:
    """Anggaran and realisasi per program, serapan beside each realisasi: what the anggaran
    chart shows (None without programs)."""
    progs = h.anggaran.program
    if not progs:
        return None
    notes: list[tuple[str | None, str | None]] = [
        (None, None if p.serapan_persen is None else _id(p.serapan_persen, 2) + "%")
        for p in progs]
    return ([p.program for p in progs], [float(p.anggaran) for p in progs],
            [float(p.realisasi or 0) for p in progs], ("Anggaran", "Realisasi"),
            ("#c9c9c9", "#2e7d4f"), "Rupiah (skala logaritmik)", notes)


def capaian_chart(h: Result, series: Series | None = None) -> NativeChart | None:
    """Target vs realisasi per indicator (indicators in % only; None when none); from
    ``series`` when given (``capaian_series(h)``, already made)."""
    s = series if series is not None else capaian_series(h)
    if s is None:
        return None
    labels, t, r, names, colours, axis, notes = s
    return _pair_chart(labels, list(t), list(r), names, colours, axis, notes, "General", "0")


def anggaran_chart(h: Result) -> NativeChart | None:
    """Anggaran and realisasi per program in rupiah on a logarithmic axis (the smallest
    program stays visible beside the largest), serapan beside each realisasi; None without
    programs."""
    s = anggaran_series(h)
    if s is None:
        return None
    labels, a, r, names, colours, axis, notes = s
    return _pair_chart(labels, list(a), list(r), names, colours, axis, notes, "#,##0",
                       RUPIAH_TICKS, log=True)
