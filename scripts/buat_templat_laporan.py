"""Build the Word template of the report: ``lkj_excel/templates/laporan.docx``.

    .venv/bin/python scripts/buat_templat_laporan.py [--keluar BERKAS]

The template is an ordinary Word document with jinja2 tags (rendered by docxtpl with
autoescape on; data from ``lkj_excel.report.context.build_context``). It uses named styles
only (``LKj Isi``, ``LKj Butir``, ``LKj Judul Tabel``, ``LKj Sumber``, ``LKj Tabel``,
``LKj Tabel Kepala``, ``LKj Sampul``, headings 1-3, ``Caption``), a letterhead in the
header and page numbers in the footer, a table of contents field and tables whose header
rows repeat on every page, so the secretariat can restyle it in Word without touching the
tags. Order of the content: PermenPAN-RB 53/2014, as the seed report.

Tag kinds (docxtpl): ``{{ x }}`` a value; ``{%p ... %}`` a paragraph-level block (the
paragraph holding it disappears); ``{%tr ... %}`` a table-row block.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from _gaya_word import base_font, fixed_widths, paragraph_style  # (scripts/, beside this one)

# the document's language (as the renderer sets it) and the template's core property
# ``category`` (what ``lkj laporan --templat`` recognises)
from lkj_excel.report.finish import BAHASA
from lkj_excel.report.render import TEMPLATE_CATEGORY

ROOT = Path(__file__).resolve().parents[1]
TUJUAN = ROOT / "lkj_excel" / "templates" / "laporan.docx"

LEBAR = 16.0  # cm of text width (A4, margins 3 left / 2 right)


def _build(path: Path) -> Path:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.0)
    sec.different_first_page_header_footer = True
    _ = WD_SECTION

    styles = doc.styles

    base_font(styles["Normal"], 11)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    # the document's language: Word spell-checks Indonesian (w:lang in the defaults and
    # the theme's, as the renderer sets them)
    from lkj_excel.report.finish import set_language

    set_language(doc, BAHASA)
    doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang")).set(qn("w:bidi"), "ar-SA")

    def pstyle(name, **measures):  # type: ignore[no-untyped-def]
        return paragraph_style(styles, name, **measures)

    J, C, L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    pstyle("LKj Isi", align=J, line=1.5, first=1.0, after=6)
    pstyle("LKj Isi Rata", align=J, line=1.5, after=6)
    pstyle("LKj Butir", align=J, line=1.5, left=1.0, first=-0.6, after=3)
    pstyle("LKj Butir 2", align=J, line=1.5, left=1.6, first=-0.6, after=3)
    pstyle("LKj Rumus", align=C, line=1.3, before=4, after=4, italic=True)
    pstyle("LKj Judul Tabel", size=10, bold=True, align=C, before=8, after=4, keep_next=True)
    pstyle("LKj Sumber", size=9, italic=True, align=L, before=2, after=10)
    pstyle("LKj Tabel", size=9.5, align=L, after=0, line=1.0)
    pstyle("LKj Tabel Angka", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0, line=1.0)
    pstyle("LKj Tabel Angka Kecil", size=8, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0, line=1.0)
    pstyle("LKj Tabel Tengah", size=9.5, align=C, after=0, line=1.0)
    pstyle("LKj Tabel Kepala", size=9.5, bold=True, align=C, after=0, line=1.0)
    pstyle("LKj Sampul", size=16, bold=True, align=C, before=6, after=6)
    pstyle("LKj Sampul Kecil", size=12, bold=True, align=C, before=6, after=6)
    pstyle("LKj Peringatan", size=11, bold=True, align=C, before=18, after=6)
    pstyle("LKj Judul", size=14, bold=True, align=C, before=0, after=12)
    pstyle("LKj Kop", size=13, bold=True, align=C, before=0, after=0, line=1.0)
    pstyle("LKj Kop Alamat", size=9.5, align=C, before=2, after=18, line=1.0)
    # a signature block stays on one page: each line keeps with the next (not the last)
    pstyle("LKj Tanda Tangan", size=11, align=L, left=8.5, after=0, line=1.15,
           keep_next=True)
    pstyle("LKj Gambar", align=C, after=2, keep_next=True)
    pstyle("Caption", size=10, bold=True, align=C, before=2, after=10)
    pstyle("Header", size=9, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    pstyle("Footer", size=9, align=C, after=0)
    for name, size, align, before in (("Heading 1", 14, C, 0), ("Heading 2", 12, L, 12),
                                      ("Heading 3", 11, L, 8)):
        st = pstyle(name, size=size, bold=True, align=align, before=before, after=8,
                    keep_next=True)
        st.font.italic = False
    styles["Heading 1"].paragraph_format.page_break_before = True
    for i in (1, 2, 3):
        tst = styles[f"TOC {i}"] if f"TOC {i}" in [s.name for s in styles] else None
        if tst is None:
            tst = styles.add_style(f"TOC {i}", WD_STYLE_TYPE.PARAGRAPH)
            tst.base_style = styles["Normal"]
        tst.paragraph_format.left_indent = Cm(0.6 * (i - 1))
        tst.paragraph_format.space_after = Pt(2)

    # -- helpers -----------------------------------------------------------------------
    def p(text: str = "", style: str = "LKj Isi"):  # type: ignore[no-untyped-def]
        para = doc.add_paragraph(style=style)
        if text:
            para.add_run(text)
        return para

    def signature(obj: str, nama: str = "nama", blanks: int = 4, pangkat: bool = True) -> None:
        """A signature block of ``obj`` (``ttd``, ``reviu``): place and date, position,
        ``blanks`` empty lines to sign on, the name (bold, underlined), the rank when
        ``pangkat``, the NIP (the block's last line: it keeps with nothing)."""
        p("", "LKj Tanda Tangan")
        p(f"{{{{ {obj}.tempat_tanggal }}}}", "LKj Tanda Tangan")
        p(f"{{{{ {obj}.jabatan }}}},", "LKj Tanda Tangan")
        for _ in range(blanks):
            p("", "LKj Tanda Tangan")
        sig = p(f"{{{{ {obj}.{nama} }}}}", "LKj Tanda Tangan")
        sig.runs[0].bold = True
        sig.runs[0].underline = True
        if pangkat:
            p(f"{{{{ {obj}.pangkat }}}}", "LKj Tanda Tangan")
        p(f"NIP. {{{{ {obj}.nip }}}}", "LKj Tanda Tangan").paragraph_format.keep_with_next = False

    def tag(text: str):  # type: ignore[no-untyped-def]
        """A paragraph holding only a block tag (removed when rendered)."""
        return doc.add_paragraph(text, style="Normal")

    def butir(nomor: str, text: str, style: str = "LKj Butir"):  # type: ignore[no-untyped-def]
        para = doc.add_paragraph(style=style)
        para.add_run(nomor)
        para.add_run().add_tab()
        para.add_run(text)
        return para

    def h(text: str, level: int):  # type: ignore[no-untyped-def]
        return doc.add_paragraph(text, style=f"Heading {level}")

    def field(para, instr: str, placeholder: str = ""):  # type: ignore[no-untyped-def]
        def fld(kind: str):  # type: ignore[no-untyped-def]
            r = OxmlElement("w:r")
            f = OxmlElement("w:fldChar")
            f.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                f.set(qn("w:dirty"), "true")
            r.append(f)
            return r

        para._p.append(fld("begin"))
        r = OxmlElement("w:r")
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instr} "
        r.append(it)
        para._p.append(r)
        para._p.append(fld("separate"))
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = placeholder
        r.append(t)
        para._p.append(r)
        para._p.append(fld("end"))

    def set_cell(cell, text: str, style: str = "LKj Tabel"):  # type: ignore[no-untyped-def]
        para = cell.paragraphs[0]
        para.style = styles[style]
        if text:
            para.add_run(text)
        return para

    def shade(cell, fill: str = "D9E2F3"):  # type: ignore[no-untyped-def]
        tcpr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tcpr.append(shd)

    def row_props(row, header: bool = False):  # type: ignore[no-untyped-def]
        trpr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:cantSplit")
        trpr.append(el)
        if header:
            el = OxmlElement("w:tblHeader")
            trpr.append(el)

    def table(widths: list[float], header: list[list[str]], body: list[list[str]],
              aligns: list[str] | None = None, merges: list[tuple] | None = None):  # type: ignore[no-untyped-def]
        """A grid table: ``header`` rows (repeated on each page), then ``body`` rows.

        A body row of one string is a block-tag row (``{%tr ... %}``). ``aligns`` gives the
        paragraph style per column for body cells. ``merges``: (row, col, row2, col2).
        """
        ncols = len(widths)
        widths = fit_widths(widths, header)
        t = doc.add_table(rows=0, cols=ncols)
        t.style = styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for hr in header:
            row = t.add_row()
            row_props(row, header=True)
            for i, text in enumerate(hr):
                set_cell(row.cells[i], text, "LKj Tabel Kepala")
                shade(row.cells[i])
        for br in body:
            row = t.add_row()
            row_props(row)
            if len(br) == 1 and ncols > 1:
                set_cell(row.cells[0], br[0])
                continue
            for i, text in enumerate(br):
                st = aligns[i] if aligns else "LKj Tabel"
                set_cell(row.cells[i], text, st)
        fixed_widths(t, widths)  # the grid: what LibreOffice lays out by
        for r0, c0, r1, c1 in merges or []:
            a, b = t.cell(r0, c0), t.cell(r1, c1)
            keep = a.text
            m = a.merge(b)
            # merging concatenates paragraphs: keep one
            for extra in m.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            if m.paragraphs and m.paragraphs[0].text != keep:
                pass
        return t

    def judul_tabel(nomor: str, judul: str):  # type: ignore[no-untyped-def]
        return p(f"{nomor}\n{judul}", "LKj Judul Tabel")

    def sumber(text: str = "Sumber: data {{ singkatan }} (lembar kerja LKj {{ tahun }})"):  # type: ignore[no-untyped-def]
        return p(text, "LKj Sumber")

    def page_break():  # type: ignore[no-untyped-def]
        doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)

    # -- header / footer ---------------------------------------------------------------
    hp = sec.header.paragraphs[0]
    hp.style = styles["Header"]
    hp.add_run("Laporan Kinerja {{ instansi }} Tahun {{ tahun }}")
    ppr = hp._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)
    fp = sec.footer.paragraphs[0]
    fp.style = styles["Footer"]
    fp.add_run("Halaman ")
    field(fp, "PAGE", "1")

    # -- cover -------------------------------------------------------------------------
    for _ in range(2):
        p("", "LKj Sampul")
    p("{{ pemerintah }}", "LKj Sampul Kecil")
    p("", "LKj Sampul")
    tag("{%p if gambar.kop %}")
    p("{{ gambar.kop.img }}", "LKj Sampul")
    tag("{%p endif %}")
    p("", "LKj Sampul")
    p("LAPORAN KINERJA", "LKj Sampul")
    p("TAHUN {{ tahun }}", "LKj Sampul")
    for _ in range(4):
        p("", "LKj Sampul")
    p("{{ instansi_kapital }}", "LKj Sampul")
    tag("{%p if kesalahan.ada %}")
    p("{{ kesalahan.kalimat }}", "LKj Peringatan")
    tag("{%p endif %}")

    # -- Kata Pengantar ----------------------------------------------------------------
    h("KATA PENGANTAR", 1)
    tag("{%p for t in kata_pengantar %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    signature("ttd", blanks=3, pangkat=False)

    # -- table of contents (filled from the headings when the report is rendered) -------
    page_break()
    p("DAFTAR ISI", "LKj Judul")
    field(doc.add_paragraph(style="Normal"), 'TOC \\o "1-3" \\h \\z \\u',
          "Daftar isi diisi saat laporan disusun.")

    # -- Ikhtisar Eksekutif (from Narasi, or from the year's figures) ------------------
    h("IKHTISAR EKSEKUTIF", 1)
    tag("{%p for t in ikhtisar.paragraf %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p for t in ikhtisar.sasaran %}")
    butir("{{ loop.index }}.", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p for t in ikhtisar.penutup %}")
    p("{{ t }}")
    tag("{%p endfor %}")

    # -- BAB I -------------------------------------------------------------------------
    h("BAB I\nPENDAHULUAN", 1)
    h("1.1 Latar Belakang", 2)
    tag("{%p for t in narasi.latar_belakang %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if not narasi.latar_belakang %}")
    p("Laporan Kinerja {{ instansi }} Tahun {{ tahun }} merupakan wujud pertanggungjawaban "
      "atas pelaksanaan tugas pokok dan fungsi serta pencapaian sasaran strategis yang "
      "ditetapkan dalam Perjanjian Kinerja Tahun {{ tahun }}, sebagaimana diamanatkan "
      "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
      "Pemerintah.")
    tag("{%p endif %}")

    h("1.2 Dasar Hukum", 2)
    tag("{%p if narasi.dasar_hukum %}")
    p("Penyusunan Laporan Kinerja {{ instansi }} Tahun {{ tahun }} mengacu pada peraturan "
      "perundang-undangan sebagai berikut:", "LKj Isi")
    tag("{%p for t in narasi.dasar_hukum %}")
    butir("{{ loop.index }}.", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p else %}")
    p("Penyusunan Laporan Kinerja ini mengacu pada Peraturan Presiden Nomor 29 Tahun 2014 "
      "tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri "
      "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014.")
    tag("{%p endif %}")

    h("1.3 Struktur Organisasi", 2)
    tag("{%p for t in narasi.struktur_organisasi %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p for g in gambar.struktur %}")
    p("{{ g.img }}", "LKj Gambar")
    p("{{ g.nomor }} {{ g.judul }}", "Caption")
    tag("{%p endfor %}")
    tag("{%p if not narasi.struktur_organisasi and not gambar.struktur %}")
    p("Bagan struktur organisasi belum dilampirkan (lembar Gambar, Bagian Struktur "
      "Organisasi).")
    tag("{%p endif %}")

    h("1.4 Tugas Pokok dan Fungsi", 2)
    tag("{%p if narasi.tugas_pokok %}")
    p("{{ instansi }} memiliki tugas pokok:")
    tag("{%p for t in narasi.tugas_pokok %}")
    p("\u201c{{ t }}\u201d", "LKj Rumus")
    tag("{%p endfor %}")
    tag("{%p endif %}")
    tag("{%p if narasi.fungsi %}")
    p("Dalam melaksanakan tugas pokok tersebut, {{ instansi }} mempunyai fungsi:",
      "LKj Isi")
    tag("{%p for t in narasi.fungsi %}")
    butir("{{ loop.index }}.", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p endif %}")
    tag("{%p if not narasi.tugas_pokok and not narasi.fungsi %}")
    p("Uraian tugas pokok dan fungsi belum diisi pada lembar Narasi.")
    tag("{%p endif %}")

    h("1.5 Keadaan Pegawai", 2)
    tag("{%p if pegawai.ada %}")
    p("{{ pegawai.kalimat }}")
    tag("{%p for tb in pegawai.tabel %}")
    judul_tabel("{{ tb.nomor }}", "{{ tb.judul }}")
    table([1.2, 9.0, 3.5], [["No", "{{ tb.kolom }}", "Jumlah"]], [
        ["{%tr for b in tb.baris %}"],
        ["{{ b.no }}", "{{ b.uraian }}", "{{ b.jumlah }}"],
        ["{%tr endfor %}"],
        ["", "Jumlah", "{{ tb.total }}"],
    ], aligns=["LKj Tabel Tengah", "LKj Tabel", "LKj Tabel Angka"])
    tag("{%p if pegawai.sumber %}")
    p("{{ pegawai.sumber }}", "LKj Sumber")
    tag("{%p else %}")
    sumber()
    tag("{%p endif %}")
    tag("{%p endfor %}")
    tag("{%p else %}")
    p("Data keadaan pegawai belum diisi pada lembar Pegawai.")
    tag("{%p endif %}")

    h("1.6 Aspek Strategis Organisasi dan Permasalahan Utama", 2)
    tag("{%p for t in narasi.aspek_strategis %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if not narasi.aspek_strategis %}")
    p("Uraian aspek strategis organisasi belum diisi pada lembar Narasi.")
    tag("{%p endif %}")

    h("1.7 Sistematika Penyajian", 2)
    p("Sistematika penyajian Laporan Kinerja adalah sebagai berikut:", "LKj Isi")
    for no, teks in (
        ("Bab I", "Pendahuluan: penjelasan umum organisasi, dengan penekanan kepada aspek "
                  "strategis organisasi serta permasalahan utama yang sedang dihadapi."),
        ("Bab II", "Perencanaan Kinerja: ringkasan Perjanjian Kinerja tahun {{ tahun }} serta "
                   "rencana program, kegiatan dan anggaran."),
        ("Bab III", "Akuntabilitas Kinerja: capaian kinerja organisasi dan analisisnya, "
                    "serta realisasi anggaran."),
        ("Bab IV", "Penutup: kesimpulan dan strategi peningkatan kinerja."),
        ("Lampiran", "Perjanjian Kinerja tahun {{ tahun }} dan dokumentasi kegiatan."),
    ):
        butir(no, teks, "LKj Butir 2")

    # -- BAB II ------------------------------------------------------------------------
    h("BAB II\nPERENCANAAN KINERJA", 1)
    tag("{%p for t in bab2.perencanaan %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    h("2.1 Perjanjian Kinerja Tahun {{ tahun }}", 2)
    tag("{%p for t in bab2.perjanjian %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if ada_indikator %}")
    judul_tabel("{{ tabel_pk }}", "Perjanjian Kinerja {{ instansi }} Tahun {{ tahun }}")
    table([1.0, 6.0, 6.5, 2.5], [["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]], [
        ["{%tr for i in indikator %}"],
        ["{% if i.sasaran_pertama %}{{ i.sasaran_no }}{% endif %}",
         "{% if i.sasaran_pertama %}{{ i.sasaran }}{% endif %}", "{{ i.nama }}",
         "{{ i.target }}"],
        ["{%tr endfor %}"],
    ], aligns=["LKj Tabel Tengah", "LKj Tabel", "LKj Tabel", "LKj Tabel Tengah"])
    sumber()
    tag("{%p endif %}")

    h("2.2 Rencana Program, Kegiatan dan Anggaran Tahun {{ tahun }}", 2)
    tag("{%p if anggaran.ada %}")
    p("Untuk mencapai sasaran strategis yang telah ditetapkan, {{ instansi }} menyusun "
      "program dan kegiatan beserta anggarannya pada tahun {{ tahun }} sebagai berikut:")
    tag("{%p for pr in anggaran.program %}")
    butir("{{ pr.no }})", "{{ pr.kalimat }}")
    tag("{%p for k in pr.kegiatan %}")
    butir("{{ k.huruf }}.", "{{ k.nama }} dengan anggaran sebesar {{ k.anggaran }}",
          "LKj Butir 2")
    tag("{%p endfor %}")
    tag("{%p endfor %}")
    tag("{%p else %}")
    p("Data program, kegiatan dan anggaran belum diisi pada lembar Anggaran.")
    tag("{%p endif %}")

    # -- BAB III -----------------------------------------------------------------------
    h("BAB III\nAKUNTABILITAS KINERJA", 1)
    h("3.1 Capaian Kinerja Organisasi", 2)
    tag("{%p if cascading.bersama %}")
    p("Sasaran strategis {{ instansi }} mendukung RPJMD {{ pemda }} pada:", "LKj Isi")
    tag("{%p for t in cascading.bersama %}")
    butir("\u2022", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p endif %}")
    tag("{%p if ada_indikator %}")
    p("Dalam rangka mewujudkan tujuan dan sasaran strategisnya, {{ instansi }} pada tahun "
      "{{ tahun }} memiliki {{ jumlah_indikator }} Indikator Kinerja Utama dengan capaian "
      "sebagai berikut:")
    judul_tabel("{{ tabel_iku }}", "Capaian Indikator Kinerja Utama {{ instansi }} Tahun "
                "{{ tahun }}")
    table([1.0, 6.2, 1.5, 1.7, 1.8, 1.8, 2.0],
          [["No", "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi", "Capaian",
            "Predikat"]], [
        ["{%tr for s in sasaran %}"],
        ["{{ s.no }}", "Sasaran Strategis {{ s.romawi }}: {{ s.nama }}", "", "", "", "", ""],
        ["{%tr for i in s.indikator %}"],
        ["", "{{ i.nama }}", "{{ i.satuan }}", "{{ i.target }}", "{{ i.realisasi }}",
         "{{ i.capaian }}", "{{ i.predikat_teks }}"],
        ["{%tr endfor %}"],
        ["{%tr endfor %}"],
    ], aligns=["LKj Tabel Tengah", "LKj Tabel"] + ["LKj Tabel Tengah"] * 5,
        merges=[(2, 1, 2, 6)])
    sumber()
    tag("{%p if gambar_capaian_nomor %}")  # the chart (indicators in %) and its caption
    p("{{ gambar_capaian }}", "LKj Gambar")
    p("{{ gambar_capaian_nomor }} Target dan Realisasi Indikator Kinerja Tahun {{ tahun }}",
      "Caption")
    tag("{%p endif %}")
    tag("{%p endif %}")

    h("a. Capaian per Sasaran Strategis", 3)
    tag("{%p for s in sasaran %}")
    p("Sasaran Strategis {{ s.romawi }}: {{ s.nama }}", "LKj Isi Rata").runs[0].bold = True
    tag("{%p for t in s.rpjmd %}")
    p("{{ t }}", "LKj Isi Rata")
    tag("{%p endfor %}")
    tag("{%p for i in s.indikator %}")
    p("Indikator: {{ i.nama }}", "LKj Isi Rata").runs[0].italic = True
    tag("{%p for t in i.alasan %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if i.ada_rumus %}")
    p("Rumus yang digunakan untuk mengukur indikator ini adalah:", "LKj Isi")
    p("({{ i.uraian_pembilang }} / {{ i.uraian_penyebut }}){{ i.rumus_kali }}", "LKj Rumus")
    tag("{%p endif %}")
    tag("{%p if i.perhitungan %}")
    p("Perhitungan realisasi tahun {{ tahun }}:", "LKj Isi")
    p("{{ i.perhitungan }}", "LKj Rumus").runs[0].bold = True
    tag("{%p endif %}")
    p("{{ i.kalimat_capaian }}")
    judul_tabel("{{ i.tabel }}", "Capaian Kinerja Sasaran Strategis {{ s.romawi }}")
    table([6.0, 1.6, 1.9, 2.0, 1.9, 2.6],
          [["Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Predikat"]],
          [["{{ i.nama }}", "{{ i.satuan }}", "{{ i.target }}", "{{ i.realisasi }}",
            "{{ i.capaian }}", "{{ i.predikat_teks }}"]],
          aligns=["LKj Tabel"] + ["LKj Tabel Tengah"] * 5)
    sumber()
    tag("{%p if i.kejadian %}")
    p("{{ i.kalimat_kejadian }}")
    tag("{%p for g in i.kejadian_kelompok %}")
    tag("{%p if g.kalimat %}")
    p("{{ g.kalimat }}", "LKj Isi Rata").runs[0].italic = True
    tag("{%p endif %}")
    tag("{%p for t in g.butir %}")
    butir("\u2022", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p endfor %}")
    tag("{%p endif %}")
    tag("{%p for t in i.analisis %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p endfor %}")
    tag("{%p endfor %}")

    h("b. Perbandingan Realisasi Kinerja dengan Tahun Sebelumnya", 3)
    tag("{%p if riwayat.ada %}")
    p("Realisasi kinerja tahun {{ tahun }} dibandingkan dengan dua tahun sebelumnya "
      "disajikan pada tabel berikut:")
    judul_tabel("{{ riwayat.nomor }}", "Perbandingan Realisasi Kinerja Tahun "
                "{{ riwayat.th2 }}, {{ riwayat.th1 }} dan {{ tahun }}")
    table([8.2, 2.6, 2.6, 2.6],
          [["Indikator Sasaran", "Realisasi", "", ""],
           ["", "Tahun {{ riwayat.th2 }}", "Tahun {{ riwayat.th1 }}", "Tahun {{ tahun }}"]],
          [["{%tr for b in riwayat.baris %}"],
           ["{{ b.indikator }}", "{{ b.th2 }}", "{{ b.th1 }}", "{{ b.kini }}"],
           ["{%tr endfor %}"]],
          aligns=["LKj Tabel"] + ["LKj Tabel Tengah"] * 3,
          merges=[(0, 0, 1, 0), (0, 1, 0, 3)])
    sumber()
    tag("{%p for t in riwayat.kalimat %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p else %}")
    p("Data realisasi tahun-tahun sebelumnya belum tersedia (lembar Riwayat kosong), sehingga "
      "perbandingan antartahun belum dapat disajikan.")
    tag("{%p endif %}")

    h("c. Perbandingan Realisasi Kinerja dengan Target Renstra", 3)
    tag("{%p if renstra.tahunan %}")
    judul_tabel("{{ renstra.nomor }}", "Perbandingan Realisasi Kinerja Tahun {{ tahun }} "
                "dengan Target Renstra")
    table([5.2, 2.2, 2.3, 2.1, 2.2, 2.0],
          [["Indikator Sasaran", "Realisasi {{ tahun }}", "Target Renstra {{ tahun }}",
            "Capaian", "Target Akhir Renstra", "Capaian terhadap Akhir"]],
          [["{%tr for b in renstra.baris %}"],
           ["{{ b.indikator }}", "{{ b.realisasi }}", "{{ b.target_tahun }}",
            "{{ b.capaian_tahun }}", "{{ b.target }}", "{{ b.capaian }}"],
           ["{%tr endfor %}"]],
          aligns=["LKj Tabel"] + ["LKj Tabel Tengah"] * 5)
    sumber()
    tag("{%p elif renstra.ada %}")
    judul_tabel("{{ renstra.nomor }}", "Perbandingan Realisasi Kinerja Tahun {{ tahun }} "
                "dengan Target Akhir Renstra")
    table([7.6, 2.8, 2.8, 2.8],
          [["Indikator Sasaran", "Realisasi {{ tahun }}", "Target Akhir Renstra",
            "Capaian terhadap Renstra"]],
          [["{%tr for b in renstra.baris %}"],
           ["{{ b.indikator }}", "{{ b.realisasi }}", "{{ b.target }}", "{{ b.capaian }}"],
           ["{%tr endfor %}"]],
          aligns=["LKj Tabel"] + ["LKj Tabel Tengah"] * 3)
    sumber()
    tag("{%p else %}")
    p("Target Renstra belum diisi (lembar IKU dan Target Renstra), sehingga perbandingan "
      "dengan target jangka menengah belum dapat disajikan.")
    tag("{%p endif %}")

    h("d. Perbandingan Realisasi Kinerja dengan Standar Nasional", 3)
    tag("{%p if standar.ada %}")
    judul_tabel("{{ standar.nomor }}", "Perbandingan Realisasi Kinerja dengan Standar "
                "Nasional")
    table([9.0, 3.5, 3.5], [["Indikator Sasaran", "Realisasi {{ tahun }}",
                             "Standar Nasional"]],
          [["{%tr for b in standar.baris %}"],
           ["{{ b.indikator }}", "{{ b.realisasi }}", "{{ b.standar }}"],
           ["{%tr endfor %}"]],
          aligns=["LKj Tabel", "LKj Tabel Tengah", "LKj Tabel Tengah"])
    sumber()
    tag("{%p endif %}")
    tag("{%p for t in standar.catatan %}")
    p("{{ t }}")
    tag("{%p endfor %}")

    h("e. Perbandingan Realisasi Kinerja dengan Daerah Lain", 3)
    tag("{%p if pembanding.ada %}")
    judul_tabel("{{ pembanding.nomor }}", "Perbandingan Realisasi Kinerja dengan "
                "Kabupaten/Kota/Provinsi Lain")
    table([7.0, 2.6, 3.8, 2.6], [["Indikator Kinerja", "Realisasi {{ tahun }}", "Pembanding",
                                  "Realisasi Pembanding"]],
          [["{%tr for b in pembanding.baris %}"],
           ["{{ b.indikator }}", "{{ b.realisasi }}", "{{ b.pembanding }}", "{{ b.nilai }}"],
           ["{%tr endfor %}"]],
          aligns=["LKj Tabel", "LKj Tabel Tengah", "LKj Tabel", "LKj Tabel Tengah"])
    sumber()
    tag("{%p elif pembanding.kosong %}")
    p("{{ pembanding.kosong }}")
    tag("{%p else %}")
    p("Data pembanding dari daerah lain belum tersedia, sehingga perbandingan dengan "
      "kabupaten/kota/provinsi lain belum dapat disajikan.")
    tag("{%p endif %}")
    tag("{%p for t in pembanding.catatan %}")
    p("{{ t }}")
    tag("{%p endfor %}")

    h("3.2 Analisis Peningkatan dan Penurunan Kinerja", 2)
    p("{{ analisis.umum }}")
    tag("{%p for t in analisis.turun %}")
    butir("\u2022", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p for t in analisis.naik %}")
    butir("\u2022", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if upaya %}")
    p("Upaya yang telah dilakukan dalam mencapai sasaran antara lain:", "LKj Isi")
    tag("{%p for t in upaya %}")
    butir("{{ loop.index }}.", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p endif %}")
    tag("{%p if hambatan %}")
    p("Hambatan dalam pencapaian kinerja:", "LKj Isi")
    tag("{%p for t in hambatan %}")
    butir("{{ loop.index }}.", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p endif %}")
    tag("{%p if rencana %}")
    p("Rencana tindak lanjut:", "LKj Isi")
    tag("{%p for t in rencana %}")
    butir("{{ loop.index }}.", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p endif %}")

    h("3.3 Analisis Efisiensi Penggunaan Sumber Daya", 2)
    tag("{%p for t in efisiensi.kalimat %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p for t in efisiensi.program %}")
    butir("\u2022", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if efisiensi.terendah %}")
    p("{{ efisiensi.terendah }}")
    tag("{%p endif %}")
    tag("{%p for t in efisiensi.alasan %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if lra.ada %}")
    p("Realisasi belanja menurut Laporan Realisasi Anggaran disajikan pada tabel berikut:")
    judul_tabel("{{ lra.nomor }}", "Laporan Realisasi Anggaran {{ instansi }} Tahun "
                "Anggaran {{ tahun }}")
    table([1.5, 4.1, 3.0, 3.0, 1.3, 3.0],
          [["Kode Rek.", "Uraian", "Anggaran (Rp)", "Realisasi {{ tahun }} (Rp)", "%",
            "Realisasi {{ lra.tahun_lalu }} (Rp)"]],
          [["{%tr for b in lra.baris %}"],
           ["{{ b.kode }}", "", "{{ b.anggaran }}", "{{ b.realisasi }}", "{{ b.serapan }}",
            "{{ b.lalu }}"],
           ["{%tr endfor %}"]],
          aligns=["LKj Tabel", "LKj Tabel", "LKj Tabel Angka Kecil", "LKj Tabel Angka Kecil",
                  "LKj Tabel Angka Kecil", "LKj Tabel Angka Kecil"])
    sumber()
    tag("{%p endif %}")

    h("3.4 Realisasi Anggaran per Program", 2)
    tag("{%p if anggaran.ada %}")
    judul_tabel("{{ anggaran.nomor_tabel }}", "Realisasi Anggaran Program sesuai Dokumen "
                "Perjanjian Kinerja Tahun Anggaran {{ tahun }}")
    table([4.6, 3.9, 3.9, 1.8, 1.8],
          [["Program", "Anggaran", "Realisasi", "Serapan (%)", "Sisa Anggaran (%)"]],
          [["{%tr for pr in anggaran.program %}"],
           ["{{ pr.nama }}", "{{ pr.anggaran }}", "{{ pr.realisasi }}", "{{ pr.serapan }}",
            "{{ pr.efisiensi_persen }}"],
           ["{%tr endfor %}"],
           ["Jumlah", "{{ anggaran.pagu|rupiah }}", "{{ anggaran.realisasi|rupiah }}",
            "{{ anggaran.serapan }}", "{{ anggaran.efisiensi_persen }}"]],
          aligns=["LKj Tabel", "LKj Tabel Angka", "LKj Tabel Angka", "LKj Tabel Tengah",
                  "LKj Tabel Tengah"])
    sumber()
    p("{{ gambar_anggaran }}", "LKj Gambar")
    p("{{ anggaran.nomor_gambar }} Anggaran dan Realisasi per Program Tahun {{ tahun }}",
      "Caption")
    tag("{%p else %}")
    p("Data anggaran program belum diisi pada lembar Anggaran.")
    tag("{%p endif %}")

    # -- BAB IV ------------------------------------------------------------------------
    h("BAB IV\nPENUTUP", 1)
    h("4.1 Kesimpulan", 2)
    p("Hasil pengukuran kinerja pada Bab III menunjukkan tingkat pencapaian "
      "{{ jumlah_sasaran }} sasaran strategis {{ instansi }} pada tahun {{ tahun }} yang "
      "diukur melalui {{ jumlah_indikator }} indikator kinerja. Secara ringkas pencapaian "
      "sasaran strategis sebagai berikut:")
    tag("{%p if kesimpulan_umum %}")
    p("{{ kesimpulan_umum }}")
    tag("{%p endif %}")
    tag("{%p for t in kesimpulan %}")
    butir("\u2022", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p if anggaran.kalimat_kesimpulan %}")
    p("{{ anggaran.kalimat_kesimpulan }}")
    tag("{%p endif %}")
    h("4.2 Strategi Peningkatan Kinerja", 2)
    tag("{%p if narasi.strategi %}")
    p("Guna meningkatkan keberhasilan pelaksanaan program dan kegiatan yang akan datang, "
      "beberapa hal yang perlu dilakukan antara lain:")
    tag("{%p for t in narasi.strategi %}")
    butir("{{ loop.index }}.", "{{ t }}")
    tag("{%p endfor %}")
    tag("{%p else %}")
    p("Strategi peningkatan kinerja belum diisi pada lembar Narasi.")
    tag("{%p endif %}")
    tag("{%p for t in narasi.penutup %}")
    p("{{ t }}")
    tag("{%p endfor %}")
    p("Demikian Laporan Kinerja {{ instansi }} Tahun {{ tahun }} ini disusun, untuk menjadi "
      "bahan penilaian dan masukan dalam pelaksanaan tugas di masa mendatang."
      ).paragraph_format.keep_with_next = True  # with the signature below it

    # -- signature ---------------------------------------------------------------------
    signature("ttd")

    # -- Lampiran ----------------------------------------------------------------------
    h("LAMPIRAN\nPERJANJIAN KINERJA TAHUN {{ tahun }}", 1)
    p("Perjanjian Kinerja {{ instansi }} Tahun {{ tahun }}:", "LKj Isi Rata")
    tag("{%p if ada_indikator %}")
    table([1.0, 5.0, 5.2, 1.4, 1.7, 1.7],
          [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Polaritas"]],
          [["{%tr for i in indikator %}"],
           ["{{ i.no }}", "{{ i.sasaran }}", "{{ i.nama }}", "{{ i.satuan }}",
            "{{ i.target }}", "{{ i.polaritas }}"],
           ["{%tr endfor %}"]],
          aligns=["LKj Tabel Tengah", "LKj Tabel", "LKj Tabel", "LKj Tabel Tengah",
                  "LKj Tabel Tengah", "LKj Tabel Tengah"])
    tag("{%p endif %}")
    tag("{%p if gambar.lampiran %}")
    h("Dokumentasi Kegiatan", 2)
    tag("{%p for g in gambar.lampiran %}")
    p("{{ g.img }}", "LKj Gambar")
    p("{{ g.nomor }} {{ g.judul }}", "Caption")
    tag("{%p endfor %}")
    tag("{%p endif %}")

    # -- Pernyataan Telah Direviu (only when the Profil's reviu rows are filled) --------
    tag("{%p if reviu.ada %}")
    page_break()
    p("{{ reviu.pemerintah }}", "LKj Kop")
    p("{{ reviu.nama }}", "LKj Kop")
    p("Alamat: {{ reviu.alamat }}", "LKj Kop Alamat")
    p("PERNYATAAN TELAH DIREVIU", "LKj Judul")
    p("Kami telah mereviu Laporan Kinerja {{ reviu.instansi }} untuk Tahun {{ reviu.tahun }} "
      "sesuai Pedoman Reviu atas Laporan Kinerja. Substansi informasi yang dimuat dalam "
      "Laporan Kinerja menjadi tanggung jawab manajemen {{ reviu.instansi }}.")
    p("Reviu bertujuan untuk memberikan keyakinan terbatas bahwa laporan kinerja telah "
      "disajikan secara akurat, andal dan valid.")
    p("Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan "
      "dalam meyakini keandalan informasi yang disajikan di dalam laporan kinerja ini.")
    signature("reviu", nama="inspektur")
    tag("{%p endif %}")

    # the LRA uraian cell: bold for parent accounts (two runs, one shown)
    lra_table = None
    for t in doc.tables:
        if t.rows[0].cells[0].text == "Kode Rek.":
            lra_table = t
    assert lra_table is not None
    cell = lra_table.rows[2].cells[1]
    para = cell.paragraphs[0]
    para.add_run("{% if b.induk %}")
    r = para.add_run("{{ b.indent }}{{ b.uraian }}")
    r.bold = True
    para.add_run("{% else %}{{ b.indent }}{{ b.uraian }}{% endif %}")
    # the IKU summary: sasaran rows in bold
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                if c.text.startswith("Sasaran Strategis {{"):
                    for run in c.paragraphs[0].runs:
                        run.bold = True
        last = t.rows[-1].cells[0].text
        if last in ("Jumlah", ""):
            for c in t.rows[-1].cells:
                for run in c.paragraphs[0].runs:
                    run.bold = True

    # the table of contents is filled when the report is rendered: Word never has to ask
    # to update fields; the template says what it is in its properties (the renderer
    # writes the report's own)
    cp = doc.core_properties
    cp.title = "Templat Laporan Kinerja (LKj)"
    cp.author = "lkj-excel"
    cp.last_modified_by = "lkj-excel"
    cp.category = TEMPLATE_CATEGORY
    cp.language = BAHASA
    cp.comments = ""
    cp.keywords = "LKj; SAKIP; templat"
    cp.created = cp.modified = _dt.datetime(2025, 1, 1)
    cp.revision = 1
    _drop_foreign_parts(doc)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(".tmp-" + path.name)
    doc.save(str(tmp))
    _own_app_properties(tmp)
    tmp.replace(path)
    return path


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>lkj-excel</Application><DocSecurity>0</DocSecurity>'
    '</Properties>')


def _own_app_properties(path: Path) -> None:
    """python-docx's default says it was written by "Microsoft Macintosh Word" with counts
    of another document: the template says what wrote it, and nothing else."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/app.xml":
                data = APP_XML.encode("utf-8")
            dst.writestr(info, data)


def fit_widths(widths: list[float], header: list[list[str]]) -> list[float]:
    """Column widths on which no header word breaks: a column narrower than its longest
    header word (bold, the header's size, plus the cell margins) is widened, and the width
    comes off the widest column, so the table keeps its total width."""
    from lkj_excel.report.measure import header_need_cm

    need = list(widths)
    for row in header:
        for i, text in enumerate(row):
            if text.strip():
                need[i] = max(need[i], round(header_need_cm(text), 2))
    extra = sum(need) - sum(widths)
    if extra > 0:
        wide = max(range(len(need)), key=lambda i: need[i])
        need[wide] = round(need[wide] - extra, 2)
    return need


def _drop_foreign_parts(doc) -> None:  # type: ignore[no-untyped-def]
    """python-docx's default document carries a thumbnail of another document and a
    second copy of the styles for Word 2010: not ours to ship."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del pkg.rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Buat templat Word laporan LKj (docxtpl).")
    ap.add_argument("--keluar", type=Path, default=TUJUAN,
                    help="berkas tujuan (bawaan: lkj_excel/templates/laporan.docx)")
    args = ap.parse_args(argv)
    print(f"Ditulis: {_build(args.keluar)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
