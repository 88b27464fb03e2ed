"""Build the Word templates of the SAKIP year's other documents:

- ``lkj_excel/templates/pk.docx``: the Perjanjian Kinerja (statement page and annex);
- ``lkj_excel/templates/triwulan.docx``: the Laporan Capaian Kinerja Triwulan.

    .venv/bin/python scripts/buat_templat_dokumen.py [--folder FOLDER]

Like the report's template (``scripts/buat_templat_laporan.py``): ordinary Word documents
with jinja2 tags (rendered by docxtpl, autoescape on; data from ``lkj_excel.report.pk`` and
``lkj_excel.report.triwulan``), named styles only (``LKj Judul``, ``LKj Isi``, ``LKj Tabel``,
``LKj Tabel Kepala``, ``LKj Tanda Tangan``, headings...), tables whose header rows repeat on
every page, so they can be restyled in Word without touching the tags. Tag kinds:
``{{ x }}`` a value; ``{%p ... %}`` a paragraph-level block; ``{%tr ... %}`` a table-row
block. A test (tests/report/test_documents.py) checks the committed files are this
script's output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _gaya_word import base_font, fixed_widths, paragraph_style  # (scripts/, beside this one)

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "lkj_excel" / "templates"


class Builder:
    """A document with the project's named styles and a few helpers."""

    def __init__(self, landscape: bool = False) -> None:
        from docx import Document
        from docx.enum.section import WD_ORIENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        self.doc = doc = Document()
        sec = doc.sections[0]
        sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
        if landscape:
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_height, sec.page_width = sec.page_width, sec.page_height
        sec.left_margin, sec.right_margin = Cm(2.5), Cm(2.0)
        sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
        self.width = (sec.page_width - sec.left_margin - sec.right_margin) / 360000  # cm
        self.styles = styles = doc.styles
        self.Cm, self.Pt = Cm, Pt

        base_font(styles["Normal"], 11)

        def pstyle(name, **measures):  # type: ignore[no-untyped-def]
            return paragraph_style(styles, name, **measures)

        J, C, L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
        R = WD_ALIGN_PARAGRAPH.RIGHT
        pstyle("LKj Judul", size=13, bold=True, align=C, after=2)
        pstyle("LKj Judul Kecil", size=11, bold=True, align=C, after=12)
        pstyle("LKj Isi", align=J, line=1.5, first=1.0, after=6)
        pstyle("LKj Isi Rata", align=J, line=1.5, after=6)
        pstyle("LKj Butir", align=J, line=1.3, left=1.0, first=-0.6, after=3)
        pstyle("LKj Tabel", size=9.5, align=L, after=0, line=1.0)
        pstyle("LKj Tabel Tengah", size=9.5, align=C, after=0, line=1.0)
        pstyle("LKj Tabel Angka", size=9.5, align=R, after=0, line=1.0)
        pstyle("LKj Tabel Kepala", size=9.5, bold=True, align=C, after=0, line=1.0)
        pstyle("LKj Pihak", align=L, after=0, line=1.3)
        pstyle("LKj Tanda Tangan", align=C, after=0, line=1.15, keep_next=True)
        pstyle("LKj Peringatan", size=11, bold=True, align=C, before=6, after=6)
        pstyle("LKj Sumber", size=9, italic=True, align=L, before=2, after=10)
        pstyle("Heading 2", size=12, bold=True, align=L, before=12, after=6, keep_next=True)
        pstyle("Heading 3", size=11, bold=True, align=L, before=8, after=4, keep_next=True)
        for name in ("Heading 2", "Heading 3"):
            styles[name].font.italic = False

    # -- paragraphs --------------------------------------------------------------------
    def p(self, text: str = "", style: str = "LKj Isi", bold: bool = False):  # type: ignore[no-untyped-def]
        para = self.doc.add_paragraph(style=style)
        if text:
            para.add_run(text).bold = bold or None
        return para

    def tag(self, text: str):  # type: ignore[no-untyped-def]
        """A paragraph holding only a block tag (removed when rendered)."""
        return self.doc.add_paragraph(text, style="Normal")

    def h(self, text: str, level: int = 2):  # type: ignore[no-untyped-def]
        return self.doc.add_paragraph(text, style=f"Heading {level}")

    def butir(self, nomor: str, text: str):  # type: ignore[no-untyped-def]
        para = self.doc.add_paragraph(style="LKj Butir")
        para.add_run(nomor)
        para.add_run().add_tab()
        para.add_run(text)
        return para

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)

    # -- tables ------------------------------------------------------------------------
    def _cell(self, cell, text: str, style: str, bold: bool = False):  # type: ignore[no-untyped-def]
        para = cell.paragraphs[0]
        para.style = self.styles[style]
        if text:
            run = para.add_run(text)
            if bold:
                run.bold = True
        return para

    def _row_props(self, row, header: bool = False) -> None:  # type: ignore[no-untyped-def]
        from docx.oxml import OxmlElement

        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if header:
            trpr.append(OxmlElement("w:tblHeader"))

    def _shade(self, cell, fill: str = "D9E2F3") -> None:  # type: ignore[no-untyped-def]
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shd)

    def grid(self, widths: list[float], header: list[str], body: list[list[str]],
             aligns: list[str], bold_last: bool = False):  # type: ignore[no-untyped-def]
        """A grid table: one header row (repeated on each page), then ``body`` rows; a body
        row of one string is a block-tag row (``{%tr ... %}``)."""
        from docx.enum.table import WD_TABLE_ALIGNMENT

        t = self.doc.add_table(rows=0, cols=len(widths))
        t.style = self.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        row = t.add_row()
        self._row_props(row, header=True)
        for i, text in enumerate(header):
            self._cell(row.cells[i], text, "LKj Tabel Kepala")
            self._shade(row.cells[i])
        for n, br in enumerate(body):
            row = t.add_row()
            self._row_props(row)
            if len(br) == 1 and len(widths) > 1:
                self._cell(row.cells[0], br[0], "LKj Tabel")
                continue
            last = bold_last and n == len(body) - 1
            for i, text in enumerate(br):
                self._cell(row.cells[i], text, aligns[i], bold=last)
        fixed_widths(t, widths)
        return t

    def plain(self, widths: list[float], rows: list[list[str]], style: str = "LKj Pihak",
              bold: tuple[tuple[int, int], ...] = ()):  # type: ignore[no-untyped-def]
        """A table without borders (parties, signatures)."""
        t = self.doc.add_table(rows=0, cols=len(widths))
        t.autofit = False
        for r, values in enumerate(rows):
            row = t.add_row()
            self._row_props(row)
            for c, text in enumerate(values):
                para = self._cell(row.cells[c], text, style)
                if (r, c) in bold and para.runs:
                    para.runs[0].bold = True
                    para.runs[0].underline = True
        fixed_widths(t, widths)
        return t

    def save(self, path: Path, title: str) -> Path:
        self.doc.core_properties.title = title
        self.doc.core_properties.author = "lkj-excel"
        self.doc.core_properties.comments = (
            "Templat lkj-excel (docxtpl). Ubah gaya sesuka hati; jangan ubah tanda kurung "
            "kurawal jinja.")
        import datetime as dt

        fixed = dt.datetime(2025, 1, 1)
        self.doc.core_properties.created = fixed
        self.doc.core_properties.modified = fixed
        self.doc.core_properties.revision = 1
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(".tmp-" + path.name)
        self.doc.save(str(tmp))
        tmp.replace(path)
        return path


