"""``lkj batch FOLDER --out FOLDER [--pdf] [--pekerja N] [--scheduler tcp://...]``: merge,
check and render the report for many agencies (one subfolder each)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lkj_excel.commands.output import EXIT_KESALAHAN, EXIT_OK, EXIT_TIDAK_TERBACA, err

#: the address schemes of a Dask scheduler
SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")
HELP = "gabung, periksa dan susun laporan untuk banyak instansi"
DESCRIPTION = ("Untuk folder berisi satu subfolder per instansi (atau satu instansi): gabung, "
               "periksa, tulis hasil dan laporan.")


def configure(p: Any) -> None:
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--out", required=True, metavar="FOLDER", help="folder keluaran")
    p.add_argument("--pdf", action="store_true", help="buat juga PDF")
    p.add_argument("--pekerja", type=int, metavar="N",
                   help="jumlah proses (bawaan: jumlah inti)")
    p.add_argument("--scheduler", metavar="ALAMAT", help="alamat klaster Dask, tcp://...")


def run(args: Any) -> int:
    from lkj_excel.batch.run import (
        DONE,
        FAILED,
        HAS_ERRORS,
        InstansiResult,
        find_instansi,
        run_batch_folder,
        show_progress,
    )
    from lkj_excel.files.atomic import atomic_write_text

    folder = Path(args.folder)
    if not folder.is_dir():
        return err(f"Folder \"{folder}\" tidak ditemukan.")
    if args.pekerja is not None and args.pekerja < 1:
        return err("--pekerja harus 1 atau lebih.")
    if args.scheduler and not args.scheduler.startswith(SCHEMES):
        return err(f"Alamat klaster Dask tidak dikenal: {args.scheduler} (contoh: "
                    "tcp://10.0.0.5:8786).")
    n = len(find_instansi(folder))
    if n == 0:
        return err(f"Tidak ada buku kerja .xlsx di \"{folder}\" maupun di subfoldernya.")

    progress = None
    task = None
    if show_progress():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        progress = Progress("[progress.description]{task.description}", BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), transient=True)
        task = progress.add_task("Memproses instansi", total=n)
        progress.start()

    def step(r: InstansiResult) -> None:
        if progress is not None:
            progress.advance(task)  # type: ignore[arg-type]

    try:
        result = run_batch_folder(folder, args.out, pdf=args.pdf, pekerja=args.pekerja,
                         scheduler=args.scheduler, kemajuan=step)
    except OSError as exc:
        return err(f"Klaster Dask di {args.scheduler} tidak dapat dihubungi: {exc}"
                    if args.scheduler else f"Gagal menulis keluaran: {exc}")
    finally:
        if progress is not None:
            progress.stop()
    _table(result)
    atomic_write_text(Path(args.out) / "ringkasan-batch.json",
                      json.dumps([h.as_dict() for h in result], ensure_ascii=False, indent=2))
    print(f"Ringkasan mesin: {Path(args.out) / 'ringkasan-batch.json'}")
    if any(h.status == FAILED or h.tidak_terbaca for h in result):
        return EXIT_TIDAK_TERBACA
    if any(h.status == HAS_ERRORS for h in result):
        return EXIT_KESALAHAN
    assert all(h.status == DONE for h in result)
    return EXIT_OK


def _table(result: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from lkj_excel.batch.merge import STATUS_LABEL

    console = Console(width=None if sys.stdout.isatty() else 140, highlight=False)
    t = Table(title="Hasil batch", show_lines=False)
    for col in ("Folder", "Instansi", "Status", "Dipakai", "Disisihkan", "Kesalahan",
                "Peringatan", "Keterangan"):
        t.add_column(col, overflow="fold")
    for h in result:
        aside = "; ".join(f"{b} ({STATUS_LABEL.get(s, s)})" for b, s, _ in h.disisihkan)
        note = h.pesan
        t.add_row(Path(h.folder).name, f"{h.instansi} {h.tahun or ''}".strip(), h.status,
                  str(len(h.dipakai)), aside or "-", str(h.kesalahan), str(h.peringatan), note)
    console.print(t)
    done = sum(1 for h in result if h.status != "gagal")
    failed = len(result) - done
    aside = sum(len(h.disisihkan) for h in result)
    console.print(f"{len(result)} instansi: {done} selesai diproses, {failed} gagal; "
                  f"{aside} berkas disisihkan atau dilewati.")
    notes: dict[str, list[str]] = {}
    for h in result:
        for c in h.catatan:
            notes.setdefault(c, []).append(Path(h.folder).name)
    for c, where in notes.items():
        console.print(f"Catatan ({', '.join(where)}): {c}")
    for h in result:
        for b, s, pesan in h.disisihkan:
            console.print(f"  {Path(h.folder).name}/{b}: {STATUS_LABEL.get(s, s)} — {pesan}")
