"""lkj pecah / gabung / beda on the seed example split by unit (real .xlsx files)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from lkj_excel.batch.check import check_data, check_merged, write_merged
from lkj_excel.batch.diff import diff_files
from lkj_excel.batch.merge import (
    CONFLICT,
    DUPLICATE,
    OLD_REVISION,
    SET_ASIDE,
    SKIPPED,
    UNREADABLE,
    USED,
    merge_files,
)
from lkj_excel.batch.split import split_file
from lkj_excel.cli import main
from lkj_excel.core import schema, seed, units
from lkj_excel.core.engine import to_json
from lkj_excel.files.read import check_workbook
from lkj_excel.files.template import write_workbook
from tests.kit.habits import T0, set_saved

KETAHANAN = seed.BIDANG_KETAHANAN
POLITIK = seed.BIDANG_POLITIK
F_KETAHANAN = f"04 {KETAHANAN}.xlsx"
F_POLITIK = f"03 {POLITIK}.xlsx"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: sha(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session")
def contoh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed as one agency workbook, and the same split by `lkj pecah`."""
    root = tmp_path_factory.mktemp("contoh")
    master = root / seed.NAMA_BERKAS_INSTANSI
    write_workbook(master, seed.seed_data())
    before = sha(master)
    h = split_file(master, root / "per-bidang")
    assert sha(master) == before  # the input is never modified
    assert [b.path.name for b in h.berkas][:3] == [
        "01 Sekretariat.xlsx", "02 Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa.xlsx",
        F_POLITIK]
    return {"master": master, "units": root / "per-bidang"}


@pytest.fixture()
def units_dir(contoh: dict[str, Path], tmp_path: Path) -> Path:
    d = tmp_path / "masuk"
    shutil.copytree(contoh["units"], d)
    return d


def figures(p) -> dict:  # type: ignore[no-untyped-def]
    j = to_json(p)
    j.pop("berkas")
    j.pop("temuan")
    return j


def codes(temuan) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.kode, f.tingkat) for f in temuan]


def part_of(bidang: str) -> dict:
    return copy.deepcopy(units.split_by_unit(seed.seed_data())[bidang])


def iku_row(data: dict, kode: str) -> dict:
    return next(r for r in data["sheets"]["IKU"] if r["kode_indikator"] == kode)


def indikator(p, kode: str):  # type: ignore[no-untyped-def]
    return next(i for i in p.result.indikator if i.kode == kode)


# ---------------------------------------------------------------------------
# pecah
# ---------------------------------------------------------------------------

def test_pecah_one_workbook_per_bidang_stamped(contoh: dict[str, Path]) -> None:
    files = sorted(contoh["units"].iterdir())
    assert len(files) == 5
    seen_ids = set()
    for f in files:
        # names safe for email attachments and Windows
        assert not set('<>:"/\\|?*') & set(f.name) and f.name == f.name.strip()
        p = check_workbook(f)
        d = p.data
        assert d.profil["instansi"] == seed.PROFIL["instansi"]
        assert d.profil["nama_kepala"] == seed.PROFIL["nama_kepala"]
        assert d.meta["revisi"] == 1
        assert d.meta["versi_templat"] == schema.TEMPLATE_VERSION
        assert d.meta["id_buku_kerja"] == units.workbook_id(
            seed.PROFIL["instansi"], 2024, d.profil["bidang"])
        seen_ids.add(d.meta["id_buku_kerja"])
        for row in d.pk:  # only the unit's own indicators
            assert row["bidang"] == d.profil["bidang"]
    assert len(seen_ids) == 5
    ket = check_workbook(contoh["units"] / F_KETAHANAN)
    assert [r["kode_indikator"] for r in ket.data.pk] == ["IKU3", "IKU4"]
    assert [r["kode_indikator"] for r in ket.data.iku] == ["IKU3", "IKU4"]
    assert ket.data.lra == [] and ket.data.pegawai == []
    sek = check_workbook(contoh["units"] / "01 Sekretariat.xlsx")
    assert sek.data.pk == [] and len(sek.data.lra) == 10 and len(sek.data.pegawai) == 19


