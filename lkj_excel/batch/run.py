"""``lkj batch``: merge, validate and render many agencies, one task per agency.

Tasks run on a pool of processes (``concurrent.futures.ProcessPoolExecutor``) or, with a
scheduler address, on an existing Dask distributed cluster through its
concurrent.futures executor (``distributed.Client(address).get_executor()``). A task never
raises: one agency's broken files never stop the others.

Each result is written as it completes (one JSON line in ``ringkasan-batch.jsonl`` of the
output folder) and then let go, so the cluster does not keep it. A pool worker that dies
breaks only the tasks it had in flight: the pool is started again and those tasks are tried
once more (then reported as failed); the pool keeps only two tasks per worker in flight so
that little else is caught. On Dask the scheduler moves a lost worker's tasks to the others;
the workers' sampling profiler is switched off (``lkj_excel.batch.cluster``) so their memory
stays flat over thousands of tasks.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lkj_excel.batch.load import XLSX

DONE = "selesai"
HAS_ERRORS = "ada kesalahan"
FAILED = "gagal"
#: the results as they complete, one JSON object per line, in the output folder
JOURNAL = "ringkasan-batch.jsonl"


@dataclass
class InstansiResult:
    """The outcome of one agency (plain data: crosses process boundaries)."""

    folder: str
    status: str = FAILED
    instansi: str = ""
    tahun: int | None = None
    pesan: str = ""
    dipakai: list[str] = field(default_factory=list)
    disisihkan: list[tuple[str, str, str]] = field(default_factory=list)  # berkas, status, pesan
    kesalahan: int = 0
    peringatan: int = 0
    tidak_terbaca: int = 0
    keluaran: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    detik: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def find_instansi(folder: str | Path) -> list[Path]:
    """The agency folders: each subfolder holding .xlsx files, plus ``folder`` itself when it
    holds .xlsx files directly (one agency)."""
    root = Path(folder)

    def has_xlsx(p: Path) -> bool:
        return any(c.is_file() and c.suffix.casefold() == XLSX and not c.name.startswith("~$")
                   for c in p.iterdir())

    subs = sorted((c for c in root.iterdir() if c.is_dir() and not c.name.startswith(".")),
                  key=lambda c: c.name.casefold())
    out = [root] if has_xlsx(root) else []
    out += [s for s in subs if has_xlsx(s)]
    return out


def _laporan(p: Any, out_dir: Path, pdf: bool) -> tuple[list[str], list[str]]:
    """The report (.docx, and .pdf if asked) when the merged data has no kesalahan (as
    ``lkj laporan`` without ``--paksa``); (paths, notes). With ``pdf``, the one LibreOffice
    run also writes the page numbers of the .docx's table of contents (without it the
    batch stays fast and the entries carry no page numbers)."""
    from lkj_excel.report.render import render_docx, render_report

    if p.has_errors:
        return [], ["Laporan tidak disusun karena masih ada kesalahan; perbaiki lalu jalankan "
                    "lagi."]
    try:
        rendered = render_report(p)
        docx = render_docx(p, out_dir, rendered=rendered)
    except Exception as exc:  # the report must not stop the batch
        return [], [f"Laporan gagal disusun: {type(exc).__name__}: {exc}"]
    paths, notes = [str(docx)], list(rendered.catatan)
    if pdf:
        try:
            from lkj_excel.report.pdf import finish_with_libreoffice

            done = finish_with_libreoffice(docx, rendered.toc, docx.with_suffix(".pdf"))
            if done.pdf is not None:
                paths.append(str(done.pdf))
            if done.peringatan:
                notes.append(done.peringatan)
        except Exception as exc:
            pesan = getattr(exc, "pesan", None) or str(exc)
            notes.append(f"PDF tidak dibuat: {pesan}")
    return paths, notes


def process_instansi(folder: str, out_root: str, pdf: bool = False) -> InstansiResult:
    """Merge, validate and write everything for one agency folder. Never raises."""
    t0 = time.perf_counter()
    h = InstansiResult(folder=str(folder))
    try:
        _proses(Path(folder), Path(out_root), pdf, h)
    except Exception as exc:
        from lkj_excel.core.temuan import LkjError

        h.status = FAILED
        h.pesan = (exc.pesan if isinstance(exc, LkjError)
                   else f"Terjadi kesalahan tak terduga: {type(exc).__name__}: {exc}")
    h.detik = round(time.perf_counter() - t0, 3)
    return h


def _proses(folder: Path, out_root: Path, pdf: bool, h: InstansiResult) -> None:
    from lkj_excel.batch.check import check_merged, write_merged
    from lkj_excel.batch.merge import CONFLICT, UNREADABLE, USED, merge_files
    from lkj_excel.batch.render import write_validasi_html, write_validasi_xlsx
    from lkj_excel.core.filenames import safe_filename

    g = merge_files([folder])
    h.dipakai = [b.berkas for b in g.berkas if b.status in (USED, CONFLICT)]
    h.disisihkan = [(b.berkas, b.status, b.pesan) for b in g.berkas
                    if b.status not in (USED, CONFLICT)]
    h.tidak_terbaca = sum(1 for b in g.berkas if b.status == UNREADABLE)
    if g.data is None:
        h.status = FAILED
        h.pesan = "Tidak ada buku kerja LKj yang dapat digabung di folder ini."
        return
    h.instansi, h.tahun = g.instansi, g.tahun
    singkatan = g.data["profil"].get("singkatan") or g.instansi
    stem = safe_filename(f"LKj {g.tahun} {singkatan}", default="LKj")
    out_dir = out_root / safe_filename(folder.name, default="instansi")
    out_dir.mkdir(parents=True, exist_ok=True)
    p = check_merged(g, f"{stem}.xlsx")
    h.keluaran.append(str(write_merged(g.data, p, out_dir / f"{stem}.xlsx")))
    h.keluaran.append(str(write_validasi_xlsx(p, g.berkas, out_dir / f"{stem} - Validasi.xlsx")))
    h.keluaran.append(str(write_validasi_html(p, g.berkas, out_dir / f"{stem} - Validasi.html")))
    paths, notes = _laporan(p, out_dir, pdf)
    h.keluaran += paths
    h.catatan += notes
    h.kesalahan = sum(1 for f in p.temuan if f.tingkat == "kesalahan")
    h.peringatan = len(p.temuan) - h.kesalahan
    h.status = HAS_ERRORS if h.kesalahan else DONE
    h.pesan = (f"{len(h.dipakai)} berkas digabung; {h.kesalahan} kesalahan, "
               f"{h.peringatan} peringatan.")


def _executor(pekerja: int | None, scheduler: str | None, n_tasks: int
              ) -> tuple[Any, Any, int | None]:
    """(executor, closer, workers) for the work: a Dask cluster's executor (workers None:
    the scheduler's business) or a process pool of ``workers`` processes."""
    if scheduler:
        from distributed import Client

        from lkj_excel.batch.cluster import quiet_workers

        client = Client(scheduler, timeout="20s")
        quiet_workers(client)
        return client.get_executor(pure=False), client.close, None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    n = max(1, min(pekerja or os.cpu_count() or 1, n_tasks))
    ctx = multiprocessing.get_context("spawn")
    ex = ProcessPoolExecutor(max_workers=n, mp_context=ctx)
    return ex, None, n


