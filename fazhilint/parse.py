"""Build the Document tree from a Source with the Lark grammar in grammar/outline.lark."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import TYPE_CHECKING

from fazhilint import resources
from fazhilint.document import Document, Enumeration, Marker, Paragraph, Section
from fazhilint.numerals import parse_arabic, parse_chinese
from fazhilint.packs import regex
from fazhilint.roles import Line, frame_roles
from fazhilint.source import Source

if TYPE_CHECKING:
    from fazhilint.packs import Packs

_CN_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇]+")
_AR_NUMERAL = re.compile(r"[0-9０-９]+")
_LEVEL = {"H1": 1, "H2": 2, "H3": 3, "H4": 4}


def grammar(section_words: tuple[str, ...] = ()) -> str:
    """grammar/outline.lark with its unnumbered-heading token generated from the words that name a
    report section (the profiles' ``headings``, fazhilint/vocabulary.py): one list for the grammar
    and the rules, which a county extends in its own pack."""
    text = resources.grammar_path().read_text(encoding="utf-8")
    words = "|".join(f"(?:{w})" for w in section_words).replace("/", "\\/") or "(?!)"
    return text.replace("@SECTION_WORDS@", words)


def parser(packs: Packs | None = None):
    """The LALR parser for the loaded packs' vocabulary."""
    from fazhilint import packs as packs_module
    from fazhilint.vocabulary import section_words

    return _parser(tuple(section_words(packs or packs_module.load())))


@cache
def _parser(section_words: tuple[str, ...]):
    """The LALR parser, its tables cached in the user cache directory (one file per grammar text)."""
    from lark import Lark

    grammar_text = grammar(section_words)
    options = dict(parser="lalr", lexer="contextual", maybe_placeholders=False)
    try:
        directory = resources.cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        # One file per grammar version, so checkouts with different grammars do not evict each other.
        digest = hashlib.sha256(grammar_text.encode()).hexdigest()[:16]
        return Lark(grammar_text, cache=str(directory / f"outline-{digest}.lark.cache"), **options)
    except OSError:  # no writable cache directory: build the tables every time
        return Lark(grammar_text, **options)


def parse(source: Source, packs: Packs | None = None, profile: str | None = None) -> Document:
    """Parse a Source into a Document, with the profile named (or the one its title suggests)
    from the packs (the built-in ones by default). Never raises: the grammar is total, and
    should it ever fail the text is kept as plain paragraphs with parse_error set."""
    from fazhilint import packs as packs_module
    from fazhilint.profiles import choose
    from fazhilint.vocabulary import profile_words

    packs = packs or packs_module.load()
    words = profile_words(packs)
    roles = frame_roles(_lines(source), (regex(e["pattern"]) for e in packs.entries("page-furniture")),
                        words.pattern("headings"))
    text = _without(source, roles)
    try:
        tree = parser(packs).parse(text + "\n")
    except Exception as e:  # the safety net; the property tests say it never happens
        doc = _flat(source, text, f"{type(e).__name__}: {e}")
    else:
        doc = _Builder(source).build(tree)
    _place(doc, roles)
    doc.profile = choose(doc, packs, profile)
    doc.words = words
    return doc


def _lines(source: Source) -> list[Line]:
    """Each non-blank line of the text with what the reader knows of it (Word's alignment, style, table cells)."""
    out = []
    for number, text in enumerate(source.view.split("\n"), 1):
        text = text.strip(" \t\u3000\u00a0\ufeff")
        if not text:
            continue
        hints = source.line_hints.get(number, frozenset())
        if source.in_table(number):
            hints = hints | {"table-cell"}
        out.append(Line(number, text, hints))
    return out


def _without(source: Source, roles: dict[int, str]) -> str:
    """The text the grammar reads: frame lines (title, closing, furniture …) blanked, offsets kept."""
    if not roles:
        return source.view
    lines = source.view.split("\n")
    for number in roles:
        lines[number - 1] = " " * len(lines[number - 1])
    return "\n".join(lines)


def _place(doc: Document, roles: dict[int, str]) -> None:
    """Add the frame lines to the document as paragraphs of the root, with their roles; mark table cells."""
    source = doc.source
    starts = source.line_starts
    for number, role in roles.items():
        start = starts[number - 1]
        text = source.line(number)
        paragraph = Paragraph(number, start, start + len(text), text, role=role, section=doc.root)
        doc.paragraphs.append(paragraph)
        doc.root.frame.append(paragraph)
    doc.paragraphs.sort(key=lambda p: p.line)
    doc.root.frame.sort(key=lambda p: p.line)
    for p in doc.paragraphs:
        if p.role == "body" and source.in_table(p.line):
            p.role = "table-cell"
    doc.titles[:] = [p for p in doc.paragraphs if p.role == "title"]


class _Builder:
    def __init__(self, source: Source):
        self.source = source
        self.paragraphs: list[Paragraph] = []
        self.titles: list[Paragraph] = []

    def build(self, tree) -> Document:
        root = Section(level=0, marker=None, heading=None)
        self._fill(root, tree.children)
        return Document(self.source, root, self.paragraphs, [])

    def _fill(self, section: Section, items) -> None:
        for item in items:
            if item.data == "para":
                paragraph = self._paragraph(item.children, "body")
                paragraph.section = section
                section.paragraphs.append(paragraph)
            elif self._unnumbered_cell(item):  # a cell's words name a column, not a section of the report
                heading_tree, *rest = item.children
                paragraph = self._paragraph(heading_tree.children, "table-cell")
                paragraph.section = section
                section.paragraphs.append(paragraph)
                self._fill(section, rest)
            else:  # section1..section4
                heading_tree, *rest = item.children
                heading = self._paragraph(heading_tree.children, "heading")
                marker = _marker(heading_tree.children[0], int(item.data[-1]))
                child = Section(marker.level, marker, heading, parent=section)
                heading.section = child
                section.children.append(child)
                self._fill(child, rest)
        _number(section.children)

    def _unnumbered_cell(self, item) -> bool:
        token = item.children[0].children[0]
        line = self.source.position(token.start_pos)[0]
        return token.type == "IMPLIED_H1" and self.source.in_table(line)

    def _paragraph(self, tokens, role: str) -> Paragraph:
        start = tokens[0].start_pos
        number, column = self.source.position(start)
        line_start = start - column + 1
        line_text = self.source.line(number)
        paragraph = Paragraph(
            line=number, start=line_start, end=line_start + len(line_text), text=line_text, role=role
        )
        paragraph.enums = [
            Enumeration(parse_chinese(t[:-1]) or 0, t.start_pos, t.end_pos, str(t))
            for t in tokens
            if t.type == "ENUM"
        ]
        self.paragraphs.append(paragraph)
        return paragraph


def _number(children: list[Section]) -> None:
    """Each marker's expected number, from its position among its siblings of the same level.

    A marker without a numeral (a lone “、”, an unnumbered heading) whose reading as the next
    number would make the correctly numbered sibling after it look wrong (“、” then “二、”) is
    read as a stray instead: it does not count, and the slip is reported once, on it."""
    previous: dict[int, Marker] = {}
    for i, child in enumerate(children):
        m = child.marker
        before = previous.get(m.level)
        m.expected = before.value + 1 if before else 1
        if m.numeral is None:
            after = next((c.marker for c in children[i + 1:] if c.marker.level == m.level), None)
            m.stray = after is not None and after.ok and after.numeral == m.expected
        previous[m.level] = m


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


def _flat(source: Source, text: str, error: str) -> Document:
    root = Section(level=0, marker=None, heading=None)
    paragraphs = []
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            p = Paragraph(number, offset, offset + len(line), source.line(number), section=root)
            paragraphs.append(p)
            root.paragraphs.append(p)
        offset += len(line) + 1
    return Document(source, root, paragraphs, [], parse_error=error)
