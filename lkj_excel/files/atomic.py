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
