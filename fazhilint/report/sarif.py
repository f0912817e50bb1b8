"""SARIF 2.1.0, for code-scanning dashboards. Columns count Unicode code points."""

from __future__ import annotations

import json

from fazhilint import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(results, out, context) -> None:
    from fazhilint.report import profile
    from fazhilint.rules import all_rules

    used = sorted({d.code for r in results for d in r.diagnostics})
    rules = {r.code: r for r in all_rules()}
    descriptors = [{
        "id": code,
        "name": rules[code].name,
        "shortDescription": {"text": rules[code].summary},
        "defaultConfiguration": {"level": _LEVEL[rules[code].severity.label]},
    } for code in used if code in rules]
    findings = [{
        "ruleId": d.code,
        "level": _LEVEL[d.severity.label],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": d.path},
            "region": {"startLine": d.line, "startColumn": d.column,
                       "endLine": d.end_line, "endColumn": max(d.end_column, d.column + 1)},
        }}],
    } for r in results for d in r.diagnostics]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "fazhilint", "version": __version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": findings,
            # the report profile each file was checked against (a property bag, SARIF 2.1.0 §3.8)
            "properties": {"profiles": [{"path": r.path, "profile": profile(r).profile_id, "name": profile(r).profile_name}
                                        for r in results if profile(r) is not None]},
        }],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")
