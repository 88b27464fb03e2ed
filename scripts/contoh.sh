#!/usr/bin/env bash
# Pekerjaan utama pada contoh bawaan: siapkan .venv, periksa dan hitung buku kerja instansi,
# gabungkan buku kerja per bidang, lalu susun laporan LKj (Word dan PDF) ke folder hasil/.
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
echo "Selesai. Lihat folder hasil/."
