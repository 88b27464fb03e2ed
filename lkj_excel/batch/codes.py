"""Finding codes of the batch (merge): registered with the engine's in
``lkj_excel.core.temuan.CODES`` (one registry); a helper to build them.
"""

from __future__ import annotations

from lkj_excel.core.temuan import CODES, Finding, Tingkat, finding

__all__ = ["CODES", "temuan"]


def temuan(kode: str, pesan: str, berkas: str = "", lembar: str = "", sel: str = "",
           tingkat: Tingkat | None = None) -> Finding:
    return finding(kode, lembar, sel, pesan, berkas, tingkat)
