"""``-f json-batch``: one JSON object that accounts for every file of a run, for programs that
must know what was not checked. ``-f json`` stays the array of findings (the contract in
DESIGN.md); this format wraps the same findings:

    {"version": 1,
     "findings": [... exactly the items of -f json ...],
     "files":    [{"path", "status": "checked"|"unreadable", "reason"?, "profile"?, "unit"?}],
     "skipped":  [{"path", "reason"}]}

An unreadable file is in ``files`` with its reason and stays an FZ001 finding; ``skipped`` holds
what the intake left out (lock files, hidden and unreadable folders), as the xlsx sheet 跳过的文件.
"""

from __future__ import annotations

import json

VERSION = 1  # raised when a key changes meaning or goes; new keys may be added without it


def render(results, out, context) -> None:
    from fazhilint.diagnostics import printable
    from fazhilint.report import profile
    from fazhilint.report.json import findings

    ledger = context.ledger
    units = {id(s.result): s.name for s in ledger.submissions} if ledger is not None else {}
    files = []
    for r in results:
        item = {"path": printable(r.path), "status": "checked" if r.readable else "unreadable"}
        if not r.readable:
            item["reason"] = next((d.message for d in r.diagnostics if d.code == "FZ001"), "")
        if profile(r) is not None:
            item["profile"] = profile(r).profile_id
        if id(r) in units:
            item["unit"] = units[id(r)]
        files.append(item)
    skipped = [{"path": printable(path), "reason": printable(reason)} for path, reason in (ledger.skipped if ledger is not None else ())]
    json.dump({"version": VERSION, "findings": findings(results, context), "files": files, "skipped": skipped},
              out, ensure_ascii=False, indent=2)
    out.write("\n")
