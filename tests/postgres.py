"""A private PostgreSQL server for tests: initdb in a temporary folder, on a free local port.

Uses the server programs of Debian's ``postgresql`` package (/usr/lib/postgresql/N/bin) and the
``psycopg`` driver; ``why_not()`` says why it cannot run here, for a skip reason. As root (CI), the
server runs as the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import socket
import subprocess
from pathlib import Path


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def why_not() -> str | None:
    if importlib.util.find_spec("psycopg") is None:
        return "the psycopg driver is not installed (pip install '.[test]')"
    if _bin() is None:
        return "PostgreSQL's server programs are not installed (apt-get install postgresql)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as another user"
    return None


class Server:
    def __init__(self, folder: Path):
        self.folder = folder
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql+psycopg://fazhilint@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(prefix + list(command), check=True, capture_output=True, timeout=120, cwd="/")

    def start(self) -> Server:
        bin_dir = _bin()
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        self._run(str(bin_dir / "initdb"), "-D", str(data), "-U", "fazhilint", "-A", "trust", "-E", "UTF8",
                  "--locale=C")
        self._run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"), "-w", "-o",
                  f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off", "start")
        return self

    def stop(self) -> None:
        self._run(str(_bin() / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
