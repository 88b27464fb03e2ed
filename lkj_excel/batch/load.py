"""Find the workbooks in folders and read each into the data dict with its identity.

A workbook is identified by its content (Profil: Instansi, Tahun, Bidang; hidden metadata:
ID Buku Kerja, Revisi, Versi Templat), never by its file name. Loading never raises: an
unreadable file comes back with ``masalah`` set.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.temuan import KESALAHAN, PERINGATAN, Temuan, new_temuan

XLSX = ".xlsx"
#: spreadsheet files a unit may send instead of the .xlsx: tried (and refused with the
#: reason, for the unit they would have been) rather than skipped with a note
SPREADSHEETS = frozenset((XLSX, ".xlsm", ".xls", ".xlsb", ".ods", ".fods", ".et", ".ett",
                          ".csv", ".numbers"))




@dataclass
class Note:
    """A file that was looked at but not read (lock file, not .xlsx, folder)."""

    berkas: str
    pesan: str


def _note_for(p: Path) -> str | None:
    name = p.name
    if name.startswith("~$"):
        return ("berkas kunci Excel (~$), bukan buku kerja; dilewati. Tutup buku kerja di "
                "Excel bila masih terbuka.")
    if name.startswith("."):
        return "berkas tersembunyi; dilewati."
    if p.is_dir():
        return "subfolder; dilewati (sebutkan foldernya sendiri bila ingin ikut digabung)."
    if p.suffix.casefold() not in SPREADSHEETS:
        return (f"bukan buku kerja .xlsx (akhiran \"{p.suffix or '-'}\"); dilewati. Simpan "
                "sebagai Buku Kerja Excel (.xlsx) bila ingin ikut digabung.")
    return None


def collect(sumber: list[str | Path], kecuali: Path | None = None
              ) -> tuple[list[Path], list[Note]]:
    """Workbook paths from folders and files (folders: their own files, sorted by name).

    Lock files ``~$*``, hidden files, subfolders and non-.xlsx files in a folder are skipped
    with a note; a file named explicitly is always tried (the reader explains what is
    wrong with it), except a lock file. ``kecuali`` (the output) is never an input.
    """
    paths: list[Path] = []
    notes: list[Note] = []
    seen: set[str] = set()
    skip = os.path.normcase(str(kecuali.resolve())) if kecuali else None

    def add(p: Path) -> None:
        key = os.path.normcase(str(p.resolve()))
        if key == skip:
            notes.append(Note(p.name, "berkas keluaran gabungan ini sendiri; dilewati."))
            return
        if key not in seen:
            seen.add(key)
            paths.append(p)

    for item in sumber:
        p = Path(item)
        if p.is_dir():
            for child in sorted(p.iterdir(), key=lambda c: c.name.casefold()):
                note = _note_for(child)
                if note:
                    notes.append(Note(child.name, note))
                else:
                    add(child)
        elif p.name.startswith("~$"):
            notes.append(Note(p.name, _note_for(p) or ""))
        else:
            add(p)
    return paths, notes


def _canon(value: Any) -> Any:
    if type(value) is str:  # most cells: the exact type first, the same answer as below
        return " ".join(value.split())
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return format(Decimal(value), "f")
    if isinstance(value, float):
        return format(Decimal(str(value)).normalize(), "f")
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _scalar(value: Any) -> str | None:
    c = _canon(value)
    if c is None or c == "":
        return None
    return c if isinstance(c, str) else repr(c)


def canon_row(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """A row's content in a comparable, hashable form (empty cells dropped, keys sorted)."""
    out = [(k, c) for k, v in row.items() if v is not None and (c := _scalar(v)) is not None]
    out.sort()
    return tuple(out)


def canon_sheets(data: dict[str, Any]) -> dict[str, list[tuple[tuple[str, str], ...]]]:
    return {n: [canon_row(r) for r in rows] for n, rows in data.get("sheets", {}).items()}


def fingerprint(data: dict[str, Any], canon: dict[str, list[Any]] | None = None) -> str:
    """Hash of a workbook's content (Profil, Pengaturan, data rows; not the metadata)."""
    canon = canon if canon is not None else canon_sheets(data)
    body = [repr(_canon(data.get("profil", {}))), repr(_canon(data.get("pengaturan", {})))]
    body += [f"{n}:{canon[n]!r}" for n in sorted(canon)]
    return hashlib.sha256("\n".join(body).encode("utf-8")).hexdigest()


