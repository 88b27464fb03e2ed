"""The Excel button (xlwings RunPython): compute and validate the workbook the user is looking at.

``main()`` is what the add-in's "Hitung" button runs (``import lkj_excel; lkj_excel.main()``).
It works through xlwings' classic, BSD-licensed API only, so it runs the same on the
desktop engines (Windows COM, macOS) and on the remote engine that the tests use.

Rules kept here:
- bulk: one range read per needed sheet, one range write per output block (the number of
  calls into Excel grows with the number of sheets, not cells). Marks (fill colours of the
  cells that have findings) are one ``set_colors`` call per sheet and row chunk;
- values only: no formula or colour reads are needed to compute (the remote engine cannot
  read them synchronously). Original fills of marked cells are read only where the engine
  can (``_read_fill``) and restored on the next run;
- nothing a person typed is changed: only ``Ringkasan`` and ``Validasi`` are written (as the
  contract says), plus the fill colour of cells that have findings. Which cells were marked,
  and their fill before, is recorded in ``Validasi`` itself (a block right of the findings,
  from column J), so the next run restores exactly those. Sheets named ``*.conf`` are never
  created or copied; a workbook carrying one is flagged.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.cells import col_index, split_ref
from lkj_excel.core.model import norm
from lkj_excel.core.temuan import KESALAHAN, TINGKAT_COLORS, Temuan

#: where the button records which cells it marked (and their fill before): a block in the
#: engine's own Validasi sheet, header at (MARK_ROW, MARK_COL)
MARK_SHEET = schema.VALIDASI_SHEET
MARK_ROW, MARK_COL = 4, 10
MARK_TITLE = "Sel yang diberi warna oleh tombol Hitung (dipakai untuk memulihkannya; jangan diubah)"
MARK_HEADER = ("Lembar", "Sel", "Warna Asal", "Tingkat")
#: fill colours of marked cells (hex, as both engines accept)
MARK_COLORS = TINGKAT_COLORS
HEADER_COLOR = "#1F4E78"
#: tags the add-in may pass to ``run_tag`` (see macros/RibbonLKj.bas)
KNOWN_TAGS = ("Hitung", "Periksa", "Laporan")
#: set_colors accepts at most this many cells per call
_MAX_COLOR_CELLS = 10_000
TITLE = "LKj"


# ---------------------------------------------------------------------------
# Adapters: what differs between engines lives here (one function each)
# ---------------------------------------------------------------------------

def in_protected_view(book: Any) -> bool:
    """True when the caller's own window is in Protected View (Tampilan Terproteksi).

    Windows (COM): a file opened from email or the internet is shown in a
    ``ProtectedViewWindow``, which is not a workbook. Only a Protected View window showing
    the caller's own file counts: ``Application.ActiveProtectedViewWindow`` is set whenever
    ANY such window is open (Microsoft: "returns Nothing if there are no Protected View
    windows open"), so another attachment still in Protected View must not stop Hitung on
    an enabled workbook. (With only a Protected View window in front, the add-in's VBA has
    no ``ActiveWorkbook`` and never starts Python: that case is the optional VBA edit in
    ``macros/RunMain-periksa-dulu.bas``.) macOS has no Protected View; the remote/JSON
    engine (Office.js, tests) cannot tell: an Office add-in does not run in Protected View.
    """
    engine = getattr(book.app.engine, "name", "")
    if engine != "excel" or not os.name == "nt":
        return False
    try:
        windows = book.app.api.ProtectedViewWindows
        count = int(windows.Count)
        if not count:
            return False
        mine = norm(book.name).casefold()
        for i in range(1, count + 1):
            if norm(str(windows.Item(i).SourceName)).casefold() == mine:
                return True
    except Exception:  # older Excel without the property, or COM hiccup
        return False
    return False


def addin_version(book: Any) -> str | None:
    """The xlwings version recorded in the add-in that called (its config sheet), or None.

    Windows (COM) only: the installed add-in is reachable by name although it is hidden.
    Elsewhere None (the remote engine compares the client's version itself).
    """
    from lkj_excel.files.addin import ADDIN_NAME, CONF_SHEET, VERSION_KEY

    engine = getattr(book.app.engine, "name", "")
    if engine != "excel" or not os.name == "nt":
        return None
    try:
        rows = book.app.api.Workbooks(ADDIN_NAME).Worksheets(CONF_SHEET).Range(
            "A1:B60").Value
    except Exception:  # the add-in is not installed under that name, or COM hiccup
        return None
    for row in rows or ():
        if row and isinstance(row[0], str) and row[0].strip().upper() == VERSION_KEY:
            return str(row[1]).strip() if row[1] not in (None, "") else None
    return None


def _read_fill(rng: Any) -> str | None:
    """The direct fill colour of one cell as "#RRGGBB", or None (none, or unreadable).

    Desktop engines read it; the remote engine cannot read colours synchronously, so the
    original fill is unknown there and restoring a mark clears the fill.
    """
    try:
        color = rng.color
    except (NotImplementedError, Exception):
        return None
    if color is None:
        return None
    if isinstance(color, tuple):
        return "#{:02X}{:02X}{:02X}".format(*color[:3])
    return str(color)


def alert(book: Any, pesan: str, judul: str = TITLE) -> None:
    """A message box in Excel (``App.alert``); printed when the engine has none."""
    try:
        book.app.alert(pesan, title=judul)
    except Exception:
        print(f"{judul}: {pesan}")


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def missing_required(sheet_names: Sequence[str]) -> list[str]:
    have = {norm(n) for n in sheet_names}
    return [n for n in schema.REQUIRED_SHEETS if norm(n) not in have]


def read_grid(sheet: Any) -> list[list[Any]]:
    """The sheet's used range as a grid anchored at A1: ONE range read.

    Excel's UsedRange may start below/right of A1 (empty first rows or columns): the grid
    is padded so that grid[r][c] is cell (r + 1, c + 1), as the reader expects.
    """
    used = sheet.used_range
    values = used.options(ndim=2, err_to_str=True).value
    grid = [list(row) for row in values or []]
    r0, c0 = used.row, used.column
    if c0 > 1:
        grid = [[None] * (c0 - 1) + row for row in grid]
    if r0 > 1:
        grid = [[] for _ in range(r0 - 1)] + grid
    return grid


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def as_excel_text(value: Any) -> Any:
    """Text that Excel must keep as text: prefixed with ``'`` (not part of the value).

    Every string gets the prefix, not only those starting with = + - @: Excel would also
    turn codes such as "1.1" or "01" into numbers or dates.
    """
    if isinstance(value, str) and value:
        return "'" + value
    return value


def block_values(block: Any) -> list[list[Any]]:
    """A block's rows ready for one xlwings write (rectangular; person text stays text)."""
    width = max((len(r) for r in block.rows), default=0)
    out = []
    for row in block.rows:
        cells = [value if j in block.formula_cols else as_excel_text(value)
                 for j, value in enumerate(row)]
        out.append(cells + [None] * (width - len(cells)))
    return out


def _sheet(book: Any, name: str, create: bool = True) -> Any:
    for sh in book.sheets:
        if norm(sh.name) == norm(name):
            return sh
    if not create:
        return None
    if schema.is_conf_sheet(name):  # never: xlwings would read it as configuration
        raise ValueError(name)
    return book.sheets.add(name=name, after=book.sheets[len(book.sheets) - 1])


def write_blocks(sheet: Any, blocks: Iterable[Any]) -> None:
    """Clear the engine's sheet, then one write per block; headers coloured, titles bold,
    the block's number formats (one call per formatted column) and fills (one call)."""
    sheet.clear()
    for b in blocks:
        values = block_values(b)
        if not values or not values[0]:
            continue
        rng = sheet.range((b.row, b.col)).resize(len(values), len(values[0]))
        rng.value = values
        if b.kind == "header":
            rng.color = HEADER_COLOR
            _font(rng, bold=True, color="#FFFFFF")
        elif b.kind in ("title", "total"):
            _font(rng, bold=True)
        j = 0
        while j < len(b.formats):  # one call per run of columns sharing a format
            k = j
            while k + 1 < len(b.formats) and b.formats[k + 1] == b.formats[j]:
                k += 1
            if b.formats[j]:
                sheet.range((b.row, b.col + j)).resize(len(values), k - j + 1).number_format = (
                    b.formats[j])
            j = k + 1
        cells = {(b.row + i, b.col + j): c for i, row in enumerate(b.fills)
                 for j, c in enumerate(row) if c}
        if cells:  # in chunks: xlwings takes at most 10,000 cells per call
            _paint_cells(sheet, cells)
        if b.kind not in ("title", "header"):
            _align_top(rng)


def _align_top(rng: Any) -> None:
    """Top alignment (tall rows of wrapped text): where the engine can set it."""
    try:
        rng.vertical_alignment = "top"
    except Exception:  # the remote engine sets alignment only for Office.js clients
        pass


def _font(rng: Any, bold: bool = False, color: str | None = None) -> None:
    try:
        rng.font.bold = bold
        if color:
            rng.font.color = color
    except (NotImplementedError, AttributeError):
        pass


# ---------------------------------------------------------------------------
# Marks: fill colours of cells with findings, recorded in a hidden sheet
# ---------------------------------------------------------------------------

def _cell_pos(a1: str) -> tuple[int, int] | None:
    col, row = split_ref(a1) if a1 else ("", 0)
    if not col or row < 1:
        return None
    return row, col_index(col) + 1


def marks_of(temuan: Sequence[Temuan], sheet_names: Sequence[str]) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> level of the cells to mark: findings on a person's sheet with a cell."""
    engine_own = {norm(n) for n in schema.ENGINE_SHEETS}
    by_norm = {norm(n): n for n in sheet_names}
    out: dict[tuple[str, str], str] = {}
    for f in temuan:
        name = by_norm.get(norm(f.lembar))
        if name is None or norm(name) in engine_own or schema.is_conf_sheet(name):
            continue
        if _cell_pos(f.sel) is None:
            continue
        key = (name, f.sel.replace("$", "").upper())
        if out.get(key) != KESALAHAN:
            out[key] = f.tingkat
    return out


def read_record(book: Any) -> list[tuple[str, str, str | None]]:
    """(sheet, cell, original fill) of the cells marked by the previous run."""
    sh = _sheet(book, MARK_SHEET, create=False)
    if sh is None:
        return []
    out = []
    c0 = MARK_COL - 1
    for row in read_grid(sh)[MARK_ROW:]:
        row = list(row[c0:c0 + 3]) + [None] * 3
        if isinstance(row[0], str) and isinstance(row[1], str) and _cell_pos(row[1]):
            fill = row[2] if isinstance(row[2], str) and row[2].startswith("#") else None
            out.append((row[0], row[1], fill))
    return out


def paint(book: Any, fills: dict[tuple[str, str], str | None]) -> int:
    """Set fills per (sheet, cell): one ``set_colors`` per sheet (and row chunk).

    Cells not in ``fills`` keep their fill (``...``). Returns the number of calls.
    """
    calls = 0
    per_sheet: dict[str, dict[tuple[int, int], str | None]] = {}
    for (name, a1), color in fills.items():
        pos = _cell_pos(a1)
        if pos is not None:
            per_sheet.setdefault(name, {})[pos] = color
    for name, cells in per_sheet.items():
        sh = _sheet(book, name, create=False)
        if sh is None or schema.is_conf_sheet(sh.name):
            continue
        calls += _paint_cells(sh, cells)
    return calls


def _paint_cells(sh: Any, cells: dict[tuple[int, int], str | None]) -> int:
    """Fills per (row, col) of one sheet (1-based): ``set_colors`` over the cells' bounding
    columns, in row chunks of at most ``_MAX_COLOR_CELLS`` cells (xlwings' limit per call);
    cells not in ``cells`` keep their fill. Returns the number of calls."""
    calls = 0
    r1 = min(r for r, _ in cells)
    r2 = max(r for r, _ in cells)
    c1 = min(c for _, c in cells)
    c2 = max(c for _, c in cells)
    ncols = c2 - c1 + 1
    step = max(1, _MAX_COLOR_CELLS // ncols)
    for top in range(r1, r2 + 1, step):
        bottom = min(r2, top + step - 1)
        if not any(top <= r <= bottom for r, _ in cells):
            continue
        matrix = [[cells.get((r, c), ...) for c in range(c1, c2 + 1)]
                  for r in range(top, bottom + 1)]
        sh.range((top, c1), (bottom, c2)).set_colors(matrix)
        calls += 1
    return calls


def update_marks(book: Any, temuan: Sequence[Temuan], sheet_names: Sequence[str],
                 recorded: Sequence[tuple[str, str, str | None]] | None = None) -> int:
    """Restore last run's marks, mark this run's cells, write the record. Marks made.

    ``recorded`` is last run's record, read before Validasi was rewritten.
    """
    if recorded is None:
        recorded = read_record(book)
    previous = {(s, c): fill for s, c, fill in recorded}
    marks = marks_of(temuan, sheet_names)
    originals: dict[tuple[str, str], str | None] = {}
    for key in marks:
        if key in previous:
            originals[key] = previous[key]  # still marked: its fill before our first mark
        else:
            sh = _sheet(book, key[0], create=False)
            pos = _cell_pos(key[1])
            originals[key] = _read_fill(sh.range(pos)) if sh is not None and pos else None
    fills: dict[tuple[str, str], str | None] = {
        key: fill for key, fill in previous.items() if key not in marks}
    fills.update({key: MARK_COLORS.get(level, MARK_COLORS[KESALAHAN])
                  for key, level in marks.items()})
    if fills:
        paint(book, fills)
    if marks:
        record = _sheet(book, MARK_SHEET)
        rows: list[list[Any]] = [[as_excel_text(MARK_TITLE), None, None, None],
                                 list(MARK_HEADER)]
        rows += [[as_excel_text(s), as_excel_text(c), as_excel_text(originals[(s, c)]),
                  lvl] for (s, c), lvl in marks.items()]
        record.range((MARK_ROW - 1, MARK_COL)).resize(len(rows), len(MARK_HEADER)).value = rows
    return len(marks)


# ---------------------------------------------------------------------------
# The button
# ---------------------------------------------------------------------------

def compute_book(book: Any) -> Any:
    """Compute, validate and write into an open xlwings book; the ``Checked`` or None."""
    import xlwings

    from lkj_excel.core.engine import check_grids
    from lkj_excel.core.read import needed_sheets
    from lkj_excel.core.sheets import landing_sheet, ringkasan_blocks, validasi_blocks
    from lkj_excel.files.addin import version_problem

    problem = version_problem(xlwings.__version__, addin_version(book))
    if problem:
        alert(book, problem + " Tidak ada yang ditulis ke buku kerja.")
        return None
    if in_protected_view(book):
        alert(book, "Buku kerja ini masih dalam Tampilan Terproteksi (Protected View), jadi "
              "belum dapat diubah. Klik tombol \"Aktifkan Pengeditan\" (Enable Editing) pada "
              "bilah kuning di atas lembar, lalu klik Hitung lagi.")
        return None
    names = [sh.name for sh in book.sheets]
    missing = missing_required(names)
    if missing:
        alert(book, f"Buku kerja \"{book.name}\" bukan buku kerja LKj: lembar "
              f"{', '.join(missing)} tidak ada. Klik dulu jendela buku kerja LKj Anda (buku kerja "
              "yang dikirim sekretariat, atau templat kosong dari petugas TI atau perintah "
              "lkj template), lalu klik Hitung lagi.")
        return None
    grids = {}
    for name in needed_sheets(names):
        grids[name] = read_grid(book.sheets[name])
    p = check_grids(grids, names, source=book.name)
    recorded = read_record(book)  # before Validasi is rewritten
    for name, blocks in ((schema.RINGKASAN_SHEET, ringkasan_blocks(p)),
                         (schema.VALIDASI_SHEET, validasi_blocks(p))):
        write_blocks(_sheet(book, name), blocks)
    update_marks(book, p.temuan, names, recorded)
    _sheet(book, landing_sheet(p)).activate()
    conf = [n for n in names if schema.is_conf_sheet(n)]
    if conf:
        alert(book, f"Peringatan keamanan: buku kerja ini memuat lembar {', '.join(conf)}, "
              "lembar konfigurasi xlwings yang dapat membuat add-in menjalankan program lain. "
              "Hapus lembar itu, simpan, tutup lalu buka lagi buku kerja ini sebelum memakai "
              "tombol Hitung. Lihat lembar Validasi.")
    return p


def main() -> None:
    """The "Hitung" button: acts on the workbook the user is looking at."""
    import xlwings as xw

    book = xw.Book.caller()
    try:
        compute_book(book)
    except Exception as exc:  # the user sees a message box, never a traceback
        if os.environ.get("LKJ_DEBUG"):
            raise
        alert(book, f"Terjadi kesalahan tak terduga: {type(exc).__name__}: {exc}. Simpan "
              "buku kerja, lalu laporkan pesan ini ke pengelola lkj-excel.")


def periksa() -> None:
    """"Periksa": the same as Hitung (the button writes Ringkasan and Validasi)."""
    main()


def laporan() -> None:
    import xlwings as xw

    book = xw.Book.caller()
    alert(book, "Laporan disusun dari Command Prompt: lkj laporan \"" + book.name
          + "\" --out FOLDER. Simpan buku kerja dulu.")


_TAGS = {"Hitung": main, "Periksa": periksa, "Laporan": laporan}


def run_tag(tag: str) -> None:
    """Dispatcher for the optional ``RunTag`` ribbon callback: accepts only known tags."""
    fn = _TAGS.get(str(tag).strip())
    if fn is None:
        raise ValueError(f"Tombol tidak dikenal: {tag!r}. Tombol yang dikenal: "
                         f"{', '.join(KNOWN_TAGS)}.")
    fn()
