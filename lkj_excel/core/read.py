"""Read grids into the model, following the contract's reading rules (pure).

A grid is a list of rows of Python values, origin A1, so every source feeds the core the
same way: python-calamine for files (``lkj_excel.files.read``), xlwings' ``Range.value``
inside Excel (``lkj_excel.xl``), the template's layout in memory (``core.layout``). Every
value keeps its cell; what cannot be read becomes a temuan.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.cells import col_letter, ref
from lkj_excel.core.model import CellRefs, Row, Settings, WorkbookData, norm
from lkj_excel.core.numbers import (
    ParseError,
    parse_date,
    parse_number,
    parse_number_or_category,
)
from lkj_excel.core.temuan import PERINGATAN, Temuan, new_temuan

Grid = Sequence[Sequence[Any]]
HEADER_SEARCH_ROWS = 10
_INF = float("inf")
NUMBER_KINDS = schema.NUMBER_KINDS


@dataclass
class ReadResult:
    data: WorkbookData
    temuan: list[Temuan] = field(default_factory=list)
    #: when the file was last saved (its document properties), if the adapter knows
    saved: _dt.datetime | None = None


@dataclass
class SheetFacts:
    """What a file adapter saw in one sheet besides the values (0-based rows and columns).

    The grids carry values only; these say what a value cannot: cells shown as a percent
    (a percent number format: 96% is stored as 0,96), formula cells without a computed
    value (a file written by a tool and never opened in a spreadsheet program), and the
    rows an Excel table defines as its Total Row (SUBTOTAL formulas, not data).
    """

    percent: set[tuple[int, int]] = field(default_factory=set)
    no_value: set[tuple[int, int]] = field(default_factory=set)
    total_rows: set[int] = field(default_factory=set)


NO_FACTS = SheetFacts()


def _no_value(sheet: str, a1: str, what: str, berkas: str) -> Temuan:
    return new_temuan(
        "rumus-tanpa-nilai", sheet, a1,
        f"{what}: sel berisi rumus tanpa nilai hasil hitungan (berkas ini ditulis program "
        "lain dan belum pernah dibuka dan disimpan di Excel), jadi nilainya tidak dapat "
        "dibaca. Buka berkas di Excel atau LibreOffice lalu simpan ulang, atau ketik "
        "nilainya langsung.", berkas)


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
    if kind == "number_or_category":
        return parse_number_or_category(value)
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
    if kind in ("number", "money", "number_or_category"):
        slow = parse_number_or_category if kind == "number_or_category" else parse_number
        return lambda v: Decimal(repr(v)) if type(v) is float and v == v and \
            v not in (_INF, -_INF) else slow(v)
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
    if not want:
        for r, row in enumerate(grid[:max_rows]):
            for c, value in enumerate(row):
                if norm(value) == want:  # (None is "")
                    return r, c
        return None
    # ``norm`` folds case one character at a time after dropping the leading white space,
    # so a cell can only match when its first other character folds to ``want``'s first:
    # the other cells (long texts and numbers above and beside the header) are not normed
    first = want[0]
    for r, row in enumerate(grid[:max_rows]):
        for c, value in enumerate(row):
            if value is None:
                continue
            head = (value if type(value) is str else str(value)).lstrip()[:1]
            if head and head.casefold()[0] == first and norm(value) == want:
                return r, c
    return None


def _row_empty(row: Sequence[Any], cols: Sequence[int]) -> bool:
    return all(c >= len(row) or is_empty(row[c]) for c in cols)


def read_table(grid: Grid, sheet: schema.Sheet, berkas: str = "",
               facts: SheetFacts = NO_FACTS
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
    pct, nv, totals = facts.percent, facts.no_value, facts.total_rows
    inputs = set(input_cols)
    nv_rows = {r for r, c in nv if c in inputs} if nv else set()
    for r in range(hr + 1, len(grid)):
        if totals and r in totals:
            continue  # an Excel table's Total Row: SUBTOTAL formulas, not data
        raw = grid[r]
        width = len(raw)
        for c in input_cols:
            if c < width:
                v = raw[c]
                if v is not None and v != "" and (type(v) is not str or v.strip()):
                    break
        else:
            if r not in nv_rows:
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
        percent: dict[str, str] | None = None
        unread: set[str] | None = None
        for col, c, letter, conv in plan:
            value = raw[c] if c < width else None
            if col.computed:
                if not is_empty(value):
                    computed[col.key] = value
                continue
            if value is None or value == "":
                values[col.key] = None
                if nv and (r, c) in nv:
                    found.append(_no_value(sheet.name, letter + rs, f"Kolom {col.label}",
                                           berkas))
                    unread = (unread or set()) | {col.key}
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
                        and values[col.key] is not None \
                        and type(values[col.key]) is not str:  # a category is no number
                    text_numbers.append(col.key)
                    if "%" in value:
                        percent = {**(percent or {}), col.key: "teks"}
                elif pct and (r, c) in pct and col.kind in NUMBER_KINDS \
                        and type(values[col.key]) is not str:  # a category, not a percent
                    percent = {**(percent or {}), col.key: "format"}
            except ParseError as exc:
                code = "pilihan-tidak-dikenal" if col.kind == "choice" else "sel-tidak-terbaca"
                found.append(new_temuan(code, sheet.name, letter + rs,
                                        f"Kolom {col.label}: {exc.pesan}", berkas))
                values[col.key] = None
                unread = (unread or set()) | {col.key}
        rows.append(Row(sheet.name, r + 1, values, cells, computed,
                        frozenset(text_numbers) if text_numbers else frozenset(),
                        percent, unread))
    letters = {k: col_letter(c) for k, c in colmap.items()}
    return rows, found, hr + 1, letters


def read_profil(grid: Grid, berkas: str = "", facts: SheetFacts = NO_FACTS
                ) -> tuple[dict[str, Any], dict[str, str], list[Temuan]]:
    found: list[Temuan] = []
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    unread: set[str] = set()  # fields with a reading finding: not also "kosong"
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
        if is_empty(value) and (r, lc + 1) in facts.no_value:
            found.append(_no_value(schema.PROFIL_SHEET, a1, f"Isian {fld.label}", berkas))
            values[fld.key] = None
            unread.add(fld.key)
            continue
        try:
            values[fld.key] = convert(value, fld.kind)
        except ParseError as exc:
            found.append(new_temuan("sel-tidak-terbaca", schema.PROFIL_SHEET, a1,
                                    f"Isian {fld.label}: {exc.pesan}", berkas))
            values[fld.key] = None
            unread.add(fld.key)
    for fld in schema.PROFIL_FIELDS:
        if fld.required and values.get(fld.key) is None and fld.key not in unread:
            a1 = cells.get(fld.key, "A1")
            where = "" if fld.key in cells else " (baris isian ini tidak ada; tambahkan)"
            found.append(new_temuan(
                "profil-kosong", schema.PROFIL_SHEET, a1,
                f"Isian \"{fld.label}\" di lembar Profil kosong{where}. Isi nilainya di kolom "
                "Nilai.", berkas))
    return values, cells, found


def read_settings(grid: Grid, berkas: str = "", facts: SheetFacts = NO_FACTS
                  ) -> tuple[Settings, list[Temuan]]:
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
            if s.key == "batas_atas" and parsed is not None and (r, c + 1) in facts.percent:
                parsed = parsed.scaleb(2)  # 120% typed: stored 1,2 with a percent format
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
                if bb is not None and (r, bc) in facts.percent:
                    bb = bb.scaleb(2)
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
    read_kategori(grid, st, found, berkas)
    return st, found


def read_kategori(grid: Grid, st: Settings, found: list[Temuan], berkas: str = "") -> None:
    """The Skala Kategori table (Kategori | Peringkat) of text targets, when present."""
    sheet = schema.PENGATURAN_SHEET
    label, rank = schema.SKALA_KATEGORI_HEADER
    pos = find_header(grid, label, max_rows=len(grid))
    if pos is None:
        return
    hr, kc = pos
    header = grid[hr]
    if kc + 1 >= len(header) or norm(header[kc + 1]) != norm(rank):
        found.append(new_temuan(
            "pengaturan-tidak-sah", sheet, ref(hr, kc + 1),
            f"Kolom \"{rank}\" tidak ditemukan di sebelah kanan \"{label}\".", berkas))
        return
    st.kategori_cell = ref(hr, kc)
    out: list[tuple[str, int]] = []
    for r in range(hr + 1, len(grid)):
        row = grid[r]
        k = row[kc] if kc < len(row) else None
        n = row[kc + 1] if kc + 1 < len(row) else None
        if is_empty(k) and is_empty(n):
            break
        try:
            value = convert(n, "int")
        except ParseError as exc:
            found.append(new_temuan("pengaturan-tidak-sah", sheet, ref(r, kc + 1),
                                    f"Peringkat: {exc.pesan}", berkas))
            continue
        if is_empty(k) or value is None:
            found.append(new_temuan(
                "pengaturan-tidak-sah", sheet, ref(r, kc),
                "Baris Skala Kategori harus berisi Kategori dan Peringkat.", berkas))
            continue
        out.append((_text(k), value))
    if out:
        st.kategori = out


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


def read_grids(grids: Mapping[str, Grid], sheet_names: Sequence[str], source: str = "",
               facts: Mapping[str, SheetFacts] | None = None) -> ReadResult:
    """The model from grids by sheet name (origin A1); ``facts`` by the same names."""
    berkas = source
    facts = facts or {}
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

    def facts_of(name: str) -> SheetFacts:
        actual = by_norm.get(norm(name))
        return facts.get(actual, NO_FACTS) if actual is not None else NO_FACTS

    for name in schema.REQUIRED_SHEETS:
        if grid_of(name) is None:
            found.append(new_temuan(
                "lembar-hilang", name, "",
                f"Lembar \"{name}\" tidak ada. Buku kerja harus memakai templat LKj (dari "
                "sekretariat atau petugas TI, atau perintah lkj template); tambahkan lembar "
                f"dengan nama persis \"{name}\".", berkas))

    g = grid_of(schema.PROFIL_SHEET)
    if g is not None:
        data.profil, data.profil_cells, f = read_profil(g, berkas,
                                                        facts_of(schema.PROFIL_SHEET))
        found += f
    g = grid_of(schema.META_SHEET)
    if g is not None:
        data.meta = read_meta(g)
    g = grid_of(schema.PENGATURAN_SHEET)
    if g is not None:
        data.settings, f = read_settings(g, berkas, facts_of(schema.PENGATURAN_SHEET))
        found += f
    for sheet in schema.DATA_SHEETS:
        g = grid_of(sheet.name)
        if g is None:
            if sheet.name not in schema.REQUIRED_SHEETS and not sheet.added:
                found.append(new_temuan(
                    "lembar-hilang", sheet.name, "",
                    f"Lembar \"{sheet.name}\" tidak ada; dianggap kosong. Tambahkan lembar "
                    "dari templat bila datanya ada.", berkas, tingkat=PERINGATAN))
            data.rows[sheet.name] = []
            continue
        rows, f, hr, letters = read_table(g, sheet, berkas, facts_of(sheet.name))
        data.rows[sheet.name] = rows
        data.header_rows[sheet.name] = hr
        data.columns[sheet.name] = letters
        found += f
    found += percent_meaning(data, berkas)
    found += total_rows(data, berkas)
    return ReadResult(data, found)


def percent_meaning(data: WorkbookData, berkas: str = "") -> list[Temuan]:
    """Values shown as a percent, read by what they mean (in place).

    In a column of the indicator's own value (``Column.per_satuan``) whose Satuan is %,
    a percent-formatted 0,96 is the 96 the person sees and typed ("96%" typed as text is
    read as 96 already). Anywhere else (Satuan not %, an unknown indicator, counts,
    rupiah, years) the meaning is doubtful: a kesalahan at the cell, and no value.
    """
    found: list[Temuan] = []
    satuan = {norm(r["kode_indikator"]): r["satuan"] for r in data.pk if r["kode_indikator"]}
    for sheet in schema.DATA_SHEETS:
        for row in data.rows.get(sheet.name, ()):
            if not row.percent:
                continue
            for key, how in row.percent.items():
                col = sheet.column(key)
                value = row.values.get(key)
                if value is None or isinstance(value, str):  # empty, or a category
                    continue
                kode = row["kode_indikator"]
                sat = row["satuan"] if sheet.name == schema.PK.name else (
                    satuan.get(norm(kode)) if kode else None)
                if col.per_satuan and sat is not None and sat.strip() == schema.SATUAN_PERSEN:
                    if how == "format":
                        row.values[key] = value.scaleb(2)
                    continue
                shown = (f"{_pct_text(value.scaleb(2))}% (sel berformat persen)"
                         if how == "format" else f"\"{_pct_text(value)}%\"")
                if not col.per_satuan:
                    what = {"money": "rupiah", "year": "tahun"}.get(col.kind, "jumlah")
                    why = f"kolom ini berisi {what}, bukan persen"
                    fix = ("Hapus format persen (Beranda > Angka > Umum) lalu ketik angkanya"
                           if how == "format" else "Ketik angkanya tanpa tanda %")
                elif sat is None:
                    why = (f"satuan indikator {kode or '(tanpa kode)'} tidak diketahui (Kode "
                           "Indikator ini tidak ada di lembar PK)")
                    fix = "Perbaiki Kode Indikatornya, atau ketik nilainya tanpa persen"
                else:
                    why = f"satuan indikator {kode} adalah \"{sat}\", bukan %"
                    fix = ("Ketik nilainya dalam satuan itu tanpa persen, atau ubah Satuan "
                           "indikator di lembar PK menjadi % bila memang persen")
                found.append(new_temuan(
                    "persen-tidak-jelas", sheet.name, row.cell(key),
                    f"Kolom {col.label}: sel ini berisi {shown}, tetapi {why}, jadi maknanya "
                    f"tidak jelas dan nilainya tidak dipakai. {fix}.", berkas))
                row.values[key] = None
                row.unread = (row.unread or set()) | {key}
    return found


def _pct_text(value: Decimal) -> str:
    from lkj_excel.core.numbers import format_angka

    return format_angka(value, 4, fixed=False)


_TOTAL = re.compile(r"^(?:{})\b".format("|".join(re.escape(w) for w in schema.TOTAL_WORDS)))
_ACCOUNT = re.compile(r"^\d+(?:\.\d+)*$")
#: sheets of amounts, where a hand-typed total row would be counted twice
TOTAL_SHEETS = tuple(s for s in schema.DATA_SHEETS
                     if any(c.kind in ("money", "int") for c in s.input_columns))


def total_rows(data: WorkbookData, berkas: str = "") -> list[Temuan]:
    """Rows of a sheet of amounts that look like a total typed by hand ("Jumlah", "Total"
    with amounts): a kesalahan, and the row is left out so nothing is counted twice."""
    found: list[Temuan] = []
    for sheet in TOTAL_SHEETS:
        rows = data.rows.get(sheet.name)
        if not rows:
            continue
        labels = [c for c in sheet.input_columns if c.kind in ("text", "code", "choice")]
        amounts = [c.key for c in sheet.input_columns if c.kind in ("money", "int")]
        keep: list[Row] = []
        for row in rows:
            hit = next((c for c in labels if isinstance(row[c.key], str)
                        and _TOTAL.match(norm(row[c.key]))), None)
            if hit is None or not any(row[k] is not None for k in amounts) or any(
                    c.kind == "code" and isinstance(row[c.key], str)
                    and _ACCOUNT.match(row[c.key].strip()) for c in labels):
                keep.append(row)
                continue
            found.append(new_temuan(
                "baris-jumlah", sheet.name, row.cell(hit.key),
                f"Baris {row.row} lembar {sheet.name} tampak seperti baris jumlah yang diketik "
                f"(\"{row[hit.key]}\"), bukan data; baris ini tidak dihitung agar tidak terjumlah "
                "dua kali (lkj-excel menjumlahkan sendiri). Hapus baris ini, atau pindahkan "
                "jumlahnya ke luar tabel.", berkas))
        data.rows[sheet.name] = keep
    return found
