"""Worksheet functions (xlwings UDFs) from the engine's own core.

Import them once into the add-in (xlwings ribbon "Import Functions" with the add-in as
target; see docs/panduan-staf.md). In Excel (Indonesian list separator ``;``)::

    =LKJ_CAPAIAN(target; realisasi; polaritas; [rumus]; [desimal]; [batas_atas])
    =LKJ_PREDIKAT(capaian; [skala])
    =LKJ_RUPIAH(angka)   =LKJ_PERSEN(angka; [desimal])   =LKJ_TERBILANG(angka)

``LKJ_PERSEN`` takes a figure in percent (95,68 -> "95,68%"), as the engine's results are;
a cell formatted % in Excel holds the fraction (0,9568), so its help says to write
``=LKJ_PERSEN(A1*100)`` (taking both would guess: 0,96% is a real value too).

Each is a thin wrapper over ``lkj_excel.core.compute`` / ``lkj_excel.core.numbers``, so it gives the
engine's results exactly:
- numbers may be numbers or Indonesian text ("95,68", "Rp 1.455.472.897"), read by
  ``parse_number`` like the reader does;
- ``LKJ_CAPAIAN`` returns the UNROUNDED capaian (Excel's number format decides what is
  shown) unless ``desimal`` is given: then it rounds half up like the engine (the
  ``Desimal`` setting), and the result equals the ``Capaian`` column of ``Ringkasan``.
  ``LKJ_PREDIKAT`` of that rounded value equals its ``Predikat``. When the capaian cannot be
  computed it returns the text "tidak dapat dihitung" (as the engine writes);
- bad input gives a text starting with "Galat:" that says what to fix (never a traceback).

The parameters carry no type hints on purpose: xlwings would take them as converters.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import xlwings as xw

from lkj_excel.core import schema
from lkj_excel.core.compute import TIDAK_DAPAT_DIHITUNG, capaian, predikat
from lkj_excel.core.numbers import (
    ParseError,
    format_persen,
    format_rupiah,
    parse_number,
    round_half_up,
    terbilang,
)

GALAT = "Galat: "


def _num(value, nama):  # type: ignore[no-untyped-def]
    if isinstance(value, list):
        raise ParseError(f"{nama} harus satu sel, bukan rentang.")
    try:
        return parse_number(value)
    except ParseError as exc:
        raise ParseError(f"{nama}: {exc.pesan}") from exc


def _out(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def _polaritas(value):  # type: ignore[no-untyped-def]
    text = str(value or "Positif").strip()
    for choice in schema.POLARITAS:
        if choice.casefold() == text.casefold():
            return choice
    raise ParseError(f"Polaritas \"{text}\" tidak dikenal; isi Positif atau Negatif.")


def _rumus(value):  # type: ignore[no-untyped-def]
    text = str(value or "2T-R").strip().upper().replace(" ", "")
    if text not in schema.RUMUS_NEGATIF:
        raise ParseError(f"Rumus \"{value}\" tidak dikenal; isi 2T-R atau T/R.")
    return text


def _desimal(value):  # type: ignore[no-untyped-def]
    if value is None or value == "":
        return None
    d = _num(value, "Desimal")
    if d is None or d != d.to_integral_value() or not 0 <= d <= 6:
        raise ParseError("Desimal harus bilangan bulat 0 sampai 6.")
    return int(d)


def capaian_udf(target, realisasi, polaritas="Positif", rumus="2T-R", desimal=None,
                batas_atas=None) -> Any:  # type: ignore[no-untyped-def]
    try:
        t = _num(target, "Target")
        r = _num(realisasi, "Realisasi")
        cap = _num(batas_atas, "Batas atas") if batas_atas not in (None, "") else None
        res = capaian(t, r, _polaritas(polaritas), _rumus(rumus), cap)
        digits = _desimal(desimal)
    except ParseError as exc:
        return GALAT + exc.pesan
    if res.nilai is None:
        return "" if res.alasan != TIDAK_DAPAT_DIHITUNG else TIDAK_DAPAT_DIHITUNG
    value = res.nilai if digits is None else round_half_up(res.nilai, digits)
    return _out(value)


def skala_from(skala) -> list[tuple[Decimal, str]]:  # type: ignore[no-untyped-def]
    """A scale from a preset name or a 2-column range (Batas Bawah | Predikat)."""
    if skala is None or skala == "" or skala == [[None]]:
        return [(Decimal(b), p) for b, p in schema.SKALA_STANDAR]
    if isinstance(skala, list) and len(skala) == 1 and isinstance(skala[0], list) \
            and len(skala[0]) == 1:
        skala = skala[0][0]
    if isinstance(skala, str):
        preset = schema.SKALA_PRESET.get(skala.strip().casefold())
        if preset is None:
            raise ParseError(f"Skala \"{skala}\" tidak dikenal; pilih "
                             f"{', '.join(schema.SKALA_PRESET)} atau rentang dua kolom "
                             "Batas Bawah dan Predikat.")
        return [(Decimal(b), p) for b, p in preset]
    rows = skala if isinstance(skala[0], list) else [skala]
    out: list[tuple[Decimal, str]] = []
    for row in rows:
        if len(row) < 2:
            raise ParseError("Skala harus rentang dua kolom: Batas Bawah dan Predikat.")
        b, p = row[0], row[1]
        if (b is None or b == "") and (p is None or p == ""):
            continue
        if isinstance(b, str) and b.strip().casefold() == schema.SKALA_HEADER[0].casefold():
            continue  # the header row
        bb = _num(b, "Batas Bawah")
        if bb is None or p is None or str(p).strip() == "":
            raise ParseError("Setiap baris skala harus berisi Batas Bawah dan Predikat.")
        out.append((bb, str(p).strip()))
    if not out:
        raise ParseError("Skala predikat kosong.")
    return out


def predikat_udf(nilai, skala=None) -> str:  # type: ignore[no-untyped-def]
    if isinstance(nilai, str) and nilai.strip().casefold() == TIDAK_DAPAT_DIHITUNG:
        return ""
    try:
        n = _num(nilai, "Capaian")
        return predikat(n, skala_from(skala))
    except ParseError as exc:
        return GALAT + exc.pesan


def rupiah_udf(angka) -> str:  # type: ignore[no-untyped-def]
    try:
        n = _num(angka, "Angka")
    except ParseError as exc:
        return GALAT + exc.pesan
    return "" if n is None else format_rupiah(n)


def persen_udf(angka, desimal=2) -> str:  # type: ignore[no-untyped-def]
    try:
        n = _num(angka, "Angka")
        digits = _desimal(desimal)
    except ParseError as exc:
        return GALAT + exc.pesan
    return "" if n is None else format_persen(n, 2 if digits is None else digits)


def terbilang_udf(angka) -> str:  # type: ignore[no-untyped-def]
    try:
        n = _num(angka, "Angka")
    except ParseError as exc:
        return GALAT + exc.pesan
    if n is None:
        return ""
    if n < 0:
        return "minus " + terbilang(-n)
    return terbilang(n)


# ---------------------------------------------------------------------------
# The Excel names (xlwings takes the Python function name as the Excel name)
# ---------------------------------------------------------------------------

@xw.func
def LKJ_CAPAIAN(target, realisasi, polaritas="Positif", rumus="2T-R", desimal=None,
                batas_atas=None):  # type: ignore[no-untyped-def]
    """Capaian (%) indikator: Positif R/T x 100; Negatif (2T-R)/T x 100 atau T/R x 100."""
    return capaian_udf(target, realisasi, polaritas, rumus, desimal, batas_atas)


@xw.func
@xw.arg("skala", ndim=2)
def LKJ_PREDIKAT(capaian, skala=None):  # type: ignore[no-untyped-def]
    """Predikat dari capaian (%) menurut skala: nama (standar, kabkota) atau rentang."""
    return predikat_udf(capaian, skala)


@xw.func
def LKJ_RUPIAH(angka):  # type: ignore[no-untyped-def]
    """Angka sebagai rupiah: Rp 33.660.129.080,00."""
    return rupiah_udf(angka)


#: what LKJ_PERSEN expects (Excel's function wizard shows it): a figure in percent, as
#: Ringkasan and the report write it, NOT a fraction as a cell formatted % holds
PERSEN_ANGKA_DOC = ("angka dalam persen: 95,68 menjadi 95,68%. Sel berformat % Excel "
                    "menyimpan pecahan (0,9568 tampil 95,68%): tulis =LKJ_PERSEN(A1*100).")


@xw.func
@xw.arg("angka", doc=PERSEN_ANGKA_DOC)
@xw.arg("desimal", doc="banyak angka di belakang koma, 0 sampai 6 (bawaan 2)")
def LKJ_PERSEN(angka, desimal=2):  # type: ignore[no-untyped-def]
    """Angka dalam persen sebagai teks: LKJ_PERSEN(95,68) = "95,68%". Untuk sel berformat %
    (yang menyimpan 0,9568), tulis LKJ_PERSEN(A1*100)."""
    return persen_udf(angka, desimal)


@xw.func
def LKJ_TERBILANG(angka):  # type: ignore[no-untyped-def]
    """Angka dalam kata: 5 -> lima."""
    return terbilang_udf(angka)


UDFS = (LKJ_CAPAIAN, LKJ_PREDIKAT, LKJ_RUPIAH, LKJ_PERSEN, LKJ_TERBILANG)
