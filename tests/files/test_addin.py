"""The Excel add-in built from xlwings' quickstart ribbon add-in (lkj addin buat/pasang)."""

from __future__ import annotations

import importlib
import os
import re
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET

from lkj_excel import xl
from lkj_excel.cli import main as cli_main
from lkj_excel.files import addin
from tests.kit import ROOT

MACROS = ROOT / "macros"
NS = "{http://schemas.microsoft.com/office/2006/01/customui}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("addin")
    assert cli_main(["addin", "buat", "--out", str(out)]) == 0
    return out / addin.ADDIN_NAME


def test_ribbon_is_valid_customui_with_an_lkj_tab_and_a_large_hitung_button(built: Path
                                                                            ) -> None:
    with zipfile.ZipFile(built) as z:
        xml = z.read(addin.RIBBON_PART)
        rels = z.read("_rels/.rels").decode()
    assert xml == (MACROS / "ribbon.xml").read_bytes()
    assert "ui/extensibility" in rels and addin.RIBBON_PART in rels
    root = ET.fromstring(xml)
    assert root.tag == f"{NS}customUI"
    tabs = root.findall(f"{NS}ribbon/{NS}tabs/{NS}tab")
    assert [t.get("label") for t in tabs] == ["LKj"]
    buttons = tabs[0].findall(f".//{NS}button")
    assert [(b.get("label"), b.get("size")) for b in buttons] == [("Hitung", "large")]
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_every_onaction_is_a_vba_procedure_of_the_addin(built: Path) -> None:
    procs = addin.vba_procedures(built)
    actions = addin.ribbon_actions((MACROS / "ribbon.xml").read_bytes())
    assert actions == ["RibbonMyAddin.RunMain"]
    for action in actions:
        module, proc = action.split(".")
        assert proc in procs[module]


def test_each_python_entry_the_vba_calls_exists(built: Path) -> None:
    vba = addin.vba_source(built)
    run_main = re.search(r"Sub RunMain\(.*?End Sub", vba, re.DOTALL).group(0)
    # RunMain imports the module named like the add-in file and calls its main()
    assert "ThisWorkbook.Name" in run_main and '".main()"' in run_main
    module = importlib.import_module(Path(built.name).stem)
    assert callable(module.main)
    # the optional RunTag callback (macros/RibbonLKj.bas) calls lkj_excel.xl.run_tag
    bas = (MACROS / "RibbonLKj.bas").read_text()
    call = re.search(r'RunPython "import ([\w.]+); ([\w.]+)\(', bas)
    mod = importlib.import_module(call.group(1))
    assert call.group(2) == f"{call.group(1)}.run_tag" and callable(mod.run_tag)
    cases = re.search(r'Case ("[^\n]+)', bas).group(1)
    assert re.findall(r'"(\w+)"', cases) == list(xl.KNOWN_TAGS)
    # the UDF module the config names exists and has the worksheet functions
    conf = addin.read_addin_conf(built)
    udf = importlib.import_module(conf["UDF MODULES"])
    assert [f.__name__ for f in udf.UDFS] == ["LKJ_CAPAIAN", "LKJ_PREDIKAT", "LKJ_RUPIAH",
                                              "LKJ_PERSEN", "LKJ_TERBILANG"]
    for entry in addin.PYTHON_ENTRIES:
        mod_name, func = entry.split(":")
        assert callable(getattr(importlib.import_module(mod_name), func))


def test_runtag_ribbon_tags_are_known_and_callback_defined_in_the_bas() -> None:
    xml = (MACROS / "ribbon-runtag.xml").read_bytes()
    root = ET.fromstring(xml)
    tags = [el.get("tag") for el in root.iter(f"{NS}button")]
    assert tags == list(xl.KNOWN_TAGS)
    assert set(addin.ribbon_actions(xml)) == {"RibbonLKj.RunTag"}
    bas = (MACROS / "RibbonLKj.bas").read_text()
    assert re.search(r"^Sub RunTag\(control As IRibbonControl\)", bas, re.MULTILINE)


