"""Baseline: findings already recorded are not shown again, so a team adopts fazhilint on old reports
and sees only what is new.

An entry is keyed by the file's path (relative to the baseline file), the rule, and a fingerprint of
the finding's text and a few characters around it in its paragraph: not by line numbers, so edits
elsewhere keep it valid. Identical findings in one file are counted. ``fazhilint baseline`` writes the
file; with ``--ratchet`` it only ever removes entries (and lowers counts), never adds.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

VERSION = 1
CONTEXT = 12  # characters on each side of the finding, within its paragraph
NEVER = {"FZ000", "FZ001", "FZ002", "FZ004"}  # problems of the run or its configuration, never baselined


class BaselineError(ValueError):
    """The baseline file cannot be read; the message says why."""


def fingerprint(d, text: str) -> str:
    line_start = text.rfind("\n", 0, d.start) + 1
    line_end = text.find("\n", d.end)
    line_end = len(text) if line_end < 0 else line_end
    around = text[max(line_start, d.start - CONTEXT):min(line_end, d.end + CONTEXT)]
    key = f"{d.code}\0{text[d.start:d.end]}\0{''.join(around.split())}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _path_key(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).resolve().as_posix()


def keys(result, base: Path) -> list[tuple[tuple[str, str, str], object]]:
    """(key, diagnostic) for every finding of a result that a baseline may hold."""
    if not result.readable:
        return []
    path = _path_key(result.path, base)
    text = result.source.text
    return [((path, d.code, fingerprint(d, text)), d) for d in result.diagnostics if d.code not in NEVER]


def load(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"]
        return Counter({(e["path"], e["rule"], e["fingerprint"]): int(e.get("count", 1)) for e in entries})
    except FileNotFoundError:
        raise BaselineError(f"基线文件不存在：{path}；先运行 fazhilint baseline 报告文件夹/ --baseline {path}") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
        raise BaselineError(f"{path}: 不是 fazhilint 的基线文件（{type(e).__name__}: {e}）") from None


def apply(results, recorded: Counter, base: Path) -> int:
    """Drop recorded findings from the results (each entry hides as many as its count); returns
    how many entries went unused (problems since fixed: a ratchet would remove them)."""
    left = Counter(recorded)
    for result in results:
        hidden = set()
        for key, d in keys(result, base):
            if left[key] > 0:
                left[key] -= 1
                hidden.add(id(d))
        result.diagnostics = [d for d in result.diagnostics if id(d) not in hidden]
        result.baselined += len(hidden)
    return sum(n for n in left.values() if n > 0)


def build(results, base: Path, old: Counter | None = None, ratchet: bool = False) -> Counter:
    """The entries for these results; with ``ratchet``, never more than ``old`` had."""
    current = Counter(key for result in results for key, _ in keys(result, base))
    if ratchet:
        return Counter({k: min(n, (old or Counter())[k]) for k, n in current.items() if (old or Counter())[k]})
    return current


def dump(entries: Counter, results, base: Path) -> str:
    """The baseline file's JSON: entries sorted, each with the message and the text, for people reading diffs."""
    shown = {}
    for result in results:
        for key, d in keys(result, base):
            shown.setdefault(key, (d.message, result.source.text[d.start:d.end]))
    rows = [{"path": p, "rule": r, "fingerprint": f, "count": n,
             "message": shown.get((p, r, f), ("", ""))[0], "text": shown.get((p, r, f), ("", ""))[1]}
            for (p, r, f), n in sorted(entries.items()) if n > 0]
    return json.dumps({"version": VERSION, "tool": "fazhilint", "entries": rows}, ensure_ascii=False, indent=1) + "\n"
