"""``lkj gabung``: merge the unit workbooks of one agency into the agency's data.

Rules (each reported by file name):
- a workbook is identified by its content (Profil and hidden metadata), never its name;
- an exact duplicate (same unit, same content) counts once;
- two revisions of the same unit: the newer wins, the report names the file used;
- two different contents claiming the same rows (the same indicator, the same program, the
  same LRA account...) are a conflict: ``kesalahan``, all files named, neither is used;
- a workbook of another year or instansi, or one whose template this version cannot read,
  is set aside with a message;
- rows a unit does not own (by the ownership rules of ``lkj_excel.core.units``) are flagged.
Identical rows coming from several files are counted once, so the merged figures equal
those of the same data typed in one workbook.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkj_excel.batch.load import Note, Submission, canon_row, collect, load_submission
from lkj_excel.core import schema
from lkj_excel.core.model import norm
from lkj_excel.core.temuan import KESALAHAN, Temuan, new_temuan

AGENCY = schema.AGENCY_BIDANG

# statuses of a file in the report
USED = "dipakai"
DUPLICATE = "ganda"
OLD_REVISION = "revisi-lama"
CONFLICT = "konflik"
SET_ASIDE = "disisihkan"
UNREADABLE = "tidak-terbaca"
SKIPPED = "dilewati"
STATUS_LABEL = {
    USED: "dipakai", DUPLICATE: "ganda (dihitung sekali)", OLD_REVISION: "revisi lama",
    CONFLICT: "konflik", SET_ASIDE: "disisihkan", UNREADABLE: "tidak terbaca",
    SKIPPED: "dilewati",
}


@dataclass
class FileReport:
    """What happened to one file."""

    berkas: str
    status: str
    pesan: str
    identitas: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"berkas": self.berkas, "status": self.status, "pesan": self.pesan,
                **self.identitas}


@dataclass
class Merge:
    """The merge of one agency: data dict, findings and the per-file report.

    Unpacks as ``data, temuan, laporan = merge_files(paths)``.
    """

    data: dict[str, Any] | None
    temuan: list[Temuan]
    berkas: list[FileReport]
    instansi: str = ""
    tahun: int | None = None

    def __iter__(self) -> Iterator[Any]:
        yield self.data
        yield self.temuan
        yield self.berkas

    @property
    def has_errors(self) -> bool:
        return any(f.tingkat == KESALAHAN for f in self.temuan)

    @property
    def has_unreadable(self) -> bool:
        return any(b.status == UNREADABLE for b in self.berkas)

    def with_status(self, *status: str) -> list[FileReport]:
        return [b for b in self.berkas if b.status in status]

    def as_dict(self) -> dict[str, Any]:
        return {"instansi": self.instansi or None, "tahun": self.tahun,
                "berkas": [b.as_dict() for b in self.berkas],
                "temuan": [f.as_dict() for f in self.temuan]}


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", text))


def _display_names(paths: list[Path]) -> list[str]:
    counts = Counter(p.name for p in paths)
    return [p.name if counts[p.name] == 1 else str(p) for p in paths]


def merge_files(sumber: list[str | Path] | tuple[str | Path, ...],
                  kecuali: str | Path | None = None) -> Merge:
    """Merge the workbooks in ``sumber`` (files and folders). Never raises for bad files.

    ``kecuali``: a path never taken as input (the output file).
    """
    paths, notes = collect(list(sumber), Path(kecuali) if kecuali else None)
    kiriman = [load_submission(p, n) for p, n in zip(paths, _display_names(paths), strict=True)]
    return merge_submissions(kiriman, notes)


def _key_columns(sheet: schema.Sheet) -> tuple[str, ...]:
    return sheet.unique or (sheet.columns[0].key,)


def _key_text(sheet: schema.Sheet, key: tuple[str, ...], row: dict[str, Any]) -> str:
    cols = _key_columns(sheet)
    parts = [str(row.get(c)) for c in cols if row.get(c) not in (None, "")]
    parts = [p if len(p) <= 60 else p[:57] + "..." for p in parts]
    label = " / ".join(parts) or "(tanpa kunci)"
    if not sheet.unique:
        return f"({sheet.columns[0].label} {label})"
    return label


def _order_key(k: Submission) -> tuple[Any, ...]:
    pk = (k.data or {}).get("sheets", {}).get("PK", [])
    codes = sorted(_natural(str(r.get("kode_indikator") or "")) for r in pk)
    return (norm(k.bidang) != norm(AGENCY), not codes, codes[0] if codes else (),
            _natural(k.nama))


def merge_submissions(kiriman: list[Submission], notes: list[Note] | None = None) -> Merge:
    """The merge itself, on workbooks already read."""
    laporan: list[FileReport] = [FileReport(n.berkas, SKIPPED, n.pesan)
                                    for n in notes or []]
    found: list[Temuan] = []
    status: dict[int, FileReport] = {}

    def report(k: Submission, st: str, pesan: str) -> None:
        status[id(k)] = FileReport(k.nama, st, pesan, k.identitas() if k.data else {})

    usable: list[Submission] = []
    for k in kiriman:
        if k.masalah is not None:
            st = UNREADABLE if k.masalah.kode == "berkas-tidak-terbaca" else SET_ASIDE
            report(k, st, k.masalah.pesan)
            found.append(k.masalah)
        else:
            usable.append(k)

    def finish(data: dict[str, Any] | None, instansi: str = "", tahun: int | None = None
               ) -> Merge:
        laporan.extend(status[id(k)] for k in kiriman)
        found.sort(key=lambda f: (f.tingkat != KESALAHAN,))
        return Merge(data, found, laporan, instansi, tahun)

    if not usable:
        found.append(new_temuan("tidak-ada-berkas",
            "", "", "Tidak ada buku kerja LKj yang dapat digabung. Periksa folder atau "
                            "nama berkas yang disebutkan."))
        return finish(None)

    # -- the agency: the Sekretariat's workbook decides, else the most common identity
    sek = [k for k in usable if norm(k.bidang) == norm(AGENCY)]
    if sek:
        target = (norm(sek[0].instansi), sek[0].tahun)
    else:
        counts = Counter((norm(k.instansi), k.tahun) for k in usable)
        best = max(counts.values())
        target = next((norm(k.instansi), k.tahun) for k in usable
                      if counts[(norm(k.instansi), k.tahun)] == best)
    ref = next(k for k in usable if (norm(k.instansi), k.tahun) == target)
    instansi, tahun = ref.instansi, ref.tahun
    mine: list[Submission] = []
    for k in usable:
        if (norm(k.instansi), k.tahun) == target:
            mine.append(k)
            continue
        what = []
        if norm(k.instansi) != target[0]:
            what.append(f"instansi \"{k.instansi}\"")
        if k.tahun != target[1]:
            what.append(f"tahun {k.tahun}")
        msg = (f"Buku kerja ini untuk {' dan '.join(what)}, sedangkan gabungan ini untuk "
               f"\"{instansi}\" tahun {tahun}. Berkas disisihkan; gabungkan di folder "
               "tersendiri bila memang diperlukan.")
        report(k, SET_ASIDE, msg)
        found.append(new_temuan("instansi-lain", schema.PROFIL_SHEET, "", msg, k.nama))

    # -- one content per unit: duplicates count once, the newest revision wins
    units: dict[tuple[str, str], list[Submission]] = {}
    for k in mine:
        # the same unit's workbook: same Bidang and same workbook id (a fresh template or
        # the agency workbook has another id: its rows are merged row by row instead)
        units.setdefault((norm(k.bidang), norm(k.id_buku_kerja)), []).append(k)
    chosen: list[Submission] = []
    for group in units.values():
        distinct: list[Submission] = []
        for k in group:
            twin = next((d for d in distinct if d.fingerprint == k.fingerprint), None)
            if twin is None:
                distinct.append(k)
            else:
                report(k, DUPLICATE, f"Isinya sama persis dengan \"{twin.nama}\" ({k.bidang}, "
                                 f"revisi {twin.meta.get('revisi') or '-'}); dihitung sekali.")
        newest = max(d.revisi for d in distinct)
        top = [d for d in distinct if d.revisi == newest]
        winner = (f"\"{top[0].nama}\"" if len(top) == 1
                  else " dan ".join(f"\"{t.nama}\"" for t in top))
        for d in distinct:
            if d.revisi < newest:
                report(d, OLD_REVISION,
                       f"Revisi {d.meta.get('revisi') or '-'} dari {d.bidang}; digantikan "
                       f"revisi {newest} di berkas {winner} (yang dipakai).")
        for d in top:
            chosen.append(d)
            older = [x.nama for x in distinct if x.revisi < newest]
            extra = (f"; menggantikan revisi lama di {', '.join(repr(o) for o in older)}"
                     if older else "")
            report(d, USED, f"Dipakai: {d.bidang}, revisi {d.meta.get('revisi') or '-'}"
                               f"{extra}.")
        if len(top) > 1:
            names = " dan ".join(f"\"{t.nama}\"" for t in top)
            msg = (f"Berkas {names} sama-sama buku kerja {top[0].bidang} revisi "
                   f"{top[0].meta.get('revisi') or '-'}, tetapi isinya berbeda. Baris yang sama "
                   "di keduanya dihitung sekali; baris yang berbeda tidak dipakai (lihat temuan "
                   "konflik-baris). Naikkan Revisi pada berkas yang benar (lembar tersembunyi "
                   f"{schema.META_SHEET}: klik kanan tab lembar > Tampilkan) atau hapus yang "
                   "lain, lalu gabung ulang.")
            found.append(new_temuan("konflik-revisi", "", "", msg, top[0].nama))
            for t in top:
                report(t, CONFLICT, msg)
    chosen.sort(key=_order_key)
    # -- rows: identical rows from several files count once, different ones conflict
    parts: dict[int, dict[str, Any]] = {}
    for k in chosen:
        assert k.data is not None
        parts[id(k)] = {"profil": k.data["profil"], "meta": k.data["meta"],
                        "pengaturan": k.data["pengaturan"],
                        "sheets": {s.name: [] for s in schema.DATA_SHEETS}}
    accepted: list[tuple[schema.Sheet, str, dict[str, Any], list[Submission]]] = []
    for sheet in schema.DATA_SHEETS:
        cols = _key_columns(sheet)
        groups: dict[Any, list[tuple[Submission, list[dict[str, Any]], list[int], Any]]] = {}
        for k in chosen:
            rows = k.data["sheets"].get(sheet.name, []) if k.data else []
            nums = k.baris.get(sheet.name, [])
            canon = k.canon.get(sheet.name) or [canon_row(r) for r in rows]
            mine_groups: dict[Any, tuple[list[dict[str, Any]], list[int], list[Any]]] = {}
            for i, row in enumerate(rows):
                key: Any = tuple(norm(canon_value(row.get(c))) for c in cols)
                if not any(key):
                    key = ("#", id(k), i)  # no key: never matched with another file
                rs, ns, cs = mine_groups.setdefault(key, ([], [], []))
                rs.append(row)
                ns.append(nums[i] if i < len(nums) else 0)
                cs.append(canon[i])
            for key, (rs, ns, cs) in mine_groups.items():
                groups.setdefault(key, []).append((k, rs, ns, tuple(sorted(cs))))
        for key, contribs4 in groups.items():
            contents = [c[3] for c in contribs4]
            contribs = [(c[0], c[1], c[2]) for c in contribs4]
            first_k, first_rows, _ = contribs[0]
            label = _key_text(sheet, key, first_rows[0])
            if len(set(contents)) == 1:
                parts[id(first_k)]["sheets"][sheet.name].extend(first_rows)
                accepted.append((sheet, label, first_rows[0], [c[0] for c in contribs]))
                continue
            where = ", ".join(
                f"\"{c.nama}\" (baris {', '.join(str(n) for n in ns)})"
                for c, _, ns in contribs)
            diff = _differing_columns(sheet, contribs[0][1], contribs[1][1])
            detail = f" Berbeda di kolom {', '.join(diff)}." if diff else ""
            found.append(new_temuan("konflik-baris", sheet.name,
                "", f"Lembar {sheet.name} {label} diisi berbeda di {where}.{detail} Tidak ada yang "
                "dipakai: tetapkan isi yang benar di satu berkas, hapus baris itu dari berkas "
                "lain (atau naikkan Revisi), lalu gabung ulang.", first_k.nama))
            for c, _, _ in contribs:
                b = status.get(id(c))
                if b is not None and b.status == USED:
                    b.pesan += f" Ada konflik baris dengan berkas lain (lembar {sheet.name})."

    from lkj_excel.core.units import merge_units

    ordered = [parts[id(k)] for k in chosen]
    data = merge_units(ordered)

    # -- rows a unit does not own
    found.extend(_foreign_rows(data, accepted))

    # -- settings that differ between files
    base = chosen[0]
    for k in chosen[1:]:
        if canon_settings(k) != canon_settings(base):
            found.append(new_temuan("pengaturan-berbeda", schema.PENGATURAN_SHEET,
                "", f"Lembar Pengaturan di \"{k.nama}\" berbeda dengan di \"{base.nama}\"; yang "
                f"dipakai dari \"{base.nama}\". Samakan pengaturannya bila perlu.", k.nama))

    for k in chosen:
        found.extend(k.temuan)
    return finish(data, instansi, tahun)


def canon_value(value: Any) -> str:
    from lkj_excel.batch.load import _canon

    c = _canon(value)
    return "" if c is None else str(c)


def canon_settings(k: Submission) -> str:
    from lkj_excel.batch.load import _canon

    return repr(_canon((k.data or {}).get("pengaturan", {})))


def _differing_columns(sheet: schema.Sheet, a: list[dict[str, Any]], b: list[dict[str, Any]]
                       ) -> list[str]:
    if len(a) != 1 or len(b) != 1:
        return [f"jumlah baris ({len(a)} dan {len(b)})"] if len(a) != len(b) else []
    ra, rb = dict(canon_row(a[0])), dict(canon_row(b[0]))
    return [c.label for c in sheet.input_columns if ra.get(c.key) != rb.get(c.key)]


def _foreign_rows(data: dict[str, Any],
                  accepted: list[tuple[schema.Sheet, str, dict[str, Any], list[Submission]]]
                  ) -> list[Temuan]:
    from lkj_excel.core import units

    owners = units.Owners(data)  # one lookup table for all rows
    known = set(owners.indikator)
    per: dict[tuple[int, str], tuple[Submission, str, list[str]]] = {}
    for sheet, label, row, contributors in accepted:
        if sheet.name in units.INDICATOR_SHEETS and norm(row.get("kode_indikator")) not in known:
            continue  # indicator without PK row: the validator reports it
        owner = owners.of(sheet.name, row)
        for k in contributors:
            if norm(owner) != norm(k.bidang):
                entry = per.setdefault((id(k), owner), (k, owner, []))
                entry[2].append(f"{sheet.name} {label}")
    out = []
    for k, owner, rows in per.values():
        shown = ", ".join(rows[:8]) + (f", dan {len(rows) - 8} lagi" if len(rows) > 8 else "")
        out.append(new_temuan("baris-bidang-lain",
            "", "", f"Berkas \"{k.nama}\" ({k.bidang}) memuat {len(rows)} baris milik {owner}: "
            f"{shown}. Baris yang sama persis di berkas lain dihitung sekali; bila berbeda "
            f"menjadi konflik. Sebaiknya baris ini diisi hanya di buku kerja {owner}.", k.nama))
    return out