def run_batch_folder(folder: str | Path, out: str | Path, pdf: bool = False,
                     pekerja: int | None = None, scheduler: str | None = None,
                     kemajuan: Callable[[InstansiResult], None] | None = None
                     ) -> list[InstansiResult]:
    """Process every agency under ``folder``; results in folder order.

    With ``pekerja == 1`` and no scheduler the work runs in this process.
    """
    import json

    folders = find_instansi(folder)
    out_root = Path(out)
    out_root.mkdir(parents=True, exist_ok=True)
    results: dict[str, InstansiResult] = {}
    if not folders:
        return []
    with open(out_root / JOURNAL, "w", encoding="utf-8") as journal:

        def done(r: InstansiResult) -> None:
            results[r.folder] = r
            journal.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")
            journal.flush()
            if kemajuan:
                kemajuan(r)

        if pekerja == 1 and not scheduler:
            for f in folders:
                done(process_instansi(str(f), str(out_root), pdf))
        else:
            _run_parallel([str(f) for f in folders], str(out_root.resolve()), pdf, pekerja,
                          scheduler, done)
    return [results[str(f)] for f in folders]


def _lost(folder: str, exc: BaseException, again: bool = False) -> InstansiResult:
    tried = " (sudah dicoba ulang sekali)" if again else ""
    return InstansiResult(folder=folder, status=FAILED,
                          pesan=f"Pekerja berhenti saat memproses folder ini{tried}: "
                                f"{type(exc).__name__}: {exc}")


