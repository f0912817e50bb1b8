"""The text of one input, as paragraphs, with a way back to where it came from."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property

_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


# Line labels starting with this name a table cell ("表1 第2行第3列"): the heading path ends with it.
CELL_LABEL = "表"


class UnreadableInput(Exception):
    """An input that cannot be linted; the message is shown to the user (FZ001)."""


@dataclass(eq=False)
class Source:
    """One input's text: paragraphs joined by ``\\n``, so line N is paragraph N.

    ``text`` is what rules read and what fixes edit. ``line_ends`` keeps each
    line's original ending so a fixed text file is written back byte-exact
    outside the edits. ``rendered`` lists spans the author never typed (Word's
    automatic numbering): rules may read them, fixes never touch them.
    """

    path: str
    text: str
    kind: str = "text"  # text | markdown | docx | html
    encoding: str | None = "utf-8"
    bom: bool = False
    line_ends: list[str] = field(default_factory=list)
    rendered: list[tuple[int, int]] = field(default_factory=list)
    # Offsets whose characters are markup, not prose (Markdown's "#"): the
    # parser and the rules see them as spaces.
    masked: list[tuple[int, int]] = field(default_factory=list)
    # Offsets of spaces that stand for a line break inside a paragraph (Word's Shift+Enter):
    # the reader shows no space there, so no rule reports one.
    soft_breaks: list[int] = field(default_factory=list)
    # A label per line for inputs whose lines are not lines (.docx paragraphs).
    line_labels: dict[int, str] = field(default_factory=dict)
    # (st_dev, st_ino, st_size, st_mtime_ns) of the file when it was read: --fix refuses to
    # write over a file that has changed since.
    stamp: tuple[int, int, int, int] | None = None
    # Word comments (批注): (start, end, text) of the span each is anchored on; read for suppressions.
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    # What the reader knows of a line's layout, for paragraph roles (fazhilint/roles.py):
    # "center", "right", "title-style" (Word's Title / 标题 style).
    line_hints: dict[int, frozenset[str]] = field(default_factory=dict)
    # A Word document as read (fazhilint.read.docx.Opened): its formatting is resolved from it
    # only when a layout rule asks. Not carried across processes (it is re-read there).
    docx: object | None = field(default=None, repr=False)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["docx"] = None
        return state

    @classmethod
    def from_string(cls, raw: str, path: str = "<string>", **kwargs) -> Source:
        parts = _LINE_BREAK.split(raw)
        return cls(path=path, text="\n".join(parts[0::2]), line_ends=parts[1::2], **kwargs)

    def to_string(self, text: str | None = None) -> str:
        """The text with its original line endings restored (for writing back)."""
        lines = (self.text if text is None else text).split("\n")
        default = max(set(self.line_ends), key=self.line_ends.count) if self.line_ends else "\n"
        ends = self.line_ends + [default] * (len(lines) - 1 - len(self.line_ends))
        out = [None] * (2 * len(lines) - 1)
        out[0::2] = lines
        out[1::2] = ends[: len(lines) - 1]
        return "".join(out)

    @property
    def rewritable(self) -> bool:
        """Whether --fix may write this input back; Word and web files never are (see --annotate)."""
        return self.kind in ("text", "markdown")

    @property
    def line_unit(self) -> str:
        """How a line is called in messages: a Word document's lines are its paragraphs."""
        return "段" if self.kind == "docx" else "行"

    def with_text(self, text: str, edits=()) -> Source:
        """The same input with another text (after fixes), markup masks recomputed; the spans that
        rendered text and comments occupy moved by ``edits`` (sorted, none inside a rendered span)."""
        new = replace(self, text=text, masked=[],
                      rendered=[_moved(s, e, edits) for s, e in self.rendered],
                      comments=[(*_moved(s, e, edits), c) for s, e, c in self.comments],
                      soft_breaks=[_moved(b, b + 1, edits)[0] for b in self.soft_breaks])
        if self.kind == "markdown":
            from fazhilint.read.text import mask_markdown

            mask_markdown(new)
        return new

    @cached_property
    def view(self) -> str:
        """The text rules read: ``text`` with markup masked as spaces."""
        if not self.masked:
            return self.text
        chars = list(self.text)
        for start, end in self.masked:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line(self, number: int) -> str:
        starts = self.line_starts
        start = starts[number - 1]
        end = starts[number] - 1 if number < len(starts) else len(self.text)
        return self.text[start:end]

    def in_table(self, line: int) -> bool:
        """Whether a line is a table cell (its label says where: “表1 第2行第3列”)."""
        return self.line_labels.get(line, "").startswith(CELL_LABEL)

    def is_rendered(self, start: int, end: int) -> bool:
        """Whether a span (or an insertion point, start == end) touches rendered text."""
        if start == end:
            return any(s <= start <= e for s, e in self.rendered)
        return any(s < end and start < e for s, e in self.rendered)


def _moved(start: int, end: int, edits) -> tuple[int, int]:
    """A span's place after edits elsewhere: an insertion at its start goes before it, at its end after it."""
    def shift(p: int, at_end: bool) -> int:
        return p + sum(len(e.content) - (e.end - e.start) for e in edits
                       if e.end < p or e.end == p and (e.start < p or not at_end))
    return shift(start, False), max(shift(start, False), shift(end, True))
