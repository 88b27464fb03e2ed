"""The ``lkj`` commands: one module per command, each with ``HELP``, ``DESCRIPTION``,
``configure(parser)`` and ``run(args) -> exit code``; ``output`` holds what they all print
the same way (exit codes, the temuan list, the summary line). ``lkj_excel.cli`` builds the
parser from them.

Module level imports stay light (the parser imports every command); each ``run`` imports
what it needs.
"""

#: the commands in the order ``lkj --bantuan`` lists them (``tahun-baru`` lives in
#: ``tahun_baru.py``: a name's "-" is "_" in its module)
NAMES = ("template", "periksa", "hitung", "laporan", "pecah", "gabung", "batch", "rekap",
         "beda", "addin",
         # the SAKIP year: the PK document, next year's workbook, the reviu checklist
         "pk", "tahun-baru", "reviu")
