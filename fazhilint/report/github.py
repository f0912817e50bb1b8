"""GitHub Actions workflow commands: findings appear as annotations on the changed files."""

from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def render(results, out, context) -> None:
    for result in results:
        for d in result.diagnostics:
            props = ",".join(f"{k}={_escape(str(v), True)}" for k, v in (
                ("file", d.path), ("line", d.line), ("col", d.column),
                ("endLine", d.end_line), ("endColumn", d.end_column), ("title", f"{d.code} {d.name}"),
            ))
            out.write(f"::{_LEVEL[d.severity.label]} {props}::{_escape(d.message)}\n")
