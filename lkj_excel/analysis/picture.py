"""The picture of the year: one self-contained HTML file from the rekap's tables.

Per agency: the capaian of each indicator against its target (bars, the target line at
100%), budget absorption against capaian per program (which programs spent without result,
which reached their target with less), the trend of every indicator over the years in
``riwayat``, and the findings left. The charts are inline SVG computed here and drawn by the
jinja2 template (autoescaped), so the file needs no internet, stays light, is sharp on a
phone and prints as it shows.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj_excel.analysis.tables import natural_key
from lkj_excel.core import schema
from lkj_excel.core.model import norm
from lkj_excel.core.temuan import KESALAHAN

TEMPLATE = "rekap.html"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: the colour of each predikat (the engine's words), darker is better
WARNA_PREDIKAT = {"sangat baik": "#1b5e20", "baik": "#43a047", "cukup": "#f9a825",
                  "kurang": "#ef6c00", "sangat kurang": "#c62828"}
WARNA_LAIN = "#9e9e9e"
TARGET = Decimal(100)

# verdicts of a program: serapan (budget absorbed, %) against the capaian of its sasaran
EFISIEN = "Target tercapai dengan anggaran lebih sedikit"
PENUH = "Target tercapai, anggaran terserap penuh"
TANPA_HASIL = "Anggaran terserap, target belum tercapai"
BELUM = "Target belum tercapai, anggaran juga belum terserap"
TANPA_CAPAIAN = "Tanpa indikator sasaran (program penunjang atau kode sasaran kosong)"
WARNA_VERDICT = {EFISIEN: "#1b5e20", PENUH: "#43a047", TANPA_HASIL: "#c62828",
                 BELUM: "#ef6c00", TANPA_CAPAIAN: WARNA_LAIN}


# ---------------------------------------------------------------------------
# Numbers the Indonesian way
# ---------------------------------------------------------------------------

def _digits(value: Decimal) -> int:
    return min(6, max(0, -value.normalize().as_tuple().exponent))  # type: ignore[operator]


def angka(value: Any) -> str:
    from lkj_excel.core.numbers import format_angka

    if not isinstance(value, Decimal | int):
        return "–" if value is None else str(value)  # noqa: RUF001
    d = Decimal(value)
    return format_angka(d, _digits(d))


def persen(value: Any) -> str:
    return angka(value) + ("%" if isinstance(value, Decimal | int) else "")


def persen2(value: Any) -> str:
    """A budget percentage: always two decimals, as Ringkasan prints it."""
    from lkj_excel.core.numbers import format_persen

    return format_persen(value, 2) if isinstance(value, Decimal | int) else "–"  # noqa: RUF001


def rupiah(value: Any) -> str:
    from lkj_excel.core.numbers import format_rupiah

    return format_rupiah(value) if isinstance(value, Decimal | int) else "–"  # noqa: RUF001


# ---------------------------------------------------------------------------
# Chart geometry (viewBox units; the SVG scales to the screen's width)
# ---------------------------------------------------------------------------

W = 420  # narrow on purpose: the text stays legible when a phone scales it down


@dataclass
class Bar:
    label: str
    title: str
    y: float
    width: float
    color: str
    text: str
    clipped: bool = False


@dataclass
class BarChart:
    height: float
    x0: float
    x1: float
    target_x: float
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    width: float = W


def capaian_chart(rows: list[dict[str, Any]]) -> BarChart | None:
    """Bars of capaian per indicator (100% = target met; longer bars are clipped)."""
    if not rows:
        return None
    values = [r["capaian"] for r in rows if isinstance(r["capaian"], Decimal)]
    top = max([Decimal(120), *values])
    top = min(top, Decimal(200))
    top = Decimal(int((top + 19) // 20 * 20))
    x0, x1, row_h, pad = 46.0, W - 58.0, 24.0, 20.0

    def x(v: Decimal) -> float:
        return x0 + float(min(v, top) / top) * (x1 - x0)

    bars = []
    for i, r in enumerate(rows):
        c = r["capaian"]
        y = pad + i * row_h
        if isinstance(c, Decimal):
            color = WARNA_PREDIKAT.get(norm(r.get("predikat")), WARNA_LAIN)
            bars.append(Bar(r["kode_indikator"] or "", r["indikator"] or "", y,
                            max(1.0, x(max(c, Decimal(0))) - x0), color, persen(c),
                            clipped=c > top))
        else:
            bars.append(Bar(r["kode_indikator"] or "", r["indikator"] or "", y, 0, WARNA_LAIN,
                            _no_capaian(r, "belum ada")))
    ticks = [(x(Decimal(t)), f"{t}%") for t in range(0, int(top) + 1, 20 if top <= 160 else 40)]
    return BarChart(pad + len(rows) * row_h + 8, x0, x1, x(TARGET), bars, ticks)


@dataclass
class Point:
    n: int
    cx: float
    cy: float
    color: str
    title: str


@dataclass
class Scatter:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    target_y: float
    diagonal: tuple[float, float, float, float]
    xticks: list[tuple[float, str]]
    yticks: list[tuple[float, str]]
    points: list[Point]


@dataclass
class ProgramView:
    n: int
    program: str
    kode_sasaran: str
    anggaran: str
    realisasi: str
    serapan: str
    capaian: str
    catatan: str
    verdict: str
    color: str


def verdict(serapan: Decimal | None, capaian: Decimal | None) -> str:
    if capaian is None or serapan is None:
        return TANPA_CAPAIAN
    if capaian >= TARGET:
        return EFISIEN if serapan < 100 else PENUH
    return TANPA_HASIL if serapan >= capaian else BELUM


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    from lkj_excel.core.numbers import round_half_up

    return round_half_up(sum(values, Decimal(0)) / len(values), 2)


def programs(anggaran: list[dict[str, Any]], indikator: list[dict[str, Any]]
             ) -> tuple[list[ProgramView], Scatter | None]:
    """Each program with the capaian of its sasaran (the mean over the sasaran's
    indicators when there are several) and its verdict; the scatter of those plotted."""
    by_sasaran: dict[str, list[Decimal]] = {}
    for r in indikator:
        if isinstance(r["capaian"], Decimal):
            by_sasaran.setdefault(norm(r["kode_sasaran"]), []).append(r["capaian"])
    views, plotted = [], []
    for n, a in enumerate(anggaran, 1):
        caps = by_sasaran.get(norm(a["kode_sasaran"]), []) if a["kode_sasaran"] else []
        cap = _mean(caps)
        v = verdict(a["serapan_persen"], cap)
        catatan = f"rata-rata {len(caps)} indikator" if len(caps) > 1 else ""
        views.append(ProgramView(n, a["program"] or "", a["kode_sasaran"] or "",
                                 rupiah(a["anggaran"]), rupiah(a["realisasi"]),
                                 persen2(a["serapan_persen"]), persen(cap), catatan, v,
                                 WARNA_VERDICT[v]))
        if cap is not None and a["serapan_persen"] is not None:
            plotted.append((n, a["serapan_persen"], cap, v, a["program"] or ""))
    if not plotted:
        return views, None
    left, right, top, bottom, height = 40.0, W - 10.0, 10.0, 250.0, 282.0
    xmax = max([Decimal(100), *(p[1] for p in plotted)])
    ymax = min(Decimal(200), max([Decimal(120), *(p[2] for p in plotted)]))
    xmax = Decimal(int((xmax + 19) // 20 * 20))
    ymax = Decimal(int((ymax + 19) // 20 * 20))

    def sx(v: Decimal) -> float:
        return left + float(min(max(v, Decimal(0)), xmax) / xmax) * (right - left)

    def sy(v: Decimal) -> float:
        return bottom - float(min(max(v, Decimal(0)), ymax) / ymax) * (bottom - top)

    d = min(xmax, ymax)
    points = [Point(n, sx(s), sy(c), WARNA_VERDICT[v],
                    f"{n}. {prog}: serapan {persen2(s)}, capaian {persen(c)}")
              for n, s, c, v, prog in plotted]
    return views, Scatter(W, height, left, right, top, bottom, sy(TARGET),
                          (sx(Decimal(0)), sy(Decimal(0)), sx(d), sy(d)),
                          [(sx(Decimal(t)), f"{t}%") for t in range(0, int(xmax) + 1, 20)],
                          [(sy(Decimal(t)), f"{t}%") for t in range(0, int(ymax) + 1, 20)],
                          points)


@dataclass
class Trend:
    kode: str
    indikator: str
    values: list[str]
    points: str  # the polyline's points
    dots: list[tuple[float, float, str]]
    width: float = 168
    height: float = 44


def trends(riwayat: list[dict[str, Any]], names: dict[str, str]
           ) -> tuple[list[int], list[Trend]]:
    """Per indicator its realisasi over the years (a sparkline on its own scale)."""
    years = sorted({r["tahun"] for r in riwayat if r["tahun"] is not None})
    by: dict[str, dict[int, Decimal]] = {}
    order: list[str] = []
    for r in riwayat:
        k = r["kode_indikator"] or ""
        if k not in by:
            order.append(k)
        by.setdefault(k, {})[r["tahun"]] = r["realisasi"]
    out = []
    for k in sorted(order, key=natural_key):
        series = by[k]
        vals = [series[t] for t in years if isinstance(series.get(t), Decimal)]
        lo, hi = (min(vals), max(vals)) if vals else (Decimal(0), Decimal(1))
        span = hi - lo or Decimal(1)
        w, h, pad = 168.0, 44.0, 6.0
        step = (w - 2 * pad) / max(1, len(years) - 1)
        dots = []
        for i, t in enumerate(years):
            v = series.get(t)
            if isinstance(v, Decimal):
                cy = h - pad - float((v - lo) / span) * (h - 2 * pad) if hi != lo else h / 2
                dots.append((pad + i * step, cy, f"{t}: {angka(v)}"))
        out.append(Trend(k, names.get(norm(k), ""), [angka(series.get(t)) for t in years],
                         " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in dots), dots))
    return years, out


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

def _shown(r: dict[str, Any], key: str) -> str:
    """A target or realisasi as the report prints it: the number, or its category (WTP)."""
    if r.get(key) is None and r.get(f"{key}_kategori"):
        return str(r[f"{key}_kategori"])
    return angka(r.get(key))


def _no_capaian(r: dict[str, Any], empty: str = "–") -> str:  # noqa: RUF001
    """What stands for capaian when there is no percentage: a category target's Tercapai /
    Tidak Tercapai, or why it is empty."""
    if r.get("target_kategori") and r.get("tercapai"):
        return str(r["tercapai"])
    return r.get("capaian_catatan") or empty


def _met(r: dict[str, Any]) -> bool | None:
    """The target met, as the engine said (``tercapai``); None when it cannot be said."""
    return None if not r.get("tercapai") else r["tercapai"] == schema.TERCAPAI


@dataclass
class YearView:
    tahun: int | None
    indikator: list[dict[str, Any]]
    chart: BarChart | None
    programs: list[ProgramView]
    scatter: Scatter | None
    tercapai: int
    n_capaian: int
    anggaran: str
    realisasi: str
    serapan: str


@dataclass
class AgencyView:
    id: str
    nama: str
    pemda: str
    years: list[YearView] = field(default_factory=list)
    trend_years: list[int] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    temuan: list[dict[str, Any]] = field(default_factory=list)

    @property
    def kesalahan(self) -> int:
        return sum(1 for f in self.temuan if f["tingkat"] == KESALAHAN)

    @property
    def peringatan(self) -> int:
        return len(self.temuan) - self.kesalahan


def _group(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(norm(r.get("instansi")), []).append(r)
    return out


def _year_view(tahun: int | None, ind: list[dict[str, Any]], ang: list[dict[str, Any]]
               ) -> YearView:
    views, scatter = programs(ang, ind)
    shown = [{**r, "target_t": _shown(r, "target"), "realisasi_t": _shown(r, "realisasi"),
              "capaian_t": persen(r["capaian"]) if r["capaian"] is not None
              else _no_capaian(r)} for r in ind]
    met = [_met(r) for r in ind]
    total_a = sum((a["anggaran"] for a in ang if isinstance(a["anggaran"], Decimal)),
                  Decimal(0))
    total_r = sum((a["realisasi"] for a in ang if isinstance(a["realisasi"], Decimal)),
                  Decimal(0))
    from lkj_excel.core.numbers import round_half_up

    serapan = round_half_up(total_r / total_a * 100, 2) if total_a else None
    return YearView(tahun, shown, capaian_chart(ind), views, scatter,
                    sum(1 for m in met if m), sum(1 for m in met if m is not None),
                    rupiah(total_a),
                    rupiah(total_r), persen2(serapan))


def context(tables: dict[str, list[dict[str, Any]]], judul: str | None = None
            ) -> dict[str, Any]:
    ind, ang = _group(tables["indikator"]), _group(tables["anggaran"])
    riw, tem = _group(tables["riwayat"]), _group(tables["temuan"])
    keys = list(dict.fromkeys([*ind, *ang, *riw, *(k for k in tem if k)]))
    first: dict[str, dict[str, Any]] = {}
    for name in ("indikator", "anggaran", "riwayat", "temuan"):
        for r in tables[name]:
            first.setdefault(norm(r.get("instansi")), r)
    agencies = []
    for i, key in enumerate(sorted(keys, key=natural_key)):
        ref = first[key]
        a = AgencyView(f"instansi-{i + 1}", ref.get("instansi") or "", ref.get("pemda") or "")
        years = sorted({r["tahun"] for r in ind.get(key, []) + ang.get(key, [])},
                       key=lambda t: -(t or 0))
        for t in years:
            a.years.append(_year_view(t, [r for r in ind.get(key, []) if r["tahun"] == t],
                                      [r for r in ang.get(key, []) if r["tahun"] == t]))
        names = {norm(r["kode_indikator"]): r["indikator"] or "" for r in
                 sorted(ind.get(key, []), key=lambda r: r["tahun"] or 0)}
        a.trend_years, a.trends = trends(riw.get(key, []), names)
        a.temuan = tem.get(key, [])
        agencies.append(a)
    tahun = sorted({r["tahun"] for r in tables["indikator"] if r["tahun"]})
    periode = (f"{tahun[0]}" if len(tahun) == 1 else f"{tahun[0]}–{tahun[-1]}"  # noqa: RUF001
               if tahun else "")
    from lkj_excel.core import __version__

    return {
        "judul": judul or f"Gambaran Kinerja Instansi {periode}".strip(),
        "periode": periode,
        "agencies": agencies,
        "umum": tem.get("", []),
        "berkas": tables.get("berkas", []),
        "dibuat": _dt.date.today(),
        "versi": __version__,
        "warna_verdict": WARNA_VERDICT,
        "warna_predikat": WARNA_PREDIKAT,
        "angka": angka,
        "persen": persen,
    }


def render_html(tables: dict[str, list[dict[str, Any]]], judul: str | None = None) -> str:
    import jinja2

    from lkj_excel.core.numbers import format_tanggal

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["tanggal"] = format_tanggal
    env.filters["f1"] = lambda v: f"{v:.1f}"
    return env.get_template(TEMPLATE).render(**context(tables, judul))


def write_html(tables: dict[str, list[dict[str, Any]]], path: str | Path,
               judul: str | None = None) -> Path:
    from lkj_excel.files.atomic import atomic_write_text

    return atomic_write_text(path, render_html(tables, judul))
