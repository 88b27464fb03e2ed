"""lkj rekap: the analysts' tables from folders of workbooks (merged as gabung does, or as
they are), written as .xlsx / .csv / .parquet with money exact, and the Python API."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from lkj_excel.analysis import write
from lkj_excel.analysis.collect import rekap_tables
from lkj_excel.analysis.tables import TABLES, TABLES_BY_NAME
from lkj_excel.cli import main
from lkj_excel.core import seed, units
from lkj_excel.core.temuan import ToolError
from lkj_excel.files.template import write_workbook
from tests.kit import ROOT
from tests.kit.corpus import build

CONTOH = ROOT / "workbooks" / "contoh"
AGENCY_XLSX = CONTOH / seed.NAMA_BERKAS_INSTANSI
D = Decimal


def without(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k not in keys} for r in rows]


# ---------------------------------------------------------------------------
# The seed: one workbook and its per-unit split give the same figures
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_one() -> Any:
    return rekap_tables([AGENCY_XLSX], pekerja=1)


@pytest.fixture(scope="module")
def seed_units() -> Any:
    return rekap_tables([CONTOH / "per-bidang"], pekerja=1)


def test_seed_figures(seed_one: Any) -> None:
    t = seed_one.tables
    assert [len(t[n]) for n in ("indikator", "riwayat", "anggaran", "lra", "pegawai")] == \
        [5, 15, 6, 10, 19]
    ormas = next(r for r in t["indikator"] if r["kode_indikator"] == "IKU3")
    assert (ormas["target"], ormas["realisasi"], ormas["capaian"], ormas["predikat"]) == \
        (95, 96, 101, "Sangat Baik")
    assert ormas["instansi"] == "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru"
    assert (ormas["pemda"], ormas["tahun"], ormas["kode_sasaran"]) == ("Kota Banjarbaru", 2024,
                                                                        "SS3")
    assert ormas["berkas"] == seed.NAMA_BERKAS_INSTANSI
    politik = next(r for r in t["anggaran"] if r["kode_sasaran"] == "SS2")
    assert (politik["anggaran"], politik["realisasi"], politik["serapan_persen"],
            politik["efisiensi"]) == (D("22880348450.00"), D("22859667914.00"), D("99.91"),
                                      D("20680536.00"))
    assert str(politik["anggaran"]) == "22880348450.00"  # to the sen
    belanja = next(r for r in t["lra"] if r["kode_rekening"] == "5")
    assert (belanja["tingkat"], belanja["anggaran"], belanja["realisasi_lalu"]) == \
        (1, D("33660129080.00"), D("23443482654.00"))
    assert sum(r["jumlah"] for r in t["pegawai"] if r["pengelompokan"] == "Pendidikan") == 43
    riw = {(r["tahun"], r["kode_indikator"]): (r["realisasi"], r["sumber"])
           for r in t["riwayat"]}
    assert riw[(2022, "IKU3")] == (92, "Riwayat") and riw[(2023, "IKU3")] == (100, "Riwayat")
    assert riw[(2024, "IKU3")] == (96, "dihitung")
    # one workbook: nothing merged, so no "rows of another unit" noise; the seed's own
    # inconsistency (kegiatan sum 150 rupiah above the program) is its one finding
    assert [(f["kode"], f["lembar"], f["sel"], f["berkas"]) for f in t["temuan"]] == [
        ("anggaran-kegiatan-tidak-sesuai", "Anggaran", "D5", seed.NAMA_BERKAS_INSTANSI)]
    assert t["berkas"][0]["status"] == "dipakai"


def test_per_unit_split_equals_the_one_workbook_row_for_row(seed_one: Any,
                                                            seed_units: Any) -> None:
    for name in ("indikator", "riwayat", "anggaran", "lra", "pegawai"):
        assert without(seed_units.tables[name], "berkas") == \
            without(seed_one.tables[name], "berkas"), name
    # each row names the unit workbook it came from
    by = {r["kode_indikator"]: r["berkas"] for r in seed_units.tables["indikator"]}
    assert by["IKU2"] == "03 Bidang Politik Dalam Negeri.xlsx"
    prog = {r["kode_sasaran"]: r["berkas"] for r in seed_units.tables["anggaran"]}
    assert prog[None] == "01 Sekretariat.xlsx"
    # the same finding, moved to the unit's own file and row (the program is its first row)
    (f,) = seed_units.tables["temuan"]
    assert (f["kode"], f["berkas"], f["lembar"], f["sel"]) == (
        "anggaran-kegiatan-tidak-sesuai",
        "02 Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa.xlsx", "Anggaran", "D4")
    assert f["pesan"] == seed_one.tables["temuan"][0]["pesan"]
    wb = openpyxl.load_workbook(CONTOH / "per-bidang" / f["berkas"], read_only=True)
    assert wb["Anggaran"]["D4"].value == 2067763000  # the cell named holds the program's budget
    wb.close()
    assert [b["status"] for b in seed_units.tables["berkas"]] == ["dipakai"] * 5


def test_keys_are_unique_and_columns_are_snake_case(seed_units: Any) -> None:
    for t in TABLES:
        for col in t.names:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", col), col
        if t.keys:
            keys = [tuple(r[k] for k in t.keys) for r in seed_units.tables[t.name]]
            assert len(keys) == len(set(keys)), t.name


# ---------------------------------------------------------------------------
# Several agencies and years generated from the seed
# ---------------------------------------------------------------------------

SEN = {"SS1": D("0.37"), "SS2": D("0.05"), "SS3": D("0.99"), "SS4": D("0.01"), "SS5": D("0.50")}


#: the ormas indicator's realisasi by year, as every workbook's Riwayat says it (2023's own
#: workbook computes 96 too)
ORMAS = {2021: 90, 2022: 92, 2023: 96}


def agency_year(nama: str, tahun: int, target_ormas: int, riwayat_ormas: int | None = None
                ) -> dict[str, Any]:
    """The seed as agency ``nama`` in ``tahun``: Riwayat shifted to the two years before,
    budget realisations with sen, the ormas indicator's target varied; ``riwayat_ormas``
    replaces the ormas realisasi of the year before in Riwayat."""
    data = seed.seed_data()
    data["profil"].update(instansi=nama, singkatan=nama, tahun=tahun)
    data["meta"]["id_buku_kerja"] = units.workbook_id(nama, tahun)
    for r in data["sheets"]["PK"]:
        if r["kode_indikator"] == "IKU3":
            r["target"] = target_ormas
    for r in data["sheets"]["Riwayat"]:
        r["tahun"] = r["tahun"] - 2024 + tahun
        if r["kode_indikator"] == "IKU3":
            r["realisasi"] = D(ORMAS[r["tahun"]])
            if r["tahun"] == tahun - 1 and riwayat_ormas is not None:
                r["realisasi"] = D(riwayat_ormas)
    for r in data["sheets"]["Anggaran"]:
        if r["kegiatan"] is None and r["kode_sasaran"]:
            r["realisasi"] = r["realisasi"] + SEN[r["kode_sasaran"]] + tahun - 2024
    return data


def write_split(data: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (unit, part) in enumerate(units.split_by_unit(data).items(), 1):
        write_workbook(folder / units.unit_filename(i, unit), part)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A (2024 split by unit, 2023 one workbook), B (both years one workbook; its 2024
    Riwayat says 100 for 2023 where 2023's own workbook computed 96), C (2024 split). Nested
    folders, as a secretariat keeps them."""
    root = tmp_path_factory.mktemp("rekap")
    write_split(agency_year("Dinas A", 2024, 95), root / "A" / "2024")
    write_workbook(root / "A" / "2023" / "LKj 2023 Dinas A.xlsx", agency_year("Dinas A", 2023, 95))
    write_workbook(root / "B" / "LKj 2024 Dinas B.xlsx",
                   agency_year("Dinas B", 2024, 90, riwayat_ormas=100))
    write_workbook(root / "B" / "lama" / "LKj 2023 Dinas B.xlsx", agency_year("Dinas B", 2023, 90))
    write_split(agency_year("Dinas C", 2024, 80), root / "C")
    (root / "C" / "catatan.docx").write_bytes(b"bukan buku kerja")
    return root


