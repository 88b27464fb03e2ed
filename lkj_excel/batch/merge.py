"""``lkj gabung``: merge the unit workbooks of one agency into the agency's data.

Rules (each reported by file name):
- a workbook is identified by its content (Profil and hidden metadata), never its name;
- an exact duplicate (same unit, same content) counts once;
- two versions of the same unit: the higher Revisi wins, then the later saved time (the
  document properties Excel and LibreOffice write on every save); a conflict only when
  nothing decides, and its message never sends staff to a hidden sheet;
- a row its owner sent (``lkj_excel.core.units`` rules, from what each unit says about
  itself) wins over another unit's different copy: one kesalahan names the other file,
  its rows and the owner; two different contents from non-owners are a conflict
  (``kesalahan``, all files named, neither used);
- the units of the round (the roster ``lkj pecah`` stamped into every unit's workbook, and
  always the Sekretariat): a unit with no usable file is a kesalahan naming what is
  missing; an unusable file (``.xls``, ``.ods``, broken) is a kesalahan for the unit its
  name says; a Bidang typed otherwise is named with the known ones;
- a workbook of another year is set aside (peringatan), one whose Instansi is typed
  otherwise is set aside as a kesalahan; one whose template this version cannot read is
  set aside; an agency or merged workbook among the units' files and a blank template are
  recognised and left out;
- rows a unit does not own are flagged.
Identical rows coming from several files are counted once, so the merged figures equal
those of the same data typed in one workbook. The merged rows carry their file and row
(``ORIGIN``), so ``batch.check`` names a finding at the unit's own file and cell.
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
from lkj_excel.core.units import INDICATOR_SHEETS

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
    USED: "dipakai", DUPLICATE: "ganda (dihitung sekali)", OLD_REVISION: "versi lama",
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
    #: where each used file's findings point: file name -> (column letters per sheet, Profil
    #: cells); the merged rows carry their file and row (``ORIGIN``); ``base`` gave Profil
    sumber: dict[str, tuple[dict[str, dict[str, str]], dict[str, str]]] = field(
        default_factory=dict)
    base: str = ""
    #: indicators (``norm`` of the code) with a row left out by a conflict
    konflik: set[str] = field(default_factory=set)

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
    return (norm(k.unit or k.bidang) != norm(AGENCY), not codes, codes[0] if codes else (),
            _natural(k.nama))


def _q(name: str) -> str:
    """A file name as every message writes it: ``"name.xlsx"``."""
    return f"\"{name}\""


def _when(t: Any) -> str:
    """A saved time as people read it (local to the file's UTC stamp): 05/03/2025 09.15 UTC."""
    return "-" if t is None else t.strftime("%d/%m/%Y %H.%M.%S UTC")


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


@dataclass
class _Round:
    """What the round knows about its units: the roster ``lkj pecah`` stamped into every
    unit's workbook (when there is one) and the units named in PK."""

    roster: list[dict[str, Any]]
    known: dict[str, str]  # norm(unit) -> unit as spelled

    @classmethod
    def of(cls, files: list[Submission]) -> _Round:
        from lkj_excel.core.units import parse_roster

        roster: list[dict[str, Any]] = []
        for k in files:
            roster = parse_roster(k.meta.get("daftar_bidang"))
            if roster:
                break
        known = {norm(AGENCY): AGENCY}
        for item in roster:
            known.setdefault(norm(item["bidang"]), item["bidang"])
        for k in files:
            for r in (k.data or {}).get("sheets", {}).get("PK", []):
                b = " ".join(str(r.get("bidang") or "").split())
                if b:
                    known.setdefault(norm(b), b)
        return cls(roster, known)

    def resolve(self, k: Submission, instansi: str, tahun: int | None) -> tuple[str, bool]:
        """(the unit of ``k``, whether its Bidang is spelled as the round knows it)."""
        from lkj_excel.core.units import workbook_id

        if norm(k.bidang) in self.known:
            return self.known[norm(k.bidang)], True
        for unit in self.known.values():
            if k.id_buku_kerja and k.id_buku_kerja == workbook_id(instansi, tahun, unit):
                return unit, False
        claimed = {norm(r.get("bidang")) for r in (k.data or {}).get("sheets", {}).get("PK", [])
                   if r.get("bidang")}
        if len(claimed) == 1 and next(iter(claimed)) in self.known:
            return self.known[next(iter(claimed))], False
        return k.bidang, False


def _owners(chosen: list[Submission], rnd: _Round) -> Any:
    """Who owns which rows, from what each unit says about itself (the roster, and the PK
    rows a unit's own workbook gives to that unit), never from a row another unit typed."""
    from lkj_excel.core.units import Owners

    pk: list[dict[str, Any]] = []
    for item in rnd.roster:
        pk += [{"kode_indikator": c, "bidang": item["bidang"]} for c in item["indikator"]]
        pk += [{"kode_sasaran": c, "bidang": item["bidang"]} for c in item["sasaran"]]
    anggaran: list[dict[str, Any]] = []
    for k in chosen:
        sheets = (k.data or {}).get("sheets", {})
        pk += [r for r in sheets.get("PK", []) if norm(r.get("bidang")) == norm(k.unit)]
    for k in chosen:
        anggaran += [r for r in (k.data or {}).get("sheets", {}).get("Anggaran", [])
                     if not norm(r.get("kegiatan"))]
    return Owners({"sheets": {"PK": pk, "Anggaran": anggaran}})


def merge_submissions(kiriman: list[Submission], notes: list[Note] | None = None) -> Merge:
    """The merge itself, on workbooks already read."""
    from lkj_excel.core.units import workbook_id

    laporan: list[FileReport] = [FileReport(n.berkas, SKIPPED, n.pesan)
                                 for n in notes or []]
    found: list[Temuan] = []
    status: dict[int, FileReport] = {}
    konflik: set[str] = set()

    def report(k: Submission, st: str, pesan: str) -> None:
        status[id(k)] = FileReport(k.nama, st, pesan, k.identitas() if k.data else {})

    usable: list[Submission] = []
    unusable: list[Submission] = []
    for k in kiriman:
        if k.blank:
            report(k, SKIPPED, "Templat kosong (Profil dan semua lembar belum diisi), bukan "
                               "kiriman bidang; dilewati.")
        elif k.masalah is not None:
            st = UNREADABLE if k.masalah.kode == "berkas-tidak-terbaca" else SET_ASIDE
            report(k, st, k.masalah.pesan)
            unusable.append(k)
        else:
            usable.append(k)

    def finish(data: dict[str, Any] | None, instansi: str = "", tahun: int | None = None,
               chosen: list[Submission] | None = None) -> Merge:
        laporan.extend(status[id(k)] for k in kiriman)
        found.sort(key=lambda f: (f.tingkat != KESALAHAN,))
        return Merge(data, found, laporan, instansi, tahun,
                     {k.nama: (k.columns, k.profil_cells) for k in chosen or []},
                     chosen[0].nama if chosen else "", konflik)

    if not usable:
        found.extend(k.masalah for k in unusable if k.masalah is not None)
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
    set_aside: list[Submission] = []
    for k in usable:
        if (norm(k.instansi), k.tahun) == target:
            mine.append(k)
            continue
        set_aside.append(k)
        if k.tahun != target[1]:
            msg = (f"Buku kerja ini untuk tahun {k.tahun}, sedangkan gabungan ini untuk tahun "
                   f"{tahun}. Berkas disisihkan; gabungkan di folder tersendiri bila memang "
                   "diperlukan.")
            found.append(new_temuan("instansi-lain", schema.PROFIL_SHEET,
                                    k.profil_cells.get("tahun", ""), msg, k.nama,
                                    tingkat="peringatan"))
        else:
            msg = (f"Instansi di lembar Profil tertulis \"{k.instansi}\", sedangkan gabungan ini "
                   f"untuk \"{instansi}\" (Profil buku kerja Sekretariat). Berkas disisihkan, "
                   f"jadi isinya ({k.bidang or 'bidang tidak disebut'}) tidak ikut digabung. "
                   f"Bila ini kiriman instansi yang sama, tulis Instansi persis \"{instansi}\", "
                   "simpan, lalu kirim ulang.")
            found.append(new_temuan("instansi-lain", schema.PROFIL_SHEET,
                                    k.profil_cells.get("instansi", ""), msg, k.nama,
                                    tingkat=KESALAHAN))
        report(k, SET_ASIDE, msg)

    # -- which unit each file is from; an agency (merged) workbook among the units' files
    rnd = _Round.of(mine)
    for k in mine:
        k.unit, spelled = rnd.resolve(k, instansi, tahun)
        if not spelled:
            kenal = ", ".join(rnd.known.values())
            found.append(new_temuan(
                "bidang-tidak-dikenal", schema.PROFIL_SHEET, k.profil_cells.get("bidang", ""),
                f"Bidang \"{k.bidang}\" di lembar Profil tidak dikenal; yang dikenal: {kenal}. "
                + (f"Berkas ini dibaca sebagai kiriman {k.unit} (dari isinya). "
                   if norm(k.unit) in rnd.known else "")
                + "Tulis Bidang persis seperti di lembar PK, simpan, lalu kirim ulang.", k.nama))
    agency_id = workbook_id(instansi, tahun)
    unit_ids = {workbook_id(instansi, tahun, k.unit) for k in mine}
    if any(k.id_buku_kerja in unit_ids for k in mine):
        for k in [k for k in mine if k.id_buku_kerja == agency_id]:
            mine.remove(k)
            msg = ("Berkas ini buku kerja instansi atau hasil gabungan (memuat data semua "
                   "bidang), bukan kiriman satu bidang; tidak ikut digabung agar tidak "
                   "bertabrakan dengan kiriman bidang. Pindahkan dari folder kiriman.")
            report(k, SET_ASIDE, msg)
            found.append(new_temuan("berkas-gabungan", "", "", msg, k.nama))

    # -- one content per unit: duplicates count once, the newest version wins
    units: dict[tuple[str, str], list[Submission]] = {}
    for k in mine:
        # the same unit's workbook: same Bidang and same workbook id (a fresh template or
        # the agency workbook has another id: its rows are merged row by row instead)
        units.setdefault((norm(k.unit), norm(k.id_buku_kerja)), []).append(k)
    chosen: list[Submission] = []
    for group in units.values():
        distinct: list[Submission] = []
        for k in group:
            twin = next((d for d in distinct if d.fingerprint == k.fingerprint), None)
            if twin is None:
                distinct.append(k)
            else:
                report(k, DUPLICATE, f"Isinya sama persis dengan {_q(twin.nama)} ({k.unit}); "
                                     "dihitung sekali.")
        top = _newest(distinct)
        older = [d for d in distinct if d not in top]
        for d in older:
            report(d, OLD_REVISION,
                   f"Versi lama dari {d.unit} ({_version(d)}); digantikan berkas "
                   f"{_names([_q(t.nama) for t in top])} ({_version(top[0])}), yang dipakai.")
        for d in top:
            chosen.append(d)
            extra = (f"; menggantikan versi lama di {', '.join(_q(o.nama) for o in older)}"
                     if older else "")
            report(d, USED, f"Dipakai: {d.unit} ({_version(d)}){extra}.")
        if len(top) > 1:
            names = " dan ".join(_q(t.nama) for t in top)
            msg = (f"Berkas {names} sama-sama buku kerja {top[0].unit} dengan waktu simpan yang "
                   f"sama ({_when(top[0].saved)}), tetapi isinya berbeda, jadi tidak dapat "
                   "ditentukan mana yang terbaru. Baris yang sama di keduanya dihitung sekali; "
                   "baris yang berbeda tidak dipakai (lihat temuan konflik-baris). Hapus berkas "
                   "yang salah dari folder, atau buka berkas yang benar di Excel, simpan (agar "
                   "waktu simpannya paling baru), lalu gabung ulang.")
            found.append(new_temuan("konflik-revisi", "", "", msg, top[0].nama))
            for t in top:
                report(t, CONFLICT, msg)
    chosen.sort(key=_order_key)
    owners = _owners(chosen, rnd)
    # -- rows: identical rows from several files count once; a row its owner sent wins over
    #    another unit's different copy; otherwise different rows conflict
    parts: dict[int, dict[str, Any]] = {}
    for k in chosen:
        assert k.data is not None
        parts[id(k)] = {"profil": k.data["profil"], "meta": k.data["meta"],
                        "pengaturan": k.data["pengaturan"],
                        "sheets": {s.name: [] for s in schema.DATA_SHEETS}}
    accepted: list[tuple[schema.Sheet, str, dict[str, Any], list[Submission]]] = []
    overruled: dict[tuple[int, str], tuple[Submission, str, Submission, list[str]]] = {}
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
                rs.append({**row, ORIGIN: (k.nama, nums[i] if i < len(nums) else 0)})
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
            owner = owners.of(sheet.name, first_rows[0])
            own = [c for c in contribs4 if norm(c[0].unit) == norm(owner)]
            if own and len({c[3] for c in own}) == 1:
                keep = own[0][3]
                same = [c for c in contribs4 if c[3] == keep]
                parts[id(own[0][0])]["sheets"][sheet.name].extend(own[0][1])
                accepted.append((sheet, label, own[0][1][0], [c[0] for c in same]))
                for c in contribs4:
                    if c[3] == keep:
                        continue
                    diff = _differing_columns(sheet, own[0][1], c[1])
                    where = (f"{sheet.name} {label} (baris {', '.join(str(n) for n in c[2])}"
                             + (f"; berbeda di kolom {', '.join(diff)}" if diff else "") + ")")
                    entry = overruled.setdefault((id(c[0]), owner), (c[0], owner, own[0][0], []))
                    entry[3].append(where)
                continue
            where = ", ".join(
                f"{_q(c.nama)} (baris {', '.join(str(n) for n in ns)})"
                for c, _, ns in contribs)
            diff = _differing_columns(sheet, contribs[0][1], contribs[1][1])
            detail = f" Berbeda di kolom {', '.join(diff)}." if diff else ""
            if sheet.name in INDICATOR_SHEETS and isinstance(key[0], str):
                konflik.add(key[0])
            found.append(new_temuan("konflik-baris", sheet.name,
                "", f"Lembar {sheet.name} {label} diisi berbeda di {where}.{detail} Tidak ada yang "
                "dipakai: tetapkan isi yang benar di satu berkas, hapus baris itu dari berkas "
                "lain, lalu gabung ulang.", first_k.nama))
            for c, _, _ in contribs:
                b = status.get(id(c))
                if b is not None and b.status == USED:
                    b.pesan += f" Ada konflik baris dengan berkas lain (lembar {sheet.name})."
    for k, owner, by, rows in overruled.values():
        shown = "; ".join(rows[:6]) + (f"; dan {len(rows) - 6} lagi" if len(rows) > 6 else "")
        found.append(new_temuan(
            "ubah-milik-bidang-lain", "", "",
            f"Berkas {_q(k.nama)} ({k.unit}) mengisi baris milik {owner} dengan isi yang berbeda: "
            f"{shown}. Yang dipakai isi dari berkas {owner} sendiri ({_q(by.nama)}). Bila isian "
            f"di berkas ini yang benar, minta {owner} memperbaikinya di buku kerjanya; lalu hapus "
            "baris itu dari berkas ini dan gabung ulang.", k.nama))

    from lkj_excel.core.units import merge_units

    ordered = [parts[id(k)] for k in chosen]
    data = merge_units(ordered)

    # -- rows a unit does not own
    found.extend(_foreign_rows(data, accepted, owners))

    # -- units that sent nothing usable, and what is missing
    found.extend(_missing_units(data, rnd, mine, set_aside, unusable))

    # -- settings that differ between files
    base = chosen[0]
    for k in chosen[1:]:
        if canon_settings(k) != canon_settings(base):
            found.append(new_temuan("pengaturan-berbeda", schema.PENGATURAN_SHEET,
                "", f"Lembar Pengaturan di {_q(k.nama)} berbeda dengan di {_q(base.nama)}; yang "
                f"dipakai dari {_q(base.nama)}. Samakan pengaturannya bila perlu.", k.nama))

    for k in chosen:
        found.extend(k.temuan)
    found.extend(k.masalah for k in unusable if k.masalah is not None)
    return finish(data, instansi, tahun, chosen)


#: the key of a merged row that says where it came from: (file name, Excel row)
ORIGIN = "_asal"


def _version(k: Submission) -> str:
    rev = k.meta.get("revisi")
    saved = f"disimpan {_when(k.saved)}" if k.saved is not None else "tanpa waktu simpan"
    return f"revisi {rev}, {saved}" if rev not in (None, "", 0, 1) else saved


def _newest(distinct: list[Submission]) -> list[Submission]:
    """The newest of several contents of one unit: the highest Revisi, then the latest
    saved time (Excel and LibreOffice write it on every save). Several when nothing
    decides."""
    newest = max(d.revisi for d in distinct)
    top = [d for d in distinct if d.revisi == newest]
    if len(top) > 1 and all(d.saved is not None for d in top):
        latest = max(d.saved for d in top)  # type: ignore[type-var]
        top = [d for d in top if d.saved == latest]
    return top


def _missing_units(data: dict[str, Any], rnd: _Round, mine: list[Submission],
                   set_aside: list[Submission], unusable: list[Submission]) -> list[Temuan]:
    """A unit of the round with no usable file (the Sekretariat always; the units
    ``lkj pecah`` made when their roster is known), or whose indicators did not arrive."""
    from lkj_excel.core.units import missing_unit_text

    out: list[Temuan] = []
    present = {norm(k.unit) for k in mine}
    explained = {norm(k.unit or k.bidang) for k in set_aside}
    for k in unusable:
        stem = norm(Path(k.nama).stem)
        for unit in rnd.known.values():
            if norm(unit) in stem and norm(unit) not in present:
                explained.add(norm(unit))
                if k.masalah is not None and unit not in k.masalah.pesan:
                    k.masalah = Temuan(k.masalah.kode, KESALAHAN, k.masalah.lembar,
                                       k.masalah.sel, f"{k.masalah.pesan} Menurut nama "
                                       f"berkasnya ini kiriman {unit}: isinya tidak ikut "
                                       "digabung sampai berkasnya dikirim ulang sebagai .xlsx.",
                                       k.masalah.berkas)
                break
    expected = rnd.roster or [{"bidang": AGENCY, "indikator": [], "sasaran": [], "lembar": {}}]
    unread = [k.nama for k in unusable]
    merged = {norm(r.get("kode_indikator")) for r in data["sheets"].get("PK", [])}
    for item in expected:
        unit = item["bidang"]
        if norm(unit) in present:
            lost = [c for c in item["indikator"] if norm(c) not in merged]
            if lost:
                files = [_q(k.nama) for k in mine if norm(k.unit) == norm(unit)]
                out.append(new_temuan(
                    "indikator-hilang", "PK", "",
                    f"Indikator {_names(lost)} milik {unit} tidak ada di gabungan: berkas "
                    f"{_names(files)} tidak memuatnya. Minta {unit} mengisi indikator itu di "
                    "buku kerjanya (jangan menghapus barisnya), lalu gabung ulang.",
                    files[0][1:-1]))
            continue
        if norm(unit) in explained:
            continue
        what = []
        if item["indikator"]:
            what.append(f"indikator {_names(item['indikator'])}")
        sheets = [f"{n} ({v} baris)" for n, v in item["lembar"].items()
                  if n not in ("PK", "IKU") and (n != "Anggaran" or norm(unit) == norm(AGENCY)
                                                 or not item["indikator"])]
        if sheets:
            what.append("lembar " + _names(sheets))
        if not what:
            what = ["Profil penandatangan, LRA, Pegawai dan Narasi" if norm(unit) == norm(AGENCY)
                    else "isiannya"]
        hint = (f" Ada berkas yang tidak dapat dibaca di folder: {_names([_q(n) for n in unread])};"
                " periksa apakah salah satunya kiriman itu." if unread else "")
        out.append(new_temuan(
            "bidang-belum-mengirim", "", "",
            f"{missing_unit_text(unit)}, jadi "
            f"{' dan '.join(what)} tidak ikut dalam gabungan.{hint} Minta {unit} mengirim "
            "buku kerjanya (.xlsx), letakkan di folder ini, lalu gabung ulang."))
    return out


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
    ra = {k: v for k, v in a[0].items() if k != ORIGIN}
    rb = {k: v for k, v in b[0].items() if k != ORIGIN}
    ca, cb = dict(canon_row(ra)), dict(canon_row(rb))
    return [c.label for c in sheet.input_columns if ca.get(c.key) != cb.get(c.key)]


def _foreign_rows(data: dict[str, Any],
                  accepted: list[tuple[schema.Sheet, str, dict[str, Any], list[Submission]]],
                  owners: Any = None) -> list[Temuan]:
    from lkj_excel.core import units

    owners = owners or units.Owners(data)  # one lookup table for all rows
    known = set(owners.indikator) | {norm(r.get("kode_indikator"))
                                     for r in data["sheets"].get("PK", [])}
    per: dict[tuple[int, str], tuple[Submission, str, list[str]]] = {}
    for sheet, label, row, contributors in accepted:
        if sheet.name in units.INDICATOR_SHEETS and norm(row.get("kode_indikator")) not in known:
            continue  # indicator without PK row: the validator reports it
        owner = owners.of(sheet.name, row)
        for k in contributors:
            if norm(owner) != norm(k.unit or k.bidang):
                entry = per.setdefault((id(k), owner), (k, owner, []))
                entry[2].append(f"{sheet.name} {label}")
    out = []
    for k, owner, rows in per.values():
        shown = ", ".join(rows[:8]) + (f", dan {len(rows) - 8} lagi" if len(rows) > 8 else "")
        out.append(new_temuan("baris-bidang-lain",
            "", "", f"Berkas {_q(k.nama)} ({k.unit or k.bidang}) memuat {len(rows)} baris milik "
            f"{owner}: {shown}. Baris yang sama persis di berkas lain dihitung sekali. "
            f"Sebaiknya baris ini diisi hanya di buku kerja {owner}.", k.nama))
    return out
