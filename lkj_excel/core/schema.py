"""The workbook schema: the one source of truth for the LKj workbook (contract version 1).

Everything that knows about sheets, header labels, column kinds, dropdown choices and
computed columns derives from the data in this module: the template builder, the reader,
the validator, the writer of ``Ringkasan``/``Validasi`` and the report context.
Adding a column is one line in a ``Sheet``'s ``columns`` (plus its tests).

Pure data: no imports beyond the standard library, so ``import lkj_excel`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

CONTRACT_VERSION = 1
TEMPLATE_VERSION = "1.0"

Kind = Literal["text", "code", "number", "money", "int", "year", "date", "choice",
               "number_or_category"]
#: the kinds whose cells hold numbers (a category of ``number_or_category`` aside)
NUMBER_KINDS: frozenset[str] = frozenset(("number", "money", "int", "year",
                                          "number_or_category"))

# Dropdown choices (data validation in the template; checked by the validator).
POLARITAS = ("Positif", "Negatif")
STATUS_KEJADIAN = ("Selesai", "Ditangani", "Dalam Proses", "Belum Ditangani")
#: Statuses that count as handled when Pembilang/Penyebut are counted from Kejadian.
STATUS_TERTANGANI = ("Selesai", "Ditangani")
JENIS_PEGAWAI = ("ASN", "PNS", "PPPK", "Tenaga Kontrak")
PENGELOMPOKAN = ("Pendidikan", "Pangkat", "Golongan", "Jabatan", "Jenis Kelamin", "Usia")
BAGIAN_NARASI = (
    "Latar Belakang",
    "Dasar Hukum",
    "Tugas Pokok",
    "Fungsi",
    "Aspek Strategis",
    "Strategi Peningkatan Kinerja",
    # additions beyond contract v1 (optional parts of the report)
    "Catatan Standar Nasional",
    "Catatan Pembanding",
    "Sumber Data Pegawai",
    # the contract's Additions
    "Kata Pengantar",
    "Ikhtisar Eksekutif",
    "Struktur Organisasi",
    "Perencanaan Kinerja",
    "Perjanjian Kinerja",
    "Analisis Efisiensi",
    "Penutup",
)
TRIWULAN = ("I", "II", "III", "IV")
BAGIAN_GAMBAR = ("Struktur Organisasi", "Lampiran", "Kop")
RUMUS_NEGATIF = ("2T-R", "T/R")
SATUAN_PERSEN = "%"
#: what a computed capaian or realisasi says when it cannot be computed (division by zero)
TIDAK_DAPAT_DIHITUNG = "tidak dapat dihitung"
#: the capaian of a text target (a category: WTP, A, BB...), decided on the Skala Kategori
TERCAPAI = "Tercapai"
TIDAK_TERCAPAI = "Tidak Tercapai"
#: the note of a column that takes a number or a category of the Skala Kategori
_NOTE_KATEGORI = "angka, atau kategori dari Skala Kategori di lembar Pengaturan (mis. WTP, A, BB)"


_NORMED: dict[str, str] = {}


def norm(value: object) -> str:
    """Text compared the way people mean it: spaces trimmed and collapsed, case ignored.

    The contract's one rule for matching labels, codes, names and choices everywhere
    (reader, engine, validator, merge, Excel adapter). Short texts are remembered (a
    bounded cache: the reader compares the same labels and codes over and over)."""
    if type(value) is str:
        out = _NORMED.get(value)
        if out is None:
            out = " ".join(value.split()).casefold()
            if len(value) <= 200 and len(_NORMED) < 50_000:  # at most ~20 MB kept
                _NORMED[value] = out
        return out
    return "" if value is None else " ".join(str(value).split()).casefold()


@dataclass(frozen=True)
class Column:
    """One column of a data sheet."""

    label: str
    key: str
    kind: Kind = "text"
    required: bool = False
    computed: bool = False
    #: False for columns this project adds beyond contract v1: optional when reading.
    contract: bool = True
    choices: tuple[str, ...] = ()
    width: int = 16
    note: str = ""
    #: "Sheet.key" a value must exist in (e.g. "PK.kode_indikator"); a finding otherwise
    ref: str = ""
    #: a value of the indicator in its own Satuan (a target, a realisasi): a cell shown as a
    #: percent (format or "96%") means that percent when the Satuan is %, else it is doubtful
    per_satuan: bool = False


@dataclass(frozen=True)
class Sheet:
    """A data sheet: a header row of labels, then one record per row."""

    name: str
    columns: tuple[Column, ...]
    note: str
    #: keys of the columns that identify a row (duplicates are a finding).
    unique: tuple[str, ...] = ()
    table: str = ""
    #: a short title printed above the header in the template.
    title: str = ""
    #: a sheet of the contract's Additions: a workbook without it is read as before
    #: (empty, no finding)
    added: bool = False

    @property
    def first_label(self) -> str:
        return self.columns[0].label

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def input_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.computed)

    @property
    def computed_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.computed)


def _c(label: str, key: str, kind: Kind = "text", **kw: object) -> Column:
    return Column(label, key, kind, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Data sheets (contract v1 order; added columns have contract=False)
# ---------------------------------------------------------------------------

PK = Sheet(
    name="PK",
    table="TabelPK",
    title="Perjanjian Kinerja",
    note=(
        "Perjanjian Kinerja: satu baris per indikator. Beberapa indikator boleh berbagi "
        "satu sasaran. Polaritas Positif berarti makin tinggi makin baik; Negatif berarti "
        "makin rendah makin baik. Bidang adalah unit yang bertanggung jawab."
    ),
    unique=("kode_indikator",),
    columns=(
        _c("Kode Sasaran", "kode_sasaran", "code", required=True, width=12),
        _c("Sasaran Strategis", "sasaran", required=True, width=45),
        _c("Kode Indikator", "kode_indikator", "code", required=True, width=12),
        _c("Indikator Kinerja", "indikator", required=True, width=45),
        _c("Satuan", "satuan", required=True, width=10),
        _c("Target", "target", "number_or_category", required=True, width=10, per_satuan=True,
           note=_NOTE_KATEGORI + "; untuk satuan % ketik angka persennya, misalnya 95 (95% "
           "juga terbaca 95)"),
        _c("Polaritas", "polaritas", "choice", required=True, choices=POLARITAS, width=11),
        _c("Bidang", "bidang", required=True, width=30),
    ),
)

IKU = Sheet(
    name="IKU",
    table="TabelIKU",
    title="Pengukuran Indikator Kinerja Utama",
    note=(
        "Pengukuran tiap indikator. Bila Pembilang dan Penyebut diisi, Realisasi dihitung "
        "dari keduanya (x 100 untuk satuan %). Bila keduanya kosong dan indikator punya "
        "baris di lembar Kejadian, Penyebut = jumlah kejadian dan Pembilang = jumlah yang "
        "berstatus Selesai atau Ditangani. Selain itu isi Realisasi langsung. Kolom abu-abu "
        "dihitung otomatis: jangan diketik."
    ),
    unique=("kode_indikator",),
    columns=(
        _c("Kode Indikator", "kode_indikator", "code", required=True, width=12),
        _c("Uraian Pembilang", "uraian_pembilang", width=30),
        _c("Pembilang", "pembilang", "number", width=11),
        _c("Uraian Penyebut", "uraian_penyebut", width=30),
        _c("Penyebut", "penyebut", "number", width=11),
        _c("Realisasi", "realisasi", "number_or_category", width=11, per_satuan=True,
           note="kategori bila targetnya kategori"),
        _c("Realisasi Dihitung", "realisasi_dihitung", "number", computed=True,
           contract=False, width=11),
        _c("Target PK", "target_pk", "number", computed=True, contract=False, width=10),
        _c("Capaian", "capaian", "number", computed=True, width=11),
        _c("Predikat", "predikat", computed=True, width=14),
        _c("Target Akhir Renstra", "target_renstra", "number_or_category", width=12,
           per_satuan=True),
        _c("Standar Nasional", "standar_nasional", "number", width=12, per_satuan=True),
        _c("Alasan Pemilihan", "alasan", width=40),
        _c("Analisis", "analisis", width=40),
        _c("Upaya", "upaya", width=40),
        _c("Hambatan", "hambatan", width=40),
        _c("Rencana Tindak Lanjut", "rencana", width=40),
    ),
)

RIWAYAT = Sheet(
    name="Riwayat",
    table="TabelRiwayat",
    title="Realisasi Tahun-Tahun Sebelumnya",
    note="Realisasi indikator pada tahun-tahun sebelumnya, untuk perbandingan antartahun.",
    unique=("kode_indikator", "tahun"),
    columns=(
        _c("Kode Indikator", "kode_indikator", "code", required=True, width=12,
           ref="PK.kode_indikator"),
        _c("Tahun", "tahun", "year", required=True, width=8),
        _c("Realisasi", "realisasi", "number_or_category", required=True, width=11,
           per_satuan=True),
    ),
)

PEMBANDING = Sheet(
    name="Pembanding",
    table="TabelPembanding",
    title="Pembanding (Daerah Lain atau Acuan)",
    note=(
        "Realisasi daerah lain atau acuan lain untuk indikator yang sama. Kosongkan "
        "Realisasi bila datanya tidak tersedia; laporan akan menyebutkannya."
    ),
    unique=("kode_indikator", "pembanding"),
    columns=(
        _c("Kode Indikator", "kode_indikator", "code", required=True, width=12,
           ref="PK.kode_indikator"),
        _c("Pembanding", "pembanding", required=True, width=30),
        _c("Realisasi", "realisasi", "number", width=11, per_satuan=True),
    ),
)

KEJADIAN = Sheet(
    name="Kejadian",
    table="TabelKejadian",
    title="Kejadian dan Kegiatan",
    note=(
        "Peristiwa atau kegiatan yang dihitung oleh suatu indikator. Status Selesai dan "
        "Ditangani dihitung sebagai tertangani."
    ),
    columns=(
        _c("Kode Indikator", "kode_indikator", "code", required=True, width=12,
           ref="PK.kode_indikator"),
        _c("Tanggal", "tanggal", "date", width=12),
        _c("Uraian", "uraian", required=True, width=60),
        _c("Lokasi", "lokasi", width=25),
        _c("Status", "status", "choice", required=True, choices=STATUS_KEJADIAN, width=15),
        _c("Keterangan", "keterangan", width=30),
    ),
)

ANGGARAN = Sheet(
    name="Anggaran",
    table="TabelAnggaran",
    title="Program, Kegiatan dan Anggaran",
    note=(
        "Baris dengan Kegiatan kosong adalah program; baris dengan Kegiatan terisi milik "
        "program yang disebut di kolom Program. Kode Sasaran boleh kosong untuk program "
        "penunjang. Jumlah anggaran kegiatan harus sama dengan anggaran programnya."
    ),
    unique=("program", "kegiatan"),
    columns=(
        _c("Kode Sasaran", "kode_sasaran", "code", width=12, ref="PK.kode_sasaran"),
        _c("Program", "program", required=True, width=45),
        _c("Kegiatan", "kegiatan", width=45),
        _c("Anggaran", "anggaran", "money", required=True, width=20),
        _c("Realisasi", "realisasi", "money", width=20),
        _c("Serapan (%)", "serapan", "number", computed=True, contract=False, width=10),
    ),
)

LRA = Sheet(
    name="LRA",
    table="TabelLRA",
    title="Laporan Realisasi Anggaran",
    note=(
        "Laporan Realisasi Anggaran per kode rekening. Hierarki mengikuti kode (5 > 5.1 > "
        "5.1.1): jumlah induk harus sama dengan jumlah anak-anaknya. Ketik kode sebagai teks."
    ),
    unique=("kode_rekening",),
    columns=(
        _c("Kode Rekening", "kode_rekening", "code", required=True, width=14),
        _c("Uraian", "uraian", required=True, width=40),
        _c("Anggaran", "anggaran", "money", required=True, width=20),
        _c("Realisasi", "realisasi", "money", required=True, width=20),
        _c("Realisasi Tahun Lalu", "realisasi_lalu", "money", width=20),
        _c("Serapan (%)", "serapan", "number", computed=True, contract=False, width=10),
    ),
)

PEGAWAI = Sheet(
    name="Pegawai",
    table="TabelPegawai",
    title="Keadaan Pegawai",
    note=(
        "Jumlah pegawai per jenis dan pengelompokan. Setiap pengelompokan dari jenis "
        "pegawai yang sama harus berjumlah sama (misalnya total per Pendidikan = total per "
        "Pangkat)."
    ),
    unique=("jenis", "pengelompokan", "uraian"),
    columns=(
        _c("Jenis Pegawai", "jenis", "choice", required=True, choices=JENIS_PEGAWAI, width=16),
        _c("Pengelompokan", "pengelompokan", "choice", required=True, choices=PENGELOMPOKAN,
           width=16),
        _c("Uraian", "uraian", required=True, width=30),
        _c("Jumlah", "jumlah", "int", required=True, width=10),
    ),
)

NARASI = Sheet(
    name="Narasi",
    table="TabelNarasi",
    title="Narasi Laporan",
    note=(
        "Teks naratif laporan. Bagian yang diulang di beberapa baris menjadi beberapa "
        "paragraf atau butir daftar, sesuai urutan."
    ),
    columns=(
        _c("Bagian", "bagian", required=True, choices=BAGIAN_NARASI, width=28),
        _c("Isi", "isi", required=True, width=100),
    ),
)

# -- the contract's Additions (optional sheets: a workbook without them reads as before)

CASCADING = Sheet(
    name="Cascading",
    table="TabelCascading",
    title="Keselarasan dengan RPJMD (Cascading)",
    note=(
        "Bagaimana setiap sasaran strategis PK mendukung RPJMD: satu baris per sasaran. "
        "Bab II laporan menyebut tujuan RPJMD, dan setiap sasaran di Bab III dibuka dengan "
        "Misi, Sasaran RPJMD dan Indikator RPJMD-nya."
    ),
    unique=("kode_sasaran",),
    added=True,
    columns=(
        _c("Kode Sasaran", "kode_sasaran", "code", required=True, width=12,
           ref="PK.kode_sasaran"),
        _c("Misi", "misi", width=45),
        _c("Tujuan", "tujuan", width=45),
        _c("Sasaran RPJMD", "sasaran_rpjmd", width=45),
        _c("Indikator RPJMD", "indikator_rpjmd", width=45),
    ),
)

TARGET_RENSTRA = Sheet(
    name="Target Renstra",
    table="TabelTargetRenstra",
    title="Target Renstra per Tahun",
    note=(
        "Target setiap indikator pada setiap tahun Renstra. Target Akhir Renstra di lembar "
        "IKU tetap target akhir periode; lembar ini memberi target tiap tahun."
    ),
    unique=("kode_indikator", "tahun"),
    added=True,
    columns=(
        _c("Kode Indikator", "kode_indikator", "code", required=True, width=12,
           ref="PK.kode_indikator"),
        _c("Tahun", "tahun", "year", required=True, width=8),
        _c("Target", "target", "number_or_category", required=True, width=11,
           per_satuan=True),
    ),
)

TRIWULAN_SHEET = Sheet(
    name="Triwulan",
    table="TabelTriwulan",
    title="Target, Rencana Aksi dan Realisasi per Triwulan",
    note=(
        "Target triwulan, rencana aksi dan realisasi pada akhir setiap triwulan. Realisasi "
        "dihitung dari Pembilang/Penyebut seperti di IKU bila keduanya diisi. Triwulan IV "
        "adalah nilai setahun. Beberapa baris untuk indikator dan triwulan yang sama adalah "
        "beberapa baris rencana aksi: isi Target dan Realisasi triwulan itu pada satu baris "
        "saja (baris lain cukup Rencana Aksi). Kolom abu-abu dihitung otomatis: Realisasi "
        "Dihitung, dan Capaian terhadap target triwulan."
    ),
    added=True,
    columns=(
        _c("Kode Indikator", "kode_indikator", "code", required=True, width=12,
           ref="PK.kode_indikator"),
        _c("Triwulan", "triwulan", "choice", required=True, choices=TRIWULAN, width=10),
        _c("Target", "target", "number", width=11, per_satuan=True),
        _c("Rencana Aksi", "rencana_aksi", width=45),
        _c("Pembilang", "pembilang", "number", width=11),
        _c("Penyebut", "penyebut", "number", width=11),
        _c("Realisasi", "realisasi", "number", width=11, per_satuan=True),
        _c("Realisasi Dihitung", "realisasi_dihitung", "number", computed=True,
           contract=False, width=11),
        _c("Capaian", "capaian", "number", computed=True, contract=False, width=11),
        _c("Keterangan", "keterangan", width=30),
    ),
)

ANGGARAN_TRIWULAN = Sheet(
    name="Anggaran Triwulan",
    table="TabelAnggaranTriwulan",
    title="Realisasi Anggaran per Triwulan",
    note=(
        "Realisasi kumulatif setiap program lembar Anggaran pada akhir triwulan (tulis nama "
        "program persis seperti di lembar Anggaran)."
    ),
    unique=("program", "triwulan"),
    added=True,
    columns=(
        _c("Program", "program", required=True, width=45, ref="Anggaran.program"),
        _c("Triwulan", "triwulan", "choice", required=True, choices=TRIWULAN, width=10),
        _c("Realisasi", "realisasi", "money", required=True, width=20),
    ),
)

GAMBAR = Sheet(
    name="Gambar",
    table="TabelGambar",
    title="Gambar untuk Laporan",
    note=(
        "Tempel gambar (struktur organisasi, foto dokumentasi, logo kop) di lembar ini: "
        "gambar menjadi milik baris tempat sudut kiri atasnya berada. Bagian: Struktur "
        "Organisasi (Bab I), Lampiran (foto dokumentasi), Kop (logo sampul dan dokumen)."
    ),
    added=True,
    columns=(
        _c("Bagian", "bagian", "choice", required=True, choices=BAGIAN_GAMBAR, width=22),
        _c("Judul", "judul", width=60),
    ),
)

DATA_SHEETS: tuple[Sheet, ...] = (PK, IKU, RIWAYAT, PEMBANDING, KEJADIAN, ANGGARAN, LRA,
                                  PEGAWAI, NARASI, CASCADING, TARGET_RENSTRA, TRIWULAN_SHEET,
                                  ANGGARAN_TRIWULAN, GAMBAR)
SHEETS_BY_NAME = {s.name: s for s in DATA_SHEETS}
def data_sheet(name: str) -> Sheet | None:
    """The schema's data sheet for a workbook sheet name (matched like every label)."""
    return SHEETS_BY_NAME.get(name) or next(
        (s for s in DATA_SHEETS if norm(s.name) == norm(name)), None)