@pytest.fixture(scope="module")
def many_rekap(many: Path) -> Any:
    return rekap_tables([many], pekerja=1)


def test_many_agencies_and_years(many_rekap: Any) -> None:
    t = many_rekap.tables
    assert many_rekap.n_instansi_tahun == 5 and many_rekap.n_berkas == 5 + 1 + 1 + 1 + 5
    assert many_rekap.n_lain == 1  # the .docx
    assert {(r["instansi"], r["tahun"]) for r in t["indikator"]} == {
        ("Dinas A", 2023), ("Dinas A", 2024), ("Dinas B", 2023), ("Dinas B", 2024),
        ("Dinas C", 2024)}
    assert [len(t[n]) for n in ("indikator", "anggaran", "lra", "pegawai")] == \
        [25, 30, 50, 95]
    # riwayat: A and B 2021-2024, C 2022-2024, five indicators each
    assert len(t["riwayat"]) == 5 * 4 + 5 * 4 + 5 * 3
    for tb in TABLES:
        if tb.keys:
            keys = [tuple(r[k] for k in tb.keys) for r in t[tb.name]]
            assert len(keys) == len(set(keys)), tb.name
    cap = {(r["instansi"], r["tahun"]): r["capaian"] for r in t["indikator"]
           if r["kode_indikator"] == "IKU3"}
    # 96 / 95 -> 101; 96 / 90 -> 107; 96 / 80 -> 120
    assert cap == {("Dinas A", 2023): 101, ("Dinas A", 2024): 101, ("Dinas B", 2023): 107,
                   ("Dinas B", 2024): 107, ("Dinas C", 2024): 120}
    ideologi = {(r["instansi"], r["tahun"]): r["realisasi"] for r in t["anggaran"]
                if r["kode_sasaran"] == "SS1"}
    assert ideologi[("Dinas A", 2024)] == D("1373010900.37")
    assert ideologi[("Dinas B", 2023)] == D("1373010899.37")


