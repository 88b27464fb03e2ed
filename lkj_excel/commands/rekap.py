"""``lkj rekap FOLDER_ATAU_BERKAS... --out REKAP.xlsx|.csv|.parquet [--html REKAP.html]``:
every agency's numbers as long tables for analysts, and the picture of the year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import (
    EXIT_KESALAHAN,
    EXIT_OK,
    EXIT_TIDAK_TERBACA,
    err,
    summary,
)

HELP = "rekap angka semua instansi menjadi tabel (dan gambaran kinerja HTML)"
DESCRIPTION = (
    "Membaca semua buku kerja LKj di folder (termasuk subfoldernya) dan berkas yang disebut, "
    "menggabungkan buku kerja bidang satu instansi dan tahun seperti 'lkj gabung' (kecuali "
    "dengan --tanpa-gabung), lalu menulis tabel panjang untuk analisis: indikator, riwayat, "
    "anggaran, lra, pegawai, temuan dan berkas. .xlsx: satu lembar (tabel Excel) per tabel; "
    ".csv dan .parquet: satu berkas per tabel. --html menulis gambaran kinerja satu berkas "
    "yang dapat dibuka tanpa internet. Kode keluar: 0 tanpa kesalahan, 1 ada kesalahan, 2 ada "
    "berkas yang tidak terbaca.")


def configure(p: Any) -> None:
    p.add_argument("sumber", nargs="+", metavar="FOLDER_ATAU_BERKAS")
    p.add_argument("--out", metavar="REKAP.xlsx", help="berkas tabel: .xlsx, .csv atau .parquet")
    p.add_argument("--html", metavar="REKAP.html", help="tulis juga gambaran kinerja (HTML)")
    p.add_argument("--tanpa-gabung", action="store_true",
                   help="ambil setiap buku kerja apa adanya, tanpa menggabungkan bidang")
    p.add_argument("--judul", metavar="TEKS", help="judul gambaran kinerja HTML")
    p.add_argument("--pekerja", type=int, metavar="N",
                   help="jumlah proses pembaca (bawaan: jumlah inti)")
    p.add_argument("--scheduler", metavar="ALAMAT", help="alamat klaster Dask, tcp://...")


def run(args: Any) -> int:
    from lkj_excel.analysis.collect import rekap_tables
    from lkj_excel.analysis.write import output_kind, outputs, write_tables
    from lkj_excel.commands.batch import SCHEMES

    if not args.out and not args.html:
        return err("Sebutkan --out REKAP.xlsx (atau .csv / .parquet), --html REKAP.html, "
                   "atau keduanya.")
    if args.out:
        output_kind(args.out)  # a wrong suffix or a missing pyarrow: said before reading
    if args.html and Path(args.html).suffix.casefold() not in (".html", ".htm"):
        return err(f"Berkas --html harus berakhiran .html: \"{Path(args.html).name}\".")
    if args.pekerja is not None and args.pekerja < 1:
        return err("--pekerja harus 1 atau lebih.")
    if args.scheduler and not args.scheduler.startswith(SCHEMES):
        return err(f"Alamat klaster Dask tidak dikenal: {args.scheduler} (contoh: "
                   "tcp://10.0.0.5:8786).")
    missing = [s for s in args.sumber if not Path(s).exists()]
    if missing:
        return err("Tidak ditemukan: " + ", ".join(missing) + ". Periksa nama folder atau "
                   "berkasnya.")
    kecuali = [*(outputs(args.out) if args.out else []), *([args.html] if args.html else [])]
    try:
        r = rekap_tables(args.sumber, gabung=not args.tanpa_gabung, pekerja=args.pekerja,
                         scheduler=args.scheduler, kecuali=kecuali)
    except OSError as exc:
        if args.scheduler:
            return err(f"Klaster Dask di {args.scheduler} tidak dapat dihubungi: {exc}")
        raise
    if not r.n_berkas:
        return err("Tidak ada buku kerja .xlsx di folder atau berkas yang disebut.")
    cara = "digabung per instansi dan tahun" if r.gabung else "apa adanya, tanpa digabung"
    print(f"Rekap: {r.n_berkas} berkas, {r.n_instansi_tahun} instansi-tahun ({cara}).")
    for name, rows in r.tables.items():
        print(f"  {name:<10} {len(rows):>6} baris")
    from lkj_excel.core.temuan import Temuan

    temuan = [Temuan(f["kode"], f["tingkat"], f["lembar"] or "", f["sel"] or "", f["pesan"],
                     f["berkas"] or "") for f in r.temuan]
    print(f"Temuan: {summary(temuan)} (lihat tabel temuan).")
    if r.n_lain:
        print(f"{r.n_lain} berkas lain (bukan buku kerja) dilewati.")
    if args.out:
        for path in write_tables(r.tables, args.out):
            print(f"Ditulis: {path}")
    if args.html:
        from lkj_excel.analysis.picture import write_html

        print(f"Ditulis: {write_html(r.tables, args.html, args.judul)}")
    if r.has_unreadable:
        return EXIT_TIDAK_TERBACA
    return EXIT_KESALAHAN if r.has_errors else EXIT_OK
