"""Apply fixes: non-overlapping edits, safe ones unless unsafe ones are asked for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fazhilint.config import Config
from fazhilint.diagnostics import Applicability, Diagnostic, Edit
from fazhilint.engine import FileResult, lint_source, within_limit

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
        if not result.readable or result.facts.parse_error:
            break
        edits = accepted_edits(result.diagnostics, unsafe)
        if not edits:
            break
        fixed = result.source.with_text(_apply(result.source.text, edits), edits)
        checked = within_limit(result.path, lambda: lint_source(fixed, config))
        if not checked.readable:  # the re-check ran out of time (or failed): keep the rounds done so far
            result.diagnostics.append(checked.diagnostics[0])  # and say so
            break
        result, total = checked, total + len(edits)
    return result, total


class WriteRefused(Exception):
    """A write that would lose someone's work; the message says why, in Chinese."""


def write_atomic(path: Path, data: bytes, expect: tuple | None = None, read_only: bool = False) -> None:
    """Write a file without losing anything that was there.

    - through a symbolic link: the file it points to is written, the link stays;
    - a device, FIFO or terminal (``/dev/stdout``) is written in place, never replaced by a file;
    - a regular file is replaced in one step (a reader never sees half of it), keeping its mode,
      owner and group; one with other hard links is rewritten in place, so the links stay one file;
    - ``expect``: the file's stamp when it was read; a file changed since is refused (WriteRefused);
    - a read-only file is refused unless ``read_only`` is asked for.
    """
    import stat

    from fazhilint.read import stamp

    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    if expect is not None and (info is None or stamp(info) != tuple(expect)):
        raise WriteRefused("读取后文件已被改动（或移走），为免覆盖别人的修改，未写入；请重新运行")
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(target, "wb") as f:
            f.write(data)
        return
    if info is not None and not info.st_mode & 0o222 and not read_only:
        raise WriteRefused("文件是只读的，未写入（确要改写请加 --fix-read-only）")
    if info is not None and info.st_nlink > 1:
        with open(target, "r+b") as f:
            f.write(data)
            f.truncate()
        return
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, info.st_mode & 0o7777 if info else 0o644)
        if info is not None and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, info.st_uid, info.st_gid)
            except PermissionError:  # only root may give a file away; then it was never someone else's
                pass
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
