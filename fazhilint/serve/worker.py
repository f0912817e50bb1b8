"""Linting in worker processes, each file with a time limit.

A worker that runs past its limit is killed and replaced, so one hostile file costs one worker
for a few seconds and never stalls the server. Workers are started with ``spawn`` (no copy of the
server's threads or sockets) and kept warm between files.
"""

from __future__ import annotations

import multiprocessing
import queue
import tempfile
import threading
from pathlib import Path

TIME_LIMIT = 180  # seconds a file; LibreOffice alone may take up to its own 120 s on a .doc


class WorkerTimeout(Exception):
    pass


class WorkerCrashed(Exception):
    pass


def check(data: bytes, kind: str, name: str, config) -> dict:
    """Lint one uploaded file (run in a worker). Returns what the ledger stores about it."""
    from fazhilint.engine import exit_code, lint_path

    with tempfile.TemporaryDirectory(prefix="fazhilint-serve-") as tmp:
        path = Path(tmp, "upload" + kind)  # a name chosen here, never the client's
        path.write_bytes(data)
        result = lint_path(path, config)
        annotated = None
        if kind == ".docx" and result.readable:
            annotated = _annotated(result, Path(tmp, "annotated.docx"))
    return _summary(result, name, annotated, exit_code([result], config) == 0)


def _annotated(result, out: Path) -> bytes | None:
    from fazhilint.annotate import AnnotateError, annotate

    try:
        annotate(result, out)
    except (AnnotateError, OSError, ValueError, KeyError):
        return None
    return out.read_bytes()


def _summary(result, name: str, annotated: bytes | None, passed: bool) -> dict:
    import io

    from fazhilint.profiles import reporting_unit
    from fazhilint.report.html import render_file

    result.path = name
    for d in result.diagnostics:
        d.path = name
    title = result.facts.title.strip()
    unit = reporting_unit(title) if title else None
    html = io.StringIO()
    render_file(result, html, 0)
    text = result.source.text if result.source else ""
    findings = [
        {"code": d.code, "name": d.name, "severity": int(d.severity), "message": d.message, "line": d.line,
         "column": d.column, "location": d.location or "", "excerpt": text[d.start:d.end][:200]}
        for d in result.diagnostics
    ]
    return {
        "readable": result.readable, "title": title[:200], "year": result.facts.year,
        "unit": unit.name if unit else None, "passed": passed, "findings": findings,
        "report_html": html.getvalue(), "annotated": annotated,
    }


def _serve(conn) -> None:
    """A worker's loop: a (function, args) in, ("ok", value) or ("error", text) out."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", function(*args))
        except Exception as e:  # reported to the server as an error page, never a traceback
            reply = ("error", f"{type(e).__name__}: {e}")
        conn.send(reply)


class _Worker:
    def __init__(self, context):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="fazhilint-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` warm worker processes; ``run`` blocks a thread until its call is done or killed."""

    def __init__(self, size: int, time_limit: float = TIME_LIMIT):
        self._context = multiprocessing.get_context("spawn")
        self.time_limit = time_limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context)
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        if not self._closed:
            self._add()

    def run(self, function, *args, time_limit: float | None = None):
        worker = self._idle.get()
        try:
            worker.conn.send((function, args))
            if not worker.conn.poll(time_limit or self.time_limit):
                self._retire(worker)
                raise WorkerTimeout
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            raise WorkerCrashed from None
        self._idle.put(worker)
        if status == "error":
            raise WorkerCrashed(value)
        return value

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