#: Sheets a workbook must have (others may be absent: they are then empty).
REQUIRED_SHEETS = ("Profil", "PK", "IKU")


# ---------------------------------------------------------------------------
# Profil: label in A, value in B
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    label: str
    key: str
    kind: Kind = "text"
    required: bool = True
    contract: bool = True
    note: str = ""


PROFIL_SHEET = "Profil"
PROFIL_HEADER = ("Isian", "Nilai")
PROFIL_FIELDS: tuple[Field, ...] = (
    Field("Instansi", "instansi", note="Nama lengkap instansi"),
    Field("Pemerintah Daerah", "pemda", note="Misalnya Kota Banjarbaru"),
    Field("Tahun", "tahun", "year", note="Tahun kinerja yang dilaporkan"),
    Field("Bidang", "bidang", note="Unit pemilik buku kerja ini; buku kerja instansi: Sekretariat"),
    Field("Nama Kepala", "nama_kepala"),
    Field("NIP Kepala", "nip_kepala", "code"),
    Field("Pangkat Kepala", "pangkat_kepala"),
    Field("Jabatan Kepala", "jabatan_kepala"),
    Field("Tempat", "tempat", note="Tempat penandatanganan laporan"),
    Field("Tanggal Laporan", "tanggal", "date",
          note="Tanggal penandatanganan laporan (boleh bulan dan tahun saja, mis. Februari 2025)"),
    Field("Singkatan Instansi", "singkatan", required=False, contract=False,
          note="Nama singkat instansi, misalnya Badan Kesbangpol Kota Banjarbaru"),
    Field("Alamat Instansi", "alamat", required=False, contract=False,
          note="Alamat kantor (kop dokumen)"),
    Field("Nama Pemberi Amanah", "nama_pemberi_amanah", required=False, contract=False,
          note="Pihak kedua Perjanjian Kinerja, misalnya nama Walikota"),
    Field("Jabatan Pemberi Amanah", "jabatan_pemberi_amanah", required=False, contract=False,
          note="Misalnya Walikota Banjarbaru"),
    Field("Nama Inspektorat", "nama_inspektorat", required=False, contract=False,
          note="Untuk halaman Pernyataan Telah Direviu; isi setelah reviu"),
    Field("Alamat Inspektorat", "alamat_inspektorat", required=False, contract=False),
    Field("Nama Inspektur", "nama_inspektur", required=False, contract=False),
    Field("NIP Inspektur", "nip_inspektur", "code", required=False, contract=False),
    Field("Pangkat Inspektur", "pangkat_inspektur", required=False, contract=False),
    Field("Jabatan Inspektur", "jabatan_inspektur", required=False, contract=False,
          note="Misalnya Inspektur Kota Banjarbaru"),
    Field("Tanggal Reviu", "tanggal_reviu", "date", required=False, contract=False,
          note="Tanggal pernyataan reviu (boleh bulan dan tahun saja)"),
    Field("Tanggal Perjanjian Kinerja", "tanggal_pk", "date", required=False, contract=False,
          note="Tanggal penandatanganan Perjanjian Kinerja (boleh bulan dan tahun saja, "
               "mis. Januari 2024)"),
    Field("Eselon Kepala", "eselon_kepala", required=False, contract=False,
          note="Misalnya II (Pejabat Tinggi Pratama); untuk teks Perjanjian Kinerja di Bab II"),
)
#: the Profil rows that must all be filled for the report's Pernyataan Telah Direviu page
PROFIL_REVIU = ("nama_inspektorat", "alamat_inspektorat", "nama_inspektur", "nip_inspektur",
                "pangkat_inspektur", "jabatan_inspektur", "tanggal_reviu")
