"""What every command prints the same way: exit codes, the temuan list, the summary line.

Exit codes of every ``lkj`` command:

====  ==========================================================================
0     done, no temuan of level ``kesalahan``
1     done, with temuan of level ``kesalahan`` (for ``laporan``: refused unless --paksa)
2     a file could not be read or written, a program is missing, or the call is wrong
3     an unexpected error (a bug: the message says how to report it)
130   interrupted (Ctrl+C)
====  ==========================================================================
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lkj_excel.core.temuan import KESALAHAN, LkjError, Temuan

EXIT_OK = 0
EXIT_KESALAHAN = 1
EXIT_TIDAK_TERBACA = 2
EXIT_USAGE = 2
EXIT_TAK_TERDUGA = 3
EXIT_DIBATALKAN = 130


def summary(temuan: list[Temuan]) -> str:
    """``"1 kesalahan, 2 peringatan"`` or ``"tidak ada temuan"``."""
    if not temuan:
        return "tidak ada temuan"
    n_err = sum(1 for f in temuan if f.tingkat == KESALAHAN)
    return f"{n_err} kesalahan, {len(temuan) - n_err} peringatan"


def format_temuan(temuan: list[Temuan], berkas: str = "") -> list[str]:
    """One line per temuan: level, where (``lembar!sel``), message, code.

    A temuan from another file than ``berkas`` (a unit's workbook in a merge) names its
    file first, so every line says where to look.
    """
    lines = []
    for f in temuan:
        where = f"{f.lembar}!{f.sel}" if f.lembar and f.sel else (f.lembar or f.sel)
        if f.berkas and f.berkas != berkas:
            where = f"{quoted(f.berkas)}: {where}" if where else quoted(f.berkas)
        lines.append(f"  {f.tingkat.upper():<10} {where:<16} {f.pesan}  [{f.kode}]")
    return lines


def quoted(name: str) -> str:
    """A file name as every message writes it: ``"name.xlsx"``."""
    return f"\"{name}\""


def print_temuan(temuan: list[Temuan], berkas: str = "") -> None:
    for line in format_temuan(temuan, berkas):
        print(line)


def err(text: str) -> int:
    """Print to standard error; the exit code for a file or call that cannot be used."""
    print(text, file=sys.stderr)
    return EXIT_TIDAK_TERBACA


def template_failure(exc: Exception, templat: str | None) -> int:
    """A Word template whose Jinja tags cannot be rendered: a message and exit 2; any other
    exception goes on (``raise``)."""
    if templat and type(exc).__module__.startswith("jinja2"):
        return err(f"Templat Word \"{templat}\" tidak dapat dipakai: {exc}. Periksa tanda "
                   "{{ }} dan {% %} di dalamnya.")
    raise exc


def error_text(exc: LkjError, path: str | Path | None = None) -> str:
    name = exc.berkas or (Path(path).name if path else "")
    return f"{name}: {exc.pesan}" if name else exc.pesan


def unreadable_json(exc: LkjError, path: str | Path) -> dict[str, Any]:
    """The ``--json`` object of a file that cannot be read."""
    name = exc.berkas or Path(path).name
    return {"berkas": name, "terbaca": False,
            "temuan": [{"kode": "berkas-tidak-terbaca", "tingkat": KESALAHAN, "lembar": "",
                        "sel": "", "pesan": exc.pesan, "berkas": name}]}


def checked_each(paths: Iterable[str], as_json: bool, outputs: list[dict[str, Any]]
                 ) -> Iterator[tuple[str, Any]]:
    """(file name, ``Checked``) of each workbook; one that cannot be read is reported (its
    ``--json`` object into ``outputs``, or a line) and given as (name, None)."""
    from lkj_excel.core.temuan import WorkbookError
    from lkj_excel.files.read import check_workbook

    for path in paths:
        name = Path(path).name
        try:
            checked = check_workbook(path)
        except WorkbookError as exc:
            if as_json:
                outputs.append(unreadable_json(exc, path))
            else:
                print(f"{name}: TIDAK DAPAT DIBACA — {exc.pesan}")
            yield name, None
            continue
        yield name, checked


def print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def exit_code(has_errors: bool) -> int:
    return EXIT_KESALAHAN if has_errors else EXIT_OK
