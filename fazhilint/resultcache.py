"""Findings of files checked before, kept in the user cache directory (the command line only).

An unchanged report checked again (a clerk re-running the check, a pre-commit hook, a county's
batch re-run after one file changed) skips parsing, the rule imports and the rules themselves:
about two thirds of a run's CPU time (benchmarks/compare.py). The key is a hash of everything
a result depends on: the text as read (and what the reader knows of its lines), the file's
path (messages and per-file-ignores name it), the configuration, the county packs' contents,
and the code (fazhilint's version and the size and time of every file of the package and its
rules). A wrong or unreadable entry is a miss. Entries are JSON, never code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import fields
from functools import cache
from pathlib import Path

from fazhilint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity

VERSION = 1  # of the entry format


@cache
def _code() -> str:
    from fazhilint import __version__, resources

    parts = [__version__, str(VERSION)]
    for root in (Path(__file__).parent, resources.rules_dir(), resources.grammar_path().parent):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not name.endswith((".pyc", ".tmp")):
                    info = os.stat(os.path.join(folder, name))
                    parts.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def key(source, config) -> str | None:
    """The cache key of linting source under config; None if it cannot be made."""
    try:
        digest = hashlib.sha256(_code().encode())
        digest.update(repr(config).encode("utf-8", "surrogatepass"))
        for pack in config.packs:
            digest.update(Path(pack).read_bytes())
        for f in fields(source):
            if f.name != "stamp":
                digest.update(f.name.encode())
                digest.update(repr(getattr(source, f.name)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    except (OSError, ValueError):
        return None


def _path(k: str) -> Path:
    from fazhilint import resources

    return resources.cache_dir() / "results" / k[:2] / f"{k}.json"


def load(k: str) -> tuple[list[Diagnostic], str] | None:
    try:
        data = json.loads(_path(k).read_text(encoding="utf-8"))
        return [_diagnostic(d) for d in data["diagnostics"]], str(data["title"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(k: str, diagnostics: list[Diagnostic], title: str) -> None:
    try:
        data = json.dumps({"title": title, "diagnostics": [_plain(d) for d in diagnostics]}, ensure_ascii=False)
        path = _path(k)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):  # no writable cache, or something not plain: no entry
        pass


def _plain(d: Diagnostic) -> dict:
    out = {f.name: getattr(d, f.name) for f in fields(d) if f.name not in ("fix", "severity")}
    out["severity"] = int(d.severity)
    out["fix"] = None if d.fix is None else {
        "applicability": d.fix.applicability.value,
        "edits": [[e.start, e.end, e.content] for e in d.fix.edits]}
    return out


def _diagnostic(data: dict) -> Diagnostic:
    fix = data.pop("fix")
    severity = Severity(data.pop("severity"))
    d = Diagnostic(**data, severity=severity)
    if fix is not None:
        d.fix = Fix(tuple(Edit(*e) for e in fix["edits"]), Applicability(fix["applicability"]))
    return d