PROFIL_BY_LABEL = {f.label.casefold(): f for f in PROFIL_FIELDS}
AGENCY_BIDANG = "Sekretariat"


# ---------------------------------------------------------------------------
# Pengaturan: settings by label, and the predicate scale table
# ---------------------------------------------------------------------------

PENGATURAN_SHEET = "Pengaturan"
PENGATURAN_HEADER = ("Isian", "Nilai")
SKALA_HEADER = ("Batas Bawah", "Predikat")
#: rows reserved for the active scale in the template (formulas reference them).
SKALA_ROWS = 10


@dataclass(frozen=True)
class Setting:
    label: str
    key: str
    default: object
    kind: Kind
    choices: tuple[str, ...] = ()
    note: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("Rumus Polaritas Negatif", "rumus_negatif", "2T-R", "choice", RUMUS_NEGATIF,
            "2T-R: (2 x Target - Realisasi) / Target x 100%; T/R: Target / Realisasi x 100%"),
    Setting("Desimal", "desimal", 0, "int", (),
            "Jumlah angka di belakang koma untuk realisasi dan capaian indikator"),
    Setting("Batas Atas Capaian", "batas_atas", None, "number", (),
            "Kosongkan bila capaian tidak dibatasi; misalnya 120 untuk membatasi 120%"),
    Setting("Batas Penyampaian", "batas_penyampaian", None, "date", (),
            "Tanggal paling lambat LKj disampaikan (untuk reviu), misalnya 31/03/2025"),
)
SETTINGS_BY_LABEL = {s.label.casefold(): s for s in SETTINGS}