@dataclass
class Submission:
    """One received workbook: its content, identity and what reading it found."""

    path: str
    nama: str
    data: dict[str, Any] | None = None
    #: Excel row number of each data row, parallel to ``data["sheets"][name]``
    baris: dict[str, list[int]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    temuan: list[Temuan] = field(default_factory=list)
    fingerprint: str = ""
    #: ``canon_row`` of each data row, parallel to ``data["sheets"][name]``
    canon: dict[str, list[Any]] = field(default_factory=dict)
    #: why this workbook cannot be used (then ``data`` may be None)
    masalah: Temuan | None = None
    #: when the file was last saved (document properties), to order two versions of a unit
    saved: _dt.datetime | None = None
    #: column letters per sheet and the Profil cells, where this file's findings point
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    profil_cells: dict[str, str] = field(default_factory=dict)
    #: the unit this file is from (its Bidang as the round knows it; set by the merge)
    unit: str = ""
    #: a blank template (no Profil identity, no rows): recognised and left out
    blank: bool = False

    @property
    def profil(self) -> dict[str, Any]:
        return (self.data or {}).get("profil", {})

    @property
    def instansi(self) -> str:
        return " ".join(str(self.profil.get("instansi") or "").split())

    @property
    def tahun(self) -> int | None:
        t = self.profil.get("tahun")
        return t if isinstance(t, int) else None

    @property
    def bidang(self) -> str:
        return " ".join(str(self.profil.get("bidang") or "").split())

    @property
    def revisi(self) -> int:
        r = self.meta.get("revisi")
        return r if isinstance(r, int) else 0

    @property
    def id_buku_kerja(self) -> str:
        return str(self.meta.get("id_buku_kerja") or "")

    def identitas(self) -> dict[str, Any]:
        return {"instansi": self.instansi or None, "tahun": self.tahun,
                "bidang": self.bidang or None, "id_buku_kerja": self.id_buku_kerja or None,
                "revisi": self.meta.get("revisi"),
                "versi_templat": self.meta.get("versi_templat")}


def _major(version: Any) -> str:
    return str(version).strip().split(".")[0]


def check_version(meta: dict[str, Any], nama: str) -> Temuan | None:
    """A finding when the template/contract version is one this version cannot read."""
    kontrak = meta.get("versi_kontrak")
    if kontrak not in (None, "") and str(kontrak).strip() != str(schema.CONTRACT_VERSION):
        return new_temuan("versi-templat", schema.META_SHEET,
            "", f"Buku kerja memakai kontrak templat versi {kontrak}, sedangkan lkj-excel ini "
            f"membaca versi {schema.CONTRACT_VERSION}. Berkas disisihkan: salin isinya ke "
            "templat terbaru (lkj template atau lkj pecah) lalu kirim ulang.", nama)
    versi = meta.get("versi_templat")
    if versi not in (None, "") and _major(versi) != _major(schema.TEMPLATE_VERSION):
        return new_temuan("versi-templat", schema.META_SHEET,
            "", f"Buku kerja dibuat dari templat versi {versi}, sedangkan lkj-excel ini membaca "
            f"templat versi {schema.TEMPLATE_VERSION}. Berkas disisihkan: salin isinya ke "
            "templat terbaru (lkj template atau lkj pecah) lalu kirim ulang.", nama)
    return None


#: reading findings that mean the layout is not the template's (the file is set aside)
_STRUKTUR = ("lembar-hilang", "kolom-hilang")


def load_submission(path: str | Path, nama: str | None = None) -> Submission:
    """Read one workbook into a ``Submission`` (never raises)."""
    from lkj_excel.core.temuan import WorkbookError
    from lkj_excel.core.units import data_from_model
    from lkj_excel.files.read import read_workbook

    p = Path(path)
    nama = nama or p.name
    k = Submission(path=str(p), nama=nama)
    try:
        res = read_workbook(p)
    except WorkbookError as exc:
        k.masalah = new_temuan("berkas-tidak-terbaca", "", "", exc.pesan, nama)
        return k
    except Exception as exc:  # a parser bug must not stop a batch
        k.masalah = new_temuan("berkas-tidak-terbaca",
            "", "", f"Berkas tidak dapat dibaca ({type(exc).__name__}: {exc}). Buka di "
                           "Excel, simpan ulang sebagai .xlsx, lalu kirim ulang.", nama)
        return k
    wd = res.data
    k.saved = res.saved
    k.columns = dict(wd.columns)
    k.profil_cells = dict(wd.profil_cells)
    k.meta = dict(wd.meta)
    k.data = data_from_model(wd)
    k.baris = {s.name: [r.row for r in wd.rows.get(s.name, [])] for s in schema.DATA_SHEETS}
    k.temuan = [f if f.berkas == nama else _rename(f, nama) for f in res.temuan
                if not (f.kode == "lembar-hilang" and f.tingkat == PERINGATAN)]
    k.canon = canon_sheets(k.data)
    k.fingerprint = fingerprint(k.data, k.canon)
    k.masalah = check_version(k.meta, nama)
    if k.masalah is None:
        rusak = [f for f in res.temuan if f.kode in _STRUKTUR and f.tingkat == KESALAHAN]
        if rusak:
            detail = " ".join(f.pesan for f in rusak[:3])
            more = f" (dan {len(rusak) - 3} lagi)" if len(rusak) > 3 else ""
            k.masalah = new_temuan("templat-tidak-dikenal", rusak[0].lembar, rusak[0].sel,
                f"Susunan buku kerja tidak sesuai templat LKj, mungkin templat lama: {detail}"
                f"{more} Berkas disisihkan: salin isinya ke templat terbaru lalu kirim ulang.",
                nama)
    if k.masalah is None and not (k.instansi or k.tahun or k.bidang) and not any(
            k.data["sheets"].get(s.name) for s in schema.DATA_SHEETS):
        k.blank = True  # a blank template left in the inbox: nothing to merge
        return k
    if k.masalah is None:
        kosong = [label for label, v in (("Instansi", k.instansi), ("Tahun", k.tahun),
                                         ("Bidang", k.bidang)) if not v]
        if kosong:
            k.masalah = new_temuan("identitas-kosong", schema.PROFIL_SHEET,
                "", f"Isian {', '.join(kosong)} di lembar Profil kosong atau tidak terbaca, jadi "
                "buku kerja ini tidak dapat dikenali. Berkas disisihkan: isi lembar Profil "
                "lalu kirim ulang.", nama)
    return k


def _rename(f: Temuan, nama: str) -> Temuan:
    return Temuan(f.kode, f.tingkat, f.lembar, f.sel, f.pesan, nama)
