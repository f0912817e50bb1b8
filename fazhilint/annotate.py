"""``--annotate OUT.docx``: a copy of a Word draft with one comment per finding.

Each comment is anchored on the offending characters: runs are split at the
finding's edges (the pieces keep the run's formatting). A finding on Word's
automatic numbering, which no run holds, is anchored on the paragraph's first
run. The input is only read; the copy is written atomically.
"""

from __future__ import annotations

import copy
from pathlib import Path

from fazhilint.read.docx import Line, open_docx, piece, read_lines
from fazhilint.read.docx_numbering import W

AUTHOR = "fazhilint"


class AnnotateError(Exception):
    """The copy cannot be written; the message is shown to the user."""


def comment_text(d, text: str) -> str:
    """The Chinese message and, when there is a fix, the correction it suggests."""
    from fazhilint.report import suggestion

    out = f"{d.message}（{d.code} {d.severity.chinese}）"
    return f"{out}\n{suggestion(d, text)}" if d.fix else out


def annotate(result, out_path: Path) -> int:
    """Write the annotated copy of a linted .docx; returns the number of comments."""
    document, lines = reopen(result.source)
    count = add_comments(document, lines, result.source, result.diagnostics)
    save(document, out_path)
    return count


def reopen(source):
    """The linted .docx opened again, with its lines; refused if it changed since it was read."""
    document = open_docx(Path(source.path))
    lines = read_lines(document)
    if "\n".join(line.text for line in lines) != source.text:
        raise AnnotateError("文档在检查过程中被修改，未写入副本；请重新运行")
    return document, lines


def add_comments(document, lines: list[Line], source, diagnostics) -> int:
    """One comment per finding, anchored on its characters; returns how many were added."""
    from docx.text.run import Run

    starts = source.line_starts
    count = 0
    for d in sorted(diagnostics, key=lambda d: (d.start, d.end)):
        if d.line < 1 or d.line > len(lines):
            continue
        line = lines[d.line - 1]
        first = starts[d.line - 1]
        start, end = d.start - first, min(d.end - first, len(line.text))
        runs = _anchor(line, start, end)
        if not runs:
            continue
        document.add_comment([Run(r, document) for r in runs], text=comment_text(d, source.text),
                             author=AUTHOR, initials="FZ")
        count += 1
    return count


def save(document, out_path: Path) -> None:
    """Save a python-docx Document in one step."""
    import io

    from fazhilint.fix import write_atomic

    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(out_path, buffer.getvalue())


def _anchor(line: Line, start: int, end: int) -> list:
    """The runs covering line.text[start:end], split so they cover exactly that."""
    if end <= start:  # an insertion point: anchor on the character after it (or before, at the end)
        start, end = (start, start + 1) if start < len(line.text) else (max(0, start - 1), start)
    if start < line.rendered:  # on the automatic numbering: the paragraph's first run
        runs = [r for s, e, r in line.segments if e > s]
        return runs[:1] or _empty_run(line)
    _split(line, start)
    _split(line, end)
    return [r for s, e, r in line.segments if start <= s and e <= end and e > s]


def _empty_run(line: Line) -> list:
    r = line.p.makeelement(W + "r", {})
    line.p.append(r)
    line.segments.append((line.rendered, line.rendered, r))
    return [line.p[-1]]


def _split(line: Line, offset: int) -> None:
    """Split the run that holds ``offset`` inside it into two runs meeting there."""
    for i, (s, e, r) in enumerate(line.segments):
        if s < offset < e:
            line.segments[i:i + 1] = [(s, offset, r), (offset, e, split_run(r, offset - s))]
            return


def split_run(r, k: int):
    """Cut w:r ``r`` after its k-th character; returns the new run holding the rest (same w:rPr)."""
    rest = copy.deepcopy(r)
    pos = 0
    for old, new in zip(list(r), list(rest)):
        if old.tag == W + "rPr":
            continue
        n = len(piece(old))
        if pos + n <= k:
            rest.remove(new)
        elif pos >= k:
            r.remove(old)
        else:  # the cut falls inside this w:t
            old.text, new.text = old.text[: k - pos], old.text[k - pos:]
            for t in (old, new):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pos += n
    r.addnext(rest)
    return r.getnext()  # re-fetched, so python-docx's element class applies
