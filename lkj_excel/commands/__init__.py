"""The ``lkj`` commands: one module per command, each with ``HELP``, ``DESCRIPTION``,
``configure(parser)`` and ``run(args) -> exit code``; ``output`` holds what they all print
the same way (exit codes, the temuan list, the summary line). ``lkj_excel.cli`` builds the
parser from them.

Module level imports stay light (the parser imports every command); each ``run`` imports
what it needs.
"""

#: the commands in the order ``lkj --bantuan`` lists them
NAMES = ("template", "periksa", "hitung", "laporan", "pecah", "gabung", "batch", "rekap",
         "beda", "addin")
