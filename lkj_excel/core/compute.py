"""Computation: pure functions over the typed model (Decimal throughout, half-up rounding).

Formulas (see ../shared/spec/domain-notes.md):
- positive polarity: capaian = R / T x 100
- negative polarity: (2T - R) / T x 100 (default) or T / R x 100 (setting)
- T = 0 and R = 0 gives 100; other T = 0 cases (and R = 0 under T/R) cannot be computed
- optional cap (Batas Atas Capaian); predikat from the scale in the workbook, applied to
  the capaian rounded as shown (so the words always agree with the number printed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lkj_excel.core import schema
from lkj_excel.core.model import Picture, Row, Settings, WorkbookData, norm
from lkj_excel.core.numbers import round_half_up

TIDAK_DAPAT_DIHITUNG = schema.TIDAK_DAPAT_DIHITUNG
HUNDRED = Decimal(100)
PERSEN_DIGITS = 2  # serapan / efisiensi percentages


@dataclass(frozen=True)
class CapaianResult:
    nilai: Decimal | None
    alasan: str | None = None


def capaian(target: Decimal | None, realisasi: Decimal | None, polaritas: str | None,
            rumus_negatif: str = "2T-R", batas_atas: Decimal | None = None) -> CapaianResult:
    """Capaian in percent (unrounded), or ``nilai=None`` with the reason."""
    if target is None or realisasi is None:
        return CapaianResult(None, "target atau realisasi belum ada")
    negatif = (polaritas or "Positif").casefold() == "negatif"
    t, r = Decimal(target), Decimal(realisasi)
    if t == 0:
        if r == 0:
            value = HUNDRED
        else:
            return CapaianResult(None, TIDAK_DAPAT_DIHITUNG)
    elif not negatif:
        value = r / t * HUNDRED
    elif rumus_negatif == "T/R":
        if r == 0:
            return CapaianResult(None, TIDAK_DAPAT_DIHITUNG)
        value = t / r * HUNDRED
    else:
        value = (2 * t - r) / t * HUNDRED
    if batas_atas is not None and value > batas_atas:
        value = Decimal(batas_atas)
    return CapaianResult(value)


def predikat(nilai: Decimal | None, skala: Sequence[tuple[Decimal, str]]) -> str:
    """The band whose Batas Bawah (inclusive) is the highest not above ``nilai``.

    Values below every band take the lowest band. ``None`` gives "".
    """
    if nilai is None or not skala:
        return ""
    ordered = sorted(skala, key=lambda t: t[0], reverse=True)
    for bawah, nama in ordered:
        if nilai >= bawah:
            return nama
    return ordered[-1][1]


def realisasi_from(pembilang: Decimal, penyebut: Decimal, satuan: str | None) -> Decimal | None:
    """Pembilang / Penyebut (x 100 for satuan %); None when Penyebut is 0."""
    if penyebut == 0:
        return None
    value = Decimal(pembilang) / Decimal(penyebut)
    return value * HUNDRED if (satuan or "").strip() == schema.SATUAN_PERSEN else value


def percent(bagian: Decimal | None, keseluruhan: Decimal | None) -> Decimal | None:
    if bagian is None or not keseluruhan:
        return None
    return Decimal(bagian) / Decimal(keseluruhan) * HUNDRED


def _r2(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_half_up(value, PERSEN_DIGITS)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

@dataclass
class YearChange:
    tahun_lalu: int
    realisasi_lalu: Decimal | str
    selisih: Decimal | None  # None between categories (compared by their Peringkat)
    arah: str  # "naik", "turun", "tetap"


# ---------------------------------------------------------------------------
# Text targets (categories on the Skala Kategori)
# ---------------------------------------------------------------------------

#: why a text target's capaian cannot be said
KATEGORI_TIDAK_DIKENAL = "kategori tidak ada di Skala Kategori"
TIDAK_SEJENIS = "target dan realisasi tidak sejenis (kategori dan angka)"

Ranks = dict[str, tuple[str, int]]


def kategori_ranks(st: Settings) -> Ranks:
    """norm(kategori) -> (kategori as the scale spells it, peringkat); the first row wins."""
    out: Ranks = {}
    for k, n in st.kategori:
        out.setdefault(norm(k), (k, n))
    return out


def kategori_met(target: str, realisasi: str, ranks: Ranks) -> bool | None:
    """Met when the realisasi ranks at or above the target; None when either is unknown."""
    t, r = ranks.get(norm(target)), ranks.get(norm(realisasi))
    if t is None or r is None:
        return None
    return r[1] >= t[1]


def spelled(value: Any, ranks: Ranks) -> Any:
    """A category as the scale spells it (any other value as it is)."""
    if isinstance(value, str):
        hit = ranks.get(norm(value))
        return hit[0] if hit else " ".join(value.split())
    return value


def tercapai_kata(met: bool | None) -> str | None:
    """A target met or not in the report's words (Tercapai / Tidak Tercapai); None: not
    known."""
    return None if met is None else schema.TERCAPAI if met else schema.TIDAK_TERCAPAI


#: kinds whose value reads "" (not None) when the cell is empty
_TEXT_KINDS = frozenset(("text", "code", "choice"))


@dataclass
class IndikatorResult:
    """One indicator: what the engine computed, and every input value of its PK and IKU
    rows (``inputs``, by column key; readable as attributes: ``ind.alasan``,
    ``ind.target_renstra``). ``schema.INDIKATOR_OUTPUT`` declares the fields shown."""

    kode: str
    polaritas: str
    inputs: dict[str, Any] = field(default_factory=dict)
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    #: a number, or a category (as the Skala Kategori spells it) for a text target
    realisasi: Decimal | str | None = None
    realisasi_bulat: Decimal | str | None = None
    sumber_realisasi: str | None = None
    capaian: Decimal | None = None
    capaian_bulat: Decimal | None = None
    capaian_catatan: str | None = None
    predikat: str = ""
    #: the target is a category (WTP, A, BB...): capaian is met or not on the Skala Kategori
    kategori: bool = False
    #: the target as the scale spells it (a category), or the number
    target_tampil: Decimal | str | None = None
    #: the target was met: capaian as shown >= 100, or the category ranks at or above it
    tercapai: bool | None = None
    #: capaian of this year's realisasi against the Renstra's end target (a category:
    #: Tercapai / Tidak Tercapai)
    capaian_renstra: Decimal | None = None
    capaian_renstra_bulat: Decimal | str | None = None
    #: this year's target in the Target Renstra sheet, and the capaian against it
    target_renstra_tahun: Decimal | str | None = None
    capaian_renstra_tahun_tampil: Decimal | str | None = None
    riwayat: list[tuple[int, Decimal | str]] = field(default_factory=list)
    pembanding: list[tuple[str, Decimal | None]] = field(default_factory=list)
    kejadian: list[Row] = field(default_factory=list)
    #: the Kejadian rows grouped by Keterangan (FKUB, P4GN...), with counts per status
    kejadian_groups: list[KejadianGroup] = field(default_factory=list)
    year_change: YearChange | None = None
    pk_row: Row | None = None
    iku_row: Row | None = None

    def __getattr__(self, key: str) -> Any:
        # only reached for names that are not fields: the input columns of PK and IKU
        col = schema.INDIKATOR_INPUTS.get(key)
        if col is None or key.startswith("__"):
            raise AttributeError(key)
        value = self.__dict__.get("inputs", {}).get(key)
        return "" if value is None and col.kind in _TEXT_KINDS else value

    @property
    def capaian_tampil(self) -> Decimal | str | None:
        """The capaian as shown: rounded, "Tercapai"/"Tidak Tercapai" (a text target), or
        "tidak dapat dihitung", or None (not yet)."""
        if self.capaian_bulat is not None:
            return self.capaian_bulat
        if self.kategori and self.tercapai is not None:
            return tercapai_kata(self.tercapai)
        return TIDAK_DAPAT_DIHITUNG if self.capaian_catatan == TIDAK_DAPAT_DIHITUNG else None

    def output(self, o: schema.Output) -> Any:
        """The value of one declared output field."""
        return getattr(self, o.source)


@dataclass
class KejadianGroup:
    """Kejadian rows of one indicator that share a Keterangan ("" for rows without one)."""

    keterangan: str
    rows: list[Row]
    #: (status, count) in the order of ``schema.STATUS_KEJADIAN``, counts above zero
    per_status: list[tuple[str, int]]


def kejadian_groups(rows: list[Row]) -> list[KejadianGroup]:
    """Rows grouped by Keterangan in order of first appearance (first spelling wins)."""
    groups: dict[str, KejadianGroup] = {}
    for row in rows:
        ket = " ".join(str(row["keterangan"] or "").split())
        g = groups.get(norm(ket))
        if g is None:
            g = groups[norm(ket)] = KejadianGroup(ket, [], [])
        g.rows.append(row)
    for g in groups.values():
        counts = {s: 0 for s in schema.STATUS_KEJADIAN}
        other = 0
        for row in g.rows:
            if row["status"] in counts:
                counts[row["status"]] += 1
            else:
                other += 1
        g.per_status = [(s, n) for s, n in counts.items() if n]
        if other:
            g.per_status.append(("", other))
    return list(groups.values())


@dataclass
class KegiatanResult:
    kegiatan: str
    anggaran: Decimal | None
    realisasi: Decimal | None
    serapan_persen: Decimal | None
    row: Row | None = None


@dataclass
class ProgramResult:
    program: str
    kode_sasaran: str
    anggaran: Decimal
    realisasi: Decimal | None
    serapan_persen: Decimal | None
    efisiensi: Decimal | None
    efisiensi_persen: Decimal | None
    kegiatan: list[KegiatanResult] = field(default_factory=list)
    row: Row | None = None
    #: the indicators of the program's sasaran (its Kode Sasaran), in PK order
    indikator: list[IndikatorResult] = field(default_factory=list)

    @property
    def tercapai(self) -> bool | None:
        """Every indicator of its sasaran met its target (None: no indicator, or one whose
        capaian is not known)."""
        if not self.indikator or any(i.tercapai is None for i in self.indikator):
            return None
        return all(i.tercapai for i in self.indikator)


@dataclass
class AnggaranResult:
    anggaran: Decimal
    realisasi: Decimal
    serapan_persen: Decimal | None
    efisiensi: Decimal
    efisiensi_persen: Decimal | None
    program: list[ProgramResult] = field(default_factory=list)

    @property
    def terendah(self) -> ProgramResult | None:
        """The program with the lowest serapan (the first of equals), None without any."""
        known = [p for p in self.program if p.serapan_persen is not None]
        if not known:
            return None
        return min(known, key=lambda p: p.serapan_persen)  # type: ignore[arg-type,return-value]


@dataclass
class LraResult:
    kode: str
    uraian: str
    tingkat: int
    anggaran: Decimal | None
    realisasi: Decimal | None
    realisasi_lalu: Decimal | None
    serapan_persen: Decimal | None
    row: Row | None = None


@dataclass
class PegawaiResult:
    jumlah: int
    per_jenis: dict[str, int]
    kelompok: dict[str, dict[str, list[tuple[str, int]]]]


@dataclass
class GambarResult:
    """One picture of the Gambar sheet with its row's Bagian and Judul."""

    bagian: str
    judul: str
    picture: Picture
    row: Row


