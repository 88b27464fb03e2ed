"""Numbers the Indonesian way: parsing typed text, half-up rounding, formatting.

Pure functions, standard library only at import time (Babel and num2words are
imported lazily where formatting needs them).
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

__all__ = [
    "MonthDate",
    "ParseError",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "format_tanggal",
    "parse_date",
    "parse_number",
    "parse_number_or_category",
    "round_half_up",
    "terbilang",
    "to_decimal",
]

NBSP = "\u00a0"
#: spaces Word and the web put into pasted amounts (no-break, narrow no-break, figure, thin)
_SPACES = str.maketrans({NBSP: " ", "\u202f": " ", "\u2007": " ", "\u2009": " "})


class ParseError(ValueError):
    """A value that cannot be read; ``pesan`` is an Indonesian explanation."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


_ID_NUMBER = re.compile(r"^(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?$")
_EXCEL_ERRORS = {"#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
                 "#SPILL!", "#CALC!", "#GETTING_DATA"}
_EMPTY_MARKS = {"", "-", "–", "—"}  # noqa: RUF001 - dashes Word types


def to_decimal(value: float | int | Decimal) -> Decimal:
    """A number as Decimal, through its shortest repr (0.1 -> Decimal('0.1'))."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ParseError("Nilai benar/salah (TRUE/FALSE) bukan angka.")
    if isinstance(value, int):
        return Decimal(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ParseError("Nilai bukan angka yang sah.")
    return Decimal(repr(float(value)))


def parse_number(value: object) -> Decimal | None:
    """Read a cell as a number.

    Accepts numbers and Indonesian text: ``"33.660.129.080,00"``, ``"95,68"``, ``"96%"``,
    ``"Rp 1.455.472.897"``, ``"Rp. 35.000.000,-"``, ``"(1.000)"`` (negative).
    Empty cells and a lone dash give ``None``. Anything else raises ``ParseError``: the
    reader never guesses.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ParseError("Sel berisi TRUE/FALSE, bukan angka.")
    if isinstance(value, int | float | Decimal):
        return to_decimal(value)
    if isinstance(value, _dt.date | _dt.datetime | _dt.time | _dt.timedelta):
        raise ParseError("Sel berisi tanggal/waktu, bukan angka. Ubah format sel menjadi Angka.")
    text = str(value).translate(_SPACES).strip()
    if text in _EMPTY_MARKS:
        return None
    if text.upper() in _EXCEL_ERRORS:
        raise ParseError(f"Sel berisi galat Excel {text}. Perbaiki rumus atau isinya.")
    original = text
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text and text[0] in "+-−":  # noqa: RUF001 - a typed minus sign too
        negative, text = text[0] != "+", text[1:].strip()
    low = text.casefold()
    if low.startswith("rp"):
        text = text[2:].lstrip(".").strip()
    if text.endswith(",-"):
        text = text[:-2]
        if "," in text:  # "587.697.500,00,-": decimals and ",-" at once
            raise ParseError(
                f"Teks \"{_short(original)}\" tidak dapat dibaca sebagai angka: tanda \",-\" "
                "hanya dipakai sesudah angka bulat (misalnya Rp 115.000.000,-), bukan sesudah "
                f"desimal. Tulis {text.strip()} atau hapus desimalnya.")
    elif text.endswith(",00-"):
        text = text[:-1]
    if text.endswith("%"):
        text = text[:-1].strip()
    text = text.replace(" ", "")
    if text and text[0] in "+-−" and not negative:  # noqa: RUF001
        negative, text = text[0] != "+", text[1:]
    m = _ID_NUMBER.match(text)
    if not m:
        raise ParseError(
            f"Teks \"{_short(original)}\" tidak dapat dibaca sebagai angka. Tulis angka "
            "dengan titik sebagai pemisah ribuan dan koma sebagai desimal, misalnya "
            "1.455.472.897 atau 95,68."
        )
    digits = m.group("int").replace(".", "")
    frac = m.group("frac")
    try:
        number = Decimal(digits + ("." + frac if frac else ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits digits only
        raise ParseError(f"Teks \"{_short(original)}\" bukan angka.") from exc
    return -number if negative else number


def parse_number_or_category(value: object) -> Decimal | str | None:
    """A number, or a category (a text target such as "WTP", "BB", "Sangat Tinggi").

    A category is a word: text holding a digit must read as a number ("95,5" is 95.5 and
    "95.5x" is a reading finding, never a category), and an Excel error (``#N/A``,
    ``#REF!``...) is the Excel error ``parse_number`` says it is. Empty cells and a lone
    dash give ``None``. Whether a category is on the Skala Kategori is the validator's
    business.
    """
    if isinstance(value, str):
        text = " ".join(value.translate(_SPACES).split())
        if text in _EMPTY_MARKS:
            return None
        if text.upper() not in _EXCEL_ERRORS and not any(ch.isdigit() for ch in text):
            return text
    return parse_number(value)


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def round_half_up(value: Decimal | int | float, digits: int = 0) -> Decimal:
    """Round half away from zero, as Excel's ROUND does (never banker's rounding)."""
    d = value if isinstance(value, Decimal) else to_decimal(value)
    if not d.is_finite():
        raise ParseError("Nilai bukan angka yang sah.")
    # quantize needs every digit of the result within the context's precision (28 by
    # default): a huge typed value (5,035e25 x 100 with 2 decimals) would raise otherwise
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, d.adjusted() + digits + 2)
        return d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11, "desember": 12,
    "des": 12,
}
_DATE_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DATE_WORDS = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_MONTH_WORDS = re.compile(r"^([A-Za-z]+)\s+(\d{4})$")
_MONTH_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad")
_WEEKDAY = re.compile(r"^([A-Za-z']+)\s*,?\s+(?=\d)")


