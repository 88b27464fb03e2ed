"""Read an .xlsx file into the model: the safety scan, python-calamine, the scan's temuan.

The adapter around ``lkj_excel.core.read``: ``files.safety.check_file`` vets the file,
python-calamine turns the sheets the reader needs into grids, and what the scan saw
(hidden rows and columns, error values) and the merged cells become temuan at their cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.cells import col_index, col_letter, ref, split_ref
from lkj_excel.core.engine import Checked, check_read
from lkj_excel.core.model import WorkbookData, norm
from lkj_excel.core.read import Grid, ReadResult, needed_sheets, read_grids
from lkj_excel.core.temuan import PERINGATAN, Temuan, WorkbookError, new_temuan


def _is_fatal(exc: BaseException) -> bool:
    return isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)


def read_workbook(path: str | Path, fast: bool = True) -> ReadResult:
    """Read an .xlsx file (python-calamine). Raises ``WorkbookError`` if unreadable.

    ``safety.check_file`` vets the file first (kind, zip bomb, entities, extent); what its
    scan saw (hidden rows and columns, error values) and the merged cells become findings.
    When the scan took its fast path (a plain archive in memory), python-calamine parses
    the parts the scan inflated, handed over stored, instead of inflating them again;
    ``fast=False`` takes the old way throughout (the ``zipfile`` scan, then python-calamine
    reading the file), which every unusual file takes anyway; kept for the tests and the
    benchmark that compare the two.
    """
    from lkj_excel.files.safety import check_file

    p = Path(path)
    insp = check_file(p, keep=fast, fast=fast)
    archive, insp.archive = insp.archive, None
    data, insp.data = insp.data, None  # the vetted bytes (None: a file too large to hold)
    stored = None
    if archive is not None and insp.main_part.lower() == "xl/workbook.xml":
        from lkj_excel.files.zipparts import Unusual

        try:
            stored = archive.stored_copy()
        except Unusual:  # (too large for a plain zip): python-calamine reads the file
            stored = None
    # the archive as the scan read it: the pictures are read from it, not from the file
    merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    try:
        import io

        from python_calamine import CalamineWorkbook

        if insp.main_part.lower() != "xl/workbook.xml":
            # a valid package with its workbook elsewhere: read a canonical copy
            wb = CalamineWorkbook.from_filelike(io.BytesIO(
                canonical_package(p if data is None else data, insp.main_part)))
        elif stored is not None:  # the parts the scan vetted, already inflated, stored
            wb = CalamineWorkbook.from_filelike(io.BytesIO(stored))
            stored = None
        elif data is not None:  # an unusual archive: the bytes the zipfile way vetted
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        else:
            wb = CalamineWorkbook.from_path(str(p))
        try:
            names = list(wb.sheet_names)
            grids: dict[str, Grid] = {}
            for name in needed_sheets(names):
                sh = wb.get_sheet_by_name(name)
                grids[name] = sh.to_python(skip_empty_area=False)
                try:
                    merged[name] = list(sh.merged_cell_ranges or [])
                except Exception:  # merged ranges are a courtesy, never a reason to fail
                    merged[name] = []
        finally:
            wb.close()
    except WorkbookError:
        raise
    except BaseException as exc:  # calamine raises many kinds (and pyo3 panics)
        if _is_fatal(exc):
            raise
        detail = " ".join(str(exc).split())[:200]
        raise WorkbookError(
            f"Berkas tidak dapat dibaca sebagai buku kerja Excel (.xlsx): {detail}. Buka di "
            "Excel lalu simpan ulang sebagai Buku Kerja Excel (.xlsx).", p.name) from None
    facts = {name: scan.facts for name, scan in insp.sheets.items()}
    res = read_grids(grids, names, p.name, facts)
    res.saved = insp.saved
    res.temuan += scan_temuan(res.data, insp, merged, p.name)
    res.data.pictures, found = _pictures(p, insp, archive, data)
    archive = data = None
    res.temuan += found
    return res


def canonical_package(path: Path | bytes, main: str) -> bytes:
    """The package with its workbook part moved to ``xl/workbook.xml`` (in memory).

    Excel and LibreOffice find the workbook through ``_rels/.rels``, wherever it is;
    python-calamine looks for it by name. Every other part keeps its name: the workbook's
    relationships are rewritten with absolute targets, and the package's point to the new
    name. Only for the rare file whose workbook part is named otherwise (already vetted by
    ``safety.check_file``).
    """
    import io
    import re
    import zipfile

    from lkj_excel.files.safety import _part_path, _rels_path

    rels_old = _rels_path(main).lower()

    def absolute(xml: bytes) -> bytes:
        def fix(m: re.Match[bytes]) -> bytes:
            target = m.group(2).decode("utf-8")
            if target.startswith("/") or "://" in target:
                return m.group(0)
            return m.group(1) + b"/" + _part_path(main, target).encode("utf-8") + m.group(3)
        return re.sub(rb'(\bTarget=")([^"]*)(")', fix, xml)

    out = io.BytesIO()
    src = io.BytesIO(path) if isinstance(path, bytes) else path
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            name, data = info.filename, zi.read(info)
            low = name.lower()
            if low == main.lower():
                name = "xl/workbook.xml"
            elif low == rels_old:
                name, data = "xl/_rels/workbook.xml.rels", absolute(data)
            elif low == "_rels/.rels":
                data = re.sub(rb'Target="/?' + re.escape(main.encode("utf-8")) + rb'"',
                              b'Target="xl/workbook.xml"', data, flags=re.I)
            elif low == "[content_types].xml":
                data = re.sub(rb'PartName="/?' + re.escape(main.encode("utf-8")) + rb'"',
                              b'PartName="/xl/workbook.xml"', data, flags=re.I)
            zo.writestr(name, data)
    return out.getvalue()


def _pictures(path: Path, insp: Any, archive: Any = None, data: bytes | None = None
              ) -> tuple[list[Any], list[Temuan]]:
    """The Gambar sheet's pictures (none read when the archive has no drawing at all)."""
    scan = next((s for n, s in insp.sheets.items()
                 if norm(n) == norm(schema.GAMBAR.name)), None)
    if scan is None or not insp.has_drawings:
        return [], []
    from lkj_excel.files.pictures import read_pictures

    return read_pictures(path, scan.part, scan.name, data=data, archive=archive)