#: how a total row typed by hand into a table begins ("Jumlah", "Total", "Sub Total"...):
#: on a sheet of amounts (Anggaran, LRA, Pegawai) such a row is a finding, not data
TOTAL_WORDS = ("jumlah", "total", "sub total", "subtotal", "grand total")

#: (batas bawah inclusive, predikat); the lowest band also takes everything below it.
SKALA_STANDAR: tuple[tuple[str, str], ...] = (
    ("100.01", "Sangat Baik"),
    ("90", "Baik"),
    ("75", "Cukup"),
    ("50", "Kurang"),
    ("0", "Sangat Kurang"),
)
SKALA_KABKOTA: tuple[tuple[str, str], ...] = (
    ("91", "Sangat Baik"),
    ("76", "Baik"),
    ("66", "Cukup"),
    ("51", "Kurang"),
    ("0", "Sangat Kurang"),
)
#: the ordered scale of text targets (Kategori | Peringkat; a higher Peringkat is better):
#: audit opinions, SAKIP grades, ratings. Used when Pengaturan has no Skala Kategori table.
SKALA_KATEGORI_HEADER = ("Kategori", "Peringkat")
SKALA_KATEGORI_STANDAR: tuple[tuple[str, int], ...] = (
    ("WTP", 4), ("WDP", 3), ("TW", 2), ("TMP", 1),
    ("AA", 7), ("A", 6), ("BB", 5), ("B", 4), ("CC", 3), ("C", 2), ("D", 1),
    ("Sangat Tinggi", 5), ("Tinggi", 4), ("Sedang", 3), ("Rendah", 2), ("Sangat Rendah", 1),
)
#: rows reserved for the Skala Kategori table in the template
SKALA_KATEGORI_ROWS = 20

