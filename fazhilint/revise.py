"""``check 草稿.docx --fix -o 草稿.修订.docx``: a copy of a Word draft with every fix as a tracked change.

Each fix becomes a tracked deletion (``w:del``) and/or insertion (``w:ins``), author ``fazhilint``,
so the clerk accepts or rejects it in Word; inserted text takes the formatting of the run beside
it. Word's automatic numbering and field results are never edited (the reader marks them rendered,
and the engine drops fixes there); existing comments stay. Findings without an applied fix become
comments, as with ``--annotate``. Accepting every change gives the text ``--fix`` gives; rejecting
every change gives the original.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from difflib import SequenceMatcher
from pathlib import Path

from fazhilint.annotate import AUTHOR, _split, add_comments, reopen, save
from fazhilint.read.docx import Line, read_lines
from fazhilint.read.docx_numbering import W

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def revise(result, fixed_text: str, comment_on, out_path: Path) -> tuple[int, int]:
    """Write the tracked-changes copy of a linted .docx whose fixes give ``fixed_text``;
    ``comment_on`` are the findings to leave as comments. Returns (changes, comments)."""
    source = result.source
    document, lines = reopen(source)
    comments = add_comments(document, lines, source, comment_on)
    lines = read_lines(document)  # anchoring comments split runs; the text is the same
    ids = iter(range(_max_id(document) + 1, 1 << 30))
    stamp = {W + "author": AUTHOR, W + "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    changes = 0
    for line, old, new in zip(lines, source.text.split("\n"), fixed_text.split("\n"), strict=True):
        if old == new:
            continue
        keep = line.rendered  # the numbering label is never edited
        ops = SequenceMatcher(None, old[keep:], new[keep:], autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(ops):
            if tag != "equal":
                _change(line, keep + i1, keep + i2, new[keep + j1:keep + j2], ids, stamp)
                changes += 1
    save(document, out_path)
    return changes, comments


def _change(line: Line, start: int, end: int, content: str, ids, stamp: dict) -> None:
    """Replace line.text[start:end] with content, as a tracked deletion then a tracked insertion."""
    _split(line, start)
    _split(line, end)
    deleted = [r for s, e, r in line.segments if start <= s and e <= end and e > s]
    before = [r for s, e, r in line.segments if e == start and e > s]
    after = [r for s, e, r in line.segments if s == start and e > s]
    if content:
        like = deleted[0] if deleted else before[-1] if before else after[0] if after else None
        ins = line.p.makeelement(W + "ins", {W + "id": str(next(ids)), **stamp})
        run = line.p.makeelement(W + "r", {})
        if like is not None and like.find(W + "rPr") is not None:
            run.append(copy.deepcopy(like.find(W + "rPr")))
        t = line.p.makeelement(W + "t", {_XML_SPACE: "preserve"})
        t.text = content
        run.append(t)
        ins.append(run)
        if deleted:
            deleted[-1].addnext(ins)
        elif before:
            before[-1].addnext(ins)
        elif after:
            after[0].addprevious(ins)
        else:
            line.p.append(ins)
    for r in deleted:
        wrapper = line.p.makeelement(W + "del", {W + "id": str(next(ids)), **stamp})
        r.addprevious(wrapper)
        wrapper.append(r)
        for t in r.iter(W + "t"):
            t.tag = W + "delText"


def _max_id(document) -> int:
    ids = [int(v) for el in document.element.iter() for k, v in el.attrib.items()
           if k == W + "id" and v.lstrip("-").isdigit()]
    return max(ids, default=0)
