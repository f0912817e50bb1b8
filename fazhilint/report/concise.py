"""``path:line:col: CODE [severity] message`` — one finding a line, for editors and hooks."""

from __future__ import annotations

from fazhilint.report import summary_line


def render(results, out, context) -> None:
    for result in results:
        for d in result.diagnostics:
            where = f" [{d.location}]" if d.location else ""
            out.write(f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.chinese}] {d.message}{where}\n")
    out.write(summary_line(results, context) + "\n")
