#!/usr/bin/env bash
# Menyiapkan lingkungan kerja: paket sistem (LibreOffice, poppler, Chromium) bila belum ada, lalu
# lingkungan Python .venv di akar repositori dengan lkj-excel dan perlengkapan ujinya.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
APT_PACKAGES="libreoffice-writer-nogui libreoffice-calc-nogui python3-uno fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea poppler-utils"

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang LibreOffice dan poppler dari paket Debian..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $APT_PACKAGES >/dev/null
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang LibreOffice dan poppler (sudo)..."
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $APT_PACKAGES >/dev/null
  else
    echo "PERINGATAN: LibreOffice (soffice) belum terpasang; PDF dan uji rumus dilewati." >&2
    echo "Pasang dengan: apt-get install $APT_PACKAGES" >&2
  fi
fi

# Chromium (paket Debian) membuka gambaran kinerja HTML lkj rekap dalam uji (tanpa layar)
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang Chromium dari paket Debian..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang Chromium (sudo)..."
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "PERINGATAN: Chromium belum terpasang; uji tampilan HTML rekap dilewati." >&2
    echo "Pasang dengan: apt-get install chromium" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "Membuat lingkungan Python .venv..."
  "$PY" -m venv .venv
fi
echo "Memasang lkj-excel ke .venv..."
.venv/bin/python -m pip install -q -e ".[sekretariat,test]"
