"""Thin adapters: ``lkj pecah``, ``lkj gabung``, ``lkj batch``, ``lkj beda``.

Exit codes as ``lkj periksa``: 0 no kesalahan, 1 kesalahan found, 2 a file could not be
read or the call is wrong. Never a traceback (``lkj_excel.cli`` catches the rest).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lkj_excel.core.temuan import KESALAHAN, Temuan

EXIT_OK, EXIT_KESALAHAN, EXIT_TIDAK_TERBACA = 0, 1, 2


def _err(msg: str) -> int:
    print(msg, file=sys.stderr)
    return EXIT_TIDAK_TERBACA


def format_temuan(temuan: list[Temuan]) -> list[str]:
    lines = []
    for f in temuan:
        where = "!".join(x for x in (f.lembar, f.sel) if x)
        src = f"{f.berkas}: " if f.berkas else ""
        loc = f" ({where})" if where else ""
        lines.append(f"  {f.tingkat.upper():<10} {src}{f.pesan}{loc}  [{f.kode}]")
    return lines


def _ringkas(temuan: list[Temuan]) -> str:
    n = sum(1 for f in temuan if f.tingkat == KESALAHAN)
    return f"{n} kesalahan, {len(temuan) - n} peringatan" if temuan else "tidak ada temuan"


# ---------------------------------------------------------------------------
# pecah
# ---------------------------------------------------------------------------

def run_pecah(args: Any) -> int:
    from lkj_excel.batch.split import describe, split_file

    h = split_file(args.master, args.out)  # WorkbookError -> exit 2 in lkj_excel.cli
    for line in describe(h):
        print(line)
    n_err = sum(1 for f in h.temuan if f.tingkat == KESALAHAN)
    if n_err:
        print(f"Perhatian: buku kerja instansi memuat {n_err} kesalahan; periksa dengan "
              f"'lkj periksa {Path(args.master).name}' sebelum dikirim.")
    print(f"Folder keluaran: {Path(args.out)}")
    return EXIT_OK


# ---------------------------------------------------------------------------
# gabung
# ---------------------------------------------------------------------------

def run_gabung(args: Any) -> int:
    from lkj_excel.batch.check import check_merged, write_merged
    from lkj_excel.batch.merge import STATUS_LABEL, merge_files
    from lkj_excel.core.engine import to_json

    out = Path(args.out)
    if out.suffix.casefold() != ".xlsx":
        return _err(f"Berkas keluaran harus berakhiran .xlsx: {out.name}")
    missing = [s for s in args.sumber if not Path(s).exists()]
    if missing:
        return _err("Tidak ditemukan: " + ", ".join(missing) + ". Periksa nama folder atau "
                    "berkasnya.")
    g = merge_files(args.sumber, kecuali=out)
    if g.data is None:
        if args.json:
            print(json.dumps({"keluaran": None, **g.as_dict()}, ensure_ascii=False, indent=2))
        else:
            for b in g.berkas:
                print(f"  {STATUS_LABEL.get(b.status, b.status).upper():<14} {b.berkas}: "
                      f"{b.pesan}")
            print("Tidak ada buku kerja yang dapat digabung; tidak ada berkas yang ditulis.")
        return EXIT_TIDAK_TERBACA
    p = check_merged(g, out.name)
    written = write_merged(g.data, p, out)
    if args.json:
        obj = to_json(p)
        obj["keluaran"] = str(written)
        obj["sumber"] = [b.as_dict() for b in g.berkas]
        print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))
    else:
        counts: dict[str, int] = {}
        for b in g.berkas:
            counts[b.status] = counts.get(b.status, 0) + 1
        summary = ", ".join(f"{n} {STATUS_LABEL.get(s, s)}" for s, n in counts.items())
        print(f"Gabungan {g.instansi} tahun {g.tahun}: {summary}.")
        print("Berkas:")
        for b in g.berkas:
            print(f"  {STATUS_LABEL.get(b.status, b.status).upper():<24} {b.berkas}")
            print(f"      {b.pesan}")
        print(f"Temuan: {_ringkas(p.temuan)}")
        for line in format_temuan(p.temuan):
            print(line)
        print(f"Hasil ditulis ke: {written} (lembar Ringkasan dan Validasi).")
    if g.has_unreadable:
        return EXIT_TIDAK_TERBACA
    return EXIT_KESALAHAN if p.has_errors else EXIT_OK


# ---------------------------------------------------------------------------
# beda
# ---------------------------------------------------------------------------

def run_beda(args: Any) -> int:
    from lkj_excel.batch.diff import diff_files, describe

    d = diff_files(args.a, args.b)  # WorkbookError -> exit 2 in lkj_excel.cli
    if args.json:
        print(json.dumps(d.as_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        for line in describe(d):
            print(line)
    return EXIT_OK


# ---------------------------------------------------------------------------
# batch
# ---------------------------------------------------------------------------

def run_batch(args: Any) -> int:
    from lkj_excel.batch.run import (
        HAS_ERRORS,
        FAILED,
        DONE,
        InstansiResult,
        find_instansi,
        run_batch_folder,
        show_progress,
    )
    from lkj_excel.files.atomic import atomic_write_text

    folder = Path(args.folder)
    if not folder.is_dir():
        return _err(f"Folder \"{folder}\" tidak ditemukan.")
    if args.pekerja is not None and args.pekerja < 1:
        return _err("--pekerja harus 1 atau lebih.")
    if args.scheduler and not args.scheduler.startswith(("tcp://", "tls://", "inproc://",
                                                         "ucx://", "ws://", "wss://")):
        return _err(f"Alamat klaster Dask tidak dikenal: {args.scheduler} (contoh: "
                    "tcp://10.0.0.5:8786).")
    n = len(find_instansi(folder))
    if n == 0:
        return _err(f"Tidak ada buku kerja .xlsx di \"{folder}\" maupun di subfoldernya.")

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
        return _err(f"Klaster Dask di {args.scheduler} tidak dapat dihubungi: {exc}"
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
