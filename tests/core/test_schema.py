"""The schema is the one source of truth: a column added to it reaches everything."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from lkj_excel.core import schema
from tests.kit import ROOT

NEW_LINE = '        _c("Indikator Daerah", "indikator_daerah", width=30),\n'
ANCHOR = '        _c("Rencana Tindak Lanjut", "rencana", width=40),\n'

SCRIPT = r'''
import json, sys
from pathlib import Path
from lkj_excel.core import schema, seed
from lkj_excel.files.template import write_workbook
from lkj_excel.files.read import check_workbook
from lkj_excel.core.engine import to_json
from lkj_excel.core.sheets import ringkasan_blocks
from lkj_excel.report.context import build_context

data = seed.seed_data()
for row in data["sheets"]["IKU"]:
    row["indikator_daerah"] = "IKD " + row["kode_indikator"]
path = write_workbook(Path(sys.argv[1]) / "baru.xlsx", data)
p = check_workbook(path)
ctx = build_context(p)
print(json.dumps({
    "header": "Indikator Daerah" in [c.value for c in __import__("openpyxl").load_workbook(
        path, read_only=True)["IKU"][3]],
    "json": [i["indikator_daerah"] for i in to_json(p)["indikator"]],
    "report": [i["indikator_daerah"] for i in ctx["indikator"]],
    "attr": p.result.indikator[0].indikator_daerah,
    "ringkasan": ringkasan_blocks(p)[3].rows[0],
    "temuan": sorted({f.kode for f in p.temuan}),
}))
'''


def test_an_added_iku_column_is_one_line_to_json_and_report(tmp_path: Path) -> None:
    """Copy the package, add ONE line to IKU's columns, and follow the column through the
    template builder, the reader, the result, JSON and the report context."""
    assert ANCHOR in (ROOT / "lkj_excel" / "core" / "schema.py").read_text(encoding="utf-8")
    copy = tmp_path / "pkg"
    shutil.copytree(ROOT / "lkj_excel", copy / "lkj_excel",
                    ignore=shutil.ignore_patterns("__pycache__"))
    schema_py = copy / "lkj_excel" / "core" / "schema.py"
    text = schema_py.read_text(encoding="utf-8")
    schema_py.write_text(text.replace(ANCHOR, ANCHOR + NEW_LINE), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(out)], capture_output=True, text=True,
                       cwd=copy, env={"PYTHONPATH": str(copy), "PATH": ""}, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout)
    assert got["header"]
    assert got["json"] == [f"IKD IKU{n}" for n in range(1, 6)]
    assert got["report"] == got["json"]
    assert got["attr"] == "IKD IKU1"
    assert got["ringkasan"] == [c.label for c in schema.RINGKASAN_INDIKATOR]
    assert got["temuan"] == ["anggaran-kegiatan-tidak-sesuai"]  # the seed's own slip only


def test_outputs_read_existing_result_fields() -> None:
    from lkj_excel.core.compute import IndikatorResult

    ind = IndikatorResult(kode="I1", polaritas="Positif", inputs={"satuan": "%"})
    for o in schema.INDIKATOR_OUTPUT:
        ind.output(o)  # every declared output is a field, a property or an input column
    assert ind.satuan == "%" and ind.alasan == "" and ind.target is None


# ------------------------------------------------------------ norm remembers what it said

@given(st.one_of(st.text(max_size=300), st.none(), st.integers(), st.floats(allow_nan=False),
                 st.booleans()))
def test_norm_remembered_is_norm(value) -> None:  # type: ignore[no-untyped-def]
    expected = "" if value is None else " ".join(str(value).split()).casefold()
    assert schema.norm(value) == expected
    assert schema.norm(value) == expected  # the second time from the cache (short texts)