def _run_parallel(folders: list[str], out_root: str, pdf: bool, pekerja: int | None,
                  scheduler: str | None, done: Callable[[InstansiResult], None]) -> None:
    """Run the tasks; ``done`` gets each result as it completes (then it is let go)."""
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    todo = deque(folders)
    tries: dict[str, int] = {}
    while todo:
        ex, closer, workers = _executor(pekerja, scheduler, len(todo))
        # a pool keeps two tasks per worker in flight (one running, one waiting, so no
        # worker waits for this process between tasks): a worker that dies takes only those
        # with it, and they are tried again; Dask queues them all
        limit = len(todo) if workers is None else 2 * workers
        inflight: dict[Any, str] = {}
        broken = False
        try:
            while (todo or inflight) and not broken:
                while todo and len(inflight) < limit:
                    f = todo.popleft()
                    inflight[ex.submit(process_instansi, f, out_root, pdf)] = f
                finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                for fut in finished:
                    f = inflight.pop(fut)
                    try:
                        r = fut.result()
                    except BrokenProcessPool as exc:
                        broken = True
                        inflight[fut] = f  # handled with the rest below
                        last = exc
                        continue
                    except Exception as exc:  # a Dask worker lost too often, a pickling error
                        r = _lost(f, exc)
                    done(r)
            if broken:
                for f in list(inflight.values()):
                    tries[f] = tries.get(f, 0) + 1
                    if tries[f] >= 2:
                        done(_lost(f, last, again=True))
                    else:
                        todo.appendleft(f)
                inflight.clear()
        finally:
            if scheduler:
                ex.shutdown(wait=True)
            else:
                ex.shutdown(wait=True, cancel_futures=True)
            if closer:
                closer()


def show_progress() -> bool:
    """A progress bar only on a terminal, never in CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def map_in_order(fn: Callable[[Any], Any], items: list[Any], pekerja: int | None = None,
                 scheduler: str | None = None) -> list[Any]:
    """``[fn(x) for x in items]`` on the process pool or the Dask cluster of ``run_batch_folder``
    (in this process with ``pekerja == 1`` and no scheduler). ``fn`` must be importable by
    name (a module-level function) and should never raise; a task that raises anyway, or
    whose worker died, gives its exception in its place."""
    if not items:
        return []
    if pekerja == 1 and not scheduler:
        return [fn(x) for x in items]
    ex, closer, _ = _executor(pekerja, scheduler, len(items))
    try:
        futures = [ex.submit(fn, x) for x in items]
        out: list[Any] = []
        for fut in futures:
            try:
                out.append(fut.result())
            except Exception as exc:  # a worker died: this task failed, the others go on
                out.append(exc)
        return out
    finally:
        ex.shutdown(wait=True)
        if closer:
            closer()
