"""`lkj addin buat` / `lkj addin pasang`: the Excel add-in with the "Hitung" button.

The add-in is xlwings' own quickstart add-in with a ribbon (the file that
``xlwings quickstart --addin --ribbon`` copies: ``quickstart_addin_ribbon.xlam`` in the
installed xlwings package), so its VBA matches the installed xlwings exactly. The build
edits only parts that are plain XML, never the VBA binary (``xl/vbaProject.bin``):

- ``customUI/customUI.xml``: the ribbon, from ``macros/ribbon.xml`` (an "LKj" tab with a
  large "Hitung" button calling xlwings' callback ``RibbonMyAddin.RunMain``);
- ``xl/worksheets/sheet1.xml`` + ``xl/sharedStrings.xml``: the add-in's config sheet, from
  ``macros/myaddin.conf``;
- ``xl/workbook.xml``: the config sheet renamed from ``_myaddin.conf`` (ignored by the VBA)
  to ``myaddin.conf`` so that it takes effect.

Why the config sheet: xlwings' ``GetConfig`` reads, in order, a ``myaddin.conf`` sheet in
the ACTIVE workbook, the add-in's own sheet, a ``myaddin.conf`` file in the active
workbook's folder, then the user's file ``%USERPROFILE%\\.myaddin\\myaddin.conf``. Every
key pinned in the add-in's sheet (even to an empty value) can no longer be set by a file
beside an emailed workbook. ``pasang`` pins the interpreter there too. The first layer
(a sheet inside the active workbook) can only be removed by the one-time VBA edit in
``macros/GetConfig-tanpa-lapisan-aktif.bas``; until then ``lkj periksa``/the button flag
such a sheet (finding ``lembar-konfigurasi``).

The add-in's file name is the Python module its button imports (``RunMain`` runs
``import <name>; <name>.main()``), so it is always ``lkj_excel.xlam``.

Versions: the add-in's VBA names ``xlwings64-<version>.dll`` and the button uses xlwings
API of that version, so the xlwings of the Python that runs the button must be exactly the
add-in's. lkj-excel pins it (``XLWINGS_VERSION``, the same pin as pyproject.toml); the
build records it in the config sheet (``VERSION_KEY``, a key the VBA never asks for), and
``pasang`` and the button refuse a mismatch (``version_problem``).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from lkj_excel.core.temuan import LkjError

# csv and zipfile are imported where they are used: the button imports this module on every
# click (for the versions) and needs neither

ADDIN_NAME = "lkj_excel.xlam"
SOURCE_NAME = "quickstart_addin_ribbon.xlam"
PROJECT_NAME = "myaddin"
CONF_SHEET = f"{PROJECT_NAME}.conf"
CONF_SHEET_DISABLED = f"_{PROJECT_NAME}.conf"
CUSTOMUI_NS = {"http://schemas.microsoft.com/office/2006/01/customui",
               "http://schemas.microsoft.com/office/2009/07/customui"}
RIBBON_PART = "customUI/customUI.xml"
SHEET_PART = "xl/worksheets/sheet1.xml"
SST_PART = "xl/sharedStrings.xml"
WORKBOOK_PART = "xl/workbook.xml"
VBA_PART = "xl/vbaProject.bin"
UDF_MODULE = "lkj_excel.udf"
#: the Python entries the add-in's VBA calls: "module:function"
PYTHON_ENTRIES = ("lkj_excel:main", "lkj_excel.xl:run_tag", "lkj_excel.udf:LKJ_CAPAIAN")
#: the xlwings every part must have: pyproject.toml pins exactly this (tests check it)
XLWINGS_VERSION = "0.37.8"
#: config sheet key holding the xlwings version whose VBA the add-in carries
VERSION_KEY = "LKJ_XLWINGS_VERSION"


class AddinError(LkjError):
    """Something the user must fix about the add-in; ``pesan`` is Indonesian."""


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------

def xlwings_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise AddinError("Paket xlwings tidak terpasang. Jalankan: pip install xlwings")
    return Path(spec.origin).parent


def xlwings_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xlwings")
    except PackageNotFoundError:
        raise AddinError("Paket xlwings tidak terpasang. Jalankan: py -m pip install "
                         f"\"xlwings=={XLWINGS_VERSION}\"") from None


def version_problem(python_xlwings: str, addin_xlwings: str | None = None) -> str | None:
    """What is wrong with the versions, in Indonesian with the fix, or None.

    ``python_xlwings`` is the xlwings of the Python that runs (the button's or ``pasang``'s),
    ``addin_xlwings`` the one whose VBA the add-in carries (None: not known, not compared).
    """
    if python_xlwings != XLWINGS_VERSION:
        return (f"Versi xlwings di Python ini {python_xlwings}, padahal lkj-excel dan add-in "
                f"LKj memerlukan xlwings {XLWINGS_VERSION} persis (add-in memanggil "
                f"xlwings64-{XLWINGS_VERSION}.dll). Perbaiki di Command Prompt: "
                f"py -m pip install \"xlwings=={XLWINGS_VERSION}\" lalu lkj addin pasang.")
    if addin_xlwings is not None and addin_xlwings != python_xlwings:
        return (f"Add-in LKj dibuat dari xlwings {addin_xlwings}, padahal Python ini memakai "
                f"xlwings {python_xlwings}; kode VBA add-in memanggil "
                f"xlwings64-{addin_xlwings}.dll yang tidak ada. Perbaiki di Command Prompt: "
                "lkj addin pasang (tanpa --out: add-in dibuat ulang dari xlwings yang "
                f"terpasang), atau pakai add-in dari paket luring xlwings {python_xlwings}.")
    return None


_VBA_VERSION = re.compile(r'XLWINGS_VERSION\s+As\s+String\s*=\s*"([^"]+)"', re.IGNORECASE)


def addin_xlwings_version(xlam: Path | bytes, conf: dict[str, Any] | None = None
                          ) -> str | None:
    """The xlwings version whose VBA an add-in carries, or None when it cannot be told.

    From the VBA itself (its ``XLWINGS_VERSION`` constant) where oletools is installed (the
    secretariat's install), else from the version the build recorded in the config sheet
    (``conf``: that sheet when the caller has already read it).
    """
    data = xlam.read_bytes() if isinstance(xlam, Path) else xlam
    try:
        found = _VBA_VERSION.search(vba_source(data))
        if found:
            return found.group(1)
    except ImportError:
        pass
    recorded = (read_addin_conf(data) if conf is None else conf).get(VERSION_KEY)
    return str(recorded).strip() if recorded not in (None, "") else None


def check_versions(xlam: Path | bytes | None = None) -> str:
    """The installed xlwings version; AddinError when it (or the add-in's) is not the pin."""
    python_xlwings = xlwings_version()
    addin = None
    if xlam is not None:
        addin = addin_xlwings_version(xlam)
        if addin is None:
            raise AddinError(
                "Versi xlwings add-in ini tidak dapat dibaca (add-in dibuat oleh lkj-excel "
                "lama?). Jalankan lkj addin pasang tanpa --out: add-in dibuat dari xlwings "
                "yang terpasang.")
    problem = version_problem(python_xlwings, addin)
    if problem:
        raise AddinError(problem)
    return python_xlwings


def source_addin() -> Path:
    path = xlwings_dir() / SOURCE_NAME
    if not path.is_file():
        raise AddinError(f"Berkas {SOURCE_NAME} tidak ditemukan di paket xlwings ({path}).")
    return path


def macros_dir() -> Path:
    """``LKJ_MACROS``, or ``macros/`` as installed in the wheel (``lkj_excel/macros``), of the
    source tree, or of the current folder."""
    env = os.environ.get("LKJ_MACROS")
    here = Path(__file__).resolve().parents
    candidates = [Path(env)] if env else [here[1] / "macros", here[2] / "macros",
                                          Path.cwd() / "macros"]
    path = next((c for c in candidates if (c / "ribbon.xml").is_file()), candidates[0])
    if not (path / "ribbon.xml").is_file():
        raise AddinError(
            f"Folder macros (sumber ribbon dan konfigurasi add-in) tidak ditemukan di {path}. "
            "Jalankan perintah ini dari salinan kode sumber lkj-excel, atau isi variabel "
            "LKJ_MACROS dengan lokasi folder macros.")
    return path


def read_conf(text: str) -> list[tuple[str, Any]]:
    """xlwings' conf format (``"KEY","value"`` per line); "True"/"False" become booleans."""
    import csv

    out: list[tuple[str, Any]] = []
    for row in csv.reader(io.StringIO(text)):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        key = row[0].strip()
        value: Any = row[1] if len(row) > 1 else ""
        if value in ("True", "False"):
            value = value == "True"
        out.append((key, value))
    return out


def write_conf(items: list[tuple[str, Any]]) -> str:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for key, value in items:
        w.writerow([key, str(value)])
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Ribbon and VBA checks
# ---------------------------------------------------------------------------

def ribbon_actions(xml: bytes | str) -> list[str]:
    """The onAction callbacks of a ribbon XML; raises AddinError if it is not valid customUI."""
    from defusedxml import ElementTree as ET

    try:
        root = ET.fromstring(xml)
    except Exception as exc:
        raise AddinError(f"XML ribbon tidak sah: {exc}") from exc
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if ns not in CUSTOMUI_NS or root.tag.split("}")[-1] != "customUI":
        raise AddinError(f"Akar XML ribbon harus <customUI> dengan namespace customUI, bukan "
                         f"{root.tag}.")
    return [el.get("onAction") for el in root.iter() if el.get("onAction")]


_PROC = re.compile(r"^\s*(?:Public\s+|Private\s+|Friend\s+)?(?:Static\s+)?(Sub|Function)\s+"
                   r"(\w+)\s*\(", re.IGNORECASE | re.MULTILINE)


def _vba_parser():  # type: ignore[no-untyped-def]
    import warnings

    with warnings.catch_warnings():  # oletools still uses deprecated pyparsing names
        warnings.simplefilter("ignore")
        from oletools.olevba import VBA_Parser
    return VBA_Parser


def vba_procedures(xlam: Path | bytes) -> dict[str, set[str]]:
    """Procedures per VBA module of an add-in (olevba), e.g. {"RibbonMyAddin": {"RunMain"}}."""
    VBA_Parser = _vba_parser()
    data = xlam.read_bytes() if isinstance(xlam, Path) else xlam
    parser = VBA_Parser(ADDIN_NAME, data=data)
    try:
        out: dict[str, set[str]] = {}
        for _f, _stream, vba_filename, code in parser.extract_macros():
            module = vba_filename.rsplit(".", 1)[0]
            out.setdefault(module, set()).update(m.group(2) for m in _PROC.finditer(code))
        return out
    finally:
        parser.close()


def vba_source(xlam: Path | bytes) -> str:
    VBA_Parser = _vba_parser()

    data = xlam.read_bytes() if isinstance(xlam, Path) else xlam
    parser = VBA_Parser(ADDIN_NAME, data=data)
    try:
        return "\n".join(code for *_x, code in parser.extract_macros())
    finally:
        parser.close()


def check_actions(ribbon: bytes, procedures: dict[str, set[str]]) -> None:
    """Every onAction must be ``Module.Procedure`` (or ``Procedure``) present in the VBA."""
    for action in ribbon_actions(ribbon):
        module, _, proc = action.rpartition(".")
        found = (proc in procedures.get(module, set()) if module
                 else any(proc in procs for procs in procedures.values()))
        if not found:
            raise AddinError(
                f"Tombol ribbon memanggil {action}, tetapi prosedur VBA itu tidak ada di add-in. "
                "Impor dulu modul VBA-nya (lihat macros/RibbonLKj.bas) atau pakai "
                "macros/ribbon.xml.")


# ---------------------------------------------------------------------------
# Config sheet
# ---------------------------------------------------------------------------

def conf_sheet_parts(items: list[tuple[str, Any]], template_sheet: bytes
                     ) -> tuple[bytes, bytes]:
    """(sheet1.xml, sharedStrings.xml) holding ``items`` in A:B from row 1 (contiguous)."""
    from xml.sax.saxutils import escape  # here: it imports urllib (the button imports us)

    strings: list[str] = []

    def sst(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    rows = []
    for r, (key, value) in enumerate(items, start=1):
        cells = [f'<c r="A{r}" s="1" t="s"><v>{sst(key)}</v></c>']
        if isinstance(value, bool):
            cells.append(f'<c r="B{r}" s="1" t="b"><v>{int(value)}</v></c>')
        elif value not in (None, ""):
            cells.append(f'<c r="B{r}" s="1" t="s"><v>{sst(str(value))}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    text = template_sheet.decode("utf-8")
    sheet_data = f"<sheetData>{''.join(rows)}</sheetData>"
    text, n = re.subn(r"<sheetData>.*</sheetData>|<sheetData\s*/>", lambda _m: sheet_data,
                      text, flags=re.DOTALL)
    if n != 1:
        raise AddinError("Lembar konfigurasi add-in xlwings tidak berbentuk seperti biasanya.")
    text = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:B{max(1, len(items))}" />',
                  text)
    sst_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               f'count="{len(strings)}" uniqueCount="{len(strings)}">'
               + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
               + "</sst>")
    return text.encode("utf-8"), sst_xml.encode("utf-8")


def conf_items(interpreter: str | None = None, conf_text: str | None = None,
               version: str | None = None) -> list[tuple[str, Any]]:
    """The config sheet's items: ``macros/myaddin.conf``, the interpreter (when given) first,
    and the xlwings version the VBA comes from (when given) last."""
    if conf_text is None:
        conf_text = (macros_dir() / "myaddin.conf").read_text(encoding="utf-8")
    items = [(k, v) for k, v in read_conf(conf_text) if k.upper() != VERSION_KEY]
    if version:
        items.append((VERSION_KEY, version))
    if interpreter:
        items = [(k, v) for k, v in items if k.upper() not in ("INTERPRETER_WIN", "INTERPRETER")]
        items = [("INTERPRETER_WIN", interpreter), ("INTERPRETER", interpreter), *items]
    return items


def read_addin_conf(xlam: Path | bytes) -> dict[str, Any]:
    """The config sheet of a built add-in, as the VBA's GetConfigFromSheet sees it."""
    from python_calamine import CalamineWorkbook

    data = xlam.read_bytes() if isinstance(xlam, Path) else xlam
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    if CONF_SHEET not in wb.sheet_names:
        return {}
    out: dict[str, Any] = {}
    for row in wb.get_sheet_by_name(CONF_SHEET).to_python(skip_empty_area=False):
        if not row or row[0] in (None, ""):
            break  # GetConfigFromSheet stops at the first empty cell of column A
        out[str(row[0]).upper()] = row[1] if len(row) > 1 else ""
    return out


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

def _rebuild(src: bytes, replace: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info.filename))
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)
    return out.getvalue()


