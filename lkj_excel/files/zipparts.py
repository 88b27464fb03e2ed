"""A workbook archive read from memory: every part inflated at most once, then handed on stored.

The fast path of the safety scan (``files.safety``) and of the read (``files.read``): the
central directory is parsed here, each part the scan vets is inflated once (``Archive.part``,
checked against its declared size and CRC exactly as ``zipfile`` checks it), and
``Archive.stored_copy()`` rebuilds the package with those parts *stored* (uncompressed), so
python-calamine parses the very bytes the scan vetted without inflating them again. Every
other part is copied as its compressed bytes.

Only plain archives take this path: one disk, no zip64, no encryption or patched data, no
duplicate names, names and local headers as ``zipfile`` would accept them, deflate or stored
parts smaller than ``safety.CHUNK``. Anything else raises ``Unusual`` and the caller uses
the ``zipfile`` path, which reads and reports it as before (never a different reading).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_END = struct.Struct("<4s4H2LH")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_NAME_EXTRA = struct.Struct("<HH")
_STORED, _DEFLATED = 0, 8
#: deflate streams up to this size are inflated in one call (at most ~16.5 MB out)
_SMALL = 16 * 1024
#: flag bits a plain part never has: encrypted (1), patched data (0x20), strong encryption (0x40)
_ODD_FLAGS = 0x1 | 0x20 | 0x40


class Unusual(Exception):
    """The archive (or one of its parts) is not plain: use the ``zipfile`` path."""


@dataclass(slots=True, eq=False)
class Entry:
    """One part, with the attributes of ``zipfile.ZipInfo`` the scan uses."""

    filename: str
    name_raw: bytes
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    #: offset of the compressed bytes in the archive
    start: int
    #: central directory fields copied as they were: versions, time, date, attributes
    versions: tuple[int, int, int, int]
    dos: tuple[int, int]
    attrs: tuple[int, int]


def _extra_ok(extra: bytes) -> bool:
    """No zip64 (0x0001) or Unicode path (0x7075) field, which zipfile would apply."""
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, i)
        if tag in (0x0001, 0x7075):
            return False
        i += 4 + size
    return True


class Archive:
    """The parts of an archive held in memory (``Unusual`` when it is not plain)."""

    def __init__(self, data: bytes, max_part: int) -> None:
        self.data = data
        self.max_part = max_part
        #: filename -> inflated bytes, for the parts read so far
        self.inflated: dict[str, bytes] = {}
        self.entries = self._central()

    def _central(self) -> list[Entry]:
        data = self.data
        pos = data.rfind(b"PK\x05\x06", max(0, len(data) - _END.size - 0xFFFF))
        if pos < 0 or len(data) - pos < _END.size:
            raise Unusual("no end record")
        (_sig, disk, disk_cd, n_disk, n_total, cd_size, cd_off,
         comment) = _END.unpack_from(data, pos)
        if pos + _END.size + comment != len(data) or disk or disk_cd or n_disk != n_total \
                or n_total == 0xFFFF or cd_off + cd_size != pos \
                or data[max(pos - 20, 0):pos - 16] == b"PK\x06\x07":
            raise Unusual("end record")  # zip64, several disks, a prefix, trailing bytes
        out: list[Entry] = []
        seen: set[str] = set()
        unpack, size, local_size = _CENTRAL.unpack_from, _CENTRAL.size, _LOCAL.size
        i = cd_off
        for _ in range(n_total):
            if i + size > pos:
                raise Unusual("central directory")
            (sig, v_made, sys_made, v_need, sys_need, flags, method, dtime, ddate, crc, csize,
             usize, n_name, n_extra, n_comment, _disk, iattr, eattr,
             offset) = unpack(data, i)
            if sig != b"PK\x01\x02" or flags & _ODD_FLAGS or method not in (_STORED, _DEFLATED):
                raise Unusual("entry")
            j = i + size + n_name
            name_raw = data[i + size:j]
            i = j + n_extra + n_comment
            if i > pos or (n_extra and not _extra_ok(data[j:j + n_extra])) \
                    or b"\x00" in name_raw or b"\\" in name_raw:
                raise Unusual("entry name")
            name = name_raw.decode("utf-8" if flags & 0x800 else "cp437")
            low = name.lower()
            if low in seen:
                raise Unusual("duplicate part")
            seen.add(low)
            if not data.startswith(b"PK\x03\x04", offset) or offset + local_size > len(data):
                raise Unusual("local header")
            ln, lx = _NAME_EXTRA.unpack_from(data, offset + 26)
            head_end = offset + local_size
            if ln != n_name or not data.startswith(name_raw, head_end):
                raise Unusual("local name")
            start = head_end + ln + lx
            if start + csize > cd_off:
                raise Unusual("truncated part")
            out.append(Entry(name, name_raw, flags, method, crc, csize, usize, start,
                             (v_made, sys_made, v_need, sys_need), (dtime, ddate),
                             (iattr, eattr)))
        if i != pos:
            raise Unusual("central directory size")
        return out

    def part(self, e: Entry, limit: int | None = None) -> bytes:
        """The inflated bytes of ``e`` (inflated on the first call, then kept); parts of
        ``max_part`` bytes or more (or ``limit``, when larger) are ``Unusual``.

        ``zipfile`` reads exactly the declared size and checks the CRC of those bytes; so
        does this, and a stream that ends early, runs on, or fails its CRC is ``Unusual``
        (the ``zipfile`` path then says the file is broken, as it always did).
        """
        got = self.inflated.get(e.filename)
        if got is not None:
            return got
        if e.file_size >= max(self.max_part, limit or 0):
            raise Unusual("large part")
        raw = self.data[e.start:e.start + e.compress_size]
        if e.compress_type == _STORED:
            if e.compress_size != e.file_size:
                raise Unusual("stored size")
            got = raw
        elif e.compress_size <= _SMALL:
            # deflate inflates at most 1032-fold: a small stream is inflated in one call
            # into a buffer of the declared size (faster than the capped way below)
            try:
                got = zlib.decompress(raw, -15, max(e.file_size, 1))
            except zlib.error as exc:  # ends early, or is not deflate
                raise Unusual("inflate") from exc
            if len(got) != e.file_size:
                raise Unusual("inflated size")
        else:
            d = zlib.decompressobj(-15)
            try:
                got = d.decompress(raw, e.file_size) if e.file_size else b""
            except zlib.error as exc:
                raise Unusual("inflate") from exc
            if len(got) != e.file_size or not (d.eof or _ends(d)) or d.unused_data:
                raise Unusual("inflated size")
        if zlib.crc32(got) != e.CRC:
            raise Unusual("crc")
        self.inflated[e.filename] = got
        return got

    def stored_copy(self) -> bytes:
        """The package again, the inflated parts stored, the others as their compressed bytes
        (same names, order, CRCs, times and attributes; no data descriptors)."""
        local: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        data = self.data
        for e in self.entries:
            body = self.inflated.get(e.filename)
            if body is None:
                method, body = e.compress_type, data[e.start:e.start + e.compress_size]
            else:
                method = _STORED
            flags = e.flag_bits & 0x800
            csize = len(body)
            v_made, sys_made, v_need, sys_need = e.versions
            head = _LOCAL.pack(b"PK\x03\x04", v_need, sys_need, flags, method, *e.dos, e.CRC,
                               csize, e.file_size, len(e.name_raw), 0)
            central.append(_CENTRAL.pack(b"PK\x01\x02", v_made, sys_made, v_need, sys_need,
                                         flags, method, *e.dos, e.CRC, csize, e.file_size,
                                         len(e.name_raw), 0, 0, 0, *e.attrs, offset))
            central.append(e.name_raw)
            local += (head, e.name_raw, body)
            offset += len(head) + len(e.name_raw) + csize
        cd = b"".join(central)
        n = len(self.entries)
        if offset + len(cd) >= 0xFFFFFFFF or n >= 0xFFFF:
            raise Unusual("zip64 needed")
        return b"".join(local) + cd + _END.pack(b"PK\x05\x06", 0, 0, n, n, len(cd), offset, 0)


def _ends(d: zlib._Decompress) -> bool:  # type: ignore[name-defined]
    """The stream ends right after the declared size (an output exactly at ``max_length``
    leaves the end-of-stream marker unread)."""
    try:
        rest = d.decompress(d.unconsumed_tail, 1)
    except zlib.error:
        return False
    return not rest and d.eof
