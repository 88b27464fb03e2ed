"""From folders of workbooks to the analysts' tables.

Workbooks are found in the folders given (recursively) and in the files named; each is read
as ``periksa`` reads it (the safety scan first; a file that cannot be read becomes a finding,
never a stop). With ``gabung`` (the default) the workbooks of one agency and year, known by
their content (Profil Instansi and Tahun), are merged as ``lkj gabung`` merges them;
without, every workbook is taken as it is. Reading runs on the process pool or the Dask
cluster of ``lkj batch``; merging and computing, a few milliseconds per agency, run here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkj_excel.analysis.tables import (
    BERKAS_TABLE,
    TEMUAN,
    OneFile,
    clean_row,
    consolidate,
    rows_of,
    temuan_row,
)
from lkj_excel.core import schema
from lkj_excel.core.model import Row, norm
from lkj_excel.core.temuan import KESALAHAN, Temuan, new_temuan

XLSX = ".xlsx"
#: spreadsheet files that are not .xlsx: named in temuan (an agency's numbers would be
#: missing without a word); other files (reports, pictures, the rekap's own .csv) are
#: skipped quietly
_OTHER_WORKBOOKS = (".xls", ".xlsm", ".xlsb", ".xltx", ".xltm", ".ods", ".et")
TIDAK_TERBACA = "tidak-terbaca"
DILEWATI = "dilewati"
DIPAKAI = "dipakai"
DISISIHKAN = "disisihkan"


@dataclass
class Rekap:
    """The tables (name -> rows of plain values) and what reading them found."""

    tables: dict[str, list[dict[str, Any]]]
    #: files read (not counting the ones skipped quietly)
    n_berkas: int = 0
    #: agency-years tabulated (merged groups, or files with --tanpa-gabung)
    n_instansi_tahun: int = 0
    #: other files in the folders, skipped quietly (not workbooks)
    n_lain: int = 0
    gabung: bool = True

    @property
    def temuan(self) -> list[dict[str, Any]]:
        return self.tables[TEMUAN.name]

    @property
    def has_errors(self) -> bool:
        return any(f["tingkat"] == KESALAHAN for f in self.temuan)

    @property
    def has_unreadable(self) -> bool:
        return any(b["status"] == TIDAK_TERBACA for b in self.tables[BERKAS_TABLE.name])


# ---------------------------------------------------------------------------
# Finding the workbooks
# ---------------------------------------------------------------------------

@dataclass
class Found:
    files: list[tuple[str, str]] = field(default_factory=list)  # (path, display name)
    temuan: list[Temuan] = field(default_factory=list)
    berkas: list[dict[str, Any]] = field(default_factory=list)
    n_lain: int = 0


def _walk(root: Path) -> Iterable[Path]:
    """Files under ``root``, sorted by name at each level, hidden folders skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted((d for d in dirnames if not d.startswith(".")), key=str.casefold)
        for name in sorted(filenames, key=str.casefold):
            yield Path(dirpath) / name


def find_workbooks(sumber: Sequence[str | Path], kecuali: Sequence[str | Path] = ()) -> Found:
    """The .xlsx workbooks in the folders (recursively) and files given, in order.

    Excel lock files (``~$``) and hidden files are skipped quietly; other spreadsheet
    files (.xls, .ods...) are named in temuan; a file named explicitly is always tried.
    ``kecuali``: paths never taken as input (the outputs).
    """
    out = Found()
    skip = {os.path.normcase(str(Path(k).resolve())) for k in kecuali}
    seen: set[str] = set()
    entries: list[tuple[Path, str, bool]] = []  # (path, name, named explicitly)
    for item in sumber:
        p = Path(item)
        if p.is_dir():
            for f in _walk(p):
                entries.append((f, f.relative_to(p).as_posix(), False))
        else:
            entries.append((p, p.name, True))
    counts: dict[str, int] = {}
    for _, name, _ in entries:
        counts[name] = counts.get(name, 0) + 1
    for f, name, explicit in entries:
        shown = name if counts[name] == 1 else str(f)
        key = os.path.normcase(str(f.resolve()))
        if key in seen or key in skip:
            continue
        seen.add(key)
        if f.name.startswith(("~$", ".")):
            out.n_lain += 1
            continue
        suffix = f.suffix.casefold()
        if suffix == XLSX or explicit:
            out.files.append((str(f), shown))
        elif suffix in _OTHER_WORKBOOKS:
            pesan = (f"Bukan buku kerja .xlsx (akhiran \"{f.suffix}\"), jadi tidak ikut "
                     "direkap. Buka di Excel, simpan sebagai Buku Kerja Excel (.xlsx), lalu "
                     "jalankan lagi.")
            out.temuan.append(new_temuan("berkas-dilewati", "", "", pesan, shown))
            out.berkas.append({"berkas": shown, "status": DILEWATI, "pesan": pesan})
        else:
            out.n_lain += 1
    return out