@dataclass
class Ikhtisar:
    """The year in figures, for the Ikhtisar Eksekutif and the conclusion."""

    n_sasaran: int
    indikator: list[IndikatorResult]
    tercapai: list[IndikatorResult]
    belum_tercapai: list[IndikatorResult]
    #: indicators whose capaian is not known (no realisasi yet, cannot be computed)
    tanpa_capaian: list[IndikatorResult]
    #: the indicators with the highest and the lowest capaian as shown (numbers only)
    tertinggi: list[IndikatorResult]
    terendah: list[IndikatorResult]

    @property
    def semua_tercapai(self) -> bool:
        """Every indicator met its target (and there is at least one)."""
        return bool(self.indikator) and len(self.tercapai) == len(self.indikator)


def sasaran_key(ind: IndikatorResult) -> str:
    """Which sasaran an indicator serves, matched as the contract matches codes (``norm``):
    its Kode Sasaran, or without one its Sasaran Strategis ("SS1" and "ss1 " are one)."""
    return norm(ind.kode_sasaran) or norm(ind.sasaran)


def ikhtisar(indikator: list[IndikatorResult]) -> Ikhtisar:
    sasaran = {sasaran_key(i) for i in indikator}
    angka = [i for i in indikator if i.capaian_bulat is not None]
    top = max((i.capaian_bulat for i in angka), default=None)
    low = min((i.capaian_bulat for i in angka), default=None)
    return Ikhtisar(
        n_sasaran=len(sasaran), indikator=list(indikator),
        tercapai=[i for i in indikator if i.tercapai is True],
        belum_tercapai=[i for i in indikator if i.tercapai is False],
        tanpa_capaian=[i for i in indikator if i.tercapai is None],
        tertinggi=[i for i in angka if i.capaian_bulat == top],
        terendah=[i for i in angka if i.capaian_bulat == low])


