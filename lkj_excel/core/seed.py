"""The seed report's data (LKj 2024, Badan Kesbangpol Kota Banjarbaru) in the builder's format.

Transcribed by hand from ``shared/seed/000_edd21db7db479246.txt``. ``seed_data()`` returns
the dict that ``lkj_excel.files.template.write_workbook(path, data)`` writes and
``lkj_excel.core.units`` splits and merges::

    {"profil": {...}, "meta": {...}, "pengaturan": {...}, "sheets": {"PK": [...], ...}}

Keys are the ``key`` of the input columns in ``lkj_excel.core.schema``. Money and percentages are
``Decimal`` (built from strings) or ``int``; dates are ``datetime.date``.

Deliberate choices where the seed contradicts itself (see the domain notes):
- target of the ormas indicator is 95 (the PK), not the 90 the text once says;
- the 4 listed potential conflicts of sasaran V are all counted as handled (the text also
  speaks of "4 selesai dan 3 tertangani"): 1 Selesai, 3 Ditangani;
- the 4 kegiatan of Program Penguatan Ideologi Pancasila add up to Rp 2.067.763.150 while the
  program's budget is Rp 2.067.763.000: kept as in the seed, the validator flags it;
- the comparison with other regions lists all 5 indicators (the seed's table drops one), all
  without data;
- the Kejadian of sasaran V carry no Keterangan (the report groups Kejadian by Keterangan,
  as the seed groups FKUB / P4GN; the "still in process" of three of them is their status);
- the closing paragraph of Bab IV is the Narasi part Penutup, not a fifth strategy item.

The rest of the SAKIP year (the contract's Additions), drawn from the seed where it says
something and plausible where it does not (marked so below):
- quarters: the seed's realisasi is Triwulan IV (its Pembilang/Penyebut); the earlier
  quarters are plausible cumulative counts towards it, with Rencana Aksi lines taken from the
  seed's upaya and kegiatan; the programs' cumulative budget realisation per quarter ends at
  the seed's realisasi (the earlier quarters are plausible);
- Target Renstra 2021-2026: the seed's 2024 targets (the PK) and its end-of-period target
  (100), "designed to rise every year" as the seed says (the other years are plausible);
- the PK parties: the Walikota Banjarbaru (the seed names the office, not the person, so the
  name stays empty: the PK document prints a dotted line to fill by hand), the PK signed
  in January 2024 ("setelah ditetapkannya DPA diawal tahun 2024");
- Batas Penyampaian: 31 March 2025 (a pemda agency's LKj is due 3 months after the year).

Added parts of the report (the contract's Additions): the reviu rows of Profil from the
seed's last page, the RPJMD link (Cascading) from its 2.1 and 3.1, the opening of Bab II and
the reading of 3.3 from its text, the eselon and the PK's other party from its 2.1. The
seed has no Kata Pengantar: the one here is written for the example. Its pictures are not
in the seed's text either: the Gambar rows carry the seed's captions with small pictures
drawn here (a logo, an organisation chart, the documentation photos), so the example shows
every part of the report.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.model import Picture
from lkj_excel.core.numbers import MonthDate
from lkj_excel.core.pictures import Canvas
from lkj_excel.core.units import PICTURE_KEY

D = Decimal

# ---------------------------------------------------------------------------
# Units (Bidang) and indicator codes
# ---------------------------------------------------------------------------

BIDANG_IDEOLOGI = "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa"
BIDANG_POLITIK = "Bidang Politik Dalam Negeri"
BIDANG_KETAHANAN = "Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Kemasyarakatan"
BIDANG_KEWASPADAAN = "Bidang Kewaspadaan Nasional dan Penanganan Konflik"

NAMA_BERKAS_INSTANSI = "LKj 2024 Badan Kesbangpol Kota Banjarbaru.xlsx"

PROFIL: dict[str, Any] = {
    "instansi": "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru",
    "pemda": "Kota Banjarbaru",
    "tahun": 2024,
    "bidang": "Sekretariat",
    "nama_kepala": "H. RIZANA MIRZA, SH, M.Kes",
    "nip_kepala": "19660828 199303 1 007",
    "pangkat_kepala": "Pembina Utama Muda",
    "jabatan_kepala": "Kepala Badan Kesatuan Bangsa dan Politik Kota Banjarbaru",
    "tempat": "Banjarbaru",
    "tanggal": MonthDate.of(2025, 2),  # the seed signs "Banjarbaru, Februari 2025"
    "singkatan": "Badan Kesbangpol Kota Banjarbaru",
    # the PK document's parties and date (see the module's notes)
    "nama_pemberi_amanah": None,
    "jabatan_pemberi_amanah": "Walikota Banjarbaru",
    "tanggal_pk": MonthDate.of(2024, 1),
}
# the added Profil rows the seed fills: the eselon (2.1) and the reviu (last page)
PROFIL.update({
    "eselon_kepala": "II",
    "nama_inspektorat": "Inspektorat Kota Banjarbaru",
    "alamat_inspektorat": "Jl. Trikora No.1 Gedung Serba Guna Lt. 2 Banjarbaru 70713",
    "nama_inspektur": "Drs. RAHMAT TAUFIK, M.Si, CGCAE",
    "nip_inspektur": "19700615 199003 1 006",
    "pangkat_inspektur": "Pembina Utama Muda (IV/c)",
    "jabatan_inspektur": "Inspektur Kota Banjarbaru",
    "tanggal_reviu": _dt.date(2025, 2, 27),
})
# every other Profil row of the schema, empty (the contract's Additions: filled where the
# seed says them)
PROFIL.update({f.key: None for f in schema.PROFIL_FIELDS if f.key not in PROFIL})

PENGATURAN: dict[str, Any] = {"rumus_negatif": "2T-R", "desimal": 0, "batas_atas": None,
                              "batas_penyampaian": _dt.date(2025, 3, 31)}


def _pk() -> list[dict[str, Any]]:
    rows = [
        ("SS1", "Meningkatnya Penguatan dan Pemahaman Ideologi Pancasila dan Karakter "
                "Kebangsaan",
         "IKU1", "Persentase Potensi Paham Radikal yang Diselesaikan", 100, BIDANG_IDEOLOGI),
        ("SS2", "Meningkatnya Partisipasi Peran Partai Politik Dalam Pendidikan Politik, "
                "Pengembangan Etika Serta Budaya Politik Masyarakat",
         "IKU2", "Persentase Peran Partai Politik Dalam Pendidikan Politik dan Pengembangan "
                 "Etika Serta Budaya Politik", 100, BIDANG_POLITIK),
        ("SS3", "Meningkatnya Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan",
         "IKU3", "Persentase Ormas yang Aktif", 95, BIDANG_KETAHANAN),
        ("SS4", "Meningkatnya Pembinaan dan Pengembangan Ketahanan Ekonomi, Sosial, dan "
                "Budaya",
         "IKU4", "Persentase Fasilitasi / Pembinaan Ketahanan Ekonomi, Sosial, dan Budaya",
         100, BIDANG_KETAHANAN),
        ("SS5", "Meningkatnya Kewaspadaan Nasional dan Peningkatan Kualitas dan Fasilitasi "
                "Penanganan Konflik Sosial",
         "IKU5", "Persentase Potensi Konflik Ipolek Sosbud Hankam yang ditangani", 100,
         BIDANG_KEWASPADAAN),
    ]
    return [
        {"kode_sasaran": ks, "sasaran": s, "kode_indikator": ki, "indikator": ind,
         "satuan": "%", "target": D(t), "polaritas": "Positif", "bidang": b}
        for ks, s, ki, ind, t, b in rows
    ]


HAMBATAN = (
    "Banyaknya berita hoax menjelang pelaksanaan pilkada di tahun 2024 yang menyebabkan "
    "terjadinya gesekan, persaingan antar pendukung di masyarakat.\n"
    "Sumberdaya yang terbatas dihadapkan pada dinamika sosial dan politik yang demikian cepat."
)
RENCANA = (
    "Mengintensifkan rapat internal di lingkungan SKPD untuk mengevaluasi capaian kinerja "
    "masing-masing aparatur serta mengantisipasi kendala atau gangguan yang dapat menghambat "
    "pencapaian kinerja masing-masing aparatur.\n"
    "Akan dilaksanakan pemantauan rencana aksi secara bulanan dan penilaian atas seluruh aksi "
    "yang dilaksanakan dan alternatif yang dilakukan."
)


def _iku() -> list[dict[str, Any]]:
    def row(kode: str, up: str, p: int | None, uq: str, q: int | None, alasan: str,
            analisis: str, upaya: str, hambatan: str = "", rencana: str = ""
            ) -> dict[str, Any]:
        return {
            "kode_indikator": kode,
            "uraian_pembilang": up,
            "pembilang": None if p is None else D(p),
            "uraian_penyebut": uq,
            "penyebut": None if q is None else D(q),
            "realisasi": None,
            "target_renstra": D(100),
            "standar_nasional": None,
            "alasan": alasan,
            "analisis": analisis,
            "upaya": upaya,
            "hambatan": hambatan or None,
            "rencana": rencana or None,
        }

    return [
        row("IKU1",
            "Jumlah potensi konflik paham radikal yang diselesaikan", None,
            "Jumlah potensi", None,
            "Sasaran dan indikator pada sasaran strategis I dipilih untuk mengetahui sejauh "
            "mana penguatan dan pemahaman ideologi pancasila dan karakter kebangsaan di Kota "
            "Banjarbaru karena dengan semakin meningkatnya pemahaman, kesadaran dan pengamalan "
            "pancasila, wawasan kebangsaan dan nasionalisme tersebut, maka semakin baik "
            "kehidupan bertoleransi di masyarakat dalam rangka mengetahui dan mengantisipasi "
            "pertumbuhan kelompok radikal.",
            "Berdasarkan laporan Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa, pada "
            "tahun 2024 ada 1 peristiwa yang berpotensi ke arah konflik SARA. Peristiwa tersebut "
            "segera ditangani sehingga sepanjang tahun 2024 tidak sampai menjadi konflik "
            "radikal di Kota Banjarbaru.",
            "Melaksanakan kegiatan rapat internal dalam upaya deteksi dini, cegah dini dan "
            "antisipasi dini dalam masyarakat sebagai upaya pencegahan dan peningkatan "
            "penyelesaian paham radikal yang ada di Kota Banjarbaru.",
            HAMBATAN, RENCANA),
        row("IKU2",
            "Jumlah pendidikan politik yang dilaksanakan parpol", 9,
            "Jumlah partai politik", 9,
            "Sasaran dan indikator sasaran strategis II dipilih untuk mengukur tingkat "
            "partisipasi peran partai politik dalam pendidikan politik dan pengembangan etika "
            "serta budaya politik karena salah satu fungsi partai politik dalam legislasi "
            "adalah sebagai sarana pendidikan dan sosialisasi politik dimana partai politik "
            "agar dapat mensosialisasikan wacana politiknya kepada publik.",
            "Dari 18 partai politik yang ada di Kota Banjarbaru ada sebanyak 9 partai politik "
            "yang mendapatkan kursi di DPRD Kota Banjarbaru. 9 partai inilah yang mendapatkan "
            "bantuan hibah dan pada tahun 2024 semuanya telah melaksanakan pendidikan politik "
            "berupa kegiatan sosialisasi, pelatihan, bimtek dan sarasehan untuk kader politik "
            "masing-masing. Semakin tingginya tingkat pelaksanaan pendidikan politik "
            "masyarakat, semakin baik tingkat partisipasi masyarakat dalam berpolitik.",
            "Mengupayakan peningkatan peran partai politik dalam pendidikan politik dan "
            "pengembangan etika serta budaya politik melalui sosialisasi pendidikan politik dan "
            "monitoring terhadap perkembangan politik di Kota Banjarbaru."),
        row("IKU3",
            "Jumlah ormas yang aktif", 51,
            "Jumlah ormas", 53,
            "Sasaran dan indikator ini dipilih bertujuan untuk mengukur tingkat keaktifan "
            "organisasi kemasyarakatan dalam ketahanan, ekonomi, sosial, budaya dan agama. "
            "Berdasarkan Peraturan Pemerintah Nomor 58 tahun 2016 tentang Pelaksanaan "
            "Undang-undang Nomor 17 tahun 2013 tentang Organisasi Kemasyarakatan, ormas harus "
            "menjadi mitra pemerintah sehingga perlu dibina supaya lebih aktif dalam membantu "
            "program-program pemerintah.",
            "Berdasarkan data Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Organisasi "
            "Kemasyarakatan, jumlah ormas yang ada di Banjarbaru adalah sebanyak 53 dan yang "
            "aktif sebanyak 51 (data terlampir).",
            "Melaksanakan upaya peningkatan persentase ormas yang aktif melalui sosialisasi "
            "keormasan dan pendataan ormas sekaligus pembinaan kepada pengurus ormas."),
        row("IKU4",
            "Jumlah fasilitasi ketahanan ekonomi, sosial dan budaya yang tertangani", None,
            "Jumlah fasilitasi ketahanan ekonomi, sosial dan budaya yang ditangani", None,
            "Dengan memfasilitasi kegiatan ketahanan ekonomi, sosial dan budaya yang ada maka "
            "diharapkan membuat meningkatnya ketahanan ekonomi sosial dan budaya di Kota "
            "Banjarbaru sebagai pendorong dan pendukung pertumbuhan dan stabilitas kehidupan "
            "ekonomi masyarakat yang sehat dan dinamis.",
            "Ada 10 fasilitasi ketahanan ekonomi, sosial dan budaya yang ditangani oleh Bidang "
            "Ketahanan Seni, Budaya, Agama, Kemasyarakatan dan Ekonomi pada tahun 2024, terbagi "
            "atas 7 kegiatan koordinasi FKUB (Forum Kerukunan Umat Beragama) dan 3 kegiatan "
            "koordinasi P4GN (Pencegahan dan Pemberantasan Penyalahgunaan dan Peredaran Gelap "
            "Narkotika); semuanya tertangani dengan baik.",
            "Melaksanakan upaya peningkatan persentase fasilitasi/ pembinaan ketahanan ekonomi, "
            "sosial dan budaya melalui sosialisasi kepada masyarakat terkait Pencegahan dan "
            "Pemberantasan Penyalahgunaan Peredaran Gelap Narkoba dan fasilitasi Forum "
            "Kerukunan Umat Beragama (FKUB)."),
        row("IKU5",
            "Jumlah potensi konflik Ipoleksosbud Hankam yang tertangani", None,
            "Jumlah potensi", None,
            "Indikator ini dipilih untuk mengetahui sejauh mana pemantauan potensi sosial yang "
            "dilaksanakan sehingga memudahkan penanganan dan penyelesaian konflik sosial yang "
            "harus segera diselesaikan.",
            "Berdasarkan data Bidang Kewaspadaan Nasional dan Penanganan Konflik, pada tahun "
            "2024 ada beberapa kejadian atau peristiwa yang secara umum berpotensi ke arah "
            "konflik; semua potensi konflik tersebut telah tertangani.",
            "Melaksanakan upaya peningkatan potensi konflik Ipolek sosbud Hankam yang "
            "tertangani melalui pembentukan Forum Kewaspadaan Dini Masyarakat (FKDM) dan "
            "pembinaannya."),
    ]


def _riwayat() -> list[dict[str, Any]]:
    realisasi = {"IKU1": (100, 100), "IKU2": (100, 100), "IKU3": (92, 100),
                 "IKU4": (100, 100), "IKU5": (100, 100)}
    return [
        {"kode_indikator": kode, "tahun": tahun, "realisasi": D(r)}
        for kode, pair in realisasi.items()
        for tahun, r in zip((2022, 2023), pair, strict=True)
    ]


def _pembanding() -> list[dict[str, Any]]:
    return [
        {"kode_indikator": f"IKU{i}", "pembanding": nama, "realisasi": None}
        for i in range(1, 6)
        for nama in ("Kota Banjarmasin", "Provinsi Kalsel")
    ]


def _kejadian() -> list[dict[str, Any]]:
    def k(kode: str, uraian: str, status: str, lokasi: str | None = None,
          keterangan: str | None = None) -> dict[str, Any]:
        return {"kode_indikator": kode, "tanggal": None, "uraian": uraian, "lokasi": lokasi,
                "status": status, "keterangan": keterangan}

    return [
        k("IKU1", "Penolakan Warga Komplek Griya Asri Abadi terhadap kegiatan LDII di "
                  "Lingkungan RT 29 RW 07 Kelurahan Sungai Ulin, Kec. Banjarbaru Utara, Kota "
                  "Banjarbaru", "Selesai",
          "RT 29 RW 07 Kelurahan Sungai Ulin, Kecamatan Banjarbaru Utara",
          "Potensi konflik SARA"),
        *(k("IKU4", u, "Selesai", keterangan="FKUB") for u in (
            "Sosialisasi FKUB",
            "Sosialisasi Moderasi Beragama",
            "Rapat FKUB",
            "Rapat Kasus situasional FKUB",
            "Sosialisasi dan dialog tokoh agama",
            "Dialog tokoh agama dan pimpinan pesantren",
            "Monev",
        )),
        *(k("IKU4", u, "Selesai", keterangan="P4GN") for u in (
            "Sosialisasi Kelurahan bersinar dan P4GN",
            "Fasilitasi Pencegahan Penyalahgunaan Narkotika (tes urine) ASN",
            "Kegiatan TIM PIC (Personal In Crime)",
        )),
        k("IKU5", "Maraknya Peternakan Babi tak berijin yang berlokasi di Guntung Manggis dan "
                  "Batu Besi yang berada dekat dengan pemukiman warga sehingga meresahkan warga",
          "Selesai", "Guntung Manggis dan Batu Besi"),
        k("IKU5", "Relokasi Warga Sekitar Sungai Kuranji Kecamatan Cempaka", "Ditangani",
          "Sungai Kuranji, Kecamatan Cempaka"),
        k("IKU5", "Relokasi Peternakan Babi di Jalan Pandarapan RT 03 RW 005 Kelurahan "
                  "Guntung Manggis", "Ditangani",
          "Jalan Pandarapan RT 03 RW 005, Kelurahan Guntung Manggis"),
        k("IKU5", "Sengketa Lahan Warga dan Lahan Transmigrasi Kec. Cempaka dengan TNI",
          "Ditangani", "Kecamatan Cempaka"),
    ]


PROGRAM_PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
PROGRAM_IDEOLOGI = "Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan"
PROGRAM_POLITIK = ("Program Peningkatan Peran Partai Politik dan Lembaga Pendidikan melalui "
                   "Pendidikan Politik dan Pengembangan Etika serta Budaya Politik")
PROGRAM_ORMAS = "Program Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan"
PROGRAM_KETAHANAN = "Program Pembinaan dan Pengembangan Ketahanan Ekonomi, Sosial, dan Budaya"
PROGRAM_KEWASPADAAN = ("Program Peningkatan Kewaspadaan Nasional dan Peningkatan Kualitas dan "
                       "Fasilitasi Penanganan Konflik Sosial")

_IDEOLOGI = ("Ideologi Wawasan Kebangsaan, Bela Negara, Karakter Bangsa, Pembauran "
             "Kebangsaan, Bineka Tunggal Ika dan Sejarah Kebangsaan")
_POLITIK = ("Pendidikan Politik, Etika Budaya Politik, Peningkatan Demokrasi, Fasilitasi "
            "Kelembagaan Pemerintahan, Perwakilan dan Partai Politik, Pemilihan "
            "Umum/Pemilihan Umum Kepala Daerah, Serta Pemantauan Situasi Politik di Daerah")
_ORMAS = ("Pendaftaran Ormas, Pemberdayaan Ormas, Evaluasi dan Mediasi Sengketa Ormas, "
          "Pengawasan Ormas dan Ormas Asing di Daerah")
_KETAHANAN = ("Ketahanan Ekonomi, Sosial, Budaya dan Fasilitasi Pencegahan Penyalahgunaan "
              "Narkotika, Fasilitasi Kerukunan Umat Beragama dan Penghayat Kepercayaan di "
              "Daerah")
_KEWASPADAAN = ("Kewaspadaan Dini, Kerjasama Intelijen, Pemantauan Orang Asing, Tenaga Kerja "
                "Asing dan Lembaga Asing, Kewaspadaan Perbatasan Antar Negara, Fasilitasi "
                "Kelembagaan Bidang Kewaspadaan, serta Penanganan Konflik di Daerah")


def _anggaran() -> list[dict[str, Any]]:
    def prog(kode: str | None, nama: str, anggaran: str, realisasi: str) -> dict[str, Any]:
        return {"kode_sasaran": kode, "program": nama, "kegiatan": None,
                "anggaran": D(anggaran), "realisasi": D(realisasi)}

    def keg(kode: str | None, nama: str, kegiatan: str, anggaran: str) -> dict[str, Any]:
        return {"kode_sasaran": kode, "program": nama, "kegiatan": kegiatan,
                "anggaran": D(anggaran), "realisasi": None}

    return [
        prog(None, PROGRAM_PENUNJANG, "7295723830.00", "6949629669.00"),
        prog("SS1", PROGRAM_IDEOLOGI, "2067763000.00", "1373010900.00"),
        keg("SS1", PROGRAM_IDEOLOGI, f"Penyusunan Program Kerja di Bidang {_IDEOLOGI}",
            "35000000"),
        keg("SS1", PROGRAM_IDEOLOGI, f"Pelaksanaan Kebijakan di Bidang {_IDEOLOGI}",
            "1732527800"),
        keg("SS1", PROGRAM_IDEOLOGI, f"Pelaksanaan Koordinasi di Bidang {_IDEOLOGI}",
            "219375000"),
        keg("SS1", PROGRAM_IDEOLOGI,
            f"Pelaksanaan Monitoring Evaluasi dan Pelaporan di Bidang {_IDEOLOGI}", "80860350"),
        prog("SS2", PROGRAM_POLITIK, "22880348450.00", "22859667914.00"),
        keg("SS2", PROGRAM_POLITIK, f"Pelaksanaan Kebijakan di Bidang {_POLITIK}",
            "21095682000"),
        keg("SS2", PROGRAM_POLITIK, f"Pelaksanaan Koordinasi di Bidang {_POLITIK}",
            "75000000"),
        keg("SS2", PROGRAM_POLITIK,
            "Pelaksanaan Monitoring, Evaluasi dan Pelaporan di Bidang Pendidikan Politik, "
            "Etika Budaya Politik, Peningkatan Demokrasi, Fasilitasi Kelembagaan",
            "1709666450"),
        prog("SS3", PROGRAM_ORMAS, "115000000.00", "103194000.00"),
        keg("SS3", PROGRAM_ORMAS, f"Pelaksanaan Kebijakan di Bidang {_ORMAS}", "60000000"),
        keg("SS3", PROGRAM_ORMAS,
            f"Pelaksanaan Monitoring, Evaluasi, dan Pelaporan di Bidang {_ORMAS}", "55000000"),
        prog("SS4", PROGRAM_KETAHANAN, "713596300.00", "623737750.00"),
        keg("SS4", PROGRAM_KETAHANAN, f"Pelaksanaan Kebijakan di Bidang {_KETAHANAN}",
            "60000000"),
        keg("SS4", PROGRAM_KETAHANAN, f"Pelaksanaan Koordinasi di Bidang {_KETAHANAN}",
            "633596300"),
        keg("SS4", PROGRAM_KETAHANAN,
            f"Pelaksanaan Monitoring, Evaluasi dan Pelaporan di Bidang {_KETAHANAN}",
            "20000000"),
        prog("SS5", PROGRAM_KEWASPADAAN, "587697500.00", "295415950.00"),
        keg("SS5", PROGRAM_KEWASPADAAN, f"Pelaksanaan Kebijakan di Bidang {_KEWASPADAAN}",
            "30000000"),
        keg("SS5", PROGRAM_KEWASPADAAN, f"Pelaksanaan Koordinasi di Bidang {_KEWASPADAAN}",
            "506497500"),
        keg("SS5", PROGRAM_KEWASPADAAN,
            f"Pelaksanaan Monitoring, Evaluasi dan Pelaporan di Bidang {_KEWASPADAAN}",
            "51200000"),
    ]


def _lra() -> list[dict[str, Any]]:
    rows = [
        ("5", "BELANJA DAERAH", "33660129080.00", "32204656183.00", "23443482654.00"),
        ("5.1", "BELANJA OPERASI", "32945569080.00", "31508569183.00", "22617444954.00"),
        ("5.1.1", "Belanja Pegawai", "4908441530.00", "4717604757.00", "3422149778.00"),
        ("5.1.2", "Belanja Barang dan Jasa", "5251138050.00", "4089183962.00",
         "3771638854.00"),
        ("5.1.5", "Belanja Hibah", "22683589500.00", "22683580464.00", "15405056322.00"),
        ("5.1.6", "Belanja Bantuan Sosial", "102400000.00", "18200000.00", "18600000.00"),
        ("5.2", "BELANJA MODAL", "714560000.00", "696087000.00", "826037700.00"),
        ("5.2.2", "Belanja Modal Peralatan dan Mesin", "538645000.00", "530829000.00",
         "628820000.00"),
        ("5.2.3", "Belanja Modal Gedung dan Bangunan", "163915000.00", "163508000.00",
         "197217700.00"),
        ("5.2.5", "Belanja Modal Aset Tetap Lainnya", "12000000.00", "1750000.00", "0.00"),
    ]
    return [
        {"kode_rekening": k, "uraian": u, "anggaran": D(a), "realisasi": D(r),
         "realisasi_lalu": D(rl)}
        for k, u, a, r, rl in rows
    ]


def _pegawai() -> list[dict[str, Any]]:
    groups = [
        ("ASN", "Pendidikan", [("S2", 5), ("S1", 18), ("D3", 2), ("SLTA", 6), ("SLTP", 0)]),
        ("Tenaga Kontrak", "Pendidikan",
         [("S2", 1), ("S1", 6), ("D3", 2), ("SLTA", 0), ("SLTP", 3)]),
        ("ASN", "Pangkat", [
            ("Pembina Utama Muda", 1), ("Pembina Tingkat I", 1), ("Pembina", 6),
            ("Penata Tingkat I", 15), ("Penata", 1), ("Penata Muda Tingkat I", 1),
            ("Penata Muda", 3), ("Pengatur Tingkat I", 2), ("Pengatur", 1),
        ]),
    ]
    return [
        {"jenis": jenis, "pengelompokan": grp, "uraian": uraian, "jumlah": n}
        for jenis, grp, items in groups
        for uraian, n in items
    ]


LATAR_BELAKANG = (
    "Prinsip utama dalam melaksanakan tata pemerintahan yang baik (good government) adalah "
    "akuntabilitas, hal itu merupakan salah satu wujud komitmen organisasi penyelenggaraan "
    "negara dalam mempertanggungjawabkan pengelolaan dan pengendalian sumber daya dalam "
    "pelaksanaan kebijakan pada setiap akhir tahun. Kebijakan sesuai dengan tugas dan "
    "kewenangannya dipertanggungjawabkan kepada publik sebagai pemegang kedaulatan Negara "
    "sebagaimana diamanatkan Undang-undang Dasar Republik Indonesia Tahun 1945. Ditegaskan "
    "dalam Instruksi Presiden Nomor 7 Tahun 1999 tentang Akuntabilitas Kinerja Instansi "
    "Pemerintah (AKIP). AKIP merupakan salah satu bentuk pertanggungjawaban dalam mewujudkan "
    "tata pemerintahan yang baik di Badan Kesatuan Bangsa dan Politik Kota Banjarbaru.",
    "Laporan Kinerja Instansi Pemerintah (LKj) Tahun Anggaran 2024 adalah merupakan dokumen "
    "pertanggung jawaban realisasi pelaksanaan dari keseluruhan program dan kegiatan yang "
    "terdapat pada perhitungan Anggaran Pendapatan Belanja dan Daerah (APBD) Badan Kesatuan "
    "Bangsa dan Politik Kota Banjarbaru Tahun Anggaran 2024. Capaian Kinerja pada laporan ini "
    "mengacu kepada tolak ukur yang ditetapkan dalam dokumen Rencana Strategis Badan Kesatuan "
    "Bangsa dan Politik Kota Banjarbaru Tahun 2021-2026 berdasarkan Surat Keputusan Kepala "
    "Badan Kesatuan Bangsa Dan Politik Nomor : 188.45/037/Kesbangpol/2021 yang pengesahannya "
    "ditetapkan melalui Keputusan Walikota Banjarbaru Nomor: 188.45/268/KUM/2021.",
    "Selama ini pengukuran keberhasilan dan kegagalan instansi pemerintah dalam menjalankan "
    "tugas pokok dan fungsinya sulit untuk dilakukan secara objektif. Pengukuran kinerja suatu "
    "instansi hanya ditekankan pada kemampuan instansi tersebut dalam menyerap anggaran saja. "
    "Suatu instansi dikatakan berhasil melaksanakan tugas pokok dan fungsinya apabila dapat "
    "menyerap seratus persen anggaran pemerintah yang sudah ditetapkan, walaupun manfaat serta "
    "keluaran dari pelaksanaan program tersebut masih jauh dibawah target yang sudah "
    "direncanakan. Untuk dapat mengetahui tingkat keberhasilan suatu instansi pemerintah, maka "
    "seluruh aktifitas instansi tersebut harus dapat diukur, dan pengukuran tersebut tidak "
    "semata-mata kepada masukan (input) dari program, akan tetapi lebih ditekankan kepada "
    "keluaran (output), proses, manfaat, dan dampak.",
    "Sistem pengukuran kinerja yang merupakan elemen pokok dari laporan akuntabilitas instansi "
    "pemerintah akan mengubah paradigma pengukuran keberhasilan. Melalui pengukuran kinerja, "
    "keberhasilan suatu instansi pemerintah akan lebih dilihat dari kemampuan instansi "
    "tersebut, berdasarkan sumber daya yang dikelolanya sesuai dengan rencana yang telah "
    "disusun.",
    "Selain itu pula Laporan Kinerja Instansi Pemerintah (LKj) ini juga merupakan salah satu "
    "komponen dari rangkaian pertanggungjawaban yang harus dan wajib dipenuhi dan dilaksanakan "
    "pada setiap akhir tahun anggaran sebagai bentuk akuntabilitas dan evaluasi yang mana isi "
    "laporannya lebih berorientasi pada capaian keberhasilan (Outcome) dari pencapaian "
    "masing-masing program dan kegiatan dalam kurun waktu 1 (satu) Tahun Anggaran.",
    "Penyusunan Laporan pertanggungjawaban ini bukanlah dokumen laporan yang berdiri sendiri, "
    "namun berkorelasi dan tidak terpisahkan dengan dokumen-dokumen perencanaan program dan "
    "kegiatan lainnya, yaitu RPJMD Kota Banjarbaru dengan Renstra SKPD 2021-2026, RKPD/Renja, "
    "Indikator Kinerja Utama (IKU), Indikator Kinerja Kunci (IKK), Perjanjian Kinerja serta "
    "Rencana Kinerja tahunan Badan Kesatuan Bangsa dan Politik Kota Banjarbaru.",
)

DASAR_HUKUM = (
    "Peraturan Presiden Nomor 29 Tahun 2014 Tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah.",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik "
    "Indonesia Nomor 53 Tahun 2014 Tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
    "Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah.",
    "Peraturan Daerah Kota Banjarbaru Nomor 6 tahun 2013 tentang Organisasi dan Tata Kerja "
    "Lembaga Teknis Daerah Kota Banjarbaru Juncto Peraturan Daerah Kota Banjarbaru Nomor 10 "
    "Tahun 2016 Tentang Pembentukan dan Susunan Perangkat Daerah Kota Banjarbaru.",
    "Peraturan Daerah Kota Banjarbaru Nomor 7 Tahun 2016 Tentang Rencana Pembangunan Jangka "
    "Menengah Daerah Kota Banjarbaru.",
    "Peraturan Walikota Banjarbaru Nomor 39 tahun 2013 Tentang Tugas Pokok dan fungsi Badan "
    "Kesatuan Bangsa dan Politik Kota Banjarbaru.",
    "Keputusan Walikota Banjarbaru Nomor 188.45/268/Kum/2021 tentang Penetapan Rencana "
    "Strategis Perubahan Satuan Kerja Perangkat Daerah Tahun 2021-2026 di Lingkungan "
    "Pemerintah Kota Banjarbaru.",
    "Keputusan Kepala Badan Kesatuan Bangsa dan Politik Kota Banjarbaru Nomor "
    "188.45/037/Kesbangpol/2021 tentang Tim Penyusun Penetapan Rencana Strategis (RENSTRA) "
    "Perubahan Badan Kesatuan Bangsa dan Politik Kota Banjarbaru Tahun 2021-2026.",
)

TUGAS_POKOK = (
    "Membantu Walikota dalam Penyusunan Kebijakan Daerah di Bidang Pembinaan Kesatuan Bangsa, "
    "Politik dan Organisasi Masyarakat Sesuai Peraturan Perundang-undangan",
)

FUNGSI = (
    "Perumusan kebijakan teknis di bidang politik, ideologi, wawasan kebangsaan dan "
    "kewaspadaan nasional, ketahanan seni, budaya, agama, masyarakat, dan ekonomi berdasarkan "
    "ketentuan yang berlaku.",
)

ASPEK_STRATEGIS = (
    "Badan Kesatuan Bangsa dan Politik Kota Banjarbaru mempunyai Tugas Pokok "
    "\u201cMenyelenggarakan perumusan dan penetapan kebijakan teknis serta pelaksanaan "
    "kebijakan daerah di bidang kesatuan bangsa dan politik\u201d dalam dinamika perkembangan "
    "sosial, ekonomi, dan budaya, khususnya sebagai akibat arus globalisasi yang demikian "
    "deras, akan mempengaruhi kehidupan sosial, ekonomi, dan budaya masyarakat Banjarbaru. Di "
    "samping pengaruh-pengaruh positif, kondisi ini juga membawa pengaruh negatif yang "
    "berdampak pada peningkatan potensi ancaman, gangguan, tantangan, dan hambatan terhadap "
    "ideologi dan semangat kebangsaan serta dalam menciptakan kondusivitas daerah; dan "
    "tingginya intensitas gangguan kamtibmas. Potensi tersebut antara lain dalam bentuk "
    "degradasi semangat kebangsaan dan bela negara, peningkatan konflik sosial, dan maraknya "
    "faham serta kelompok radikal.",
    "Kondisi-kondisi ini dapat berpotensi mengganggu keutuhan Negara Kesatuan Republik "
    "Indonesia (NKRI). Oleh karena itu, perlu dilakukan pengembangan wawasan dan nilai-nilai "
    "kebangsaan serta cinta tanah air, dan pemeliharaan keamanan dan ketertiban masyarakat "
    "melalui koordinasi dan kerja sama antar instansi terkait dan melalui peran serta semua "
    "elemen masyarakat. Dinamika perkembangan demokrasi di Indonesia juga cukup pesat yang "
    "ditunjukkan antara lain dengan diterapkannya sistem multi partai dan pemilihan kepala "
    "daerah secara langsung oleh rakyat. Perkembangan ini menuntut kecerdasan politik "
    "masyarakat dan kesiapan Partai Politik sebagai salah satu unsur utama dalam infrastruktur "
    "politik. Namun aktualisasi Partai Politik sebagai saluran utama aspirasi politik rakyat "
    "belum sepenuhnya berlangsung dengan optimal karena berbagai kondisi internal Partai "
    "Politik maupun perkembangan kondisi eksternal.",
    "Kaderisasi Partai Politik yang belum berjalan dengan baik serta kecenderungan menimbulkan "
    "persepsi dan stigma masyarakat bahwa Partai Politik lebih mengutamakan kepentingan "
    "kelompok maupun elitnya dibandingkan dengan kepentingan masyarakat sehingga memunculkan "
    "sedikit kekecewaan masyarakat terhadap Partai Politik. Dalam konteks tersebut, diperlukan "
    "upaya dan dukungan dengan mendorong dan memfasilitasi Partai Politik untuk terus menerus "
    "meningkatkan kapasitasnya dalam melaksanakan fungsinya melalui fasilitasi dan pemberian "
    "dukungan sesuai dengan ketentuan yang berlaku.",
    "Pada sisi lain, kesadaran dan pemahaman politik masyarakat perlu terus ditingkatkan "
    "melalui pendidikan politik masyarakat. Keamanan penyelenggaraan pemilihan umum (Pemilu) "
    "dan pemilihan kepala daerah (Pilkada), tingkat partisipasi masyarakat dalam Pemilu dan "
    "Pilkada, serta menurunnya sengketa hasil Pemilu dan Pilkada merupakan beberapa indikator "
    "yang menunjukkan tingkat politik masyarakat.",
    "Aspek-aspek di atas sangat terkait erat dengan tugas pokok dan fungsi Badan Kesatuan "
    "Bangsa dan Politik Kota Banjarbaru. Oleh karena itu, peran Badan Kesatuan Bangsa dan "
    "Politik Kota Banjarbaru sangatlah strategis khususnya dalam penanganan masalah-masalah "
    "yang dapat mengganggu ketenteraman dan ketertiban di masyarakat, serta menjaga persatuan "
    "dan kesatuan serta keutuhan NKRI.",
)

STRATEGI = (
    "Diperlukan adanya penguatan pada perencanaan, pelaksanaan, pengawasan serta "
    "pengendalian, sehingga benar-benar merupakan suatu rangkaian proses yang menjadi satu "
    "kesatuan yang saling berhubungan dalam menentukan tingkat keberhasilan Pencapaian "
    "Kinerja.",
    "Memberdayakan segala potensi yang ada dan/ atau yang dimiliki dengan memprioritaskan "
    "membangun komitmen dan dedikasi serta integritas yang tinggi dari semua sumber daya "
    "aparatur yang jumlah dan kualitas saat sekarang ini masih kurang memadai untuk "
    "peningkatan produktifitas kinerjanya.",
    "Melakukan koordinasi dan kerjasama yang lebih intensif dengan semua instansi/ SKPD "
    "terkait, forum-forum, partai politik dan organisasi kemasyarakatan, tokoh-tokoh "
    "masyarakat dan agama, serta elemen-elemen kemasyarakatan lainnya karena tingkat "
    "keberhasilan pencapaian kinerja hampir disemua kegiatan/ program sangat/ atau selalu "
    "tergantung dari sinergitas dan kerjasama yang baik dengan pihak-pihak terkait instansi "
    "diluar (eksternal) organisasi.",
    "Melaksanakan penataan dan konsolidasi terhadap unsur penentu utama terhadap efektifitas "
    "dan efisiensi pelaksanaan kegiatan/program, yaitu penataan dan pembaharuan serta "
    "penguatan pada basis data dan informasi potensi rawan konflik, ormas/LSM, rawan "
    "partisipasi politik dan data/ informasi lainnya yang berhubungan dengan tugas pokok dan "
    "fungsi dan sasaran-sasaran strategis dengan mengacu kepada ketentuan-ketentuan peraturan "
    "Perundang-undangan yang berlaku sebagai petunjuk ataupun pedoman pelaksanaan program dan "
    "kegiatan.",
)

PENUTUP = (
    "Dalam Perencanaan Strategis (Renstra) Perubahan Badan Kesatuan Bangsa dan Politik Kota "
    "Banjarbaru Tahun 2021-2026 telah ditetapkan tujuan dan sasaran yang hendak dicapai dalam "
    "periode tahun 2021-2026. Target capaian indikator keberhasilan setiap sasaran telah "
    "didesain untuk meningkat setiap tahunnya. Memperhatikan target sasaran tersebut dan "
    "mempertimbangkan dinamika dan perkembangan yang berkaitan dengan Tugas Pokok dan Fungsi "
    "Badan Kesbangpol Kota Banjarbaru, maka perlu direncanakan dan dirumuskan kegiatan-kegiatan "
    "yang inovatif dan efektif yang mengarah kepada pencapaian target dan sasaran. Selain itu, "
    "kegiatan antar bidang seharusnya bersinergi dan saling mendukung, sehingga pencapaian "
    "target dan sasaran akan lebih optimal.",
)

CATATAN_STANDAR_NASIONAL = (
    "Formulasi perhitungan standar nasional untuk indikator sasaran strategis yang ada "
    "menggunakan rumus yang berbeda sehingga perbandingan dengan standar nasional belum bisa "
    "dilakukan.",
)

CATATAN_PEMBANDING = (
    "Perbandingan capaian indikator sasaran kinerja Badan Kesatuan Bangsa dan Politik dengan "
    "kabupaten/kota/provinsi pada tahun 2024 belum dapat dilakukan karena rumus perhitungan "
    "indikator kinerjanya berbeda sehingga perbandingan realisasi dan capaian kinerja "
    "tersebut tidak dapat dilakukan.",
)

SUMBER_DATA_PEGAWAI = ("Aplikasi SIMPEG Kota Banjarbaru",)

# written for the example (the seed has no Kata Pengantar)
KATA_PENGANTAR = (
    "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena atas rahmat dan "
    "karunia-Nya Laporan Kinerja Badan Kesatuan Bangsa dan Politik Kota Banjarbaru Tahun 2024 "
    "dapat diselesaikan. Laporan ini disusun sebagai wujud pertanggungjawaban atas "
    "pelaksanaan tugas pokok dan fungsi serta pencapaian sasaran strategis yang ditetapkan "
    "dalam Perjanjian Kinerja Tahun 2024, sebagaimana diamanatkan Peraturan Presiden Nomor 29 "
    "Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah.",
    "Kami menyadari bahwa laporan ini masih memiliki kekurangan. Kritik dan saran yang "
    "membangun sangat kami harapkan untuk perbaikan di masa mendatang. Semoga laporan ini "
    "bermanfaat sebagai bahan evaluasi dan peningkatan kinerja Badan Kesatuan Bangsa dan "
    "Politik Kota Banjarbaru.",
)

PERENCANAAN_KINERJA = (
    "Perencanaan kinerja merupakan proses penyusunan rencana kerja sebagai penjabaran dari "
    "sasaran kegiatan dan program yang telah ditetapkan dalam rencana strategis, yang "
    "dilaksanakan oleh instansi pemerintah melalui kegiatan tahunan, dan di dalamnya "
    "ditetapkan indikator-indikator sasaran capaian kinerja yang telah ditetapkan. Penyusunan "
    "rencana kinerja dilakukan sesuai dengan kebijakan anggaran, serta merupakan komitmen "
    "untuk pencapaiannya.",
    "Dalam pelaksanaan akuntabilitas kinerja instansi pemerintah, perencanaan kinerja adalah "
    "sebagai unsur yang sangat menentukan, yaitu sebagai pedoman langkah awal yang harus "
    "dilakukan dalam melaksanakan program dan kegiatan selama kurun waktu satu sampai dengan "
    "lima tahun kedepan.",
)

ANALISIS_EFISIENSI = (
    "Jika dikaitkan antara kinerja pencapaian sasaran dengan penyerapan anggaran, pencapaian "
    "sasaran yang relatif baik dan diikuti dengan penyerapan anggaran kurang dari 100% "
    "menunjukkan bahwa dana yang disediakan untuk pencapaian sasaran pembangunan tahun 2024 "
    "telah mencukupi.",
)

#: the RPJMD link of the seed's 2.1 and 3.1 (one line for all five sasaran)
CASCADING = {
    "misi": "Misi 1: Meningkatkan Sumber Daya Manusia yang berkualitas berlandaskan nilai "
            "agama dan budaya",
    "tujuan": "Meningkatkan Kualitas Kehidupan Masyarakat yang Sejahtera dan Berakhlak Mulia",
    "sasaran_rpjmd": "Sasaran strategis 5: Meningkatkan toleransi beragama, keamanan, "
                     "kenyamanan, kesadaran hukum dan ketertiban masyarakat",
    "indikator_rpjmd": "Indikator kinerja 5.2: Persentase pembinaan keagamaan, penyelesaian "
                       "potensi konflik SARA dan pelanggaran PERDA",
}


def _cascading() -> list[dict[str, Any]]:
    return [{"kode_sasaran": f"SS{i}", **CASCADING} for i in range(1, 6)]


#: the seed's documentation photos (its Lampiran), in order
FOTO_LAMPIRAN = (
    "Kegiatan Monitoring Ormas",
    "Kegiatan Moderasi Beragama",
    "Kegiatan Kemah Pemuda Lintas Agama",
    "Kegiatan Pendidikan Politik",
    "Kegiatan Kewaspadaan Dini dan Penanganan Konflik",
    "Kegiatan Ideologi Wawasan Kebangsaan",
)


def _logo(c: Canvas) -> None:
    w, h = c.width, c.height
    c.rect(20, 16, w - 20, h - 50, (0, 102, 51))
    c.disc(w // 2, h - 52, (w - 40) // 2, (0, 102, 51))
    c.disc(w // 2, h // 2 - 4, 34, (255, 204, 0))
    c.rect(w // 2 - 6, 36, w // 2 + 6, h - 40, (255, 255, 255))
    c.frame(20, 16, w - 20, 20 + 4, (255, 204, 0), 4)


def _bagan(c: Canvas) -> None:
    navy, blue, light, line = (31, 78, 120), (68, 114, 196), (189, 215, 238), (90, 90, 90)
    w = c.width
    c.rect(w // 2 - 90, 16, w // 2 + 90, 66, navy)                  # Kepala Badan
    c.rect(w // 2 - 2, 66, w // 2 + 2, 190, line)
    c.rect(w // 2, 104, w // 2 + 150, 108, line)                    # Sekretariat
    c.rect(w // 2 + 150, 84, w // 2 + 290, 128, blue)
    for i in range(3):                                              # its subbagian
        x = w // 2 + 160 + i * 44
        c.rect(x, 140, x + 36, 164, light)
        c.frame(x, 140, x + 36, 164, blue, 1)
    c.rect(60, 188, w - 60, 192, line)
    for i in range(4):                                              # four Bidang
        x = 40 + i * (w - 80) // 4
        c.rect(x + 48, 192, x + 52, 220, line)
        c.rect(x + 4, 220, x + 96, 270, blue)
        for j in range(2):                                          # kelompok jabatan
            c.rect(x + 14, 286 + j * 40, x + 86, 314 + j * 40, light)
            c.frame(x + 14, 286 + j * 40, x + 86, 314 + j * 40, blue, 1)


def _foto(n: int) -> Callable[[Canvas], None]:
    sky = [((120, 170, 220), (200, 225, 245)), ((230, 190, 140), (250, 230, 200))][n % 2]
    floor = [(150, 130, 100), (90, 140, 80), (170, 160, 150)][n % 3]

    def draw(c: Canvas) -> None:
        w, h = c.width, c.height
        c.shade(0, h * 3 // 5, *sky)
        c.rect(0, h * 3 // 5, w, h, floor)
        c.rect(w // 6, h // 5, w * 5 // 6, h * 2 // 5, (250, 250, 250))   # a banner
        c.frame(w // 6, h // 5, w * 5 // 6, h * 2 // 5, (180, 30, 30), 4)
        for i in range(5 + n % 3):                                       # people
            x = 40 + i * (w - 80) // (5 + n % 3)
            shirt = [(200, 40, 40), (40, 80, 160), (240, 240, 240), (30, 120, 60)][(i + n) % 4]
            c.disc(x + 18, h * 3 // 5 - 18, 12, (120, 80, 50))
            c.rect(x + 4, h * 3 // 5 - 4, x + 32, h * 3 // 5 + 60, shirt)
    return draw


@cache
def _picture(kind: str, n: int = 0) -> Picture:
    size = {"logo": (160, 190), "bagan": (640, 360), "foto": (480, 320)}[kind]
    fn = {"logo": _logo, "bagan": _bagan}.get(kind) or _foto(n)
    data = Canvas(*size).draw(fn).png()
    return Picture(data, "png", *size)


def _gambar() -> list[dict[str, Any]]:
    rows = [
        ("Kop", "Logo Pemerintah Kota Banjarbaru", _picture("logo")),
        ("Struktur Organisasi", "Struktur Organisasi Badan Kesatuan Bangsa dan Politik Kota "
                                "Banjarbaru", _picture("bagan")),
        *(("Lampiran", judul, _picture("foto", n)) for n, judul in enumerate(FOTO_LAMPIRAN)),
    ]
    return [{"bagian": b, "judul": j, PICTURE_KEY: pic} for b, j, pic in rows]


def _narasi() -> list[dict[str, Any]]:
    parts = (
        ("Latar Belakang", LATAR_BELAKANG),
        ("Dasar Hukum", DASAR_HUKUM),
        ("Tugas Pokok", TUGAS_POKOK),
        ("Fungsi", FUNGSI),
        ("Aspek Strategis", ASPEK_STRATEGIS),
        ("Strategi Peningkatan Kinerja", STRATEGI),
        ("Penutup", PENUTUP),
        ("Catatan Standar Nasional", CATATAN_STANDAR_NASIONAL),
        ("Catatan Pembanding", CATATAN_PEMBANDING),
        ("Sumber Data Pegawai", SUMBER_DATA_PEGAWAI),
        # the report's added parts (after the others: earlier rows keep their cells)
        ("Kata Pengantar", KATA_PENGANTAR),
        ("Perencanaan Kinerja", PERENCANAAN_KINERJA),
        ("Analisis Efisiensi", ANALISIS_EFISIENSI),
    )
    return [{"bagian": bagian, "isi": isi} for bagian, items in parts for isi in items]


#: (kode, [(triwulan, target, pembilang, penyebut, [rencana aksi lines], keterangan)]):
#: cumulative counts at the end of each quarter; Triwulan IV is the seed's year
_TRIWULAN = (
    ("IKU1", [
        ("I", 100, 1, 1, ["Rapat internal deteksi dini, cegah dini dan antisipasi dini potensi "
                          "paham radikal"],
         "Penolakan warga terhadap kegiatan LDII di Kelurahan Sungai Ulin segera ditangani"),
        ("II", 100, 1, 1, ["Pemantauan perkembangan potensi paham radikal di masyarakat"], None),
        ("III", 100, 1, 1, ["Sosialisasi wawasan kebangsaan dan bela negara"], None),
        ("IV", 100, 1, 1, ["Evaluasi dan pelaporan penyelesaian potensi paham radikal"], None),
    ]),
    ("IKU2", [
        ("I", 25, 2, 9, ["Verifikasi proposal bantuan keuangan partai politik"], None),
        ("II", 50, 5, 9, ["Penyaluran bantuan keuangan kepada 9 partai politik",
                          "Fasilitasi pendidikan politik bagi pemilih pemula"], None),
        ("III", 75, 7, 9, ["Monitoring pelaksanaan pendidikan politik oleh partai politik"],
         None),
        ("IV", 100, 9, 9, ["Evaluasi laporan pertanggungjawaban bantuan keuangan partai "
                           "politik"], "9 partai politik telah melaksanakan pendidikan politik"),
    ]),
    ("IKU3", [
        ("I", 95, 48, 53, ["Pendataan ormas"], None),
        ("II", 95, 49, 53, ["Sosialisasi keormasan"], None),
        ("III", 95, 50, 53, ["Pembinaan kepada pengurus ormas"], None),
        ("IV", 95, 51, 53, ["Monitoring dan evaluasi keaktifan ormas"], None),
    ]),
    ("IKU4", [
        ("I", 100, 2, 2, ["Koordinasi dan rapat FKUB"], None),
        ("II", 100, 5, 5, ["Sosialisasi moderasi beragama"], None),
        ("III", 100, 8, 8, ["Sosialisasi Kelurahan Bersinar dan P4GN"], None),
        ("IV", 100, 10, 10, ["Monitoring dan evaluasi kegiatan FKUB dan P4GN"], None),
    ]),
    ("IKU5", [
        ("I", 100, 1, 1, ["Pemantauan potensi konflik bersama FKDM"], None),
        ("II", 100, 2, 2, ["Koordinasi penanganan relokasi warga sekitar Sungai Kuranji"], None),
        ("III", 100, 3, 3, ["Fasilitasi penanganan relokasi peternakan babi di Guntung "
                            "Manggis"], None),
        ("IV", 100, 4, 4, ["Mediasi sengketa lahan warga dan lahan transmigrasi Kecamatan "
                           "Cempaka"], None),
    ]),
)


def _triwulan() -> list[dict[str, Any]]:
    out = []
    for kode, quarters in _TRIWULAN:
        for tw, target, p, q, aksi, ket in quarters:
            for n, line in enumerate(aksi):
                first = n == 0  # one row per quarter gives the figures; others: more aksi
                out.append({
                    "kode_indikator": kode, "triwulan": tw,
                    "target": D(target) if first else None, "rencana_aksi": line,
                    "pembilang": D(p) if first else None, "penyebut": D(q) if first else None,
                    "realisasi": None, "keterangan": ket if first else None})
    return out


#: cumulative budget realisation per program at the end of each quarter (Triwulan IV is the
#: seed's realisasi; the others are plausible)
_ANGGARAN_TRIWULAN = (
    (PROGRAM_PENUNJANG, ("1580000000", "3350000000", "5120000000", "6949629669")),
    (PROGRAM_IDEOLOGI, ("185000000", "512000000", "905000000", "1373010900")),
    (PROGRAM_POLITIK, ("1250000000", "9800000000", "17650000000", "22859667914")),
    (PROGRAM_ORMAS, ("15500000", "41800000", "72600000", "103194000")),
    (PROGRAM_KETAHANAN, ("96000000", "254000000", "431500000", "623737750")),
    (PROGRAM_KEWASPADAAN, ("28700000", "92300000", "176900000", "295415950")),
)


def _anggaran_triwulan() -> list[dict[str, Any]]:
    return [{"program": prog, "triwulan": tw, "realisasi": D(r)}
            for prog, values in _ANGGARAN_TRIWULAN
            for tw, r in zip(schema.TRIWULAN, values, strict=True)]


#: the Renstra 2021-2026's target per year (2024 = the PK, 2026 = Target Akhir Renstra)
_TARGET_RENSTRA = {
    "IKU1": (100, 100, 100, 100, 100, 100),
    "IKU2": (100, 100, 100, 100, 100, 100),
    "IKU3": (80, 85, 90, 95, 98, 100),
    "IKU4": (100, 100, 100, 100, 100, 100),
    "IKU5": (100, 100, 100, 100, 100, 100),
}


def _target_renstra() -> list[dict[str, Any]]:
    return [{"kode_indikator": kode, "tahun": tahun, "target": D(t)}
            for kode, targets in _TARGET_RENSTRA.items()
            for tahun, t in zip(range(2021, 2027), targets, strict=True)]


def seed_data() -> dict[str, Any]:
    """The full agency workbook's data (a fresh copy on every call).

    Every row carries every input column's key of its sheet (``None`` when empty), the same
    shape ``lkj_excel.core.units.data_from_model`` gives for a workbook read back.
    """
    from lkj_excel.core.units import complete_rows, workbook_id

    return complete_rows({
        "profil": dict(PROFIL),
        "meta": {"id_buku_kerja": workbook_id(PROFIL["instansi"], PROFIL["tahun"]),
                 "revisi": 1},
        "pengaturan": dict(PENGATURAN),
        "sheets": {
            "PK": _pk(),
            "IKU": _iku(),
            "Riwayat": _riwayat(),
            "Pembanding": _pembanding(),
            "Kejadian": _kejadian(),
            "Anggaran": _anggaran(),
            "LRA": _lra(),
            "Pegawai": _pegawai(),
            "Narasi": _narasi(),
            # the contract's Additions
            "Cascading": _cascading(), "Target Renstra": _target_renstra(),
            "Triwulan": _triwulan(), "Anggaran Triwulan": _anggaran_triwulan(),
            "Gambar": _gambar(),
        },
    })


if __name__ == "__main__":  # pragma: no cover - a quick look at the data
    import pprint

    pprint.pprint(seed_data(), width=110)
