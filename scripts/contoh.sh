#!/usr/bin/env bash
# Pekerjaan utama pada contoh bawaan: siapkan .venv, periksa dan hitung buku kerja instansi,
# gabungkan buku kerja per bidang, lalu susun laporan LKj (Word dan PDF) ke folder hasil/;
# juga Perjanjian Kinerja, laporan triwulan, daftar periksa reviu dan buku kerja tahun baru.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/pasang.sh

LKJ=.venv/bin/lkj
CONTOH="workbooks/contoh/LKj 2024 Badan Kesbangpol Kota Banjarbaru.xlsx"
mkdir -p hasil

echo "== lkj periksa"
"$LKJ" periksa "$CONTOH"
echo "== lkj hitung"
"$LKJ" hitung "$CONTOH" --out "hasil/LKj 2024 Badan Kesbangpol Kota Banjarbaru - hasil.xlsx"
echo "== lkj gabung (buku kerja per bidang)"
"$LKJ" gabung workbooks/contoh/per-bidang --out hasil/gabungan.xlsx
echo "== lkj rekap (tabel untuk analis dan gambaran kinerja HTML)"
"$LKJ" rekap workbooks/contoh/per-bidang --out hasil/rekap.xlsx --html hasil/rekap.html
echo "== lkj laporan"
PDF=--pdf
command -v soffice >/dev/null 2>&1 || PDF=
"$LKJ" laporan "$CONTOH" --out hasil $PDF
echo "== lkj pk (Perjanjian Kinerja) dan lkj laporan --triwulan 2"
"$LKJ" pk "$CONTOH" --out hasil $PDF
"$LKJ" laporan "$CONTOH" --out hasil --triwulan 2 $PDF
echo "== lkj reviu (kode keluar 1: ada butir yang tidak terpenuhi)"
"$LKJ" reviu "$CONTOH" --out hasil $PDF || [ $? -eq 1 ]
echo "== lkj tahun-baru"
"$LKJ" tahun-baru "$CONTOH" --out "hasil/LKj 2025 Badan Kesbangpol Kota Banjarbaru.xlsx"
echo "Selesai. Lihat folder hasil/."