@dataclass
class Result:
    profil: dict[str, Any]
    settings: Settings
    indikator: list[IndikatorResult]
    anggaran: AnggaranResult
    lra: list[LraResult]
    pegawai: PegawaiResult
    narasi: dict[str, list[str]]
    #: the quarters (``core.triwulan.TriwulanResult``), set by the engine after compute
    triwulan: Any = None
    #: Cascading rows (how each sasaran serves the RPJMD) by norm(Kode Sasaran)
    cascading: dict[str, Row] = field(default_factory=dict)
    #: the pictures of the Gambar sheet, in row order
    gambar: list[GambarResult] = field(default_factory=list)
    ringkas: Ikhtisar | None = None

    def gambar_of(self, bagian: str) -> list[GambarResult]:
        return [g for g in self.gambar if norm(g.bagian) == norm(bagian)]

    @property
    def reviu(self) -> bool:
        """The Profil's reviu rows are all filled: the report has its reviu page."""
        return all(self.profil.get(k) not in (None, "") for k in schema.PROFIL_REVIU)

    def sasaran(self) -> list[tuple[str, str, list[IndikatorResult]]]:
        """Indicators grouped by sasaran (``sasaran_key``), in PK order: (Kode Sasaran, or
        the Sasaran without one, and the Sasaran, as its first indicator spells them)."""
        groups: dict[str, tuple[str, str, list[IndikatorResult]]] = {}
        for ind in self.indikator:
            groups.setdefault(sasaran_key(ind), (ind.kode_sasaran or ind.sasaran,
                                                 ind.sasaran, []))[2].append(ind)
        return list(groups.values())


