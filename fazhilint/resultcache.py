"""Checked results kept in the user's cache directory: an unchanged file is not checked again.

Like ruff's cache, an entry is found by everything a result depends on: the file's bytes (and
its suppression sidecar's), its path (per-file ignores, the findings' own path), the settings
that apply to it (rule selection, severities, options, profile, year, rule packs' contents)
and the code that checks it (every file of the installed package and its grammar and packs,
by size and modification time, and the Python version). An entry keeps the input as read, the
findings and the few facts the outputs read (profile, year, title, unit) — never the document
tree, which a run that needs it (the county ledger's comparisons) parses again.

Only ``fazhilint check`` without --fix/--diff/--annotate/--per-unit uses it (those write from the
Word document itself); ``--no-cache`` or ``FAZHILINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import sys
from dataclasses import fields
from functools import cache
from pathlib import Path

from fazhilint import cachefile
from fazhilint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, printable
from fazhilint.engine import Facts, FileResult
from fazhilint.source import Source

FORMAT = 1  # bump when what an entry holds changes shape
MAX_BYTES = 2 * 1024 * 1024  # larger files are not kept: no report is this big, and an entry costs memory to write

_SOURCE_FIELDS = tuple(f.name for f in fields(Source) if f.name not in ("docx", "stamp"))
_FINDING_FIELDS = ("code", "name", "start", "end", "message", "path", "line", "column", "end_line",
                   "end_column", "location", "heading_path", "extra")


def enabled() -> bool:
    return not os.environ.get("FAZHILINT_NO_CACHE")


def key(raw: bytes, path: str, config) -> str:
    """The entry name for a file's bytes checked at ``path`` under ``config`` (already for_path'd)."""
    from fazhilint import suppress

    sidecar = suppress.sidecar_path(path)
    try:
        beside = sidecar.read_bytes() if sidecar is not None else b""
    except OSError:
        beside = b""
    return cachefile.digest(str(FORMAT), _code_stamp(), os.path.abspath(path), _settings(config), raw, beside)


def load(name: str, stamp) -> FileResult | None:
    """The result kept under ``name``, with the file's current stat ``stamp``; None when there is none."""
    location = _location(name)
    entry = cachefile.read(location)
    try:
        source_state, findings, suppressed, facts = entry
        source = Source(**dict(zip(_SOURCE_FIELDS, source_state)))
        source.stamp = stamp
        diagnostics = [_finding(f) for f in findings]
        result = FileResult(printable(source.path), source, None, diagnostics, suppressed, facts=Facts(*facts))
    except (TypeError, ValueError):  # absent (None), or from another version of this format
        return None
    try:
        os.utime(location)  # used now: prune() keeps it
    except OSError:
        pass
    return result


KEEP_DAYS = 30  # an entry not used for this long is deleted (every version of every file adds one)


def prune(now: float | None = None) -> None:
    """Delete the entries not used for KEEP_DAYS; the folder is looked through at most once a day."""
    import time

    now = time.time() if now is None else now
    folder = cachefile.path("results")
    marker = folder / ".pruned"
    try:
        if now - marker.stat().st_mtime < 24 * 3600:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".marshal") and entry.stat().st_mtime < now - KEEP_DAYS * 24 * 3600:
                    os.unlink(entry.path)
        marker.touch()
        os.utime(marker, (now, now))
    except OSError:  # no cache folder yet, or not ours to clean
        pass


def store(name: str, result: FileResult) -> None:
    source = result.source
    findings = [(tuple(getattr(d, f) for f in _FINDING_FIELDS), int(d.severity),
                 (d.fix.applicability.value, [(e.start, e.end, e.content) for e in d.fix.edits]) if d.fix else None)
                for d in result.diagnostics]
    facts = tuple(getattr(result.facts, f.name) for f in fields(Facts))
    cachefile.write(_location(name), (tuple(getattr(source, n) for n in _SOURCE_FIELDS), findings,
                                      result.suppressed, facts))


def _finding(stored) -> Diagnostic:
    values, severity, fix = stored
    d = Diagnostic(**dict(zip(_FINDING_FIELDS, values)))
    d.severity = Severity(severity)
    if fix is not None:
        applicability, edits = fix
        d.fix = Fix(tuple(Edit(*e) for e in edits), Applicability(applicability))
    return d


def _location(name: str) -> Path:
    return cachefile.path(f"results/{name}.marshal")


def _settings(config) -> str:
    """What of a configuration changes results (not where it came from), and the packs' contents."""
    packs = []
    for path in config.packs:
        try:
            packs.append(cachefile.digest(Path(path).read_bytes()))
        except OSError:
            packs.append(f"missing:{path}")
    return repr((config.select, config.ignore, sorted(config.severity.items()), sorted(map(repr, config.options.items())),
                 packs, config.profile, config.year, config.inherited, config.select_given,
                 sorted(config.locked.items()), config.conflicts, config.cli))


@cache
def _code_stamp() -> str:
    """The code and data that check a file: every file of the package (and a source checkout's
    grammar/ and rules/), by path, size and modification time; and the Python running it."""
    from fazhilint import resources

    package = Path(__file__).resolve().parent
    roots = {package, resources.grammar_path().parent, resources.rules_dir()}
    parts = [sys.version]
    for root in sorted(roots):
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for file in sorted(files):
                try:
                    info = os.stat(os.path.join(folder, file))
                except OSError:
                    continue
                parts.append(f"{folder}/{file}:{info.st_size}:{info.st_mtime_ns}")
    return cachefile.digest(*parts)
