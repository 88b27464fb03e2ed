"""Which unit (Bidang) owns which rows: split an agency workbook into per-unit workbooks
and merge clean per-unit workbooks back.

Works on the builder's data dict (the format ``lkj_excel.files.template.write_workbook`` writes)::

    {"profil": {<Profil key>: value}, "meta": {"id_buku_kerja": str, "revisi": int},
     "pengaturan": {...}, "sheets": {<sheet name>: [{<input column key>: value}, ...]}}

Ownership rules:
- PK and IKU rows, and rows of every sheet whose Kode Indikator refers to PK (Riwayat,
  Pembanding, Kejadian, Target Renstra, Triwulan), belong to the Bidang of their indicator in
  PK (an indicator not in PK, or without a Bidang, belongs to the Sekretariat);
- Anggaran rows (and Anggaran Triwulan rows, by their program) belong to the Bidang of the
  indicators of their Kode Sasaran (empty Kode
  Sasaran: Sekretariat); kegiatan rows follow their program's row;
- Cascading rows belong to the Bidang of the indicators of their Kode Sasaran;
- every other sheet (LRA, Pegawai, Narasi, Gambar) belongs to the Sekretariat.

Pure: standard library only (plus ``lkj_excel.core.schema``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from lkj_excel.core import schema
from lkj_excel.core.model import norm

if TYPE_CHECKING:  # pragma: no cover
    from lkj_excel.core.model import WorkbookData

AGENCY = schema.AGENCY_BIDANG
#: sheets whose rows are tied to an indicator by ``kode_indikator``
INDICATOR_SHEETS = ("PK", "IKU", *(s.name for s in schema.DATA_SHEETS if any(
    c.ref == "PK.kode_indikator" for c in s.columns)))
#: sheets whose rows follow a program of the Anggaran sheet (by its Kode Sasaran)
PROGRAM_SHEETS = ("Anggaran", "Anggaran Triwulan")
#: sheets whose rows follow a sasaran of the PK (by Kode Sasaran)
SASARAN_SHEETS = tuple(s.name for s in schema.DATA_SHEETS if s.name not in PROGRAM_SHEETS
                       and any(c.ref == "PK.kode_sasaran" for c in s.columns))
#: sheets that always belong to the Sekretariat
AGENCY_SHEETS = tuple(s.name for s in schema.DATA_SHEETS
                      if s.name not in INDICATOR_SHEETS + PROGRAM_SHEETS + SASARAN_SHEETS)
SHEET_NAMES = tuple(s.name for s in schema.DATA_SHEETS)

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://lkj-excel.invalid/buku-kerja")


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def workbook_id(instansi: str, tahun: int | str | None, unit: str | None = None) -> str:
    """A deterministic workbook id: the agency workbook (``unit`` None) or one unit's."""
    who = norm(unit) if unit else "*"
    return str(uuid.uuid5(_NAMESPACE, f"{norm(instansi)}|{tahun}|{who}"))


#: the key of a Gambar row's picture (a ``model.Picture``) in the data dict
PICTURE_KEY = "gambar"


def complete_rows(data: dict[str, Any]) -> dict[str, Any]:
    """Give every row every input column key of its sheet (``None`` when absent), in place
    (and every Gambar row its picture key)."""
    for name, rows in data.get("sheets", {}).items():
        sheet = schema.SHEETS_BY_NAME.get(name)
        if sheet is None:
            continue
        for row in rows:
            for col in sheet.input_columns:
                row.setdefault(col.key, None)
            if sheet is schema.GAMBAR:
                row.setdefault(PICTURE_KEY, None)
    return data


# ---------------------------------------------------------------------------
# Ownership
# ---------------------------------------------------------------------------

def units_of(data: Mapping[str, Any]) -> list[str]:
    """The Sekretariat, then each Bidang named in PK, in PK order (first spelling wins)."""
    units = [AGENCY]
    seen = {norm(AGENCY)}
    for row in data.get("sheets", {}).get("PK", []):
        name = _text(row.get("bidang"))
        if name and norm(name) not in seen:
            seen.add(norm(name))
            units.append(name)
    return units


