"""Read a workbook into the model, following the contract's reading rules.

The core works on grids (lists of rows of Python values, origin A1), so every source
feeds it the same way: python-calamine for files (fast path), xlwings' ``Range.value``
inside Excel. Every value keeps its cell; what cannot be read becomes a finding.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.cells import col_letter, ref
from lkj_excel.core.temuan import PERINGATAN, Temuan, new_temuan
from lkj_excel.core.model import CellRefs, Row, Settings, WorkbookData, norm
from lkj_excel.core.numbers import ParseError, parse_date, parse_number

Grid = Sequence[Sequence[Any]]
HEADER_SEARCH_ROWS = 10
_INF = float("inf")
NUMBER_KINDS = frozenset(("number", "money", "int", "year"))


class WorkbookError(Exception):
    """A file that cannot be read at all (exit code 2). ``pesan`` is Indonesian."""

    def __init__(self, pesan: str, berkas: str = "") -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.berkas = berkas


@dataclass
class ReadResult:
    data: WorkbookData
    temuan: list[Temuan] = field(default_factory=list)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()


def convert(value: Any, kind: str, choices: tuple[str, ...] = ()) -> Any:
    """One cell value to the column's kind; raises ``ParseError`` with an Indonesian message."""
    if is_empty(value):
        return None
    if kind == "text":
        return value.strip() if type(value) is str else _text(value)
    if kind == "code":
        if isinstance(value, float) and not value.is_integer():
            return repr(value)
        return _text(value)
    if kind in ("number", "money"):
        return parse_number(value)
    if kind in ("int", "year"):
        d = parse_number(value)
        if d is None:
            return None
        if d != d.to_integral_value():
            raise ParseError(f"Nilai {d} harus bilangan bulat.")
        return int(d)
    if kind == "date":
        return parse_date(value)
    if kind == "choice":
        text = _text(value)
        if text in choices:
            return text
        for choice in choices:
            if norm(choice) == norm(text):
                return choice
        raise ParseError(
            f"\"{text}\" bukan pilihan yang dikenal. Pilih salah satu: {', '.join(choices)}."
        )
    raise ValueError(kind)  # pragma: no cover


def converter(kind: str, choices: tuple[str, ...] = ()) -> Callable[[Any], Any]:
    """``convert`` specialised for one column (for a non-empty value), chosen once."""
    if kind in ("text", "code"):
        return lambda v: (v.strip() or None) if type(v) is str else convert(v, kind)
    if kind in ("number", "money"):
        return lambda v: Decimal(repr(v)) if type(v) is float and v == v and \
            v not in (_INF, -_INF) else parse_number(v)
    if kind in ("int", "year"):
        return lambda v: int(v) if type(v) is float and v.is_integer() else convert(v, kind)
    if kind == "choice":
        exact = set(choices)

        def choice(v: Any) -> Any:
            if type(v) is str and v in exact:
                return v
            return convert(v, kind, choices)

        return choice
    return lambda v: convert(v, kind, choices)


def find_header(grid: Grid, label: str, max_rows: int = HEADER_SEARCH_ROWS
                ) -> tuple[int, int] | None:
    """(row, col) of the first cell within the first rows that holds ``label``."""
    want = norm(label)
    for r, row in enumerate(grid[:max_rows]):
        for c, value in enumerate(row):
            if norm(value) == want:
                return r, c
    return None


def _row_empty(row: Sequence[Any], cols: Sequence[int]) -> bool:
    return all(c >= len(row) or is_empty(row[c]) for c in cols)