def check_workbook(path: str | Path) -> Checked:
    """Read, compute and validate an .xlsx file (raises ``WorkbookError`` if unreadable)."""
    return check_read(read_workbook(path))


def _ranges(nums: Sequence[int]) -> str:
    """[3, 4, 5, 9] -> "3-5, 9" (at most 10 pieces)."""
    out: list[str] = []
    for n in sorted(set(nums)):
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)  # type: ignore[assignment]
        else:
            out.append((n, n))  # type: ignore[arg-type]
    text = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in out[:10])  # type: ignore[misc]
    return text + (", ..." if len(out) > 10 else "")


def scan_temuan(data: WorkbookData, insp: Any, merged: Mapping[str, Sequence[Any]],
                  berkas: str = "") -> list[Temuan]:
    """Findings from the pre-scan: hidden sheets/rows/columns, error values, merged cells."""
    out: list[Temuan] = []
    for name, scan in insp.sheets.items():
        sheet = schema.data_sheet(name)
        hr = data.header_rows.get(sheet.name, 0) if sheet else 0
        letters = data.columns.get(sheet.name, {}) if sheet else {}
        cols = {col_index(v): k for k, v in letters.items()}
        if scan.hidden and sheet is not None:
            out.append(new_temuan(
                "baris-tersembunyi", name, "",
                f"Lembar {name} disembunyikan; isinya tetap dibaca. Tampilkan lembar itu "
                "(klik kanan tab > Tampilkan) agar isinya dapat diperiksa.", berkas,
                tingkat=PERINGATAN))
        rows = [r for r in scan.hidden_rows if (r > hr if sheet else True)]
        if rows and (sheet is not None or norm(name) == norm(schema.PROFIL_SHEET)):
            out.append(new_temuan(
                "baris-tersembunyi", name, f"A{rows[0]}",
                f"Baris {_ranges(rows)} di lembar {name} disembunyikan; isinya tetap dibaca "
                "dan dihitung. Tampilkan baris itu (pilih baris, klik kanan > Tampilkan) dan "
                "hapus bila tidak dipakai.", berkas, tingkat=PERINGATAN))
        hcols = sorted({c for lo, hi in scan.hidden_cols for c in range(lo, hi + 1)
                        if c in cols}) if sheet else []
        if hcols:
            labels = ", ".join(f"{col_letter(c)} ({sheet.column(cols[c]).label})"  # type: ignore[union-attr]
                               for c in hcols[:8])
            out.append(new_temuan(
                "baris-tersembunyi", name, f"{col_letter(hcols[0])}{max(hr, 1)}",
                f"Kolom {labels} di lembar {name} disembunyikan; isinya tetap dibaca. "
                "Tampilkan kolom itu (pilih kolom, klik kanan > Tampilkan).", berkas,
                tingkat=PERINGATAN))
        for a1, value in scan.errors.items():
            col, row = split_ref(a1)
            if not col:
                continue
            if sheet is not None:
                key = cols.get(col_index(col))
                if row <= hr or key is None or sheet.column(key).computed:
                    continue  # outside the table, or recomputed by the engine anyway
                what = f"Kolom {sheet.column(key).label}: sel"
            elif norm(name) in (norm(schema.PROFIL_SHEET), norm(schema.PENGATURAN_SHEET)):
                what = "Sel"
            else:
                continue
            out.append(new_temuan(
                "sel-tidak-terbaca", name, a1,
                f"{what} berisi galat Excel {value} sehingga tidak ada nilai yang dapat dibaca. "
                "Perbaiki rumusnya atau ketik nilainya langsung.", berkas))
    for name, ranges in merged.items():
        sheet = schema.data_sheet(name)
        if sheet is None:
            continue
        hr = data.header_rows.get(sheet.name, 0)
        if not hr:
            continue
        for rng in ranges:
            try:
                (r0, c0), (r1, c1) = rng
            except (TypeError, ValueError):
                continue
            if r1 + 1 <= hr:
                continue  # titles above the header may be merged
            a1 = f"{ref(r0, c0)}:{ref(r1, c1)}"
            out.append(new_temuan(
                "sel-gabung", name, ref(r0, c0),
                f"Sel {a1} di lembar {name} digabung (Merge) di area tabel; hanya sel pertama "
                "yang berisi nilai, baris lain terbaca kosong. Pisahkan gabungan sel (Beranda > "
                "Gabungkan & Tengahkan > Pisahkan Sel) lalu isi setiap baris.", berkas,
                tingkat=PERINGATAN))
    return out
