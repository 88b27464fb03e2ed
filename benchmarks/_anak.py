"""A measurement in a fresh process (the benchmarks' ``--anak`` child): the parent runs the
same script with ``--anak ARGS`` and reads the JSON line the child prints last."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def report(res: dict[str, Any]) -> None:
    """In the child: print the result with the child's peak RSS (``rss_mb``)."""
    res["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res))


def run(script: str, *args: str) -> dict[str, Any]:
    """In the parent: run ``script --anak ARGS`` in a fresh process, its result."""
    out = subprocess.run([sys.executable, script, "--anak", *args], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])
