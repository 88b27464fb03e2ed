"""The Triwulan sheet's computed columns (Realisasi Dihitung, Capaian): the template's Excel
formulas, recalculated by LibreOffice, show exactly what ``core.triwulan.row_values``
computes, over random rows covering every rule (as tests/files/test_template.py does for
IKU)."""

from __future__ import annotations

import random
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from lkj_excel.core import formulas, schema
from lkj_excel.core.compute import TIDAK_DAPAT_DIHITUNG
from lkj_excel.core.model import norm
from lkj_excel.core.triwulan import row_values
from lkj_excel.files import template
from tests.files.test_template import PROFIL, SCALES

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
SATUAN = ("%", "%", "indeks", "kejadian")


def generate(seed: int, n: int = 60) -> tuple[dict[str, Any], dict[str, int]]:
    rnd = random.Random(1000 + seed)
    cases: dict[str, int] = {}

    def hit(name: str) -> None:
        cases[name] = cases.get(name, 0) + 1

    pengaturan = {"rumus_negatif": schema.RUMUS_NEGATIF[seed % 2], "desimal": seed % 3,
                  "batas_atas": [None, Decimal(100), Decimal("105.5")][seed % 3],
                  "skala": SCALES[seed % len(SCALES)]}
    pk, iku, rows = [], [], []
    for i in range(n // 4):
        kode = f"K{seed}.{i}"
        pol = rnd.choice(schema.POLARITAS)
        pk.append({"kode_sasaran": "SS1", "sasaran": "S", "kode_indikator": kode,
                   "indikator": f"Indikator {i}", "satuan": rnd.choice(SATUAN),
                   "target": Decimal(100), "polaritas": pol, "bidang": "B"})
        iku.append({"kode_indikator": kode})
        if pol == "Negatif":
            hit("negatif-" + pengaturan["rumus_negatif"])
    codes = [r["kode_indikator"] for r in pk] + ["TIDAK-ADA"]
    for _ in range(n):
        kode = rnd.choice(codes)
        row: dict[str, Any] = {"kode_indikator": kode, "triwulan": rnd.choice(schema.TRIWULAN),
                               "rencana_aksi": "aksi"}
        t = rnd.choice([Decimal(0), Decimal(rnd.randint(1, 300)),
                        Decimal(rnd.randint(1, 9999)) / 100, None])
        row["target"] = t
        hit("target-nol" if t == 0 else "target-kosong" if t is None else "target")
        mode = rnd.choice(["pp", "pp", "input", "kosong"])
        if mode == "pp":
            q = rnd.choice([0, rnd.randint(1, 60)])
            row.update(pembilang=Decimal(rnd.randint(0, q + 3)), penyebut=Decimal(q))
            hit("penyebut-nol" if q == 0 else "pembilang-penyebut")
        elif mode == "input":
            row["realisasi"] = rnd.choice([Decimal(0), Decimal(rnd.randint(0, 400)),
                                           Decimal(rnd.randint(0, 40000)) / 100])
            hit("input")
        else:
            hit("kosong")
        if kode == "TIDAK-ADA":
            hit("tanpa-pk")
        rows.append(row)
    return ({"profil": dict(PROFIL), "pengaturan": pengaturan,
             "sheets": {"PK": pk, "IKU": iku, "Triwulan": rows}}, cases)


def ties(desimal: int, rumus: str, n: int = 80) -> dict[str, Any]:
    """Quarterly capaian exactly halfway between two shown values (x,5 at ``desimal``)."""
    rnd = random.Random(77 + desimal)
    scale = Decimal(10) ** desimal
    found: list[tuple[Decimal, Decimal, str]] = []
    while len(found) < n:
        t = Decimal(rnd.randint(1, 2000)) / rnd.choice([1, 10, 100])
        r = Decimal(rnd.randint(1, 4000)) / rnd.choice([1, 10, 100])
        pol = rnd.choice(schema.POLARITAS)
        value = r / t * 100 if pol == "Positif" else (
            t / r * 100 if rumus == "T/R" else (2 * t - r) / t * 100)
        x = value * scale
        if x - x.to_integral_value(rounding="ROUND_FLOOR") == Decimal("0.5"):
            found.append((t, r, pol))
    pk = [{"kode_sasaran": "SS1", "sasaran": "S", "kode_indikator": f"T{i}",
           "indikator": f"I{i}", "satuan": "indeks", "target": t, "polaritas": pol,
           "bidang": "B"} for i, (t, _, pol) in enumerate(found)]
    rows = [{"kode_indikator": f"T{i}", "triwulan": "II", "target": t, "realisasi": r}
            for i, (t, r, _) in enumerate(found)]
    return {"profil": dict(PROFIL),
            "pengaturan": {"rumus_negatif": rumus, "desimal": desimal, "batas_atas": None},
            "sheets": {"PK": pk, "IKU": [{"kode_indikator": r["kode_indikator"]} for r in pk],
                       "Triwulan": rows}}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, Path]]:
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    from lkj_excel.files import libreoffice as lo

    src, out = tmp_path_factory.mktemp("masukan"), tmp_path_factory.mktemp("hasil")
    inputs = [generate(s) for s in range(6)]
    inputs += [(ties(d, rumus), {"tie": 80}) for d in range(3) for rumus in schema.RUMUS_NEGATIF]
    paths = [template.write_workbook(src / f"tw{i}.xlsx", data)
             for i, (data, _) in enumerate(inputs)]
    return [(cases, path) for (_, cases), path in zip(inputs, lo.recalc(paths, out),
                                                      strict=True)]


