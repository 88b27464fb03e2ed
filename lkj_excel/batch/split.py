"""``lkj pecah``: one workbook per unit from the agency workbook.

Each unit's workbook holds the Profil (with its own Bidang), the rows the unit owns
(``lkj_excel.core.units`` rules), the agency's Pengaturan, and hidden metadata: its workbook id
(deterministic per instansi, tahun and unit) and revision. File names are safe for email
attachments and Windows (``units.unit_filename``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.temuan import Temuan


@dataclass
class UnitFile:
    unit: str
    path: Path
    indikator: list[str]
    baris: int


@dataclass
class SplitResult:
    master: str
    instansi: str
    tahun: Any
    berkas: list[UnitFile] = field(default_factory=list)
    temuan: list[Temuan] = field(default_factory=list)


def split_file(master: str | Path, out_dir: str | Path) -> SplitResult:
    """Split ``master`` into ``out_dir``. Raises ``WorkbookError`` for an unusable master."""
    from lkj_excel.batch.load import check_version
    from lkj_excel.core.temuan import WorkbookError, WriteError
    from lkj_excel.core.units import data_from_model, split_by_unit, unit_filename
    from lkj_excel.files.read import read_workbook
    from lkj_excel.files.template import write_workbook

    src = Path(master)
    res = read_workbook(src)
    wd = res.data
    masalah = check_version(wd.meta, src.name)
    if masalah is not None:
        raise WorkbookError(masalah.pesan, src.name)
    struktur = [f for f in res.temuan
                if f.kode in ("lembar-hilang", "kolom-hilang") and f.tingkat == "kesalahan"]
    if struktur:
        raise WorkbookError(
            "Susunan buku kerja tidak sesuai templat LKj, jadi tidak dapat dipecah: "
            + " ".join(f.pesan for f in struktur[:3]), src.name)
    data = data_from_model(wd)
    profil = data["profil"]
    if not profil.get("instansi") or not profil.get("tahun"):
        raise WorkbookError("Isian Instansi dan Tahun di lembar Profil harus diisi sebelum "
                            "buku kerja dipecah.", src.name)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise WriteError(f"\"{out}\" bukan folder; sebutkan folder keluaran.", out.name)
    parts = split_by_unit(data)
    revisi = wd.meta.get("revisi")
    result = SplitResult(src.name, profil["instansi"], profil["tahun"], temuan=res.temuan)
    plan = []
    for i, (unit, part) in enumerate(parts.items(), 1):
        if isinstance(revisi, int) and revisi > part["meta"].get("revisi", 1):
            part["meta"]["revisi"] = revisi
        path = out / unit_filename(i, unit)
        if path.resolve() == src.resolve():
            raise WriteError(f"Berkas keluaran \"{path.name}\" sama dengan buku kerja "
                                "instansi; pilih folder keluaran lain.", src.name)
        plan.append((unit, part, path))
    out.mkdir(parents=True, exist_ok=True)
    for unit, part, path in plan:
        write_workbook(path, part)
        rows = sum(len(v) for v in part["sheets"].values())
        kodes = [str(r.get("kode_indikator")) for r in part["sheets"].get("PK", [])]
        result.berkas.append(UnitFile(unit, path, kodes, rows))
    return result


def describe(h: SplitResult) -> list[str]:
    lines = [f"Buku kerja instansi: {h.master} ({h.instansi}, tahun {h.tahun})",
             f"Dipecah menjadi {len(h.berkas)} buku kerja:"]
    for b in h.berkas:
        what = (f"indikator {', '.join(b.indikator)}" if b.indikator
                else "tanpa indikator (bagian instansi)")
        lines.append(f"  {b.path.name}  —  {b.unit}: {what}; {b.baris} baris.")
    if len(h.berkas) == 1:
        lines.append(f"Catatan: tidak ada Bidang di kolom Bidang lembar PK, jadi hanya buku "
                     f"kerja {schema.AGENCY_BIDANG} yang dibuat.")
    return lines
