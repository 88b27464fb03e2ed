"""A1 cell references (pure, standard library)."""

from __future__ import annotations

import re

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def col_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA" (zero-based column index)."""
    if index < 0:
        raise ValueError(index)
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """"A" -> 0, "AA" -> 26 (zero-based)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def ref(row: int, col: int) -> str:
    """Zero-based (row, col) -> "B3"."""
    return f"{col_letter(col)}{row + 1}"


def split_ref(a1: str) -> tuple[str, int]:
    m = _REF.match(a1.strip())
    if not m:
        return ("", 0)
    return (m.group(1).upper(), int(m.group(2)))
