"""``lkj beda``: what changed between two revisions of a workbook.

Rows are matched by the schema's ``unique`` keys (PK and IKU by Kode Indikator, Riwayat by
indicator and year, Anggaran by program and kegiatan...); sheets without a key (Kejadian,
Narasi) are matched by content, and rows that changed in place are compared by position.
Only input cells are compared: computed columns are recomputed by the engine anyway.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lkj_excel.batch.load import _canon
from lkj_excel.core import schema
from lkj_excel.core.model import Row, WorkbookData, norm

CHANGED, ADDED, REMOVED = "ubah", "tambah", "hapus"


@dataclass
class Edit:
    jenis: str  # ubah | tambah | hapus
    lembar: str
    kunci: str
    kolom: str = ""
    lama: Any = None
    baru: Any = None
    sel_lama: str = ""
    sel_baru: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Diff:
    lama: str
    baru: str
    revisi_lama: Any = None
    revisi_baru: Any = None
    edits: list[Edit] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    @property
    def sama(self) -> bool:
        return not self.edits

    def counts(self) -> dict[str, int]:
        out = {CHANGED: 0, ADDED: 0, REMOVED: 0}
        for p in self.edits:
            out[p.jenis] += 1
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"lama": self.lama, "baru": self.baru, "revisi_lama": self.revisi_lama,
                "revisi_baru": self.revisi_baru, "sama": self.sama,
                "jumlah": self.counts(), "catatan": self.catatan,
                "perubahan": [p.as_dict() for p in self.edits]}


def _show(value: Any) -> Any:
    c = _canon(value)
    if isinstance(c, str) and len(c) > 120:
        return c[:117] + "..."
    return c


def _same(a: Any, b: Any) -> bool:
    return _canon(a) == _canon(b)


def _key_of(sheet: schema.Sheet, row: Row) -> tuple[str, ...]:
    return tuple(norm(_canon(row.values.get(k))) for k in sheet.unique)


def _label(sheet: schema.Sheet, row: Row) -> str:
    if sheet.unique:
        parts = [str(_canon(row.values.get(k))) for k in sheet.unique
                 if row.values.get(k) not in (None, "")]
        if parts:
            return " / ".join(p if len(p) <= 60 else p[:57] + "..." for p in parts)
    first = row.values.get(sheet.columns[0].key)
    text_col = next((c.key for c in sheet.input_columns[1:] if c.kind == "text"
                     and row.values.get(c.key)), None)
    bits = [str(first)] if first not in (None, "") else []
    if text_col:
        t = str(row.values[text_col])
        bits.append(t if len(t) <= 50 else t[:47] + "...")
    return " · ".join(bits) or f"baris {row.row}"


def _compare_rows(sheet: schema.Sheet, ra: Row, rb: Row, out: list[Edit]) -> None:
    label = _label(sheet, rb)
    for col in sheet.input_columns:
        va, vb = ra.values.get(col.key), rb.values.get(col.key)
        if not _same(va, vb):
            out.append(Edit(CHANGED, sheet.name, label, col.label, _show(va), _show(vb),
                                 ra.cell(col.key), rb.cell(col.key)))


def _row_sig(sheet: schema.Sheet, row: Row) -> tuple[Any, ...]:
    return tuple(repr(_canon(row.values.get(c.key))) for c in sheet.input_columns)


def _by_position(sheet: schema.Sheet, rows_a: list[Row], rows_b: list[Row],
                 out: list[Edit]) -> None:
    sa = [_row_sig(sheet, r) for r in rows_a]
    sb = [_row_sig(sheet, r) for r in rows_b]
    sm = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        n = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(n):
            _compare_rows(sheet, rows_a[i1 + k], rows_b[j1 + k], out)
        for r in rows_a[i1 + n:i2]:
            out.append(Edit(REMOVED, sheet.name, _label(sheet, r), sel_lama=f"A{r.row}"))
        for r in rows_b[j1 + n:j2]:
            out.append(Edit(ADDED, sheet.name, _label(sheet, r), sel_baru=f"A{r.row}"))


def diff_data(a: WorkbookData, b: WorkbookData) -> list[Edit]:
    out: list[Edit] = []
    for f in schema.PROFIL_FIELDS:
        va, vb = a.profil.get(f.key), b.profil.get(f.key)
        if not _same(va, vb):
            out.append(Edit(CHANGED, schema.PROFIL_SHEET, f.label, schema.PROFIL_HEADER[1],
                                 _show(va), _show(vb), a.profil_cells.get(f.key, ""),
                                 b.profil_cells.get(f.key, "")))
    for s in schema.SETTINGS:
        va, vb = getattr(a.settings, s.key), getattr(b.settings, s.key)
        if not _same(va, vb):
            out.append(Edit(CHANGED, schema.PENGATURAN_SHEET, s.label,
                                 schema.PENGATURAN_HEADER[1], _show(va), _show(vb),
                                 a.settings.cells.get(s.key, ""),
                                 b.settings.cells.get(s.key, "")))
    if not _same(a.settings.skala, b.settings.skala):
        fmt = lambda sk: "; ".join(f"{_canon(x)} {p}" for x, p in sk)  # noqa: E731
        out.append(Edit(CHANGED, schema.PENGATURAN_SHEET, "Skala Predikat", "",
                             fmt(a.settings.skala), fmt(b.settings.skala),
                             a.settings.skala_cell, b.settings.skala_cell))
    for sheet in schema.DATA_SHEETS:
        rows_a, rows_b = a.rows.get(sheet.name, []), b.rows.get(sheet.name, [])
        if not sheet.unique:
            _by_position(sheet, rows_a, rows_b, out)
            continue
        keyed_a: dict[tuple[Any, ...], Row] = {}
        keyed_b: dict[tuple[Any, ...], Row] = {}
        loose_a: list[Row] = []
        loose_b: list[Row] = []
        for rows, keyed, loose in ((rows_a, keyed_a, loose_a), (rows_b, keyed_b, loose_b)):
            for r in rows:
                k = _key_of(sheet, r)
                if not any(k):
                    loose.append(r)
                    continue
                n = 0
                while (k, n) in keyed:  # a key typed twice: matched in order
                    n += 1
                keyed[(k, n)] = r
        for k, ra in keyed_a.items():
            rb = keyed_b.get(k)
            if rb is None:
                out.append(Edit(REMOVED, sheet.name, _label(sheet, ra),
                                     sel_lama=f"A{ra.row}"))
            else:
                _compare_rows(sheet, ra, rb, out)
        for k, rb in keyed_b.items():
            if k not in keyed_a:
                out.append(Edit(ADDED, sheet.name, _label(sheet, rb),
                                     sel_baru=f"A{rb.row}"))
        if loose_a or loose_b:
            _by_position(sheet, loose_a, loose_b, out)
    return out


def diff_files(lama: str | Path, baru: str | Path) -> Diff:
    """Compare two workbooks. Raises ``WorkbookError`` if one cannot be read."""
    from lkj_excel.files.read import read_workbook

    pa, pb = Path(lama), Path(baru)
    a, b = read_workbook(pa).data, read_workbook(pb).data
    d = Diff(pa.name, pb.name, a.meta.get("revisi"), b.meta.get("revisi"))
    d.edits = diff_data(a, b)
    ida, idb = a.meta.get("id_buku_kerja"), b.meta.get("id_buku_kerja")
    if ida and idb and ida != idb:
        d.catatan.append("ID Buku Kerja kedua berkas berbeda: keduanya bukan revisi dari buku "
                         "kerja yang sama.")
    if norm(a.profil.get("bidang")) != norm(b.profil.get("bidang")):
        d.catatan.append("Bidang kedua berkas berbeda.")
    ra, rb = d.revisi_lama, d.revisi_baru
    if isinstance(ra, int) and isinstance(rb, int) and rb < ra:
        d.catatan.append(f"Revisi berkas kedua ({rb}) lebih kecil dari berkas pertama ({ra}): "
                         "mungkin urutan berkasnya terbalik.")
    return d


def describe(d: Diff) -> list[str]:
    n = d.counts()
    rev = (lambda r: f" (revisi {r})" if r not in (None, "") else "")  # noqa: E731
    lines = [f"Perubahan dari \"{d.lama}\"{rev(d.revisi_lama)} ke \"{d.baru}\""
             f"{rev(d.revisi_baru)}: "
             f"{n[CHANGED]} sel diubah, {n[ADDED]} baris ditambah, {n[REMOVED]} baris dihapus."]
    lines += [f"Catatan: {c}" for c in d.catatan]
    if d.sama:
        lines.append("Tidak ada perubahan isi.")
        return lines
    current = None
    for p in d.edits:
        if p.lembar != current:
            current = p.lembar
            lines.append(f"{p.lembar}:")
        if p.jenis == CHANGED:
            where = p.sel_baru if p.sel_baru == p.sel_lama else f"{p.sel_lama} -> {p.sel_baru}"
            kolom = f" · {p.kolom}" if p.kolom else ""
            kind = _kind(p.lembar, p.kolom)
            lines.append(f"  ~ {p.kunci}{kolom}: {_fmt(p.lama, kind)} -> {_fmt(p.baru, kind)}  "
                         f"[{where}]")
        elif p.jenis == ADDED:
            lines.append(f"  + {p.kunci}  [baris {p.sel_baru[1:]} di \"{d.baru}\"]")
        else:
            lines.append(f"  - {p.kunci}  [baris {p.sel_lama[1:]} di \"{d.lama}\"]")
    return lines


def _kind(lembar: str, kolom: str) -> str:
    sheet = schema.data_sheet(lembar)
    col = next((c for c in sheet.columns if c.label == kolom), None) if sheet else None
    return col.kind if col is not None else "text"


def _fmt(v: Any, kind: str = "text") -> str:
    """A value as the messages write it: money and numbers the Indonesian way
    (``Rp 30.000.000,00``, ``97,5``), text in quotes."""
    from decimal import Decimal, InvalidOperation

    from lkj_excel.core.numbers import format_angka

    if v is None or v == "":
        return "(kosong)"
    if kind in schema.NUMBER_KINDS and kind != "year":  # a year is written as it is
        try:
            d = Decimal(str(v))
        except InvalidOperation:
            return f"\"{v}\""
        if d.is_finite():
            if kind == "money":
                return "Rp " + format_angka(d, 2)
            return format_angka(d, 0 if kind == "int" else 4, fixed=False)
    if isinstance(v, str) and kind not in ("year", "code"):
        return f"\"{v}\""
    return str(v)
