"""The named Word styles both template builders use (``buat_templat_laporan.py`` and
``buat_templat_dokumen.py``): a style's font in every script slot, and a paragraph style
made or updated from its measures. python-docx only; run from the scripts' folder."""

from __future__ import annotations

from typing import Any

FONT = "Arial"


def base_font(style: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    """``FONT`` at ``size`` in black for every script (ascii, hAnsi, cs, eastAsia), with no
    theme font left to override it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def paragraph_style(styles: Any, name: str, size: float = 11, bold: bool = False,
                    italic: bool = False, align: Any = None, before: float = 0,
                    after: float = 6, line: float = 1.15, left: float = 0.0,
                    first: float = 0.0, keep_next: bool = False) -> Any:
    """The paragraph style ``name`` (added on Normal when missing) with these measures (pt
    for spacing, cm for indents)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    try:
        st = styles[name]
    except KeyError:
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles["Normal"]
    base_font(st, size, bold, italic)
    pf = st.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.line_spacing = line
    pf.left_indent = Cm(left)
    pf.first_line_indent = Cm(first)
    pf.keep_with_next = keep_next
    st.quick_style = True
    return st


def fixed_widths(table: Any, widths: list[float]) -> None:
    """Column widths in cm on the grid and on every cell, the table's width in twips and a
    fixed layout (what LibreOffice and Word lay the table out by)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    for i, w in enumerate(widths):
        table.columns[i].width = Cm(w)
    for r in table.rows:
        for i, c in enumerate(r.cells):
            c.width = Cm(widths[i])
    tblpr = table._tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(int(sum(widths) * 567)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
