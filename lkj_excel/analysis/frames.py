"""The tables as pandas DataFrames (pandas is imported here only, when asked).

Column dtypes follow the table's kinds: ``text`` pandas' text dtype, ``int`` the nullable
``Int64``, ``number`` ``float64`` (indicator figures and percentages, NaN when empty) and
``money`` object holding ``decimal.Decimal`` (exact to the sen: ``df["anggaran"].sum()``
adds exactly; ``.astype(float)`` when a float is good enough).
"""

from __future__ import annotations

from typing import Any

from lkj_excel.analysis.tables import TABLES
from lkj_excel.core.temuan import ToolError

PANDAS_MISSING = (
    "Tabel DataFrame memerlukan paket pandas, yang belum terpasang. pandas termasuk "
    "perlengkapan sekretariat: pasang dengan pip install \"lkj-excel[sekretariat]\" (atau pip "
    "install pandas), lalu jalankan lagi. Tanpa pandas, lkj rekap tetap menulis .xlsx dan .csv.")


def pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise ToolError(PANDAS_MISSING) from None
    return pd


def frames(tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One DataFrame per table, in the order of ``TABLES``, columns as declared."""
    pd = pandas()
    out = {}
    for t in TABLES:
        rows = tables.get(t.name, [])
        cols: dict[str, Any] = {}
        for c in t.columns:
            values = [r.get(c.key) for r in rows]
            if c.kind == "number":
                cols[c.key] = pd.array([float("nan") if v is None else float(v)
                                        for v in values], dtype="float64")
            elif c.kind == "int":
                cols[c.key] = pd.array(values, dtype="Int64")
            else:
                cols[c.key] = pd.array(values, dtype=object)
        out[t.name] = pd.DataFrame(cols, columns=list(t.names))
    return out
