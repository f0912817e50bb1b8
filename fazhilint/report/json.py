"""The JSON contract: an array of findings (see DESIGN.md, "Contracts")."""

from __future__ import annotations

import json


def as_dict(d, source, profile=None) -> dict:
    item = {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "fix": None,
    }
    if d.fix:
        edits = []
        for e in d.fix.edits:
            line, column = source.position(e.start)
            end_line, end_column = source.position(e.end)
            edits.append({"line": line, "column": column, "end_line": end_line,
                          "end_column": end_column, "content": e.content})
        item["fix"] = {"applicability": d.fix.applicability.value, "edits": edits}
    if d.location:
        item["location"] = d.location
    if profile is not None:
        item["profile"] = profile.profile_id
    return item


def render(results, out, context) -> None:
    """The array of findings; each finding also names the report profile its file was checked
    against (``"profile": "fazhi-annual"``) and, in a batch, the unit it is from (``"unit"``):
    added keys, so the array contract holds."""
    json.dump(findings(results, context), out, ensure_ascii=False, indent=2)
    out.write("\n")


def findings(results, context) -> list[dict]:
    """The items of the array (also the ``findings`` of ``-f json-batch``)."""
    from fazhilint.report import profile

    units = {id(s.result): s.name for s in context.ledger.submissions} if context.ledger is not None else {}
    items = []
    for r in results:
        for d in r.diagnostics:
            item = as_dict(d, r.source, profile(r))
            if id(r) in units:  # a batch: the unit each submission is from
                item["unit"] = units[id(r)]
            items.append(item)
    return items
