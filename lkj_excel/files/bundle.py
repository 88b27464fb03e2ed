"""The offline bundle for IT (``lkj addin paket``): everything a staff PC without internet
needs, in one folder (or zip).

::

    lkj_excel.xlam                      the add-in (xlwings' VBA of the pinned version)
    pasang.py                           the installer (standard library only)
    wheels/                             the staff install's wheels for Windows
    requirements-<platform>-py3.X.txt   one per platform and Python: name==version + sha256
    pasang.bat, pasang.ps1              install with --no-index, install the add-in, smoke test
    contoh/ templat/                    the example workbook and a blank template
    BACA-SAYA.txt, paket.json           what is inside (Indonesian), and the manifest

Built with pip itself: ``pip download --only-binary=:all: --platform P --python-version V``
of the lkj-excel wheel, one folder per (platform, Python), so each requirements file lists
exactly the files pip chose for it. pip evaluates environment markers on THIS machine, not
the target's, so the Windows-only dependencies (xlwings needs pywin32 there) are found by
reading every wheel's metadata with the target's markers (``closure``) and fetched too. A
pure-Python dependency PyPI ships only as source (docopt, for num2words) is built into a
wheel here first (``SOURCE_ONLY``). Every (platform, Python) is then checked to resolve
from the bundle alone: ``pip install --dry-run --no-index --find-links wheels --platform P
--python-version V --only-binary=:all: --require-hashes -r requirements-...txt`` and the
marker closure (``verify``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkj_excel.core.temuan import ToolError

#: Windows platforms a staff PC may have (wheel platform tags) and the Pythons offered
PLATFORMS = ("win_amd64", "win32")
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
#: pure-Python dependencies that PyPI has only as source: built into a wheel here
SOURCE_ONLY = ("docopt",)
BITS = {"win_amd64": 64, "win32": 32}
MACHINE = {"win_amd64": "AMD64", "win32": "x86"}


@dataclass
class Target:
    platform: str
    python: str
    #: wheel file names pip chose for this target
    files: list[str] = field(default_factory=list)

    @property
    def requirements(self) -> str:
        return f"requirements-{self.platform}-py{self.python}.txt"

    @property
    def label(self) -> str:
        return f"Python {self.python} {BITS[self.platform]}-bit ({self.platform})"


#: what a wheel of lkj-excel is built from (copied: the build leaves nothing in the tree)
WHEEL_SOURCES = ("pyproject.toml", "setup.py", "README.md", "lkj_excel", "macros")


def _pip(pip: Sequence[str], *args: str) -> str:
    # pip runs under the interpreter it is given: none of this process's paths leak into it
    env = {k: v for k, v in os.environ.items()
           if k not in ("PIP_REQUIRE_VIRTUALENV", "PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run([*pip, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-12:])
        raise ToolError(f"pip gagal ({' '.join(args[:2])}):\n{tail}")
    return proc.stdout


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def marker_env(platform: str, python: str) -> dict[str, str]:
    """The environment markers of a CPython ``python`` on Windows ``platform``."""
    return {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
            "platform_machine": MACHINE[platform], "platform_release": "10",
            "platform_version": "", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "python_version": python,
            "python_full_version": f"{python}.0", "implementation_version": f"{python}.0"}


def _wheel_meta(path: Path) -> tuple[str, str, list[str]]:
    """(normalised name, version, Requires-Dist lines) of a wheel."""
    import zipfile
    from email.parser import HeaderParser

    from packaging.utils import canonicalize_name

    with zipfile.ZipFile(path) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        msg = HeaderParser().parsestr(z.read(meta).decode("utf-8"))
    return (canonicalize_name(msg["Name"]), msg["Version"], msg.get_all("Requires-Dist") or [])


def _unmet(wheels: Iterable[Path], platform: str, python: str
           ) -> tuple[set[str], list[tuple[str, Any, str | None]]]:
    """(names present, unmet): ``(wheel, requirement, version present or None)`` for every
    requirement of every wheel, markers evaluated for the target, that no wheel of the set
    meets (name and version)."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    env = marker_env(platform, python)
    metas = [_wheel_meta(p) for p in wheels]
    versions = {name: version for name, version, _ in metas}
    unmet = []
    for name, _version, requires in metas:
        for line in requires:
            req = Requirement(line)
            if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
                continue
            dep = canonicalize_name(req.name)
            if dep not in versions:
                unmet.append((name, req, None))
            elif not req.specifier.contains(versions[dep], prereleases=True):
                unmet.append((name, req, f"{dep} {versions[dep]}"))
    return set(versions), unmet


