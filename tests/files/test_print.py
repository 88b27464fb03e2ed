"""The template and the engine's sheets on paper, as staff print them: LibreOffice turns
them into PDF and the pages are read back (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lkj_excel.core import layout, schema
from lkj_excel.files import template
from tests.kit import ROOT

HAS_TOOLS = bool(shutil.which("soffice") or shutil.which("libreoffice")) and bool(
    shutil.which("pdftotext"))


def test_print_fit_keeps_text_readable() -> None:
    assert layout.print_fit(80) == ("portrait", 1)
    assert layout.print_fit(140) == ("landscape", 1)
    iku = sum(c.width for c in schema.IKU.columns)
    orientation, pages = layout.print_fit(iku)
    assert orientation == "landscape" and pages >= 2
    assert pages * layout.A4_LANDSCAPE_WIDTH / iku >= layout.MIN_PRINT_SCALE
    for sheet in schema.DATA_SHEETS:
        width = sum(c.width for c in sheet.columns)
        _o, k = layout.print_fit(width)
        scale = min(1.0, k * layout.A4_LANDSCAPE_WIDTH / width)
        assert scale >= layout.MIN_PRINT_SCALE, sheet.name


def test_print_area_follows_the_filled_rows() -> None:
    wb = template.build_workbook()
    for sheet in schema.DATA_SHEETS:
        ws = wb[sheet.name]
        area = ws.defined_names["_xlnm.Print_Area"].attr_text
        assert area.startswith(f"'{sheet.name}'!$A$1:INDEX(")
        assert f"ROW('{sheet.name}'!$A${layout.FIRST_DATA_ROW}:$A${layout.LOOKUP_LAST_ROW})" in area
        inputs = [c for c in sheet.columns if not c.computed]
        assert area.count("<>\"\"") == len(inputs)
        # borders come from a rule on filled rows, not from every blank cell
        assert ws.cell(layout.FIRST_DATA_ROW, 1).border.left.style is None
        rules = [r for cf in ws.conditional_formatting for r in cf.rules]
        assert any("SUMPRODUCT(LEN(" in r.formula[0] for r in rules)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.libreoffice
@pytest.mark.skipif(not HAS_TOOLS, reason="needs LibreOffice and poppler")
def test_blank_template_prints_compactly(tmp_path: Path) -> None:
    from lkj_excel.files.libreoffice import run_soffice

    src = tmp_path / "templat.xlsx"
    shutil.copy2(ROOT / "workbooks" / "template_lkj.xlsx", src)
    run_soffice(["--convert-to", "pdf", "--outdir", str(tmp_path), str(src)])
    pages = [p for p in _pages(tmp_path / "templat.pdf") if p.strip()]
    titles = {s.title or s.name: s for s in schema.DATA_SHEETS}
    per_sheet: dict[str, int] = {}
    current = None
    for page in pages:
        first = page.strip().splitlines()[0].strip()
        if first.startswith(("Pengaturan", "Profil Instansi", "Petunjuk")):
            current = None
        for title in titles:
            if first.startswith(title):
                current = title
        if current:
            per_sheet[current] = per_sheet.get(current, 0) + 1
    for title, sheet in titles.items():
        _o, across = layout.print_fit(sum(c.width for c in sheet.columns))
        # a blank table without formulas: its header (and note) on one page, no page of
        # empty grid; a table whose blank rows hold formulas may spill (LibreOffice
        # prints every formula cell; Excel follows the print area)
        limit = across if not sheet.computed_columns else 2 * across
        assert per_sheet.get(title, 0) <= limit, (title, per_sheet.get(title))
    assert len(pages) < 30  # it was 34, with 4 pt text on the IKU page