# ---------------------------------------------------------------------------
# Computing a workbook
# ---------------------------------------------------------------------------

def realisasi_indikator(iku: Row | None, satuan: str, kejadian: list[Row]
                        ) -> tuple[Decimal | None, str | None, Decimal | None, Decimal | None]:
    """(realisasi, sumber, pembilang, penyebut) by the contract's rules."""
    pembilang = iku["pembilang"] if iku else None
    penyebut = iku["penyebut"] if iku else None
    if pembilang is not None and penyebut is not None:
        real = realisasi_from(pembilang, penyebut, satuan)
        return real, "pembilang-penyebut", pembilang, penyebut
    if pembilang is None and penyebut is None and kejadian:
        handled = sum(1 for k in kejadian if k["status"] in schema.STATUS_TERTANGANI)
        p, q = Decimal(handled), Decimal(len(kejadian))
        return realisasi_from(p, q, satuan), "kejadian", p, q
    if iku is not None and iku["realisasi"] is not None:
        return iku["realisasi"], "input", pembilang, penyebut
    return None, None, pembilang, penyebut


def versus(target: Any, realisasi: Any, ind: IndikatorResult, st: Settings, ranks: Ranks
           ) -> tuple[Decimal | None, Decimal | str | None]:
    """(capaian unrounded, capaian as shown) of ``realisasi`` against another target of
    the same indicator (the Renstra's): categories give Tercapai / Tidak Tercapai."""
    if isinstance(target, str) or isinstance(realisasi, str):
        if not (isinstance(target, str) and isinstance(realisasi, str)):
            return None, None
        return None, tercapai_kata(kategori_met(target, realisasi, ranks))
    value = capaian(target, realisasi, ind.polaritas, st.rumus_negatif, st.batas_atas).nilai
    return value, None if value is None else round_half_up(value, st.desimal)