def signatures(b: Builder) -> None:
    """The two parties' signatures: pihak kedua on the left, pihak pertama on the right."""
    half = b.width / 2
    b.plain([half, half], [
        ["", "{{ tempat_tanggal }}"],
        ["Pihak Kedua,", "Pihak Pertama,"],
        ["{{ kedua.jabatan }}", "{{ pertama.jabatan }}"],
        ["", ""], ["", ""], ["", ""],
        ["{{ kedua.nama }}", "{{ pertama.nama }}"],
        ["", "{{ pertama.pangkat }}"],
        ["", "{% if pertama.nip %}NIP. {{ pertama.nip }}{% endif %}"],
    ], style="LKj Tanda Tangan", bold=((6, 0), (6, 1)))


def build_pk(path: Path) -> Path:
    b = Builder()
    b.p("{{ judul }}", "LKj Judul")
    b.p("{{ instansi_kapital }}", "LKj Judul Kecil")
    b.tag("{%p if kesalahan.ada %}")
    b.p("{{ kesalahan.kalimat }}", "LKj Peringatan")
    b.tag("{%p endif %}")
    b.p("{{ pembuka }}", "LKj Isi Rata")
    w = b.width
    b.plain([2.6, 0.5, w - 3.1], [["Nama", ":", "{{ pertama.nama }}"],
                                  ["Jabatan", ":", "{{ pertama.jabatan }}"]])
    b.p("selanjutnya disebut pihak pertama", "LKj Isi Rata")
    b.plain([2.6, 0.5, w - 3.1], [["Nama", ":", "{{ kedua.nama }}"],
                                  ["Jabatan", ":", "{{ kedua.jabatan }}"]])
    b.p("selaku atasan pihak pertama, selanjutnya disebut pihak kedua.", "LKj Isi Rata")
    b.tag("{%p for t in janji %}")
    b.p("{{ t }}")
    b.tag("{%p endfor %}")
    b.p("", "LKj Isi Rata")
    signatures(b)

    b.page_break()
    b.p("LAMPIRAN PERJANJIAN KINERJA TAHUN {{ tahun }}", "LKj Judul")
    b.p("{{ instansi_kapital }}", "LKj Judul Kecil")
    b.h("Sasaran Strategis, Indikator Kinerja dan Target")
    b.p("Perjanjian kinerja ini memuat {{ jumlah_sasaran }} sasaran strategis dengan "
        "{{ jumlah_indikator }} indikator kinerja:", "LKj Isi Rata")
    b.grid([1.0, 6.2, 6.2, 2.5], ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"], [
        ["{%tr for i in indikator %}"],
        ["{% if i.sasaran_pertama %}{{ i.sasaran_no }}{% endif %}",
         "{% if i.sasaran_pertama %}{{ i.sasaran }}{% endif %}", "{{ i.nama }}",
         "{{ i.target }}"],
        ["{%tr endfor %}"],
    ], ["LKj Tabel Tengah", "LKj Tabel", "LKj Tabel", "LKj Tabel Tengah"])
    b.tag("{%p if triwulan.ada %}")
    b.h("Target Triwulan")
    b.grid([1.0, 5.9, 1.7, 1.7, 1.7, 1.7, 2.2],
           ["No", "Indikator Kinerja", "TW I", "TW II", "TW III", "TW IV", "Tahunan"], [
        ["{%tr for t in triwulan.baris %}"],
        ["{{ t.no }}", "{{ t.nama }}", "{{ t.tw1 }}", "{{ t.tw2 }}", "{{ t.tw3 }}",
         "{{ t.tw4 }}", "{{ t.tahunan }}"],
        ["{%tr endfor %}"],
    ], ["LKj Tabel Tengah", "LKj Tabel"] + ["LKj Tabel Tengah"] * 5)
    b.tag("{%p endif %}")
    b.tag("{%p if ada_program %}")
    b.h("Program dan Anggaran")
    b.grid([1.0, 7.7, 4.0, 3.2], ["No", "Program", "Anggaran", "Keterangan"], [
        ["{%tr for g in program %}"],
        ["{{ g.no }}", "{{ g.nama }}", "{{ g.anggaran }}", "{{ g.keterangan }}"],
        ["{%tr endfor %}"],
        ["", "Jumlah", "{{ jumlah_anggaran }}", ""],
    ], ["LKj Tabel Tengah", "LKj Tabel", "LKj Tabel Angka", "LKj Tabel"], bold_last=True)
    b.tag("{%p endif %}")
    b.p("", "LKj Isi Rata")
    signatures(b)
    return b.save(path, "Perjanjian Kinerja")


