"""The analysts' tables, declared as data, and the builders from one computed workbook.

Long and tidy: one row per fact, snake_case column names, identity first (instansi,
tahun). Kinds say how a value is written: ``text``, ``int``, ``number`` (indicator figures
and percentages: numbers, rounded as the report prints them) and ``money`` (Decimal, exact
to the sen in every output).

Adding a column: the indicator table takes any key of ``schema.INDIKATOR_OUTPUT`` or of the
PK/IKU input columns (``INDIKATOR_KEYS``, one word); a table of a data sheet's rows takes its
columns from the schema sheet (``sheet_table``). A new table (the quarters, say) is one
``Table`` here and one builder in ``rows_of``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Protocol

from lkj_excel.core import schema
from lkj_excel.core.compute import kategori_ranks, spelled, tercapai_kata
from lkj_excel.core.engine import Checked
from lkj_excel.core.model import Row, norm
from lkj_excel.core.temuan import Temuan

Kind = Literal["text", "int", "number", "money"]
SEN = Decimal("0.01")


@dataclass(frozen=True)
class Col:
    key: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Col, ...]
    #: the columns that identify a row (unique over a merged rekap)
    keys: tuple[str, ...]
    #: what one row is, in Indonesian (the .xlsx notes and the README)
    note: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def kind(self, key: str) -> Kind:
        return next(c.kind for c in self.columns if c.key == key)


_KIND_OF_SCHEMA: dict[str, Kind] = {"money": "money", "number": "number", "int": "int",
                                    "year": "int", "number_or_category": "number"}


def _kind(schema_kind: str) -> Kind:
    return _KIND_OF_SCHEMA.get(schema_kind, "text")


def _cols(keys: Iterable[str], kinds: Mapping[str, str]) -> tuple[Col, ...]:
    return tuple(Col(k, _kind(kinds.get(k, "text"))) for k in keys)


IDENTITAS = (Col("instansi"), Col("tahun", "int"))
BERKAS = Col("berkas")

# -- indikator: the engine's declared outputs and the PK/IKU inputs, by key ------------------

_OUTPUT = {o.key: o for o in schema.INDIKATOR_OUTPUT}
#: the indicator table's columns after instansi, pemda, tahun: any output key or input
#: column key of PK/IKU ("kode_indikator" is the indicator's code)
INDIKATOR_KEYS = ("kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan",
                  "polaritas", "target", "realisasi", "capaian", "capaian_catatan", "predikat",
                  "tercapai", "target_renstra", "standar_nasional", "bidang")
_INDIKATOR_KINDS = {**{c.key: c.kind for c in schema.INDIKATOR_INPUTS.values()},
                    **{o.key: o.kind for o in schema.INDIKATOR_OUTPUT}}
#: a column that takes a number or a category (WTP, A, BB) keeps numbers in its own column
#: and the category, as text, in ``<key>_kategori`` beside it
KATEGORI_KEYS = tuple(k for k in INDIKATOR_KEYS if k in schema.INDIKATOR_INPUTS
                      and schema.INDIKATOR_INPUTS[k].kind == "number_or_category")
INDIKATOR_KEYS = tuple(x for k in INDIKATOR_KEYS
                       for x in ((k, f"{k}_kategori") if k in KATEGORI_KEYS else (k,)))


def indikator_value(ind: Any, key: str) -> Any:
    """One field of an ``IndikatorResult`` by the table's key."""
    if key == "kode_indikator":
        return ind.kode
    if key == "capaian_catatan":  # why capaian is empty ("tidak dapat dihitung", ...)
        if ind.capaian is not None:
            return None
        if ind.kategori and ind.tercapai is not None:  # a text target (WTP, A, BB): met
            return "target berupa kategori: lihat kolom tercapai"  # or not, no percentage
        return ind.capaian_catatan  # why neither can be said (the engine's reason)
    if key.endswith("_kategori") and key[:-len("_kategori")] in KATEGORI_KEYS:
        return _category(indikator_value(ind, key[:-len("_kategori")]))
    if key == "tercapai":  # as the report says it
        return tercapai_kata(ind.tercapai)
    o = _OUTPUT.get(key)
    return ind.output(o) if o is not None else getattr(ind, key)


