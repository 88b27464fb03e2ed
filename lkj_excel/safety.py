"""Checks made before any parser touches a file (size, kind, zip bomb)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lkj_excel import schema

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def _error(pesan: str, berkas: str) -> Exception:
    from lkj_excel.reader import WorkbookError

    return WorkbookError(pesan, berkas)


def check_file(path: Path, limits: schema.Limits = schema.LIMITS) -> None:
    """Raise ``WorkbookError`` for anything that is not a safe-to-open .xlsx."""
    name = path.name
    if not path.exists():
        raise _error(f"Berkas \"{path}\" tidak ditemukan. Periksa nama dan foldernya.", name)
    if path.is_dir():
        raise _error(f"\"{path}\" adalah folder, bukan berkas buku kerja.", name)
    size = path.stat().st_size
    if size == 0:
        raise _error("Berkas kosong (0 byte). Kirim ulang buku kerjanya.", name)
    if size > limits.max_file_bytes:
        raise _error(
            f"Berkas berukuran {size // (1024 * 1024)} MB, melebihi batas "
            f"{limits.max_file_bytes // (1024 * 1024)} MB. Hapus gambar atau data yang tidak "
            "perlu, lalu simpan ulang.", name)
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(OLE_MAGIC):
        raise _error(_ole_message(path), name)
    if not head.startswith(ZIP_MAGIC):
        low = head.lstrip().lower()
        if low.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta")):
            raise _error(
                "Berkas ini halaman web (HTML) yang diberi akhiran Excel, bukan buku kerja. "
                "Buka di Excel lalu simpan sebagai Buku Kerja Excel (.xlsx).", name)
        raise _error(
            "Berkas ini bukan buku kerja Excel (.xlsx). Pastikan berkas yang dikirim adalah "
            "buku kerja dari templat LKj, lalu simpan sebagai .xlsx.", name)
    check_zip(path, limits)


def _ole_message(path: Path) -> str:
    try:
        import msoffcrypto

        with path.open("rb") as fh:
            if msoffcrypto.OfficeFile(fh).is_encrypted():
                return ("Buku kerja ini dilindungi kata sandi. Buka di Excel, hapus kata "
                        "sandinya (File > Info > Lindungi Buku Kerja), lalu simpan ulang.")
    except Exception:
        pass
    return ("Berkas ini buku kerja Excel format lama (.xls) atau berkas Office lain. Buka di "
            "Excel lalu simpan sebagai Buku Kerja Excel (.xlsx).")


def check_zip(path: Path, limits: schema.Limits = schema.LIMITS) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _error(
            "Berkas rusak atau tidak utuh (arsip .xlsx tidak dapat dibuka). Minta pengirim "
            "mengirim ulang, atau buka di Excel dan simpan ulang.", name) from exc
    total = 0
    for info in infos:
        total += info.file_size
        if info.compress_size and info.file_size / max(info.compress_size, 1) > limits.max_ratio \
                and info.file_size > 10 * 1024 * 1024:
            raise _error(
                f"Bagian \"{info.filename}\" di dalam berkas mengembang {info.file_size // 1024 // 1024} "
                "MB dari ukuran kecil (bom zip). Berkas tidak dibuka demi keamanan.", name)
    if total > limits.max_inflated_bytes:
        raise _error(
            f"Isi berkas mengembang menjadi {total // (1024 * 1024)} MB, melebihi batas "
            f"{limits.max_inflated_bytes // (1024 * 1024)} MB. Berkas tidak dibuka demi "
            "keamanan.", name)
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise _error(
            "Berkas ini arsip zip atau dokumen Office lain, bukan buku kerja Excel (.xlsx).",
            name)
    if "xl/workbook.bin" in names:
        raise _error(
            "Berkas ini buku kerja biner Excel (.xlsb). Simpan sebagai Buku Kerja Excel (.xlsx).",
            name)
