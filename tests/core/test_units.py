"""Ownership rules, split and merge on the seed's data (pure: no files)."""

from __future__ import annotations

import copy
import sys
from decimal import Decimal

import pytest

from lkj_excel.core import schema, units
from lkj_excel.core import seed as example

IDEOLOGI = example.BIDANG_IDEOLOGI
POLITIK = example.BIDANG_POLITIK
KETAHANAN = example.BIDANG_KETAHANAN
KEWASPADAAN = example.BIDANG_KEWASPADAAN


@pytest.fixture()
def seed() -> dict:
    return example.seed_data()


def test_seed_data_shape(seed: dict) -> None:
    # every sheet of the schema, every row with exactly the input column keys
    assert set(seed["sheets"]) == {s.name for s in schema.DATA_SHEETS}
    for sheet in schema.DATA_SHEETS:
        keys = {c.key for c in sheet.input_columns}
        if sheet is schema.GAMBAR:  # a Gambar row also carries its picture
            keys.add(units.PICTURE_KEY)
        for row in seed["sheets"][sheet.name]:
            assert set(row) == keys, (sheet.name, row)
    assert set(seed["profil"]) == {f.key for f in schema.PROFIL_FIELDS}
    counts = {name: len(rows) for name, rows in seed["sheets"].items() if rows}
    assert counts == {"PK": 5, "IKU": 5, "Riwayat": 10, "Pembanding": 10, "Kejadian": 15,
                      "Anggaran": 21, "LRA": 10, "Pegawai": 19, "Narasi": 33,
                      "Target Renstra": 30, "Triwulan": 21, "Anggaran Triwulan": 24,
                      "Cascading": 5, "Gambar": 8}


def test_seed_data_figures(seed: dict) -> None:
    sh = seed["sheets"]
    programs = [r for r in sh["Anggaran"] if r["kegiatan"] is None]
    assert sum(r["anggaran"] for r in programs) == Decimal("33660129080")
    assert sum(r["realisasi"] for r in programs) == Decimal("32204656183")
    ideologi = [r for r in sh["Anggaran"]
                if r["program"] == example.PROGRAM_IDEOLOGI and r["kegiatan"]]
    assert sum(r["anggaran"] for r in ideologi) == Decimal("2067763150")
    assert [r["target"] for r in sh["PK"]] == [100, 100, 95, 100, 100]
    asn = [r["jumlah"] for r in sh["Pegawai"] if r["jenis"] == "ASN"]
    kontrak = [r["jumlah"] for r in sh["Pegawai"] if r["jenis"] == "Tenaga Kontrak"]
    assert sum(asn) == 62  # 31 by Pendidikan + 31 by Pangkat
    assert sum(kontrak) == 12
    by_kode: dict[str, int] = {}
    for r in sh["Kejadian"]:
        by_kode[r["kode_indikator"]] = by_kode.get(r["kode_indikator"], 0) + 1
    assert by_kode == {"IKU1": 1, "IKU4": 10, "IKU5": 4}
    assert all(r["status"] in schema.STATUS_TERTANGANI for r in sh["Kejadian"])
    narasi = [r["bagian"] for r in sh["Narasi"]]
    assert narasi.count("Dasar Hukum") == 7
    assert narasi.count("Strategi Peningkatan Kinerja") == 4
    assert narasi.count("Penutup") == 1
    assert set(narasi) <= set(schema.BAGIAN_NARASI)


def test_units_of(seed: dict) -> None:
    assert units.units_of(seed) == ["Sekretariat", IDEOLOGI, POLITIK, KETAHANAN, KEWASPADAAN]
    # spelling differences in PK do not make a new unit; the first spelling wins
    seed["sheets"]["PK"][3]["bidang"] = "  bidang ketahanan ekonomi, sosial, budaya, agama " \
                                        "dan  kemasyarakatan "
    assert units.units_of(seed)[3] == KETAHANAN
    assert len(units.units_of(seed)) == 5


