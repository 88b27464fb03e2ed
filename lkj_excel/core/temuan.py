"""Temuan (findings) are data: a stable code, a level, a position (file, sheet, cell) and a
message; and the errors that stop a command (a file that cannot be read or written).

Modelled on frictionless-py's errors, with the A1 cell reference people see in Excel.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Tingkat = Literal["kesalahan", "peringatan"]
KESALAHAN: Tingkat = "kesalahan"
PERINGATAN: Tingkat = "peringatan"
#: fill of a finding's level: the Tingkat cell in Validasi and the person's cell the Hitung
#: button marks (hex, as both xlwings engines and openpyxl take it)
TINGKAT_COLORS = {KESALAHAN: "#FFC7CE", PERINGATAN: "#FFEB9C"}

#: Every finding code with its level and a short Indonesian title.
CODES: dict[str, tuple[Tingkat, str]] = {
    "berkas-tidak-terbaca": (KESALAHAN, "Berkas tidak dapat dibaca"),
    "lembar-hilang": (KESALAHAN, "Lembar tidak ada"),
    "kolom-hilang": (KESALAHAN, "Judul kolom tidak ditemukan"),
    "sel-tidak-terbaca": (KESALAHAN, "Isi sel tidak dapat dibaca"),
    "wajib-diisi": (KESALAHAN, "Sel wajib diisi"),
    "pilihan-tidak-dikenal": (KESALAHAN, "Pilihan tidak dikenal"),
    "kode-ganda": (KESALAHAN, "Kode ganda"),
    "indikator-tanpa-iku": (KESALAHAN, "Indikator PK tanpa baris IKU"),
    "iku-tanpa-pk": (KESALAHAN, "Baris IKU tanpa indikator di PK"),
    "kode-tidak-dikenal": (KESALAHAN, "Kode indikator tidak ada di PK"),
    "anggaran-kegiatan-tidak-sesuai": (PERINGATAN, "Jumlah kegiatan tidak sama dengan program"),
    "program-tidak-dikenal": (KESALAHAN, "Kegiatan tanpa baris program"),
    "lra-induk-tidak-sesuai": (KESALAHAN, "Induk LRA tidak sama dengan jumlah anaknya"),
    "anggaran-lra-tidak-sesuai": (PERINGATAN, "Total program tidak sama dengan total LRA"),
    "pegawai-tidak-sesuai": (KESALAHAN, "Pengelompokan pegawai tidak sama jumlahnya"),
    "realisasi-melebihi-anggaran": (KESALAHAN, "Realisasi melebihi anggaran"),
    "diketik-manual": (KESALAHAN, "Sel hitungan diketik manual"),
    "kejadian-tidak-sesuai": (KESALAHAN, "Jumlah Kejadian tidak sama dengan Pembilang/Penyebut"),
    "realisasi-tidak-sesuai": (PERINGATAN, "Realisasi diketik berbeda dengan hitungan"),
    "tahun-tidak-wajar": (KESALAHAN, "Tahun tidak wajar"),
    "profil-kosong": (KESALAHAN, "Isian Profil kosong"),
    "capaian-tidak-dapat-dihitung": (PERINGATAN, "Capaian tidak dapat dihitung"),
    "realisasi-kosong": (PERINGATAN, "Realisasi belum diisi"),
    "penyebut-nol": (KESALAHAN, "Penyebut nol"),
    "persen-pecahan": (PERINGATAN, "Persentase tertulis sebagai pecahan"),
    "skala-predikat": (KESALAHAN, "Skala predikat tidak sah"),
    "pengaturan-tidak-sah": (KESALAHAN, "Pengaturan tidak sah"),
    "lembar-konfigurasi": (KESALAHAN, "Lembar konfigurasi xlwings berbahaya"),
    "bagian-tidak-dikenal": (PERINGATAN, "Bagian narasi tidak dikenal"),
    "baris-tersembunyi": (PERINGATAN, "Baris atau kolom tersembunyi"),
    "sel-gabung": (PERINGATAN, "Sel gabungan di area data"),
    "teks-terlalu-panjang": (KESALAHAN, "Teks terlalu panjang"),
    "versi-templat": (KESALAHAN, "Versi templat tidak dikenal"),
    "angka-sebagai-teks": (PERINGATAN, "Angka tertulis sebagai teks"),
    "persen-tidak-jelas": (KESALAHAN, "Sel persen yang maknanya tidak jelas"),
    "rumus-tanpa-nilai": (KESALAHAN, "Rumus tanpa nilai hasil hitungan"),
    "baris-jumlah": (KESALAHAN, "Baris jumlah diketik di dalam tabel"),
    "pembanding-kosong": (PERINGATAN, "Indikator tanpa baris Pembanding"),
    # the SAKIP year: quarters (Triwulan, Anggaran Triwulan)
    "triwulan-belum-diisi": (PERINGATAN, "Realisasi triwulan yang sudah berakhir belum diisi"),
    "triwulan-iv-berbeda": (KESALAHAN, "Realisasi Triwulan IV tidak sama dengan realisasi IKU"),
    "triwulan-ganda": (KESALAHAN, "Target atau realisasi triwulan diisi berbeda di dua baris"),
    "anggaran-triwulan-turun": (KESALAHAN, "Realisasi anggaran kumulatif triwulan turun"),
    "anggaran-triwulan-melebihi": (KESALAHAN, "Realisasi anggaran triwulan melebihi anggaran"),
    "anggaran-triwulan-iv-berbeda": (PERINGATAN,
                                     "Realisasi anggaran Triwulan IV tidak sama dengan "
                                     "realisasi program"),
    # text targets, pictures, reviu and Cascading (the report's added parts)
    "kategori-tidak-dikenal": (KESALAHAN, "Kategori tidak ada di Skala Kategori"),
    "target-realisasi-tidak-sejenis": (KESALAHAN, "Target dan realisasi tidak sejenis"),
    "gambar-tidak-ada": (PERINGATAN, "Baris Gambar tanpa gambar"),
    "gambar-tanpa-baris": (PERINGATAN, "Gambar tidak berada di baris Gambar"),
    "gambar-kop-ganda": (PERINGATAN, "Lebih dari satu logo Kop"),
    "gambar-ganda": (PERINGATAN, "Lebih dari satu gambar di satu baris Gambar"),
    "gambar-ditolak": (PERINGATAN, "Gambar tidak dimasukkan ke laporan"),
    "reviu-belum-lengkap": (PERINGATAN, "Isian reviu belum lengkap"),
    "reviu-sebelum-laporan": (PERINGATAN, "Tanggal reviu sebelum tanggal laporan"),
    "cascading-kosong": (PERINGATAN, "Sasaran tanpa baris Cascading"),
    # merging units' workbooks (lkj gabung / batch)
    "templat-tidak-dikenal": (KESALAHAN, "Susunan buku kerja tidak sesuai templat"),
    "identitas-kosong": (KESALAHAN, "Instansi, Tahun atau Bidang kosong"),
    "instansi-lain": (PERINGATAN, "Buku kerja instansi atau tahun lain"),
    "konflik-revisi": (KESALAHAN, "Dua isi berbeda dengan revisi yang sama"),
    "konflik-baris": (KESALAHAN, "Baris yang sama diisi berbeda di dua berkas"),
    "baris-bidang-lain": (PERINGATAN, "Baris milik bidang lain"),
    "pengaturan-berbeda": (PERINGATAN, "Pengaturan berbeda antarberkas"),
    "tidak-ada-berkas": (KESALAHAN, "Tidak ada buku kerja yang dapat digabung"),
    "bidang-belum-mengirim": (KESALAHAN, "Buku kerja bidang belum diterima"),
    "indikator-hilang": (KESALAHAN, "Indikator bidang tidak ada di gabungan"),
    "bidang-tidak-dikenal": (KESALAHAN, "Bidang tidak dikenal"),
    "ubah-milik-bidang-lain": (KESALAHAN, "Baris milik bidang lain diubah"),
    "berkas-gabungan": (PERINGATAN, "Buku kerja gabungan di antara kiriman bidang"),
    # lkj rekap
    "berkas-dilewati": (PERINGATAN, "Lembar kerja bukan .xlsx tidak ikut direkap"),
    "riwayat-berbeda": (PERINGATAN, "Riwayat berbeda dengan buku kerja tahun itu"),
}


class LkjError(Exception):
    """Something stops a command; ``pesan`` says it in Indonesian (the commands exit 2)."""

    def __init__(self, pesan: str, berkas: str = "") -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.berkas = berkas


class WorkbookError(LkjError):
    """An input file that cannot be read at all."""


class WriteError(LkjError):
    """An output that cannot be written (open in Excel, a folder, a wrong name...)."""


class ToolError(LkjError):
    """A program lkj-excel drives (LibreOffice) is missing or failed."""


@dataclass(frozen=True)
class Temuan:
    kode: str
    tingkat: Tingkat
    lembar: str
    sel: str
    pesan: str
    berkas: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def lokasi(self) -> str:
        parts = [p for p in (self.berkas, self.lembar, self.sel) if p]
        return "!".join(parts[-2:]) if len(parts) > 1 else (parts[0] if parts else "")


def new_temuan(kode: str, lembar: str, sel: str, pesan: str, berkas: str = "",
               tingkat: Tingkat | None = None) -> Temuan:
    """A temuan with the level registered for its code (unless given).

    Arguments in the order of the fields people read: where (sheet, cell), what, which file.
    """
    level = tingkat or CODES[kode][0]
    return Temuan(kode=kode, tingkat=level, lembar=lembar, sel=sel, pesan=pesan, berkas=berkas)


def has_errors(temuan: list[Temuan]) -> bool:
    return any(f.tingkat == KESALAHAN for f in temuan)


def flatten(temuan: list[Temuan], keys: tuple[str, ...] = ("kode", "lembar", "sel")
            ) -> list[tuple[str, ...]]:
    """Rows that tests can assert directly (like frictionless' ``report.flatten``)."""
    return [tuple(getattr(f, k) for k in keys) for f in temuan]


def sort_key(f: Temuan) -> tuple[int, str, str, int, str]:
    from lkj_excel.core.cells import split_ref

    col, row = split_ref(f.sel) if f.sel else ("", 0)
    return (0 if f.tingkat == KESALAHAN else 1, f.berkas, f.lembar, row, col)
