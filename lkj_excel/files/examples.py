"""Write the example workbooks from the seed report's data (``lkj_excel.core.seed``).

- ``LKj 2024 Badan Kesbangpol Kota Banjarbaru.xlsx``: the agency workbook (Bidang
  Sekretariat) with all the seed's data;
- ``per-bidang/<nn> <Unit>.xlsx``: one workbook per unit (Sekretariat first), each with only
  the rows it owns (``lkj_excel.core.units.split_by_unit``).
"""

from __future__ import annotations

from pathlib import Path

PER_BIDANG = "per-bidang"


def write_examples(folder: str | Path) -> list[Path]:
    """Write the agency workbook and the per-unit workbooks; the paths written."""
    from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
    from lkj_excel.core.units import split_by_unit, unit_filename
    from lkj_excel.files.template import write_workbook

    folder = Path(folder)
    data = seed_data()
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / NAMA_BERKAS_INSTANSI]
    write_workbook(written[0], data)
    per = folder / PER_BIDANG
    per.mkdir(exist_ok=True)
    for i, (unit, part) in enumerate(split_by_unit(data).items(), 1):
        path = per / unit_filename(i, unit)
        write_workbook(path, part)
        written.append(path)
    return written