def build_bytes(ribbon: bytes | None = None, conf: list[tuple[str, Any]] | None = None,
                src: bytes | None = None) -> bytes:
    """The add-in's bytes: xlwings' quickstart ribbon add-in with our XML parts.

    Every ribbon callback is checked against the VBA (oletools). Without oletools (the staff
    install) only the shipped ``macros/ribbon.xml`` is accepted unchecked: its one callback
    is xlwings' own ``RibbonMyAddin.RunMain``, present in every quickstart add-in (the tests
    check it on each build).
    """
    import zipfile

    shipped = (macros_dir() / "ribbon.xml").read_bytes()
    src = src if src is not None else source_addin().read_bytes()
    ribbon = ribbon if ribbon is not None else shipped
    conf = conf if conf is not None else conf_items(version=xlwings_version())
    try:
        procedures = vba_procedures(src)
    except ImportError:
        if ribbon != shipped:
            raise AddinError("Memeriksa ribbon lain memerlukan oletools (pemasangan "
                             "sekretariat): py -m pip install \"lkj-excel[sekretariat]\"") from None
        procedures = None
    if procedures is not None:
        check_actions(ribbon, procedures)
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        names = set(z.namelist())
        if not {RIBBON_PART, SHEET_PART, SST_PART, WORKBOOK_PART, VBA_PART} <= names:
            raise AddinError(f"{SOURCE_NAME} dari xlwings tidak memuat bagian yang diharapkan.")
        workbook = z.read(WORKBOOK_PART).decode("utf-8")
        sheet = z.read(SHEET_PART)
    for old in (CONF_SHEET_DISABLED, CONF_SHEET):
        if f'name="{old}"' in workbook:
            workbook = workbook.replace(f'name="{old}"', f'name="{CONF_SHEET}"')
            break
    else:
        raise AddinError("Lembar konfigurasi _myaddin.conf tidak ada di add-in xlwings.")
    sheet_xml, sst_xml = conf_sheet_parts(conf, sheet)
    return _rebuild(src, {RIBBON_PART: ribbon, WORKBOOK_PART: workbook.encode("utf-8"),
                          SHEET_PART: sheet_xml, SST_PART: sst_xml})


