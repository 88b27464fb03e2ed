"""The reviu checklist (core.reviu): which items the seed meets and which it does not, and a
workbook that misses (or, where the seed misses it, meets) each item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from lkj_excel.core.engine import check_grids
from lkj_excel.core.layout import grids_from_data
from lkj_excel.core.numbers import MonthDate
from lkj_excel.core.reviu import (
    HASIL,
    TERPENUHI,
    TIDAK_DAPAT_DIPERIKSA,
    TIDAK_TERPENUHI,
    counts,
    reviu,
)
from lkj_excel.core.seed import seed_data

T, X, Q = TERPENUHI, TIDAK_TERPENUHI, TIDAK_DAPAT_DIPERIKSA
REVIU_ROWS = ("nama_inspektur", "nip_inspektur", "jabatan_inspektur", "tanggal_reviu")


def items_of(data: dict[str, Any]) -> dict[str, Any]:
    g, names = grids_from_data(data)
    return {i.kode: i for i in reviu(check_grids(g, names, "uji.xlsx"))}


def seed_expected() -> dict[str, str]:
    """What the seed meets. The seed's workbook has no national standard nor values for
    other regions (the report explains both); its Cascading and its reviu statement rows
    are another issue's part of the seed: expected as they stand in ``seed_data``."""
    data = seed_data()
    cascading = bool(data["sheets"]["Cascading"])
    reviewed = all(data["profil"].get(k) for k in REVIU_ROWS)
    return {
        "perjanjian-kinerja": T, "target-realisasi": T, "tahun-sebelumnya": T,
        "target-renstra": T, "standar-nasional": X, "daerah-lain": X,
        "ketiadaan-dijelaskan": T, "upaya-hambatan-rtl": T, "sasaran-program": T,
        "efisiensi": T, "rpjmd": T if cascading else X, "triwulan": T, "tepat-waktu": T,
        "pernyataan-reviu": T if reviewed else X, "tanpa-kesalahan": T,
        "publikasi": Q, "pemanfaatan": Q,
    }


@pytest.fixture(scope="module")
def seed_items() -> dict[str, Any]:
    return items_of(seed_data())


def test_seed_checklist(seed_items: dict[str, Any]) -> None:
    assert {k: i.hasil for k, i in seed_items.items()} == seed_expected()
    assert seed_items["standar-nasional"].keterangan == (
        "Tanpa standar nasional: IKU1, IKU2, IKU3, IKU4, IKU5.")
    # its absence is explained, where the reviewer can read it
    expl = seed_items["ketiadaan-dijelaskan"]
    assert "standar nasional, daerah lain dijelaskan" in expl.keterangan
    assert expl.lokasi == ("Narasi!B29", "Narasi!B30")
    assert seed_items["tepat-waktu"].keterangan == (
        "Tanggal Laporan Februari 2025, batas 31 Maret 2025 (Batas Penyampaian, "
        "Pengaturan!B7): tepat waktu.")
    assert seed_items["tepat-waktu"].lokasi == ("Profil!B13", "Pengaturan!B7")
    assert "Rp 1.455.472.897,00 (4,32% dari pagu)" in \
        seed_items["efisiensi"].keterangan.replace("\u00a0", " ")
    for item in seed_items.values():
        assert item.hasil in HASIL and item.butir and item.keterangan and item.lokasi


def test_counts(seed_items: dict[str, Any]) -> None:
    c = counts(list(seed_items.values()))
    assert sum(c.values()) == 17 and c[Q] == 2


def _set(sheet: str, key: str, value: Any, only: str | None = None
         ) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        for row in d["sheets"][sheet]:
            if only is None or only in (row.get("kode_indikator"), row.get("kode_sasaran"),
                                        row.get("bagian")):
                row[key] = value
    return change


