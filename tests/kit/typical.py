"""A typical workbook for benchmarks: 50 indicators, 500 Kejadian, 200 LRA rows.

Data in the template builder's format (``lkj_excel.files.template.write_workbook``).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj_excel.core import schema


def typical_data(n_ind: int = 50, n_kej: int = 500, n_lra: int = 200, seed: int = 1,
                 bidang: str = "Sekretariat", instansi: str = "Badan Contoh Kota Uji",
                 tahun: int = 2024) -> dict[str, Any]:
    rnd = random.Random(seed)
    units = [f"Bidang {c}" for c in "ABCDE"]
    pk, iku, riw, kej, ang = [], [], [], [], []
    for i in range(1, n_ind + 1):
        s = (i - 1) // 2 + 1
        kode = f"IK{i:03d}"
        pk.append({"kode_sasaran": f"SS{s:02d}", "sasaran": f"Sasaran strategis {s}",
                   "kode_indikator": kode, "indikator": f"Persentase capaian indikator {i}",
                   "satuan": "%", "target": Decimal(rnd.choice([90, 95, 100])),
                   "polaritas": "Negatif" if i % 10 == 0 else "Positif",
                   "bidang": units[i % len(units)]})
        row: dict[str, Any] = {"kode_indikator": kode, "uraian_pembilang": "jumlah tertangani",
                               "uraian_penyebut": "jumlah seluruhnya",
                               "target_renstra": Decimal(100), "alasan": "Alasan " * 5,
                               "upaya": "Upaya 1\nUpaya 2", "hambatan": "Hambatan",
                               "rencana": "Rencana"}
        if i % 3 == 0:
            q = rnd.randint(20, 80)
            row.update(pembilang=Decimal(rnd.randint(q // 2, q)), penyebut=Decimal(q))
        elif i % 3 == 1:
            row.update(realisasi=Decimal(rnd.randint(80, 110)))
        iku.append(row)
        for year in (tahun - 2, tahun - 1):
            riw.append({"kode_indikator": kode, "tahun": year,
                        "realisasi": Decimal(rnd.randint(80, 100))})
    kej_codes = [p["kode_indikator"] for i, p in enumerate(pk, 1) if i % 3 == 2]
    for k in range(n_kej):
        kej.append({"kode_indikator": kej_codes[k % len(kej_codes)],
                    "tanggal": dt.date(tahun, 1 + k % 12, 1 + k % 28),
                    "uraian": f"Kejadian atau kegiatan nomor {k + 1}", "lokasi": "Kecamatan X",
                    "status": schema.STATUS_KEJADIAN[k % 4], "keterangan": ""})
    for s in range(1, n_ind // 2 + 1):
        total = Decimal(rnd.randint(100, 900)) * 1_000_000
        ang.append({"kode_sasaran": f"SS{s:02d}", "program": f"Program {s}",
                    "anggaran": total, "realisasi": total * Decimal("0.9")})
        for g in range(3):
            ang.append({"kode_sasaran": f"SS{s:02d}", "program": f"Program {s}",
                        "kegiatan": f"Kegiatan {s}.{g + 1}",
                        "anggaran": total / 4 if g else total / 2,
                        "realisasi": None})
    lra = _lra(n_lra, rnd)
    peg = [{"jenis": "ASN", "pengelompokan": "Pendidikan", "uraian": u, "jumlah": n}
           for u, n in (("S2", 5), ("S1", 18), ("D3", 2), ("SLTA", 6))]
    peg += [{"jenis": "ASN", "pengelompokan": "Pangkat", "uraian": "Penata", "jumlah": 31}]
    return {
        "profil": {"instansi": instansi, "pemda": "Kota Uji", "tahun": tahun, "bidang": bidang,
                   "nama_kepala": "Kepala Contoh", "nip_kepala": "19700101 199003 1 001",
                   "pangkat_kepala": "Pembina", "jabatan_kepala": "Kepala Badan",
                   "tempat": "Kota Uji", "tanggal": dt.date(tahun + 1, 2, 27)},
        "meta": {"id_buku_kerja": "bench", "revisi": 1},
        "sheets": {"PK": pk, "IKU": iku, "Riwayat": riw, "Kejadian": kej, "Anggaran": ang,
                   "LRA": lra, "Pegawai": peg,
                   "Narasi": [{"bagian": "Latar Belakang", "isi": "Paragraf " * 50}]},
    }


def _lra(n: int, rnd: random.Random) -> list[dict[str, Any]]:
    """A consistent LRA tree 5 > 5.x > 5.x.y with ``n`` rows in all."""
    leaves_per_group = 9
    groups = max(1, (n - 1) // (leaves_per_group + 1))
    rows: list[dict[str, Any]] = []
    body: list[dict[str, Any]] = []
    tot_a = Decimal(0)
    for g in range(1, groups + 1):
        kids = []
        for k in range(1, leaves_per_group + 1):
            a = Decimal(rnd.randint(1, 500)) * 1_000_000
            kids.append({"kode_rekening": f"5.{g}.{k}", "uraian": f"Belanja {g}.{k}",
                         "anggaran": a, "realisasi": a * Decimal("0.95"),
                         "realisasi_lalu": a * Decimal("0.8")})
        ga = sum((x["anggaran"] for x in kids), Decimal(0))
        body.append({"kode_rekening": f"5.{g}", "uraian": f"Kelompok belanja {g}",
                     "anggaran": ga, "realisasi": ga * Decimal("0.95"),
                     "realisasi_lalu": ga * Decimal("0.8")})
        body += kids
        tot_a += ga
    rows.append({"kode_rekening": "5", "uraian": "BELANJA DAERAH", "anggaran": tot_a,
                 "realisasi": tot_a * Decimal("0.95"), "realisasi_lalu": tot_a * Decimal("0.8")})
    return rows + body


def write_typical(path: Path, **kw: Any) -> Path:
    from lkj_excel.files.template import write_workbook

    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(path, typical_data(**kw))
    return path
