"""Finding codes of the batch (merge) and helpers to build them.

``lkj_excel.findings.CODES`` is the engine's registry; the batch's own codes live here so
the two modules stay independent. A ``Finding`` is built directly with the level below.
"""

from __future__ import annotations

from lkj_excel.findings import KESALAHAN, PERINGATAN, Finding, Tingkat

CODES: dict[str, tuple[Tingkat, str]] = {
    "berkas-tidak-terbaca": (KESALAHAN, "Berkas tidak dapat dibaca"),
    "versi-templat": (KESALAHAN, "Versi templat tidak dapat dibaca"),
    "templat-tidak-dikenal": (KESALAHAN, "Susunan buku kerja tidak sesuai templat"),
    "identitas-kosong": (KESALAHAN, "Instansi, Tahun atau Bidang kosong"),
    "instansi-lain": (PERINGATAN, "Buku kerja instansi atau tahun lain"),
    "konflik-revisi": (KESALAHAN, "Dua isi berbeda dengan revisi yang sama"),
    "konflik-baris": (KESALAHAN, "Baris yang sama diisi berbeda di dua berkas"),
    "baris-bidang-lain": (PERINGATAN, "Baris milik bidang lain"),
    "pengaturan-berbeda": (PERINGATAN, "Pengaturan berbeda antarberkas"),
    "tidak-ada-berkas": (KESALAHAN, "Tidak ada buku kerja yang dapat digabung"),
}


def temuan(kode: str, pesan: str, berkas: str = "", lembar: str = "", sel: str = "",
           tingkat: Tingkat | None = None) -> Finding:
    level = tingkat or CODES[kode][0]
    return Finding(kode=kode, tingkat=level, lembar=lembar, sel=sel, pesan=pesan,
                   berkas=berkas)
