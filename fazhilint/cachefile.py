"""Files in the user's cache directory: a marshal payload behind a SHA-256 of it.

The compiled-regex cache, parsed rule packs and checked results are kept this way. A file
that is missing, truncated, altered or written by another Python is read as absent (and
rebuilt by its user); a write goes to a temporary file that replaces the old one, so a
reader never sees half a file. Nothing here raises: no cache is ever worth a failed run.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path


def path(name: str) -> Path:
    """Where the cache file ``name`` lives (the user's cache directory)."""
    from fazhilint import resources

    return resources.cache_dir() / name


def read(file: Path):
    """The value stored in ``file`` (see ``path``), or None."""
    try:
        raw = file.read_bytes()
    except (OSError, ValueError):
        return None
    checksum, payload = raw[:32], raw[32:]
    if hashlib.sha256(payload).digest() != checksum:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def write(target: Path, value) -> None:
    """Store ``value`` (plain data: what marshal takes) in ``target``; silently nothing if it cannot."""
    try:
        payload = marshal.dumps(value)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.part")  # one writer per process at a time
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileNotFoundError:  # the folder is made on the first write only (a mkdir costs every file)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):  # unmarshallable value, no writable cache directory
        pass


def digest(*parts: bytes | str) -> str:
    """A short name-safe hash of the parts (what a cached value was computed from)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:24]
