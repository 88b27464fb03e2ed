"""The native Excel formulas of the template's computed columns (pure strings).

They compute exactly what ``lkj_excel.core.compute`` computes (the validator compares
their cached values with the engine): absolute A1 ranges and functions available in Excel
2010 and LibreOffice (no MAXIFS/LET/XLOOKUP/IFS/FILTER, no structured references, no array
formulas). Files store formulas in the canonical form with ``,`` whatever the locale.
"""

from __future__ import annotations

from lkj_excel.core import schema
from lkj_excel.core.cells import col_letter
from lkj_excel.core.layout import (
    FIRST_DATA_ROW,
    KATEGORI_FIRST_ROW,
    KATEGORI_LAST_ROW,
    LOOKUP_LAST_ROW,
    SKALA_COL,
    SKALA_FIRST_ROW,
    SKALA_LAST_ROW,
    col_of,
    setting_cell,
)

TIDAK_DAPAT_DIHITUNG = schema.TIDAK_DAPAT_DIHITUNG


def _q(name: str) -> str:
    """A sheet name as used in a formula reference."""
    if name.replace("_", "").isalnum() and not name[0].isdigit():
        return name
    return "'" + name.replace("'", "''") + "'"


def _rng(sheet: schema.Sheet, key: str) -> str:
    c = col_of(sheet, key)
    return f"{_q(sheet.name)}!${c}${FIRST_DATA_ROW}:${c}${LOOKUP_LAST_ROW}"


def quoted_text(text: str) -> str:
    """A text as a formula string literal (quotes doubled)."""
    return '"' + text.replace('"', '""') + '"'


# ---------------------------------------------------------------------------
# Formulas of the computed columns (one row)
# ---------------------------------------------------------------------------

def _sig(x: str) -> str:
    """``x`` rounded to 15 significant digits (Excel's precision).

    Quotients of typed decimals carry binary noise (828 / 800 x 100 may come out as
    103,49999999999999); without this, ROUND would turn a true x,5 down where the engine's
    Decimal rounds it up. Exact inputs are unaffected.
    """
    return f"IF({x}=0,0,ROUND({x},14-INT(LOG10(ABS({x})))))"


def _desimal() -> str:
    d = f"{_q(schema.PENGATURAN_SHEET)}!{setting_cell('desimal')}"
    # the reader keeps the default 0 for an empty or invalid setting (0..6, whole)
    return f"IF(AND(ISNUMBER({d}),{d}>=0,{d}<=6,{d}=INT({d})),{d},0)"


def _category(x: str) -> str:
    """A typed category passed on trimmed (a number typed as text passes as text: the
    engine reports it; Excel's own formulas skip it)."""
    return f'IF(LEN(TRIM({x}))>0,TRIM({x}),"")'


def _kali(found: str, match: str) -> str:
    """100 for an indicator whose Satuan in PK is %, else 1 (Pembilang / Penyebut x kali)."""
    return (f"IF({found},IF(TRIM(INDEX({_rng(schema.PK, 'satuan')},{match}))="
            f"{quoted_text(schema.SATUAN_PERSEN)},100,1),1)")


def _capaian_nilai(h: str, g: str, found: str, match: str) -> str:
    """The capaian of realisasi ``g`` against the numeric target ``h``, as
    ``core.compute.capaian``: the indicator's polarity in PK, Pengaturan's Rumus Negatif,
    Batas Atas and Desimal."""
    pengaturan = _q(schema.PENGATURAN_SHEET)
    tdd = quoted_text(TIDAK_DAPAT_DIHITUNG)
    cap = f"{pengaturan}!{setting_cell('batas_atas')}"
    rumus = f"{pengaturan}!{setting_cell('rumus_negatif')}"

    def fin(x: str) -> str:
        return f"ROUND({_sig(f'IF(ISNUMBER({cap}),MIN({x},{cap}),{x})')},{_desimal()})"

    negatif = (f"IF({found},TRIM(INDEX({_rng(schema.PK, 'polaritas')},{match}))="
               f"{quoted_text(schema.POLARITAS[1])},FALSE)")
    # 2T - R cancels digits (2 x 12 - 23,91 = 0,08999999999999986): round the difference
    # to the precision of its operands first (exact for typed inputs).
    selisih = f"ROUND(2*{h}-{g},14-INT(LOG10(MAX(ABS(2*{h}),ABS({g})))))"
    return (
        f"IF({h}=0,IF({g}=0,{fin('100')},{tdd}),"
        f"IF({negatif},"
        f"IF(TRIM({rumus})={quoted_text(schema.RUMUS_NEGATIF[1])},"
        f"IF({g}=0,{tdd},{fin(f'{h}*100/{g}')}),"
        f"{fin(f'{selisih}*100/{h}')}),"
        f"{fin(f'{g}*100/{h}')}))"
    )


