"""The Word template itself (lkj_excel/templates/laporan.docx): up to date with its builder,
header cells that never break inside a word, the language, what restyling may rely on."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from lkj_excel.report.measure import header_need_cm, longest_word_cm, text_width_cm
from lkj_excel.report.render import DEFAULT_TEMPLATE, TEMPLATE_CATEGORY
from tests.kit import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc():  # type: ignore[no-untyped-def]
    from docx import Document

    return Document(str(DEFAULT_TEMPLATE))


def test_measure_uses_arial_metrics() -> None:
    # Helvetica/Arial advance widths: "Realisasi" bold at 9.5 pt is 1.45 cm, "i" narrow
    assert abs(text_width_cm("Realisasi", 9.5, bold=True) - 1.453) < 0.005
    assert text_width_cm("iiii", 10) < text_width_cm("MMMM", 10) / 3
    assert longest_word_cm("Target Akhir Renstra", 9.5, True) == text_width_cm(
        "Renstra", 9.5, True)


def test_header_cells_never_break_inside_a_word() -> None:
    doc = _doc()
    checked = 0
    for t in doc.tables:
        for tr in t._tbl.findall(f"{W}tr"):
            if tr.find(f"{W}trPr/{W}tblHeader") is None:
                continue
            for tc in tr.findall(f"{W}tc"):
                text = "".join(x.text or "" for x in tc.iter(f"{W}t"))
                if not text.strip():
                    continue
                width_cm = int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) / 567
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                if span is not None:
                    continue  # a merged cell spans several columns
                assert width_cm + 0.01 >= header_need_cm(text), (text, width_cm)
                checked += 1
    assert checked > 40


def test_template_is_what_the_builder_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "laporan.docx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "buat_templat_laporan.py"),
                    "--keluar", str(out)], check=True, capture_output=True)
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(DEFAULT_TEMPLATE) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            assert a.read(name) == b.read(name), (
                f"{name}: lkj_excel/templates/laporan.docx is stale; run "
                "scripts/buat_templat_laporan.py")


def test_template_language_properties_and_no_update_prompt() -> None:
    doc = _doc()
    dd = doc.styles.element.find(f"{W}docDefaults")
    assert dd.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val") == "id-ID"
    cp = doc.core_properties
    assert cp.category == TEMPLATE_CATEGORY and cp.comments == ""
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as z:
        assert "updateFields" not in z.read("word/settings.xml").decode()
        assert not [n for n in z.namelist() if "thumbnail" in n]


@pytest.mark.parametrize("style", ["LKj Isi", "LKj Butir", "LKj Judul Tabel", "LKj Sumber",
                                   "LKj Tabel", "LKj Tabel Kepala", "LKj Sampul",
                                   "LKj Tanda Tangan", "LKj Gambar", "LKj Kop", "Caption",
                                   "Heading 1", "Heading 2", "Heading 3", "TOC 1"])
def test_named_styles_the_guide_names(style: str) -> None:
    # docs/panduan-templat.md tells people to restyle these by name
    assert style in [s.name for s in _doc().styles]
    assert style in (ROOT / "docs" / "panduan-templat.md").read_text(encoding="utf-8") or \
        style.startswith(("TOC", "Heading"))


def test_signature_blocks_stay_together() -> None:
    doc = _doc()
    sig = [p for p in doc.paragraphs if p.style.name == "LKj Tanda Tangan"]
    assert doc.styles["LKj Tanda Tangan"].paragraph_format.keep_with_next
    nip = [p for p in sig if p.text.startswith("NIP.")]
    assert len(nip) == 3 and all(p.paragraph_format.keep_with_next is False for p in nip)
