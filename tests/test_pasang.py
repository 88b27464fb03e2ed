"""The staff install (``pip install lkj-excel``, no extras) in a fresh venv, as a staff PC
gets it: what it lacks, what ``import xlwings`` then loads, and that the button and the
staff commands work in it while the secretariat's commands say which install adds them.

Builds the venv once per session (pip's cache serves the wheels after the first time; the
first build needs PyPI).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

from lkj_excel.cli import SEKRETARIAT_MODULES
from tests.kit import ROOT
from tests.kit.staff import NEVER_IN_STAFF, build_staff_venv, installed, modules_after

pytestmark = pytest.mark.slow

SEED = sorted((ROOT / "workbooks" / "contoh").glob("LKj*.xlsx"))[0]


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_staff_venv(tmp_path_factory.mktemp("staf") / "venv")


def run(py: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["XLWINGS_LICENSE_KEY"] = "noncommercial"
    return subprocess.run([str(py), *args], capture_output=True, text=True, env=env,
                          cwd=cwd or py.parent, timeout=300)


def lkj(py: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run(py, "-m", "lkj_excel", *args, cwd=cwd)


def test_staff_install_lacks_the_secretariats_stack(staff: Path) -> None:
    have = installed(staff)
    assert {"lkj-excel", "xlwings", "openpyxl", "python-calamine", "defusedxml", "babel",
            "num2words", "olefile"} <= have
    assert not have & {"pandas", "numpy", "matplotlib", "cryptography", "docxtpl",
                       "python-docx", "python-pptx", "xlsxwriter", "lxml", "jinja2",
                       "distributed", "dask", "rich", "oletools", "msoffcrypto-tool"}, have
    assert importlib.metadata.version("xlwings") == run(
        staff, "-c", "import xlwings; print(xlwings.__version__)").stdout.strip()


def test_import_xlwings_then_loads_no_heavy_module(staff: Path) -> None:
    loaded = modules_after(staff, "import xlwings")
    assert "xlwings" in loaded
    assert not loaded & set(NEVER_IN_STAFF), loaded & set(NEVER_IN_STAFF)
    # the button's whole import path neither
    loaded = modules_after(staff, "import xlwings, lkj_excel, lkj_excel.xl, lkj_excel.udf")
    assert not loaded & set(NEVER_IN_STAFF)
    assert not loaded & {"openpyxl", "python_calamine", "babel"}  # not on a click either


def test_the_button_runs_in_the_staff_install(staff: Path, tmp_path: Path) -> None:
    from tests.test_xl import payload_from_xlsx

    payload = tmp_path / "buku.json"
    payload.write_text(json.dumps(payload_from_xlsx(SEED)), encoding="utf-8")
    script = (
        "import json, sys\nimport xlwings as xw\n"
        "xw.Book(json=json.load(open(sys.argv[1], encoding='utf-8'))).set_mock_caller()\n"
        "import lkj_excel\nlkj_excel.main()\n"
        "acts = xw.Book.caller().json()['actions']\n"
        "print(json.dumps([a for a in acts if a['func'] in ('setValues', 'alert')]))\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n")
    out = run(staff, "-c", script, str(payload))
    assert out.returncode == 0, out.stderr
    actions_line, modules_line = out.stdout.strip().splitlines()[-2:]
    actions = json.loads(actions_line)
    assert not [a for a in actions if a["func"] == "alert"]
    cells = [v for a in actions for row in a["values"] for v in row]
    assert 33660129080 in cells and 95.68 in cells  # the seed's budget total and serapan
    assert not set(json.loads(modules_line)) & set(NEVER_IN_STAFF)


def test_staff_commands_work(staff: Path, tmp_path: Path) -> None:
    out = lkj(staff, "periksa", str(SEED))
    assert out.returncode == 0, out.stderr
    out = lkj(staff, "hitung", str(SEED), "--out", str(tmp_path / "hasil.xlsx"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "hasil.xlsx").is_file()
    out = lkj(staff, "template", str(tmp_path / "kosong.xlsx"))
    assert out.returncode == 0 and (tmp_path / "kosong.xlsx").is_file(), out.stderr
    # the add-in is built from the wheel's own macros (no source tree, no oletools)
    out = lkj(staff, "addin", "buat", "--out", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    from lkj_excel.files.addin import ADDIN_NAME, VERSION_KEY, XLWINGS_VERSION, read_addin_conf

    assert read_addin_conf(tmp_path / ADDIN_NAME)[VERSION_KEY] == XLWINGS_VERSION


def test_smoke_test_passes_in_the_staff_install(staff: Path, tmp_path: Path) -> None:
    out = lkj(staff, "addin", "uji")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "[OK] xlwings" in out.stdout
    assert "tanpa pandas/numpy/matplotlib" in out.stdout
    assert "anggaran 33.660.129.080, serapan 95,68%" in out.stdout
    out = lkj(staff, "template", "--contoh", str(tmp_path / "contoh.xlsx"))
    assert out.returncode == 0 and (tmp_path / "contoh.xlsx").is_file(), out.stderr


def test_secretariat_commands_say_which_install_adds_them(staff: Path, tmp_path: Path
                                                          ) -> None:
    out = lkj(staff, "laporan", str(SEED), "--out", str(tmp_path / "lap"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "memerlukan pemasangan sekretariat" in out.stderr
    assert 'pip install "lkj-excel[sekretariat]"' in out.stderr


def test_the_secretariat_modules_list_covers_the_extra() -> None:
    """Every distribution of the [sekretariat] extra provides a module the CLI recognises."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]["sekretariat"]
    provides: dict[str, set[str]] = {}
    for module, dists in importlib.metadata.packages_distributions().items():
        for d in dists:
            provides.setdefault(d.lower().replace("_", "-"), set()).add(module)
    for req in extra:
        name = req.split(">")[0].split("=")[0].split("[")[0].strip().lower()
        assert provides.get(name, set()) & SEKRETARIAT_MODULES, (name, provides.get(name))