def read_table(grid: Grid, sheet: schema.Sheet, berkas: str = ""
               ) -> tuple[list[Row], list[Temuan], int, dict[str, str]]:
    """Rows of one data sheet; (rows, findings, header row 1-based, column letters)."""
    found: list[Temuan] = []
    pos = find_header(grid, sheet.first_label)
    if pos is None:
        found.append(new_temuan(
            "kolom-hilang", sheet.name, "A1",
            f"Judul kolom \"{sheet.first_label}\" tidak ditemukan di 10 baris pertama lembar "
            f"{sheet.name}. Tulis judul kolom persis seperti di templat.", berkas))
        return [], found, 0, {}
    hr, _ = pos
    header = grid[hr]
    colmap: dict[str, int] = {}
    labels = {norm(v): c for c, v in reversed(list(enumerate(header))) if not is_empty(v)}
    for col in sheet.columns:
        c = labels.get(norm(col.label))
        if c is None:
            if col.contract:
                found.append(new_temuan(
                    "kolom-hilang", sheet.name, ref(hr, 0),
                    f"Kolom \"{col.label}\" tidak ditemukan di baris judul (baris {hr + 1}) "
                    f"lembar {sheet.name}. Tambahkan kolom dengan judul persis \"{col.label}\".",
                    berkas))
            continue
        colmap[col.key] = c
    input_cols = [colmap[c.key] for c in sheet.input_columns if c.key in colmap]
    # the per-column plan, computed once per sheet (this loop is the engine's hot path)
    plan = [(col, colmap[col.key], col_letter(colmap[col.key]), converter(col.kind, col.choices))
            for col in sheet.columns if col.key in colmap]
    letters_by_key = {col.key: letter for col, _, letter, _ in plan}
    max_text = schema.LIMITS.max_text_chars
    rows: list[Row] = []
    limit = schema.LIMITS.max_rows_per_sheet
    for r in range(hr + 1, len(grid)):
        raw = grid[r]
        width = len(raw)
        for c in input_cols:
            if c < width:
                v = raw[c]
                if v is not None and v != "" and (type(v) is not str or v.strip()):
                    break
        else:
            continue  # a fully empty row: skipped, not the end of the data
        if len(rows) >= limit:
            found.append(new_temuan(
                "sel-tidak-terbaca", sheet.name, ref(r, 0),
                f"Lembar {sheet.name} memiliki lebih dari {limit} baris data; sisanya tidak "
                "dibaca. Pecah data menjadi beberapa buku kerja.", berkas))
            break
        rs = str(r + 1)
        cells = CellRefs(letters_by_key, r + 1)
        values: dict[str, Any] = {}
        computed: dict[str, Any] = {}
        text_numbers: list[str] = []
        for col, c, letter, conv in plan:
            value = raw[c] if c < width else None
            if col.computed:
                if not is_empty(value):
                    computed[col.key] = value
                continue
            if value is None or value == "":
                values[col.key] = None
                continue
            if isinstance(value, str) and len(value) > max_text:
                found.append(new_temuan(
                    "teks-terlalu-panjang", sheet.name, letter + rs,
                    f"Teks di sel ini {len(value)} karakter, melebihi batas "
                    f"{max_text}. Persingkat isinya.", berkas))
                value = value[:max_text]
            try:
                values[col.key] = conv(value)
                if type(value) is str and col.kind in NUMBER_KINDS \
                        and values[col.key] is not None:
                    text_numbers.append(col.key)
            except ParseError as exc:
                code = "pilihan-tidak-dikenal" if col.kind == "choice" else "sel-tidak-terbaca"
                found.append(new_temuan(code, sheet.name, letter + rs,
                                        f"Kolom {col.label}: {exc.pesan}", berkas))
                values[col.key] = None
        rows.append(Row(sheet.name, r + 1, values, cells, computed,
                        frozenset(text_numbers) if text_numbers else frozenset()))
    letters = {k: col_letter(c) for k, c in colmap.items()}
    return rows, found, hr + 1, letters


def read_profil(grid: Grid, berkas: str = ""
                ) -> tuple[dict[str, Any], dict[str, str], list[Temuan]]:
    found: list[Temuan] = []
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    pos = find_header(grid, schema.PROFIL_HEADER[0])
    start, lc = (pos[0] + 1, pos[1]) if pos else (0, 0)
    for r in range(start, len(grid)):
        row = grid[r]
        if lc >= len(row) or is_empty(row[lc]):
            continue
        fld = schema.PROFIL_BY_LABEL.get(norm(row[lc]))
        if fld is None or fld.key in values:
            continue
        a1 = ref(r, lc + 1)
        cells[fld.key] = a1
        value = row[lc + 1] if lc + 1 < len(row) else None
        try:
            values[fld.key] = convert(value, fld.kind)
        except ParseError as exc:
            found.append(new_temuan("sel-tidak-terbaca", schema.PROFIL_SHEET, a1,
                                    f"Isian {fld.label}: {exc.pesan}", berkas))
            values[fld.key] = None
    for fld in schema.PROFIL_FIELDS:
        if fld.required and values.get(fld.key) is None:
            a1 = cells.get(fld.key, "A1")
            where = "" if fld.key in cells else " (baris isian ini tidak ada; tambahkan)"
            found.append(new_temuan(
                "profil-kosong", schema.PROFIL_SHEET, a1,
                f"Isian \"{fld.label}\" di lembar Profil kosong{where}. Isi nilainya di kolom "
                "Nilai.", berkas))
    return values, cells, found