def compute_indikator(pk: Row, iku: Row | None, kejadian: list[Row], st: Settings,
                      ranks: Ranks | None = None) -> IndikatorResult:
    ranks = kategori_ranks(st) if ranks is None else ranks
    inputs = {**(iku.values if iku is not None else {}), **pk.values}
    ind = IndikatorResult(kode=pk.get("kode_indikator", ""),
                          polaritas=pk.get("polaritas", "Positif"), inputs=inputs,
                          pk_row=pk, iku_row=iku, kejadian=kejadian)
    real, sumber, p, q = realisasi_indikator(iku, ind.satuan, kejadian)
    ind.sumber_realisasi, ind.pembilang, ind.penyebut = sumber, p, q
    target = ind.target
    ind.kategori = isinstance(target, str)
    ind.target_tampil = spelled(target, ranks)
    if isinstance(real, str):
        real = spelled(real, ranks)
    ind.realisasi = real
    if ind.kategori or isinstance(real, str):
        ind.realisasi_bulat = real if isinstance(real, str) else (
            None if real is None else round_half_up(real, st.desimal))
        if target is None or real is None:
            ind.capaian_catatan = "target atau realisasi belum ada"
        elif not (isinstance(target, str) and isinstance(real, str)):
            ind.capaian_catatan = TIDAK_SEJENIS
        else:
            ind.tercapai = kategori_met(target, real, ranks)
            if ind.tercapai is None:
                ind.capaian_catatan = KATEGORI_TIDAK_DIKENAL
    else:
        if real is not None:
            ind.realisasi_bulat = round_half_up(real, st.desimal)
        res = capaian(target, real, ind.polaritas, st.rumus_negatif, st.batas_atas)
        ind.capaian, ind.capaian_catatan = res.nilai, res.alasan
        if sumber == "pembilang-penyebut" and real is None and target is not None:
            ind.capaian_catatan = TIDAK_DAPAT_DIHITUNG  # Penyebut 0
        if res.nilai is not None:
            ind.capaian_bulat = round_half_up(res.nilai, st.desimal)
            ind.predikat = predikat(ind.capaian_bulat, st.skala)
            ind.tercapai = ind.capaian_bulat >= HUNDRED
    ind.capaian_renstra, ind.capaian_renstra_bulat = versus(
        ind.target_renstra, real, ind, st, ranks)
    kejadian_rows = kejadian
    ind.kejadian_groups = kejadian_groups(kejadian_rows) if kejadian_rows else []
    return ind