def test_pecah_cli_and_unreadable_master(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    assert main(["pecah", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "bukan buku kerja Excel" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


# ---------------------------------------------------------------------------
# gabung: the figures of the split equal those of the one workbook
# ---------------------------------------------------------------------------

def test_gabung_split_equals_one_workbook(contoh: dict[str, Path], tmp_path: Path) -> None:
    before = hashes(contoh["units"])
    g = merge_files([contoh["units"]])
    assert [b.status for b in g.berkas] == [USED] * 5
    assert g.temuan == []
    one = check_workbook(contoh["master"])
    merged = check_merged(g, "GABUNGAN.xlsx")
    assert figures(merged) == figures(one)
    # the seed's figures
    ormas = indikator(merged, "IKU3")
    assert (ormas.realisasi_bulat, ormas.capaian_bulat, ormas.predikat) == (
        D(96), D(101), "Sangat Baik")
    a = merged.result.anggaran
    assert (a.anggaran, a.realisasi) == (D("33660129080"), D("32204656183"))
    assert (a.serapan_persen, a.efisiensi, a.efisiensi_persen) == (
        D("95.68"), D("1455472897"), D("4.32"))
    assert merged.result.pegawai.jumlah == 43
    # the same findings as the one workbook, named at the unit's file and cell they come
    # from (the program of Bidang Ideologi is the first Anggaran row of its file)
    assert [(f.kode, f.lembar, f.sel) for f in one.temuan] == [
        ("anggaran-kegiatan-tidak-sesuai", "Anggaran", "D5")]
    assert [(f.kode, f.berkas, f.lembar, f.sel) for f in merged.temuan] == [
        ("anggaran-kegiatan-tidak-sesuai", f"02 {seed.BIDANG_IDEOLOGI}.xlsx", "Anggaran", "D4")]
    assert "(Di buku kerja gabungan: Anggaran!D5.)" in merged.temuan[0].pesan
    # the written workbook reads back to the same figures and the same cells
    out = write_merged(g.data, merged, tmp_path / "GABUNGAN.xlsx")
    back = check_workbook(out)
    assert figures(back) == figures(one)
    assert [(f.kode, f.lembar, f.sel) for f in back.temuan] == [
        (f.kode, f.lembar, f.sel) for f in one.temuan]
    wb = openpyxl.load_workbook(out, read_only=True)
    assert {schema.RINGKASAN_SHEET, schema.VALIDASI_SHEET} <= set(wb.sheetnames)
    wb.close()
    assert hashes(contoh["units"]) == before


def test_in_memory_layout_matches_written_workbook(tmp_path: Path) -> None:
    data = seed.seed_data()
    iku_row(data, "IKU3")["pembilang"] = "lima puluh"  # unreadable: a finding at its cell
    data["sheets"]["PK"][1]["target"] = None
    path = write_workbook(tmp_path / "x.xlsx", data)
    a, b = check_data(data, "x.xlsx"), check_workbook(path)
    assert [(f.kode, f.lembar, f.sel, f.pesan) for f in a.temuan] == [
        (f.kode, f.lembar, f.sel, f.pesan) for f in b.temuan]
    assert ("wajib-diisi", "PK", "F5") in [(f.kode, f.lembar, f.sel) for f in a.temuan]


def test_gabung_cli_json_and_exit_code(contoh: dict[str, Path], tmp_path: Path,
                                       capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "G.xlsx"
    files = sorted(contoh["units"].iterdir())
    assert main(["gabung", *map(str, files), "--out", str(out), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["keluaran"] == str(out)
    assert [s["status"] for s in obj["sumber"]] == ["dipakai"] * 5
    ormas = next(i for i in obj["indikator"] if i["kode"] == "IKU3")
    assert (ormas["realisasi"], ormas["capaian"], ormas["predikat"]) == (96, 101, "Sangat Baik")
    assert obj["anggaran"]["serapan_persen"] == 95.68
    assert not list(tmp_path.glob(".lkj-*"))  # no temp file left behind


# ---------------------------------------------------------------------------
# gabung: duplicates, revisions, conflicts, set aside, foreign rows, broken files
# ---------------------------------------------------------------------------

def test_exact_duplicate_counts_once(contoh: dict[str, Path], units_dir: Path) -> None:
    src = units_dir / F_KETAHANAN
    shutil.copy(src, units_dir / "LKj FINAL revisi (1).xlsx")
    # the same workbook saved again by a spreadsheet program: other bytes, same content
    wb = openpyxl.load_workbook(src)
    wb.save(units_dir / "LKj FINAL.xlsx")
    assert sha(units_dir / "LKj FINAL.xlsx") != sha(src)
    g = merge_files([units_dir])
    by = {b.berkas: b for b in g.berkas}
    used = [b for b in g.berkas if b.identitas.get("bidang") == KETAHANAN
            and b.status == USED]
    assert len(used) == 1
    dups = [b for b in g.berkas if b.status == DUPLICATE]
    assert len(dups) == 2 and all("dihitung sekali" in b.pesan for b in dups)
    assert by[used[0].berkas].berkas in dups[0].pesan
    assert figures(check_merged(g)) == figures(check_workbook(contoh["master"]))


def test_newer_revision_wins_and_report_names_the_file(units_dir: Path) -> None:
    new = part_of(KETAHANAN)
    iku_row(new, "IKU3")["pembilang"] = D(52)
    new["meta"]["revisi"] = 2
    write_workbook(units_dir / "Ketahanan revisi.xlsx", new)
    g = merge_files([units_dir])
    by = {b.berkas: b for b in g.berkas}
    assert by["Ketahanan revisi.xlsx"].status == USED
    assert by[F_KETAHANAN].status == OLD_REVISION
    assert "Ketahanan revisi.xlsx" in by[F_KETAHANAN].pesan
    assert "revisi 2" in by[F_KETAHANAN].pesan
    assert g.temuan == []
    p = check_merged(g)
    assert indikator(p, "IKU3").realisasi_bulat == D(98)  # 52/53
    assert len(p.result.indikator) == 5


def test_unit_editing_another_units_indicator(contoh: dict[str, Path], units_dir: Path,
                                              tmp_path: Path,
                                              capsys: pytest.CaptureFixture) -> None:
    politik = part_of(POLITIK)
    other = copy.deepcopy(iku_row(part_of(KETAHANAN), "IKU3"))
    other["pembilang"] = D(50)
    politik["sheets"]["IKU"].append(other)
    write_workbook(units_dir / F_POLITIK, politik)
    g = merge_files([units_dir])
    # one finding: the file, the row, the owning unit and what to do; no cascade
    assert [(f.kode, f.tingkat, f.berkas) for f in g.temuan] == [
        ("ubah-milik-bidang-lain", "kesalahan", F_POLITIK)]
    pesan = g.temuan[0].pesan
    assert f"milik {KETAHANAN}" in pesan
    assert "IKU IKU3 (baris 5; berbeda di kolom Pembilang)" in pesan
    assert F_KETAHANAN in pesan and "hapus baris itu dari berkas ini" in pesan
    p = check_merged(g)
    assert indikator(p, "IKU3").realisasi_bulat == D(96)  # the owner's 51/53
    assert [f.kode for f in p.temuan] == ["ubah-milik-bidang-lain",
                                          "anggaran-kegiatan-tidak-sesuai"]
    out = tmp_path / "G.xlsx"
    assert main(["gabung", str(units_dir), "--out", str(out)]) == 1
    text = capsys.readouterr().out
    assert "ubah-milik-bidang-lain" in text and "KESALAHAN" in text


def test_same_indicator_from_two_other_units_is_a_conflict(units_dir: Path) -> None:
    # neither file is the owner's: nothing is picked silently
    ket = part_of(KETAHANAN)
    ket["sheets"]["IKU"] = [r for r in ket["sheets"]["IKU"] if r["kode_indikator"] != "IKU3"]
    write_workbook(units_dir / F_KETAHANAN, ket)
    for name, bidang, p in ((F_POLITIK, POLITIK, 50), ("02 ideologi.xlsx", seed.BIDANG_IDEOLOGI,
                                                        49)):
        part = part_of(bidang)
        row = copy.deepcopy(iku_row(part_of(KETAHANAN), "IKU3"))
        row["pembilang"] = D(p)
        part["sheets"]["IKU"].append(row)
        write_workbook(units_dir / name, part)
    (units_dir / f"02 {seed.BIDANG_IDEOLOGI}.xlsx").unlink()
    g = merge_files([units_dir])
    conflicts = [f for f in g.temuan if f.kode == "konflik-baris"]
    assert len(conflicts) == 1 and "Tidak ada yang dipakai" in conflicts[0].pesan
    assert indikator(check_merged(g), "IKU3").realisasi is None


def test_same_unit_same_saved_time_different_content(units_dir: Path) -> None:
    a = part_of(KETAHANAN)
    iku_row(a, "IKU3")["pembilang"] = D(52)
    write_workbook(units_dir / "Ketahanan dari email.xlsx", a)
    for f in (units_dir / "Ketahanan dari email.xlsx", units_dir / F_KETAHANAN):
        set_saved(f, T0)
    g = merge_files([units_dir])
    by = {b.berkas: b for b in g.berkas}
    assert by["Ketahanan dari email.xlsx"].status == CONFLICT
    assert by[F_KETAHANAN].status == CONFLICT
    kinds = codes(g.temuan)
    assert ("konflik-revisi", "kesalahan") in kinds and ("konflik-baris", "kesalahan") in kinds
    msg = next(f.pesan for f in g.temuan if f.kode == "konflik-revisi")
    assert schema.META_SHEET not in msg and "Revisi" not in msg  # no hidden sheet to open
    assert "Hapus berkas yang salah" in msg and "simpan" in msg
    p = check_merged(g)
    assert indikator(p, "IKU3").realisasi is None
    assert indikator(p, "IKU4").realisasi_bulat == D(100)  # identical rows count once


def test_resend_without_revision_later_save_wins(units_dir: Path) -> None:
    a = part_of(KETAHANAN)
    iku_row(a, "IKU3")["pembilang"] = D(52)
    write_workbook(units_dir / "Ketahanan dari email.xlsx", a)
    set_saved(units_dir / F_KETAHANAN, T0)
    set_saved(units_dir / "Ketahanan dari email.xlsx", T0 + dt.timedelta(days=2))
    g = merge_files([units_dir])
    by = {b.berkas: b for b in g.berkas}
    assert by["Ketahanan dari email.xlsx"].status == USED
    assert by[F_KETAHANAN].status == OLD_REVISION
    assert "12/02/2025 08.00.00 UTC" in by[F_KETAHANAN].pesan
    assert g.temuan == []
    assert indikator(check_merged(g), "IKU3").realisasi_bulat == D(98)  # 52/53


def test_other_year_other_instansi_and_old_template_set_aside(contoh: dict[str, Path],
                                                              units_dir: Path) -> None:
    old = part_of(POLITIK)
    old["profil"]["tahun"] = 2023
    write_workbook(units_dir / "Politik 2023.xlsx", old)
    other = part_of(POLITIK)
    other["profil"]["instansi"] = "Dinas Lain"
    write_workbook(units_dir / "Dinas lain.xlsx", other)
    path = write_workbook(units_dir / "templat lama.xlsx", part_of(KETAHANAN))
    wb = openpyxl.load_workbook(path)
    ws = wb[schema.META_SHEET]
    for row in ws.iter_rows():
        if row[0].value == "Versi Templat":
            row[1].value = "0.9"
    wb.save(path)
    shutil.copy(units_dir / F_POLITIK, units_dir / "struktur lama.xlsx")
    wb = openpyxl.load_workbook(units_dir / "struktur lama.xlsx")
    del wb["IKU"]
    wb.save(units_dir / "struktur lama.xlsx")
    g = merge_files([units_dir])
    by = {b.berkas: b for b in g.berkas}
    assert by["Politik 2023.xlsx"].status == SET_ASIDE
    assert "tahun 2023" in by["Politik 2023.xlsx"].pesan
    assert by["Dinas lain.xlsx"].status == SET_ASIDE
    assert "Dinas Lain" in by["Dinas lain.xlsx"].pesan
    assert by["templat lama.xlsx"].status == SET_ASIDE
    assert "versi 0.9" in by["templat lama.xlsx"].pesan
    assert by["struktur lama.xlsx"].status == SET_ASIDE
    assert "IKU" in by["struktur lama.xlsx"].pesan
    kinds = [(f.kode, f.berkas, f.tingkat) for f in g.temuan]
    assert ("instansi-lain", "Politik 2023.xlsx", "peringatan") in kinds  # another year
    assert ("instansi-lain", "Dinas lain.xlsx", "kesalahan") in kinds  # Instansi typed otherwise
    kinds = [(f.kode, f.berkas) for f in g.temuan]
    assert ("versi-templat", "templat lama.xlsx") in kinds
    assert ("templat-tidak-dikenal", "struktur lama.xlsx") in kinds
    assert figures(check_merged(g)) == figures(check_workbook(contoh["master"]))


def test_foreign_rows_flagged_and_counted_once(contoh: dict[str, Path], units_dir: Path) -> None:
    politik = part_of(POLITIK)
    ket = part_of(KETAHANAN)
    politik["sheets"]["PK"].append(ket["sheets"]["PK"][0])  # IKU3 of Ketahanan, unchanged
    politik["sheets"]["IKU"].append(iku_row(ket, "IKU3"))
    write_workbook(units_dir / F_POLITIK, politik)
    g = merge_files([units_dir])
    foreign = [f for f in g.temuan if f.kode == "baris-bidang-lain"]
    assert len(foreign) == 1 and foreign[0].berkas == F_POLITIK
    assert "2 baris milik " + KETAHANAN in foreign[0].pesan
    assert "PK IKU3" in foreign[0].pesan and "IKU IKU3" in foreign[0].pesan
    assert figures(check_merged(g)) == figures(check_workbook(contoh["master"]))


def test_foreign_row_only_in_wrong_file_is_used_and_flagged(units_dir: Path) -> None:
    ket = part_of(KETAHANAN)
    kej = [r for r in ket["sheets"]["Kejadian"]]
    assert kej
    politik = part_of(POLITIK)
    politik["sheets"]["Kejadian"] = kej  # IKU4's events typed in Politik's workbook
    ket["sheets"]["Kejadian"] = []
    write_workbook(units_dir / F_POLITIK, politik)
    write_workbook(units_dir / F_KETAHANAN, ket)
    g = merge_files([units_dir])
    assert [f.kode for f in g.temuan] == ["baris-bidang-lain"]
    assert indikator(check_merged(g), "IKU4").penyebut == D(10)


def test_broken_file_among_good_ones(contoh: dict[str, Path], units_dir: Path,
                                     tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (units_dir / "rusak.xlsx").write_bytes(b"PK\x03\x04 potongan arsip")
    (units_dir / "~$04 Bidang.xlsx").write_bytes(b"kunci")
    (units_dir / "catatan.txt").write_text("catatan", encoding="utf-8")
    (units_dir / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    before = hashes(units_dir)
    g = merge_files([units_dir])
    by = {b.berkas: b for b in g.berkas}
    assert by["rusak.xlsx"].status == UNREADABLE
    assert "rusak" in by["rusak.xlsx"].pesan
    assert by["~$04 Bidang.xlsx"].status == SKIPPED and "kunci" in by["~$04 Bidang.xlsx"].pesan
    assert by["catatan.txt"].status == SKIPPED
    assert by["lama.xls"].status == UNREADABLE and "format lama (.xls" in by["lama.xls"].pesan
    assert len([b for b in g.berkas if b.status == USED]) == 5
    assert figures(check_merged(g)) == figures(check_workbook(contoh["master"]))
    out = tmp_path / "G.xlsx"
    assert main(["gabung", str(units_dir), "--out", str(out)]) == 2  # like lkj periksa
    assert out.exists()
    assert hashes(units_dir) == before


def test_conf_sheet_flagged_and_never_copied(units_dir: Path, tmp_path: Path) -> None:
    path = units_dir / F_POLITIK
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("xlwings.conf")["A1"] = "INTERPRETER"
    wb.save(path)
    g = merge_files([units_dir])
    assert ("lembar-konfigurasi", F_POLITIK) in [(f.kode, f.berkas) for f in g.temuan]
    out = write_merged(g.data, check_merged(g), tmp_path / "G.xlsx")
    wb = openpyxl.load_workbook(out, read_only=True)
    assert not [n for n in wb.sheetnames if n.endswith(".conf")]
    wb.close()


def test_gabung_nothing_usable(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert main(["gabung", str(tmp_path), "--out", str(tmp_path / "G.xlsx")]) == 2
    assert "Tidak ada buku kerja" in capsys.readouterr().out
    assert not (tmp_path / "G.xlsx").exists()
    assert main(["gabung", str(tmp_path / "tidak-ada"), "--out", str(tmp_path / "G.xlsx")]) == 2


# ---------------------------------------------------------------------------
# beda
# ---------------------------------------------------------------------------

def test_beda_cells_rows_added_and_removed(tmp_path: Path, capsys: pytest.CaptureFixture
                                           ) -> None:
    a = part_of(KETAHANAN)
    b = copy.deepcopy(a)
    iku_row(b, "IKU3")["pembilang"] = D(52)
    b["meta"]["revisi"] = 2
    b["sheets"]["Riwayat"] = [r for r in b["sheets"]["Riwayat"]
                              if not (r["kode_indikator"] == "IKU4" and r["tahun"] == 2022)]
    new_event = dict(b["sheets"]["Kejadian"][0], uraian="Rapat koordinasi tambahan")
    b["sheets"]["Kejadian"].append(new_event)
    b["sheets"]["Kejadian"][1]["status"] = "Dalam Proses"
    pa = write_workbook(tmp_path / "A.xlsx", a)
    pb = write_workbook(tmp_path / "B.xlsx", b)
    before = (sha(pa), sha(pb))
    d = diff_files(pa, pb)
    got = {(p.jenis, p.lembar, p.kunci, p.kolom, str(p.lama), str(p.baru)) for p in d.edits}
    assert ("ubah", "IKU", "IKU3", "Pembilang", "51", "52") in got
    assert ("hapus", "Riwayat", "IKU4 / 2022", "", "None", "None") in got
    assert any(j == "tambah" and s == "Kejadian" and "Rapat koordinasi tambahan" in k
               for j, s, k, *_ in got)
    assert any(j == "ubah" and s == "Kejadian" and c == "Status" and new == "Dalam Proses"
               for j, s, k, c, old, new in got)
    assert d.counts() == {"ubah": 2, "tambah": 1, "hapus": 1}
    cell = next(p for p in d.edits if p.kolom == "Pembilang")
    assert cell.sel_lama == cell.sel_baru == "C4"  # Pembilang of the first IKU row
    assert main(["beda", str(pa), str(pb)]) == 0
    text = capsys.readouterr().out
    assert "IKU3 · Pembilang: 51 -> 52" in text and "(revisi 2)" in text
    assert main(["beda", str(pa), str(pb), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["sama"] is False and obj["jumlah"] == {"ubah": 2, "tambah": 1, "hapus": 1}
    assert main(["beda", str(pa), str(pa)]) == 0
    assert "Tidak ada perubahan" in capsys.readouterr().out
    assert (sha(pa), sha(pb)) == before
    assert main(["beda", str(pa), str(tmp_path / "tidak-ada.xlsx")]) == 2


def test_beda_prints_money_and_numbers_the_indonesian_way(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture) -> None:
    a = part_of(KETAHANAN)
    b = copy.deepcopy(a)
    b["sheets"]["Anggaran"][0]["realisasi"] = D("30000000")
    iku_row(b, "IKU3")["target_renstra"] = D("97.5")
    pa = write_workbook(tmp_path / "A.xlsx", a)
    pb = write_workbook(tmp_path / "B.xlsx", b)
    assert main(["beda", str(pa), str(pb)]) == 0
    text = capsys.readouterr().out
    old = a["sheets"]["Anggaran"][0]["realisasi"]
    assert f"Realisasi: Rp {old:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") \
        + " -> Rp 30.000.000,00" in text
    assert "Target Akhir Renstra: 100 -> 97,5" in text
    assert "Perubahan dari \"A.xlsx\"" in text and "ke \"B.xlsx\"" in text