SKALA_PRESET = {
    "standar": SKALA_STANDAR,
    "kabkota": SKALA_KABKOTA,
    "91/76/66/51": SKALA_KABKOTA,
}


# ---------------------------------------------------------------------------
# Hidden metadata
# ---------------------------------------------------------------------------

META_SHEET = "_Metadata"
META_FIELDS: tuple[Field, ...] = (
    Field("Versi Kontrak", "versi_kontrak", "int"),
    Field("Versi Templat", "versi_templat"),
    Field("ID Buku Kerja", "id_buku_kerja", "code", required=False),
    Field("Revisi", "revisi", "int", required=False),
    #: the units ``lkj pecah`` made and what each received (JSON), so ``lkj gabung`` knows
    #: which unit has not sent its workbook and what is missing
    Field("Daftar Bidang", "daftar_bidang", required=False),
)


# ---------------------------------------------------------------------------
# Sheets the engine writes
# ---------------------------------------------------------------------------

RINGKASAN_SHEET = "Ringkasan"
VALIDASI_SHEET = "Validasi"
PETUNJUK_SHEET = "Petunjuk"
ENGINE_SHEETS = (RINGKASAN_SHEET, VALIDASI_SHEET)

@dataclass(frozen=True)
class Output:
    """One field of the engine's result per indicator.

    ``key`` is its JSON key and its name in the report context; ``label`` its column header
    in Ringkasan ("" = not a Ringkasan column); ``attr`` the ``IndikatorResult`` attribute
    it reads (default: ``key``); ``digits`` rounds it in JSON (None: as computed);
    ``words`` maps codes to the words Ringkasan shows.
    """

    key: str
    label: str = ""
    kind: Kind = "text"
    attr: str = ""
    digits: int | None = None
    words: Mapping[str, str] | None = None

    @property
    def source(self) -> str:
        return self.attr or self.key


