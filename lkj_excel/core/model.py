"""The typed model of a workbook's input, read by ``core.read`` and used by ``core.compute``.

Input rows are schema-driven (``Row``: values by column key, each with its cell), so a
new column in ``schema`` reaches the model without code here. Results are typed
dataclasses in ``compute``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.schema import norm

__all__ = ["CellRefs", "Picture", "Row", "Settings", "WorkbookData", "norm"]


class CellRefs(Mapping[str, str]):
    """Column key -> A1 reference of one row, computed on demand from the sheet's column
    letters (shared by all rows of a sheet, so reading a row allocates no per-cell strings)."""

    __slots__ = ("letters", "suffix")

    def __init__(self, letters: Mapping[str, str], row: int) -> None:
        self.letters = letters
        self.suffix = str(row)

    def __getitem__(self, key: str) -> str:
        return self.letters[key] + self.suffix

    def __iter__(self) -> Iterator[str]:
        return iter(self.letters)

    def __len__(self) -> int:
        return len(self.letters)

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(slots=True)
class Row:
    """One data row: values by column key, with the A1 cell each came from."""

    sheet: str
    row: int  # 1-based Excel row number
    values: dict[str, Any]
    cells: Mapping[str, str]
    #: values found in computed columns (never trusted; checked against the engine)
    computed: dict[str, Any] = field(default_factory=dict)
    #: keys of number columns whose cell held text ("95,5", "Rp 1.000"): read right by the
    #: engine, but Excel's own formulas do not count them
    text_numbers: frozenset[str] = frozenset()
    #: keys of number columns shown as a percent: "format" (a percent number format: the
    #: cell holds 0,96 for 96%) or "teks" ("96%" typed as text); None when there are none
    percent: dict[str, str] | None = None
    #: keys whose cell already has a reading finding (unreadable text, a formula without a
    #: value, a doubtful percent): no second finding says the cell is empty
    unread: set[str] | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def get(self, key: str, default: Any = None) -> Any:
        v = self.values.get(key)
        return default if v is None else v

    def cell(self, key: str) -> str:
        return self.cells.get(key, f"A{self.row}")

    def is_unread(self, key: str) -> bool:
        return self.unread is not None and key in self.unread


@dataclass(slots=True)
class Settings:
    rumus_negatif: str = "2T-R"
    desimal: int = 0
    batas_atas: Decimal | None = None
    skala: list[tuple[Decimal, str]] = field(
        default_factory=lambda: [(Decimal(b), p) for b, p in schema.SKALA_STANDAR]
    )
    batas_penyampaian: date | None = None
    #: the ordered scale of text targets: (kategori, peringkat), higher is better
    kategori: list[tuple[str, int]] = field(
        default_factory=lambda: list(schema.SKALA_KATEGORI_STANDAR))
    cells: dict[str, str] = field(default_factory=dict)
    skala_cell: str = ""
    kategori_cell: str = ""


@dataclass(frozen=True)
class Picture:
    """A picture pasted into the Gambar sheet, as plain data (read by the file adapter).

    Two pictures are equal when they hold the same image; where they sat and what the
    workbook called them do not count (a workbook written again places them anew)."""

    data: bytes = field(repr=False)
    #: "png", "jpeg" or "gif" (what the bytes are, not what the file name says)
    format: str
    width: int  # pixels
    height: int
    #: 1-based row of the sheet on which the picture's top-left corner sits
    row: int = field(default=0, compare=False)
    #: the picture's name and alternative text in the workbook
    name: str = field(default="", compare=False)
    descr: str = field(default="", compare=False)
    #: why the report leaves this picture out (too big, a format Word cannot take...):
    #: then ``data`` is empty
    masalah: str = field(default="", compare=False)

    def __str__(self) -> str:
        import hashlib

        if self.masalah:
            return f"gambar ditolak: {self.masalah}"
        digest = hashlib.sha256(self.data).hexdigest()[:16]
        return f"gambar {self.format} {self.width}x{self.height} {digest}"


@dataclass(slots=True)
class WorkbookData:
    source: str
    sheet_names: list[str]
    profil: dict[str, Any] = field(default_factory=dict)
    profil_cells: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)
    header_rows: dict[str, int] = field(default_factory=dict)
    #: column letter of each key found, per sheet
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    #: pictures of the Gambar sheet by anchor row; None when they were not read (grids
    #: from Excel or from memory carry no pictures)
    pictures: list[Picture] | None = None

    def sheet(self, name: str) -> list[Row]:
        return self.rows.get(name, [])

    @property
    def pk(self) -> list[Row]:
        return self.sheet("PK")

    @property
    def iku(self) -> list[Row]:
        return self.sheet("IKU")

    @property
    def kejadian(self) -> list[Row]:
        return self.sheet("Kejadian")

    @property
    def anggaran(self) -> list[Row]:
        return self.sheet("Anggaran")

    @property
    def lra(self) -> list[Row]:
        return self.sheet("LRA")

    @property
    def pegawai(self) -> list[Row]:
        return self.sheet("Pegawai")

    @property
    def tahun(self) -> int | None:
        t = self.profil.get("tahun")
        return t if isinstance(t, int) else None
