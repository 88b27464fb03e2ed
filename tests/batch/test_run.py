"""lkj batch: several agencies over a process pool and over a local Dask cluster."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from lkj_excel.batch.run import FAILED, HAS_ERRORS, find_instansi, run_batch_folder
from lkj_excel.cli import main
from lkj_excel.core import seed, units
from lkj_excel.files.read import check_workbook
from lkj_excel.files.template import write_workbook
from tests.kit.habits import T0, set_saved

NASTY = "Dinas <b>Uji</b> & \"Co\""


@pytest.fixture(scope="module")
def agencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """a-kesbangpol: the seed split by unit, plus a broken file and a lock file;
    b-dinas: another agency (name with HTML) where Politik's re-send edits Ketahanan's IKU3; c-kosong: only a broken file."""
    root = tmp_path_factory.mktemp("instansi")
    data = seed.seed_data()
    a = root / "a-kesbangpol"
    a.mkdir()
    for i, (unit, part) in enumerate(units.split_by_unit(data).items(), 1):
        write_workbook(a / units.unit_filename(i, unit), part)
    (a / "rusak.xlsx").write_bytes(b"bukan excel")
    (a / "~$01 Sekretariat.xlsx").write_bytes(b"kunci")
    b = root / "b-dinas"
    b.mkdir()
    data["profil"]["instansi"] = NASTY
    data["profil"]["singkatan"] = None
    parts = units.split_by_unit(data)
    for i, (unit, part) in enumerate(parts.items(), 1):
        write_workbook(b / units.unit_filename(i, unit), part)
    pol = parts[seed.BIDANG_POLITIK]
    iku3 = dict(next(r for r in data["sheets"]["IKU"] if r["kode_indikator"] == "IKU3"))
    iku3["pembilang"] = 40
    pol["sheets"]["IKU"].append(iku3)
    write_workbook(b / "03 politik dari email.xlsx", pol)
    for f in b.iterdir():  # the re-send was saved later: it is the unit's version
        set_saved(f, T0 + dt.timedelta(hours=1) if "email" in f.name else T0)
    c = root / "c-kosong"
    c.mkdir()
    (c / "x.xlsx").write_bytes(b"PK\x03\x04rusak")
    (root / "d-bukan-instansi").mkdir()  # no workbook: not an agency
    return root


def test_cari_instansi(agencies: Path) -> None:
    assert [p.name for p in find_instansi(agencies)] == ["a-kesbangpol", "b-dinas", "c-kosong"]
    assert find_instansi(agencies / "a-kesbangpol") == [agencies / "a-kesbangpol"]


def check_outputs(result: list, out: Path) -> None:  # type: ignore[type-arg]
    by = {Path(h.folder).name: h for h in result}
    a, b, c = by["a-kesbangpol"], by["b-dinas"], by["c-kosong"]
    # the unreadable file is the agency's only kesalahan; the five good ones are merged
    assert a.status == HAS_ERRORS and a.kesalahan == 1 and a.tidak_terbaca == 1
    assert len(a.dipakai) == 5
    assert ("rusak.xlsx", "tidak-terbaca") in [(x[0], x[1]) for x in a.disisihkan]
    assert ("~$01 Sekretariat.xlsx", "dilewati") in [(x[0], x[1]) for x in a.disisihkan]
    merged = check_workbook(out / "a-kesbangpol" / "LKj 2024 Badan Kesbangpol Kota Banjarbaru.xlsx")
    ormas = next(i for i in merged.result.indikator if i.kode == "IKU3")
    assert (ormas.realisasi_bulat, ormas.capaian_bulat, ormas.predikat) == (96, 101, "Sangat Baik")
    assert merged.result.pegawai.jumlah == 43
    assert (out / "a-kesbangpol" / "LKj 2024 Badan Kesbangpol Kota Banjarbaru - Validasi.xlsx"
            ).exists()
    assert b.status == HAS_ERRORS and b.kesalahan >= 1
    html = next((out / "b-dinas").glob("*Validasi.html")).read_text(encoding="utf-8")
    assert "<b>Uji</b>" not in html and "&lt;b&gt;Uji&lt;/b&gt; &amp;" in html
    # Politik's re-send changes Ketahanan's IKU3: Ketahanan's row is used, one kesalahan
    assert "ubah-milik-bidang-lain" in html
    wb = openpyxl.load_workbook(next((out / "b-dinas").glob("*Validasi.xlsx")), read_only=True)
    rows = list(wb["Validasi"].iter_rows(values_only=True))
    assert any(r[2] == "ubah-milik-bidang-lain" for r in rows)
    wb.close()
    assert c.status == FAILED and "Tidak ada buku kerja" in c.pesan


def test_batch_process_pool_cli(agencies: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "hasil"
    code = main(["batch", str(agencies), "--out", str(out), "--pekerja", "2"])
    text = capsys.readouterr().out
    assert code == 2  # one agency failed, one file unreadable
    assert "Hasil batch" in text and "a-kesbangpol" in text and "gagal" in text
    assert "rusak.xlsx" in text
    summary = json.loads((out / "ringkasan-batch.json").read_text(encoding="utf-8"))
    assert [Path(s["folder"]).name for s in summary] == ["a-kesbangpol", "b-dinas", "c-kosong"]
    from lkj_excel.batch.run import InstansiResult

    check_outputs([InstansiResult(**{k: v for k, v in s.items()}) for s in summary], out)


def test_batch_on_local_dask_cluster(agencies: Path, tmp_path: Path) -> None:
    import distributed

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        result = run_batch_folder(agencies, tmp_path, scheduler=cluster.scheduler_address)
    assert [Path(h.folder).name for h in result] == ["a-kesbangpol", "b-dinas", "c-kosong"]
    check_outputs(result, tmp_path)


def test_batch_bad_calls(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["batch", str(tmp_path / "tidak-ada"), "--out", str(tmp_path / "o")]) == 2
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "Tidak ada buku kerja" in capsys.readouterr().err
    (tmp_path / "a.xlsx").write_bytes(b"x")
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o"),
                 "--scheduler", "http://x"]) == 2


def _clean_agency(root: Path) -> Path:
    a = root / "bersih"
    a.mkdir()
    for i, (unit, part) in enumerate(units.split_by_unit(seed.seed_data()).items(), 1):
        write_workbook(a / units.unit_filename(i, unit), part)
    return a


def test_batch_one_agency_writes_the_report(tmp_path: Path) -> None:
    a = _clean_agency(tmp_path)
    (h,) = run_batch_folder(a, tmp_path / "out", pekerja=1)
    assert h.status == "selesai" and h.kesalahan == 0, h
    docx = [k for k in h.keluaran if k.endswith(".docx")]
    assert len(docx) == 1 and Path(docx[0]).stat().st_size > 10_000
    from docx import Document

    text = "\n".join(par.text for par in Document(docx[0]).paragraphs)
    assert "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru" in text


@pytest.mark.libreoffice
def test_batch_pdf(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    a = _clean_agency(tmp_path)
    (h,) = run_batch_folder(a, tmp_path / "out", pdf=True, pekerja=1)
    pdf = [k for k in h.keluaran if k.endswith(".pdf")]
    assert len(pdf) == 1, h.catatan
    assert Path(pdf[0]).read_bytes()[:5] == b"%PDF-"


def test_the_pool_says_its_own_size() -> None:
    """The in-flight limit comes from the size the pool was made with (no private field)."""
    from lkj_excel.batch.run import _executor

    for pekerja, n_tasks, want in ((3, 10, 3), (8, 2, 2), (0, 1, 1)):
        ex, closer, workers = _executor(pekerja, None, n_tasks)
        try:
            assert (workers, closer) == (want, None)
        finally:
            ex.shutdown(wait=True)