INDIKATOR = Table(
    "indikator",
    (IDENTITAS[0], Col("pemda"), IDENTITAS[1],
     *_cols(INDIKATOR_KEYS, _INDIKATOR_KINDS), BERKAS),
    ("instansi", "tahun", "kode_indikator"),
    "Satu baris per indikator kinerja per instansi dan tahun: target, realisasi dan capaian "
    "seperti tercetak di laporan (dibulatkan menurut Desimal instansi itu).")

RIWAYAT = Table(
    "riwayat",
    (*IDENTITAS, Col("kode_indikator"), Col("realisasi", "number"), Col("realisasi_kategori"),
     Col("sumber"), Col("tahun_sumber", "int"), BERKAS),
    ("instansi", "tahun", "kode_indikator"),
    "Satu baris per indikator per tahun: realisasi tahun laporan (sumber 'dihitung') dan "
    "tahun-tahun sebelumnya dari lembar Riwayat (sumber 'Riwayat', dari buku kerja "
    "tahun_sumber); realisasi berupa kategori (WTP, A...) di realisasi_kategori. Bila ada "
    "buku kerja tahun itu sendiri, angkanya yang dipakai.")

_ANGGARAN_KINDS = {**{c.key: c.kind for c in schema.ANGGARAN.columns},
                   **{c.key: c.kind for c in schema.RINGKASAN_ANGGARAN}}
ANGGARAN = Table(
    "anggaran",
    (*IDENTITAS, *_cols(("kode_sasaran", "program", "anggaran", "realisasi", "serapan_persen",
                         "efisiensi", "efisiensi_persen"), _ANGGARAN_KINDS), BERKAS),
    ("instansi", "tahun", "program"),
    "Satu baris per program: anggaran, realisasi, serapan dan efisiensi (rupiah tepat).")

_LRA_KINDS = {c.key: c.kind for c in schema.LRA.columns}
LRA = Table(
    "lra",
    (*IDENTITAS, *_cols(("kode_rekening", "uraian"), _LRA_KINDS), Col("tingkat", "int"),
     *_cols(("anggaran", "realisasi", "realisasi_lalu"), _LRA_KINDS),
     Col("serapan_persen", "number"), BERKAS),
    ("instansi", "tahun", "kode_rekening"),
    "Satu baris per kode rekening Laporan Realisasi Anggaran (tingkat 1 = 5, 2 = 5.1, ...).")


def sheet_table(name: str, sheet: schema.Sheet, note: str) -> Table:
    """A table of a data sheet's input rows, its columns from the schema."""
    cols = tuple(Col(c.key, _kind(c.kind)) for c in sheet.input_columns)
    return Table(name, (*IDENTITAS, *cols, BERKAS),
                 ("instansi", "tahun", *(sheet.unique or (cols[0].key,))), note)


PEGAWAI = sheet_table("pegawai", schema.PEGAWAI,
                      "Satu baris per jenis pegawai, pengelompokan dan uraian (jumlah orang).")

TEMUAN = Table(
    "temuan",
    (*IDENTITAS, BERKAS, Col("kode"), Col("tingkat"), Col("lembar"), Col("sel"), Col("pesan")),
    (),
    "Setiap temuan: berkas, kode, tingkat, lembar, sel dan pesannya. Temuan data gabungan "
    "menyebut sel buku kerja gabungan yang ditulis lkj gabung dari berkas yang sama.")

BERKAS_TABLE = Table(
    "berkas",
    (*IDENTITAS, BERKAS, Col("bidang"), Col("status"), Col("revisi", "int"), Col("pesan")),
    ("berkas",),
    "Setiap berkas yang ditemukan dan apa yang terjadi padanya (dipakai, ganda, revisi lama, "
    "tidak terbaca, dilewati...).")

TABLES: tuple[Table, ...] = (INDIKATOR, RIWAYAT, ANGGARAN, LRA, PEGAWAI, TEMUAN, BERKAS_TABLE)
TABLES_BY_NAME = {t.name: t for t in TABLES}

