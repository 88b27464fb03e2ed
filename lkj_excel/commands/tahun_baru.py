"""``lkj tahun-baru BERKAS --out BARU.xlsx [--json]``: next year's workbook from this year's.

Profil's Tahun moved on (this year's document dates emptied and marked), this year's
realisasi appended to Riwayat, targets from Target Renstra, PK, Cascading, Narasi and
staffing carried, Kejadian, Triwulan and realisasi emptied, a new workbook id at revision 1,
and a note in Validasi of what was carried and what to fill (``lkj_excel.core.tahun_baru``).
BERKAS is never modified (its sha256 is checked).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkj_excel.commands.output import EXIT_OK, err, print_json, summary
from lkj_excel.core.temuan import LkjError

HELP = "buat buku kerja tahun berikutnya dari buku kerja tahun ini"
DESCRIPTION = ("Membuat buku kerja LKj tahun berikutnya: Tahun di Profil dimajukan, realisasi "
               "tahun ini masuk Riwayat, target dari lembar Target Renstra, PK, Cascading, "
               "Narasi dan Pegawai dibawa, Kejadian, Triwulan dan realisasi dikosongkan, ID buku "
               "kerja baru revisi 1, dan catatan di lembar Validasi tentang apa yang dibawa dan "
               "apa yang harus diisi. Berkas masukan tidak pernah diubah.")


def configure(p: Any) -> None:
    p.add_argument("berkas", metavar="BERKAS", help="buku kerja tahun ini (.xlsx)")
    p.add_argument("--out", required=True, metavar="BARU.xlsx",
                   help="buku kerja tahun berikutnya yang dibuat")
    p.add_argument("--json", action="store_true", help="keluaran JSON")


def run(args: Any) -> int:
    from lkj_excel.core.tahun_baru import JENIS_LABEL
    from lkj_excel.files.tahun_baru import write_next_year

    src, out = Path(args.berkas), Path(args.out)
    if out.suffix.casefold() != ".xlsx":
        return err(f"Berkas keluaran harus berakhiran .xlsx: {out.name}")
    if not src.is_file():
        return err(f"Berkas \"{src}\" tidak ditemukan.")
    try:
        w = write_next_year(src, out)
    except ValueError as exc:  # no Tahun in Profil
        return err(f"{src.name}: {exc}")
    except LkjError as exc:
        return err(f"{exc.berkas or src.name}: {exc.pesan}")
    ny = w.next_year
    if args.json:
        print_json({
            "berkas": src.name, "sha256": w.sha256, "keluaran": str(w.path),
            "tahun_lama": ny.tahun_lama, "tahun": ny.tahun,
            "id_buku_kerja": ny.data["meta"]["id_buku_kerja"], "revisi": 1,
            "catatan": [{"jenis": c.jenis, "lembar": c.lembar, "sel": c.sel,
                         "pesan": c.pesan} for c in ny.catatan],
            "temuan": [f.as_dict() for f in w.checked.temuan],
        })
        return EXIT_OK
    print(f"Buku kerja tahun {ny.tahun} dibuat dari {src.name} (tahun {ny.tahun_lama}): "
          f"{w.path}")
    for jenis in ("isi", "periksa", "dibawa"):
        items = ny.of(jenis)
        if not items:
            continue
        print(f"{JENIS_LABEL[jenis]}:")
        for c in items:
            where = f"{c.lembar}!{c.sel}" if c.lembar and c.sel else c.lembar
            print(f"  {where + ': ' if where else ''}{c.pesan}")
    print(f"Pemeriksaan buku kerja baru: {summary(w.checked.temuan)} (sel yang harus diisi; "
          "lihat lembar Validasi).")
    print(f"Berkas masukan tidak diubah (sha256 {w.sha256[:16]}...).")
    return EXIT_OK
