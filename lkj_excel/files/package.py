"""Replace sheets of an .xlsx package in place of a load-and-save round trip.

``splice_sheets`` copies every part of the person's file byte for byte (the compressed
bytes themselves, not re-deflated), drops the sheets it is told to drop (and the parts only
they used: their tables, drawings, comments), and adds new worksheet parts: it edits only
``workbook.xml`` (the ``<sheets>`` list, the ``localSheetId`` of defined names, the active
tab), its relationships, ``[Content_Types].xml`` and ``styles.xml`` (the new sheets' styles
appended). Charts, pictures, shapes, pivot tables, slicers and macros that a load-and-save
through openpyxl would drop stay as they are. ``calcChain.xml`` (Excel's cache of the
formula order) is dropped only when it names a dropped sheet; Excel rebuilds it.

The edits are text edits of the parts as the producing program wrote them (Excel, LibreOffice,
WPS, openpyxl), checked against a real XML parse (defusedxml) of the same part, so prefixes
and ``mc:Ignorable`` declarations survive. A package this module does not understand (Strict
OOXML, UTF-16 parts, parts it cannot place, an archive ``zipparts.Archive`` does not take:
encrypted, zip64, multi-volume) raises ``Unsupported`` and the caller falls back to the
openpyxl round trip. So does a part it reads that does not inflate to exactly its declared
size with its CRC, and declared sizes over ``schema.LIMITS.max_inflated_bytes``: the safety
scan never inflated most of the parts read here (the start of every kept sheet is looked at
for its selected tab, the whole sheet only when that changes), so none is inflated beyond
what the central directory says.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from lkj_excel.core import schema
from lkj_excel.files import zipparts

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKSHEET_REL = REL_NS + "/worksheet"
STYLES_REL = REL_NS + "/styles"
CALC_CHAIN_REL = REL_NS + "/calcChain"
OFFICE_DOCUMENT_REL = REL_NS + "/officeDocument"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CONTENT_TYPES = "[Content_Types].xml"


class Unsupported(Exception):
    """This package cannot be edited in place safely (the caller uses another way)."""


# ---------------------------------------------------------------------------
# Zip: parts read through zipparts.Archive, a new archive written (kept parts copied as
# their compressed bytes)
# ---------------------------------------------------------------------------

@dataclass
class _Entry:
    """A part of the archive to write."""

    name: str
    raw: bytes  # the compressed bytes as stored
    crc: int
    size: int
    method: int
    dos: tuple[int, int]  # DOS time, date
    flags: int = 0
    extract_version: int = 20
    external_attr: int = 0


_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


def _archive(data: bytes) -> zipparts.Archive:
    """The archive of ``data``, every part's declared size within the inflation limit (the
    parts are inflated to exactly their declared size, CRC checked, by ``Archive.part``)."""
    cap = schema.LIMITS.max_inflated_bytes
    try:
        archive = zipparts.Archive(data, cap + 1)
    except zipparts.Unusual as exc:
        raise Unsupported(f"zip: {exc}") from None
    if sum(e.file_size for e in archive.entries) > cap:
        raise Unsupported("zip: declared sizes over the inflation limit")
    return archive


def _kept(archive: zipparts.Archive, e: zipparts.Entry) -> _Entry:
    return _Entry(e.filename, archive.data[e.start:e.start + e.compress_size], e.CRC,
                  e.file_size, e.compress_type, e.dos, e.flag_bits & 0x800,
                  max(20, e.versions[2]), e.attrs[1])


def _dos(date_time: tuple[int, ...]) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    return h << 11 | mi << 5 | s // 2, (max(y, 1980) - 1980) << 9 | mo << 5 | d


def _new_entry(name: str, content: bytes, dos: tuple[int, int] | None = None) -> _Entry:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = c.compress(content) + c.flush()
    return _Entry(name, raw, zlib.crc32(content), len(content), zipfile.ZIP_DEFLATED,
                  dos or _dos(time.localtime()[:6]), 0)


def _name_bytes(e: _Entry) -> tuple[bytes, int]:
    try:
        return e.name.encode("ascii"), e.flags & ~0x800
    except UnicodeEncodeError:
        if e.flags & 0x800:
            return e.name.encode("utf-8"), e.flags | 0x800
        try:
            return e.name.encode("cp437"), e.flags
        except UnicodeEncodeError:
            return e.name.encode("utf-8"), e.flags | 0x800


def _write_zip(entries: list[_Entry]) -> bytes:
    if len(entries) >= 0xFFFF:
        raise Unsupported("too many parts")
    buf = BytesIO()
    central = []
    for e in entries:
        name, flags = _name_bytes(e)
        dostime, dosdate = e.dos
        if max(len(e.raw), e.size, buf.tell()) >= 0xFFFFFFFF:
            raise Unsupported("zip64 needed")
        offset = buf.tell()
        buf.write(_LOCAL.pack(b"PK\x03\x04", e.extract_version, 0, flags, e.method, dostime,
                              dosdate, e.crc, len(e.raw), e.size, len(name), 0))
        buf.write(name)
        buf.write(e.raw)
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 0, e.extract_version, 0, flags,
                                     e.method, dostime, dosdate, e.crc, len(e.raw), e.size,
                                     len(name), 0, 0, 0, 0, e.external_attr, offset) + name)
    start = buf.tell()
    for c in central:
        buf.write(c)
    size = buf.tell() - start
    buf.write(_END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), size, start, 0))
    return buf.getvalue()


# ---------------------------------------------------------------------------
# XML helpers: a real parse to check, text edits to change
# ---------------------------------------------------------------------------

def _text(raw: bytes, what: str) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Unsupported(f"{what}: UTF-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unsupported(f"{what}: not UTF-8") from None


def _parse(text: str, what: str) -> Any:
    from defusedxml import ElementTree as SafeET

    try:
        return SafeET.fromstring(text.encode("utf-8"))
    except Exception as exc:  # defusedxml raises its own kinds too
        raise Unsupported(f"{what}: {type(exc).__name__}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


_ATTR = re.compile(r"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attrs(tag_text: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(tag_text)}


def _elements(text: str, local: str, start: int = 0, end: int | None = None
              ) -> list[re.Match[str]]:
    """Every ``<prefix:local ...>`` element (self-closing, or up to its end tag) in range."""
    pat = re.compile(r"<(?:([\w.-]+):)?" + local + r"""\b(?:[^>"']|"[^"]*"|'[^']*')*?"""
                     r"(?:/>|>(?:.*?)</(?:[\w.-]+:)?" + local + r"\s*>)", re.S)
    return list(pat.finditer(text, start, len(text) if end is None else end))


def _start_tag(m: re.Match[str]) -> str:
    s = m.group(0)
    q = None
    for i, ch in enumerate(s):
        if q:
            if ch == q:
                q = None
        elif ch in "\"'":
            q = ch
        elif ch == ">":
            return s[:i + 1]
    return s


def _section(text: str, local: str) -> tuple[int, int, int, int] | None:
    """(start of start tag, end of start tag, start of end tag, end) of ``<local>``; a
    self-closing one has equal inner bounds."""
    m = re.search(r"<(?:[\w.-]+:)?" + local + r"""\b(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""", text)
    if not m:
        return None
    if m.group(1):
        return m.start(), m.end(), m.end(), m.end()
    e = re.compile(r"</(?:[\w.-]+:)?" + local + r"\s*>").search(text, m.end())
    if not e:
        raise Unsupported(f"unclosed {local}")
    return m.start(), m.end(), e.start(), e.end()


def _prefix_of(text: str, local: str) -> str:
    m = re.search(r"<(?:([\w.-]+):)?" + local + r"\b", text)
    return f"{m.group(1)}:" if m and m.group(1) else ""


def _ns_prefix(text: str, uri: str) -> str | None:
    """The prefix bound to ``uri`` on the root element ("" for the default namespace)."""
    root = re.search(r"<(?![?!])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", text)
    if not root:
        return None
    for m in re.finditer(r"""xmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""",
                         root.group(0)):
        if (m.group(2) if m.group(2) is not None else m.group(3)) == uri:
            return m.group(1) or ""
    return None


def _set_attr(tag: str, name: str, value: str) -> str:
    pat = re.compile(r"(\s" + re.escape(name) + r"""\s*=\s*)(?:"[^"]*"|'[^']*')""")
    if pat.search(tag):
        return pat.sub(lambda m: f'{m.group(1)}"{value}"', tag, count=1)
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end]} {name}="{value}"{tag[end:]}'


