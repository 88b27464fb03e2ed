"""The batch when things die: a pool worker, a Dask worker, LibreOffice, killed mid-run
(for real, with SIGKILL). Each costs only its own tasks; results are written as they
complete; the Dask workers run without their sampling profiler."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import psutil
import pytest

from lkj_excel.batch.run import DONE, JOURNAL, run_batch_folder
from lkj_excel.core import seed, units
from lkj_excel.files.template import write_workbook

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals of POSIX")


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six clean agencies (the seed split by unit), one folder each."""
    root = tmp_path_factory.mktemp("banyak")
    first = root / "instansi-1"
    first.mkdir()
    for i, (unit, part) in enumerate(units.split_by_unit(seed.seed_data()).items(), 1):
        write_workbook(first / units.unit_filename(i, unit), part)
    for k in range(2, 7):
        shutil.copytree(first, root / f"instansi-{k}")
    return root


def _kill_after_first(pick, results: list) -> threading.Thread:  # type: ignore[no-untyped-def]
    """Kill (SIGKILL) the process ``pick()`` names once the first result is in."""
    def run() -> None:
        end = time.time() + 300
        while not results and time.time() < end:
            time.sleep(0.05)
        pid = None
        while pid is None and time.time() < end:
            pid = pick()
            time.sleep(0.05)
        if pid:
            os.kill(pid, signal.SIGKILL)
            results.append(("dibunuh", pid))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def _busy_child(kind: str) -> int | None:
    """A pool worker (spawned) of this process that is working right now."""
    for c in psutil.Process().children(recursive=True):
        try:
            cmd = " ".join(c.cmdline())
            if kind in cmd and c.cpu_percent(interval=0.05) > 5:
                return c.pid
        except psutil.NoSuchProcess:
            continue
    return None


def _check(result: list, out: Path, n: int = 6) -> None:
    assert len(result) == n
    assert all(h.status == DONE for h in result), [(h.folder, h.pesan) for h in result]
    lines = (out / JOURNAL).read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["folder"] for x in lines) == sorted(h.folder for h in result)


def test_a_pool_worker_killed_mid_run_costs_only_its_tasks(many: Path, tmp_path: Path) -> None:
    seen: list = []
    killer = _kill_after_first(lambda: _busy_child("multiprocessing"), seen)
    result = run_batch_folder(many, tmp_path, pekerja=2, kemajuan=seen.append)
    killer.join(timeout=5)
    assert any(isinstance(x, tuple) and x[0] == "dibunuh" for x in seen)
    _check(result, tmp_path)  # the killed task was tried again, on a new pool


def test_a_dask_worker_killed_mid_run_costs_only_its_tasks(many: Path, tmp_path: Path) -> None:
    from distributed import Client

    from lkj_excel.batch.cluster import local_cluster

    with local_cluster(2) as cluster, Client(cluster) as client:
        pids = set(client.run(os.getpid).values())
        seen: list = []

        def pick() -> int | None:
            for pid in pids:
                try:
                    if psutil.Process(pid).cpu_percent(interval=0.05) > 5:
                        return pid
                except psutil.NoSuchProcess:
                    continue
            return None

        killer = _kill_after_first(pick, seen)
        result = run_batch_folder(many, tmp_path, scheduler=cluster.scheduler_address,
                                  kemajuan=seen.append)
        killer.join(timeout=5)
        assert any(isinstance(x, tuple) and x[0] == "dibunuh" for x in seen)
        _check(result, tmp_path)
        # the batch switched the sampling profiler off on every worker, the new one too
        on = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
        assert on and not any(on.values())


def test_profiler_goes_off_on_a_cluster_started_with_it(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from lkj_excel.batch.cluster import quiet_workers

    import dask

    with dask.config.set({"distributed.worker.profile.enabled": True}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        def profiling(dask_worker) -> bool:  # type: ignore[no-untyped-def]
            return "profile" in dask_worker.periodic_callbacks

        assert all(client.run(profiling).values())  # Dask's default
        quiet_workers(client)
        assert not any(client.run(profiling).values())


@pytest.mark.libreoffice
def test_libreoffice_killed_mid_batch_loses_no_pdf(many: Path, tmp_path: Path) -> None:
    from lkj_excel.report.pdf import soffice, uno_python

    exe = soffice()
    if exe is None or uno_python(exe) is None:
        pytest.skip("LibreOffice dengan Python-UNO tidak terpasang")
    src = tmp_path / "masuk"
    for k in (1, 2, 3):
        shutil.copytree(many / f"instansi-{k}", src / f"instansi-{k}")
    seen: list = []

    def office() -> int | None:
        for c in psutil.Process().children(recursive=True):
            try:
                if c.name() == "soffice.bin":
                    return c.pid
            except psutil.NoSuchProcess:
                continue
        return None

    killer = _kill_after_first(office, seen)
    result = run_batch_folder(src, tmp_path / "hasil", pdf=True, pekerja=1,
                              kemajuan=seen.append)
    killer.join(timeout=5)
    assert any(isinstance(x, tuple) and x[0] == "dibunuh" for x in seen)
    _check(result, tmp_path / "hasil", n=3)
    for h in result:
        pdfs = [k for k in h.keluaran if k.endswith(".pdf")]
        assert len(pdfs) == 1 and Path(pdfs[0]).read_bytes()[:5] == b"%PDF-", h.catatan
