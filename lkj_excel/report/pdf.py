"""PDF from the rendered .docx with LibreOffice (headless).

LibreOffice runs with a private user profile (``-env:UserInstallation``, from
``lkj_excel.files.libreoffice``). With a Python that has LibreOffice's ``uno`` module (bundled
with LibreOffice on Windows/macOS; ``python3-uno`` on Debian), one soffice per process is
kept running and reused for every document (``lkj_excel.report.office``: restarted and the
document retried once after a crash or a hang); ``_uno_ekspor.export`` opens the document
hidden, updates the table of contents, and exports with ``writer_pdf_Export``
(``SelectPdfVersion`` 2 = PDF/A-2b when asked). Without one, each conversion runs
``soffice --convert-to`` (the table of contents then keeps the text Word would update) and a
warning says so.

(A Basic macro installed in the private profile was tried first: a fresh profile replaces
its Basic libraries on first start, and the macro URL run hung headless.)
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

from lkj_excel.core.temuan import ToolError
from lkj_excel.files.atomic import atomic_write

TIMEOUT = 300
PDFA_VERSION = 2

INSTALL_HINT = (
    "LibreOffice tidak ditemukan, jadi PDF tidak dibuat (berkas Word tetap ditulis). "
    "Pasang LibreOffice lalu jalankan lagi dengan --pdf:\n"
    "  - Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2 "
    "fonts-crosextra-carlito fonts-crosextra-caladea\n"
    "  - Windows/macOS: unduh dari https://www.libreoffice.org/download/\n"
    "Bila LibreOffice terpasang di lokasi lain, isi variabel lingkungan LKJ_SOFFICE dengan "
    "lokasi program soffice.")


class PdfError(ToolError):
    """Conversion failed; ``pesan`` is Indonesian."""


_UNO_SCRIPT = Path(__file__).with_name("_uno_ekspor.py")


@functools.cache
def uno_python(exe: str) -> str | None:
    """A Python interpreter that can ``import uno`` (LibreOffice's bundled one, the system's
    python3 with python3-uno, or ``LKJ_UNO_PYTHON``); None when there is none."""
    import os

    cands = []
    if os.environ.get("LKJ_UNO_PYTHON"):
        cands.append(os.environ["LKJ_UNO_PYTHON"])
    prog = Path(exe).resolve().parent
    cands += [str(prog / "python.exe"), str(prog / "python"), "/usr/bin/python3",
              shutil.which("python3") or ""]
    for cand in cands:
        if not cand or not Path(cand).exists():
            continue
        try:
            ok = subprocess.run([cand, "-c", "import uno"], capture_output=True,
                                timeout=30, check=False).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return cand
    return None


def soffice() -> str | None:
    """The soffice program, or None when LibreOffice is not installed."""
    from lkj_excel.files.libreoffice import soffice_path

    try:
        return soffice_path()
    except ToolError:
        return None


def docx_to_pdf(docx: str | Path, pdf: str | Path, pdfa: bool = False,
                timeout: int = TIMEOUT) -> Path:
    """Convert ``docx`` to ``pdf`` (written atomically). Raises ``PdfError``."""
    from lkj_excel.files.libreoffice import user_profile

    exe = soffice()
    if exe is None:
        raise PdfError(INSTALL_HINT)
    src = Path(docx).resolve()
    peringatan = ""
    with tempfile.TemporaryDirectory(prefix="lkj-pdf-") as tmp:
        work = Path(tmp)
        masuk, keluar = work / "masuk.docx", work / "masuk.pdf"
        shutil.copyfile(src, masuk)
        py = uno_python(exe)
        proc = None
        if py is not None:
            from lkj_excel.report.office import OfficeError, session

            try:
                session(exe, py).convert(masuk, keluar, PDFA_VERSION if pdfa else 0, timeout)
            except OfficeError as exc:
                raise PdfError(exc.pesan) from None
        else:
            peringatan = ("Peringatan: Python-UNO LibreOffice tidak ditemukan; daftar isi di "
                          "PDF belum diperbarui.")
            filt = ("pdf:writer_pdf_Export:{\"SelectPdfVersion\":{\"type\":\"long\","
                    f"\"value\":\"{PDFA_VERSION}\"}}}}" if pdfa else "pdf:writer_pdf_Export")
            cmd = [exe, user_profile(work / "profil"), "--headless", "--norestore",
                   "--nolockcheck", "--nodefault", "--convert-to", filt, "--outdir", str(work),
                   str(masuk)]
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                      check=False)
            except subprocess.TimeoutExpired as exc:
                raise PdfError(f"LibreOffice tidak selesai dalam {timeout} detik saat membuat "
                               "PDF. Coba lagi.") from exc
        if not keluar.exists() or keluar.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout or "").strip()[-300:] if proc else ""
            kode = proc.returncode if proc else "-"
            raise PdfError(f"LibreOffice gagal membuat PDF (kode {kode}). {detail}")
        data = keluar.read_bytes()
    path = atomic_write(pdf, lambda t: t.write_bytes(data))
    if peringatan:
        import sys

        print(peringatan, file=sys.stderr)
    return path
