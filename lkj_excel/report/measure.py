"""How wide a text is on the page, for table column widths (header words never break).

The report's font is Arial (Liberation Sans where Arial is missing: the same metrics). Its
advance widths are Helvetica's (``report._helvetica``, from Adobe's font metrics), so every
machine measures alike without the font installed.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Word's default cell margins (Table Grid): 108 twips left and right
CELL_MARGIN_CM = 0.19 * 2
_CM_PER_PT = 2.54 / 72


@lru_cache(maxsize=2)
def _widths(bold: bool) -> dict[str, int]:
    """Advance widths (1/1000 em) by character."""
    from lkj_excel.report._helvetica import BOLD, REGULAR

    return {chr(code): width for code, width in (BOLD if bold else REGULAR).items()}


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` set in Arial at ``size_pt``."""
    w = _widths(bold)
    default = w.get("n", 556)
    return sum(w.get(ch, default) for ch in text) / 1000 * size_pt * _CM_PER_PT


def longest_word_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of the widest word of ``text`` (where a line may not break)."""
    return max((text_width_cm(word, size_pt, bold) for word in text.split()), default=0.0)


#: what a header cell's tags print, for measuring it (the longest they usually are)
TAG_SAMPLES = {"tahun": "2024", "riwayat.th2": "2022", "riwayat.th1": "2023",
               "lra.tahun_lalu": "2023", "tb.kolom": "Kepegawaian"}
#: the header cells' font: "LKj Tabel Kepala", 9.5 pt bold
HEADER_PT = 9.5
#: room left beside the longest word (rounding of the layout engines)
SLACK_CM = 0.12


def sample(text: str) -> str:
    """A template's text with its ``{{ tags }}`` replaced by what they print."""
    def one(m: re.Match[str]) -> str:
        return TAG_SAMPLES.get(m.group(1).strip(), "0000")

    return re.sub(r"\{\{([^}]*)\}\}", one, text)


def header_need_cm(text: str) -> float:
    """The narrowest column on which no word of a header cell breaks."""
    return longest_word_cm(sample(text), HEADER_PT, bold=True) + CELL_MARGIN_CM + SLACK_CM
