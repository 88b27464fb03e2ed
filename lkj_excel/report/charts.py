"""Charts for the report (matplotlib, Agg backend), as PNG bytes.

Values come from the engine's ``Hasil`` (rounded as the report prints them).
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.compute import Hasil

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
    from lkj_excel.numbers import format_angka

    return format_angka(value, digits)


def capaian_png(h: Hasil) -> bytes | None:
    """Target vs realisasi per indicator (indicators in % only; None when none)."""
    inds = [i for i in h.indikator if (i.satuan or "").strip() == "%"
            and i.target is not None and i.realisasi_bulat is not None]
    if not inds:
        return None
    plt = _plt()
    n = len(inds)
    fig, ax = plt.subplots(figsize=(6.3, 0.55 * n + 1.2))
    ys = list(range(n))[::-1]
    t = [float(i.target) for i in inds]
    r = [float(i.realisasi_bulat) for i in inds]
    ax.barh([y + 0.2 for y in ys], t, height=0.38, color="#9db4d6", label="Target")
    ax.barh([y - 0.2 for y in ys], r, height=0.38, color="#1f4e8c", label="Realisasi")
    for y, tv, rv in zip(ys, t, r, strict=True):
        ax.text(tv + 1, y + 0.2, _id(tv, 2).rstrip("0").rstrip(",") + "%", va="center",
                fontsize=7)
        ax.text(rv + 1, y - 0.2, _id(rv, h.settings.desimal) + "%", va="center", fontsize=7)
    ax.set_yticks(ys)
    ax.set_yticklabels(["\n".join(textwrap.wrap(i.indikator, 42)[:3]) for i in inds],
                       fontsize=7)
    ax.set_xlim(0, max(t + r) * 1.15)
    ax.set_xlabel("Persen (%)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=7,
              frameon=False)
    return _png(fig)


def anggaran_png(h: Hasil) -> bytes | None:
    """Anggaran and realisasi per program, in billions of rupiah (None without programs)."""
    progs = h.anggaran.program
    if not progs:
        return None
    plt = _plt()
    n = len(progs)
    fig, ax = plt.subplots(figsize=(6.3, 0.6 * n + 1.2))
    ys = list(range(n))[::-1]
    a = [float(p.anggaran) / 1e9 for p in progs]
    r = [float(p.realisasi or 0) / 1e9 for p in progs]
    ax.barh([y + 0.2 for y in ys], a, height=0.38, color="#c9c9c9", label="Anggaran")
    ax.barh([y - 0.2 for y in ys], r, height=0.38, color="#2e7d4f", label="Realisasi")
    for y, p, rv in zip(ys, progs, r, strict=True):
        if p.serapan_persen is not None:
            ax.text(rv + max(a) * 0.01, y - 0.2, _id(p.serapan_persen, 2) + "%",
                    va="center", fontsize=7)
    ax.set_yticks(ys)
    ax.set_yticklabels(["\n".join(textwrap.wrap(p.program, 42)[:3]) for p in progs],
                       fontsize=7)
    ax.set_xlim(0, max(a + r) * 1.15)
    ax.set_xlabel("Miliar rupiah")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=7,
              frameon=False)
    return _png(fig)