def build_triwulan(path: Path) -> Path:
    b = Builder()
    b.p("{{ judul }}", "LKj Judul")
    b.p("{{ instansi_kapital }}", "LKj Judul")
    b.p("Periode {{ periode }}", "LKj Judul Kecil")
    b.tag("{%p if kesalahan.ada %}")
    b.p("{{ kesalahan.kalimat }}", "LKj Peringatan")
    b.tag("{%p endif %}")

    b.h("1. Capaian Kinerja sampai dengan Triwulan {{ triwulan }}")
    b.tag("{%p if ada_indikator %}")
    b.p("Capaian indikator kinerja {{ instansi }} sampai dengan Triwulan {{ triwulan }} Tahun "
        "{{ tahun }}, dihitung dari realisasi kumulatif pada akhir triwulan terhadap target "
        "triwulan, adalah sebagai berikut:")
    b.grid([1.0, 5.0, 1.9, 1.8, 2.0, 1.8, 2.4],
           ["No", "Indikator Kinerja", "Target Tahun {{ tahun }}",
            "Target TW {{ triwulan }}", "Realisasi TW {{ triwulan }}", "Capaian",
            "Predikat"], [
        ["{%tr for i in indikator %}"],
        ["{{ i.no }}", "{{ i.nama }}", "{{ i.target_tahunan }}", "{{ i.target }}",
         "{{ i.realisasi }}", "{{ i.capaian }}", "{{ i.predikat }}"],
        ["{%tr endfor %}"],
    ], ["LKj Tabel Tengah", "LKj Tabel"] + ["LKj Tabel Tengah"] * 5)
    b.tag("{%p else %}")
    b.p("Target dan realisasi triwulan belum diisi pada lembar Triwulan.")
    b.tag("{%p endif %}")

    b.tag("{%p if ada_indikator %}")
    b.h("2. Rincian per Indikator dan Rencana Aksi")
    b.tag("{%p for i in rinci %}")
    b.p("{{ i.no }}. {{ i.nama }}", "Heading 3")
    b.grid([1.9, 1.7, 1.9, 1.8, 5.6, 3.0],
           ["Triwulan", "Target", "Realisasi", "Capaian", "Rencana Aksi", "Keterangan"], [
        ["{%tr for q in i.sampai %}"],
        ["{{ q.triwulan }}", "{{ q.target }}", "{{ q.realisasi }}", "{{ q.capaian }}",
         "{{ q.rencana_aksi_teks }}", "{{ q.keterangan }}"],
        ["{%tr endfor %}"],
    ], ["LKj Tabel Tengah"] * 4 + ["LKj Tabel", "LKj Tabel"])
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")

    b.h("3. Realisasi Anggaran sampai dengan Triwulan {{ triwulan }}")
    b.tag("{%p if anggaran.ada %}")
    b.tag("{%p if anggaran.kalimat %}")
    b.p("{{ anggaran.kalimat }}")
    b.tag("{%p endif %}")
    b.grid([1.0, 5.7, 3.8, 3.8, 1.6],
           ["No", "Program", "Anggaran", "Realisasi s.d. TW {{ triwulan }}", "Serapan"], [
        ["{%tr for g in anggaran.program %}"],
        ["{{ g.no }}", "{{ g.nama }}", "{{ g.anggaran }}", "{{ g.realisasi }}",
         "{{ g.serapan }}"],
        ["{%tr endfor %}"],
        ["", "Jumlah", "{{ anggaran.anggaran }}", "{{ anggaran.realisasi }}",
         "{{ anggaran.serapan }}"],
    ], ["LKj Tabel Tengah", "LKj Tabel", "LKj Tabel Angka", "LKj Tabel Angka",
        "LKj Tabel Tengah"], bold_last=True)
    b.tag("{%p else %}")
    b.p("Realisasi anggaran per triwulan belum diisi pada lembar Anggaran Triwulan.")
    b.tag("{%p endif %}")

    b.h("4. Hal yang Masih Tertinggal")
    b.p("{{ tertinggal_umum }}")
    b.tag("{%p for t in tertinggal %}")
    b.butir("{{ loop.index }}.", "{{ t }}")
    b.tag("{%p endfor %}")

    b.p("", "LKj Isi Rata")
    half = b.width / 2
    b.plain([half, half], [
        ["", "{{ ttd.tempat_tanggal }}"],
        ["", "{{ ttd.jabatan }},"],
        ["", ""], ["", ""], ["", ""],
        ["", "{{ ttd.nama }}"],
        ["", "{{ ttd.pangkat }}"],
        ["", "{% if ttd.nip %}NIP. {{ ttd.nip }}{% endif %}"],
    ], style="LKj Tanda Tangan", bold=((5, 1),))
    return b.save(path, "Laporan Capaian Kinerja Triwulan")


BUILDERS = {"pk.docx": build_pk, "triwulan.docx": build_triwulan}


def build_all(folder: Path) -> list[Path]:
    return [make(folder / name) for name, make in BUILDERS.items()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Buat templat Word Perjanjian Kinerja dan Laporan Capaian Kinerja "
                    "Triwulan (docxtpl).")
    ap.add_argument("--folder", type=Path, default=FOLDER,
                    help="folder tujuan (bawaan: lkj_excel/templates)")
    args = ap.parse_args(argv)
    for path in build_all(args.folder):
        print(f"Ditulis: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
