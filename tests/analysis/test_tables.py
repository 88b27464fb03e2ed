"""The table builders over one computed workbook (no files): what ``rows_of`` and
``consolidate`` make of the engine's figures."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from lkj_excel.analysis.tables import OneFile, consolidate, rows_of
from lkj_excel.core.engine import check_grids
from tests.kit.grids import grids, iku, pk


def run(**kw: Any) -> Any:
    g = grids(**kw)
    return check_grids(g, list(g), "uji.xlsx")


def tables(**kw: Any) -> dict[str, list[dict[str, Any]]]:
    return consolidate([rows_of(run(**kw), OneFile("uji.xlsx"))])


def test_riwayat_category_typed_in_another_case_is_spelled_as_the_scale() -> None:
    # the Riwayat says "wtp" for the report year, the year computes WTP: the same figure
    t = tables(PK=[pk("I1", "WTP", satuan="Opini")], IKU=[iku("I1", realisasi="WTP")],
               Riwayat=[{"kode_indikator": "I1", "tahun": 2024, "realisasi": "wtp"},
                        {"kode_indikator": "I1", "tahun": 2023, "realisasi": " wdp "}])
    assert [f for f in t["temuan"] if f["kode"] == "riwayat-berbeda"] == []
    riw = {r["tahun"]: (r["realisasi"], r["realisasi_kategori"], r["sumber"])
           for r in t["riwayat"]}
    assert riw == {2023: (None, "WDP", "Riwayat"), 2024: (None, "WTP", "dihitung")}


def test_riwayat_category_that_differs_is_still_a_finding() -> None:
    t = tables(PK=[pk("I1", "WTP", satuan="Opini")], IKU=[iku("I1", realisasi="WTP")],
               Riwayat=[{"kode_indikator": "I1", "tahun": 2024, "realisasi": "wdp"}])
    (f,) = [f for f in t["temuan"] if f["kode"] == "riwayat-berbeda"]
    assert "I1 tahun 2024 tertulis WDP, sedangkan WTP dihitung" in f["pesan"]


def test_category_target_spelled_as_the_scale_in_json_and_rekap() -> None:
    from lkj_excel.core.engine import indikator_json

    kw: dict[str, Any] = {"PK": [pk("I1", "wtp", satuan="Opini"), pk("I2", 95.5)],
                          "IKU": [iku("I1", realisasi="WTP"), iku("I2", realisasi=96.0)]}
    p = run(**kw)
    j1, j2 = (indikator_json(i) for i in p.result.indikator)
    assert (j1["target"], j1["realisasi"], j1["tercapai"]) == ("WTP", "WTP", True)
    assert j2["target"] == 95.5  # a number stays a number
    from lkj_excel.core.schema import RINGKASAN_INDIKATOR
    from lkj_excel.core.sheets import ringkasan_blocks

    keys = [o.key for o in RINGKASAN_INDIKATOR]
    col, kode = keys.index("target"), keys.index("kode")
    table = next(b for b in ringkasan_blocks(p) if b.kind == "data" and b.rows
                 and len(b.rows[0]) == len(keys) and b.rows[0][kode] == "I1")
    assert [r[col] for r in table.rows] == ["WTP", D("95.5")]
    t = tables(**kw)
    r1, r2 = t["indikator"]
    assert (r1["target"], r1["target_kategori"], r1["realisasi_kategori"]) == (None, "WTP", "WTP")
    assert (r2["target"], r2["target_kategori"]) == (D("95.5"), None)


def test_category_capaian_catatan_says_the_engines_reason_when_not_met_or_not() -> None:
    from lkj_excel.core.compute import KATEGORI_TIDAK_DIKENAL, TIDAK_SEJENIS

    t = tables(PK=[pk("I1", "WTP", satuan="Opini"), pk("I2", "WPT", satuan="Opini"),
                   pk("I3", "WTP", satuan="Opini"), pk("I4", "WTP", satuan="Opini")],
               IKU=[iku("I1", realisasi="WTP"), iku("I2", realisasi="WTP"),
                    iku("I3", realisasi=9.0), iku("I4")])
    got = {r["kode_indikator"]: (r["tercapai"], r["capaian_catatan"]) for r in t["indikator"]}
    assert got == {"I1": ("Tercapai", "target berupa kategori: lihat kolom tercapai"),
                   "I2": (None, KATEGORI_TIDAK_DIKENAL), "I3": (None, TIDAK_SEJENIS),
                   "I4": (None, "target atau realisasi belum ada")}


def test_tercapai_in_words_one_rule() -> None:
    from lkj_excel.core.compute import tercapai_kata
    from lkj_excel.core.schema import TERCAPAI, TIDAK_TERCAPAI

    assert [tercapai_kata(x) for x in (True, False, None)] == [TERCAPAI, TIDAK_TERCAPAI, None]