def test_runtag_ribbon_is_refused_until_the_vba_is_imported(built: Path, tmp_path: Path
                                                            ) -> None:
    copy = tmp_path / addin.ADDIN_NAME
    copy.write_bytes(built.read_bytes())
    with pytest.raises(addin.AddinError, match="RibbonLKj.RunTag"):
        addin.replace_ribbon(copy, MACROS / "ribbon-runtag.xml")
    assert copy.read_bytes() == built.read_bytes()
    addin.replace_ribbon(copy, MACROS / "ribbon.xml")  # a ribbon whose callbacks exist


def test_only_plain_xml_parts_change(built: Path) -> None:
    src = addin.source_addin()
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(built) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        changed = {n for n in a.namelist() if a.read(n) != b.read(n)}
        assert a.read(addin.VBA_PART) == b.read(addin.VBA_PART)
    assert changed == {addin.RIBBON_PART, addin.SHEET_PART, addin.SST_PART,
                       addin.WORKBOOK_PART}


def test_config_sheet_is_active_and_pins_every_setting_the_vba_reads(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        wb = z.read(addin.WORKBOOK_PART).decode()
    assert 'name="myaddin.conf"' in wb and "_myaddin.conf" not in wb
    conf = addin.read_addin_conf(built)
    assert conf["ADD_WORKBOOK_TO_PYTHONPATH"] is False
    assert conf["USE UDF SERVER"] is False
    assert conf["TEMP DIR"] == "%TEMP%"
    vba = addin.vba_source(built)
    keys = set(re.findall(r'GetConfig\("([^"]+)"', vba))
    assert keys and keys <= set(conf), sorted(keys - set(conf))
    # the VBA's own facts this relies on
    assert 'PROJECT_NAME As String = "myaddin"' in vba
    assert 'SheetExists(ThisWorkbook, PROJECT_NAME & ".conf")' in vba
    assert f'XLWINGS_VERSION As String = "{addin.xlwings_version()}"' in vba


def test_addin_file_name_must_be_the_module_name(tmp_path: Path, capsys) -> None:
    assert cli_main(["addin", "buat", "--out", str(tmp_path / "LKj.xlam")]) == 2
    assert "harus lkj_excel.xlam" in capsys.readouterr().err
    assert not (tmp_path / "LKj.xlam").exists()


def test_pasang_pins_interpreter_and_writes_user_config(built: Path, tmp_path: Path) -> None:
    conf = tmp_path / "home" / ".myaddin" / "myaddin.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text('"INTERPRETER_WIN","C:\\lama\\python.exe"\n"CONDA ENV","base"\n')
    python = "C:\\Users\\staf\\AppData\\Local\\Programs\\Python\\Python312\\python.exe"
    target, conf_path = addin.install(tmp_path / "XLSTART", conf, python, built)
    assert target == tmp_path / "XLSTART" / addin.ADDIN_NAME
    pinned = addin.read_addin_conf(target)
    assert pinned["INTERPRETER_WIN"] == python and pinned["INTERPRETER"] == python
    assert pinned["ADD_WORKBOOK_TO_PYTHONPATH"] is False
    assert addin.read_conf(conf_path.read_text()) == [
        ("INTERPRETER_WIN", python), ("UDF MODULES", "lkj_excel.udf"), ("CONDA ENV", "base")]
    with zipfile.ZipFile(built) as a, zipfile.ZipFile(target) as b:
        assert a.read(addin.VBA_PART) == b.read(addin.VBA_PART)
        assert a.read(addin.RIBBON_PART) == b.read(addin.RIBBON_PART)
    leftovers = [p.name for p in (tmp_path / "XLSTART").iterdir()] + \
        [p.name for p in conf.parent.iterdir()]
    assert sorted(leftovers) == [addin.ADDIN_NAME, "myaddin.conf"]


def test_pasang_off_windows_explains_and_writes_nothing(tmp_path: Path, capsys,
                                                        monkeypatch) -> None:
    if addin.os.name == "nt":
        pytest.skip("Windows installs for real")
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "profile"))
    assert cli_main(["addin", "pasang"]) == 0
    out = capsys.readouterr().out
    assert "untuk Excel di Windows" in out and "XLSTART" in out
    assert not any(tmp_path.iterdir())


