"""The report's charts as they were before the native Word charts: matplotlib (Agg) PNGs.

Kept for benchmarks/bench_laporan.py only, which compares their cost with the native charts
(`lkj_excel.report.charts`) in one run; needs `pip install -e ".[bench]"` (matplotlib is no
longer part of the secretariat's install). Same code as lkj_excel/report/charts.py had.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.compute import Result

DPI = 150


def _plt():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 8, "font.family": "DejaVu Sans",
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _png(fig) -> bytes:  # type: ignore[no-untyped-def]
    """The figure as PNG, drawn once: its margins are set from the labels' measured sizes
    (``_fit_margins``), so no second "tight" layout pass is needed."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    _plt().close(fig)
    return buf.getvalue()


def _fit_margins(fig, ax, labels: list[str], xlabel: str) -> None:  # type: ignore[no-untyped-def]
    """Room for the wrapped y labels on the left, the legend above and the x axis below,
    measured with the renderer's font metrics (nothing is drawn)."""
    from matplotlib.font_manager import FontProperties

    r = fig.canvas.get_renderer()
    prop = FontProperties(family="DejaVu Sans", size=7)
    widest = max((r.get_text_width_height_descent(line, prop, ismath=False)[0]
                  for label in labels for line in label.split("\n")), default=0.0)
    w_px, h_px = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    pad = 0.12 * fig.dpi  # tick marks and the gap to the labels
    left = min(0.6, (widest + pad) / w_px + 0.01)
    bottom = (0.42 if xlabel else 0.3) * fig.dpi / h_px
    top = 1 - 0.3 * fig.dpi / h_px
    fig.subplots_adjust(left=left, right=0.985, bottom=bottom, top=top)


def size_px(png: bytes) -> tuple[int, int]:
    """(width, height) of a PNG from its header."""
    from lkj_excel.core.pictures import sniff

    kind = sniff(png)
    return (kind[1], kind[2]) if kind else (1, 1)


def _id(value: float, digits: int = 0) -> str:
    from lkj_excel.core.numbers import format_angka

    return format_angka(value, digits)


def _label(text: str, width: int = 44) -> str:
    """A long name wrapped into lines, never cut."""
    return "\n".join(textwrap.wrap(text, width)) or " "


#: the chart's height at most (inches, drawn 6.3 in wide): printed 15.5 cm wide it stays
#: under 10 cm, so a chart that moves to the next page leaves no page mostly blank
MAX_HEIGHT_IN = 4.0


def _rupiah_tick(value: float, _pos: object = None) -> str:
    """Axis labels of amounts: "100 jt", "1 M", "25 M" (juta, miliar)."""
    if value >= 1e12:
        return _id(value / 1e12, 0 if value % 1e12 == 0 else 1) + " T"
    if value >= 1e9:
        return _id(value / 1e9, 0 if value % 1e9 == 0 else 1) + " M"
    if value >= 1e6:
        return _id(value / 1e6, 0) + " jt"
    return _id(value, 0)


def _pair_chart(labels: list[str], first: list[float], second: list[float],
                names: tuple[str, str], colors: tuple[str, str], xlabel: str,
                notes: list[tuple[str | None, str | None]], log: bool = False):  # type: ignore[no-untyped-def]
    """Horizontal pairs of bars (e.g. target and realisasi) per label, with value notes.

    ``log``: a logarithmic scale, so the smallest amount stays visible beside the largest.
    Labels wrap instead of being cut; the height follows their lines up to
    ``MAX_HEIGHT_IN``."""
    plt = _plt()
    n = len(labels)
    wrapped = [_label(t) for t in labels]
    lines = sum(max(2, w.count("\n") + 1) for w in wrapped)
    height = min(MAX_HEIGHT_IN, 0.75 + 0.16 * lines + 0.08 * n)
    fig, ax = plt.subplots(figsize=(6.3, height), dpi=DPI)
    ys = list(range(n))[::-1]
    values = [v for v in first + second if v > 0]
    top = max(values, default=1.0)
    if log:
        floor = min(values, default=1.0) / 4
        ax.set_xscale("log")
        ax.barh([y + 0.2 for y in ys], [max(v, floor) - floor for v in first], left=floor,
                height=0.38, color=colors[0], label=names[0])
        ax.barh([y - 0.2 for y in ys], [max(v, floor) - floor for v in second], left=floor,
                height=0.38, color=colors[1], label=names[1])
        ax.set_xlim(floor, top * 6)
        from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

        ax.xaxis.set_major_locator(LogLocator(base=10))
        ax.xaxis.set_major_formatter(FuncFormatter(_rupiah_tick))
        ax.xaxis.set_minor_locator(NullLocator())

        def at(v: float) -> float:
            return max(v, floor) * 1.08
    else:
        ax.barh([y + 0.2 for y in ys], first, height=0.38, color=colors[0], label=names[0])
        ax.barh([y - 0.2 for y in ys], second, height=0.38, color=colors[1], label=names[1])
        ax.set_xlim(0, top * 1.18)

        def at(v: float) -> float:
            return v + top * 0.01
    for y, a, b, (note_a, note_b) in zip(ys, first, second, notes, strict=True):
        if note_a:
            ax.text(at(a), y + 0.2, note_a, va="center", fontsize=7)
        if note_b:
            ax.text(at(b), y - 0.2, note_b, va="center", fontsize=7)
    ax.set_yticks(ys)
    ax.set_yticklabels(wrapped, fontsize=7)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=7,
              frameon=False)
    _fit_margins(fig, ax, wrapped, xlabel)
    return _png(fig)


def capaian_png(h: Result) -> bytes | None:
    """Target vs realisasi per indicator (the same series as the native chart)."""
    from lkj_excel.report.charts import capaian_series

    s = capaian_series(h)
    if s is None:
        return None
    labels, t, r, names, colours, axis, notes = s
    return _pair_chart(labels, t, r, names, colours, axis, notes)


def anggaran_png(h: Result) -> bytes | None:
    """Anggaran and realisasi per program in rupiah on a logarithmic scale (the same series
    as the native chart)."""
    from lkj_excel.report.charts import anggaran_series

    s = anggaran_series(h)
    if s is None:
        return None
    labels, a, r, names, colours, axis, notes = s
    return _pair_chart(labels, a, r, names, colours, axis, notes, log=True)