def _profil(**kw: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["profil"].update(kw)


def _empty(*sheets: str) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        for s in sheets:
            d["sheets"][s] = []
    return change


def _drop_narasi(bagian: str) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["sheets"]["Narasi"] = [r for r in d["sheets"]["Narasi"] if r["bagian"] != bagian]
    return change


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        for c in changes:
            c(d)
    return change


def _cascading(d: dict[str, Any]) -> None:
    d["sheets"]["Cascading"] = [
        {"kode_sasaran": f"SS{i}", "misi": "Misi 1", "tujuan": None,
         "sasaran_rpjmd": "Meningkatkan toleransi beragama", "indikator_rpjmd": None}
        for i in range(1, 6)]


def _unlink_program(d: dict[str, Any]) -> None:
    for row in d["sheets"]["Anggaran"]:
        if row["kode_sasaran"] == "SS3":
            row["kode_sasaran"] = None


#: (item, change to the seed, the item's result after it)
VARIANTS = [
    ("perjanjian-kinerja", _empty("PK", "IKU"), X),
    ("target-realisasi", _both(_set("IKU", "pembilang", None, "IKU3"),
                               _set("IKU", "penyebut", None, "IKU3")), X),
    ("tahun-sebelumnya", _empty("Riwayat"), X),
    ("target-renstra", _both(_empty("Target Renstra"), _set("IKU", "target_renstra", None)), X),
    ("standar-nasional", _set("IKU", "standar_nasional", Decimal(100)), T),
    ("daerah-lain", _set("Pembanding", "realisasi", Decimal(90)), T),
    ("ketiadaan-dijelaskan", _drop_narasi("Catatan Standar Nasional"), X),
    ("upaya-hambatan-rtl", _set("IKU", "hambatan", None), X),
    ("sasaran-program", _unlink_program, X),
    ("efisiensi", _set("Anggaran", "realisasi", None), X),
    ("rpjmd", _cascading, T),
    ("triwulan", _empty("Triwulan"), X),
    ("tepat-waktu", _profil(tanggal=dt.date(2025, 4, 2)), X),
    ("pernyataan-reviu", _profil(nama_inspektur="Drs. RAHMAT TAUFIK, M.Si, CGCAE",
                                 nip_inspektur="197006151990031006",
                                 jabatan_inspektur="Inspektur Kota Banjarbaru",
                                 tanggal_reviu=dt.date(2025, 2, 27)), T),
    ("tanpa-kesalahan", _set("PK", "polaritas", None, "IKU2"), X),
]


def test_every_item_has_a_variant() -> None:
    decidable = {k for k, v in seed_expected().items() if v != Q}
    assert {k for k, _, _ in VARIANTS} == decidable


@pytest.mark.parametrize(("kode", "change", "hasil"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_a_workbook_missing_or_meeting_each_item(kode: str, change: Callable, hasil: str
                                                 ) -> None:
    data = seed_data()
    change(data)
    items = items_of(data)
    assert items[kode].hasil == hasil, items[kode]
    # the other items keep the seed's result (the change touches that item only), except
    # the items that the change necessarily drags along
    dragged = {"perjanjian-kinerja": {"target-realisasi", "tahun-sebelumnya", "target-renstra",
                                      "standar-nasional", "daerah-lain", "upaya-hambatan-rtl",
                                      "sasaran-program", "rpjmd", "triwulan",
                                      "ketiadaan-dijelaskan", "tanpa-kesalahan"},
               # a missing comparison is a comparison whose absence is not explained
               "tahun-sebelumnya": {"ketiadaan-dijelaskan"},
               "target-renstra": {"ketiadaan-dijelaskan"},
               }.get(kode, set())
    others = {k: i.hasil for k, i in items.items() if k != kode and k not in dragged}
    want = {k: v for k, v in seed_expected().items() if k != kode and k not in dragged}
    assert others == want


def test_what_each_missing_item_says() -> None:
    def one(kode: str, change: Callable) -> Any:
        data = seed_data()
        change(data)
        return items_of(data)[kode]

    i = one("target-realisasi", _both(_set("IKU", "pembilang", None, "IKU3"),
                                      _set("IKU", "penyebut", None, "IKU3")))
    assert i.keterangan == "Belum lengkap: IKU3 (realisasi)." and i.lokasi == ("IKU!F6",)
    i = one("upaya-hambatan-rtl", _set("IKU", "hambatan", None))
    assert i.keterangan == "Belum: kolom Hambatan kosong untuk semua indikator."
    # an indicator below its target needs its own analysis
    i = one("upaya-hambatan-rtl", _both(_set("PK", "target", Decimal(100), "IKU3"),
                                        _set("Triwulan", "target", Decimal(100), "IKU3")))
    assert "IKU3 (Hambatan, Rencana Tindak Lanjut)" in i.keterangan and i.hasil == X
    i = one("sasaran-program", _unlink_program)
    assert i.keterangan == "Sasaran tanpa program beranggaran: SS3."
    i = one("ketiadaan-dijelaskan", _drop_narasi("Catatan Pembanding"))
    assert i.keterangan.startswith("Tidak dijelaskan mengapa perbandingan dengan daerah lain")
    assert "dijelaskan: standar nasional" in i.keterangan
    i = one("tanpa-kesalahan", _set("PK", "polaritas", None, "IKU2"))
    assert i.keterangan.startswith("1 kesalahan, antara lain: PK!G5 ")
    i = one("pernyataan-reviu", _profil(nama_inspektur="X", nip_inspektur=None,
                                        jabatan_inspektur=None, tanggal_reviu=None))
    assert i.keterangan == ("Belum diisi di Profil: NIP Inspektur, Jabatan Inspektur, Tanggal "
                            "Reviu.")
    assert i.lokasi == ("Profil!B20", "Profil!B21", "Profil!B23", "Profil!B24")


def test_deadline_cases() -> None:
    def tepat(**profil: Any) -> Any:
        data = seed_data()
        pengaturan = profil.pop("pengaturan", None)
        data["profil"].update(profil)
        if pengaturan is not None:
            data["pengaturan"].update(pengaturan)
        return items_of(data)["tepat-waktu"]

    late = tepat(tanggal=dt.date(2025, 4, 2))
    assert late.hasil == X and late.keterangan.endswith("terlambat.")
    # no date: cannot be checked
    assert tepat(tanggal=None).hasil == Q
    # a month-only date in the deadline's month cannot be decided; another month can
    assert tepat(tanggal=MonthDate.of(2025, 3)).hasil == Q
    assert tepat(tanggal=MonthDate.of(2025, 2)).hasil == T
    assert tepat(tanggal=MonthDate.of(2025, 4)).hasil == X
    # no Batas Penyampaian: the general rule, 3 months after the year ends
    general = tepat(tanggal=dt.date(2025, 3, 30), pengaturan={"batas_penyampaian": None})
    assert general.hasil == T
    assert "dipakai batas umum 3 bulan setelah tahun berakhir (31 Maret 2025)" in \
        general.keterangan
    assert general.lokasi == ("Profil!B13", "Pengaturan!B7")  # where to fill it in
