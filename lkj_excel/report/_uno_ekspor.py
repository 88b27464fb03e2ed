"""Run inside a Python that has LibreOffice's ``uno`` module (not lkj-excel's own Python),
imported by ``_uno_server.py``: ``start`` a private headless soffice listening on a pipe,
``export`` one document (open it hidden, update every index (table of contents) twice so page
numbers settle, optionally write the table of contents' lines with their pages as JSON, and
store a tagged PDF with ``writer_pdf_Export``, ``SelectPdfVersion`` 0 normal or 2
PDF/A-2b), and ``stop`` soffice. Standard library + uno only.
"""

import json
import os
import subprocess
import sys
import time
import uuid


def prop(name, value):
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start(soffice, profile, wait=120):
    """(process, component context) of a new headless soffice on a private pipe; the
    context is None when it could not be reached."""
    import uno
    from com.sun.star.connection import NoConnectException

    pipe = "lkj" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [soffice, profile, "--headless", "--invisible", "--norestore", "--nolockcheck",
         "--nodefault", "--nologo", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    restarts = 0
    deadline = time.time() + wait
    while time.time() < deadline:
        try:
            ctx = resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if proc.poll() is not None:
                restarts += 1
                if restarts > 2:
                    break
                # first start of a fresh profile restarts once: start again
                proc = subprocess.Popen(proc.args, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
            time.sleep(0.2)
    return proc, ctx


def export(desktop, src, out, versi, toc_out=""):
    """Open ``src`` hidden, update its indexes, export it to the PDF ``out`` ("-": none);
    with ``toc_out``, write the table of contents' lines there as JSON. Returns 0, or 4 when
    the document cannot be opened."""
    import uno

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)),
                                       "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        print("dokumen tidak dapat dibuka", file=sys.stderr)
        return 4
    try:
        idx = doc.getDocumentIndexes()
        for _ in range(2):
            for i in range(idx.getCount()):
                idx.getByIndex(i).update()
        doc.getTextFields().refresh()
        if toc_out:
            lines = []
            for i in range(idx.getCount()):
                index = idx.getByIndex(i)
                if "ContentIndex" not in index.getImplementationName() and \
                        not index.supportsService("com.sun.star.text.ContentIndex"):
                    continue
                for line in index.getAnchor().getString().splitlines():
                    text, _, page = line.rpartition("\t")
                    if text.strip():
                        lines.append([text.strip(), page.strip()])
            with open(toc_out, "w", encoding="utf-8") as fh:
                json.dump(lines, fh, ensure_ascii=False)
        if out != "-":
            data = uno.Any("[]com.sun.star.beans.PropertyValue",
                           (prop("SelectPdfVersion", int(versi)),
                            prop("UseTaggedPDF", True),
                            prop("ExportBookmarks", True)))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)),
                           (prop("FilterName", "writer_pdf_Export"),
                            prop("FilterData", data)))
    finally:
        doc.close(True)
    return 0


def stop(proc, desktop=None):
    """Shut soffice down (through its desktop when there is one), killed after 30 s."""
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:  # the bridge drops while soffice quits
            pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
