"""One LibreOffice per process, kept running and reused for many PDFs (over UNO).

``session(exe, py)`` gives this process's ``Office``: a server script (``_uno_server.py``, run
by the Python that has LibreOffice's ``uno``) that starts ``soffice`` once with its own
private profile and converts one document per request with ``_uno_ekspor.export`` (the
export options live there). In a batch every worker process has its own.

A LibreOffice that crashes (the process is gone or the UNO bridge drops) or hangs (no answer
within the timeout) is killed with its whole process group, started again, and the document
is tried once more; when that fails too, ``PdfError`` reports it for that document only and the
next document gets a fresh LibreOffice. A document LibreOffice cannot open is reported at
once (no retry: LibreOffice is fine). After ``MAX_DOCS`` documents LibreOffice is restarted,
so a long batch does not carry its memory growth. The server ends soffice when this process
goes away (its stdin closes), so a killed worker leaves no LibreOffice behind.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from multiprocessing import util as _mp_util
from pathlib import Path

from lkj_excel.core.temuan import ToolError

SERVER = Path(__file__).with_name("_uno_server.py")
START_TIMEOUT = 180
MAX_DOCS = 200


class OfficeError(ToolError):
    """LibreOffice could not convert a document (``pesan`` is Indonesian)."""


class _Crash(Exception):
    """LibreOffice died or hung: restart and retry."""


class Office:
    def __init__(self, exe: str, py: str, max_docs: int = MAX_DOCS) -> None:
        self.exe, self.py, self.max_docs = exe, py, max_docs
        self.proc: subprocess.Popen[str] | None = None
        self.answers: queue.Queue[str | None] = queue.Queue()
        self.tmp: str | None = None
        self.docs = 0
        self.starts = 0
        self.lock = threading.Lock()

    # -- the server process ------------------------------------------------------------
    def _start(self) -> None:
        from lkj_excel.files.libreoffice import user_profile

        self.tmp = tempfile.mkdtemp(prefix="lkj-office-")
        profile = user_profile(Path(self.tmp) / "profil")
        log = open(Path(self.tmp) / "server.log", "w", encoding="utf-8")
        kw: dict = {"start_new_session": True} if os.name == "posix" else {
            "creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
        self.proc = subprocess.Popen([self.py, str(SERVER), self.exe, profile, self.tmp],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=log, text=True, encoding="utf-8", bufsize=1, **kw)
        log.close()
        self.answers = queue.Queue()
        threading.Thread(target=_pump, args=(self.proc.stdout, self.answers),
                         daemon=True).start()
        self.starts += 1
        self.docs = 0
        ready = self._answer(START_TIMEOUT, "memulai LibreOffice")
        if not ready.get("siap"):
            raise _Crash(ready.get("pesan") or "LibreOffice tidak dapat dimulai")

    def _answer(self, timeout: float, doing: str) -> dict:
        try:
            line = self.answers.get(timeout=timeout)
        except queue.Empty:
            raise _Crash(f"LibreOffice tidak menjawab dalam {timeout:g} detik saat {doing}"
                         ) from None
        if line is None:
            raise _Crash(f"LibreOffice berhenti saat {doing}{self._log_tail()}")
        return json.loads(line)

    def _log_tail(self) -> str:
        try:
            text = (Path(self.tmp or "") / "server.log").read_text(encoding="utf-8").strip()
        except OSError:
            return ""
        return f" ({text[-300:]})" if text else ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def server_pid(self) -> int | None:
        return self.proc.pid if self.alive() else None  # type: ignore[union-attr]

    def _kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            try:
                if os.name == "posix":
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                                   capture_output=True, check=False)
            except (ProcessLookupError, PermissionError, OSError):
                pass
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            for f in (proc.stdin, proc.stdout):
                try:
                    f.close()  # type: ignore[union-attr]
                except OSError:
                    pass
        self._clean()

    def _clean(self) -> None:
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def close(self) -> None:
        """Shut LibreOffice down (politely, then by force)."""
        with self.lock:
            self._stop_quietly()

    # -- documents ---------------------------------------------------------------------
    def _job(self, src: Path, out: Path, versi: int, timeout: float,
             extra: dict | None = None) -> None:  # type: ignore[type-arg]
        assert self.proc is not None and self.proc.stdin is not None
        job = {"src": str(src), "out": str(out), "versi": versi, "lain": extra or {}}
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except (OSError, ValueError):
            raise _Crash("LibreOffice berhenti sebelum menerima dokumen") from None
        ans = self._answer(timeout, f"membuat PDF {src.name}")
        self.docs += 1
        if ans.get("ok"):
            return
        if ans.get("mati"):
            raise _Crash(f"LibreOffice berhenti saat membuat PDF {src.name}: {ans.get('pesan')}")
        raise OfficeError(f"LibreOffice tidak dapat membuat PDF dari {src.name}: "
                          f"{ans.get('pesan', '')}.")

    def convert(self, src: str | Path, out: str | Path, versi: int = 0,
                timeout: float = 300, **extra: object) -> None:
        """Convert ``src`` (.docx) to the PDF ``out``; one retry on a fresh LibreOffice
        after a crash or a hang. Raises ``OfficeError``. ``extra`` (JSON values) goes to
        ``_uno_ekspor.export`` as keyword arguments."""
        src = Path(src).resolve()
        out = out if str(out) == "-" else Path(out).resolve()  # "-": no PDF
        with self.lock:
            last = ""
            for _attempt in range(2):
                try:
                    if not self.alive() or self.docs >= self.max_docs:
                        self._stop_quietly()
                        self._start()
                    self._job(src, out, versi, timeout, extra)
                    return
                except _Crash as exc:
                    last = str(exc)
                    self._kill()
            raise OfficeError(f"{last}. Sudah dicoba ulang sekali dengan LibreOffice yang "
                              "baru; dokumen lain tetap diproses.")

    def _stop_quietly(self) -> None:
        """Ask LibreOffice to stop, then make sure it has (nothing when none runs)."""
        proc = self.proc
        if proc is None:
            return
        try:
            proc.stdin.write(json.dumps({"stop": True}) + "\n")  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
            proc.wait(timeout=30)  # type: ignore[union-attr]
        except (OSError, ValueError, subprocess.TimeoutExpired, AttributeError):
            pass
        self._kill()


def _pump(stream, answers: queue.Queue) -> None:  # type: ignore[no-untyped-def,type-arg]
    try:
        for line in stream:
            if line.strip():
                answers.put(line)
    except (OSError, ValueError):
        pass
    answers.put(None)


_SESSION: Office | None = None
_SESSION_LOCK = threading.Lock()


def session(exe: str, py: str) -> Office:
    """This process's LibreOffice (started on first use, closed at exit)."""
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is None or (_SESSION.exe, _SESSION.py) != (exe, py):
            if _SESSION is not None:
                _SESSION.close()
            _SESSION = Office(exe, py)
        return _SESSION


def close_session() -> None:
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is not None:
            _SESSION.close()
            _SESSION = None


atexit.register(close_session)
# a pool's worker process may leave without running atexit (fork start method)
_mp_util.Finalize(None, close_session, exitpriority=10)
