"""The Hitung button (xlwings' remote engine, as tests/test_xl.py) writes the quarters to the
engine's own sheet Ringkasan, and nothing into Triwulan or Anggaran Triwulan."""

from __future__ import annotations

from pathlib import Path

from lkj_excel.core import schema
from tests.test_xl import caller, payload_from_xlsx, run_main, seed_path, sheet_index, written

__all__ = ["caller", "seed_path"]  # the fixtures, used by name


def test_button_writes_the_quarters_to_ringkasan(caller, seed_path: Path) -> None:  # noqa: F811
    book, actions = run_main(caller, payload_from_xlsx(seed_path))
    ring = written(actions, sheet_index(book, actions, schema.RINGKASAN_SHEET))
    rows: dict[int, dict[int, object]] = {}
    for (r, c), v in ring.items():
        rows.setdefault(r, {})[c] = v
    titles = {cells.get(1) for cells in rows.values()}
    assert {"Capaian Indikator per Triwulan",
            "Realisasi Anggaran per Triwulan (kumulatif)"} <= titles
    ormas = [cells for cells in rows.values()
             if cells.get(1) == "IKU3" and cells.get(3) in schema.TRIWULAN]
    assert [(c[3], c[4], c[5], c[6], c[7]) for c in ormas] == [
        ("I", 95, 91, 95, "Baik"), ("II", 95, 92, 97, "Baik"), ("III", 95, 94, 99, "Baik"),
        ("IV", 95, 96, 101, "Sangat Baik")]
    # only the engine's sheets are written
    names = [s["name"] for s in book.impl.api["sheets"]]
    touched = {names[a["sheet_position"]] for a in actions if a["func"] == "setValues"}
    assert touched <= set(schema.ENGINE_SHEETS)