def read_settings(grid: Grid, berkas: str = "") -> tuple[Settings, list[Temuan]]:
    st = Settings()
    found: list[Temuan] = []
    sheet = schema.PENGATURAN_SHEET
    seen: set[str] = set()
    for r, row in enumerate(grid):
        for c, v in enumerate(row[:3]):
            s = schema.SETTINGS_BY_LABEL.get(norm(v)) if isinstance(v, str) else None
            if s is None or s.key in seen:
                continue
            seen.add(s.key)
            a1 = ref(r, c + 1)
            st.cells[s.key] = a1
            value = row[c + 1] if c + 1 < len(row) else None
            try:
                parsed = convert(value, s.kind, s.choices)
            except ParseError as exc:
                found.append(new_temuan("pengaturan-tidak-sah", sheet, a1,
                                        f"{s.label}: {exc.pesan}", berkas))
                continue
            if s.key == "desimal":
                if parsed is None:
                    parsed = 0
                if not 0 <= parsed <= 6:
                    found.append(new_temuan("pengaturan-tidak-sah", sheet, a1,
                                            "Desimal harus antara 0 dan 6.", berkas))
                    continue
            if parsed is None and s.key == "rumus_negatif":
                continue
            setattr(st, s.key, parsed)
    pos = find_header(grid, schema.SKALA_HEADER[0], max_rows=60)
    if pos is not None:
        hr, bc = pos
        header = grid[hr]
        pc = next((c for c in range(bc + 1, len(header))
                   if norm(header[c]) == norm(schema.SKALA_HEADER[1])), None)
        if pc is None:
            found.append(new_temuan(
                "skala-predikat", sheet, ref(hr, bc + 1),
                "Kolom \"Predikat\" tidak ditemukan di sebelah kanan \"Batas Bawah\".", berkas))
        else:
            st.skala_cell = ref(hr, bc)
            skala: list[tuple[Decimal, str]] = []
            for r in range(hr + 1, len(grid)):
                row = grid[r]
                b = row[bc] if bc < len(row) else None
                p = row[pc] if pc < len(row) else None
                if is_empty(b) and is_empty(p):
                    break
                try:
                    bb = parse_number(b)
                except ParseError as exc:
                    found.append(new_temuan("skala-predikat", sheet, ref(r, bc),
                                            f"Batas Bawah: {exc.pesan}", berkas))
                    continue
                if bb is None or is_empty(p):
                    found.append(new_temuan(
                        "skala-predikat", sheet, ref(r, bc),
                        "Baris skala predikat harus berisi Batas Bawah dan Predikat.", berkas))
                    continue
                skala.append((bb, _text(p)))
            if skala:
                bounds = [b for b, _ in skala]
                if len(set(bounds)) != len(bounds):
                    found.append(new_temuan(
                        "skala-predikat", sheet, st.skala_cell,
                        "Ada Batas Bawah yang sama di skala predikat; setiap batas harus "
                        "berbeda.", berkas))
                st.skala = sorted(skala, key=lambda t: t[0], reverse=True)
            else:
                found.append(new_temuan(
                    "skala-predikat", sheet, st.skala_cell,
                    "Skala predikat kosong; dipakai skala standar. Isi tabel Batas Bawah "
                    "dan Predikat.", berkas, tingkat=PERINGATAN))
    return st, found


def read_meta(grid: Grid) -> dict[str, Any]:
    out: dict[str, Any] = {}
    by_label = {norm(f.label): f for f in schema.META_FIELDS}
    for row in grid:
        if len(row) < 2 or is_empty(row[0]):
            continue
        fld = by_label.get(norm(row[0]))
        if fld is None:
            continue
        try:
            out[fld.key] = convert(row[1], fld.kind)
        except ParseError:
            out[fld.key] = _text(row[1]) if not is_empty(row[1]) else None
    return out


def needed_sheets(sheet_names: Sequence[str]) -> list[str]:
    """Sheets the reader reads (by exact name, falling back to case-insensitive)."""
    wanted = {schema.PROFIL_SHEET, schema.PENGATURAN_SHEET, schema.META_SHEET,
              *schema.SHEETS_BY_NAME}
    wanted_norm = {norm(w) for w in wanted}
    return [n for n in sheet_names if norm(n) in wanted_norm]