# ---------------------------------------------------------------------------
# Reading (the tasks: module-level, so a process pool or a Dask worker can run them)
# ---------------------------------------------------------------------------

def load_chunk(files: list[tuple[str, str]]) -> list[Any]:
    """``Submission`` of each file (the reading ``gabung`` does); never raises."""
    from lkj_excel.batch.load import load_submission

    return [load_submission(path, nama) for path, nama in files]


@dataclass
class FilePart:
    """One workbook taken as it is: its table rows, or why it could not be read."""

    nama: str
    rows: dict[str, list[dict[str, Any]]] | None = None
    masalah: Temuan | None = None
    identitas: dict[str, Any] = field(default_factory=dict)


def check_chunk(files: list[tuple[str, str]]) -> list[FilePart]:
    """Each file read, computed and validated as ``periksa`` does; never raises."""
    from lkj_excel.core.temuan import WorkbookError
    from lkj_excel.files.read import check_workbook

    out = []
    for path, nama in files:
        try:
            p = check_workbook(path)
        except WorkbookError as exc:
            out.append(FilePart(nama, masalah=new_temuan("berkas-tidak-terbaca", "", "",
                                                         exc.pesan, nama)))
            continue
        except Exception as exc:  # a parser bug must not stop the others
            out.append(FilePart(nama, masalah=new_temuan(
                "berkas-tidak-terbaca", "", "", f"Berkas tidak dapat dibaca "
                f"({type(exc).__name__}: {exc}). Buka di Excel, simpan ulang sebagai .xlsx, "
                "lalu jalankan lagi.", nama)))
            continue
        p.temuan = [f if f.berkas == nama else Temuan(f.kode, f.tingkat, f.lembar, f.sel,
                                                      f.pesan, nama) for f in p.temuan]
        prof = p.result.profil
        out.append(FilePart(nama, rows=rows_of(p, OneFile(nama)), identitas={
            "instansi": prof.get("instansi"), "tahun": p.data.tahun,
            "bidang": prof.get("bidang"), "revisi": p.data.meta.get("revisi")}))
    return out


