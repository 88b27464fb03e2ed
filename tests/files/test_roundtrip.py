"""Schema-driven property test: data generated from the schema itself survives the trip
template builder -> .xlsx -> reader, cell for cell (one source of truth feeds both ends)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkj_excel.core import schema
from lkj_excel.files.read import read_workbook
from lkj_excel.files.template import write_workbook

_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF,
                                       blacklist_categories=("Cs",)), min_size=1, max_size=40)


def _value(col: schema.Column) -> st.SearchStrategy:
    if col.choices:
        return st.sampled_from(col.choices)
    if col.kind == "text":
        # leading = + - @ must stay text; surrounding spaces are trimmed by the reader
        return _TEXT.map(str.strip).filter(bool)
    if col.kind == "code":
        return st.from_regex(r"[A-Z]{1,3}[0-9]{1,3}(\.[0-9]{1,2})?", fullmatch=True)
    if col.kind == "number":
        return st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False)
    if col.kind == "number_or_category":
        # a number, or a category word (no digit; spaces collapsed as the reader does)
        word = st.from_regex(r"[A-Za-z][A-Za-z ]{0,12}[A-Za-z]|[A-Z]", fullmatch=True).map(
            lambda t: " ".join(t.split()))
        return st.decimals(min_value=-10**6, max_value=10**6, places=2,
                           allow_nan=False) | word
    if col.kind == "money":
        return st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False)
    if col.kind == "int":
        return st.integers(min_value=0, max_value=10**6)
    if col.kind == "year":
        return st.integers(min_value=2000, max_value=2030)
    if col.kind == "date":
        return st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
    raise AssertionError(col.kind)


def rows_of(sheet: schema.Sheet) -> st.SearchStrategy:
    cols = sheet.input_columns
    row = st.fixed_dictionaries({c.key: _value(c) for c in cols if c.required},
                                optional={c.key: st.none() | _value(c)
                                          for c in cols if not c.required})
    return st.lists(row, min_size=1, max_size=4)


_TOTAL_WORD = re.compile(r"^(?:{})\b".format("|".join(map(re.escape, schema.TOTAL_WORDS))))


def looks_total(sheet: schema.Sheet, row: dict) -> bool:  # type: ignore[type-arg]
    """A row typed like a total ("JUMLAH" with an amount) on a sheet of amounts: the reader
    leaves it out with a ``baris-jumlah`` finding (generated text can spell one)."""
    amounts = [c.key for c in sheet.input_columns if c.kind in ("money", "int")]
    labels = [c.key for c in sheet.input_columns if c.kind in ("text", "code", "choice")]
    return bool(amounts) and any(row.get(k) is not None for k in amounts) and any(
        isinstance(row.get(k), str) and _TOTAL_WORD.match(schema.norm(row[k])) for k in labels)


workbook_data = st.fixed_dictionaries(
    {s.name: rows_of(s) for s in schema.DATA_SHEETS})


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(sheets=workbook_data)
def test_generated_data_reads_back_exactly(tmp_path_factory, sheets) -> None:
    path = tmp_path_factory.mktemp("rt") / "rt.xlsx"
    write_workbook(path, {"profil": {"instansi": "Badan Uji", "tahun": 2024},
                          "sheets": sheets})
    res = read_workbook(path)
    reading = [f for f in res.temuan if f.kode in ("sel-tidak-terbaca", "kolom-hilang",
                                                     "pilihan-tidak-dikenal")]
    assert reading == []
    for sheet in schema.DATA_SHEETS:
        got = res.data.sheet(sheet.name)
        want = [r for r in sheets[sheet.name] if not looks_total(sheet, r)]
        totals = [f for f in res.temuan if f.kode == "baris-jumlah" and f.lembar == sheet.name]
        assert len(totals) == len(sheets[sheet.name]) - len(want), sheet.name
        assert len(got) == len(want), sheet.name
        for row, expected in zip(got, want, strict=True):
            for col in sheet.input_columns:
                e = expected.get(col.key)
                g = row[col.key]
                if isinstance(e, Decimal):
                    assert g == e, (sheet.name, col.key, g, e)
                else:
                    assert g == e, (sheet.name, col.key, g, e)


def test_a_generated_total_row_is_left_out_with_its_finding(tmp_path) -> None:
    """The case hypothesis found: a program named JUMLAH with an amount."""
    path = write_workbook(tmp_path / "j.xlsx", {
        "profil": {"instansi": "Badan Uji", "tahun": 2024},
        "sheets": {"Anggaran": [{"program": "JUMLAH", "anggaran": Decimal("0.00")},
                                {"program": "Program A", "anggaran": Decimal("5.00")}]}})
    res = read_workbook(path)
    assert [r["program"] for r in res.data.sheet("Anggaran")] == ["Program A"]
    assert [(f.kode, f.sel) for f in res.temuan if f.kode == "baris-jumlah"] == \
        [("baris-jumlah", "B4")]
    assert looks_total(schema.ANGGARAN, {"program": "JUMLAH", "anggaran": Decimal(0)})
    assert not looks_total(schema.ANGGARAN, {"program": "Jumlahnya", "anggaran": Decimal(0)})
