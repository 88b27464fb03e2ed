"""The ``lkj`` command line: an Indonesian parser built from ``lkj_excel.commands``.

Help, messages and errors are Indonesian; never a traceback. Each command lives in its own
module of ``lkj_excel.commands`` (``configure`` adds its arguments, ``run`` does the work);
exit codes and the shared output are in ``lkj_excel.commands.output``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence

from lkj_excel.commands import NAMES
from lkj_excel.commands.output import (
    EXIT_DIBATALKAN,
    EXIT_OK,
    EXIT_TAK_TERDUGA,
    EXIT_USAGE,
    err,
    error_text,
)
from lkj_excel.core.temuan import LkjError

_TRANSLATE = [
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
     r"argumen \1: pilihan \2 tidak dikenal (pilih dari \3)"),
    (r"argument (\S+): invalid int value: (.*)", r"argumen \1: \2 bukan bilangan bulat"),
    (r"argument (\S+): expected one argument", r"argumen \1 memerlukan satu nilai"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"pilihan \1 tidak dikenal (pilih dari \2)"),
]
#: the modules of the secretariat's extra (pyproject.toml ``[sekretariat]``; the staff install
#: has none of them; tests/test_pasang.py checks this against pyproject.toml)
SEKRETARIAT_MODULES = frozenset({
    "pandas", "numpy", "jinja2", "docxtpl", "docx", "pptx", "xlsxwriter", "msoffcrypto",
    "oletools", "rich", "distributed", "dask", "packaging", "PIL", "lxml"})
SEKRETARIAT_INSTALL = 'py -m pip install "lkj-excel[sekretariat]"'

_HELP_WORDS = [("usage: ", "pemakaian: "), ("positional arguments:", "argumen:"),
               ("options:", "opsi:"), ("optional arguments:", "opsi:")]


class Parser(argparse.ArgumentParser):
    """ArgumentParser speaking Indonesian."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--bantuan", "--help", action="help",
                          help="tampilkan bantuan ini lalu keluar")

    def format_help(self) -> str:
        text = super().format_help()
        for en, idn in _HELP_WORDS:
            text = text.replace(en, idn)
        return text

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "pemakaian: ")

    def error(self, message: str):  # type: ignore[no-untyped-def]
        for pat, rep in _TRANSLATE:
            message = re.sub(pat, rep, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: galat: {message}\n"
                              f"Lihat '{self.prog} --bantuan'.\n")


def build_parser() -> Parser:
    from lkj_excel.core import __version__

    p = Parser(prog="lkj", description=(
        "lkj-excel: hitung, periksa dan susun Laporan Kinerja (LKj) dari buku kerja Excel "
        "yang baku."))
    p.add_argument("--versi", action="version", version=f"lkj-excel {__version__}",
                   help="tampilkan versi lalu keluar")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=Parser)
    for name in NAMES:
        module = importlib.import_module(f"lkj_excel.commands.{name.replace('-', '_')}")
        s = sub.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.configure(s)
        s.set_defaults(run=module.run)
    return p


def missing_module_text(command: str, module: str) -> str:
    """What to say when a command needs a module this install lacks (Indonesian)."""
    top = (module or "").split(".")[0]
    if top in SEKRETARIAT_MODULES:
        return (f"Perintah lkj {command} memerlukan pemasangan sekretariat (modul Python {top} "
                "belum terpasang; pemasangan staf hanya berisi tombol Hitung, fungsi LKJ_, "
                "lkj periksa, hitung, template dan addin). Pasang dengan: "
                f"{SEKRETARIAT_INSTALL} (di Linux: python3 -m pip ...).")
    return (f"Modul Python {top or module} tidak terpasang, padahal lkj {command} "
            "memerlukannya. Pasang ulang lkj-excel: py -m pip install --force-reinstall "
            "lkj-excel (atau jalankan lagi pasang.bat dari paket luring).")


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
            except (AttributeError, ValueError):
                pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "perintah", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args) or EXIT_OK)
    except LkjError as exc:
        return err(error_text(exc))
    except ModuleNotFoundError as exc:  # e.g. the report in the staff install
        if os.environ.get("LKJ_DEBUG"):
            raise
        return err(missing_module_text(args.perintah, exc.name or ""))
    except KeyboardInterrupt:
        err("Dibatalkan.")
        return EXIT_DIBATALKAN
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # last line of defence: no traceback for users
        if os.environ.get("LKJ_DEBUG"):
            raise
        err(f"Terjadi kesalahan tak terduga: {type(exc).__name__}: {exc}. Jalankan lagi "
            "dengan LKJ_DEBUG=1 untuk rinciannya dan laporkan ke pengelola lkj-excel.")
        return EXIT_TAK_TERDUGA


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