def year_change(riwayat: list[tuple[int, Decimal | str]], tahun: int | None,
                sekarang: Decimal | str | None, ranks: Ranks | None = None
                ) -> YearChange | None:
    """Change from the latest earlier year to this year's (rounded) realisasi; categories
    by their Peringkat on the Skala Kategori."""
    earlier = [(t, r) for t, r in riwayat if tahun is None or t < tahun]
    if not earlier or sekarang is None:
        return None
    t, r = max(earlier, key=lambda x: x[0])
    if isinstance(r, str) or isinstance(sekarang, str):
        ranks = ranks or {}
        a = ranks.get(norm(r)) if isinstance(r, str) else None
        b = ranks.get(norm(sekarang)) if isinstance(sekarang, str) else None
        if a is None or b is None:
            return None
        step = b[1] - a[1]
        return YearChange(t, spelled(r, ranks), None,
                          "naik" if step > 0 else "turun" if step < 0 else "tetap")
    diff = sekarang - r
    arah = "naik" if diff > 0 else "turun" if diff < 0 else "tetap"
    return YearChange(t, r, diff, arah)


def compute_anggaran(rows: list[Row]) -> AnggaranResult:
    programs: list[ProgramResult] = []
    by_name: dict[str, ProgramResult] = {}
    for row in rows:
        if row["kegiatan"] is None and row["anggaran"] is not None:
            a, r = row["anggaran"], row["realisasi"]
            p = ProgramResult(
                program=row.get("program", ""), kode_sasaran=row.get("kode_sasaran", ""),
                anggaran=a, realisasi=r, serapan_persen=_r2(percent(r, a)),
                efisiensi=None if r is None else a - r,
                efisiensi_persen=None if r is None else _r2(percent(a - r, a)), row=row)
            programs.append(p)
            by_name.setdefault(norm(p.program), p)
    for row in rows:
        if row["kegiatan"] is not None:
            p = by_name.get(norm(row["program"]))
            if p is not None:
                a, r = row["anggaran"], row["realisasi"]
                p.kegiatan.append(KegiatanResult(row["kegiatan"], a, r, _r2(percent(r, a)), row))
    total_a = sum((p.anggaran for p in programs), Decimal(0))
    total_r = sum((p.realisasi or Decimal(0) for p in programs), Decimal(0))
    return AnggaranResult(
        anggaran=total_a, realisasi=total_r, serapan_persen=_r2(percent(total_r, total_a)),
        efisiensi=total_a - total_r, efisiensi_persen=_r2(percent(total_a - total_r, total_a)),
        program=programs)


def lra_parent(kode: str, codes: set[str]) -> str | None:
    """The nearest existing ancestor code of ``kode`` ("5.1.1" -> "5.1" -> "5")."""
    parts = kode.split(".")
    while len(parts) > 1:
        parts = parts[:-1]
        cand = ".".join(parts)
        if cand in codes:
            return cand
    return None


def compute_lra(rows: list[Row]) -> list[LraResult]:
    out = []
    for row in rows:
        kode = str(row.get("kode_rekening", "")).strip()
        out.append(LraResult(
            kode=kode, uraian=row.get("uraian", ""), tingkat=kode.count(".") + 1,
            anggaran=row["anggaran"], realisasi=row["realisasi"],
            realisasi_lalu=row["realisasi_lalu"],
            serapan_persen=_r2(percent(row["realisasi"], row["anggaran"])), row=row))
    return out


def compute_pegawai(rows: list[Row]) -> PegawaiResult:
    kelompok: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for row in rows:
        jenis, grp = row["jenis"], row["pengelompokan"]
        if jenis is None or grp is None or row["jumlah"] is None:
            continue
        kelompok.setdefault(jenis, {}).setdefault(grp, []).append(
            (row.get("uraian", ""), int(row["jumlah"])))
    per_jenis = {j: sum(n for _, n in next(iter(g.values()))) for j, g in kelompok.items()}
    return PegawaiResult(jumlah=sum(per_jenis.values()), per_jenis=per_jenis, kelompok=kelompok)