def _target(out: str | Path | None) -> Path:
    path = Path(out) if out else Path.cwd() / ADDIN_NAME
    if path.is_dir():
        path = path / ADDIN_NAME
    if path.name != ADDIN_NAME:
        raise AddinError(
            f"Nama berkas add-in harus {ADDIN_NAME} (tombol Hitung mengimpor modul Python "
            f"sesuai nama berkas add-in), bukan {path.name}.")
    return path


def build_addin(out: str | Path | None = None, interpreter: str | None = None) -> Path:
    from lkj_excel.files.atomic import atomic_write_bytes

    target = _target(out)
    version = check_versions()
    data = build_bytes(conf=conf_items(interpreter, version=version))
    return atomic_write_bytes(target, data)


def replace_ribbon(xlam: str | Path, ribbon: str | Path) -> Path:
    """Put another ribbon into an add-in (e.g. one whose VBA was edited in Excel).

    Refuses when an onAction names a VBA procedure the add-in does not have.
    """
    from lkj_excel.files.atomic import atomic_write_bytes

    path = Path(xlam)
    src = path.read_bytes()
    xml = Path(ribbon).read_bytes()
    check_actions(xml, vba_procedures(src))
    return atomic_write_bytes(path, _rebuild(src, {RIBBON_PART: xml}))


