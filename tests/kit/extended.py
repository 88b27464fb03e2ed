"""The seed example extended with every added part of the report, built at test time.

The seed's data (``lkj_excel.core.seed``) already carries the reviu rows, Cascading, the
Kata Pengantar and drawn pictures; this adds what the seed does not have: a text-target
indicator (the audit opinion, WTP), the Renstra's yearly targets, and pictures as people
paste them (a labelled organisation chart, two JPEG photos, one of them turned by its EXIF
orientation, a logo with a transparent background).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from lkj_excel.core.seed import seed_data
from tests.kit.pictures import logo, org_chart, photo, picture

OPINI = "Opini BPK atas Laporan Keuangan"
SASARAN_OPINI = "Meningkatnya Akuntabilitas Kinerja dan Keuangan"
FOTO = ("Kegiatan Monitoring Ormas", "Kegiatan Pendidikan Politik")


def extended_data(reviu: bool = True) -> dict[str, Any]:
    data = copy.deepcopy(seed_data())
    sh = data["sheets"]
    sh["PK"].append({"kode_sasaran": "SS6", "sasaran": SASARAN_OPINI,
                     "kode_indikator": "IKU6", "indikator": OPINI, "satuan": "Opini",
                     "target": "WTP", "polaritas": "Positif", "bidang": "Sekretariat"})
    iku6 = {k: None for k in sh["IKU"][0]}
    iku6.update(kode_indikator="IKU6", realisasi="WTP", target_renstra="WTP",
                alasan="Opini BPK menunjukkan keandalan laporan keuangan.")
    sh["IKU"].append(iku6)
    sh["Riwayat"] += [{"kode_indikator": "IKU6", "tahun": 2022, "realisasi": "WDP"},
                      {"kode_indikator": "IKU6", "tahun": 2023, "realisasi": "WDP"}]
    # the comparison with other regions lists every indicator (no data for the opinion)
    sh["Pembanding"] += [{"kode_indikator": "IKU6", "pembanding": r["pembanding"],
                          "realisasi": None}
                         for r in sh["Pembanding"] if r["kode_indikator"] == "IKU1"]
    sh["Cascading"].append({**sh["Cascading"][0], "kode_sasaran": "SS6"})
    sh["Target Renstra"] = [
        {"kode_indikator": f"IKU{i}", "tahun": 2024, "target": Decimal(t)}
        for i, t in ((1, 100), (2, 100), (3, 94), (4, 100), (5, 100))
    ] + [{"kode_indikator": "IKU6", "tahun": 2024, "target": "WTP"}]
    sh["Gambar"] = [
        {"bagian": "Kop", "judul": "Logo Pemerintah Kota Banjarbaru", "gambar": picture(logo())},
        {"bagian": "Struktur Organisasi",
         "judul": "Struktur Organisasi Badan Kesatuan Bangsa dan Politik Kota Banjarbaru",
         "gambar": picture(org_chart())},
        {"bagian": "Lampiran", "judul": FOTO[0], "gambar": picture(photo(0))},
        {"bagian": "Lampiran", "judul": FOTO[1],
         "gambar": picture(photo(1, exif_orientation=6))},
    ]
    if not reviu:
        for key in ("nama_inspektorat", "alamat_inspektorat", "nama_inspektur",
                    "nip_inspektur", "pangkat_inspektur", "jabatan_inspektur",
                    "tanggal_reviu"):
            data["profil"][key] = None
    return data
