"""The document model the grammar builds: titles, nested sections, paragraphs, inline items.

All positions are character offsets into ``Source.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Iterator

from fazhilint.numerals import to_chinese
from fazhilint.source import Source
from fazhilint.vocabulary import BESIDE_TITLE, YEAR, outside_book_titles

if TYPE_CHECKING:
    from fazhilint.profiles import Profile
    from fazhilint.vocabulary import ProfileWords

LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
# How a location names the parts around the body.
FRAME_NAMES = {"title": "标题", "addressee": "主送机关", "attachment-note": "附件说明", "closing": "落款",
               "furniture": "网页残留"}


def year_mentions(text: str) -> Iterator[tuple[int, int, int]]:
    """(year, start, end) of each year in text that stands on its own: not in a range,
    not a full date, not inside a document title in 《》."""
    for m in outside_book_titles(text, YEAR.finditer(text)):
        yield int(m.group(1)), m.start(1), m.end(1)


def label(level: int, n: int) -> str:
    """The canonical marker of the n-th item at a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{to_chinese(n)}、"
    if level == 2:
        return f"（{to_chinese(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


@dataclass(eq=False)
class Marker:
    """A heading's numbering marker, as written."""

    raw: str  # as written ("" for an unnumbered heading)
    start: int
    end: int
    level: int
    kind: str  # "ok" | "broken" | "implied" (no marker at all)
    numeral: int | None  # the number it carries; None when missing
    expected: int = 1  # what it should carry, from its position among its siblings
    # A marker without a numeral that, read as the expected number, would make the correctly
    # numbered sibling after it look wrong (“、” followed by “二、”): it does not count.
    stray: bool = False

    @property
    def ok(self) -> bool:
        return self.kind == "ok"

    @property
    def value(self) -> int:
        """The number this marker counts as in its sequence: a broken marker counts as expected,
        a stray one as the number before it."""
        if self.numeral is not None:
            return self.numeral
        return self.expected - 1 if self.stray else self.expected

    @property
    def expected_label(self) -> str:
        return label(self.level, self.expected)


@dataclass(eq=False)
class Enumeration:
    """An inline 一是 / 二是 … item inside a paragraph."""

    numeral: int
    start: int
    end: int
    raw: str


@dataclass(eq=False)
class Paragraph:
    """One non-blank line and its role (fazhilint/roles.py): title, addressee, heading, body,
    attachment-note, closing, table-cell or furniture."""

    line: int  # 1-based
    start: int
    end: int
    text: str
    role: str = "body"
    enums: list[Enumeration] = field(default_factory=list)
    section: Section | None = None

    @property
    def is_heading(self) -> bool:
        return self.role == "heading"

    @property
    def in_report(self) -> bool:
        """Part of the report (anything but page furniture)."""
        return self.role != "furniture"

    @property
    def own_start(self) -> int:
        """Where the paragraph's own text begins: after its numbering marker, if it is a heading with one."""
        section = self.section
        if self.is_heading and section is not None and section.heading is self and section.marker:
            return section.marker.end
        return self.start

    @property
    def is_prose(self) -> bool:
        """Text the author writes as running prose: headings, body paragraphs and table cells."""
        return self.role in ("heading", "body", "table-cell")


@dataclass(eq=False)
class Section:
    """A numbered (or unnumbered) part of the report and everything under it.

    The root of a document is a Section of level 0 with no marker: its
    paragraphs are the preamble, its children the top-level sections.
    """

    level: int
    marker: Marker | None
    heading: Paragraph | None
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    # The root only: the lines around the body (title, addressee, attachment note, closing, furniture).
    frame: list[Paragraph] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The heading text after the marker."""
        if self.heading is None or self.marker is None:
            return ""
        return self.heading.text[self.marker.end - self.heading.start :].strip()

    def walk(self) -> Iterator[Section]:
        """This section's descendants, depth first, in document order."""
        for child in self.children:
            yield child
            yield from child.walk()

    def all_paragraphs(self) -> Iterator[Paragraph]:
        """Heading and body paragraphs of this section and its descendants, in order."""
        items: list[Paragraph] = ([self.heading] if self.heading else []) + self.paragraphs
        for child in self.children:
            items.extend(child.all_paragraphs())
        return iter(sorted(items, key=lambda p: p.start))

    @property
    def path(self) -> list[Section]:
        node, out = self, []
        while node is not None and node.level:
            out.append(node)
            node = node.parent
        return out[::-1]


