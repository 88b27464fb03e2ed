"""One LibreOffice per process for many PDFs: reused, restarted after a crash or a hang with
the document retried once, then reported; never left running when its process goes away.

The crashes and hangs are real: the test kills (SIGKILL) or stops (SIGSTOP) the running
soffice.bin of the session.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from lkj_excel.core.seed import seed_data
from lkj_excel.files.read import check_workbook
from lkj_excel.files.template import write_workbook
from lkj_excel.report.office import Office, OfficeError
from lkj_excel.report.pdf import soffice, uno_python
from lkj_excel.report.render import render_docx

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(os.name != "posix", reason="signals of POSIX")]


@pytest.fixture(scope="module")
def tools() -> tuple[str, str]:
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    py = uno_python(exe)
    if py is None:
        pytest.skip("Python-UNO LibreOffice tidak terpasang")
    return exe, py


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("laporan")
    return render_docx(check_workbook(write_workbook(folder / "seed.xlsx", seed_data())), folder)


def office_pids(server: int | None) -> list[int]:
    """The soffice.bin processes under a session's server process."""
    if server is None:
        return []
    try:
        kids = psutil.Process(server).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    out = []
    for k in kids:
        try:
            if k.name().startswith("soffice"):
                out.append(k.pid)
        except psutil.NoSuchProcess:  # gone between listing and asking (a restart)
            continue
    return out


def wait_for_office(o: Office, timeout: float = 60) -> int:
    end = time.time() + timeout
    while time.time() < end:
        pids = [p for p in office_pids(o.server_pid()) if _is_bin(p)]
        if pids:
            return pids[0]
        time.sleep(0.1)
    raise AssertionError("soffice.bin tidak ditemukan")


def _is_bin(pid: int) -> bool:
    try:
        return psutil.Process(pid).name() == "soffice.bin"
    except psutil.NoSuchProcess:
        return False


def is_pdf(path: Path) -> bool:
    return path.exists() and path.read_bytes()[:5] == b"%PDF-" and path.stat().st_size > 50_000


def test_one_office_for_many_documents(tools, docx: Path, tmp_path: Path) -> None:
    o = Office(*tools)
    try:
        o.convert(docx, tmp_path / "a.pdf")
        first = wait_for_office(o)
        o.convert(docx, tmp_path / "b.pdf")
        assert is_pdf(tmp_path / "a.pdf") and is_pdf(tmp_path / "b.pdf")
        assert o.starts == 1 and wait_for_office(o) == first
    finally:
        o.close()
    assert not psutil.pid_exists(first) or psutil.Process(first).status() == "zombie"


def test_a_crashed_office_is_restarted_and_the_document_retried(tools, docx: Path,
                                                                tmp_path: Path) -> None:
    o = Office(*tools)
    try:
        o.convert(docx, tmp_path / "a.pdf")
        os.kill(wait_for_office(o), signal.SIGKILL)
        o.convert(docx, tmp_path / "b.pdf")
        assert is_pdf(tmp_path / "b.pdf") and o.starts == 2
    finally:
        o.close()


def test_a_hung_office_is_killed_restarted_and_the_document_retried(tools, docx: Path,
                                                                    tmp_path: Path) -> None:
    o = Office(*tools)
    try:
        o.convert(docx, tmp_path / "a.pdf")
        hung = wait_for_office(o)
        os.kill(hung, signal.SIGSTOP)
        t0 = time.perf_counter()
        o.convert(docx, tmp_path / "b.pdf", timeout=25)
        assert is_pdf(tmp_path / "b.pdf") and o.starts == 2
        assert time.perf_counter() - t0 < 120
        time.sleep(0.5)
        assert not psutil.pid_exists(hung) or psutil.Process(hung).status() == "zombie"
    finally:
        o.close()


def test_twice_crashed_is_reported_for_that_document_only(tools, docx: Path,
                                                          tmp_path: Path) -> None:
    o = Office(*tools)
    stop = threading.Event()

    def killer() -> None:  # kills every soffice.bin of the session while it runs
        while not stop.is_set():
            for pid in office_pids(o.server_pid()):
                if _is_bin(pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            time.sleep(0.05)

    try:
        t = threading.Thread(target=killer, daemon=True)
        t.start()
        with pytest.raises(OfficeError) as exc:
            o.convert(docx, tmp_path / "a.pdf", timeout=60)
        stop.set()
        t.join()
        assert "dicoba ulang sekali" in exc.value.pesan
        assert not (tmp_path / "a.pdf").exists()
        o.convert(docx, tmp_path / "b.pdf")  # the next document is fine
        assert is_pdf(tmp_path / "b.pdf")
    finally:
        stop.set()
        o.close()


def test_a_document_office_cannot_open_is_reported_without_a_restart(tools, docx: Path,
                                                                     tmp_path: Path) -> None:
    o = Office(*tools)
    try:
        o.convert(docx, tmp_path / "a.pdf")
        bad = tmp_path / "rusak.docx"
        bad.write_bytes(b"PK\x03\x04 bukan dokumen")
        with pytest.raises(OfficeError):
            o.convert(bad, tmp_path / "rusak.pdf", timeout=60)
        o.convert(docx, tmp_path / "b.pdf")
        assert is_pdf(tmp_path / "b.pdf")
        assert o.starts == 1
    finally:
        o.close()


CHILD = """
import os, sys, psutil
from lkj_excel.report.office import Office
from lkj_excel.report.pdf import soffice, uno_python
exe = soffice()
o = Office(exe, uno_python(exe))
o.convert(sys.argv[1], sys.argv[2])
kids = psutil.Process(o.server_pid()).children(recursive=True)
print(o.server_pid(), *[k.pid for k in kids], flush=True)
os._exit(0)  # no atexit, no close: as a killed worker leaves
"""


def test_office_goes_when_its_process_goes(tools, docx: Path, tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", CHILD, str(docx), str(tmp_path / "a.pdf")],
                         capture_output=True, text=True, timeout=300, check=True)
    pids = [int(x) for x in out.stdout.split()]
    assert len(pids) >= 2  # the server and LibreOffice under it

    def running(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != "zombie"
        except psutil.NoSuchProcess:
            return False

    end = time.time() + 60
    while time.time() < end and any(running(p) for p in pids):
        time.sleep(0.2)
    assert not [p for p in pids if running(p)]
