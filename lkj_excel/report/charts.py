"""Charts for the report (matplotlib, Agg backend), as PNG bytes.

Values come from the engine's ``Result`` (rounded as the report prints them).
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
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    _plt().close(fig)
    return buf.getvalue()


def _id(value: float, digits: int = 0) -> str:
    from lkj_excel.core.numbers import format_angka

    return format_angka(value, digits)


def _label(text: str, width: int = 42, lines: int = 3) -> str:
    """A long name wrapped to at most ``lines`` lines, with "…" when cut."""
    parts = textwrap.wrap(text, width)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def _pair_chart(labels: list[str], first: list[float], second: list[float],
                names: tuple[str, str], colors: tuple[str, str], xlabel: str,
                notes: list[tuple[str | None, str | None]], row_height: float):  # type: ignore[no-untyped-def]
    """Horizontal pairs of bars (e.g. target and realisasi) per label, with value notes."""
    plt = _plt()
    n = len(labels)
    fig, ax = plt.subplots(figsize=(6.3, row_height * n + 1.2))
    ys = list(range(n))[::-1]
    ax.barh([y + 0.2 for y in ys], first, height=0.38, color=colors[0], label=names[0])
    ax.barh([y - 0.2 for y in ys], second, height=0.38, color=colors[1], label=names[1])
    pad = max(first + second) * 0.01
    for y, a, b, (note_a, note_b) in zip(ys, first, second, notes, strict=True):
        if note_a:
            ax.text(a + pad, y + 0.2, note_a, va="center", fontsize=7)
        if note_b:
            ax.text(b + pad, y - 0.2, note_b, va="center", fontsize=7)
    ax.set_yticks(ys)
    ax.set_yticklabels([_label(t) for t in labels], fontsize=7)
    ax.set_xlim(0, max(first + second) * 1.15)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=7,
              frameon=False)
    return _png(fig)


def capaian_png(h: Result) -> bytes | None:
    """Target vs realisasi per indicator (indicators in % only; None when none)."""
    inds = [i for i in h.indikator if (i.satuan or "").strip() == "%"
            and i.target is not None and i.realisasi_bulat is not None]
    if not inds:
        return None
    t = [float(i.target) for i in inds]
    r = [float(i.realisasi_bulat) for i in inds]
    notes = [(_id(tv, 2).rstrip("0").rstrip(",") + "%", _id(rv, h.settings.desimal) + "%")
             for tv, rv in zip(t, r, strict=True)]
    return _pair_chart([i.indikator for i in inds], t, r, ("Target", "Realisasi"),
                       ("#9db4d6", "#1f4e8c"), "Persen (%)", notes, 0.55)


def anggaran_png(h: Result) -> bytes | None:
    """Anggaran and realisasi per program, in billions of rupiah (None without programs)."""
    progs = h.anggaran.program
    if not progs:
        return None
    a = [float(p.anggaran) / 1e9 for p in progs]
    r = [float(p.realisasi or 0) / 1e9 for p in progs]
    notes = [(None, None if p.serapan_persen is None else _id(p.serapan_persen, 2) + "%")
             for p in progs]
    return _pair_chart([p.program for p in progs], a, r, ("Anggaran", "Realisasi"),
                       ("#c9c9c9", "#2e7d4f"), "Miliar rupiah", notes, 0.6)
