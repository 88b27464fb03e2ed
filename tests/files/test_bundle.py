"""The offline bundle (``lkj addin paket``), built for real with pip from PyPI (pip's cache
serves it after the first run), for both Windows platforms at one Python version: every
(platform, Python) it claims resolves from the bundle alone, with hashes, including the
Windows-only dependencies pip cannot see from Linux; what 32-bit Python lacks is said."""

from __future__ import annotations

import json
import re
import runpy
import sys
import zipfile
from pathlib import Path

import pytest

from lkj_excel.cli import main as cli_main
from lkj_excel.files import addin, bundle

pytestmark = pytest.mark.slow

PYTHON = "3.12"


@pytest.fixture(scope="module")
def paket(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paket") / "paket-lkj"
    assert cli_main(["addin", "paket", "--out", str(out), "--python", PYTHON,
                     "--platform", "win_amd64,win32"]) == 0
    return out


def manifest(paket: Path) -> dict:
    return json.loads((paket / "paket.json").read_text(encoding="utf-8"))


def test_every_claimed_target_resolves_from_the_bundle_alone(paket: Path) -> None:
    m = manifest(paket)
    claimed = {(t["platform"], t["python"]) for t in m["targets"]}
    assert claimed == {("win_amd64", PYTHON), ("win32", PYTHON)}
    files = {p.name for p in paket.glob("requirements-*.txt")}
    assert files == {t["requirements"] for t in m["targets"]}
    pip = [sys.executable, "-m", "pip"]
    for t in m["targets"]:
        target = bundle.Target(t["platform"], t["python"], list(t["files"]))
        # pip's own resolver, offline, hashes required; and the markers of Windows
        assert bundle.verify(pip, paket, target) == [], t
        names, problems = bundle.closure((paket / "wheels" / f for f in t["files"]),
                                         t["platform"], t["python"])
        assert problems == []
        assert {"lkj-excel", "xlwings", "pywin32", "openpyxl", "python-calamine", "babel",
                "num2words", "docopt", "defusedxml", "olefile"} <= names
        assert not names & {"pandas", "numpy", "matplotlib", "cryptography"}


def test_requirements_pin_every_file_with_its_hash(paket: Path) -> None:
    m = manifest(paket)
    for t in m["targets"]:
        lines = [ln for ln in (paket / t["requirements"]).read_text().splitlines()
                 if ln and not ln.startswith("#")]
        assert len(lines) == len(t["files"])
        for ln in lines:
            assert re.fullmatch(r"[a-z0-9-]+==\S+ --hash=sha256:[0-9a-f]{64}", ln), ln
        assert f"xlwings=={addin.XLWINGS_VERSION} " in "\n".join(lines) + " "
        for f in t["files"]:
            assert m["sha256"][f"wheels/{f}"] == bundle.sha256(paket / "wheels" / f)


def test_wheels_fit_their_platform_and_python(paket: Path) -> None:
    from packaging.tags import compatible_tags, cpython_tags
    from packaging.utils import parse_wheel_filename

    for t in manifest(paket)["targets"]:
        major, minor = (int(x) for x in t["python"].split("."))
        ok = set(cpython_tags((major, minor), platforms=[t["platform"]])) | set(
            compatible_tags((major, minor), f"cp{major}{minor}", [t["platform"]]))
        for f in t["files"]:
            assert parse_wheel_filename(f)[3] & ok, (t["platform"], f)


def test_the_32bit_truth_is_in_the_bundle(paket: Path) -> None:
    m = manifest(paket)
    xl = {t["platform"]: next(f for f in t["files"] if f.startswith("xlwings-"))
          for t in m["targets"]}
    with zipfile.ZipFile(paket / "wheels" / xl["win_amd64"]) as z:
        dlls = {Path(n).name for n in z.namelist() if n.endswith(".dll")}
    v = addin.XLWINGS_VERSION
    assert dlls == {f"xlwings64-{v}.dll", f"xlwings32-{v}.dll"}  # both, for either Excel
    with zipfile.ZipFile(paket / "wheels" / xl["win32"]) as z:
        assert not [n for n in z.namelist() if n.endswith(".dll")]  # no UDFs on 32-bit
    text = (paket / "BACA-SAYA.txt").read_text(encoding="utf-8-sig")
    assert "Python 32-bit: tombol Hitung berjalan, tetapi fungsi lembar kerja LKJ_" in text
    assert "Pakai Python 64-bit, juga untuk Excel 32-bit" in text


def test_the_addin_examples_and_scripts_are_there(paket: Path) -> None:
    assert addin.addin_xlwings_version(paket / addin.ADDIN_NAME) == addin.XLWINGS_VERSION
    assert addin.read_addin_conf(paket / addin.ADDIN_NAME)["INTERPRETER_WIN"] in (None, "")
    assert len(list((paket / "contoh").glob("LKj*.xlsx"))) == 1
    assert (paket / "templat" / "template_lkj.xlsx").is_file()
    bat = (paket / "pasang.bat").read_bytes()
    assert b"\r\n" in bat and b'"%~dp0pasang.py"' in bat
    assert b"pasang.py" in (paket / "pasang.ps1").read_bytes()
    installer = (paket / "pasang.py").read_text(encoding="utf-8")
    for needle in ("--no-index", "--require-hashes", "--find-links", '"addin", "pasang"',
                   '"addin", "uji"', "PIP_NO_INDEX"):
        assert needle in installer


def test_pasang_py_picks_its_own_python_and_refuses_the_traps(paket: Path) -> None:
    g = runpy.run_path(str(paket / "pasang.py"), run_name="pasang")
    assert g["requirements_for"](paket, (3, 12), 2**63 - 1).name == \
        f"requirements-win_amd64-py{PYTHON}.txt"
    assert g["requirements_for"](paket, (3, 12), 2**31 - 1).name == \
        f"requirements-win32-py{PYTHON}.txt"
    assert g["requirements_for"](paket, (3, 10), 2**63 - 1) is None
    store = "C:\\Users\\staf\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe"
    assert "Microsoft Store" in g["problem"](store, "C:\\Program Files\\WindowsApps\\"
                                             "PythonSoftwareFoundation.Python.3.12_x")
    assert "OneDrive" in g["problem"]("C:\\Users\\staf\\OneDrive\\py\\python.exe", "x")
    assert g["problem"]("C:\\Users\\staf\\AppData\\Local\\Programs\\Python\\Python312\\"
                        "python.exe", "C:\\Users\\staf\\AppData\\Local\\Programs\\Python") is None
    # the same rules as the smoke test's (lkj addin uji), which cannot be imported there
    from lkj_excel.files.install_check import python_problem

    cases = [(store, "C:\\Program Files\\WindowsApps\\PythonSoftwareFoundation.Python.3.12_x"),
             ("C:\\Users\\staf\\OneDrive\\py\\python.exe", "x"),
             ("C:\\Users\\staf\\AppData\\Local\\Programs\\Python\\Python312\\python.exe",
              "C:\\Users\\staf\\AppData\\Local\\Programs\\Python")]
    for exe, prefix in cases:
        assert (python_problem(exe, prefix) is None) == (g["problem"](exe, prefix) is None), exe
    assert python_problem(*cases[0]) is not None and python_problem(*cases[2]) is None


def test_unknown_platform_is_refused(tmp_path: Path, capsys) -> None:
    assert cli_main(["addin", "paket", "--out", str(tmp_path / "p"), "--platform",
                     "linux_x86_64"]) == 2
    assert "tidak dikenal" in capsys.readouterr().err


def test_a_missing_wheel_is_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert cli_main(["addin", "paket", "--out", str(tmp_path / "p"), "--wheel",
                     str(tmp_path / "tidak-ada.whl")]) == 2
    err = capsys.readouterr().err
    assert "tidak ditemukan" in err and "Traceback" not in err
    assert not (tmp_path / "p").exists()