def read_grids(grids: Mapping[str, Grid], sheet_names: Sequence[str], source: str = ""
               ) -> ReadResult:
    """The model from grids by sheet name (origin A1)."""
    berkas = source
    by_norm = {norm(n): n for n in sheet_names}
    data = WorkbookData(source=source, sheet_names=list(sheet_names))
    found: list[Temuan] = []

    for name in sheet_names:
        if schema.is_conf_sheet(name):
            found.append(new_temuan(
                "lembar-konfigurasi", name, "A1",
                f"Buku kerja memuat lembar \"{name}\", lembar konfigurasi xlwings yang dapat "
                "membuat add-in Excel menjalankan program lain. Hapus lembar ini sebelum "
                "dipakai; jangan buka add-in pada buku kerja ini sampai lembar dihapus.",
                berkas))

    def grid_of(name: str) -> Grid | None:
        actual = by_norm.get(norm(name))
        return grids.get(actual) if actual is not None else None

    for name in schema.REQUIRED_SHEETS:
        if grid_of(name) is None:
            found.append(new_temuan(
                "lembar-hilang", name, "",
                f"Lembar \"{name}\" tidak ada. Buku kerja harus memakai templat LKj "
                "(workbooks/template_lkj.xlsx); tambahkan lembar dengan nama persis "
                f"\"{name}\".", berkas))

    g = grid_of(schema.PROFIL_SHEET)
    if g is not None:
        data.profil, data.profil_cells, f = read_profil(g, berkas)
        found += f
    g = grid_of(schema.META_SHEET)
    if g is not None:
        data.meta = read_meta(g)
    g = grid_of(schema.PENGATURAN_SHEET)
    if g is not None:
        data.settings, f = read_settings(g, berkas)
        found += f
    for sheet in schema.DATA_SHEETS:
        g = grid_of(sheet.name)
        if g is None:
            if sheet.name not in schema.REQUIRED_SHEETS:
                found.append(new_temuan(
                    "lembar-hilang", sheet.name, "",
                    f"Lembar \"{sheet.name}\" tidak ada; dianggap kosong. Tambahkan lembar "
                    "dari templat bila datanya ada.", berkas, tingkat=PERINGATAN))
            data.rows[sheet.name] = []
            continue
        rows, f, hr, letters = read_table(g, sheet, berkas)
        data.rows[sheet.name] = rows
        data.header_rows[sheet.name] = hr
        data.columns[sheet.name] = letters
        found += f
    return ReadResult(data, found)


def _is_fatal(exc: BaseException) -> bool:
    return isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)


def read_workbook(path: str | Path) -> ReadResult:
    """Read an .xlsx file (python-calamine). Raises ``WorkbookError`` if unreadable.

    ``safety.check_file`` vets the file first (kind, zip bomb, entities, extent); what its
    scan saw (hidden rows and columns, error values) and the merged cells become findings.
    """
    from lkj_excel.files.safety import check_file

    p = Path(path)
    insp = check_file(p)
    merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(p))
        try:
            names = list(wb.sheet_names)
            grids: dict[str, Grid] = {}
            for name in needed_sheets(names):
                sh = wb.get_sheet_by_name(name)
                grids[name] = sh.to_python(skip_empty_area=False)
                try:
                    merged[name] = list(sh.merged_cell_ranges or [])
                except Exception:  # merged ranges are a courtesy, never a reason to fail
                    merged[name] = []
        finally:
            wb.close()
    except WorkbookError:
        raise
    except BaseException as exc:  # calamine raises many kinds (and pyo3 panics)
        if _is_fatal(exc):
            raise
        detail = " ".join(str(exc).split())[:200]
        raise WorkbookError(
            f"Berkas tidak dapat dibaca sebagai buku kerja Excel (.xlsx): {detail}. Buka di "
            "Excel lalu simpan ulang sebagai Buku Kerja Excel (.xlsx).", p.name) from None
    res = read_grids(grids, names, p.name)
    res.temuan += scan_findings(res.data, insp, merged, p.name)
    return res


def _ranges(nums: Sequence[int]) -> str:
    """[3, 4, 5, 9] -> "3-5, 9" (at most 10 pieces)."""
    out: list[str] = []
    for n in sorted(set(nums)):
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)  # type: ignore[assignment]
        else:
            out.append((n, n))  # type: ignore[arg-type]
    text = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in out[:10])  # type: ignore[misc]
    return text + (", ..." if len(out) > 10 else "")


