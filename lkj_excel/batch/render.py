"""The batch's side outputs: the Validasi summary as its own .xlsx and as an .html page.

Every text from a workbook is escaped in HTML and written as text (never a formula) in
.xlsx. Both are written atomically.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from lkj_excel.core import __version__, schema
from lkj_excel.core.engine import Checked
from lkj_excel.core.temuan import KESALAHAN

TEMUAN_COLUMNS = ("No", "Tingkat", "Kode", "Berkas", "Lembar", "Sel", "Pesan")
FILE_COLUMNS = ("Berkas", "Status", "Bidang", "Revisi", "Keterangan")


def _judul(p: Checked) -> str:
    prof = p.result.profil
    bits = [str(x) for x in (prof.get("instansi"), prof.get("tahun")) if x]
    return " · ".join(bits) or p.data.source


def _rows_temuan(p: Checked) -> list[list[Any]]:
    return [[n, f.tingkat, f.kode, f.berkas or None, f.lembar or None, f.sel or None, f.pesan]
            for n, f in enumerate(p.temuan, start=1)]


def _rows_berkas(berkas: list[Any]) -> list[list[Any]]:
    from lkj_excel.batch.merge import STATUS_LABEL

    return [[b.berkas, STATUS_LABEL.get(b.status, b.status), b.identitas.get("bidang"),
             b.identitas.get("revisi"), b.pesan] for b in berkas]


def write_validasi_xlsx(p: Checked, berkas: list[Any], out: str | Path) -> Path:
    from openpyxl import Workbook

    from lkj_excel.core.sheets import Block
    from lkj_excel.files.atomic import atomic_write
    from lkj_excel.files.writer import write_blocks

    n_err = sum(1 for f in p.temuan if f.tingkat == KESALAHAN)
    wb = Workbook()
    ws = wb.active
    ws.title = schema.VALIDASI_SHEET
    blocks = [Block(1, 1, [[f"Hasil Validasi — {_judul(p)}"]], "title"),
              Block(2, 1, [[f"{n_err} kesalahan, {len(p.temuan) - n_err} peringatan. Ditulis "
                            f"oleh lkj-excel {__version__}."]]),
              Block(4, 1, [list(TEMUAN_COLUMNS)], "header")]
    rows = _rows_temuan(p)
    if rows:
        blocks.append(Block(5, 1, rows))
    write_blocks(ws, blocks)
    for letter, w in zip("ABCDEFG", (6, 12, 28, 40, 14, 8, 100), strict=True):
        ws.column_dimensions[letter].width = w
    ws.freeze_panes = "A5"
    ws2 = wb.create_sheet("Berkas")
    blocks = [Block(1, 1, [["Berkas yang diterima"]], "title"),
              Block(3, 1, [list(FILE_COLUMNS)], "header")]
    rows = _rows_berkas(berkas)
    if rows:
        blocks.append(Block(4, 1, rows))
    write_blocks(ws2, blocks)
    for letter, w in zip("ABCDE", (50, 18, 45, 8, 100), strict=True):
        ws2.column_dimensions[letter].width = w
    return atomic_write(out, lambda tmp: wb.save(tmp))


_CSS = """
body{font-family:Segoe UI,Arial,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#1F4E78;color:#fff}
tr.kesalahan td:nth-child(2){color:#b00020;font-weight:bold}
tr.peringatan td:nth-child(2){color:#8a5a00}
.ok{color:#1b5e20}
"""


def validasi_html(p: Checked, berkas: list[Any], judul: str | None = None) -> str:
    e = html.escape
    n_err = sum(1 for f in p.temuan if f.tingkat == KESALAHAN)
    title = judul or f"Hasil Validasi — {_judul(p)}"
    out = ["<!DOCTYPE html>", '<html lang="id"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(title)}</h1>"]
    if p.temuan:
        out.append(f"<p>{n_err} kesalahan, {len(p.temuan) - n_err} peringatan.</p>")
    else:
        out.append('<p class="ok">Tidak ada temuan: buku kerja siap dipakai.</p>')
    a = p.result.anggaran
    out.append(f"<p>{len(p.result.indikator)} indikator; anggaran {e(_rp(a.anggaran))}, "
               f"realisasi {e(_rp(a.realisasi))}; {p.result.pegawai.jumlah} pegawai.</p>")
    out.append("<h2>Temuan</h2><table><thead><tr>"
               + "".join(f"<th>{e(c)}</th>" for c in TEMUAN_COLUMNS) + "</tr></thead><tbody>")
    for row, f in zip(_rows_temuan(p), p.temuan, strict=True):
        out.append(f'<tr class="{e(f.tingkat)}">'
                   + "".join(f"<td>{e('' if v is None else str(v))}</td>" for v in row)
                   + "</tr>")
    out.append("</tbody></table>")
    if berkas:
        out.append("<h2>Berkas yang diterima</h2><table><thead><tr>"
                   + "".join(f"<th>{e(c)}</th>" for c in FILE_COLUMNS) + "</tr></thead><tbody>")
        for row in _rows_berkas(berkas):
            out.append("<tr>" + "".join(f"<td>{e('' if v is None else str(v))}</td>"
                                        for v in row) + "</tr>")
        out.append("</tbody></table>")
    out.append(f"<p><small>Ditulis oleh lkj-excel {e(__version__)}.</small></p></body></html>")
    return "\n".join(out)


def _rp(value: Any) -> str:
    from lkj_excel.core.numbers import format_rupiah

    try:
        return format_rupiah(value)
    except Exception:
        return str(value)


def write_validasi_html(p: Checked, berkas: list[Any], out: str | Path) -> Path:
    from lkj_excel.files.atomic import atomic_write_text

    return atomic_write_text(out, validasi_html(p, berkas))
