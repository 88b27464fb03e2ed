"""Safe file writing: atomic replace, never over a workbook that is open in Excel."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def lock_file(path: Path) -> Path:
    """Excel's owner file for ``path``: ``~$`` + the name (Excel trims long names)."""
    return path.with_name("~$" + path.name)


def is_open_in_excel(path: Path) -> bool:
    if lock_file(path).exists():
        return True
    # Excel drops the first two characters of names of 8+ characters in some versions
    return len(path.name) > 2 and path.with_name("~$" + path.name[2:]).exists()


def check_writable(path: Path) -> None:
    from lkj_excel.core.temuan import WriteError

    if is_open_in_excel(path):
        raise WriteError(
            f"Berkas \"{path.name}\" sedang dibuka di Excel (ada berkas kunci ~$ di sebelahnya). "
            "Tutup berkas itu di Excel lalu jalankan lagi.", path.name)
    if path.exists() and path.is_dir():
        raise WriteError(f"\"{path}\" adalah folder; sebutkan nama berkas keluaran.",
                            path.name)


@functools.cache
def _umask() -> int:
    """The process umask, read once (os.umask can only be read by setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` then move ``tmp`` over ``path`` in one step (same folder).

    A crash mid-write leaves the old file untouched.
    """
    target = Path(path)
    check_writable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".lkj-", suffix=target.suffix or ".tmp",
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


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
    import unicodedata

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