SUMBER_REALISASI = {
    "pembilang-penyebut": "Pembilang/Penyebut",
    "input": "Diisi langsung",
    "kejadian": "Dihitung dari Kejadian",
}

#: The engine's result per indicator, in order: the one declaration the JSON object, the
#: Ringkasan columns and the report context take their fields from. Every other input
#: column of PK and IKU reaches the result too, under its own key (``INDIKATOR_CARRIED``):
#: a column added to those sheets is in the JSON and the report context with no other line.
INDIKATOR_OUTPUT: tuple[Output, ...] = (
    Output("kode_sasaran", "Kode Sasaran", "code"),
    Output("sasaran", "Sasaran Strategis"),
    Output("kode", "Kode Indikator", "code"),
    Output("indikator", "Indikator Kinerja"),
    Output("satuan", "Satuan"),
    Output("polaritas", "Polaritas"),
    Output("target", "Target", "number", attr="target_tampil"),
    Output("pembilang", "", "number"),
    Output("penyebut", "", "number"),
    Output("realisasi", "Realisasi", "number", attr="realisasi_bulat"),
    Output("realisasi_tepat", "", "number", attr="realisasi", digits=4),
    Output("capaian", "Capaian", "number", attr="capaian_tampil"),
    Output("capaian_tepat", "", "number", attr="capaian", digits=4),
    Output("predikat", "Predikat"),
    Output("sumber_realisasi", "Sumber Realisasi", "choice", words=SUMBER_REALISASI),
    Output("capaian_renstra", "", "number", attr="capaian_renstra_bulat"),
    #: True when the target was met (capaian as shown >= 100, or the category ranks at or
    #: above the target's); None when it cannot be said
    Output("tercapai", "", "choice"),
    #: this year's target in the Target Renstra sheet, and the capaian against it
    Output("target_renstra_tahun", "", "number"),
    Output("capaian_renstra_tahun", "", "number", attr="capaian_renstra_tahun_tampil"),
)
#: the columns of Ringkasan's indicator table
RINGKASAN_INDIKATOR: tuple[Output, ...] = tuple(o for o in INDIKATOR_OUTPUT if o.label)


