"""Next year's data (core.tahun_baru) from the seed: what is carried, emptied, moved on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lkj_excel.core import schema
from lkj_excel.core.engine import check_grids
from lkj_excel.core.layout import grids_from_data
from lkj_excel.core.numbers import MonthDate
from lkj_excel.core.seed import seed_data
from lkj_excel.core.tahun_baru import DIISI, PERIKSA, catatan_rows, next_year
from lkj_excel.core.units import workbook_id


def _next(data):  # type: ignore[no-untyped-def]
    g, names = grids_from_data(data)
    p = check_grids(g, names, "uji.xlsx")
    return next_year(data, p.result)


@pytest.fixture(scope="module")
def ny():  # type: ignore[no-untyped-def]
    return _next(seed_data())


def test_profil_and_id(ny) -> None:  # type: ignore[no-untyped-def]
    old = seed_data()
    pr = ny.data["profil"]
    assert (ny.tahun_lama, ny.tahun, pr["tahun"]) == (2024, 2025, 2025)
    assert pr["tanggal"] is None and pr["tanggal_pk"] is None and pr["tanggal_reviu"] is None
    for key in ("instansi", "nama_kepala", "nip_kepala", "jabatan_pemberi_amanah", "tempat"):
        assert pr[key] == old["profil"][key]
    assert ny.data["meta"] == {"id_buku_kerja": workbook_id(old["profil"]["instansi"], 2025),
                               "revisi": 1}
    assert ny.data["meta"]["id_buku_kerja"] != old["meta"]["id_buku_kerja"]
    assert ny.data["pengaturan"]["batas_penyampaian"] == dt.date(2026, 3, 31)
    assert ("Profil", "B13") in ny.tandai and ("Profil", "B25") in ny.tandai


def test_riwayat_gains_this_year_as_reported(ny) -> None:  # type: ignore[no-untyped-def]
    rows = [(r["kode_indikator"], r["tahun"], r["realisasi"])
            for r in ny.data["sheets"]["Riwayat"]]
    assert [r for r in rows if r[1] == 2024] == [
        ("IKU1", 2024, 100), ("IKU2", 2024, 100), ("IKU3", 2024, 96), ("IKU4", 2024, 100),
        ("IKU5", 2024, 100)]
    # the earlier years stay, in PK order then by year
    assert rows[:3] == [("IKU1", 2022, 100), ("IKU1", 2023, 100), ("IKU1", 2024, 100)]
    assert len(rows) == 15


def test_targets_from_target_renstra(ny) -> None:  # type: ignore[no-untyped-def]
    assert [r["target"] for r in ny.data["sheets"]["PK"]] == [100, 100, 98, 100, 100]
    data = seed_data()
    data["sheets"]["Target Renstra"] = [r for r in data["sheets"]["Target Renstra"]
                                        if not (r["kode_indikator"] == "IKU3"
                                                and r["tahun"] == 2025)]
    other = _next(data)
    assert [r["target"] for r in other.data["sheets"]["PK"]] == [100, 100, None, 100, 100]
    assert ("PK", "F6") in other.tandai
    note = next(c for c in other.catatan if c.jenis == DIISI and c.lembar == "PK")
    assert note.sel == "F6" and "IKU3 tidak ada di lembar Target Renstra" in note.pesan


def test_emptied_and_carried(ny) -> None:  # type: ignore[no-untyped-def]
    old, new = seed_data()["sheets"], ny.data["sheets"]
    for name in ("Kejadian", "Triwulan", "Anggaran Triwulan"):
        assert new[name] == []
    for name in ("Cascading", "Target Renstra", "Narasi", "Pegawai"):
        assert new[name] == old[name]
    for row in new["IKU"]:
        assert all(row[k] is None for k in ("pembilang", "penyebut", "realisasi", "analisis",
                                             "upaya", "hambatan", "rencana"))
        assert row["target_renstra"] == 100 and row["alasan"]
    assert [r["realisasi"] for r in new["Pembanding"]] == [None] * 10
    assert [r["program"] for r in new["Anggaran"]] == [r["program"] for r in old["Anggaran"]]
    assert all(r["anggaran"] is None and r["realisasi"] is None for r in new["Anggaran"])
    lra = {r["kode_rekening"]: r for r in new["LRA"]}
    assert lra["5"]["realisasi_lalu"] == Decimal("32204656183.00")
    assert lra["5"]["anggaran"] is None and lra["5"]["realisasi"] is None
    # the input dict is not touched
    assert seed_data()["sheets"]["PK"][2]["target"] == 95


def test_the_note(ny) -> None:  # type: ignore[no-untyped-def]
    rows = catatan_rows(ny)
    assert rows[0][0] == "Isi"  # what to fill comes first
    periksa = [c for c in ny.catatan if c.jenis == PERIKSA and c.lembar == "Narasi"]
    # Narasi rows naming 2024 (B32: the Kata Pengantar, B36: the Analisis Efisiensi)
    assert [c.sel for c in periksa] == ["B5", "B30", "B32", "B36"]
    text = "\n".join(r[5] for r in rows)
    assert "Realisasi 2024 ditambahkan ke Riwayat untuk 5 indikator" in text
    assert "target 2025 dari lembar Target Renstra untuk 5 indikator" in text
    assert "realisasi 2024 dipindah ke kolom Realisasi Tahun Lalu" in text


def test_the_new_workbook_checks_as_to_fill(ny) -> None:  # type: ignore[no-untyped-def]
    g, names = grids_from_data(ny.data)
    p = check_grids(g, names, "2025.xlsx")
    kinds = {f.kode for f in p.temuan}
    assert kinds == {"wajib-diisi", "realisasi-kosong", "profil-kosong"}
    assert {(f.lembar, f.sel) for f in p.temuan if f.kode == "profil-kosong"} == {
        ("Profil", "B13")}
    # no old-year leftovers: nothing about Riwayat years or quarters
    assert not [f for f in p.temuan if f.lembar in ("Riwayat", "Triwulan")]


def test_twice_and_edge_dates() -> None:
    data = seed_data()
    data["pengaturan"]["batas_penyampaian"] = dt.date(2024, 2, 29)
    data["profil"]["tanggal_pk"] = MonthDate.of(2024, 1)
    first = _next(data)
    assert first.data["pengaturan"]["batas_penyampaian"] == dt.date(2025, 2, 28)
    second = _next(first.data)
    assert second.data["profil"]["tahun"] == 2026
    # 2025 had no realisasi: nothing appended, and the note says so
    assert len(second.data["sheets"]["Riwayat"]) == 15
    assert any("Tanpa realisasi 2025: IKU1" in c.pesan for c in second.catatan)
    data = seed_data()
    data["profil"]["tahun"] = None
    with pytest.raises(ValueError, match="Tahun"):
        _next(data)


def test_every_sheet_is_decided() -> None:
    from lkj_excel.core import tahun_baru

    decided = set(tahun_baru.EMPTIED_SHEETS) | set(tahun_baru.CARRIED_SHEETS) | {
        "PK", "IKU", "Riwayat", "Pembanding", "Anggaran", "LRA", "Gambar"}
    assert decided == {s.name for s in schema.DATA_SHEETS}
