"""The staff install (``pip install lkj-excel``, no extras) built into a fresh venv.

Used by tests/test_pasang.py and benchmarks/bench_tombol.py. pip's own cache serves the
wheels after the first build; the network (PyPI) is needed once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

#: what the staff install must never bring (xlwings imports them on every click)
NEVER_IN_STAFF = ("pandas", "numpy", "matplotlib", "cryptography", "docxtpl", "distributed",
                  "dask", "rich", "jinja2")


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, **kw)


def staff_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def build_wheel(out: Path, python: str = sys.executable) -> Path:
    """The lkj-excel wheel of this tree, built into ``out`` by ``python``'s pip (the
    offline bundle's own builder, ``files.bundle.lkj_wheel``)."""
    from lkj_excel.files.bundle import lkj_wheel

    out.mkdir(parents=True, exist_ok=True)
    return lkj_wheel([python, "-m", "pip"], out)


def build_staff_venv(venv: Path, python: str = sys.executable) -> Path:
    """A fresh venv at ``venv`` with the staff install of this tree; its python."""
    _run([python, "-m", "venv", "--clear", str(venv)])
    py = staff_python(venv)
    with tempfile.TemporaryDirectory(prefix="lkj-wheel-") as tmp:
        wheel = build_wheel(Path(tmp), str(py))
        _run([str(py), "-m", "pip", "install", "-q", str(wheel)])
    return py


def installed(py: Path) -> set[str]:
    """Distribution names (normalised) installed in the venv of ``py``."""
    out = _run([str(py), "-c", "import json, importlib.metadata as m; print(json.dumps("
                "sorted({d.metadata['Name'].lower().replace('_', '-') "
                "for d in m.distributions()})))"]).stdout
    return set(json.loads(out))


def modules_after(py: Path, code: str) -> set[str]:
    """Top-level modules loaded in a new process of ``py`` after running ``code``."""
    script = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in " \
                    "sys.modules})))"
    out = _run([str(py), "-c", script]).stdout
    return set(json.loads(out.strip().splitlines()[-1]))