def _carried() -> tuple[Column, ...]:
    declared = {o.key for o in INDIKATOR_OUTPUT} | {o.source for o in INDIKATOR_OUTPUT}
    seen = {"kode_indikator"} | declared
    out = []
    for sheet in (PK, IKU):
        for col in sheet.input_columns:
            if col.key not in seen:
                seen.add(col.key)
                out.append(col)
    return tuple(out)


#: input columns of PK and IKU carried into each indicator's result as they were typed
#: (``IndikatorResult.inputs``): the JSON object and the report context show them
INDIKATOR_CARRIED: tuple[Column, ...] = _carried()
#: input columns of PK and IKU by key (what ``IndikatorResult`` reads from ``inputs``)
INDIKATOR_INPUTS: dict[str, Column] = {
    c.key: c for sheet in (IKU, PK) for c in sheet.input_columns}

RINGKASAN_ANGGARAN: tuple[Column, ...] = (
    _c("Program", "program", width=40),
    _c("Anggaran", "anggaran", "money"),
    _c("Realisasi", "realisasi", "money"),
    _c("Serapan (%)", "serapan_persen", "number"),
    _c("Efisiensi", "efisiensi", "money"),
    _c("Efisiensi (%)", "efisiensi_persen", "number"),
)
VALIDASI_COLUMNS: tuple[Column, ...] = (
    _c("No", "no", "int", width=6),
    _c("Tingkat", "tingkat", width=12),
    _c("Kode", "kode", width=28),
    _c("Lembar", "lembar", width=14),
    _c("Sel", "sel", width=8),
    _c("Pesan", "pesan", width=100),
    _c("Tautan", "tautan", width=12),
)