def data_sheet(name: str) -> schema.Sheet | None:
    """The schema's data sheet for a workbook sheet name (matched like every label)."""
    return schema.SHEETS_BY_NAME.get(name) or next(
        (s for s in schema.DATA_SHEETS if norm(s.name) == norm(name)), None)


def scan_findings(data: WorkbookData, insp: Any, merged: Mapping[str, Sequence[Any]],
                  berkas: str = "") -> list[Temuan]:
    """Findings from the pre-scan: hidden sheets/rows/columns, error values, merged cells."""
    from lkj_excel.core.cells import col_index, split_ref

    out: list[Temuan] = []
    for name, scan in insp.sheets.items():
        sheet = data_sheet(name)
        hr = data.header_rows.get(sheet.name, 0) if sheet else 0
        letters = data.columns.get(sheet.name, {}) if sheet else {}
        cols = {col_index(v): k for k, v in letters.items()}
        if scan.hidden and sheet is not None:
            out.append(new_temuan(
                "baris-tersembunyi", name, "",
                f"Lembar {name} disembunyikan; isinya tetap dibaca. Tampilkan lembar itu "
                "(klik kanan tab > Tampilkan) agar isinya dapat diperiksa.", berkas,
                tingkat=PERINGATAN))
        rows = [r for r in scan.hidden_rows if (r > hr if sheet else True)]
        if rows and (sheet is not None or norm(name) == norm(schema.PROFIL_SHEET)):
            out.append(new_temuan(
                "baris-tersembunyi", name, f"A{rows[0]}",
                f"Baris {_ranges(rows)} di lembar {name} disembunyikan; isinya tetap dibaca "
                "dan dihitung. Tampilkan baris itu (pilih baris, klik kanan > Tampilkan) dan "
                "hapus bila tidak dipakai.", berkas, tingkat=PERINGATAN))
        hcols = sorted({c for lo, hi in scan.hidden_cols for c in range(lo, hi + 1)
                        if c in cols}) if sheet else []
        if hcols:
            labels = ", ".join(f"{col_letter(c)} ({sheet.column(cols[c]).label})"  # type: ignore[union-attr]
                               for c in hcols[:8])
            out.append(new_temuan(
                "baris-tersembunyi", name, f"{col_letter(hcols[0])}{max(hr, 1)}",
                f"Kolom {labels} di lembar {name} disembunyikan; isinya tetap dibaca. "
                "Tampilkan kolom itu (pilih kolom, klik kanan > Tampilkan).", berkas,
                tingkat=PERINGATAN))
        for a1, value in scan.errors.items():
            col, row = split_ref(a1)
            if not col:
                continue
            if sheet is not None:
                key = cols.get(col_index(col))
                if row <= hr or key is None or sheet.column(key).computed:
                    continue  # outside the table, or recomputed by the engine anyway
                what = f"Kolom {sheet.column(key).label}: sel"
            elif norm(name) in (norm(schema.PROFIL_SHEET), norm(schema.PENGATURAN_SHEET)):
                what = "Sel"
            else:
                continue
            out.append(new_temuan(
                "sel-tidak-terbaca", name, a1,
                f"{what} berisi galat Excel {value} sehingga tidak ada nilai yang dapat dibaca. "
                "Perbaiki rumusnya atau ketik nilainya langsung.", berkas))
    for name, ranges in merged.items():
        sheet = data_sheet(name)
        if sheet is None:
            continue
        hr = data.header_rows.get(sheet.name, 0)
        if not hr:
            continue
        for rng in ranges:
            try:
                (r0, c0), (r1, c1) = rng
            except (TypeError, ValueError):
                continue
            if r1 + 1 <= hr:
                continue  # titles above the header may be merged
            a1 = f"{ref(r0, c0)}:{ref(r1, c1)}"
            out.append(new_temuan(
                "sel-gabung", name, ref(r0, c0),
                f"Sel {a1} di lembar {name} digabung (Merge) di area tabel; hanya sel pertama "
                "yang berisi nilai, baris lain terbaca kosong. Pisahkan gabungan sel (Beranda > "
                "Gabungkan & Tengahkan > Pisahkan Sel) lalu isi setiap baris.", berkas,
                tingkat=PERINGATAN))
    return out
