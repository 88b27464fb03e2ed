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

if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "GALAT: lkj-excel memerlukan Python 3.11 atau lebih baru ($PY: $("$PY" -V 2>&1 || echo tidak ada))." >&2
  echo "Pasang Python 3.11+, atau tunjuk yang lain dengan PYTHON=/jalur/python3.11." >&2
  exit 2
fi
# Debian memisahkan modul venv/ensurepip ke paket python3-venv
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  VENV_PKG="python3-venv"
  echo "Memasang $VENV_PKG (modul venv Python)..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$VENV_PKG" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$VENV_PKG" >/dev/null
  fi
fi
# .venv yang setengah jadi (venv gagal sebelum pip terpasang) dibuat ulang
if [ -x .venv/bin/python ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  echo "Lingkungan .venv tidak lengkap (pip tidak ada); dibuat ulang..."
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  echo "Membuat lingkungan Python .venv..."
  "$PY" -m venv .venv
fi
echo "Memasang lkj-excel ke .venv..."
.venv/bin/python -m pip install -q -e ".[sekretariat,test]"
