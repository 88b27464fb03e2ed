"""What rendering keeps per process (``report.render._KEPT``: the template's cleaned XML
and its compiled Jinja template): the same document as a render that compiles everything
anew, and never one agency's figures in another's report."""

from __future__ import annotations

import copy
import io
import zipfile
from decimal import Decimal
from pathlib import Path

from lkj_excel.core.seed import seed_data
from lkj_excel.files.read import check_workbook
from lkj_excel.report import render
from tests.report.test_report import _seed_workbook, docx_text


def _body(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_kept_templates_render_the_same_document(tmp_path: Path) -> None:
    p = check_workbook(_seed_workbook(tmp_path))
    render._KEPT.clear()
    first = render.render_bytes(p)
    assert any(k.startswith("jinja:") for k in render._KEPT)
    assert any(k.startswith("xml:") for k in render._KEPT)
    kept = render.render_bytes(p)  # from what the first render kept
    assert _body(kept) == _body(first)
    assert docx_text(kept) == docx_text(first)


def test_each_agency_gets_its_own_figures(tmp_path: Path) -> None:
    data = copy.deepcopy(seed_data())
    data["profil"]["instansi"] = "Dinas Uji Coba Kota Contoh"
    data["sheets"]["Anggaran"][0]["anggaran"] = Decimal("8123456789.00")
    data["sheets"]["IKU"][2]["pembilang"] = 40  # Ormas: 40/53 instead of 51/53
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = check_workbook(_seed_workbook(tmp_path / "a"))
    b = check_workbook(_seed_workbook(tmp_path / "b", data))
    ta = docx_text(render.render_bytes(a))
    tb = docx_text(render.render_bytes(b))
    ta2 = docx_text(render.render_bytes(a))
    assert ta == ta2
    assert "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru" in ta
    assert "Dinas Uji Coba Kota Contoh" in tb and "Dinas Uji Coba Kota Contoh" not in ta
    assert "Rp 8.123.456.789,00" in tb and "Rp 8.123.456.789,00" not in ta
    assert "51/53 x 100% = 96%" in ta and "51/53 x 100% = 96%" not in tb


def test_what_is_kept_stays_bounded(tmp_path: Path) -> None:
    from docx import Document

    p = check_workbook(_seed_workbook(tmp_path))
    render._KEPT.clear()
    for n in range(render.KEPT):  # as many different templates as are kept, and more
        doc = Document(str(render.DEFAULT_TEMPLATE))
        doc.add_paragraph(f"Templat {n}")
        mine = tmp_path / f"t{n}.docx"
        doc.save(str(mine))
        assert f"Templat {n}" in docx_text(render.render_report(p, mine).data)
    assert len(render._KEPT) <= render.KEPT
