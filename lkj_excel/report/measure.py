"""How wide a text is on the page, for table column widths (header words never break).

The report's font is Arial (Liberation Sans where Arial is missing: the same metrics). Its
advance widths are Helvetica's, read from the Adobe font metrics that matplotlib ships
(``mpl-data/fonts/afm``), so every machine measures alike without the font installed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

#: Word's default cell margins (Table Grid): 108 twips left and right
CELL_MARGIN_CM = 0.19 * 2
_CM_PER_PT = 2.54 / 72
_CHAR = re.compile(r"^C\s+(-?\d+)\s*;\s*WX\s+(\d+)\s*;\s*N\s+(\S+)")


@lru_cache(maxsize=2)
def _widths(bold: bool) -> dict[str, int]:
    """Advance widths (1/1000 em) by character."""
    import matplotlib

    name = "phvb8a.afm" if bold else "phvr8a.afm"
    path = Path(matplotlib.get_data_path()) / "fonts" / "afm" / name
    out: dict[str, int] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        m = _CHAR.match(line)
        if m and int(m.group(1)) >= 32:
            out[chr(int(m.group(1)))] = int(m.group(2))
    return out


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` set in Arial at ``size_pt``."""
    w = _widths(bold)
    default = w.get("n", 556)
    return sum(w.get(ch, default) for ch in text) / 1000 * size_pt * _CM_PER_PT


def longest_word_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of the widest word of ``text`` (where a line may not break)."""
    return max((text_width_cm(word, size_pt, bold) for word in text.split()), default=0.0)
