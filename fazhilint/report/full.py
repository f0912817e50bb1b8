"""The human format: each finding with a code frame, the offending characters underlined.

Lines of a report are whole paragraphs, often hundreds of characters long, so
the frame shows a window of the line around the finding. Widths are counted
in terminal cells (a CJK character is two).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from fazhilint.report import suggestion, summary_line

WINDOW = 24  # characters of context on each side of the finding
_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def render(results, out, context) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True,
                      force_terminal=context.color, no_color=context.color is False)
    ledger = context.ledger
    submissions = {id(s.result): s for s in ledger.submissions} if ledger is not None else {}
    for result in results:
        s = submissions.get(id(result))
        if s is not None:
            console.print(_file_header(s))
        for d in result.diagnostics:
            console.print(_header(d))
            if result.source is not None and d.code != "FZ001":
                console.print(_frame(result.source, d))
            if d.fix and result.source is not None:
                console.print(Text(f"   = {_fix_note(d, result.source)}", style="dim"))
            console.print()
    console.print(Text(summary_line(results, context), style="bold"))


def _file_header(s) -> Text:
    """A batch's file: its unit, report year, profile and verdict."""
    text = Text("── ", style="dim")
    text.append(s.name, style="bold")
    text.append(f"  {s.path}")
    details = [f"{s.year}年度" if s.year else "", s.profile, s.status]
    text.append("  " + " · ".join(x for x in details if x), style="dim")
    return text


def _fix_note(d, source) -> str:
    """The suggested change, and for files fazhilint may rewrite, which flag applies it."""
    note = suggestion(d, source.text)
    if not source.rewritable:
        return note
    return note + ("（可安全自动修复：--fix）" if d.fix.applicability.value == "safe" else "（需核对：--unsafe-fixes）")


def _header(d) -> Text:
    text = Text()
    text.append(f"{d.path}:{d.line}:{d.column}", style="bold")
    if d.location:
        text.append(f" [{d.location}]", style="dim")
    text.append(": ")
    text.append(d.code, style=_STYLE[d.severity.label])
    text.append(f" [{d.severity.chinese}] ", style=_STYLE[d.severity.label])
    text.append(d.message)
    return text


def _frame(source, d) -> Text:
    line = source.line(d.line)
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else len(line)
    end = max(end, start + 1) if start < len(line) else start
    end = min(end, start + 2 * WINDOW)  # a finding on a whole paragraph (FZ601): its opening is enough
    lo, hi = max(0, start - WINDOW), min(len(line), end + WINDOW)
    before = ("…" if lo else "") + line[lo:start]
    marked = line[start:end] or " "
    after = line[end:hi] + ("…" if hi < len(line) else "")
    gutter = f"{d.line:>5} │ "
    frame = Text(gutter, style="dim")
    frame.append(before.replace("\t", " "))
    frame.append(marked, style="bold underline")
    frame.append(after.replace("\t", " "))
    frame.append("\n")
    frame.append(" " * (len(gutter) - 2) + "│ ", style="dim")
    frame.append(" " * cell_len(before) + "^" * max(1, cell_len(marked)), style=_STYLE[d.severity.label])
    return frame