def test_riwayat_prefers_the_years_own_workbook_and_says_when_they_differ(
        many: Path, many_rekap: Any) -> None:
    riw = {(r["instansi"], r["tahun"], r["kode_indikator"]): r
           for r in many_rekap.tables["riwayat"]}
    a23 = riw[("Dinas A", 2023, "IKU3")]
    assert (a23["realisasi"], a23["sumber"], a23["tahun_sumber"]) == (96, "dihitung", 2023)
    assert a23["berkas"] == "A/2023/LKj 2023 Dinas A.xlsx"
    a22 = riw[("Dinas A", 2022, "IKU3")]  # in both years' Riwayat: the later workbook's
    assert (a22["sumber"], a22["tahun_sumber"]) == ("Riwayat", 2024)
    assert riw[("Dinas A", 2021, "IKU3")]["tahun_sumber"] == 2023
    beda = [f for f in many_rekap.tables["temuan"] if f["kode"] == "riwayat-berbeda"]
    assert [(f["instansi"], f["tahun"], f["berkas"], f["lembar"]) for f in beda] == [
        ("Dinas B", 2024, "B/LKj 2024 Dinas B.xlsx", "Riwayat")]
    assert "IKU3 tahun 2023 tertulis 100" in beda[0]["pesan"]
    assert "96 dihitung di buku kerja tahun itu" in beda[0]["pesan"]
    # the cell named is the Riwayat row of IKU3 / 2023 in B's 2024 workbook
    wb = openpyxl.load_workbook(many / beda[0]["berkas"], read_only=True)
    ws = wb["Riwayat"]
    col, row = re.fullmatch(r"([A-Z]+)(\d+)", beda[0]["sel"]).groups()  # type: ignore[union-attr]
    assert ws[f"A{row}"].value == "IKU3" and ws[f"B{row}"].value == 2023
    assert ws[beda[0]["sel"]].value == 100
    wb.close()


