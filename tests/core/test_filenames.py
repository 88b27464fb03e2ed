"""File names made from workbook content (bidang, instansi) never escape the output folder."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkj_excel.core.filenames import MAX_NAME_CHARS, WINDOWS_RESERVED, safe_filename


@pytest.mark.parametrize(("text", "expected"), [
    ("Bidang Politik Dalam Negeri", "Bidang Politik Dalam Negeri"),
    ("../../etc/passwd", "etc passwd"),
    ("/etc/cron.d/x", "etc cron.d x"),
    ("C:\\Windows\\System32", "C_ Windows System32"),
    ("..\\..\\boot.ini", "boot.ini"),
    ("CON", "_CON"),
    ("con.docx", "_con.docx"),
    ("LPT1 ", "_LPT1"),
    ("COM9.xlsx", "_COM9.xlsx"),
    ("Bidang. . .", "Bidang"),
    ("Politik: Dalam/Negeri?", "Politik_ Dalam Negeri_"),
    ('a<b>c"d|e*f', "a_b_c_d_e_f"),
    ("x\x00y\x1fz\u202e", "xyz"),
    ("  Sekretariat\t\n", "Sekretariat"),
])
def test_safe_filename_cases(text, expected):
    assert safe_filename(text, "bidang") == expected


@pytest.mark.parametrize("text", ["", None, "   ", "..", ".", "/", "\\", "...", "\x00"])
def test_empty_or_only_dots_gives_default(text):
    assert safe_filename(text, "bidang") == "bidang"
    assert safe_filename(text, "../CON") == "_CON"


def test_overlong_names_are_cut():
    name = safe_filename("Bidang " * 100, "x")
    assert len(name) <= MAX_NAME_CHARS
    assert name.startswith("Bidang Bidang") and not name.endswith((" ", "."))


@given(st.text(max_size=300))
def test_any_text_stays_inside_the_output_folder(text):
    name = safe_filename(text, "bidang")
    out = Path("/srv/keluaran")
    target = (out / (name + ".docx")).resolve()
    assert target.parent == out
    assert 0 < len(name) <= MAX_NAME_CHARS
    assert not any(c in name for c in '<>:"/\\|?*')
    assert not any(ord(c) < 32 for c in name)
    assert name == name.strip(" .")
    assert ".." not in name
    assert name.split(".")[0].rstrip().upper() not in WINDOWS_RESERVED