def test_owner_rules(seed: dict) -> None:
    sh = seed["sheets"]
    assert units.owner("PK", sh["PK"][2], seed) == KETAHANAN
    assert units.owner("IKU", {"kode_indikator": "iku5"}, seed) == KEWASPADAAN
    assert units.owner("Riwayat", {"kode_indikator": "IKU2", "tahun": 2022}, seed) == POLITIK
    assert units.owner("Kejadian", sh["Kejadian"][0], seed) == IDEOLOGI
    assert units.owner("Pembanding", {"kode_indikator": "IKU9"}, seed) == "Sekretariat"
    penunjang, ideologi, keg = sh["Anggaran"][0], sh["Anggaran"][1], sh["Anggaran"][2]
    assert units.owner("Anggaran", penunjang, seed) == "Sekretariat"
    assert units.owner("Anggaran", ideologi, seed) == IDEOLOGI
    assert units.owner("Anggaran", keg, seed) == IDEOLOGI
    # a kegiatan follows its program's row, whatever its own Kode Sasaran says
    stray = {**keg, "kode_sasaran": "SS5"}
    assert units.owner("Anggaran", stray, seed) == IDEOLOGI
    # a kegiatan of an unknown program falls back on its own Kode Sasaran
    orphan = {**keg, "program": "Program Lain", "kode_sasaran": "SS2"}
    assert units.owner("Anggaran", orphan, seed) == POLITIK
    for name in ("LRA", "Pegawai", "Narasi", "Gambar"):
        assert units.owner(name, seed["sheets"][name][0], seed) == "Sekretariat"
    # a Cascading row follows its sasaran's Bidang
    assert units.owner("Cascading", sh["Cascading"][4], seed) == KEWASPADAAN
    assert units.owner("Cascading", {"kode_sasaran": "SS9"}, seed) == "Sekretariat"


def test_split_each_unit_owns_its_rows(seed: dict) -> None:
    parts = units.split_by_unit(seed)
    assert list(parts) == ["Sekretariat", IDEOLOGI, POLITIK, KETAHANAN, KEWASPADAAN]
    counts = {u: {n: len(r) for n, r in p["sheets"].items() if r} for u, p in parts.items()}
    assert counts == {
        "Sekretariat": {"Anggaran": 1, "LRA": 10, "Pegawai": 19, "Narasi": 33,
                        "Anggaran Triwulan": 4, "Gambar": 8},
        IDEOLOGI: {"PK": 1, "IKU": 1, "Riwayat": 2, "Pembanding": 2, "Kejadian": 1,
                   "Anggaran": 5, "Target Renstra": 6, "Triwulan": 4, "Anggaran Triwulan": 4,
                   "Cascading": 1},
        POLITIK: {"PK": 1, "IKU": 1, "Riwayat": 2, "Pembanding": 2, "Anggaran": 4,
                  "Target Renstra": 6, "Triwulan": 5, "Anggaran Triwulan": 4, "Cascading": 1},
        KETAHANAN: {"PK": 2, "IKU": 2, "Riwayat": 4, "Pembanding": 4, "Kejadian": 10,
                    "Anggaran": 7, "Target Renstra": 12, "Triwulan": 8,
                    "Anggaran Triwulan": 8, "Cascading": 2},
        KEWASPADAAN: {"PK": 1, "IKU": 1, "Riwayat": 2, "Pembanding": 2, "Kejadian": 4,
                      "Anggaran": 4, "Target Renstra": 6, "Triwulan": 4,
                      "Anggaran Triwulan": 4, "Cascading": 1},
    }
    for unit, part in parts.items():
        assert part["profil"]["bidang"] == unit
        assert part["profil"]["instansi"] == seed["profil"]["instansi"]
        assert part["profil"]["tanggal"] == seed["profil"]["tanggal"]
        assert part["pengaturan"] == seed["pengaturan"]
        assert part["meta"]["revisi"] == 1
        for name, rows in part["sheets"].items():
            for row in rows:
                assert units.owner(name, row, seed) == unit
    assert [r["kode_indikator"] for r in parts[KETAHANAN]["sheets"]["PK"]] == ["IKU3", "IKU4"]
    ids = [p["meta"]["id_buku_kerja"] for p in parts.values()]
    assert len(set(ids + [seed["meta"]["id_buku_kerja"]])) == 6
    # deterministic: the same data gives the same ids
    assert [p["meta"]["id_buku_kerja"] for p in units.split_by_unit(seed).values()] == ids


