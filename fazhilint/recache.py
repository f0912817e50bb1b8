"""Regular expressions compiled once per machine instead of once per run.

CPython compiles a character class over the CJK block (``[\\u4e00-\\u9fff]``) by filling a
65,536-entry table in Python code, about 2.4 ms a class; the rules, rule packs and grammar
hold some 250 patterns, which cost about 70 ms of every run (benchmarks/bench.py). The
command line therefore keeps each pattern's compiled form (the opcode list the regex engine
runs) in the user cache directory, keyed by the full Python version, the engine's magic
number and a hash of the regex compiler's own sources, and hands it straight to the engine
the next time. Measured after rules were made to load only when selected (issue 9): still
about 100 ms a run on the reference report (``FAZHILINT_NO_REGEX_CACHE=1`` switches it off,
for that comparison or for debugging). The file carries a checksum of its contents: a cache
that is truncated or altered is ignored and rebuilt, never trusted.

Only the command line installs this (``install()`` in ``cli.main``); importing fazhilint as a
library changes nothing. Invalid patterns raise ``re.error`` exactly as before, and anything
unexpected (another Python's internals, an unreadable cache) falls back to the ordinary compiler.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import sys

from fazhilint import cachefile

MAX_ENTRIES = 20_000  # a cache that grew past this (many county packs over time) starts afresh


def install() -> None:
    if os.environ.get("FAZHILINT_NO_REGEX_CACHE"):
        return
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        return
    original = _compiler.compile
    if getattr(original, "fazhilint_cache", False):
        return
    location = cachefile.path(f"regex-{_key(_sre.MAGIC, _compiler, _parser)}.marshal")
    known: dict | None = None  # read on the first compile: a run that compiles nothing skips it
    added: dict = {}

    def compile(p, flags=0):
        nonlocal known
        if not isinstance(p, str) or flags & re.DEBUG:
            return original(p, flags)
        if known is None:
            stored = cachefile.read(location)
            known = stored if isinstance(stored, dict) else {}
        key = (p, int(flags))
        entry = known.get(key) or added.get(key)
        try:
            if entry is None:
                parsed = _parser.parse(p, flags)  # raises re.error for an invalid pattern, as re does
                index = parsed.state.groupdict
                names = [None] * parsed.state.groups
                for name, i in index.items():
                    names[i] = name
                code = [int(op) for op in _compiler._code(parsed, flags)]
                entry = added[key] = (int(flags | parsed.state.flags), code, parsed.state.groups - 1,
                                      dict(index), tuple(names))
            return _sre.compile(p, *entry)
        except re.error:
            raise
        except Exception:  # internals not as expected: the ordinary way
            return original(p, flags)

    compile.fazhilint_cache = True
    _compiler.compile = compile
    atexit.register(lambda: _save(location, known or {}, added))


def _key(magic, *modules) -> str:
    """The Python that compiled the entries: its full version, the engine's magic number and the
    regex compiler's sources (a patched compiler makes different code under the same version)."""
    digest = hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}|{magic}".encode())
    for module in modules:
        try:
            digest.update(open(module.__file__, "rb").read())
        except (OSError, AttributeError, TypeError):
            digest.update(module.__name__.encode())
    return digest.hexdigest()[:20]


def _save(location, known: dict, added: dict) -> None:
    if added:
        cachefile.write(location, {**known, **added} if len(known) + len(added) <= MAX_ENTRIES else added)