def sheet_values(xlsx: Path, sheet: str) -> dict[str, tuple[str | None, str]]:
    """cell -> (type attribute, text of <v> or the inline/shared string) as written."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    with zipfile.ZipFile(xlsx) as z:
        wbx = ET.fromstring(z.read("xl/workbook.xml"))
        rid = next(s.get(f"{{{ns['r']}}}id") for s in wbx.iterfind("m:sheets/m:sheet", ns)
                   if s.get("name") == sheet)
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                      for si in sst.iterfind("m:si", ns)]
        out = {}
        for c in ET.fromstring(z.read(target)).iter(f"{{{ns['m']}}}c"):
            v = c.find("m:v", ns)
            t = c.get("t")
            if t == "inlineStr":
                out[c.get("r")] = (t, "".join(x.text or "" for x in c.iter(f"{{{ns['m']}}}t")))
            elif v is not None:
                out[c.get("r")] = (t, shared[int(v.text)] if t == "s" else v.text)
    return out


def test_xlsx_money_exact_to_the_sen_as_written(many_rekap: Any, tmp_path: Path) -> None:
    out = tmp_path / "rekap.xlsx"
    write.write_tables(many_rekap.tables, out)
    for name in ("anggaran", "lra"):
        table = TABLES_BY_NAME[name]
        cells = sheet_values(out, name)
        header = [cells[f"{openpyxl.utils.get_column_letter(i + 1)}1"][1]
                  for i in range(len(table.names))]
        assert header == list(table.names)
        n = 0
        for i, row in enumerate(many_rekap.tables[name], 2):
            for j, key in enumerate(table.names):
                if table.kind(key) != "money" or row[key] is None:
                    continue
                typ, text = cells[f"{openpyxl.utils.get_column_letter(j + 1)}{i}"]
                assert typ in (None, "n") and D(text) == row[key], (name, i, key, text)
                n += 1
        assert n > 20
    # what Excel (or openpyxl, or pandas) reads back is the same amount to the sen
    wb = openpyxl.load_workbook(out, read_only=True)
    ws = wb["anggaran"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    col = TABLES_BY_NAME["anggaran"].names.index("realisasi")
    assert {D(repr(r[col])).quantize(D("0.01")) for r in rows if r[col] is not None} == \
        {r["realisasi"] for r in many_rekap.tables["anggaran"]}
    # row 2 of the table: Dinas A 2023 (folders sorted), Program Penguatan Ideologi
    assert D(repr(rows[1][col])) == many_rekap.tables["anggaran"][1]["realisasi"] == \
        D("1373010899.37")
    wb.close()


def test_xlsx_sheets_are_excel_tables_with_filters(many_rekap: Any, tmp_path: Path) -> None:
    out = write.write_tables(many_rekap.tables, tmp_path / "rekap.xlsx")[0]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [t.name for t in TABLES] + ["keterangan"]
    for t in TABLES:
        ws = wb[t.name]
        (xt,) = ws.tables.values()
        n = len(many_rekap.tables[t.name])
        last = openpyxl.utils.get_column_letter(len(t.names))
        assert xt.ref == f"A1:{last}{max(2, n + 1)}"
        assert ws.freeze_panes == "A2"
        assert [c.value for c in ws[1]] == list(t.names)
        assert [c.name for c in xt.tableColumns] == list(t.names)
    with zipfile.ZipFile(out) as z:
        tables = [n for n in z.namelist() if n.startswith("xl/tables/")]
        assert len(tables) == len(TABLES)
        assert all(b"<autoFilter" in z.read(n) for n in tables)
    ind = wb["indikator"]
    cap = [c.value for c in ind[1]].index("capaian") + 1
    assert isinstance(ind.cell(2, cap).value, int | float)  # percentages as numbers
    ang = wb["anggaran"]
    money = [c.value for c in ang[1]].index("anggaran") + 1
    assert ang.cell(2, money).number_format == "#,##0.00"


def test_xlsx_amount_a_float_cannot_hold_is_exact_text(tmp_path: Path) -> None:
    big = D("12345678901234567.89")  # 19 significant digits
    tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    tables["anggaran"] = [{"instansi": "X", "tahun": 2024, "program": "P", "anggaran": big,
                           "realisasi": D("1234567890123.45"), "serapan_persen": D("0.01")}]
    out = write.write_tables(tables, tmp_path / "besar.xlsx")[0]
    cells = sheet_values(out, "anggaran")
    names = TABLES_BY_NAME["anggaran"].names
    at = {k: cells[f"{openpyxl.utils.get_column_letter(names.index(k) + 1)}2"]
          for k in ("anggaran", "realisasi", "serapan_persen")}
    assert at["anggaran"][0] in ("s", "inlineStr") and D(at["anggaran"][1]) == big
    assert at["realisasi"][0] in (None, "n") and D(at["realisasi"][1]) == D("1234567890123.45")
    assert D(at["serapan_persen"][1]) == D("0.01")


def test_csv_one_file_per_table_exact(many_rekap: Any, tmp_path: Path) -> None:
    paths = write.write_tables(many_rekap.tables, tmp_path / "rekap.csv")
    assert [p.name for p in paths] == [f"rekap-{t.name}.csv" for t in TABLES]
    raw = paths[2].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its mark
    rows = list(csv.DictReader(paths[2].read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 30
    assert rows[1]["realisasi"] == "1373010899.37" and rows[1]["anggaran"] == "2067763000.00"
    assert rows[1]["serapan_persen"] == "66.4"
    ind = list(csv.DictReader(paths[0].read_text(encoding="utf-8-sig").splitlines()))
    assert ind[2]["capaian"] == "101" and ind[2]["predikat"] == "Sangat Baik"
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(paths[2], dtype={"anggaran": str})
    assert list(df.columns) == list(TABLES_BY_NAME["anggaran"].names)
    assert D(df["anggaran"].iloc[1]) == D("2067763000.00")


def test_parquet_exact_decimals(many_rekap: Any, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths = write.write_tables(many_rekap.tables, tmp_path / "rekap.parquet")
    assert [p.name for p in paths] == [f"rekap-{t.name}.parquet" for t in TABLES]
    at = pq.read_table(paths[2])
    assert str(at.schema.field("anggaran").type) == "decimal128(38, 2)"
    assert str(at.schema.field("serapan_persen").type) == "double"
    assert at.column("realisasi").to_pylist()[1] == D("1373010899.37")
    assert at.num_rows == 30
    assert pq.read_table(paths[0]).column("tahun").type == "int64"


def test_parquet_without_pyarrow_says_how_to_add_it(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ToolError, match="pip install pyarrow"):
        write.output_kind("x.parquet")
    code = main(["rekap", str(AGENCY_XLSX), "--out", str(tmp_path / "r.parquet")])
    assert code == 2
    err = capsys.readouterr().err
    assert "pyarrow" in err and "lkj-excel[parquet]" in err
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------------
# Broken files: each a finding, the rest tabulated
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("rusak")
    write_split(seed.seed_data(), root / "kesbangpol")
    fixtures = build(root / "korpus", bomb=True)
    return root, fixtures


#: the corpus files that cannot be used at all (unreadable, refused by the safety scan, not
#: the template's layout, not .xlsx)
UNREADABLE = ("kosong", "acak", "terpotong", "html", "biff", "biff_diganti", "sandi", "docx",
              "bom_zip", "bom_bohong", "entitas", "xxe", "xxe_sharedstrings", "sel_jauh",
              "sel_jauh_tanpa_r")
UNUSABLE = (*UNREADABLE, "lembar_hilang", "judul_diganti", "judul_hilang")
#: the corpus files that read right with nothing to say (a lying dimension, formulas)
CLEAN = ("valid", "dimensi", "rumus")


def test_broken_files_each_in_temuan_the_rest_tabulated(
        broken: tuple[Path, dict[str, Path]], tmp_path: Path,
        capsys: pytest.CaptureFixture) -> None:
    root, fixtures = broken
    out = tmp_path / "rekap.xlsx"
    code = main(["rekap", str(root), "--out", str(out), "--pekerja", "2"])
    text = capsys.readouterr().out
    assert code == 2, text  # unreadable files: exit 2, as gabung and batch
    assert "Ditulis:" in text
    r = rekap_tables([root], pekerja=1)
    # the agency in the same tree is tabulated in full, with the seed's figures
    kes = [x for x in r.tables["indikator"] if x["instansi"] == seed.PROFIL["instansi"]]
    assert len(kes) == 5
    assert next(x for x in kes if x["kode_indikator"] == "IKU3")["capaian"] == 101
    assert len([x for x in r.tables["anggaran"] if x["instansi"] == seed.PROFIL["instansi"]]) \
        == 6
    named = {f["berkas"] for f in r.tables["temuan"]}
    status = {b["berkas"]: b["status"] for b in r.tables["berkas"]}
    name = {k: p.relative_to(root).as_posix() for k, p in fixtures.items()}
    assert set(fixtures) >= set(UNUSABLE) | set(CLEAN)
    for key in UNUSABLE:
        assert name[key] in named, key
        assert status[name[key]] in ("tidak-terbaca", "disisihkan", "dilewati"), key
    # every workbook is accounted for in the berkas table; the corpus's readable ones all
    # claim the same agency and are merged (duplicates, conflicts) as gabung merges them
    assert all(n in status for k, n in name.items() if fixtures[k].suffix in (".xlsx", ".xls"))
    assert status["korpus/bom-zip.xlsx"] == "tidak-terbaca"
    for f in r.tables["temuan"]:
        assert f["pesan"] and f["kode"] and f["tingkat"] in ("kesalahan", "peringatan")
    # what the scan refused never reached the tables (the XXE target stays unread)
    from tests.kit.corpus import RAHASIA

    assert RAHASIA not in out.read_bytes().decode("latin-1")


def test_broken_files_taken_as_they_are_each_in_temuan(
        broken: tuple[Path, dict[str, Path]]) -> None:
    root, fixtures = broken
    r = rekap_tables([root / "korpus"], gabung=False, pekerja=1)
    named = {f["berkas"] for f in r.tables["temuan"]}
    for key, path in fixtures.items():
        if path.suffix in (".xlsx", ".xls"):
            assert (path.name in named) == (key not in CLEAN), key
    tabulated = {x["berkas"] for x in r.tables["indikator"]}
    assert {"valid.xlsx", "dimensi-penuh.xlsx", "galat.xlsx"} <= tabulated
    assert not tabulated & {fixtures[k].name for k in UNREADABLE}


# ---------------------------------------------------------------------------
# Taken as they are; the Dask cluster; the CLI's answers
# ---------------------------------------------------------------------------

def test_tanpa_gabung_takes_every_workbook_as_it_is(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "r.xlsx"
    assert main(["rekap", str(CONTOH / "per-bidang"), "--out", str(out), "--tanpa-gabung"]) == 0
    assert "5 instansi-tahun (apa adanya, tanpa digabung)" in capsys.readouterr().out
    r = rekap_tables([CONTOH / "per-bidang"], gabung=False, pekerja=1)
    # each unit workbook holds its own indicators; together the five, each once
    assert sorted(x["kode_indikator"] for x in r.tables["indikator"]) == \
        ["IKU1", "IKU2", "IKU3", "IKU4", "IKU5"]
    assert {b["status"] for b in r.tables["berkas"]} == {"dipakai"}
    # the finding is at the unit file's own cell, as periksa reports it
    (f,) = r.tables["temuan"]
    assert (f["berkas"], f["sel"]) == (
        "02 Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa.xlsx", "D4")


def test_on_a_local_dask_cluster_the_same_tables(many: Path, many_rekap: Any) -> None:
    import distributed

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        r = rekap_tables([many], scheduler=cluster.scheduler_address)
    assert r.tables == many_rekap.tables


def test_process_pool_the_same_tables(many: Path, many_rekap: Any) -> None:
    assert rekap_tables([many], pekerja=2).tables == many_rekap.tables


def test_cli_bad_calls(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    x = str(AGENCY_XLSX)
    assert main(["rekap", x]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["rekap", x, "--out", str(tmp_path / "r.txt")]) == 2
    assert ".xlsx, .csv atau .parquet" in capsys.readouterr().err
    assert main(["rekap", str(tmp_path / "tidak-ada"), "--out", str(tmp_path / "r.xlsx")]) == 2
    assert "Tidak ditemukan" in capsys.readouterr().err
    assert main(["rekap", str(tmp_path), "--out", str(tmp_path / "r.xlsx")]) == 2
    assert "Tidak ada buku kerja" in capsys.readouterr().err
    assert main(["rekap", x, "--html", str(tmp_path / "r.pdf")]) == 2
    assert main(["rekap", x, "--out", str(tmp_path / "r.xlsx"), "--scheduler", "http://x"]) == 2
    assert not (tmp_path / "r.xlsx").exists()


def test_cli_rekap_its_own_output_folder_twice(tmp_path: Path,
                                               capsys: pytest.CaptureFixture) -> None:
    # the rekap's own .xlsx in the folder it reads is never taken as an input
    write_split(seed.seed_data(), tmp_path)
    out = tmp_path / "rekap.xlsx"
    assert main(["rekap", str(tmp_path), "--out", str(out)]) == 0
    assert main(["rekap", str(tmp_path), "--out", str(out)]) == 0
    assert "Rekap: 5 berkas" in capsys.readouterr().out


# ---------------------------------------------------------------------------
# The Python API
# ---------------------------------------------------------------------------

def test_import_lkj_excel_stays_cheap() -> None:
    code = ("import sys, lkj_excel; heavy = ('pandas', 'openpyxl', 'jinja2', 'python_calamine',"
            " 'lkj_excel.analysis', 'lkj_excel.files', 'pyarrow');"
            " print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_api_baca_and_rekap_as_dataframes(many: Path) -> None:
    import lkj_excel
    from lkj_excel.core.engine import Checked

    p = lkj_excel.baca(AGENCY_XLSX)
    assert isinstance(p, Checked) and not p.has_errors
    assert next(i for i in p.result.indikator if i.kode == "IKU3").capaian_bulat == 101
    t = lkj_excel.rekap(many)
    assert list(t) == [tb.name for tb in TABLES]
    ind = t["indikator"]
    assert str(ind["tahun"].dtype) == "Int64" and str(ind["capaian"].dtype) == "float64"
    pivot = ind[ind.kode_indikator == "IKU3"].pivot_table(
        index="instansi", columns="tahun", values="capaian")
    assert pivot.loc["Dinas B", 2024] == 107 and pivot.loc["Dinas C", 2024] == 120
    ang = t["anggaran"]
    assert ang["anggaran"].dtype == object and isinstance(ang["anggaran"].iloc[0], Decimal)
    total = ang[(ang.instansi == "Dinas A") & (ang.tahun == 2024)]["realisasi"].sum()
    assert total == D("32204656183.00") + sum(SEN.values())  # exact, to the sen
    assert lkj_excel.rekap([AGENCY_XLSX])["indikator"].shape == (5, 22)


def test_api_without_pandas_says_which_install_adds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import lkj_excel

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ToolError, match=r"lkj-excel\[sekretariat\]"):
        lkj_excel.rekap(AGENCY_XLSX)


@pytest.mark.libreoffice
def test_libreoffice_reads_the_xlsx_to_the_sen(many_rekap: Any, tmp_path: Path) -> None:
    # a spreadsheet engine nobody here wrote opens every sheet and keeps every amount
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    out = write.write_tables(many_rekap.tables, tmp_path / "rekap.xlsx")[0]
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", filt, "--outdir", str(tmp_path / "csv"), str(out)],
                   check=True, capture_output=True, timeout=180)
    for name in ("anggaran", "lra"):
        text = (tmp_path / "csv" / f"rekap-{name}.csv").read_text(encoding="utf-8")
        rows = list(csv.DictReader(text.splitlines()))
        assert len(rows) == len(many_rekap.tables[name])
        table = TABLES_BY_NAME[name]
        for got, want in zip(rows, many_rekap.tables[name], strict=True):
            for key in table.names:
                if table.kind(key) == "money" and want[key] is not None:
                    assert D(got[key]) == want[key], (name, key, got[key])


def test_a_reader_that_dies_loses_only_its_files(many: Path, many_rekap: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import distributed

    from lkj_excel.analysis import collect

    real = collect.load_chunk

    def dies_on_c(files: list[tuple[str, str]]) -> list[Any]:
        if any(nama.startswith("C/") for _, nama in files):
            raise MemoryError("pekerja kehabisan memori")
        return real(files)

    monkeypatch.setattr(collect, "load_chunk", dies_on_c)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        r = rekap_tables([many], scheduler=cluster.scheduler_address)
    lost = [f for f in r.tables["temuan"] if f["pesan"].startswith("Pekerja berhenti")]
    assert lost and all(f["berkas"].startswith("C/") for f in lost)
    assert "MemoryError" in lost[0]["pesan"] and r.has_unreadable
    assert {x["instansi"] for x in r.tables["indikator"]} == {"Dinas A", "Dinas B"}
    assert len(r.tables["indikator"]) == 20


# ---------------------------------------------------------------------------
# Text targets (WTP, A, BB): the category is in the tables, never an empty cell
# ---------------------------------------------------------------------------

def test_category_indicator_in_every_output(tmp_path: Path) -> None:
    from tests.kit.extended import extended_data

    book = write_workbook(tmp_path / "wtp.xlsx", extended_data())
    t = rekap_tables([book], pekerja=1).tables
    opini = next(r for r in t["indikator"] if r["kode_indikator"] == "IKU6")
    assert (opini["target"], opini["realisasi"], opini["capaian"]) == (None, None, None)
    assert (opini["target_kategori"], opini["realisasi_kategori"], opini["tercapai"],
            opini["target_renstra_kategori"]) == ("WTP", "WTP", "Tercapai", "WTP")
    assert "kategori" in opini["capaian_catatan"]
    ormas = next(r for r in t["indikator"] if r["kode_indikator"] == "IKU3")
    assert (ormas["capaian"], ormas["tercapai"], ormas["target_kategori"]) == \
        (101, "Tercapai", None)
    riwayat = [r for r in t["riwayat"] if r["kode_indikator"] == "IKU6"]
    assert {(r["tahun"], r["realisasi_kategori"]) for r in riwayat} >= {(2024, "WTP")}
    assert all(r["realisasi"] is None for r in riwayat)
    # as written: the .csv and the .xlsx carry the category text
    write.write_csv(t, tmp_path / "r.csv")
    with open(tmp_path / "r-indikator.csv", encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["kode_indikator"] == "IKU6")
    assert (row["target_kategori"], row["tercapai"], row["target"]) == ("WTP", "Tercapai", "")
    write.write_xlsx(t, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["indikator"]
    head = [c.value for c in ws[1]]
    row6 = next(r for r in ws.iter_rows(min_row=2, values_only=True) if "IKU6" in r)
    assert row6[head.index("realisasi_kategori")] == "WTP"