class MonthDate(_dt.date):
    """A date known to its month only ("Februari 2025", as reports are often signed).

    It is the first of that month for comparisons (a deadline check still works) and prints
    as month and year (``format_tanggal``)."""

    __slots__ = ()

    @classmethod
    def of(cls, year: int, month: int) -> MonthDate:
        return cls(year, month, 1)

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"


def parse_date(value: object) -> _dt.date | None:
    """Read a date: a date cell, ``27/02/2025``, ``2025-02-27``, ``27 Februari 2025``,
    with or without a weekday (``Kamis, 27 Februari 2025``); or a month and year
    (``Februari 2025``, ``02/2025``), read as a ``MonthDate``."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # an Excel serial date that reached us without its format
        if 1 <= value < 2958466:
            return _dt.date(1899, 12, 30) + _dt.timedelta(days=int(value))
        raise ParseError("Angka ini tidak dapat dibaca sebagai tanggal.")
    text = " ".join(str(value).replace(NBSP, " ").split())
    if text in _EMPTY_MARKS:
        return None
    if (m := _WEEKDAY.match(text)) and m.group(1).casefold() in _WEEKDAYS:
        text = text[m.end():]
    try:
        if m := _DATE_NUMERIC.match(text):
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _DATE_ISO.match(text):
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if (m := _DATE_WORDS.match(text)) and m.group(2).casefold() in _MONTHS:
            return _dt.date(int(m.group(3)), _MONTHS[m.group(2).casefold()], int(m.group(1)))
        if (m := _MONTH_WORDS.match(text)) and m.group(1).casefold() in _MONTHS:
            return MonthDate.of(int(m.group(2)), _MONTHS[m.group(1).casefold()])
        if m := _MONTH_NUMERIC.match(text):
            return MonthDate.of(int(m.group(2)), int(m.group(1)))
    except ValueError:
        pass
    raise ParseError(
        f"Teks \"{_short(text)}\" tidak dapat dibaca sebagai tanggal. Tulis misalnya "
        "27/02/2025, 27 Februari 2025 atau Februari 2025."
    )


# ---------------------------------------------------------------------------
# Formatting (Babel, locale id); values are rounded half-up here first, so Babel's
# own half-even rounding never applies.
# ---------------------------------------------------------------------------

def _pattern(digits: int, fixed: bool) -> str:
    if digits <= 0:
        return "#,##0"
    return "#,##0." + ("0" * digits if fixed else "#" * digits)


#: locale id's number symbols (CLDR, as Babel has them): "," decimal, "." group, "-" minus
_ID_SYMBOLS = str.maketrans(",.", ".,")


def format_angka(value: Decimal | int | float, digits: int = 0, fixed: bool = True) -> str:
    """``1455472897`` -> ``"1.455.472.897"``; ``95.676, 2`` -> ``"95,68"``.

    Babel's ``format_decimal(d, "#,##0.00", locale="id")`` exactly (tests compare the two
    over generated values), written out here because loading Babel's locale data costs the
    Hitung button about 20 ms a click for a warning's rupiah figure.
    """
    d = round_half_up(value, digits)
    text = f"{d:,f}"  # every digit of the rounded value; "," groups, "." decimal
    if not fixed and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_ID_SYMBOLS)


def format_angka_babel(value: Decimal | int | float, digits: int = 0, fixed: bool = True
                       ) -> str:
    """``format_angka`` through Babel (the reference the tests hold it to)."""
    from babel.numbers import format_decimal

    d = round_half_up(value, digits)
    with localcontext() as ctx:  # Babel quantizes in the current context, as above
        ctx.prec = max(ctx.prec, d.adjusted() + digits + 2)
        return format_decimal(d, format=_pattern(digits, fixed), locale="id",
                              decimal_quantization=False)


def format_persen(value: Decimal | int | float, digits: int = 2, fixed: bool = True) -> str:
    """``95.676`` -> ``"95,68%"`` (value already in percent units)."""
    return format_angka(value, digits, fixed) + "%"


def format_rupiah(value: Decimal | int | float, digits: int = 2) -> str:
    """``33660129080`` -> ``"Rp 33.660.129.080,00"`` with a non-breaking space after Rp."""
    d = round_half_up(value, digits)
    body = format_angka(abs(d), digits)
    sign = "-" if d < 0 else ""
    return f"{sign}Rp{NBSP}{body}"


_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


def format_tanggal(value: _dt.date) -> str:
    """``date(2025, 2, 27)`` -> ``"27 Februari 2025"`` (Babel, locale id, long); a
    ``MonthDate`` -> ``"Februari 2025"``."""
    from babel.dates import format_date

    if isinstance(value, MonthDate):
        return f"{_BULAN[value.month - 1]} {value.year}"
    return format_date(value, format="long", locale="id")


def terbilang(value: int | Decimal) -> str:
    """``5`` -> ``"lima"``; ``18`` -> ``"delapan belas"`` (num2words, lang id)."""
    from num2words import num2words

    d = value if isinstance(value, Decimal) else Decimal(value)
    if d == d.to_integral_value():
        return str(num2words(int(d), lang="id"))
    return str(num2words(d, lang="id"))
