"""What the tests share: the repository root, the grid kit (``grids``), the corpus of broken
and hostile workbooks (``corpus``) and the typical workbook (``typical``)."""

from pathlib import Path

#: the repository's root folder
ROOT = Path(__file__).resolve().parents[2]