def test_split_does_not_share_rows_with_input(seed: dict) -> None:
    before = copy.deepcopy(seed)
    parts = units.split_by_unit(seed)
    parts[IDEOLOGI]["sheets"]["PK"][0]["target"] = Decimal(1)
    parts["Sekretariat"]["profil"]["tahun"] = 1999
    assert seed == before


def test_merge_inverts_split(seed: dict) -> None:
    parts = list(units.split_by_unit(seed).values())
    assert units.merge_units(parts) == seed
    # the Sekretariat's part leads whatever the order it arrives in; indicator rows follow PK
    shuffled = [parts[4], parts[2], parts[0], parts[3], parts[1]]
    merged = units.merge_units(shuffled)
    assert merged["profil"] == seed["profil"]
    assert merged["meta"] == seed["meta"]
    pk_order = [r["kode_indikator"] for r in merged["sheets"]["PK"]]
    assert pk_order == ["IKU5", "IKU2", "IKU3", "IKU4", "IKU1"]
    assert [r["kode_indikator"] for r in merged["sheets"]["IKU"]] == pk_order
    for name in schema.SHEETS_BY_NAME:
        key = (lambda r: sorted((k, str(v)) for k, v in r.items()))
        assert sorted(map(key, merged["sheets"][name])) == \
            sorted(map(key, seed["sheets"][name])), name


def test_merge_needs_parts() -> None:
    with pytest.raises(ValueError):
        units.merge_units([])


def test_workbook_id() -> None:
    a = units.workbook_id("Badan X", 2024, "Bidang A")
    assert a == units.workbook_id(" badan  x ", 2024, "bidang a")
    assert a != units.workbook_id("Badan X", 2025, "Bidang A")
    assert a != units.workbook_id("Badan X", 2024)


def test_unit_filename() -> None:
    assert units.unit_filename(1, "Sekretariat") == "01 Sekretariat.xlsx"
    assert units.unit_filename(4, example.BIDANG_KETAHANAN) == (
        "04 Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Kemasyarakatan.xlsx")
    # unsafe unit names stay inside the folder and are valid on Windows
    assert units.unit_filename(12, "Ekonomi/Sosial: Budaya?") == "12 Ekonomi Sosial_ Budaya_.xlsx"
    assert units.unit_filename(3, "../CON") == "03 _CON.xlsx"
    assert units.unit_filename(2, " .. ") == "02 Bidang.xlsx"


def test_units_module_is_light() -> None:
    import subprocess

    code = ("import sys, lkj_excel.core.units; "
            "print(any(m in sys.modules for m in ('openpyxl', 'pandas', 'python_calamine')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_split_stamps_the_roster_of_units():
    parts = units.split_by_unit(example.seed_data())
    texts = {p["meta"]["daftar_bidang"] for p in parts.values()}
    assert len(texts) == 1  # every unit's workbook carries the same roster
    roster = units.parse_roster(texts.pop())
    assert [r["bidang"] for r in roster] == list(parts)
    sek, ideologi = roster[0], roster[1]
    assert sek["indikator"] == [] and sek["lembar"]["LRA"] == 10 and sek["lembar"]["Pegawai"] == 19
    assert ideologi["indikator"] == ["IKU1"] and ideologi["sasaran"] == ["SS1"]


@pytest.mark.parametrize("text", [None, "", "bukan json", "{}", '[{"bidang": 3}]', "[1, 2]"])
def test_damaged_roster_reads_as_none(text):
    assert units.parse_roster(text) == []


def test_missing_unit_message_names_the_unit():
    text = units.missing_unit_text("Bidang A, B dan C") + ", jadi indikator I1 tidak ikut."
    assert units.missing_unit_of(text) == "Bidang A, B dan C"
    assert units.missing_unit_of("Pesan lain.") is None