def is_conf_sheet(name: str) -> bool:
    """True for a sheet xlwings would read as its configuration (``*.conf``)."""
    return name.strip().casefold().endswith(".conf")


@dataclass(frozen=True)
class Limits:
    """Limits applied to any single input file (settings; see docs/batas.md).

    Each can be overridden by an environment variable (``LIMIT_ENV``), read once in
    ``Limits.from_env`` when this module is imported.
    """

    max_file_bytes: int = 50 * 1024 * 1024
    max_inflated_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_rows_per_sheet: int = 100_000
    max_text_chars: int = 32_767
    max_cells_per_sheet: int = 5_000_000
    max_parts: int = 5_000
    #: one picture of the Gambar sheet: its file size and its pixels (width x height)
    max_picture_bytes: int = 20 * 1024 * 1024
    max_picture_pixels: int = 50_000_000
    extra: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Defaults, overridden by ``LKJ_MAKS_*`` variables (invalid values are ignored)."""
        import os

        env = os.environ if environ is None else environ
        kw: dict[str, int] = {}
        for name, (attr, unit) in LIMIT_ENV.items():
            raw = env.get(name, "").strip()
            if not raw:
                continue
            try:
                value = int(float(raw.replace(",", ".")) * unit)
            except ValueError:
                continue
            if value > 0:
                kw[attr] = value
        return cls(**kw)


#: environment variable -> (Limits field, multiplier)
LIMIT_ENV: dict[str, tuple[str, int]] = {
    "LKJ_MAKS_UKURAN_MB": ("max_file_bytes", 1024 * 1024),
    "LKJ_MAKS_MENGEMBANG_MB": ("max_inflated_bytes", 1024 * 1024),
    "LKJ_MAKS_RASIO": ("max_ratio", 1),
    "LKJ_MAKS_BARIS": ("max_rows_per_sheet", 1),
    "LKJ_MAKS_TEKS": ("max_text_chars", 1),
    "LKJ_MAKS_SEL": ("max_cells_per_sheet", 1),
    "LKJ_MAKS_BAGIAN": ("max_parts", 1),
    "LKJ_MAKS_GAMBAR_MB": ("max_picture_bytes", 1024 * 1024),
    "LKJ_MAKS_GAMBAR_MPIKSEL": ("max_picture_pixels", 1_000_000),
}

LIMITS = Limits.from_env()