def iku_formulas(r: int) -> dict[str, str]:
    """Formulas of the IKU computed columns in row ``r`` (keys: schema column keys)."""
    iku, pk, kej = schema.IKU, schema.PK, schema.KEJADIAN
    k = f"${col_of(iku, 'kode_indikator')}{r}"
    p = f"${col_of(iku, 'pembilang')}{r}"
    q = f"${col_of(iku, 'penyebut')}{r}"
    f = f"${col_of(iku, 'realisasi')}{r}"
    g = f"${col_of(iku, 'realisasi_dihitung')}{r}"
    h = f"${col_of(iku, 'target_pk')}{r}"
    c = f"${col_of(iku, 'capaian')}{r}"
    pk_kode = _rng(pk, "kode_indikator")
    match = f"MATCH({k},{pk_kode},0)"
    found = f"ISNUMBER({match})"
    kej_kode, kej_status = _rng(kej, "kode_indikator"), _rng(kej, "status")
    tdd = quoted_text(TIDAK_DAPAT_DIHITUNG)
    pengaturan = _q(schema.PENGATURAN_SHEET)

    kali = _kali(found, match)
    tertangani = "+".join(f"COUNTIFS({kej_kode},{k},{kej_status},{quoted_text(s)})"
                          for s in schema.STATUS_TERTANGANI)
    n_kej = f"COUNTIF({kej_kode},{k})"
    realisasi = (
        f'=IF(LEN(TRIM({k}))=0,"",'
        f"IF(AND(ISNUMBER({p}),ISNUMBER({q})),IF({q}=0,{tdd},{_sig(f'{p}*{kali}/{q}')}),"
        f'IF(AND(LEN(TRIM({p}))=0,LEN(TRIM({q}))=0,{n_kej}>0),'
        f"{_sig(f'({tertangani})*{kali}/{n_kej}')},"
        f'IF(ISNUMBER({f}),{f},{_category(f)}))))'
    )
    target_cell = f"INDEX({_rng(pk, 'target')},{match})"
    target = (f'=IF(LEN(TRIM({k}))=0,"",IF({found},'
              f'IF(ISNUMBER({target_cell}),{target_cell},{_category(target_cell)}),""))')

    nilai = _capaian_nilai(h, g, found, match)
    # a text target: met when the realisasi's Peringkat on the Skala Kategori is at or
    # above the target's (MATCH is case-insensitive and TRIM collapses spaces, as norm)
    kat = (f"{pengaturan}!$A${KATEGORI_FIRST_ROW}:$A${KATEGORI_LAST_ROW}")
    rank = (f"{pengaturan}!$B${KATEGORI_FIRST_ROW}:$B${KATEGORI_LAST_ROW}")

    def peringkat(x: str) -> str:
        return f"INDEX({rank},MATCH({x},{kat},0))"

    kategori = (
        f'IF(AND(ISTEXT({h}),ISTEXT({g}),LEN({h})>0,LEN({g})>0),'
        f"IF(AND(ISNUMBER(MATCH({h},{kat},0)),ISNUMBER(MATCH({g},{kat},0))),"
        f"IF({peringkat(g)}>={peringkat(h)},{quoted_text(schema.TERCAPAI)},"
        f'{quoted_text(schema.TIDAK_TERCAPAI)}),""),"")'
    )
    capaian = (f'=IF({g}={tdd},IF(ISNUMBER({h}),{tdd},""),'
               f'IF(AND(ISNUMBER({h}),ISNUMBER({g})),{nilai},{kategori}))')

    sb = (f"{pengaturan}!${col_letter(SKALA_COL)}${SKALA_FIRST_ROW}:"
          f"${col_letter(SKALA_COL)}${SKALA_LAST_ROW}")
    sp = (f"{pengaturan}!${col_letter(SKALA_COL + 1)}${SKALA_FIRST_ROW}:"
          f"${col_letter(SKALA_COL + 1)}${SKALA_LAST_ROW}")
    above = f'COUNTIF({sb},">"&{c})'
    predikat = (
        f'=IF(ISNUMBER({c}),IF(COUNT({sb})=0,"",'
        f"IF(COUNT({sb})-{above}=0,INDEX({sp},MATCH(MIN({sb}),{sb},0)),"
        f'INDEX({sp},MATCH(LARGE({sb},{above}+1),{sb},0)))),"")'
    )
    return {"realisasi_dihitung": realisasi, "target_pk": target, "capaian": capaian,
            "predikat": predikat}