# ---------------------------------------------------------------------------
# Versions: the add-in's VBA, the Python's xlwings and lkj-excel's pin are one version
# ---------------------------------------------------------------------------

def test_one_xlwings_version_everywhere(built: Path) -> None:
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert f"xlwings=={addin.XLWINGS_VERSION}" in deps
    assert addin.xlwings_version() == addin.XLWINGS_VERSION
    vba = addin.vba_source(built)
    assert f'XLWINGS_VERSION As String = "{addin.XLWINGS_VERSION}"' in vba
    assert f'"xlwings64-{addin.XLWINGS_VERSION}.dll"' in vba
    assert addin.read_addin_conf(built)[addin.VERSION_KEY] == addin.XLWINGS_VERSION
    assert addin.addin_xlwings_version(built) == addin.XLWINGS_VERSION


def _with_version(built: Path, tmp_path: Path, version: str) -> Path:
    """A copy of the built add-in whose config sheet records another xlwings version."""
    items = [(k, "" if v is None else v) for k, v in addin.read_addin_conf(built).items()
             if k != addin.VERSION_KEY] + [(addin.VERSION_KEY, version)]
    with zipfile.ZipFile(built) as z:
        sheet = z.read(addin.SHEET_PART)
    parts = dict(zip((addin.SHEET_PART, addin.SST_PART), addin.conf_sheet_parts(items, sheet),
                     strict=True))
    out = tmp_path / "lain" / addin.ADDIN_NAME
    out.parent.mkdir()
    out.write_bytes(addin._rebuild(built.read_bytes(), parts))
    return out