def closure(wheels: Iterable[Path], platform: str, python: str) -> tuple[set[str], list[str]]:
    """(names present, problems): every requirement of every wheel, markers evaluated for
    the target, must be met by a wheel of the set (name and version)."""
    names, unmet = _unmet(wheels, platform, python)
    return names, [f"{name} memerlukan {req} (tidak ada di paket)" if have is None
                   else f"{name} memerlukan {req}, ada {have}" for name, req, have in unmet]


def _download(pip: Sequence[str], dest: Path, reqs: Sequence[str], t: Target,
              find_links: Path, deps: bool = True) -> None:
    args = ["download", "-q", "--only-binary=:all:", "--platform", t.platform,
            "--python-version", t.python, "--implementation", "cp", "--find-links",
            str(find_links), "-d", str(dest)]
    if not deps:
        args.append("--no-deps")
    _pip(pip, *args, *reqs)


def _source_only_wheels(pip: Sequence[str], dest: Path) -> None:
    for name in SOURCE_ONLY:
        _pip(pip, "wheel", "-q", "--no-deps", "-w", str(dest), name)


def collect(pip: Sequence[str], wheel: Path, t: Target, wheels: Path, local: Path) -> None:
    """Download the staff install's wheels for ``t`` into ``wheels`` (shared); ``t.files``."""
    with tempfile.TemporaryDirectory(prefix=f"lkj-{t.platform}-{t.python}-") as tmp:
        dest = Path(tmp)
        _download(pip, dest, [str(wheel)], t, local)
        for _ in range(5):  # what the target's markers add (pywin32 for xlwings on Windows)
            _names, unmet = _unmet(dest.glob("*.whl"), t.platform, t.python)
            # what is missing, as pip takes it (name, extras, versions; no markers)
            reqs = sorted({req.name + (f"[{','.join(sorted(req.extras))}]" if req.extras
                                       else "") + str(req.specifier)
                           for _name, req, have in unmet if have is None})
            if not reqs:
                break
            _download(pip, dest, reqs, t, local)
        for path in sorted(dest.glob("*.whl")):
            target = wheels / path.name
            if not target.exists():
                shutil.copy2(path, target)
            t.files.append(path.name)


def requirements_text(t: Target, wheels: Path) -> str:
    from packaging.utils import parse_wheel_filename

    lines = [f"# {t.label}: pemasangan staf lkj-excel, dari folder wheels (tanpa internet)"]
    for name in sorted(t.files):
        project, version, _build, _tags = parse_wheel_filename(name)
        lines.append(f"{project}=={version} --hash=sha256:{sha256(wheels / name)}")
    return "\n".join(lines) + "\n"


def verify(pip: Sequence[str], folder: Path, t: Target) -> list[str]:
    """Problems of ``t`` resolving from the bundle alone (empty: it resolves)."""
    wheels = folder / "wheels"
    _names, problems = closure((wheels / f for f in t.files), t.platform, t.python)
    with tempfile.TemporaryDirectory(prefix="lkj-dry-") as tmp:
        try:
            _pip(pip, "install", "--dry-run", "-q", "--no-index", "--find-links", str(wheels),
                 "--only-binary=:all:", "--platform", t.platform, "--python-version",
                 t.python, "--implementation", "cp", "--target", tmp, "--require-hashes",
                 "--ignore-installed", "-r", str(folder / t.requirements))
        except ToolError as exc:
            problems.append(exc.pesan)
    return problems