def triwulan_formulas(r: int) -> dict[str, str]:
    """Formulas of the Triwulan sheet's computed columns in row ``r``: the row's realisasi
    (Pembilang / Penyebut, x 100 for satuan % of the indicator in PK, else the typed
    Realisasi) and its capaian against the row's quarterly Target, with the indicator's
    polarity and the Pengaturan settings, as ``lkj_excel.core.triwulan.row_values`` does.
    (The realisasi has its own column: inlined, the capaian would exceed Excel's 8.192
    characters per formula.)"""
    tw, pk = schema.TRIWULAN_SHEET, schema.PK
    k = f"${col_of(tw, 'kode_indikator')}{r}"
    t = f"${col_of(tw, 'target')}{r}"
    p = f"${col_of(tw, 'pembilang')}{r}"
    q = f"${col_of(tw, 'penyebut')}{r}"
    f = f"${col_of(tw, 'realisasi')}{r}"
    g = f"${col_of(tw, 'realisasi_dihitung')}{r}"
    match = f"MATCH({k},{_rng(pk, 'kode_indikator')},0)"
    found = f"ISNUMBER({match})"
    tdd = quoted_text(TIDAK_DAPAT_DIHITUNG)
    kali = _kali(found, match)
    realisasi = (
        f'=IF(LEN(TRIM({k}))=0,"",'
        f"IF(AND(ISNUMBER({p}),ISNUMBER({q})),IF({q}=0,{tdd},{_sig(f'{p}*{kali}/{q}')}),"
        f'IF(ISNUMBER({f}),{f},"")))'
    )
    nilai = _capaian_nilai(t, g, found, match)
    capaian = (f'=IF({g}={tdd},IF(ISNUMBER({t}),{tdd},""),'
               f'IF(AND(ISNUMBER({t}),ISNUMBER({g})),{nilai},""))')
    return {"realisasi_dihitung": realisasi, "capaian": capaian}


def serapan_formula(sheet: schema.Sheet, r: int) -> str:
    a = f"${col_of(sheet, 'anggaran')}{r}"
    x = f"${col_of(sheet, 'realisasi')}{r}"
    return f'=IF(AND(ISNUMBER({a}),ISNUMBER({x})),IF({a}=0,"",{_sig(f"{x}*100/{a}")}),"")'


def row_formulas(sheet: schema.Sheet, r: int) -> dict[str, str]:
    """Formulas of every computed column of ``sheet`` in row ``r``."""
    if sheet.name == schema.IKU.name:
        out = iku_formulas(r)
    elif sheet.name == schema.TRIWULAN_SHEET.name:
        out = triwulan_formulas(r)
    elif sheet.name in (schema.ANGGARAN.name, schema.LRA.name):
        out = {"serapan": serapan_formula(sheet, r)}
    else:
        out = {}
    missing = {c.key for c in sheet.computed_columns} - set(out)
    if missing:  # a computed column added to schema needs its formula here
        raise NotImplementedError(f"rumus belum ada untuk {sheet.name}: {sorted(missing)}")
    return out