#: the riwayat candidates a part carries until ``consolidate`` picks one per year
_KANDIDAT = "_riwayat_kandidat"


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------

class Sources(Protocol):
    """Where the rows of one computed workbook came from."""

    def names(self, sheet: str, row: Row | None) -> str:
        """The file(s) a row of ``sheet`` came from."""

    def cell(self, sheet: str, row: Row, key: str) -> tuple[str, str]:
        """(file, cell) of one value of a row, in the file it came from."""


@dataclass(frozen=True)
class OneFile:
    """Every row from one file, at the cells the reader read."""

    nama: str

    def names(self, sheet: str, row: Row | None) -> str:
        return self.nama

    def cell(self, sheet: str, row: Row, key: str) -> tuple[str, str]:
        return self.nama, row.cell(key)


def _number(value: Any) -> Decimal | int | None:
    return value if isinstance(value, Decimal | int) and not isinstance(value, bool) else None


def _category(value: Any) -> str | None:
    """A category value (WTP, A, BB...) as text; None for a number or nothing."""
    return value.strip() or None if isinstance(value, str) else None


def clean_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """Values of the declared kinds only: a number column never holds text."""
    out = {}
    for c in table.columns:
        v = row.get(c.key)
        if c.kind in ("number", "money"):
            v = _number(v)
            v = Decimal(v) if isinstance(v, int) else v
            if c.kind == "money" and v is not None and v.is_finite() and \
                    v.as_tuple().exponent >= -2:  # type: ignore[operator]
                v = v.quantize(SEN)  # rupiah to the sen: 1373010900.0 -> 1373010900.00
        elif c.kind == "int":
            v = int(v) if isinstance(v, int | Decimal) and not isinstance(v, bool) else None
        elif v is not None and not isinstance(v, str):
            v = str(v)
        if v == "":
            v = None  # empty is empty, whichever way the engine says it
        out[c.key] = v
    return out


def temuan_row(f: Temuan, instansi: str | None = None, tahun: int | None = None
               ) -> dict[str, Any]:
    return clean_row(TEMUAN, {"instansi": instansi, "tahun": tahun, **f.as_dict()})


