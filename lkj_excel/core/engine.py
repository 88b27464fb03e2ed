"""The engine: grids read, computed and validated into one ``Checked`` (pure).

Shared by the commands, the Excel button and the batch; ``lkj_excel.files.read.check_workbook``
is the same for a file.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.compute import IndikatorResult, Result, compute_workbook
from lkj_excel.core.model import WorkbookData
from lkj_excel.core.read import Grid, ReadResult, read_grids
from lkj_excel.core.temuan import Temuan, has_errors, sort_key
from lkj_excel.core.triwulan import check_triwulan, compute_triwulan
from lkj_excel.core.triwulan import to_json as triwulan_json
from lkj_excel.core.validate import validate


@dataclass
class Checked:
    """The outcome for one workbook."""

    data: WorkbookData
    result: Result
    temuan: list[Temuan] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.temuan)


def check_read(res: ReadResult) -> Checked:
    """Compute and validate what the reader read (its temuan first, then sorted)."""
    result = compute_workbook(res.data)
    result.triwulan = compute_triwulan(res.data, result)
    temuan = res.temuan + validate(res.data, result) + check_triwulan(res.data, result)
    temuan.sort(key=sort_key)
    return Checked(res.data, result, temuan)


def check_grids(grids: dict[str, Grid], sheet_names: list[str], source: str = "",
                pictures: list[Any] | None = None) -> Checked:
    """``pictures``: the Gambar sheet's pictures when known (None: not read)."""
    res = read_grids(grids, sheet_names, source)
    res.data.pictures = pictures
    return check_read(res)


def _n(value: Decimal | None, digits: int | None = None) -> float | int | None:
    if value is None:
        return None
    if digits is not None:
        from lkj_excel.core.numbers import round_half_up

        value = round_half_up(value, digits)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _json_value(value: Any, digits: int | None = None) -> Any:
    if isinstance(value, Decimal):
        return _n(value, digits)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def indikator_json(ind: IndikatorResult) -> dict[str, Any]:
    """One indicator as JSON: the declared outputs, then every other input of PK and IKU."""
    out = {o.key: _json_value(ind.output(o), o.digits) for o in schema.INDIKATOR_OUTPUT}
    for col in schema.INDIKATOR_CARRIED:
        out[col.key] = _json_value(ind.inputs.get(col.key))
    return out


def to_json(p: Checked) -> dict[str, Any]:
    """The ``--json`` object: numbers as JSON numbers."""
    h = p.result
    d = h.settings.desimal
    a = h.anggaran
    return {
        "berkas": p.data.source,
        "instansi": h.profil.get("instansi"),
        "tahun": h.profil.get("tahun"),
        "bidang": h.profil.get("bidang"),
        "indikator": [indikator_json(i) for i in h.indikator],
        "anggaran": {
            "anggaran": _n(a.anggaran), "realisasi": _n(a.realisasi),
            "serapan_persen": _n(a.serapan_persen), "efisiensi": _n(a.efisiensi),
            "efisiensi_persen": _n(a.efisiensi_persen),
            "program": [
                {
                    "program": g.program, "kode_sasaran": g.kode_sasaran,
                    "anggaran": _n(g.anggaran), "realisasi": _n(g.realisasi),
                    "serapan_persen": _n(g.serapan_persen), "efisiensi": _n(g.efisiensi),
                    "efisiensi_persen": _n(g.efisiensi_persen),
                    "kegiatan": [
                        {"kegiatan": k.kegiatan, "anggaran": _n(k.anggaran),
                         "realisasi": _n(k.realisasi)} for k in g.kegiatan
                    ],
                }
                for g in a.program
            ],
        },
        "pegawai": {
            "jumlah": h.pegawai.jumlah,
            "per_jenis": h.pegawai.per_jenis,
            "kelompok": {
                j: {g: [{"uraian": u, "jumlah": n} for u, n in items] for g, items in gs.items()}
                for j, gs in h.pegawai.kelompok.items()
            },
        },
        "triwulan": triwulan_json(h.triwulan),
        "desimal": d,
        "temuan": [f.as_dict() for f in p.temuan],
    }
