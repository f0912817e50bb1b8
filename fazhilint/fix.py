"""Apply fixes: non-overlapping edits, safe ones unless unsafe ones are asked for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fazhilint.config import Config
from fazhilint.diagnostics import Applicability, Diagnostic, Edit
from fazhilint.engine import FileResult, lint_source

MAX_ROUNDS = 10  # a fix may reveal another; stop re-linting after this many rounds


def applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)


def accepted_edits(diagnostics: list[Diagnostic], unsafe: bool) -> list[Edit]:
    """The edits of every applicable fix whose edits overlap no fix accepted before it, in text order."""
    accepted, taken = [], []
    for d in sorted(diagnostics, key=lambda d: d.start):
        if not applicable(d, unsafe):
            continue
        edits = d.fix.edits
        if any(e.start < t_end and t_start < e.end or e.start == t_start == t_end
               for e in edits for t_start, t_end in taken):
            continue
        taken.extend((e.start, e.end) for e in edits)
        accepted.extend(edits)
    return sorted(accepted)


def apply_edits(text: str, diagnostics: list[Diagnostic], unsafe: bool) -> tuple[str, int]:
    """Apply every applicable fix whose edits overlap no fix accepted before it."""
    accepted = accepted_edits(diagnostics, unsafe)
    return _apply(text, accepted), len(accepted)


def _apply(text: str, edits: list[Edit]) -> str:
    for e in reversed(edits):
        text = text[: e.start] + e.content + text[e.end :]
    return text


def fix_result(result: FileResult, config: Config, unsafe: bool) -> tuple[FileResult, int]:
    """Fix and re-lint until nothing more applies; returns the final result and the edit count."""
    total = 0
    for _ in range(MAX_ROUNDS):
        if result.document is None or result.document.parse_error:
            break
        edits = accepted_edits(result.diagnostics, unsafe)
        if not edits:
            break
        total += len(edits)
        result = lint_source(result.source.with_text(_apply(result.source.text, edits), edits), config)
    return result, total


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file in one step (a reader never sees half of it), keeping an existing file's permissions."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
