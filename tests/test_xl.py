"""The Excel button (lkj_excel.xl.main) run through xlwings' remote engine, without Excel.

As xlwings' own CI does: the calamine engine reads an .xlsx into the JSON book payload that
Excel's client would send (``version`` = installed xlwings, numbers as floats, dates as ISO
strings), ``xw.Book(json=...)`` opens it, ``set_mock_caller()`` makes ``Book.caller()``
return it, and main()'s writes come back as recorded actions (``book.json()["actions"]``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest
import xlwings as xw
from python_calamine import CalamineWorkbook

from lkj_excel import xl
from lkj_excel.core import schema
from lkj_excel.core.sheets import hyperlink_formula, ringkasan_blocks, validasi_blocks
from lkj_excel.files.read import check_workbook
from tests.kit import ROOT

# ---------------------------------------------------------------------------
# Fixtures and helpers
# ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def seed_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = sorted((ROOT / "workbooks" / "contoh").glob("LKj*.xlsx"))
    if found:
        return found[0]
    from contoh_data import NAMA_BERKAS_INSTANSI, seed_data

    from lkj_excel.files.template import write_workbook

    return write_workbook(tmp_path_factory.mktemp("contoh") / NAMA_BERKAS_INSTANSI, seed_data())


def _excel_value(v: Any) -> Any:
    """A value as Excel's client sends it in the payload."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, dt.datetime):
        return v.isoformat(timespec="seconds") + "Z"
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day).isoformat() + "Z"
    return v