def test_pasang_refuses_an_addin_of_another_xlwings(built: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    # the staff install has no oletools: the version the build recorded is what is read
    def no_oletools(_xlam):  # type: ignore[no-untyped-def]
        raise ModuleNotFoundError("No module named 'oletools'", name="oletools")

    monkeypatch.setattr(addin, "vba_source", no_oletools)
    old = _with_version(built, tmp_path, "0.35.0")
    conf = tmp_path / "home" / ".myaddin" / "myaddin.conf"
    with pytest.raises(addin.AddinError) as exc:
        addin.install(tmp_path / "XLSTART", conf, "C:\\Python\\python.exe", old)
    msg = exc.value.pesan
    assert "xlwings 0.35.0" in msg and f"xlwings {addin.XLWINGS_VERSION}" in msg
    assert "xlwings64-0.35.0.dll" in msg and "lkj addin pasang" in msg
    assert not (tmp_path / "XLSTART").exists() and not conf.exists()  # nothing written
    # the same add-in recording the right version installs
    (tmp_path / "ok").mkdir()
    ok = _with_version(built, tmp_path / "ok", addin.XLWINGS_VERSION)
    target, _ = addin.install(tmp_path / "XLSTART", conf, "C:\\Python\\python.exe", ok)
    assert addin.read_addin_conf(target)[addin.VERSION_KEY] == addin.XLWINGS_VERSION


def test_pasang_and_buat_refuse_another_installed_xlwings(tmp_path: Path, monkeypatch,
                                                          capsys) -> None:
    monkeypatch.setattr(addin, "xlwings_version", lambda: "0.36.1")
    assert cli_main(["addin", "buat", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Versi xlwings di Python ini 0.36.1" in err
    assert f'py -m pip install "xlwings=={addin.XLWINGS_VERSION}"' in err
    assert not list(tmp_path.iterdir())
    with pytest.raises(addin.AddinError, match="0.36.1"):
        addin.install(tmp_path / "XLSTART", tmp_path / "c.conf", "python.exe", None)


def test_version_problem_words() -> None:
    v = addin.XLWINGS_VERSION
    assert addin.version_problem(v, v) is None
    assert addin.version_problem(v, None) is None
    assert "Add-in LKj dibuat dari xlwings 0.37.5" in addin.version_problem(v, "0.37.5")
    assert f"memerlukan xlwings {v} persis" in addin.version_problem("0.38.0", v)


def test_an_addin_of_unknown_version_is_refused(built: Path, tmp_path: Path,
                                                monkeypatch) -> None:
    monkeypatch.setattr(addin, "vba_source", lambda _x: (_ for _ in ()).throw(ImportError()))
    items = [(k, "" if v is None else v) for k, v in addin.read_addin_conf(built).items()
             if k != addin.VERSION_KEY]
    with zipfile.ZipFile(built) as z:
        sheet = z.read(addin.SHEET_PART)
    parts = dict(zip((addin.SHEET_PART, addin.SST_PART), addin.conf_sheet_parts(items, sheet),
                     strict=True))
    old = tmp_path / addin.ADDIN_NAME
    old.write_bytes(addin._rebuild(built.read_bytes(), parts))
    with pytest.raises(addin.AddinError, match="tidak dapat dibaca"):
        addin.check_versions(old)


def test_the_optional_runmain_checks_before_python_starts(built: Path) -> None:
    bas = (MACROS / "RunMain-periksa-dulu.bas").read_text()
    code = bas.split("' ----", 1)[1]
    assert re.search(r"^Sub RunMain\(control As IRibbonControl\)", code, re.MULTILINE)
    # it starts Python exactly as xlwings' own RunMain does, after the checks
    theirs = re.search(r"Sub RunMain\(.*?\n(.*?)End Sub", addin.vba_source(built),
                       re.DOTALL).group(1).strip().splitlines()
    mine = re.search(r"Sub RunMain\(.*?\n(.*?)End Sub", code, re.DOTALL).group(1)
    assert mine.strip().splitlines()[0].strip() == "If Not LkjSiap() Then Exit Sub"
    assert [ln.strip() for ln in mine.strip().splitlines()[1:]] == [ln.strip() for ln in theirs]
    # the same words as the Python side, and the same *.conf rule as schema.is_conf_sheet
    assert "Aktifkan Pengeditan" in code and "Tampilan Terproteksi" in code
    assert 'LCase$(Right$(Trim$(sht.Name), 5)) = ".conf"' in code
    assert "ActiveProtectedViewWindow" in code and "PtrSafe" in code


def _on_windows(monkeypatch, xlstart: Path) -> None:  # type: ignore[no-untyped-def]
    """install_check's view of a Windows PC whose XLSTART is ``xlstart`` (only its own
    ``os`` name is patched: the real one stays, so paths stay this machine's)."""
    import types

    from lkj_excel.files import install_check

    monkeypatch.setattr(install_check, "os", types.SimpleNamespace(name="nt", path=os.path))
    monkeypatch.setattr(addin, "xlstart_dir", lambda: xlstart)
    monkeypatch.setattr(addin, "user_conf_path", lambda: xlstart / "lkj_excel.conf")


def test_install_check_of_a_damaged_addin_is_one_failed_check(tmp_path: Path,
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lkj_excel.files import install_check

    _on_windows(monkeypatch, tmp_path)
    (tmp_path / addin.ADDIN_NAME).write_bytes(b"PK\x03\x04 bukan add-in")
    checks = install_check._addin()
    assert [c.tingkat for c in checks] == [install_check.FAIL]
    assert "tidak dapat dibaca" in checks[0].pesan and "lkj addin pasang" in checks[0].pesan


def test_install_check_without_xlwings_says_so_and_goes_on(built: Path, tmp_path: Path,
                                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lkj_excel.files import install_check

    _on_windows(monkeypatch, tmp_path)
    (tmp_path / addin.ADDIN_NAME).write_bytes(built.read_bytes())

    def missing() -> str:
        raise addin.AddinError("Paket xlwings tidak terpasang.")

    monkeypatch.setattr(addin, "xlwings_version", missing)
    checks = install_check._addin()
    failed = [c for c in checks if c.tingkat == install_check.FAIL]
    assert any("xlwings tidak terpasang" in c.pesan for c in failed)
    assert any("UDF MODULES" in c.pesan for c in checks)  # the later checks still ran