def _chunks(items: list[Any], n_workers: int) -> list[list[Any]]:
    size = max(1, min(16, len(items) // max(1, n_workers * 4)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _run(fn: Callable[[list[Any]], list[Any]], files: list[tuple[str, str]],
         pekerja: int | None, scheduler: str | None,
         failed: Callable[[tuple[str, str], BaseException], Any]) -> list[Any]:
    from lkj_excel.batch.run import map_in_order

    if not scheduler and (pekerja == 1 or len(files) <= 2):
        return fn(files)
    workers = pekerja or os.cpu_count() or 1
    chunks = _chunks(files, workers)
    out: list[Any] = []
    for chunk, res in zip(chunks, map_in_order(fn, chunks, pekerja, scheduler), strict=True):
        if isinstance(res, BaseException):
            out += [failed(f, res) for f in chunk]
        else:
            out += res
    return out


def _worker_died(kind: str) -> Callable[[tuple[str, str], BaseException], Any]:
    def make(f: tuple[str, str], exc: BaseException) -> Any:
        masalah = new_temuan("berkas-tidak-terbaca", "", "", "Pekerja berhenti saat membaca "
                             f"berkas ini ({type(exc).__name__}: {exc}). Jalankan lagi; bila "
                             "berulang, periksa berkas ini dengan lkj periksa.", f[1])
        if kind == "check":
            return FilePart(f[1], masalah=masalah)
        from lkj_excel.batch.load import Submission

        return Submission(path=f[0], nama=f[1], masalah=masalah)
    return make


# ---------------------------------------------------------------------------
# Merging one agency-year and where its rows came from
# ---------------------------------------------------------------------------

class MergedSources:
    """The unit files a merged row came from, and the cell it has there (the row number in
    that file; the column of the template, which ``pecah`` and the units' workbooks share)."""

    def __init__(self, chosen: list[Any], label: str) -> None:
        self.label = label
        self.index: dict[str, dict[Any, list[tuple[str, int]]]] = {}
        for k in chosen:
            for sheet, canon in k.canon.items():
                nums = k.baris.get(sheet, [])
                by = self.index.setdefault(sheet, {})
                for i, c in enumerate(canon):
                    by.setdefault(c, []).append((k.nama, nums[i] if i < len(nums) else 0))

    def _where(self, sheet: str, row: Row | None) -> list[tuple[str, int]]:
        if row is None:
            return []
        from lkj_excel.batch.load import canon_row

        sh = schema.data_sheet(sheet)
        values = ({c.key: row.values.get(c.key) for c in sh.input_columns} if sh
                  else row.values)
        return self.index.get(sheet, {}).get(canon_row(values), [])

    def names(self, sheet: str, row: Row | None) -> str:
        found = list(dict.fromkeys(n for n, _ in self._where(sheet, row)))
        return "; ".join(found) if found else self.label

    def cell(self, sheet: str, row: Row, key: str) -> tuple[str, str]:
        from lkj_excel.core.cells import split_ref

        return self.at(sheet, row, split_ref(row.cell(key))[0])

    def at(self, sheet: str, row: Row, letter: str) -> tuple[str, str]:
        where = [w for w in self._where(sheet, row) if w[1]]
        if not where:
            return self.label, f"{letter}{row.row}"
        return where[0][0], f"{letter}{where[0][1]}"


def relocate(temuan: list[Temuan], p: Any, src: MergedSources) -> list[Temuan]:
    """Findings at cells of the merged layout moved to the unit file and row they name."""
    from lkj_excel.core.cells import split_ref

    out = []
    for f in temuan:
        rows = p.data.rows.get(f.lembar) if f.berkas == src.label and f.sel else None
        if rows:
            letter, n = split_ref(f.sel)
            row = next((r for r in rows if r.row == n), None)
            if row is not None:
                berkas, sel = src.at(f.lembar, row, letter)
                f = Temuan(f.kode, f.tingkat, f.lembar, sel, f.pesan, berkas)
        out.append(f)
    return out


def _merged_label(g: Any) -> str:
    from lkj_excel.core.filenames import safe_filename

    singkatan = (g.data or {}).get("profil", {}).get("singkatan") or g.instansi
    return f"{safe_filename(f'LKj {g.tahun} {singkatan}', default='LKj')}.xlsx"


def merge_group(kiriman: list[Any]) -> tuple[dict[str, list[dict[str, Any]]] | None,
                                              list[dict[str, Any]]]:
    """One agency-year's workbooks merged as ``gabung`` does: (table rows, file rows).

    A single workbook (the agency's whole workbook, say) is taken as it is: nothing to merge,
    so no findings about rows the Sekretariat holds for the units."""
    from lkj_excel.batch.check import check_data
    from lkj_excel.batch.merge import CONFLICT, USED, merge_submissions
    from lkj_excel.core.temuan import sort_key

    if len(kiriman) == 1:
        k = kiriman[0]
        src = MergedSources([k], k.nama)
        p = check_data(k.data, k.nama)
        p.temuan = k.temuan + relocate(p.temuan, p, src)  # the reader's are at real cells
        p.temuan.sort(key=sort_key)
        return rows_of(p, src), [
            {**k.identitas(), "berkas": k.nama, "status": USED,
             "pesan": f"Dipakai: {k.bidang}, revisi {k.meta.get('revisi') or '-'}."}]
    g = merge_submissions(kiriman)
    by_name = {k.nama: k for k in kiriman}
    files = [{**b.identitas, "berkas": b.berkas, "status": b.status, "pesan": b.pesan}
             for b in g.berkas]
    if g.data is None:
        return None, files
    used = [by_name[b.berkas] for b in g.berkas if b.status in (USED, CONFLICT)
            and b.berkas in by_name]
    label = _merged_label(g)
    src = MergedSources(used, label)
    p = check_data(g.data, label)
    # as check_merged: the merge's findings first (the files' own, at their real cells),
    # then the merged data's, moved to the unit file and row they name
    merge = sorted(g.temuan, key=lambda f: f.tingkat != KESALAHAN)
    p.temuan = merge + relocate(p.temuan, p, src)
    return rows_of(p, src), files


# ---------------------------------------------------------------------------
# The whole rekap
# ---------------------------------------------------------------------------

def rekap_tables(sumber: Sequence[str | Path], gabung: bool = True, pekerja: int | None = None,
                 scheduler: str | None = None, kecuali: Sequence[str | Path] = ()) -> Rekap:
    """The tables of every workbook in ``sumber`` (folders and files). Never raises for a
    bad file: it is a row of ``temuan`` and of ``berkas``."""
    found = find_workbooks(sumber, kecuali)
    parts: list[dict[str, list[dict[str, Any]]]] = []
    files: list[dict[str, Any]] = list(found.berkas)
    loose: list[dict[str, Any]] = [temuan_row(f) for f in found.temuan]
    n_groups = 0
    if gabung:
        kiriman = _run(load_chunk, found.files, pekerja, scheduler, _worker_died("load"))
        groups: dict[tuple[str, int | None], list[Any]] = {}
        for k in kiriman:
            if k.masalah is not None:
                status = TIDAK_TERBACA if k.masalah.kode == "berkas-tidak-terbaca" \
                    else DISISIHKAN
                files.append({**(k.identitas() if k.data else {}), "berkas": k.nama,
                              "status": status, "pesan": k.masalah.pesan})
                loose.append(temuan_row(k.masalah, k.instansi or None, k.tahun))
            else:
                groups.setdefault((norm(k.instansi), k.tahun), []).append(k)
        for group in groups.values():
            rows, reports = merge_group(group)
            files += reports
            if rows is not None:
                parts.append(rows)
                n_groups += 1
    else:
        for fp in _run(check_chunk, found.files, pekerja, scheduler, _worker_died("check")):
            if fp.rows is None:
                assert fp.masalah is not None
                files.append({"berkas": fp.nama, "status": TIDAK_TERBACA,
                              "pesan": fp.masalah.pesan})
                loose.append(temuan_row(fp.masalah))
            else:
                files.append({**fp.identitas, "berkas": fp.nama, "status": DIPAKAI,
                              "pesan": "Dipakai apa adanya (tanpa digabung)."})
                parts.append(fp.rows)
                n_groups += 1
    tables = consolidate(parts)
    tables[TEMUAN.name] = loose + tables[TEMUAN.name]
    tables[TEMUAN.name].sort(key=lambda r: r["tingkat"] != KESALAHAN)
    tables[BERKAS_TABLE.name] = [clean_row(BERKAS_TABLE, b) for b in files]
    return Rekap(tables, n_berkas=len(found.files) + len(found.berkas),
                 n_instansi_tahun=n_groups, n_lain=found.n_lain, gabung=gabung)
