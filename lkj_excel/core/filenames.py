"""File names made from workbook content, safe on Windows and POSIX (pure)."""

from __future__ import annotations

import unicodedata

#: names Windows reserves for devices, with or without an extension ("CON.docx" too)
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
    | {f"COM{c}" for c in "\u00b9\u00b2\u00b3"} | {f"LPT{c}" for c in "\u00b9\u00b2\u00b3"}
)
_FORBIDDEN = frozenset('<>:"/\\|?*')
MAX_NAME_CHARS = 100


def safe_filename(text: object, default: str = "berkas", max_chars: int = MAX_NAME_CHARS) -> str:
    """A file name (without folder) made from workbook content, safe on Windows and POSIX.

    Never contains a path separator, ``..``, a drive letter, control or forbidden characters
    (``<>:"/\\|?*``), a reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with an
    extension), leading/trailing dots or spaces; at most ``max_chars`` characters; falls back
    to ``default`` (itself made safe) when nothing usable is left. The result joined to an
    output folder always stays inside it. Add the extension after calling this.
    """
    s = unicodedata.normalize("NFC", "" if text is None else str(text))
    out = []
    for ch in s:
        if ch in _FORBIDDEN or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl",
                                                            "Zp"):
            out.append(" " if ch in "/\\" else "_" if ch in _FORBIDDEN else "")
        else:
            out.append(" " if ch.isspace() else ch)
    name = " ".join("".join(out).split())
    name = name.strip(" .")
    while ".." in name:
        name = name.replace("..", ".")
    if len(name) > max_chars:
        name = name[:max_chars].rstrip(" .")
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if stem in WINDOWS_RESERVED:
        name = "_" + name
    if not name or name in (".", ".."):
        if default == text:
            return "berkas"
        return safe_filename(default, "berkas", max_chars)
    return name
