#!/usr/bin/env bash
# Menyiapkan lingkungan lalu menjalankan seluruh uji.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/pasang.sh
exec .venv/bin/python -m pytest "$@"