def lkj_wheel(pip: Sequence[str], out: Path) -> Path:
    """The lkj-excel wheel of the source tree this package runs from."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / "macros").is_dir():
        raise ToolError("Paket luring dibuat dari salinan kode sumber lkj-excel (folder yang "
                        "memuat pyproject.toml), atau beri --wheel lkj_excel-....whl.")
    with tempfile.TemporaryDirectory(prefix="lkj-src-") as tmp:
        for name in WHEEL_SOURCES:
            src = root / name
            if src.is_dir():
                shutil.copytree(src, Path(tmp) / name,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(src, Path(tmp) / name)
        _pip(pip, "wheel", "-q", "--no-deps", "-w", str(out), tmp)
    return max(out.glob("lkj_excel-*.whl"), key=lambda p: p.stat().st_mtime)


def build(out: Path, platforms: Sequence[str] = PLATFORMS, pythons: Sequence[str] = PYTHONS,
          wheel: Path | None = None, pip: Sequence[str] | None = None) -> dict:
    """Build the bundle into ``out`` (a new or empty folder); its manifest (``paket.json``).

    Raises ToolError when pip fails or a target does not resolve from the bundle.
    """
    from lkj_excel.core import __version__
    from lkj_excel.core.seed import NAMA_BERKAS_INSTANSI, seed_data
    from lkj_excel.files.addin import ADDIN_NAME, XLWINGS_VERSION, build_addin
    from lkj_excel.files.template import write_workbook

    pip = list(pip or [sys.executable, "-m", "pip"])
    bad = [p for p in platforms if p not in PLATFORMS] + [v for v in pythons
                                                          if not re.fullmatch(r"3\.\d+", v)]
    if bad:
        raise ToolError(f"Platform atau versi Python tidak dikenal: {', '.join(bad)} "
                        f"(platform: {', '.join(PLATFORMS)}; Python: misalnya 3.12).")
    if wheel is not None and not Path(wheel).is_file():
        raise ToolError(f"Wheel {wheel} tidak ditemukan. Periksa jalurnya, atau jalankan "
                        "tanpa --wheel agar wheel lkj-excel dibuat dari sumbernya.")
    if out.exists() and any(out.iterdir()):
        raise ToolError(f"Folder {out} sudah berisi berkas: pakai folder baru yang kosong.")
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    local = out / ".lokal"
    local.mkdir()
    try:
        own = wheel if wheel is not None else lkj_wheel(pip, local)
        if wheel is not None:
            shutil.copy2(wheel, local / wheel.name)
            own = local / wheel.name
        _source_only_wheels(pip, local)
        targets = [Target(p, v) for p in platforms for v in pythons]
        for t in targets:
            collect(pip, own, t, wheels, local)
            (out / t.requirements).write_text(requirements_text(t, wheels), encoding="utf-8")
    finally:
        shutil.rmtree(local, ignore_errors=True)
    problems = {t.requirements: verify(pip, out, t) for t in targets}
    failed = {k: v for k, v in problems.items() if v}
    if failed:
        detail = "; ".join(f"{k}: {' | '.join(v)}" for k, v in failed.items())
        raise ToolError(f"Paket luring tidak lengkap: {detail}")
    build_addin(out / ADDIN_NAME)
    (out / "contoh").mkdir()
    write_workbook(out / "contoh" / NAMA_BERKAS_INSTANSI, seed_data())
    (out / "templat").mkdir()
    write_workbook(out / "templat" / "template_lkj.xlsx")
    from lkj_excel.files import bundle_scripts

    (out / "pasang.py").write_text(bundle_scripts.PASANG_PY, encoding="utf-8")
    (out / "pasang.bat").write_bytes(bundle_scripts.pasang_bat(targets).encode("utf-8")
                                     .replace(b"\n", b"\r\n"))
    (out / "pasang.ps1").write_bytes(bundle_scripts.pasang_ps1(targets).encode("utf-8-sig")
                                     .replace(b"\n", b"\r\n"))
    (out / "BACA-SAYA.txt").write_bytes(bundle_scripts.readme(targets, __version__)
                                        .encode("utf-8-sig").replace(b"\n", b"\r\n"))
    manifest = {
        "lkj_excel": __version__, "xlwings": XLWINGS_VERSION,
        "targets": [{"platform": t.platform, "python": t.python,
                     "requirements": t.requirements, "files": sorted(t.files)}
                    for t in targets],
        "sha256": {f"wheels/{p.name}": sha256(p) for p in sorted(wheels.glob("*.whl"))},
    }
    manifest["sha256"][ADDIN_NAME] = sha256(out / ADDIN_NAME)
    (out / "paket.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                    encoding="utf-8")
    return manifest
