"""The corpus of real habits: workbooks filled the way staff fill them and email rounds
collected the way units send them, built at test time from the template.

    .venv/bin/python -m tests.kit.habits FOLDER

Every workbook starts from the template builder (``lkj_excel.files.template.write_workbook``)
filled with the seed's data (``lkj_excel.core.seed``), then gets one habit the way Excel,
LibreOffice or a person would leave it: openpyxl for what a person types (number formats,
an Excel table's Total Row, a formula), byte-level edits for what only a spreadsheet
program writes (cached formula values, the saved time in the document properties),
LibreOffice itself for its own files. Nothing here is committed as a binary.

``SINGLE`` names the single workbooks, ``ROUNDS`` the email rounds (folders of unit
workbooks split by ``lkj pecah``'s rules); each maps to what the tests assert.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from lkj_excel.core import layout, schema, seed, units
from lkj_excel.files.template import write_workbook

KETAHANAN = seed.BIDANG_KETAHANAN
POLITIK = seed.BIDANG_POLITIK
IDEOLOGI = seed.BIDANG_IDEOLOGI
KEWASPADAAN = seed.BIDANG_KEWASPADAAN
#: a moment of the email round: unit files saved by Excel at these times
T0 = dt.datetime(2025, 2, 10, 8, 0, tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------------------- helpers


def rows(data: dict[str, Any], sheet: str) -> list[dict[str, Any]]:
    return data["sheets"][sheet]


def row_of(data: dict[str, Any], sheet: str, kode: str) -> dict[str, Any]:
    return next(r for r in rows(data, sheet) if r.get("kode_indikator") == kode)


def excel_row(data: dict[str, Any], sheet: str, pred: Callable[[dict[str, Any]], bool]) -> int:
    """The Excel row where the template writes the first row of ``sheet`` matching ``pred``."""
    i = next(i for i, r in enumerate(rows(data, sheet)) if pred(r))
    return layout.FIRST_DATA_ROW + i


def cell(sheet: str, key: str, row: int) -> str:
    return f"{layout.col_of(schema.SHEETS_BY_NAME[sheet], key)}{row}"


def edit_xlsx(path: Path, edit: Callable[[Any], None]) -> Path:
    """Open with openpyxl, let ``edit(wb)`` type into it, save (as a person would)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def edit_parts(path: Path, edits: dict[str, Callable[[bytes], bytes]]) -> Path:
    """Rewrite parts of the zip in place (byte-level, for what only Excel writes)."""
    with zipfile.ZipFile(path) as zi:
        items = [(i, zi.read(i.filename)) for i in zi.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zo:
        for info, data in items:
            fn = edits.get(info.filename)
            zo.writestr(info.filename, fn(data) if fn else data)
    return path


def sheet_part(path: Path, name: str) -> str:
    """The zip part of a sheet (the template writes them in ``layout.SHEET_ORDER``)."""
    return f"xl/worksheets/sheet{layout.SHEET_ORDER.index(name) + 1}.xml"


def cache_values(path: Path, sheet: str, values: dict[str, Any]) -> Path:
    """Give formula cells the cached value Excel would have written (``<v>``)."""
    def fix(xml: bytes) -> bytes:
        for a1, value in values.items():
            pat = re.compile(rb'(<c r="' + a1.encode() + rb'"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?')
            v = str(value).encode()
            xml, n = pat.subn(lambda m, v=v: m.group(1) + m.group(2) + b"<v>" + v + b"</v>", xml)
            assert n == 1, a1
        return xml
    return edit_parts(path, {sheet_part(path, sheet): fix})


def set_saved(path: Path, when: dt.datetime) -> Path:
    """The saved time of the document properties (``dcterms:modified``), as Excel writes it
    on every save."""
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fix(xml: bytes) -> bytes:
        out, n = re.subn(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                         lambda m: m.group(1) + stamp + m.group(2), xml)
        assert n == 1
        return out
    return edit_parts(path, {"docProps/core.xml": fix})


def soffice_convert(srcs: list[Path], out_dir: Path, fmt: str) -> list[Path]:
    """LibreOffice converts ``srcs`` with its own filter (``ods``, ``xls:MS Excel 97``,
    ``xlsx:Calc MS Excel 2007 XML``) in one run; the outputs in input order."""
    from lkj_excel.files.libreoffice import run_soffice

    out_dir.mkdir(parents=True, exist_ok=True)
    proc = run_soffice(["--calc", "--convert-to", fmt, "--outdir", str(out_dir.resolve()),
                        *(str(p.resolve()) for p in srcs)])
    ext = fmt.split(":")[0]
    outs = [out_dir / f"{p.stem}.{ext}" for p in srcs]
    assert all(o.exists() for o in outs), proc.stderr
    return outs
