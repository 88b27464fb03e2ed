"""Run by a Python that has LibreOffice's ``uno`` module: one soffice for many documents.

    python3 _uno_server.py SOFFICE -env:UserInstallation=URL [FOLDER]

Starts soffice once (``_uno_ekspor.start``), says ``{"siap": true}`` on stdout, then reads
one JSON job per line on stdin, ``{"src": IN.docx, "out": OUT.pdf, "versi": 0|2, "lain": {}}``,
converts it with ``_uno_ekspor.export`` (``lain``: its keyword arguments) and answers one
JSON line: ``{"ok": true}``, or ``{"ok": false, "mati": bool, "pesan": ...}`` where
``mati`` says soffice is gone (the caller starts a new server). On ``{"stop": true}`` or at the end of stdin (the caller is gone) it shuts soffice
down and exits, removing FOLDER (the caller's scratch folder holding the profile) when the
caller did not. Standard library + uno only.
"""

import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _uno_ekspor as ekspor


def main(argv):
    soffice, profile = argv[1:3]
    scratch = argv[3] if len(argv) > 3 else None
    reply_to = sys.stdout
    sys.stdout = sys.stderr  # nothing but answers on the answer channel

    def reply(obj):
        reply_to.write(json.dumps(obj) + "\n")
        reply_to.flush()

    proc, ctx = ekspor.start(soffice, profile)
    desktop = None
    try:
        if ctx is None:
            reply({"siap": False, "pesan": "tidak dapat terhubung ke LibreOffice"})
            return 3
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        reply({"siap": True})

        def alive():
            try:
                desktop.getComponents()
                return proc.poll() is None
            except Exception:
                return False

        for line in sys.stdin:
            if not line.strip():
                continue
            job = json.loads(line)
            if job.get("stop"):
                break
            try:
                code = ekspor.export(desktop, job["src"], job["out"], job.get("versi", 0),
                                     **job.get("lain", {}))
            except Exception as exc:
                dead = not alive()
                reply({"ok": False, "mati": dead, "pesan": f"{type(exc).__name__}: {exc}"})
                if dead:
                    return 5
                continue
            if code:
                reply({"ok": False, "mati": False, "kode": code,
                       "pesan": "dokumen tidak dapat dibuka"})
            else:
                reply({"ok": True})
        return 0
    finally:
        ekspor.stop(proc, desktop)
        if scratch and os.path.basename(scratch).startswith("lkj-office-"):
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
