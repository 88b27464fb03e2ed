"""The `lkj` command. Help, messages and errors in Indonesian; never a traceback.

Each subcommand dispatches lazily to ``module:function(args) -> int`` so that the
command starts fast and a missing optional part says so plainly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence

EXIT_USAGE = 2

_TRANSLATE = [
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
     r"argumen \1: pilihan \2 tidak dikenal (pilih dari \3)"),
    (r"argument (\S+): invalid int value: (.*)", r"argumen \1: \2 bukan bilangan bulat"),
    (r"argument (\S+): expected one argument", r"argumen \1 memerlukan satu nilai"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"pilihan \1 tidak dikenal (pilih dari \2)"),
]
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
    p = Parser(prog="lkj", description=(
        "lkj-excel: hitung, periksa dan susun Laporan Kinerja (LKj) dari buku kerja Excel "
        "yang baku."))
    from lkj_excel.core import __version__

    p.add_argument("--versi", action="version", version=f"lkj-excel {__version__}",
                   help="tampilkan versi lalu keluar")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=Parser)

    s = sub.add_parser("template", help="buat buku kerja templat LKj yang kosong",
                       description="Membuat buku kerja templat LKj (workbooks/template_lkj.xlsx).")
    s.add_argument("path", nargs="?", metavar="BERKAS",
                   help="berkas tujuan (bawaan: workbooks/template_lkj.xlsx)")
    s.set_defaults(target="lkj_excel.files.template:run_template")

    s = sub.add_parser("periksa", help="periksa buku kerja dan tampilkan temuannya",
                       description="Memeriksa satu atau beberapa buku kerja LKj. Kode keluar: 0 "
                       "tanpa kesalahan, 1 ada kesalahan, 2 berkas tidak dapat dibaca.")
    s.add_argument("berkas", nargs="+", metavar="BERKAS", help="buku kerja .xlsx")
    s.add_argument("--json", action="store_true", help="keluaran JSON")
    s.set_defaults(target="lkj_excel.commands:run_periksa")

    s = sub.add_parser("hitung", help="hitung capaian dan tulis lembar Ringkasan dan Validasi",
                       description="Menghitung realisasi, capaian, predikat, serapan anggaran "
                       "dan jumlah pegawai, memeriksa buku kerja, lalu menulis lembar Ringkasan "
                       "dan Validasi ke berkas keluaran (bawaan: '<nama> - hasil.xlsx').")
    s.add_argument("berkas", metavar="BERKAS", help="buku kerja .xlsx")
    s.add_argument("--out", metavar="BERKAS", help="berkas keluaran .xlsx")
    s.add_argument("--json", action="store_true", help="keluaran JSON")
    s.set_defaults(target="lkj_excel.commands:run_hitung")

    s = sub.add_parser("laporan", help="susun dokumen LKj (Word, dan PDF bila diminta)",
                       description="Menyusun Laporan Kinerja dari buku kerja (beberapa buku "
                       "kerja digabung dulu).")
    s.add_argument("berkas", nargs="+", metavar="BERKAS", help="buku kerja .xlsx")
    s.add_argument("--out", required=True, metavar="FOLDER", help="folder keluaran")
    s.add_argument("--pdf", action="store_true", help="buat juga PDF (perlu LibreOffice)")
    s.add_argument("--pdfa", action="store_true", help="PDF dalam format arsip PDF/A-2")
    s.add_argument("--templat", metavar="WORD.docx", help="templat Word sendiri")
    s.add_argument("--paksa", action="store_true",
                   help="tetap susun laporan walau ada kesalahan (ditandai di halaman pertama)")
    s.set_defaults(target="lkj_excel.report.cli:run_laporan")

    s = sub.add_parser("pecah", help="pecah buku kerja instansi menjadi satu per bidang",
                       description="Membuat satu buku kerja per bidang dari buku kerja instansi.")
    s.add_argument("master", metavar="BERKAS", help="buku kerja instansi")
    s.add_argument("--out", required=True, metavar="FOLDER", help="folder keluaran")
    s.set_defaults(target="lkj_excel.batch.cli:run_pecah")

    s = sub.add_parser("gabung", help="gabungkan buku kerja bidang menjadi buku kerja instansi",
                       description="Menggabungkan buku kerja bidang (folder atau daftar berkas).")
    s.add_argument("sumber", nargs="+", metavar="FOLDER_ATAU_BERKAS")
    s.add_argument("--out", required=True, metavar="GABUNGAN.xlsx", help="berkas keluaran")
    s.add_argument("--json", action="store_true", help="keluaran JSON")
    s.set_defaults(target="lkj_excel.batch.cli:run_gabung")

    s = sub.add_parser("batch", help="gabung, periksa dan susun laporan untuk banyak instansi",
                       description="Untuk folder berisi satu subfolder per instansi (atau satu "
                       "instansi): gabung, periksa, tulis hasil dan laporan.")
    s.add_argument("folder", metavar="FOLDER")
    s.add_argument("--out", required=True, metavar="FOLDER", help="folder keluaran")
    s.add_argument("--pdf", action="store_true", help="buat juga PDF")
    s.add_argument("--pekerja", type=int, metavar="N", help="jumlah proses (bawaan: jumlah inti)")
    s.add_argument("--scheduler", metavar="ALAMAT", help="alamat klaster Dask, tcp://...")
    s.set_defaults(target="lkj_excel.batch.cli:run_batch")

    s = sub.add_parser("beda", help="tampilkan perubahan antara dua revisi buku kerja",
                       description="Membandingkan dua buku kerja: sel yang berubah, baris yang "
                       "ditambah dan dihapus, per lembar dan kunci.")
    s.add_argument("a", metavar="LAMA.xlsx")
    s.add_argument("b", metavar="BARU.xlsx")
    s.add_argument("--json", action="store_true", help="keluaran JSON")
    s.set_defaults(target="lkj_excel.batch.cli:run_beda")

    s = sub.add_parser("addin", help="buat atau pasang add-in Excel (tombol Hitung)",
                       description="Membuat (buat) atau memasang (pasang) add-in Excel LKj.")
    s.add_argument("aksi", choices=["buat", "pasang"], metavar="AKSI",
                   help="buat | pasang")
    s.add_argument("--out", metavar="BERKAS", help="berkas add-in (.xlam) yang dibuat")
    s.set_defaults(target="lkj_excel.files.addin:run_addin")
    return p


def _call(target: str, args: argparse.Namespace) -> int:
    module_name, func_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
        func = getattr(module, func_name)
    except (ImportError, AttributeError):
        print(f"Perintah '{args.perintah}' belum tersedia di versi ini.", file=sys.stderr)
        return EXIT_USAGE
    return int(func(args) or 0)


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
    from lkj_excel.core.read import WorkbookError

    try:
        return _call(args.target, args)
    except WorkbookError as exc:
        where = f"{exc.berkas}: " if exc.berkas else ""
        print(f"{where}{exc.pesan}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:  # last line of defence: no traceback for users
        if os.environ.get("LKJ_DEBUG"):
            raise
        print(f"Terjadi kesalahan tak terduga: {type(exc).__name__}: {exc}. Jalankan lagi "
              "dengan LKJ_DEBUG=1 untuk rinciannya dan laporkan ke pengelola lkj-excel.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
