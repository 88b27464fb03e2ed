"""LibreOffice (headless) adapter: recalculate workbooks, share a private user profile.

Every call runs ``soffice`` with its own user profile (``-env:UserInstallation``), so it
neither touches the user's LibreOffice settings nor collides with a running instance.
The profile sets Calc to always recalculate formulas of OOXML files on load, so
converting ``.xlsx`` to ``.xlsx`` writes freshly computed cached values.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from lkj_excel.core.temuan import ToolError

_CANDIDATES = (
    "soffice", "libreoffice",
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)

_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
"""

TIMEOUT = 600


def soffice_path() -> str:
    """Path of the ``soffice`` program; ``ToolError`` (Indonesian) if absent."""
    env = os.environ.get("LKJ_SOFFICE")
    if env and Path(env).exists():
        return env
    for cand in _CANDIDATES:
        found = shutil.which(cand)
        if found:
            return found
    raise ToolError(
        "LibreOffice (program soffice) tidak ditemukan. Pasang LibreOffice, atau isi "
        "variabel lingkungan LKJ_SOFFICE dengan lokasi program soffice.")


def user_profile(tmpdir: str | Path) -> str:
    """Create a private LibreOffice profile in ``tmpdir``; returns the ``-env`` argument."""
    base = Path(tmpdir).resolve()
    user = base / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    return f"-env:UserInstallation={base.as_uri()}"


def run_soffice(args: Sequence[str], timeout: int = TIMEOUT) -> subprocess.CompletedProcess:
    """Run headless soffice with a fresh private profile (removed afterwards)."""
    exe = soffice_path()
    with tempfile.TemporaryDirectory(prefix="lkj-lo-") as tmp:
        cmd = [exe, user_profile(tmp), "--headless", "--norestore", "--nolockcheck",
               "--nodefault", *args]
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired as exc:
            raise ToolError(
                f"LibreOffice tidak selesai dalam {timeout} detik. Coba lagi atau periksa "
                "apakah LibreOffice berjalan normal.") from exc


def recalc(paths: Sequence[str | Path], outdir: str | Path) -> list[Path]:
    """Recalculate ``paths`` (.xlsx) with LibreOffice; the results go to ``outdir``.

    Returns the output paths in input order (same file names). Inputs are not modified.
    All files are converted in one soffice run.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    srcs = [Path(p).resolve() for p in paths]
    if not srcs:
        return []
    names = [p.name for p in srcs]
    if len(set(names)) != len(names):
        raise ValueError("nama berkas masukan harus berbeda satu sama lain")
    if out.resolve() in {p.parent for p in srcs}:
        raise ValueError("folder hasil harus berbeda dari folder berkas masukan")
    proc = run_soffice(["--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", str(out.resolve()), *map(str, srcs)])
    results = [out / n for n in names]
    missing = [p.name for p in results if not p.exists()]
    if missing:
        raise ToolError(
            f"LibreOffice gagal menghitung ulang {', '.join(missing)} "
            f"(kode {proc.returncode}): {(proc.stderr or proc.stdout).strip()[:500]}")
    return results
