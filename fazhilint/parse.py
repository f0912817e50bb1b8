"""Build the Document tree from a Source with the Lark grammar in grammar/outline.lark."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING

from fazhilint import resources
from fazhilint.document import Document, Enumeration, Marker, Paragraph, Section
from fazhilint.numerals import parse_arabic, parse_chinese
from fazhilint.source import Source

if TYPE_CHECKING:
    from fazhilint.packs import Packs

_CN_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇]+")
_AR_NUMERAL = re.compile(r"[0-9０-９]+")
_LEVEL = {"H1": 1, "H2": 2, "H3": 3, "H4": 4}


@cache
def parser():
    """The LALR parser, its tables cached in the user cache directory."""
    from lark import Lark

    grammar = resources.grammar_path().read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer="contextual", maybe_placeholders=False)
    try:
        directory = resources.cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        # One file per grammar version, so checkouts with different grammars do not evict each other.
        digest = hashlib.sha256(grammar.encode()).hexdigest()[:16]
        return Lark(grammar, cache=str(directory / f"outline-{digest}.lark.cache"), **options)
    except OSError:  # no writable cache directory: build the tables every time
        return Lark(grammar, **options)


def parse(source: Source, packs: Packs | None = None, profile: str | None = None) -> Document:
    """Parse a Source into a Document, with the profile named (or the one its title suggests)
    from the packs (the built-in ones by default). Never raises: the grammar is total, and
    should it ever fail the text is kept as plain paragraphs with parse_error set."""
    from fazhilint import packs as packs_module
    from fazhilint.profiles import choose

    packs = packs or packs_module.load()
    text = source.view
    try:
        tree = parser().parse(text + "\n")
    except Exception as e:  # the safety net; the property tests say it never happens
        doc = _flat(source, f"{type(e).__name__}: {e}")
    else:
        doc = _Builder(source).build(tree)
    doc.profile = choose(doc, packs, profile)
    return doc


class _Builder:
    def __init__(self, source: Source):
        self.source = source
        self.paragraphs: list[Paragraph] = []
        self.titles: list[Paragraph] = []

    def build(self, tree) -> Document:
        root = Section(level=0, marker=None, heading=None)
        self._fill(root, tree.children)
        return Document(self.source, root, self.paragraphs, self.titles)

    def _fill(self, section: Section, items) -> None:
        siblings: dict[int, Marker] = {}  # the previous marker at each level, for expected numbers
        for item in items:
            kind = item.data
            if kind == "para" or kind == "title":
                paragraph = self._paragraph(item.children, "body" if kind == "para" else "title")
                paragraph.section = section
                section.paragraphs.append(paragraph)
                if kind == "title":
                    self.titles.append(paragraph)
            else:  # section1..section4
                heading_tree, *rest = item.children
                heading = self._paragraph(heading_tree.children, "heading")
                marker = _marker(heading_tree.children[0], int(kind[-1]))
                previous = siblings.get(marker.level)
                marker.expected = previous.value + 1 if previous else 1
                siblings[marker.level] = marker
                child = Section(marker.level, marker, heading, parent=section)
                heading.section = child
                section.children.append(child)
                self._fill(child, rest)

    def _paragraph(self, tokens, kind: str) -> Paragraph:
        start = tokens[0].start_pos
        number, column = self.source.position(start)
        line_start = start - column + 1
        line_text = self.source.line(number)
        paragraph = Paragraph(
            line=number, start=line_start, end=line_start + len(line_text), text=line_text, kind=kind
        )
        paragraph.enums = [
            Enumeration(parse_chinese(t[:-1]) or 0, t.start_pos, t.end_pos, str(t))
            for t in tokens
            if t.type == "ENUM"
        ]
        self.paragraphs.append(paragraph)
        return paragraph


def _marker(token, level: int) -> Marker:
    raw = str(token)
    kind = token.type
    if kind == "IMPLIED_H1":
        return Marker("", token.start_pos, token.start_pos, 1, "implied", None)
    digits = (_AR_NUMERAL if level >= 3 else _CN_NUMERAL).search(raw)
    numeral = None
    if digits:
        numeral = (parse_arabic if level >= 3 else parse_chinese)(digits.group())
    status = "ok" if kind in _LEVEL else "broken"
    return Marker(raw, token.start_pos, token.end_pos, level, status, numeral)


def _flat(source: Source, error: str) -> Document:
    root = Section(level=0, marker=None, heading=None)
    paragraphs = []
    offset = 0
    for number, line in enumerate(source.text.split("\n"), 1):
        if line.strip():
            p = Paragraph(number, offset, offset + len(line), line, section=root)
            paragraphs.append(p)
            root.paragraphs.append(p)
        offset += len(line) + 1
    return Document(source, root, paragraphs, [], parse_error=error)