def compute_workbook(data: WorkbookData) -> Result:
    st = data.settings
    ranks = kategori_ranks(st)
    iku_by = {}
    for row in data.iku:
        iku_by.setdefault(norm(row["kode_indikator"]), row)
    kej_by: dict[str, list[Row]] = defaultdict(list)
    for row in data.kejadian:
        kej_by[norm(row["kode_indikator"])].append(row)
    riw_by: dict[str, list[tuple[int, Decimal | str]]] = defaultdict(list)
    for row in data.sheet("Riwayat"):
        if row["tahun"] is not None and row["realisasi"] is not None:
            riw_by[norm(row["kode_indikator"])].append(
                (row["tahun"], spelled(row["realisasi"], ranks)))
    renstra_by: dict[str, Decimal | str] = {}
    for row in data.sheet("Target Renstra"):
        if row["tahun"] is not None and row["tahun"] == data.tahun:
            renstra_by.setdefault(norm(row["kode_indikator"]), row["target"])
    pem_by: dict[str, list[tuple[str, Decimal | None]]] = defaultdict(list)
    for row in data.sheet("Pembanding"):
        pem_by[norm(row["kode_indikator"])].append((row.get("pembanding", ""), row["realisasi"]))

    indikator = []
    seen: set[str] = set()
    for pk in data.pk:
        k = norm(pk["kode_indikator"])
        if not k or k in seen:
            continue
        seen.add(k)
        ind = compute_indikator(pk, iku_by.get(k), kej_by.get(k, []), st, ranks)
        ind.riwayat = sorted(riw_by.get(k, []), key=lambda x: x[0])
        ind.pembanding = pem_by.get(k, [])
        ind.year_change = year_change(ind.riwayat, data.tahun, ind.realisasi_bulat, ranks)
        if renstra_by.get(k) is not None:
            ind.target_renstra_tahun = spelled(renstra_by[k], ranks)
            ind.capaian_renstra_tahun_tampil = versus(ind.target_renstra_tahun, ind.realisasi,
                                                      ind, st, ranks)[1]
        indikator.append(ind)

    narasi: dict[str, list[str]] = {}
    for row in data.sheet("Narasi"):
        if row["bagian"] and row["isi"]:
            narasi.setdefault(row["bagian"], []).append(row["isi"])
    anggaran = compute_anggaran(data.anggaran)
    by_sasaran: dict[str, list[IndikatorResult]] = defaultdict(list)
    for ind in indikator:
        by_sasaran[sasaran_key(ind)].append(ind)
    for prog in anggaran.program:
        if norm(prog.kode_sasaran):
            prog.indikator = by_sasaran.get(norm(prog.kode_sasaran), [])
    cascading: dict[str, Row] = {}
    for row in data.sheet("Cascading"):
        if row["kode_sasaran"]:
            cascading.setdefault(norm(row["kode_sasaran"]), row)
    return Result(
        profil=dict(data.profil), settings=st, indikator=indikator,
        anggaran=anggaran, lra=compute_lra(data.lra),
        pegawai=compute_pegawai(data.pegawai), narasi=narasi, cascading=cascading,
        gambar=gambar_of_rows(data), ringkas=ikhtisar(indikator))


def pictures_by_row(pictures: Sequence[Picture] | None) -> dict[int, Picture]:
    """The picture of each Gambar row: the first whose top-left corner sits on it (one
    row, one picture, in the report as in a split or merge; the others are the
    validator's findings)."""
    by_row: dict[int, Picture] = {}
    for pic in pictures or []:
        by_row.setdefault(pic.row, pic)
    return by_row


def gambar_of_rows(data: WorkbookData) -> list[GambarResult]:
    """Each Gambar row's picture (``pictures_by_row``) with the row's Bagian and Judul
    (pictures elsewhere, more than one on a row and rows without a picture are the
    validator's findings)."""
    by_row = pictures_by_row(data.pictures)
    out = []
    for row in data.sheet("Gambar"):
        pic = by_row.get(row.row)
        if pic is not None:
            out.append(GambarResult(row.get("bagian", ""), " ".join(
                str(row.get("judul", "")).split()), pic, row))
    return out
