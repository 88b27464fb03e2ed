"""The pure core: schema, model, reading grids, computing, validating, the engine's sheets.

Standard library only (``decimal`` for money and percentages); Babel and num2words are
imported lazily by ``numbers`` to word figures the Indonesian way. Nothing here imports an
adapter (openpyxl, python-calamine, xlwings, docxtpl, matplotlib, pandas) or a module
outside ``lkj_excel.core``.
"""

__version__ = "0.1.0"