@dataclass(eq=False)
class Document:
    source: Source
    root: Section
    paragraphs: list[Paragraph]  # every non-blank line, in order, each with its role
    titles: list[Paragraph]  # the title block: one or more lines
    parse_error: str | None = None  # set only if the safety net had to flatten the text
    profile: Profile | None = None  # the kind of report, chosen once (fazhilint/profiles.py)
    words: ProfileWords | None = None  # what names each part of a report, what introduces a cause (vocabulary.py)
    batch_year: int | None = None  # the year the batch collects reports for (--year), if one is set

    @property
    def text(self) -> str:
        """The text rules read (markup masked); offsets match Source.text."""
        return self.source.view

    @property
    def title(self) -> Paragraph | None:
        return self.titles[0] if self.titles else None

    @cached_property
    def title_lines(self) -> list[Paragraph]:
        """The title block without what only repeats it or stands beside it in brackets
        (a page that prints the title twice, “（2024年3月1日）”)."""
        out, seen = [], set()
        for p in self.titles:
            text = p.text.strip()
            if text not in seen and not BESIDE_TITLE.match(text):
                seen.add(text)
                out.append(p)
        return out

    @property
    def title_text(self) -> str:
        """The title as one line: a title broken over lines (GB/T 9704 7.3.1) joined again."""
        return "".join(p.text.strip() for p in self.title_lines)

    @cached_property
    def report_year(self) -> int | None:
        """The year the report is about: from the title, else from the opening paragraphs."""
        opening = [p.text for p in self.root.paragraphs if p.role == "body"][:3]
        return self.title_year or next((y for text in opening for y, _, _ in year_mentions(text)), None)

    @cached_property
    def title_year(self) -> int | None:
        """The year named in the title, if the title names one."""
        return next((y for p in self.titles for y, _, _ in year_mentions(p.text)), None)

    @cached_property
    def parts(self) -> dict[str, Section]:
        """The section of each element of the profile the document has, by element id."""
        from fazhilint.profiles import find_sections

        if self.profile is None or not self.profile.elements:
            return {}
        return find_sections(self, self.profile)

    @cached_property
    def content(self) -> list[Paragraph]:
        """The paragraphs of the report: every one but page furniture (decided before any rule runs)."""
        return [p for p in self.paragraphs if p.in_report]

    @cached_property
    def prose(self) -> list[tuple[Paragraph, int, str]]:
        """(paragraph, offset, text) of every paragraph of the report, numbering marker left out:
        what the punctuation rules read, sliced once for all of them."""
        view = self.text
        return [(p, p.own_start, view[p.own_start : p.end]) for p in self.content]

    def role_of(self, line: int) -> str | None:
        p = self.paragraph_at_line(line)
        return p.role if p else None

    def sections(self) -> Iterator[Section]:
        """Every section of the body, depth first, in document order."""
        return iter(self._sections)

    @cached_property
    def _sections(self) -> list[Section]:
        return list(self.root.walk())

    def paragraph_at(self, offset: int) -> Paragraph | None:
        return self.paragraph_at_line(self.source.position(offset)[0])

    def paragraph_at_line(self, line: int) -> Paragraph | None:
        return self._by_line.get(line)

    @cached_property
    def _by_line(self) -> dict[int, Paragraph]:
        return {p.line: p for p in self.paragraphs}

    @cached_property
    def _body_index(self) -> dict[int, int]:
        """id(paragraph) → its 1-based place among its section's paragraphs."""
        return {id(p): i for s in (self.root, *self.sections()) for i, p in enumerate(s.paragraphs, 1)}

    def heading_path(self, paragraph: Paragraph, leaf: str | None = None) -> str:
        """Where a paragraph sits, for people: "二、 > （三） > 第2段".

        ``leaf`` replaces the last part for paragraphs that are not the section's
        own (a table cell: "二、 > 表1 第2行第3列")."""
        section = paragraph.section or self.root
        # A broken or missing marker is shown as the one it should be: that is how to find it.
        parts = [s.marker.raw.strip() if s.marker.ok else s.marker.expected_label for s in section.path]
        if leaf:
            parts.append(leaf)
        elif paragraph.role in FRAME_NAMES:
            parts = [FRAME_NAMES[paragraph.role]]
        elif id(paragraph) in self._body_index:
            parts.append(f"第{self._body_index[id(paragraph)]}段")
        elif not parts:
            parts = ["标题行"]
        return " > ".join(parts)
