"""Regular expressions compiled once per machine instead of once per run.

CPython compiles a character class over the CJK block (``[\\u4e00-\\u9fff]``) by filling a
65,536-entry table in Python code, about 2.4 ms a class; the rules, rule packs and grammar
hold some 250 patterns, which cost about 70 ms of every run (benchmarks/bench.py). The
command line therefore keeps each pattern's compiled form (the opcode list the regex engine
runs) in the user cache directory, keyed by the Python version and the engine's magic
number, and hands it straight to the engine the next time.

Only the command line installs this (``install()`` in ``cli.main``); importing fazhilint as a
library changes nothing. Invalid patterns raise ``re.error`` exactly as before, and anything
unexpected (another Python's internals, an unreadable cache) falls back to the ordinary compiler.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import tempfile

MAX_ENTRIES = 20_000  # a cache that grew past this (many county packs over time) starts afresh


def install() -> None:
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:
        return
    original = _compiler.compile
    if getattr(original, "fazhilint_cache", False):
        return
    from fazhilint import resources

    path = resources.cache_dir() / f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal"
    known = _load(path)
    added: dict = {}

    def compile(p, flags=0):
        if not isinstance(p, str) or flags & re.DEBUG:
            return original(p, flags)
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
    atexit.register(_save, path, known, added)


def _load(path) -> dict:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(path, known: dict, added: dict) -> None:
    if not added:
        return
    merged = {**known, **added} if len(known) + len(added) <= MAX_ENTRIES else added
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(merged, f)
        os.replace(tmp, path)
    except (OSError, ValueError):  # no writable cache: next run compiles again
        pass