def _esc(value: str) -> str:
    return html.escape(value, quote=True)


def _serialize(el: Any, prefix: str) -> str:
    """An ElementTree element as text, every element in the target's main-namespace prefix."""
    attrs = "".join(f' {_local(k)}="{_esc(str(v))}"' for k, v in el.attrib.items()
                    if not k.startswith("{"))
    kids = "".join(_serialize(c, prefix) for c in el)
    text = _esc(el.text) if el.text and el.text.strip() else ""
    tag = prefix + _local(el.tag)
    if not kids and not text:
        return f"<{tag}{attrs}/>"
    return f"<{tag}{attrs}>{text}{kids}</{tag}>"


# ---------------------------------------------------------------------------
# Relationships and the part graph
# ---------------------------------------------------------------------------

@dataclass
class _Rel:
    id: str
    type: str
    target: str
    external: bool
    span: tuple[int, int]


def rels_name(part: str) -> str:
    d, b = posixpath.split(part)
    return posixpath.join(d, "_rels", b + ".rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    base = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


def _rels(text: str, what: str) -> list[_Rel]:
    tree = _parse(text, what)
    parsed = [c for c in tree if _local(c.tag) == "Relationship"]
    found = _elements(text, "Relationship")
    if len(found) != len(parsed):
        raise Unsupported(f"{what}: relationships")
    out = []
    for m, el in zip(found, parsed, strict=True):
        a = _attrs(_start_tag(m))
        if a.get("Id") != el.get("Id"):
            raise Unsupported(f"{what}: relationship ids")
        out.append(_Rel(a.get("Id", ""), a.get("Type", ""), a.get("Target", ""),
                        a.get("TargetMode", "").casefold() == "external", m.span()))
    return out


# ---------------------------------------------------------------------------
# The splice
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class NewSheet:
    name: str
    xml: bytes  # a worksheet part whose cell styles index ``styles``' cellXfs
    #: names scoped to this sheet, (name, formula): print titles, print area
    names: tuple[tuple[str, str], ...] = ()


_TAB_SELECTED = re.compile(rb"""(<(?:[\w.-]+:)?sheetView\b[^>]*?)\s+tabSelected\s*=\s*["'](?:1|true)["']""")


#: how much of a kept sheet is inflated to look for its selected tab (``_selected``)
_HEAD = 64 * 1024


def _selected(head: bytes) -> bool:
    """Whether the start of a sheet part (up to ``<sheetData``, or its first 4 KB) marks
    it as a selected tab."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Unsupported("worksheet: UTF-16")
    cut = head.find(b"<sheetData")
    return _TAB_SELECTED.search(head[:cut] if cut >= 0 else head[:4096]) is not None


class _Package:
    def __init__(self, data: bytes) -> None:
        self.archive = _archive(data)
        self.entries = self.archive.entries
        self.by_key = {e.filename.casefold(): e for e in self.entries}
        if len(self.by_key) != len(self.entries):
            raise Unsupported("duplicate part names")
        self.read: dict[str, str] = {}  # parts read (name -> text as it was)
        self.changed: dict[str, str] = {}  # parts given a new text (name -> text)
        self.dropped: set[str] = set()
        self._rels_cache: dict[str, tuple[str, list[_Rel]]] = {}

    def has(self, name: str) -> bool:
        key = name.casefold()
        return key in self.by_key and self.by_key[key].filename not in self.dropped

    def real(self, name: str) -> str:
        return self.by_key[name.casefold()].filename

    def inflate(self, name: str) -> bytes:
        """The part's bytes: inflated to its declared size and CRC checked (else
        ``Unsupported``; the scan never looked at most parts)."""
        try:
            return self.archive.part(self.by_key[name.casefold()])
        except zipparts.Unusual as exc:
            raise Unsupported(f"{self.real(name)}: {exc}") from None

    def text(self, name: str) -> str:
        real = self.real(name)
        got = self.changed.get(real)
        if got is None:
            got = self.read.get(real)
        if got is None:
            got = self.read[real] = _text(self.inflate(real), real)
            self.archive.inflated.pop(real, None)  # the text is kept, not the bytes too
        return got

    def head(self, name: str, n: int) -> bytes:
        """The first ``n`` bytes of the part, inflated no further; a part no longer than
        that is inflated whole and checked like any other (``inflate``)."""
        real = self.real(name)
        if real in self.changed or real in self.read:
            return self.text(real).encode("utf-8")[:n]
        e = self.by_key[real.casefold()]
        if e.file_size <= n:
            return self.inflate(real)
        raw = self.archive.data[e.start:e.start + e.compress_size]
        if e.compress_type == zipfile.ZIP_STORED:
            got = raw[:n]
        else:
            try:
                got = zlib.decompressobj(-15).decompress(raw, n)
            except zlib.error:
                raise Unsupported(f"{real}: inflate") from None
        if len(got) != n:
            raise Unsupported(f"{real}: shorter than declared")
        return got

    def set(self, name: str, text: str) -> None:
        self.changed[self.real(name)] = text

    def rels_of(self, name: str) -> list[_Rel]:
        """The relationships in the rels part ``name`` (parsed once per text)."""
        text = self.text(name)
        hit = self._rels_cache.get(name)
        if hit is None or hit[0] is not text:
            hit = (text, _rels(text, name))
            self._rels_cache[name] = hit
        return hit[1]

    def reachable(self, skip: dict[str, set[str]] | None = None) -> set[str]:
        """Parts reachable from the package root (``skip``: rels file -> rel ids ignored)."""
        seen: set[str] = set()
        todo = [""]
        while todo:
            part = todo.pop()
            rn = "_rels/.rels" if part == "" else rels_name(part)
            if not self.has(rn):
                continue
            for r in self.rels_of(rn):
                if r.external or r.id in (skip or {}).get(self.real(rn), set()):
                    continue
                t = _resolve(part or "/", r.target) if part else r.target.lstrip("/")
                if self.has(t) and self.real(t) not in seen:
                    seen.add(self.real(t))
                    todo.append(self.real(t))
        return seen

    def build(self, added: Iterable[tuple[str, bytes]]) -> bytes:
        out = []
        for e in self.entries:
            name = e.filename
            if name in self.dropped:
                continue
            text = self.changed.get(name)
            if text is not None and text != self.read.get(name):  # not inflated again
                out.append(_new_entry(name, text.encode("utf-8"), e.dos))
            else:
                out.append(_kept(self.archive, e))
        out += [_new_entry(n, b) for n, b in added]
        return _write_zip(out)


def splice_sheets(data: bytes, sheets: list[NewSheet], styles: bytes,
                  drop: Callable[[str], bool]) -> bytes:
    """A copy of the .xlsx ``data`` without the sheets for which ``drop(name)`` is true and
    with ``sheets`` appended (their styles taken from the stylesheet ``styles``)."""
    pkg = _Package(data)
    root_rels = pkg.rels_of("_rels/.rels") if pkg.has("_rels/.rels") else []
    wb_part = next((r.target.lstrip("/") for r in root_rels
                    if r.type == OFFICE_DOCUMENT_REL and not r.external), None)
    if wb_part is None or not pkg.has(wb_part):
        raise Unsupported("no workbook part")
    wb_part = pkg.real(wb_part)
    wb_rels_name = rels_name(wb_part)
    if not pkg.has(wb_rels_name) or not pkg.has(CONTENT_TYPES):
        raise Unsupported("workbook relationships or content types missing")
    before = pkg.reachable()

    wb = pkg.text(wb_part)
    tree = _parse(wb, wb_part)
    if _ns(tree.tag) != MAIN_NS:
        raise Unsupported("not transitional SpreadsheetML")
    sec = _section(wb, "sheets")
    if sec is None:
        raise Unsupported("no <sheets>")
    tags = _elements(wb, "sheet", sec[1], sec[2])
    parsed = [el for s in tree if _local(s.tag) == "sheets" for el in s
              if _local(el.tag) == "sheet"]
    if len(tags) != len(parsed):
        raise Unsupported("<sheets> does not match its parse")
    sheet_list = []
    for m, el in zip(tags, parsed, strict=True):
        rid = el.get(f"{{{REL_NS}}}id")
        if el.get("name") is None or rid is None:
            raise Unsupported("sheet without name or r:id")
        sheet_list.append((el.get("name"), el.get("sheetId", ""), rid, m))
    existing = {n.casefold() for n, *_ in sheet_list}
    new_names = [s.name.casefold() for s in sheets]
    removed = [i for i, (n, *_) in enumerate(sheet_list)
               if drop(n) or n.casefold() in new_names]
    kept = [i for i in range(len(sheet_list)) if i not in removed]
    if not kept and not sheets:
        raise Unsupported("no sheet left")
    if len(set(new_names)) != len(new_names):
        raise Unsupported("duplicate new sheet names")
    del existing

    wb_rels_text = pkg.text(wb_rels_name)
    wb_rels = pkg.rels_of(wb_rels_name)
    rel_by_id = {r.id: r for r in wb_rels}
    removed_rids = {sheet_list[i][2] for i in removed}
    removed_ids = {sheet_list[i][1] for i in removed}

    # calcChain names cells by sheetId; it is a cache: drop it if it names a dropped sheet
    chain = next((r for r in wb_rels if r.type == CALC_CHAIN_REL and not r.external), None)
    if chain is not None and removed_ids:
        cpart = _resolve(wb_part, chain.target)
        if pkg.has(cpart):
            ids = set(re.findall(r"""\si\s*=\s*["'](\d+)["']""", pkg.text(cpart)))
            if ids & removed_ids or not ids:
                removed_rids.add(chain.id)
        else:
            removed_rids.add(chain.id)

    # the stylesheet: the new sheets' cell styles appended to the workbook's
    styles_rel = next((r for r in wb_rels if r.type == STYLES_REL and not r.external), None)
    added_parts: list[tuple[str, bytes]] = []
    new_rels: list[tuple[str, str, str]] = []  # id, type, target
    new_overrides: list[tuple[str, str]] = []
    used_rids = {r.id for r in wb_rels}

    def fresh_rid() -> str:
        k = 1
        while f"rId{k}" in used_rids:
            k += 1
        used_rids.add(f"rId{k}")
        return f"rId{k}"

    if styles_rel is not None and pkg.has(_resolve(wb_part, styles_rel.target)):
        spart = pkg.real(_resolve(wb_part, styles_rel.target))
        merged, remap_xf, remap_dxf = merge_styles(pkg.text(spart), styles)
        pkg.set(spart, merged)
    else:
        wb_dir = posixpath.dirname(wb_part)
        spart = posixpath.join(wb_dir, "styles.xml")
        if pkg.has(spart):
            raise Unsupported("styles.xml not related")
        added_parts.append((spart, styles))
        rid = fresh_rid()
        new_rels.append((rid, STYLES_REL, posixpath.relpath(spart, wb_dir or ".")))
        new_overrides.append(("/" + spart, STYLES_CT))
        remap_xf, remap_dxf = None, None
        if styles_rel is not None:
            removed_rids.add(styles_rel.id)

    # new worksheet parts, relationships and <sheet> entries
    ws_type = next((r.type for r in wb_rels if r.type.endswith("/worksheet")), WORKSHEET_REL)
    wb_dir = posixpath.dirname(wb_part)
    taken = {e.filename.casefold() for e in pkg.entries}
    ids = [int(s[1]) for s in sheet_list if s[1].isdigit()]
    next_id = max(ids, default=0) + 1
    r_prefix = _ns_prefix(wb, REL_NS)
    sheet_tags = []
    p = _prefix_of(wb, "sheet")
    k = 1
    for s in sheets:
        while posixpath.join(wb_dir, "worksheets", f"sheet{k}.xml").casefold() in taken:
            k += 1
        part = posixpath.join(wb_dir, "worksheets", f"sheet{k}.xml")
        taken.add(part.casefold())
        xml = s.xml
        if remap_xf is not None:
            xml = remap_sheet_styles(xml, remap_xf, remap_dxf or {})
        added_parts.append((part, xml))
        rid = fresh_rid()
        new_rels.append((rid, ws_type, posixpath.relpath(part, wb_dir or ".")))
        new_overrides.append(("/" + part, WORKSHEET_CT))
        if r_prefix:
            ref = f'{r_prefix}:id="{rid}"'
        else:
            ref = f'r:id="{rid}" xmlns:r="{REL_NS}"'
        sheet_tags.append(f'<{p}sheet name="{_esc(s.name)}" sheetId="{next_id}" {ref}/>')
        next_id += 1

    # workbook.xml: the <sheets> list, then indexes that follow the sheet order
    pieces = []
    pos = sec[1]
    for i, (*_, m) in enumerate(sheet_list):
        if i in removed:
            pieces.append(wb[pos:m.start()])
            pos = m.end()
    pieces.append(wb[pos:sec[2]])
    inner = "".join(pieces) + "".join(sheet_tags)
    if sec[1] == sec[2]:  # <sheets/>
        open_tag = wb[sec[0]:sec[1]][:-2] + ">"
        wb = wb[:sec[0]] + open_tag + inner + f"</{p}sheets>" + wb[sec[3]:]
    else:
        wb = wb[:sec[1]] + inner + wb[sec[2]:]
    new_index = {}
    for i in range(len(sheet_list)):
        if i not in removed:
            new_index[i] = len(new_index)
    n_total = len(new_index) + len(sheets)
    wb = _fix_defined_names(wb, new_index)
    names = [(n, text, len(new_index) + k) for k, s in enumerate(sheets) for n, text in s.names]
    if names:
        wb = _add_defined_names(wb, names)
    # a new sheet written as the selected tab becomes the active one (and only it is selected)
    landing = next((len(new_index) + k for k, s in enumerate(sheets)
                    if _TAB_SELECTED.search(s.xml)), None)
    wb = _fix_views(wb, new_index, n_total,
                    hidden={i for i, s in enumerate(sheet_list)
                            if _attrs(_start_tag(s[3])).get("state", "visible") != "visible"},
                    active=landing)
    if landing is not None:
        for i in new_index:
            rel = rel_by_id.get(sheet_list[i][2])
            part = _resolve(wb_part, rel.target) if rel and not rel.external else None
            if part and pkg.has(part) and _selected(pkg.head(part, _HEAD)):
                text = pkg.text(part)  # the whole part only for the one to change
                head = text[:text.find("<sheetData") if "<sheetData" in text else 4096]
                if _TAB_SELECTED.search(head.encode()):
                    fixed = _TAB_SELECTED.sub(rb"\1", head.encode(), count=1).decode()
                    pkg.set(part, fixed + text[len(head):])
    pkg.set(wb_part, wb)

    # workbook relationships
    text = wb_rels_text
    for r in sorted((r for r in wb_rels if r.id in removed_rids), key=lambda r: -r.span[0]):
        text = text[:r.span[0]] + text[r.span[1]:]
    rel_p = _prefix_of(text, "Relationships")
    add = "".join(f'<{rel_p}Relationship Id="{i}" Type="{t}" Target="{_esc(g)}"/>'
                  for i, t, g in new_rels)
    end = re.search(r"</(?:[\w.-]+:)?Relationships\s*>", text)
    if end is None:
        m = re.search(r"<(?:[\w.-]+:)?Relationships\b[^>]*/>", text)
        if m is None:
            raise Unsupported("relationships root")
        text = (text[:m.start()] + m.group(0)[:-2] + ">" + add + f"</{rel_p}Relationships>"
                + text[m.end():])
    else:
        text = text[:end.start()] + add + text[end.start():]
    pkg.set(wb_rels_name, text)

    # parts nobody reaches any more go, with their relationships and content types
    after = pkg.reachable()
    gone = {n for n in before - after}
    for rel in list(rel_by_id.values()):
        if rel.id in removed_rids and not rel.external:
            t = _resolve(wb_part, rel.target)
            if pkg.has(t) and pkg.real(t) not in after:
                gone.add(pkg.real(t))
    for part in list(gone):
        if pkg.has(rels_name(part)):
            gone.add(pkg.real(rels_name(part)))
    pkg.dropped |= gone
    pkg.set(CONTENT_TYPES, _fix_content_types(pkg.text(CONTENT_TYPES), gone, new_overrides))
    return pkg.build(added_parts)


def _fix_defined_names(wb: str, new_index: dict[int, int]) -> str:
    sec = _section(wb, "definedNames")
    if sec is None or sec[1] == sec[2]:
        return wb
    out, pos, left = [], sec[1], 0
    for m in _elements(wb, "definedName", sec[1], sec[2]):
        tag = _start_tag(m)
        a = _attrs(tag)
        if "localSheetId" not in a:
            continue
        try:
            old = int(a["localSheetId"])
        except ValueError:
            continue
        out.append(wb[pos:m.start()])
        pos = m.end()
        if old in new_index:
            left += 1
            out.append(_set_attr(tag, "localSheetId", str(new_index[old])) + m.group(0)[len(tag):])
        # a name scoped to a dropped sheet goes with it
    out.append(wb[pos:sec[2]])
    inner = "".join(out)
    if not re.search(r"<(?:[\w.-]+:)?definedName\b", inner):
        return wb[:sec[0]] + wb[sec[3]:]  # an empty <definedNames> is not allowed
    return wb[:sec[1]] + inner + wb[sec[2]:]


def _add_defined_names(wb: str, names: list[tuple[str, str, int]]) -> str:
    """Add sheet-scoped defined names (name, formula, sheet index)."""
    p = _prefix_of(wb, "workbook")
    items = "".join(f'<{p}definedName name="{_esc(n)}" localSheetId="{i}">'
                    f"{html.escape(text, quote=False)}</{p}definedName>" for n, text, i in names)
    sec = _section(wb, "definedNames")
    if sec is not None and sec[1] != sec[2]:
        return wb[:sec[2]] + items + wb[sec[2]:]
    if sec is not None:  # <definedNames/>
        return wb[:sec[0]] + f"<{p}definedNames>{items}</{p}definedNames>" + wb[sec[3]:]
    # after <sheets>, <functionGroups> and <externalReferences>, whichever comes last
    ends = [x[3] for x in (_section(wb, t) for t in ("sheets", "functionGroups",
                                                      "externalReferences")) if x]
    at = max(ends)
    return wb[:at] + f"<{p}definedNames>{items}</{p}definedNames>" + wb[at:]


def _fix_views(wb: str, new_index: dict[int, int], n_total: int, hidden: set[int],
               active: int | None = None) -> str:
    sec = _section(wb, "bookViews")
    if sec is None:
        return wb
    visible = [new_index[i] for i in sorted(new_index) if i not in hidden]
    fallback = visible[0] if visible else 0
    out, pos = [], sec[1]
    for n, m in enumerate(_elements(wb, "workbookView", sec[1], sec[2])):
        tag = _start_tag(m)
        a = _attrs(tag)
        new = tag
        for key in ("activeTab", "firstSheet"):
            if key in a and a[key].isdigit():
                old = int(a[key])
                val = new_index.get(old, fallback)
                new = _set_attr(new, key, str(min(val, max(0, n_total - 1))))
        if active is not None and n == 0:
            new = _set_attr(new, "activeTab", str(active))
            if "firstSheet" in a and a["firstSheet"].isdigit() and \
                    new_index.get(int(a["firstSheet"]), 0) > active:
                new = _set_attr(new, "firstSheet", str(active))
        out.append(wb[pos:m.start()] + new + m.group(0)[len(tag):])
        pos = m.end()
    out.append(wb[pos:sec[2]])
    return wb[:sec[1]] + "".join(out) + wb[sec[2]:]


def _fix_content_types(text: str, gone: set[str], overrides: list[tuple[str, str]]) -> str:
    _parse(text, CONTENT_TYPES)
    gone_keys = {"/" + g.casefold() for g in gone}
    for m in reversed(_elements(text, "Override")):
        a = _attrs(_start_tag(m))
        name = a.get("PartName", "")
        if ("/" + name.lstrip("/")).casefold() in gone_keys:
            text = text[:m.start()] + text[m.end():]
    p = _prefix_of(text, "Types")
    add = "".join(f'<{p}Override PartName="{_esc(n)}" ContentType="{c}"/>' for n, c in overrides)
    end = re.search(r"</(?:[\w.-]+:)?Types\s*>", text)
    if end is None:
        raise Unsupported("content types root")
    return text[:end.start()] + add + text[end.start():]


# ---------------------------------------------------------------------------
# Styles: append the new sheets' cell formats to the workbook's stylesheet
# ---------------------------------------------------------------------------

#: the workbook's own first font/fill/border stand for the donor's defaults
_DEFAULT_IDS = {"fonts": {0}, "fills": {0, 1}, "borders": {0}}


def merge_styles(target: str, donor: bytes) -> tuple[str, dict[int, int], dict[int, int]]:
    """``target`` (the workbook's styles.xml) with the cell formats of the stylesheet
    ``donor`` appended; returns (text, donor xf index -> new index, donor dxf -> new)."""
    from defusedxml import ElementTree as SafeET

    d = SafeET.fromstring(donor)
    dsec = {_local(c.tag): list(c) for c in d}
    t = _parse(target, "styles.xml")
    if _ns(t.tag) != MAIN_NS:
        raise Unsupported("styles: not transitional")
    tcount = {_local(c.tag): len(list(c)) for c in t}
    prefix = _prefix_of(target, "styleSheet")
    text = target
    remap: dict[str, dict[int, int]] = {}

    order = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs",
             "cellStyles", "dxfs", "tableStyles", "colors", "extLst")

    def append(local: str, items: list[str], count: int) -> None:
        nonlocal text
        if not items:
            return
        sec = _section(text, local)
        body = "".join(items)
        if sec is None:
            # place it before the first later section present (or at the end of the root)
            later = [_section(text, x) for x in order[order.index(local) + 1:]]
            later = [x for x in later if x is not None]
            if later:
                at = min(x[0] for x in later)
            else:
                end = re.search(r"</(?:[\w.-]+:)?styleSheet\s*>", text)
                if end is None:
                    raise Unsupported("styles root")
                at = end.start()
            text = (text[:at] + f'<{prefix}{local} count="{count}">{body}</{prefix}{local}>'
                    + text[at:])
            return
        start_tag = text[sec[0]:sec[1]]
        if sec[1] == sec[2]:  # self-closing
            new = _set_attr(start_tag[:-2] + ">", "count", str(count))
            text = text[:sec[0]] + new + body + f"</{prefix}{local}>" + text[sec[3]:]
        else:
            new = _set_attr(start_tag, "count", str(count)) if "count" in start_tag else start_tag
            text = text[:sec[0]] + new + text[sec[1]:sec[2]] + body + text[sec[2]:]

    # number formats: reuse a code the workbook has, or a fresh id
    have_fmts = {}
    for c in t:
        if _local(c.tag) == "numFmts":
            for f in c:
                if f.get("numFmtId", "").isdigit():
                    have_fmts[f.get("formatCode")] = int(f.get("numFmtId"))
    next_fmt = max([163, *have_fmts.values()]) + 1
    fmt_map: dict[int, int] = {}
    fmt_items = []
    for f in dsec.get("numFmts", []):
        old = int(f.get("numFmtId"))
        code = f.get("formatCode")
        if code in have_fmts:
            fmt_map[old] = have_fmts[code]
        else:
            fmt_map[old] = next_fmt
            have_fmts[code] = next_fmt
            fmt_items.append(f'<{prefix}numFmt numFmtId="{next_fmt}" formatCode="{_esc(code)}"/>')
            next_fmt += 1
    append("numFmts", fmt_items, tcount.get("numFmts", 0) + len(fmt_items))

    xfs = dsec.get("cellXfs", [])
    for local, attr in (("fonts", "fontId"), ("fills", "fillId"), ("borders", "borderId")):
        used = sorted({int(x.get(attr, "0")) for x in xfs[1:]} - _DEFAULT_IDS[local])
        m = {i: i for i in _DEFAULT_IDS[local]}
        items = []
        base = tcount.get(local, 0)
        if local == "fills" and base < 2:
            raise Unsupported("styles: fewer than two fills")
        if base == 0:
            raise Unsupported(f"styles: no {local}")
        for i in used:
            m[i] = base + len(items)
            items.append(_serialize(dsec[local][i], prefix))
        append(local, items, base + len(items))
        remap[attr] = m

    base = tcount.get("cellXfs", 0)
    if base == 0:
        raise Unsupported("styles: no cellXfs")
    xf_map = {0: 0}
    items = []
    for i, x in enumerate(xfs[1:], start=1):
        x = _copy(x)
        for attr in ("fontId", "fillId", "borderId"):
            x.set(attr, str(remap[attr].get(int(x.get(attr, "0")), 0)))
        nf = int(x.get("numFmtId", "0"))
        x.set("numFmtId", str(fmt_map.get(nf, nf)))
        x.set("xfId", "0")
        xf_map[i] = base + len(items)
        items.append(_serialize(x, prefix))
    append("cellXfs", items, base + len(items))

    dxf_map = {}
    dxfs = dsec.get("dxfs", [])
    if dxfs:
        base = tcount.get("dxfs", 0)
        for i, x in enumerate(dxfs):
            dxf_map[i] = base + i
        append("dxfs", [_serialize(x, prefix) for x in dxfs], base + len(dxfs))
    _parse(text, "styles.xml (merged)")
    return text, xf_map, dxf_map


def _copy(el: Any) -> Any:
    import copy

    return copy.deepcopy(el)


_S_ATTR = re.compile(rb"""(<(?:c|row)\b[^>]*?\ss=")(\d+)(")""")
_COL_STYLE = re.compile(rb"""(<col\b[^>]*?\sstyle=")(\d+)(")""")
_DXF = re.compile(rb"""(<cfRule\b[^>]*?\sdxfId=")(\d+)(")""")


def remap_sheet_styles(xml: bytes, xf: dict[int, int], dxf: dict[int, int]) -> bytes:
    """A worksheet written by openpyxl with its style indexes moved to the merged ones."""
    def sub(mapping: dict[int, int]) -> Callable[[re.Match[bytes]], bytes]:
        return lambda m: m.group(1) + str(mapping.get(int(m.group(2)), 0)).encode() + m.group(3)

    xml = _S_ATTR.sub(sub(xf), xml)
    xml = _COL_STYLE.sub(sub(xf), xml)
    return _DXF.sub(sub(dxf), xml)