def _close(shown: Any, expected: Decimal | None) -> bool:
    if expected is None:
        return shown in (None, "")
    if not isinstance(shown, int | float):
        return False
    return abs(shown - float(expected)) <= 1e-9 * max(1.0, abs(float(expected)))


@pytest.mark.libreoffice
def test_triwulan_formulas_match_the_engine(recalculated: list[tuple[dict, Path]]) -> None:
    from lkj_excel.files.read import check_workbook

    total: dict[str, int] = {}
    checked = {"capaian": 0, "tdd": 0, "realisasi": 0, "kosong": 0}
    for cases, path in recalculated:
        for k, v in cases.items():
            total[k] = total.get(k, 0) + v
        p = check_workbook(path)
        manual = [(f.sel, f.pesan) for f in p.temuan if f.kode == "diketik-manual"]
        assert manual == [], (path.name, manual[:5])
        pk_by = {norm(r["kode_indikator"]): r for r in p.data.pk}
        for row in p.data.sheet("Triwulan"):
            v = row_values(row, pk_by.get(norm(row["kode_indikator"])), p.data)
            shown = row.computed
            where = (path.name, row.row)
            if v.capaian is not None:
                assert _close(shown.get("capaian"), v.capaian), (where, shown, v)
                checked["capaian"] += 1
            elif v.capaian_catatan == TIDAK_DAPAT_DIHITUNG:
                assert shown.get("capaian") == TIDAK_DAPAT_DIHITUNG, (where, shown, v)
                checked["tdd"] += 1
            else:
                assert "capaian" not in shown, (where, shown, v)
                checked["kosong"] += 1
            if isinstance(v.realisasi_tampil, Decimal):
                assert _close(shown.get("realisasi_dihitung"), v.realisasi), (where, shown)
                checked["realisasi"] += 1
            elif v.realisasi_tampil == TIDAK_DAPAT_DIHITUNG:
                assert shown.get("realisasi_dihitung") == TIDAK_DAPAT_DIHITUNG, where
            else:
                assert "realisasi_dihitung" not in shown, where
    for case in ("target-nol", "target-kosong", "penyebut-nol", "pembilang-penyebut", "input",
                 "kosong", "tanpa-pk", "negatif-2T-R", "negatif-T/R"):
        assert total.get(case, 0) >= 3, (case, total)
    assert total["tie"] == 480
    assert checked["capaian"] > 500 and checked["tdd"] > 5 and checked["kosong"] > 20
    assert checked["realisasi"] > 500


def test_formulas_fit_excel_and_2010_functions() -> None:
    for f in formulas.triwulan_formulas(100_003).values():
        assert len(f) < 8192  # Excel's limit on a formula's length
        for bad in ("MAXIFS", "MINIFS", "LET(", "XLOOKUP", "IFS(", "FILTER(", "[@", "{"):
            assert bad not in f
    assert set(formulas.row_formulas(schema.TRIWULAN_SHEET, 4)) == {
        c.key for c in schema.TRIWULAN_SHEET.computed_columns}