# ---------------------------------------------------------------------------
# Install
# ---------------------------------------------------------------------------

def xlstart_dir() -> Path:
    """Excel's per-user startup folder on Windows (a trusted location by default)."""
    appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"


def user_conf_path() -> Path:
    """xlwings' user config of this add-in (its VBA: %USERPROFILE%\\.myaddin\\myaddin.conf)."""
    home = os.environ.get("USERPROFILE") or str(Path.home())
    return Path(home) / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"


def merged_user_conf(existing: str, interpreter: str) -> str:
    """The user config with our keys set and every other line kept."""
    ours = {"INTERPRETER_WIN": interpreter, "UDF MODULES": UDF_MODULE}
    items = [(k, v) for k, v in read_conf(existing) if k.upper() not in ours]
    return write_conf([*ours.items(), *items])


def install(xlstart: Path, conf_path: Path, interpreter: str,
           xlam: Path | None = None) -> tuple[Path, Path]:
    """Install the add-in into ``xlstart`` (interpreter pinned in its config sheet) and write
    the user config; both atomically. Returns (add-in, config) paths."""
    from lkj_excel.files.atomic import atomic_write_bytes, atomic_write_text

    if xlam is not None and not xlam.is_file():
        raise AddinError(f"Berkas add-in {xlam} tidak ada.")
    if xlam is not None:
        src = xlam.read_bytes()
        check_versions(src)
        data = _rebuild(src, dict(zip((SHEET_PART, SST_PART), _pinned_conf(src, interpreter),
                                      strict=True)))
    else:
        version = check_versions()
        data = build_bytes(conf=conf_items(interpreter, version=version))
    xlstart.mkdir(parents=True, exist_ok=True)
    target = xlstart / ADDIN_NAME
    try:
        atomic_write_bytes(target, data)
    except PermissionError as exc:
        raise AddinError(f"Tidak dapat menulis {target}: berkas sedang dipakai. Tutup semua "
                         "jendela Excel lalu jalankan lagi.") from exc
    existing = conf_path.read_text(encoding="utf-8") if conf_path.is_file() else ""
    conf_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(conf_path, merged_user_conf(existing, interpreter))
    return target, conf_path


def _pinned_conf(src: bytes, interpreter: str) -> tuple[bytes, bytes]:
    import zipfile

    current = read_addin_conf(src)
    items = [(k, v) for k, v in current.items()]
    items = [(k, "" if v is None else v) for k, v in items
             if k not in ("INTERPRETER_WIN", "INTERPRETER")]
    items = [("INTERPRETER_WIN", interpreter), ("INTERPRETER", interpreter), *items]
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        sheet = z.read(SHEET_PART)
    return conf_sheet_parts(items, sheet)
