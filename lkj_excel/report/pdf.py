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
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkj_excel.core.temuan import ToolError
from lkj_excel.files.atomic import atomic_write

TIMEOUT = 300
PDFA_VERSION = 2
#: what every warning about the table of contents' page numbers says, after its reason
TOC_UNFILLED = "nomor halaman daftar isi belum diisi"
NO_LAYOUT = "LibreOffice tidak dapat menata laporan"
NO_UNO = "Python-UNO LibreOffice tidak ditemukan"

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


def toc_warning(reason: str, detail: str = "") -> str:
    """``"Peringatan: <reason>; nomor halaman daftar isi belum diisi. <detail>"``."""
    return f"Peringatan: {reason}; {TOC_UNFILLED}." + (f" {detail}" if detail else "")


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
    """Convert ``docx`` to ``pdf`` (written atomically, tagged). Raises ``PdfError``."""
    out = lay_out(docx, pdf, pdfa=pdfa, timeout=timeout)
    assert out.pdf is not None
    return out.pdf


@dataclass
class Layout:
    """What one LibreOffice run gave: the PDF (when asked) and the table of contents as
    laid out (``[text, page]`` lines; None without Python-UNO)."""

    pdf: Path | None
    toc: list[list[str]] | None
    peringatan: str = ""


def lay_out(docx: str | Path, pdf: str | Path | None = None, pdfa: bool = False,
            timeout: int = TIMEOUT) -> Layout:
    """Lay ``docx`` out in LibreOffice once: update its table of contents, read the page of
    every entry, and export a tagged PDF (PDF/A-2b with ``pdfa``) when ``pdf`` is given.
    Raises ``PdfError``."""
    from lkj_excel.files.libreoffice import run_soffice

    exe = soffice()
    if exe is None:
        raise PdfError(INSTALL_HINT)
    src = Path(docx).resolve()
    peringatan = ""
    toc: list[list[str]] | None = None
    with tempfile.TemporaryDirectory(prefix="lkj-pdf-") as tmp:
        work = Path(tmp)
        masuk, keluar, daftar = work / "masuk.docx", work / "masuk.pdf", work / "daftar.json"
        shutil.copyfile(src, masuk)
        py = uno_python(exe)
        proc = None
        if py is not None:
            from lkj_excel.report.office import OfficeError, session

            try:
                session(exe, py).convert(masuk, keluar if pdf is not None else "-",
                                         PDFA_VERSION if pdfa else 0, timeout,
                                         toc_out=str(daftar))
            except OfficeError as exc:
                if pdf is not None:
                    raise PdfError(exc.pesan) from None
                return Layout(None, None, toc_warning(NO_LAYOUT, exc.pesan))
            try:
                toc = json.loads(daftar.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                toc = None
        elif pdf is None:
            return Layout(None, None, toc_warning(NO_UNO))
        else:
            peringatan = (f"Peringatan: {NO_UNO}; daftar isi di PDF dan nomor halamannya di "
                          "Word belum diperbarui.")
            opts = [f"\"SelectPdfVersion\":{{\"type\":\"long\",\"value\":\"{PDFA_VERSION}\"}}"
                    ] if pdfa else []
            opts.append("\"UseTaggedPDF\":{\"type\":\"boolean\",\"value\":\"true\"}")
            filt = "pdf:writer_pdf_Export:{" + ",".join(opts) + "}"
            try:  # soffice --convert-to with its own private profile (files.libreoffice)
                proc = run_soffice(["--convert-to", filt, "--outdir", str(work), str(masuk)],
                                   timeout=timeout)
            except ToolError as exc:
                raise PdfError(exc.pesan) from exc
        written = None
        if pdf is not None:
            if not keluar.exists() or keluar.stat().st_size == 0:
                detail = (proc.stderr or proc.stdout or "").strip()[-300:] if proc else ""
                kode = proc.returncode if proc else "-"
                raise PdfError(f"LibreOffice gagal membuat PDF (kode {kode}). {detail}")
            data = keluar.read_bytes()
            written = atomic_write(pdf, lambda t: t.write_bytes(data))
        elif toc is None:
            peringatan = toc_warning(NO_LAYOUT)
    return Layout(written, toc, peringatan)


def toc_pages(entries: list[Any], laid_out: list[list[str]]) -> list[str] | None:
    """The page of each of the .docx's TOC entries, from LibreOffice's table of contents
    of the same document (matched in order by text); None when they do not match."""
    def key(text: str) -> str:
        return " ".join(str(text).split()).casefold()

    pages: list[str] = []
    j = 0
    for e in entries:
        while j < len(laid_out) and key(laid_out[j][0]) != key(e.text):
            j += 1
        if j == len(laid_out):
            return None
        pages.append(laid_out[j][1])
        j += 1
    return pages


def finish_with_libreoffice(docx: str | Path, entries: list[Any], pdf: str | Path | None = None,
                            pdfa: bool = False) -> Layout:
    """Lay the written report out once: the PDF when asked, and the page numbers of the
    .docx's own table of contents written into it (atomically). Raises ``PdfError``."""
    from lkj_excel.report.finish import set_toc_pages

    out = lay_out(docx, pdf, pdfa=pdfa)
    if entries and out.toc is not None:
        pages = toc_pages(entries, out.toc)
        if pages is None:
            out.peringatan = toc_warning("daftar isi hasil tata letak LibreOffice tidak "
                                         "cocok dengan judul-judul laporan")
        else:
            data = set_toc_pages(Path(docx).read_bytes(), pages)
            atomic_write(docx, lambda t: t.write_bytes(data))
    return out
