"""The rendered report finished as a person opens it (python-docx / lxml on the document).

- the table of contents is filled from the headings (bookmarks, hyperlinks, ``PAGEREF``
  fields): Word, LibreOffice and WPS show it as it is, and nobody is asked to update fields;
  its page numbers come from a layout of the same document (LibreOffice, ``set_toc_pages``);
- a table's "Sumber" line stays on the page of the table's last row;
- the document's language is Indonesian (``w:lang`` id-ID), its properties are the report's
  own (title, author = the agency, created now) and carry no notes of the template.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

BAHASA = "id-ID"
#: the core property ``category`` of a rendered report (``render.check_template`` knows a
#: finished report by it)
REPORT_CATEGORY = "Laporan Kinerja"
TOC_PREFIX = "_Toc"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str
    bookmark: str


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(_qn(k), v)
    return el


def _run(*children: Any) -> Any:
    r = _el("w:r")
    for c in children:
        r.append(c)
    return r


def _text_el(text: str) -> Any:
    t = _el("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    return t


def heading_levels(doc: Any) -> dict[str, int]:
    """styleId -> outline level (1-3) of the heading styles (by name or outline level)."""
    out: dict[str, int] = {}
    for st in doc.styles.element.findall(_qn("w:style")):
        if st.get(_qn("w:type")) != "paragraph":
            continue
        sid = st.get(_qn("w:styleId")) or ""
        name_el = st.find(_qn("w:name"))
        name = (name_el.get(_qn("w:val")) if name_el is not None else "").casefold()
        level = None
        if name.startswith("heading ") and name[8:].isdigit():
            level = int(name[8:])
        ppr = st.find(_qn("w:pPr"))
        lvl = ppr.find(_qn("w:outlineLvl")) if ppr is not None else None
        if lvl is not None and (lvl.get(_qn("w:val")) or "").isdigit():
            level = int(lvl.get(_qn("w:val"))) + 1
        if level is not None and 1 <= level <= 3:
            out[sid] = level
    return out


def _paragraph_text(p: Any) -> str:
    parts = []
    for el in p.iter(_qn("w:t"), _qn("w:br"), _qn("w:tab")):
        parts.append(el.text or "" if el.tag == _qn("w:t") else " ")
    return " ".join("".join(parts).split())


def _style_id(p: Any) -> str:
    ppr = p.find(_qn("w:pPr"))
    ps = ppr.find(_qn("w:pStyle")) if ppr is not None else None
    return ps.get(_qn("w:val")) if ps is not None else ""


def _style_id_of(doc: Any, name: str) -> str:
    for st in doc.styles.element.findall(_qn("w:style")):
        n = st.find(_qn("w:name"))
        if n is not None and (n.get(_qn("w:val")) or "").casefold() == name.casefold():
            return st.get(_qn("w:styleId")) or ""
    return ""


def _toc_paragraph(body: Any) -> Any:
    for p in body.iter(_qn("w:p")):
        for it in p.iter(_qn("w:instrText")):
            if (it.text or "").strip().startswith("TOC"):
                return p
    return None


def _text_width_twips(doc: Any) -> int:
    sec = doc.sections[0]
    try:
        return int((sec.page_width - sec.left_margin - sec.right_margin) / 635)
    except TypeError:  # a section without page size: A4 with 3/2 cm margins
        return 9072


def fill_toc(doc: Any) -> list[TocEntry]:
    """Fill the TOC field with one entry per heading (levels 1-3), in document order; the
    page numbers are left empty (``set_toc_pages`` writes them from a layout)."""
    body = doc.element.body
    field_p = _toc_paragraph(body)
    if field_p is None:
        return []
    levels = heading_levels(doc)
    heads = [(p, levels[_style_id(p)]) for p in body.iter(_qn("w:p"))
             if _style_id(p) in levels and _paragraph_text(p)]
    ids = [int(b.get(_qn("w:id"))) for b in body.iter(_qn("w:bookmarkStart"))
           if (b.get(_qn("w:id")) or "").isdigit()]
    next_id = max(ids, default=0) + 1
    entries = []
    for n, (p, level) in enumerate(heads):
        name = f"{TOC_PREFIX}{100000001 + n}"
        start = _el("w:bookmarkStart", **{"w:id": str(next_id + n), "w:name": name})
        end = _el("w:bookmarkEnd", **{"w:id": str(next_id + n)})
        ppr = p.find(_qn("w:pPr"))
        p.insert(0 if ppr is None else list(p).index(ppr) + 1, start)
        p.append(end)
        entries.append(TocEntry(level, _paragraph_text(p), name))

    instr = next(it.text for it in field_p.iter(_qn("w:instrText")))
    width = _text_width_twips(doc)
    toc_styles = {lv: _style_id_of(doc, f"toc {lv}") or f"TOC{lv}" for lv in (1, 2, 3)}
    new = []
    for n, e in enumerate(entries):
        p = _el("w:p")
        ppr = _el("w:pPr")
        ppr.append(_el("w:pStyle", **{"w:val": toc_styles[e.level]}))
        tabs = _el("w:tabs")
        tabs.append(_el("w:tab", **{"w:val": "right", "w:leader": "dot", "w:pos": str(width)}))
        ppr.append(tabs)
        p.append(ppr)
        if n == 0:
            p.append(_run(_el("w:fldChar", **{"w:fldCharType": "begin"})))
            it = _el("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = instr
            p.append(_run(it))
            p.append(_run(_el("w:fldChar", **{"w:fldCharType": "separate"})))
        link = _el("w:hyperlink", **{"w:anchor": e.bookmark, "w:history": "1"})
        link.append(_run(_text_el(e.text)))
        link.append(_run(_el("w:tab")))
        link.append(_run(_el("w:fldChar", **{"w:fldCharType": "begin"})))
        it = _el("w:instrText")
        it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        it.text = f" PAGEREF {e.bookmark} \\h "
        link.append(_run(it))
        link.append(_run(_el("w:fldChar", **{"w:fldCharType": "separate"})))
        link.append(_run(_text_el("")))
        link.append(_run(_el("w:fldChar", **{"w:fldCharType": "end"})))
        p.append(link)
        if n == len(entries) - 1:
            p.append(_run(_el("w:fldChar", **{"w:fldCharType": "end"})))
        new.append(p)
    if new:
        parent = field_p.getparent()
        at = list(parent).index(field_p)
        parent.remove(field_p)
        for i, p in enumerate(new):
            parent.insert(at + i, p)
    return entries


def set_toc_pages(docx: bytes, pages: Sequence[str]) -> bytes:
    """The .docx with the cached page numbers of its TOC entries set (in entry order)."""
    from lxml import etree

    src = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(src.read("word/document.xml"))
    w = f"{{{W_NS}}}"
    n = 0
    for it in root.iter(f"{w}instrText"):
        if not (it.text or "").strip().startswith(f"PAGEREF {TOC_PREFIX}"):
            continue
        sep = it.getparent().getnext()
        res = sep.getnext() if sep is not None else None
        t = res.find(f"{w}t") if res is not None else None
        if t is not None and n < len(pages):
            t.text = pages[n]
        n += 1
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = body if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info, data)
    return out.getvalue()


def keep_sources_with_tables(doc: Any) -> int:
    """Keep the last row of each table on the page of the "Sumber" line after it."""
    sumber = _style_id_of(doc, "LKj Sumber")
    if not sumber:
        return 0
    n = 0
    for tbl in doc.element.body.iter(_qn("w:tbl")):
        nxt = tbl.getnext()
        if nxt is None or nxt.tag != _qn("w:p") or _style_id(nxt) != sumber:
            continue
        rows = tbl.findall(_qn("w:tr"))
        if not rows:
            continue
        for p in rows[-1].iter(_qn("w:p")):
            ppr = p.find(_qn("w:pPr"))
            if ppr is None:
                ppr = _el("w:pPr")
                p.insert(0, ppr)
            if ppr.find(_qn("w:keepNext")) is None:
                ps = ppr.find(_qn("w:pStyle"))
                ppr.insert(0 if ps is None else 1, _el("w:keepNext"))
        n += 1
    return n


def set_language(doc: Any, lang: str = BAHASA) -> None:
    """``w:lang`` of the document defaults (and the theme fonts') in Indonesian."""
    styles = doc.styles.element
    dd = styles.find(_qn("w:docDefaults"))
    if dd is None:
        dd = _el("w:docDefaults")
        styles.insert(0, dd)
    rd = dd.find(_qn("w:rPrDefault"))
    if rd is None:
        rd = _el("w:rPrDefault")
        dd.insert(0, rd)
    rpr = rd.find(_qn("w:rPr"))
    if rpr is None:
        rpr = _el("w:rPr")
        rd.append(rpr)
    el = rpr.find(_qn("w:lang"))
    if el is None:
        el = _el("w:lang")
        rpr.append(el)
    el.set(_qn("w:val"), lang)
    el.set(_qn("w:eastAsia"), lang)
    settings = doc.settings.element
    tl = settings.find(_qn("w:themeFontLang"))
    if tl is None:
        tl = _el("w:themeFontLang")
        settings.append(tl)
    tl.set(_qn("w:val"), lang)


def no_update_prompt(doc: Any) -> None:
    """Nothing asks to update fields when the document opens (the TOC is filled)."""
    settings = doc.settings.element
    for el in settings.findall(_qn("w:updateFields")):
        settings.remove(el)
    for fc in doc.element.body.iter(_qn("w:fldChar")):
        fc.attrib.pop(_qn("w:dirty"), None)


def set_properties(doc: Any, title: str, author: str, subject: str, keywords: str) -> None:
    cp = doc.core_properties
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)
    cp.title, cp.subject, cp.author, cp.last_modified_by = title, subject, author, author
    cp.keywords, cp.category, cp.language = keywords, REPORT_CATEGORY, BAHASA
    cp.comments, cp.content_status, cp.identifier, cp.version = "", "", "", ""
    cp.created = cp.modified = now
    cp.revision = 1
    el = cp._element  # a template's "last printed" is not the report's
    for child in list(el):
        if child.tag.endswith("}lastPrinted"):
            el.remove(child)


def finish(doc: Any, title: str, author: str, subject: str, keywords: str) -> list[TocEntry]:
    entries = fill_toc(doc)
    keep_sources_with_tables(doc)
    set_language(doc)
    no_update_prompt(doc)
    set_properties(doc, title, author, subject, keywords)
    return entries