def rows_of(p: Checked, src: Sources) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one computed workbook (merged or single)."""
    h = p.result
    ident = {"instansi": h.profil.get("instansi"), "tahun": p.data.tahun}
    pemda = h.profil.get("pemda")
    out: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    kandidat: list[dict[str, Any]] = []
    known: dict[str, str] = {}
    for ind in h.indikator:
        row = {**ident, "pemda": pemda, "berkas": src.names("IKU", ind.iku_row)
               if ind.iku_row is not None else src.names("PK", ind.pk_row)}
        row.update({k: indikator_value(ind, k) for k in INDIKATOR_KEYS})
        out[INDIKATOR.name].append(clean_row(INDIKATOR, row))
        known[norm(ind.kode)] = ind.kode
        if ident["tahun"] is not None and ind.realisasi_bulat is not None:
            kandidat.append({**ident, "kode_indikator": ind.kode,
                             "realisasi": ind.realisasi_bulat,
                             "realisasi_kategori": _category(ind.realisasi_bulat),
                             "sumber": "dihitung",
                             "tahun_sumber": ident["tahun"], "berkas": row["berkas"],
                             "sel": ""})
    ranks = kategori_ranks(p.data.settings)
    for r in p.data.sheet(schema.RIWAYAT.name):
        kode = known.get(norm(r["kode_indikator"]))
        if kode is None or not isinstance(r["tahun"], int) or (
                _number(r["realisasi"]) is None and _category(r["realisasi"]) is None):
            continue  # not an indicator of PK, or an unusable row: the validator says so
        # a category as the Skala Kategori spells it, as the year's computed one is
        realisasi = spelled(r["realisasi"], ranks)
        kandidat.append({"instansi": ident["instansi"], "tahun": r["tahun"],
                         "kode_indikator": kode, "realisasi": realisasi,
                         "realisasi_kategori": _category(realisasi),
                         "sumber": "Riwayat", "tahun_sumber": ident["tahun"],
                         **dict(zip(("berkas", "sel"),
                                    src.cell(schema.RIWAYAT.name, r, "realisasi"),
                                    strict=True))})
    out[_KANDIDAT] = kandidat
    for g in h.anggaran.program:
        row = {**ident, "kode_sasaran": g.kode_sasaran, "program": g.program,
               "anggaran": g.anggaran, "realisasi": g.realisasi,
               "serapan_persen": g.serapan_persen, "efisiensi": g.efisiensi,
               "efisiensi_persen": g.efisiensi_persen,
               "berkas": src.names(schema.ANGGARAN.name, g.row)}
        out[ANGGARAN.name].append(clean_row(ANGGARAN, row))
    for a in h.lra:
        row = {**ident, "kode_rekening": a.kode, "uraian": a.uraian, "tingkat": a.tingkat,
               "anggaran": a.anggaran, "realisasi": a.realisasi,
               "realisasi_lalu": a.realisasi_lalu, "serapan_persen": a.serapan_persen,
               "berkas": src.names(schema.LRA.name, a.row)}
        out[LRA.name].append(clean_row(LRA, row))
    for r in p.data.sheet(schema.PEGAWAI.name):
        row = {**ident, **r.values, "berkas": src.names(schema.PEGAWAI.name, r)}
        out[PEGAWAI.name].append(clean_row(PEGAWAI, row))
    out[TEMUAN.name] = [temuan_row(f, ident["instansi"], ident["tahun"]) for f in p.temuan]
    return out


def consolidate(parts: Iterable[dict[str, list[dict[str, Any]]]]
                ) -> dict[str, list[dict[str, Any]]]:
    """The parts joined into the tables; ``riwayat`` gets one row per agency, year and
    indicator (the year's own workbook first, then the latest workbook's Riwayat). A
    Riwayat figure that differs from the one chosen is a finding at its cell."""
    from lkj_excel.core.numbers import format_angka
    from lkj_excel.core.temuan import new_temuan

    tables: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    kandidat: list[dict[str, Any]] = []
    for part in parts:
        for name, rows in part.items():
            (kandidat if name == _KANDIDAT else tables[name]).extend(rows)
    groups: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for k in kandidat:
        groups.setdefault((norm(k["instansi"]), k["tahun"], norm(k["kode_indikator"])),
                          []).append(k)
    def rank(k: dict[str, Any]) -> tuple[int, int]:
        return (k["sumber"] == "dihitung", k["tahun_sumber"] or 0)

    for _, ks in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1],
                                                        natural_key(kv[0][2]))):
        best = max(ks, key=rank)  # max keeps the first of equals: the input order
        tables[RIWAYAT.name].append(clean_row(RIWAYAT, best))
        for k in ks:
            if k is best or k["sumber"] != "Riwayat" or k["realisasi"] == best["realisasi"]:
                continue
            dari = ("dihitung di buku kerja tahun itu" if best["sumber"] == "dihitung"
                    else f"di lembar Riwayat buku kerja tahun {best['tahun_sumber']}")
            f = new_temuan(
                "riwayat-berbeda", schema.RIWAYAT.name, k["sel"],
                f"Realisasi {k['kode_indikator']} tahun {k['tahun']} tertulis "
                f"{_angka(k['realisasi'], format_angka)}, sedangkan "
                f"{_angka(best['realisasi'], format_angka)} {dari} (berkas "
                f"\"{best['berkas']}\"). Tabel riwayat memakai "
                f"{_angka(best['realisasi'], format_angka)}; samakan angka di lembar Riwayat "
                "bila itu salah ketik.", k["berkas"])
            tables[TEMUAN.name].append(temuan_row(f, k["instansi"], k["tahun_sumber"]))
    return tables


def _angka(value: Any, fmt: Callable[..., str]) -> str:
    if not isinstance(value, Decimal):
        return str(value)
    digits = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return fmt(value, min(digits, 6))


def natural_key(text: str) -> tuple[Any, ...]:
    """"IKU10" after "IKU9"; case ignored."""
    import re

    return tuple(int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", text))
