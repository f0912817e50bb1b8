"""GitLab Code Quality (a JSON array): findings appear in merge requests.

Paths are relative to the project (``CI_PROJECT_DIR``, else the working directory); each
fingerprint is stable across runs (path, rule, the text around the finding, occurrence).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def _relative(path: str) -> str:
    root = Path(os.environ.get("CI_PROJECT_DIR") or Path.cwd()).resolve()
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def render(results, out, context) -> None:
    from fazhilint.baseline import fingerprint

    items, seen = [], Counter()
    for r in results:
        path = _relative(r.path)
        for d in r.diagnostics:
            text = fingerprint(d, r.source.text) if r.readable else d.message
            seen[(path, text)] += 1
            digest = hashlib.md5(f"{path}\0{text}\0{seen[(path, text)]}".encode("utf-8")).hexdigest()
            items.append({
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code} {d.message}" + (f" [{d.location}]" if d.location else ""),
                "categories": ["Style"],
                "severity": _SEVERITY[d.severity.label],
                "fingerprint": digest,
                "location": {"path": path, "positions": {
                    "begin": {"line": d.line, "column": d.column},
                    "end": {"line": d.end_line, "column": d.end_column}}},
            })
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