class Owners:
    """Lookup tables built once per data dict."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        sheets = data.get("sheets", {})
        canonical = {norm(u): u for u in units_of(data)}
        self.indikator: dict[str, str] = {}
        self.sasaran: dict[str, str] = {}
        for row in sheets.get("PK", []):
            unit = canonical.get(norm(row.get("bidang")), AGENCY)
            k = norm(row.get("kode_indikator"))
            if k:
                self.indikator.setdefault(k, unit)
            s = norm(row.get("kode_sasaran"))
            if s:
                self.sasaran.setdefault(s, unit)
        self.program_sasaran: dict[str, str] = {}
        for row in sheets.get("Anggaran", []):
            if norm(row.get("kegiatan")):
                continue
            self.program_sasaran.setdefault(norm(row.get("program")),
                                            norm(row.get("kode_sasaran")))

    def of(self, sheet_name: str, row: Mapping[str, Any]) -> str:
        if sheet_name in INDICATOR_SHEETS:
            return self.indikator.get(norm(row.get("kode_indikator")), AGENCY)
        if sheet_name in PROGRAM_SHEETS:
            kode = norm(row.get("kode_sasaran"))
            if sheet_name != "Anggaran" or norm(row.get("kegiatan")):
                kode = self.program_sasaran.get(norm(row.get("program")), kode)
            return self.sasaran.get(kode, AGENCY) if kode else AGENCY
        if sheet_name in SASARAN_SHEETS:
            return self.sasaran.get(norm(row.get("kode_sasaran")), AGENCY)
        return AGENCY


def owner(sheet_name: str, row_dict: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    """The unit that owns one row of ``sheet_name`` (see the module's rules)."""
    return Owners(data).of(sheet_name, row_dict)


def split_by_unit(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """One data dict per unit (Sekretariat first), each with only the rows it owns."""
    owners = Owners(data)
    profil = dict(data.get("profil", {}))
    instansi, tahun = profil.get("instansi", ""), profil.get("tahun")
    sheets = data.get("sheets", {})
    out: dict[str, dict[str, Any]] = {}
    for unit in units_of(data):
        out[unit] = {
            "profil": {**profil, "bidang": unit},
            "meta": {"id_buku_kerja": workbook_id(instansi, tahun, unit), "revisi": 1},
            "pengaturan": dict(data.get("pengaturan", {})),
            "sheets": {name: [] for name in SHEET_NAMES},
        }
    for name in SHEET_NAMES:
        for row in sheets.get(name, []):
            out[owners.of(name, row)]["sheets"][name].append(dict(row))
    daftar = roster_text(out)
    for part in out.values():
        part["meta"]["daftar_bidang"] = daftar
    return out


def roster_text(parts: Mapping[str, Mapping[str, Any]]) -> str:
    """What ``split_by_unit`` gave each unit, as the JSON the hidden metadata keeps:
    ``[{"bidang", "indikator": [codes], "sasaran": [codes], "lembar": {sheet: rows}}]``."""
    import json

    out = []
    for unit, part in parts.items():
        sheets = part.get("sheets", {})
        pk = sheets.get("PK", [])
        out.append({
            "bidang": unit,
            "indikator": [_text(r.get("kode_indikator")) for r in pk if r.get("kode_indikator")],
            "sasaran": sorted({_text(r.get("kode_sasaran")) for r in pk if r.get("kode_sasaran")}),
            "lembar": {name: len(rows) for name, rows in sheets.items() if rows},
        })
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def parse_roster(text: Any) -> list[dict[str, Any]]:
    """The units of ``roster_text`` (an empty list for a missing or damaged value)."""
    import json

    if not isinstance(text, str) or not text.strip():
        return []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("bidang"), str) and item["bidang"]:
            out.append({"bidang": item["bidang"],
                        "indikator": [str(k) for k in item.get("indikator") or []],
                        "sasaran": [str(k) for k in item.get("sasaran") or []],
                        "lembar": {str(k): v for k, v in (item.get("lembar") or {}).items()
                                   if isinstance(v, int)}})
    return out


def merge_units(parts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The agency data from clean per-unit data (the inverse of ``split_by_unit``).

    Rows are concatenated unit by unit (the Sekretariat first, then the others in the given
    order); rows tied to an indicator then follow the merged PK's order. Conflicts and
    revisions are not handled here.
    """
    parts = list(parts)
    if not parts:
        raise ValueError("merge_units: tidak ada buku kerja untuk digabung")
    ordered = sorted(parts, key=lambda p: norm(p.get("profil", {}).get("bidang"))
                     != norm(AGENCY))
    base = ordered[0]
    profil = {**base.get("profil", {}), "bidang": AGENCY}
    revisi = max((int(p.get("meta", {}).get("revisi") or 1) for p in parts), default=1)
    sheets: dict[str, list[dict[str, Any]]] = {name: [] for name in SHEET_NAMES}
    for part in ordered:
        for name in SHEET_NAMES:
            sheets[name].extend(dict(r) for r in part.get("sheets", {}).get(name, []))
    order = {}
    for row in sheets["PK"]:
        order.setdefault(norm(row.get("kode_indikator")), len(order))
    for name in INDICATOR_SHEETS[1:]:
        sheets[name].sort(key=lambda r: order.get(norm(r.get("kode_indikator")), len(order)))
    return {
        "profil": profil,
        "meta": {"id_buku_kerja": workbook_id(profil.get("instansi", ""), profil.get("tahun")),
                 "revisi": revisi},
        "pengaturan": dict(base.get("pengaturan", {})),
        "sheets": sheets,
    }


# ---------------------------------------------------------------------------
# From what the reader read back
# ---------------------------------------------------------------------------

def data_from_model(wd: WorkbookData) -> dict[str, Any]:
    """The data dict (input columns only) of a workbook read by ``lkj_excel.core.read``."""
    st = wd.settings
    pengaturan: dict[str, Any] = {s.key: getattr(st, s.key) for s in schema.SETTINGS}
    from decimal import Decimal

    standar = [(Decimal(b), p) for b, p in schema.SKALA_STANDAR]
    if list(st.skala) != standar:
        pengaturan["skala"] = [(str(b), p) for b, p in st.skala]
    if list(st.kategori) != list(schema.SKALA_KATEGORI_STANDAR):
        pengaturan["kategori"] = list(st.kategori)
    out = {
        "profil": {f.key: wd.profil.get(f.key) for f in schema.PROFIL_FIELDS},
        "meta": {"id_buku_kerja": wd.meta.get("id_buku_kerja"),
                 "revisi": wd.meta.get("revisi"),
                 **({"daftar_bidang": wd.meta["daftar_bidang"]}
                    if wd.meta.get("daftar_bidang") else {})},
        "pengaturan": pengaturan,
        "sheets": {
            sheet.name: [{c.key: row.values.get(c.key) for c in sheet.input_columns}
                         for row in wd.rows.get(sheet.name, [])]
            for sheet in schema.DATA_SHEETS
        },
    }
    # each Gambar row carries its picture (the first on it, as the report takes it), so
    # it travels with its row
    from lkj_excel.core.compute import pictures_by_row

    by_row = pictures_by_row(wd.pictures)
    for row, values in zip(wd.rows.get(schema.GAMBAR.name, []),
                           out["sheets"][schema.GAMBAR.name], strict=True):
        values[PICTURE_KEY] = by_row.get(row.row)
    return out


# ---------------------------------------------------------------------------
# File names
# ---------------------------------------------------------------------------

def unit_filename(index: int, unit: str) -> str:
    """``"02 Bidang Politik Dalam Negeri.xlsx"`` (1-based ``index``, Sekretariat first)."""
    from lkj_excel.core.filenames import safe_filename

    return f"{index:02d} {safe_filename(unit, default='Bidang')}.xlsx"


# ---------------------------------------------------------------------------
# A unit that sent nothing (the merge says it; the report's first page repeats it)
# ---------------------------------------------------------------------------

_MISSING = "Buku kerja {unit} tidak ada di antara berkas yang digabung"


def missing_unit_text(unit: str) -> str:
    """The opening of the finding for a unit with no usable workbook."""
    return _MISSING.format(unit=unit)


def missing_unit_of(pesan: str) -> str | None:
    """The unit named by a ``missing_unit_text`` message (None for another message)."""
    head, sep, _ = _MISSING.partition("{unit}")
    if not pesan.startswith(head) or sep == "":
        return None
    rest = pesan[len(head):]
    tail = _MISSING.partition("{unit}")[2]
    i = rest.find(tail)
    return rest[:i] if i > 0 else None
