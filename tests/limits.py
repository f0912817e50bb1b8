"""Run the command line in a child process whose time and memory the test harness bounds.

A hang or a blow-up then fails the test (TimeoutExpired, a MemoryError exit) instead of
stalling the suite; no test asserts on how long something took.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def fazhilint(*args: str, input: bytes | None = None, timeout: float = 60, memory_mb: int = 1024,
              cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m fazhilint ARGS`` with a wall-clock timeout and an address-space limit."""
    def limit() -> None:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    env = {**os.environ, **(env or {}), "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "fazhilint", *args], input=input, capture_output=True,
                          timeout=timeout, preexec_fn=limit, cwd=cwd or REPO, env=env)
