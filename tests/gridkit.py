"""Build in-memory workbook grids from the schema (header labels from the one source)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lkj_excel.core import schema

PROFIL = {
    "instansi": "Badan Uji", "pemda": "Kota Uji", "tahun": 2024, "bidang": "Sekretariat",
    "nama_kepala": "Kepala Uji", "nip_kepala": "19660828 199303 1 007",
    "pangkat_kepala": "Pembina", "jabatan_kepala": "Kepala Badan", "tempat": "Kota Uji",
    "tanggal": dt.date(2025, 2, 27),
}


def table(sheet: schema.Sheet, rows: list[dict[str, Any]], title: bool = True
          ) -> list[list[Any]]:
    grid: list[list[Any]] = [[sheet.title], []] if title else []
    grid.append([c.label for c in sheet.columns])
    for r in rows:
        grid.append([r.get(c.key) for c in sheet.columns])
    return grid


def grids(profil: dict[str, Any] | None = None, **sheets: list[dict[str, Any]]
          ) -> dict[str, list[list[Any]]]:
    prof = dict(PROFIL, **(profil or {}))
    out: dict[str, list[list[Any]]] = {
        "Profil": [["Profil"], ["Isian", "Nilai"]]
        + [[f.label, prof.get(f.key)] for f in schema.PROFIL_FIELDS],
    }
    for s in schema.DATA_SHEETS:
        out[s.name] = table(s, sheets.get(s.name, []))
    return out


def pk(kode: str, target: float = 100.0, pol: str = "Positif", sasaran: str = "S1",
       satuan: str = "%", bidang: str = "Bidang A") -> dict[str, Any]:
    return {"kode_sasaran": sasaran, "sasaran": f"Sasaran {sasaran}", "kode_indikator": kode,
            "indikator": f"Indikator {kode}", "satuan": satuan, "target": target,
            "polaritas": pol, "bidang": bidang}


def iku(kode: str, **kw: Any) -> dict[str, Any]:
    return {"kode_indikator": kode, **kw}


def save_xlsx(g: dict[str, list[list[Any]]], path: Any) -> Any:
    """Write grids to an .xlsx with openpyxl (text stays text)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in g.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"
    wb.save(path)
    return path
