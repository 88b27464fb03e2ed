"""Workbook grids for tests, laid out by ``lkj_excel.core.layout`` (the template's layout).

``grids(PK=[pk(...)], IKU=[iku(...)])`` gives the sheets of a workbook as grids (origin A1)
exactly where the template builder writes them; ``save_xlsx`` writes any grids to an .xlsx
with openpyxl (text stays text), so a test can also put a value anywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lkj_excel.core.layout import grids_from_data

PROFIL = {
    "instansi": "Badan Uji", "pemda": "Kota Uji", "tahun": 2024, "bidang": "Sekretariat",
    "nama_kepala": "Kepala Uji", "nip_kepala": "19660828 199303 1 007",
    "pangkat_kepala": "Pembina", "jabatan_kepala": "Kepala Badan", "tempat": "Kota Uji",
    "tanggal": dt.date(2025, 2, 27),
}


def grids(profil: dict[str, Any] | None = None, **sheets: list[dict[str, Any]]
          ) -> dict[str, list[list[Any]]]:
    """The workbook's grids: Profil (``PROFIL`` updated by ``profil``), every data sheet
    (rows by column key), Pengaturan with its defaults, and the hidden metadata."""
    data = {"profil": dict(PROFIL, **(profil or {})), "sheets": sheets}
    return grids_from_data(data)[0]


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
