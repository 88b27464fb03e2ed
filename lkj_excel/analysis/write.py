"""The tables written as .xlsx, .csv or .parquet, atomically, money exact.

- .xlsx: one sheet per table, each an Excel table (filters on every column), header frozen,
  and a ``keterangan`` sheet saying what a row of each table is. Numbers are numbers; an
  amount that a binary float cannot hold to the sen (more than 15 significant digits) is
  written as exact text rather than rounded.
- .csv: one file per table (``REKAP-indikator.csv``...), UTF-8 with a byte order mark so
  Excel opens it right, a point for decimals, money written to the sen as typed.
- .parquet: one file per table (pyarrow); money as ``decimal128``, exact.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj_excel.analysis.tables import TABLES, Table
from lkj_excel.core.temuan import ToolError, WriteError

SUFFIXES = (".xlsx", ".csv", ".parquet")
FMT_MONEY = "#,##0.00"
FMT_INT = "0"
SEN = Decimal("0.01")
PYARROW_MISSING = (
    "Menulis .parquet memerlukan paket pyarrow, yang belum terpasang. Pasang dengan "
    "pip install pyarrow (atau pip install \"lkj-excel[parquet]\"), lalu jalankan lagi; "
    "atau tulis ke .xlsx atau .csv.")


def output_kind(path: str | Path) -> str:
    """"xlsx", "csv" or "parquet" (``WriteError`` otherwise, and for .parquet without
    pyarrow a ``ToolError`` saying how to add it): checked before any workbook is read."""
    suffix = Path(path).suffix.casefold()
    if suffix not in SUFFIXES:
        raise WriteError(f"Berkas keluaran rekap harus berakhiran .xlsx, .csv atau .parquet: "
                         f"\"{Path(path).name}\".", Path(path).name)
    if suffix == ".parquet":
        try:
            import pyarrow.parquet  # noqa: F401 (imports pyarrow itself)
        except ImportError:
            raise ToolError(PYARROW_MISSING) from None
    return suffix[1:]


def outputs(path: str | Path) -> list[Path]:
    """The files ``write_tables`` writes for ``path``."""
    p = Path(path)
    if p.suffix.casefold() == ".xlsx":
        return [p]
    return [p.with_name(f"{p.stem}-{t.name}{p.suffix}") for t in TABLES]


def write_tables(tables: dict[str, list[dict[str, Any]]], path: str | Path) -> list[Path]:
    kind = output_kind(path)
    writer: Callable[[dict[str, list[dict[str, Any]]], Path], list[Path]] = {
        "xlsx": write_xlsx, "csv": write_csv, "parquet": write_parquet}[kind]
    return writer(tables, Path(path))


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------

def money_text(value: Decimal) -> str:
    """An amount as exact text: to the sen when it has at most two decimals."""
    if value.as_tuple().exponent >= -2:  # type: ignore[operator]
        value = value.quantize(SEN)
    return format(value, "f")


def number_text(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def _float_exact(value: Decimal) -> float | None:
    """The float that reads back as exactly ``value`` (its shortest repr), else None."""
    f = float(value)
    return f if Decimal(repr(f)) == value else None


def excel_value(value: Any, kind: str) -> Any:
    """What a cell gets: a Decimal as its exact decimal text (``ExactNumber``), or as text
    when no binary float holds it (money beyond 15 significant digits)."""
    if value is None or not isinstance(value, Decimal):
        return value
    if _float_exact(value) is not None:
        return ExactNumber(text_value(value, kind))
    return money_text(value) if kind == "money" else float(value)


class ExactNumber(str):
    """A number written as its own decimal text in ``<v>`` (openpyxl would print a float
    with 16 significant digits: 89858550.99 becomes 89858550.98999999)."""


def _put(cell: Any, value: Any) -> None:
    if isinstance(value, ExactNumber):
        cell.data_type = "n"  # a numeric cell whose <v> is the exact text: openpyxl writes
        cell._value = str(value)  # a str value as it is
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula
    else:
        cell.value = value


def text_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money_text(value) if kind == "money" else number_text(value)
    return str(value)


# ---------------------------------------------------------------------------
# .xlsx
# ---------------------------------------------------------------------------

def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _xlsx_sheet(wb: Any, table: Table, rows: list[dict[str, Any]], bold: Any) -> None:
    """One table on a write-only sheet (rows streamed once; openpyxl's fastest path)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table as XlTable
    from openpyxl.worksheet.table import TableColumn, TableStyleInfo

    ws = wb.create_sheet(table.name)
    names = table.names
    kinds = [table.kind(n) for n in names]
    fmts = [FMT_MONEY if k == "money" else FMT_INT if k == "int" else None for k in kinds]
    values = [[excel_value(r.get(n), k) for n, k in zip(names, kinds, strict=True)]
              for r in rows]
    widths = [len(n) + 4 for n in names]
    for vs in values:
        for j, v in enumerate(vs):
            if v is not None:
                widths[j] = max(widths[j], min(60, len(str(v)) + 2))
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[_letter(j)].width = w
    ws.freeze_panes = "A2"
    header = []
    for n in names:
        c = WriteOnlyCell(ws, value=n)
        c.font = bold
        header.append(c)
    ws.append(header)
    for vs in values:
        line = []
        for j, v in enumerate(vs):
            if v is None:
                line.append(None)
                continue
            c = WriteOnlyCell(ws)
            _put(c, v)
            if fmts[j] and not (isinstance(v, str) and not isinstance(v, ExactNumber)):
                c.number_format = fmts[j]
            line.append(c)
        ws.append(line)
    ref = f"A1:{_letter(len(names))}{max(2, len(rows) + 1)}"  # a table needs one body row
    xt = XlTable(displayName=f"Tabel_{table.name}", ref=ref, autoFilter=AutoFilter(ref=ref))
    for j, n in enumerate(names, 1):  # a write-only sheet cannot read its headers back
        xt.tableColumns.append(TableColumn(id=j, name=n))
    xt.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # "add table columns manually": done just above
        warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
        ws.add_table(xt)


def build_xlsx(tables: dict[str, list[dict[str, Any]]]) -> Any:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for t in TABLES:
        _xlsx_sheet(wb, t, tables.get(t.name, []), bold)
    ws = wb.create_sheet("keterangan")
    for letter, width in zip("ABCDE", (12, 8, 60, 40, 80), strict=True):
        ws.column_dimensions[letter].width = width
    head = []
    for text in ("tabel", "baris", "kolom", "kunci", "keterangan"):
        c = WriteOnlyCell(ws, value=text)
        c.font = bold
        head.append(c)
    ws.append(head)
    wrap = Alignment(wrap_text=True, vertical="top")
    for t in TABLES:
        line = []
        for v in (t.name, len(tables.get(t.name, [])), ", ".join(t.names), ", ".join(t.keys),
                  t.note):
            c = WriteOnlyCell(ws, value=v)
            c.alignment = wrap
            line.append(c)
        ws.append(line)
    return wb


def write_xlsx(tables: dict[str, list[dict[str, Any]]], path: Path) -> list[Path]:
    from lkj_excel.files.atomic import atomic_write

    wb = build_xlsx(tables)
    return [atomic_write(path, lambda tmp: wb.save(tmp))]


# ---------------------------------------------------------------------------
# .csv and .parquet
# ---------------------------------------------------------------------------

def csv_text(table: Table, rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(table.names)
    kinds = [table.kind(n) for n in table.names]
    for r in rows:
        w.writerow([text_value(r.get(n), k) for n, k in zip(table.names, kinds, strict=True)])
    return buf.getvalue()


def write_csv(tables: dict[str, list[dict[str, Any]]], path: Path) -> list[Path]:
    from lkj_excel.files.atomic import atomic_write

    out = []
    for t, target in zip(TABLES, outputs(path), strict=True):
        data = csv_text(t, tables.get(t.name, [])).encode("utf-8-sig")
        out.append(atomic_write(target, lambda tmp, data=data: tmp.write_bytes(data)))
    return out


def arrow_table(table: Table, rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    fields, arrays = [], []
    for name in table.names:
        kind = table.kind(name)
        values = [r.get(name) for r in rows]
        if kind == "money":
            scale = max([2, *(-v.as_tuple().exponent for v in values  # type: ignore[operator]
                              if isinstance(v, Decimal))])
            q = Decimal(1).scaleb(-scale)
            typ = pa.decimal128(38, scale)
            values = [None if v is None else v.quantize(q) for v in values]
        elif kind == "number":
            typ = pa.float64()
            values = [None if v is None else float(v) for v in values]
        elif kind == "int":
            typ = pa.int64()
        else:
            typ = pa.string()
        fields.append(pa.field(name, typ))
        arrays.append(pa.array(values, type=typ))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_parquet(tables: dict[str, list[dict[str, Any]]], path: Path) -> list[Path]:
    import pyarrow.parquet as pq

    from lkj_excel.files.atomic import atomic_write

    out = []
    for t, target in zip(TABLES, outputs(path), strict=True):
        at = arrow_table(t, tables.get(t.name, []))
        out.append(atomic_write(target, lambda tmp, at=at: pq.write_table(at, str(tmp))))
    return out