def payload_from_xlsx(path: Path, extra: dict[str, list[list[Any]]] | None = None
                      ) -> dict[str, Any]:
    """The JSON book payload of an .xlsx, read by xlwings' calamine engine."""
    book = xw.Book(str(path), mode="r")
    sheets = []
    try:
        for sh in book.sheets:
            used = sh.used_range
            last = used.last_cell
            values = sh.range((1, 1), (last.row, last.column)).options(ndim=2).value
            sheets.append({"name": sh.name, "values": [[_excel_value(v) for v in row]
                                                       for row in values],
                           "used_range_address": used.address.replace("$", ""),
                           "pictures": [], "tables": [], "notes": []})
    finally:
        book.close()
    for name, rows in (extra or {}).items():
        sheets.append({"name": name, "values": [[_excel_value(v) for v in r] for r in rows],
                       "pictures": [], "tables": [], "notes": []})
    return {"client": "Microsoft Excel", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": sheets}


@pytest.fixture
def caller():
    """Open a payload as the calling book; the mock caller (class state) is cleared after."""
    def open_(payload: dict[str, Any]) -> xw.Book:
        book = xw.Book(json=payload)
        book.set_mock_caller()
        return book

    yield open_
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


@pytest.fixture
def count_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts range value reads at xlwings' remote engine boundary."""
    from xlwings.pro import _xlremote

    counter = {"reads": 0}
    original = _xlremote.Range.raw_value

    def getter(self):  # type: ignore[no-untyped-def]
        counter["reads"] += 1
        return original.fget(self)

    monkeypatch.setattr(_xlremote.Range, "raw_value", property(getter, original.fset))
    return counter


def sheet_index(book: xw.Book, actions: list[dict[str, Any]], name: str) -> int:
    """Sheet position of ``name`` after the actions (existing or added)."""
    names = [s["name"] for s in book.impl.api["sheets"]]
    return names.index(name)


def written(actions: list[dict[str, Any]], pos: int) -> dict[tuple[int, int], Any]:
    """(row, col) 1-based -> value written by setValues on sheet ``pos``; "'" prefix removed."""
    grid: dict[tuple[int, int], Any] = {}
    for a in actions:
        if a["func"] == "sheetClear" and a["sheet_position"] == pos:
            grid.clear()
        if a["func"] != "setValues" or a["sheet_position"] != pos:
            continue
        for i, row in enumerate(a["values"]):
            for j, v in enumerate(row):
                if isinstance(v, str) and v.startswith("'"):
                    v = v[1:]
                grid[(a["start_row"] + i + 1, a["start_column"] + j + 1)] = v
    return grid


def colors(actions: list[dict[str, Any]], pos: int) -> dict[tuple[int, int], Any]:
    """(row, col) -> colour set by setRangeColors on sheet ``pos`` ("keep" cells left out)."""
    out: dict[tuple[int, int], Any] = {}
    for a in actions:
        if a["func"] != "setRangeColors" or a["sheet_position"] != pos:
            continue
        for i, row in enumerate(a["args"][0]):
            for j, c in enumerate(row):
                if c != "keep":
                    out[(a["start_row"] + i + 1, a["start_column"] + j + 1)] = c
    return out


def one_sheet_payload(name: str, values: list[list[Any]], used: str) -> dict[str, Any]:
    """The JSON book payload of a book with one sheet (``used``: its used range)."""
    return {"client": "Microsoft Excel", "version": xw.__version__,
            "book": {"name": "b.xlsx", "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": [{"name": name, "values": values,
                                     "used_range_address": used,
                                     "pictures": [], "tables": []}]}


def run_main(caller, payload: dict[str, Any]) -> tuple[xw.Book, list[dict[str, Any]]]:
    book = caller(payload)
    xl.main()
    return book, book.json()["actions"]


def _same(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


# ---------------------------------------------------------------------------
# main() on the seed example
# ---------------------------------------------------------------------------

def test_main_writes_the_seed_figures(caller, seed_path: Path) -> None:
    book, actions = run_main(caller, payload_from_xlsx(seed_path))
    ring = written(actions, sheet_index(book, actions, schema.RINGKASAN_SHEET))
    rows = {}
    for (r, c), v in ring.items():
        rows.setdefault(r, {})[c] = v
    jumlah = [cells for cells in rows.values()
              if cells.get(1) == "Jumlah" and cells.get(2) == 33660129080]
    assert jumlah and [jumlah[0][c] for c in range(2, 7)] == [
        33660129080, 32204656183, 95.68, 1455472897, 4.32]
    pegawai = [cells for cells in rows.values() if cells.get(1) == "Jumlah" and len(cells) == 2]
    assert pegawai[0][2] == 43
    ormas = [cells for cells in rows.values() if cells.get(8) == 96]
    assert ormas and ormas[0][9] == 101 and ormas[0][10] == "Sangat Baik"
    # no errors in the seed (warnings only): the person lands on Ringkasan
    assert not check_workbook(seed_path).has_errors
    assert actions[-1]["func"] == "activateSheet"
    assert actions[-1]["sheet_position"] == sheet_index(book, actions, schema.RINGKASAN_SHEET)


def test_main_equals_lkj_hitung_block_by_block(caller, seed_path: Path, tmp_path: Path
                                               ) -> None:
    from lkj_excel.files.writer import write_engine_sheets

    book, actions = run_main(caller, payload_from_xlsx(seed_path))
    p = check_workbook(seed_path)
    out = write_engine_sheets(seed_path, p, tmp_path / "hasil.xlsx")
    wb = CalamineWorkbook.from_path(str(out))
    checked = 0
    for name, blocks in ((schema.RINGKASAN_SHEET, ringkasan_blocks(p)),
                         (schema.VALIDASI_SHEET, validasi_blocks(p))):
        mine = written(actions, sheet_index(book, actions, name))
        theirs = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for b in blocks:
            for i, row in enumerate(b.rows):
                for j, value in enumerate(row):
                    r, c = b.row + i, b.col + j
                    got = mine.get((r, c))
                    if j in b.formula_cols:
                        assert got == value  # the same HYPERLINK formula
                        continue
                    ref = theirs[r - 1][c - 1] if r - 1 < len(theirs) and \
                        c - 1 < len(theirs[r - 1]) else None
                    assert _same(got, ref), (name, r, c, got, ref)
                    checked += 1
        # nothing written outside the blocks
        inside = {(b.row + i, b.col + j) for b in blocks for i, row in enumerate(b.rows)
                  for j, _ in enumerate(row)}
        if name == schema.VALIDASI_SHEET:  # the button's record of marked cells
            inside |= {k for k in mine if k[1] >= xl.MARK_COL}
        assert {k for k, v in mine.items() if v not in (None, "")} <= inside
    assert checked > 100


def test_validasi_rows_and_marks_on_seed(caller, seed_path: Path) -> None:
    book, actions = run_main(caller, payload_from_xlsx(seed_path))
    p = check_workbook(seed_path)
    val = written(actions, sheet_index(book, actions, schema.VALIDASI_SHEET))
    assert len(p.temuan) >= 1
    for n, f in enumerate(p.temuan, start=1):
        assert [val[(4 + n, c)] for c in range(1, 7)] == [n, f.tingkat, f.kode, f.lembar,
                                                           f.sel or None, f.pesan]
        assert val[(4 + n, 7)] == hyperlink_formula(f, p.data.sheet_names)
    # the seed's known slip: kegiatan of one program do not add up (Anggaran D5)
    f = next(f for f in p.temuan if f.kode == "anggaran-kegiatan-tidak-sesuai")
    col, row = f.sel[0], int(f.sel[1:])
    marks = colors(actions, sheet_index(book, actions, f.lembar))
    assert marks == {(row, ord(col) - 64): xl.MARK_COLORS["peringatan"].lower()}
    record = written(actions, sheet_index(book, actions, xl.MARK_SHEET))
    r, c = xl.MARK_ROW, xl.MARK_COL
    assert record[(r, c)] == "Lembar"
    assert (record[(r + 1, c)], record[(r + 1, c + 1)]) == (f.lembar, f.sel)
    # the record lives in Validasi: the engine adds no other sheet (workbook contract)
    added = {a["args"][1] for a in actions if a["func"] == "addSheet"}
    assert added <= set(schema.ENGINE_SHEETS)


def test_person_cells_never_get_values(caller, seed_path: Path) -> None:
    payload = payload_from_xlsx(seed_path)
    person = {s["name"] for s in payload["sheets"]}
    book, actions = run_main(caller, payload)
    names = [s["name"] for s in book.impl.api["sheets"]]
    value_funcs = {"setValues", "sheetClear", "rangeClearContents", "rangeClear",
                   "sheetClearContents", "sheetDelete"}
    for a in actions:
        if a["func"] in value_funcs:
            assert names[a["sheet_position"]] not in person, a


def test_second_run_restores_only_what_it_marked(caller, seed_path: Path) -> None:
    pad = [None] * (xl.MARK_COL - 1)
    record = [[] for _ in range(xl.MARK_ROW - 1)] + [
        pad + list(xl.MARK_HEADER),
        pad + ["PK", "F4", "#00FF00", "kesalahan"],   # marked last run, fixed since
        pad + ["Anggaran", "D5", "", "peringatan"]]   # still a finding
    book, actions = run_main(caller, payload_from_xlsx(seed_path, {xl.MARK_SHEET: record}))
    pk = colors(actions, sheet_index(book, actions, "PK"))
    assert pk == {(4, 6): "#00ff00"}  # its fill before our mark, nothing else on PK
    ang = colors(actions, sheet_index(book, actions, "Anggaran"))
    assert ang == {(5, 4): xl.MARK_COLORS["peringatan"].lower()}
    rec = written(actions, sheet_index(book, actions, xl.MARK_SHEET))
    c = xl.MARK_COL
    rows = {(rec.get((r, c)), rec.get((r, c + 1)))
            for r in range(xl.MARK_ROW + 1, 12)} - {(None, None)}
    assert rows == {("Anggaran", "D5")}
    # no sheet was added for the record: it existed
    assert not [a for a in actions if a["func"] == "addSheet" and a["args"][1] == xl.MARK_SHEET]


def test_conf_sheet_is_flagged_and_never_written(caller, seed_path: Path) -> None:
    evil = [["INTERPRETER_WIN", "C:\\Users\\Public\\evil.exe"]]
    payload = payload_from_xlsx(seed_path, {"myaddin.conf": evil})
    book, actions = run_main(caller, payload)
    names = [s["name"] for s in book.impl.api["sheets"]]
    conf_pos = names.index("myaddin.conf")
    val = written(actions, sheet_index(book, actions, schema.VALIDASI_SHEET))
    flagged = [r for (r, c), v in val.items() if c == 3 and v == "lembar-konfigurasi"]
    assert flagged and val[(flagged[0], 2)] == "kesalahan"
    assert val[(flagged[0], 4)] == "myaddin.conf"
    assert all(a["sheet_position"] != conf_pos for a in actions
               if a["func"] not in ("alert", "addSheet"))
    assert not [a for a in actions if a["func"] == "addSheet" and
                schema.is_conf_sheet(a["args"][1])]
    alerts = [a for a in actions if a["func"] == "alert"]
    assert alerts and "myaddin.conf" in alerts[0]["args"][0]


def test_not_an_lkj_workbook_is_refused(caller) -> None:
    payload = {"client": "Microsoft Excel", "version": xw.__version__,
               "book": {"name": "Anggaran Kantor.xlsx", "active_sheet_index": 0,
                        "selection": "A1"}, "names": [],
               "sheets": [{"name": "Sheet1", "values": [["Uraian", "Jumlah"]],
                           "pictures": [], "tables": []},
                          {"name": "PK", "values": [[""]], "pictures": [], "tables": []}]}
    _book, actions = run_main(caller, payload)
    assert [a["func"] for a in actions] == ["alert"]
    msg = actions[0]["args"][0]
    assert "bukan buku kerja LKj" in msg and "Profil" in msg and "IKU" in msg


def test_protected_view_is_refused(caller, seed_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(xl, "in_protected_view", lambda book: True)
    _book, actions = run_main(caller, payload_from_xlsx(seed_path))
    assert [a["func"] for a in actions] == ["alert"]
    assert "Aktifkan Pengeditan" in actions[0]["args"][0]


def test_a_mismatched_xlwings_is_refused_before_anything_is_written(caller, seed_path: Path,
                                                                   monkeypatch) -> None:
    payload = payload_from_xlsx(seed_path)
    monkeypatch.setattr(xl, "addin_version", lambda book: "0.37.5")
    _book, actions = run_main(caller, payload)
    assert [a["func"] for a in actions] == ["alert"]
    msg = actions[0]["args"][0]
    assert "Add-in LKj dibuat dari xlwings 0.37.5" in msg and "lkj addin pasang" in msg
    del xw.Book._mock_caller
    # the Python's own xlwings is not the one lkj-excel pins (e.g. upgraded by hand)
    monkeypatch.setattr(xl, "addin_version", lambda book: None)
    monkeypatch.setattr(xw, "__version__", "0.36.0")
    _book, actions = run_main(caller, payload)
    assert [a["func"] for a in actions] == ["alert"]
    assert "Versi xlwings di Python ini 0.36.0" in actions[0]["args"][0]


def test_lands_on_validasi_when_there_are_errors(caller, seed_path: Path) -> None:
    payload = payload_from_xlsx(seed_path)
    pk = next(s for s in payload["sheets"] if s["name"] == "PK")
    header = next(i for i, row in enumerate(pk["values"]) if "Target" in row)
    col = pk["values"][header].index("Target")
    pk["values"][header + 1][col] = "sembilan puluh"  # a target that is not a number
    book, actions = run_main(caller, payload)
    val = written(actions, sheet_index(book, actions, schema.VALIDASI_SHEET))
    assert "kesalahan" in {v for (r, c), v in val.items() if c == 2}
    assert actions[-1]["func"] == "activateSheet"
    assert actions[-1]["sheet_position"] == sheet_index(book, actions, schema.VALIDASI_SHEET)
    # Validasi's Tingkat cells carry their severity's colour
    fills = colors(actions, sheet_index(book, actions, schema.VALIDASI_SHEET))
    for (r, c), v in val.items():
        if c == 2 and r >= 5 and v in xl.MARK_COLORS:
            assert fills[(r, c)] == xl.MARK_COLORS[v].lower()


def test_ringkasan_number_formats_follow_desimal(caller, seed_path: Path) -> None:
    book, actions = run_main(caller, payload_from_xlsx(seed_path))
    pos = sheet_index(book, actions, schema.RINGKASAN_SHEET)
    formats = [a for a in actions if a["func"] == "setNumberFormat" and
               a["sheet_position"] == pos]
    desimal = check_workbook(seed_path).data.settings.desimal
    used = {a["args"][0] for a in formats}
    assert "#,##0.##" not in used  # shows "100." in Excel
    assert ("#,##0." + "0" * desimal if desimal else "#,##0") in used


def test_protected_view_cannot_be_seen_on_the_remote_engine(caller, seed_path: Path) -> None:
    book = caller(payload_from_xlsx(seed_path))
    assert xl.in_protected_view(book) is False
    assert xl.addin_version(book) is None  # the remote engine compares versions itself


class _ComPV:
    """Excel's COM shape for Protected View, as Microsoft documents it (no Excel here):
    ``Application.ProtectedViewWindows`` (``Count``, ``Item(i)``, 1-based), each window's
    ``SourceName`` the file name. Only ``in_protected_view``'s reading of it is tested."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    @property
    def Count(self) -> int:  # noqa: N802 (COM names)
        return len(self.names)

    def Item(self, i: int):  # noqa: N802
        return type("PV", (), {"SourceName": self.names[i - 1]})()


def _com_book(name: str, pv: list[str]):
    api = type("Api", (), {"ProtectedViewWindows": _ComPV(pv)})()
    app = type("App", (), {"engine": type("E", (), {"name": "excel"})(), "api": api})()
    return type("Book", (), {"name": name, "app": app})()


def test_protected_view_refuses_only_the_callers_own_window(monkeypatch) -> None:
    # xl's own view of the OS only (patching os.name itself would turn every Path into a
    # WindowsPath and stop pytest when an assertion fails)
    import types

    monkeypatch.setattr(xl, "os", types.SimpleNamespace(name="nt", environ=os.environ))
    mine = "LKj Bidang Politik.xlsx"
    assert xl.in_protected_view(_com_book(mine, [])) is False
    # another attachment still in Protected View: Hitung works on the enabled workbook
    assert xl.in_protected_view(_com_book(mine, ["Undangan rapat.xlsx"])) is False
    assert xl.in_protected_view(_com_book(mine, ["Undangan rapat.xlsx", mine.upper()])) is True


def test_grid_is_anchored_at_a1(caller) -> None:
    values = [["", "", ""], ["", "", ""], ["", "Kode", 5.0], ["", "X", 7.0]]
    book = caller(one_sheet_payload("S", values, "B3:C4"))
    grid = xl.read_grid(book.sheets["S"])
    assert grid[2][1] == "Kode" and grid[3][2] == 7.0 and grid[0] == [] and grid[2][0] is None


def test_text_stays_text_formulas_only_in_formula_columns() -> None:
    from lkj_excel.core.sheets import Block

    b = Block(5, 1, [[1, "=cmd|' /C calc'!A0", "+62", "1.1", '=HYPERLINK("#A1","Buka")']],
              formula_cols=(4,))
    assert xl.block_values(b) == [[1, "'=cmd|' /C calc'!A0", "'+62", "'1.1",
                                   '=HYPERLINK("#A1","Buka")']]


def test_run_tag_accepts_only_known_tags(monkeypatch) -> None:
    called = []
    monkeypatch.setitem(xl._TAGS, "Hitung", lambda: called.append("Hitung"))
    xl.run_tag("Hitung")
    assert called == ["Hitung"]
    for bad in ("hitung; import os", "__import__('os')", "", "Main"):
        with pytest.raises(ValueError, match="Tombol tidak dikenal"):
            xl.run_tag(bad)
    assert set(xl._TAGS) == set(xl.KNOWN_TAGS)


# ---------------------------------------------------------------------------
# Bulk rule: calls into Excel grow with sheets, not cells
# ---------------------------------------------------------------------------

def test_calls_grow_with_sheets_not_cells(caller, count_reads, tmp_path: Path) -> None:
    from lkj_excel.core.read import needed_sheets
    from lkj_excel.files.template import write_workbook
    from tests.kit.typical import typical_data

    counts = []
    for n in (1, 10):
        path = write_workbook(tmp_path / f"w{n}.xlsx",
                              typical_data(n_ind=5 * n, n_kej=50 * n, n_lra=20 * n))
        payload = payload_from_xlsx(path)
        cells = sum(1 for s in payload["sheets"] for r in s["values"] for v in r if v != "")
        count_reads["reads"] = 0
        _book, actions = run_main(caller, payload)
        writes = sum(1 for a in actions if a["func"] == "setValues")
        marks = sum(1 for a in actions if a["func"] == "setRangeColors")
        sheets = len(needed_sheets([s["name"] for s in payload["sheets"]]))
        counts.append((cells, count_reads["reads"], writes, marks, sheets))
        del xw.Book._mock_caller
    (c1, r1, w1, m1, s1), (c10, r10, w10, m10, s10) = counts
    assert c10 > 5 * c1, (c1, c10)  # the big workbook really is bigger
    assert r1 == r10 == s1 == s10  # one read per needed sheet
    assert w1 == w10  # one write per output block (+ the record sheet)
    assert m10 <= s10 and m1 <= s1  # at most one colour call per sheet here


def test_validasi_of_many_findings_is_coloured_in_chunks(caller) -> None:
    """Thousands of findings: the Tingkat fills go out in calls of at most xlwings' 10,000
    cells (one call over 7 columns x 1,500 rows would be refused), every one still set."""
    from lkj_excel.core.sheets import Block
    from lkj_excel.core.temuan import KESALAHAN, PERINGATAN

    n = 3000
    levels = [KESALAHAN if i % 3 else PERINGATAN for i in range(n)]
    block = Block(5, 1, [[i + 1, lv, "kode", "PK", f"A{i + 4}", "pesan", ""]
                         for i, lv in enumerate(levels)],
                  fills=tuple((None, xl.MARK_COLORS[lv], None, None, None, None, None)
                              for lv in levels))
    book = caller(one_sheet_payload("Validasi", [["x"]], "A1:A1"))
    xl.write_blocks(book.sheets["Validasi"], [block])
    actions = book.json()["actions"]
    calls = [a for a in actions if a["func"] == "setRangeColors"]
    assert calls and all(len(a["args"][0]) * len(a["args"][0][0]) <= 10_000 for a in calls)
    got = colors(actions, 0)
    assert len(got) == n
    assert got[(5, 2)] == xl.MARK_COLORS[PERINGATAN].lower()
    assert got[(6, 2)] == xl.MARK_COLORS[KESALAHAN].lower()
