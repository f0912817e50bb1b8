"""Report profiles: which kind of report a document is and which sections it must have.

Profiles are data (``[[profile]]`` entries in ``rules/profiles.toml`` or a county's
own pack); the FZ5xx rules share this module to choose the profile, find the
title, find the section of each required element and split a section into items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from fazhilint.packs import Entry, PackError
from fazhilint.vocabulary import DEPARTMENT_ENDINGS, ORGAN_WORDS, PLACE_KINDS, TIERS

if TYPE_CHECKING:
    from fazhilint.document import Document, Paragraph, Section
    from fazhilint.packs import Packs

_STOP = re.compile(r"[。；;：:！!？?]")
HEADING_CHARS = 40  # a heading's words are in its first characters; run-in headings go on with body text


@dataclass(frozen=True)
class Element:
    """One required part of a profile (e.g. 存在的不足和原因), read from ``[[profile.element]]``."""

    data: dict

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def label(self) -> str:
        return self.data.get("label", self.id)

    @property
    def required(self) -> bool:
        return bool(self.data.get("required", True))

    def words(self, key: str) -> list[str]:
        return list(self.data.get(key, []))

    @cached_property
    def _headings(self) -> re.Pattern:
        return _union(self.words("headings"))

    @cached_property
    def _exclude(self) -> re.Pattern | None:
        return _union(self.words("exclude")) if self.words("exclude") else None

    def matches(self, heading: str) -> bool:
        """Whether a heading (numbered or not, any wording on the list) names this element."""
        return bool(self._headings.search(heading)) and not (self._exclude and self._exclude.search(heading))


@dataclass(frozen=True)
class Profile:
    entry: Entry

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def name(self) -> str:
        return self.entry.get("name", self.id)

    @cached_property
    def elements(self) -> tuple[Element, ...]:
        return tuple(Element(e) for e in self.entry.get("element", []))

    def element(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.id == element_id), None)

    @property
    def title_requires(self) -> list[str]:
        return list(self.entry.get("title-requires", []))

    def detects(self, text: str) -> bool:
        pattern = self.entry.get("detect")
        return bool(pattern and re.search(pattern, text))


def _union(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def available(packs: Packs) -> dict[str, Profile]:
    """Every profile of the loaded packs, by id."""
    return {e.id: Profile(e) for e in packs.entries("profile")}


def check_name(packs: Packs, name: str | None) -> None:
    """A profile named in configuration or with --profile must exist."""
    profiles = available(packs)
    if name and name not in profiles:
        raise PackError(f"未知的报告类型“{name}”；可用：{'、'.join(profiles)}")


def choose(doc: Document, packs: Packs, name: str | None = None) -> Profile | None:
    """The profile named (configuration or --profile), else the first whose pattern the title matches,
    else the default."""
    profiles = available(packs)
    if name:
        return profiles.get(name)
    texts = [doc.title_text] if doc.title_text else [p.text for p in doc.content[:3]]
    for profile in profiles.values():
        if any(profile.detects(t) for t in texts):
            return profile
    return next((p for p in profiles.values() if p.entry.get("default")), None)


def title_paragraph(doc: Document) -> Paragraph | None:
    """The first line of the document's title block (fazhilint/roles.py decides the block)."""
    return doc.title_lines[0] if doc.title_lines else None


def title_text(doc: Document) -> str:
    """The title as one line, the unit on the line above and a title broken over lines joined again."""
    return doc.title_text


def heading_words(section: Section) -> str:
    """The part of a heading that names the section: up to the first sentence mark, at most 40 characters."""
    return _STOP.split(section.title, 1)[0][:HEADING_CHARS]


def find_sections(doc: Document, profile: Profile) -> dict[str, Section]:
    """The section of each element the document has, by element id.

    Top-level sections are searched first; an element not found there may be a
    short standalone heading deeper down. One section may serve two elements
    (“存在的问题及下一步打算”).
    """
    top = list(doc.root.children)
    deeper = [s for s in doc.sections() if s.level > 1 and _standalone(s)]
    found: dict[str, Section] = {}
    for element in profile.elements:
        for section in top + deeper:
            if element.matches(heading_words(section)):
                found[element.id] = section
                break
    # An element marked rest = true (主要举措和成效) is also written as topical sections of its own
    # (“一、强化组织领导” “二、规范行政执法”): a top-level section no element claims counts for it.
    claimed = set(found.values())
    for element in profile.elements:
        rest = [s for s in top if s not in claimed]
        if element.data.get("rest") and element.id not in found and rest:
            found[element.id] = rest[0]
    return found


def _standalone(section: Section) -> bool:
    """A heading on a line of its own (not a run-in heading followed by body text)."""
    title = section.title.rstrip("。.． ")
    return len(title) <= 60 and not _STOP.search(title)


def body_text(section: Section) -> str:
    """The text under a section's heading (its own heading words left out), paragraphs joined by newlines."""
    parts = [section.title[len(heading_words(section)):]]
    parts += [p.text for p in section.all_paragraphs() if p is not section.heading]
    return "\n".join(parts)


@dataclass(frozen=True)
class Item:
    """One problem or one measure: a subsection, an 一是/二是 segment or a paragraph."""

    start: int
    end: int
    text: str
    line: int

    @property
    def name(self) -> str:
        """Its first words, to name it in a message."""
        words = re.sub(r"^\s*(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十0-9]*[）)、.．]?)\s*", "", self.text)
        name = _STOP.split(re.split(r"[，,]", words, 1)[0], 1)[0]
        return quoted(name if len(name) <= 20 else name[:20] + "…")


def quoted(text: str) -> str:
    """Text to be put inside “”: its own double quotes become single ones (GB/T 15834—2011 4.5.3.1:
    a quotation inside a quotation takes single quotes), and a quotation cut open is closed (…’)."""
    text = text.replace("“", "‘").replace("”", "’").replace('"', "'")
    if text.count("‘") > text.count("’"):
        return text + ("’" if text.endswith("…") else "…’")
    return text


def items(section: Section) -> list[Item]:
    """The items a section lists: its subsections; else the 一是/二是 segments or the paragraphs of its body."""
    if section.children:
        return [_section_item(child) for child in section.children]
    out = []
    for p in section.paragraphs:
        if len(p.enums) >= 2:
            bounds = [e.start for e in p.enums] + [p.end]
            out += [Item(a, b, p.text[a - p.start:b - p.start], p.line) for a, b in zip(bounds, bounds[1:])]
        elif len(p.text.strip()) >= 10:
            out.append(Item(p.start, p.end, p.text, p.line))
    return out


def _section_item(section: Section) -> Item:
    paragraphs = list(section.all_paragraphs())
    text = "\n".join(p.text for p in paragraphs)
    return Item(section.heading.start, paragraphs[-1].end, text, section.heading.line)


# ---- the reporting unit, read from the title ---------------------------------

_ORGAN = re.compile(rf"中共|{'|'.join(ORGAN_WORDS)}|关于|[0-9０-９]|年度?|[\s　]")
_PLACE = re.compile(rf"([\u4e00-\u9fff]{{1,6}}?)({'|'.join(PLACE_KINDS)})")
_ORGANISATION = re.compile(rf"{'|'.join(PLACE_KINDS)}|{'|'.join(ORGAN_WORDS)}|[局厅委办院署部所队]$|中心")


@dataclass(frozen=True)
class Unit:
    stem: str  # 松江
    kind: str  # 镇

    @property
    def name(self) -> str:
        return self.stem + self.kind

    @property
    def tier(self) -> str:
        return TIERS[self.kind]


def title_head(title: str) -> str:
    """What a title says before 关于 / the year / 法治: the issuing unit, if it names one."""
    return re.split(r"关于|(?:19|20)\d{2}|法[治制]", title, 1)[0].strip()


def names_unit(title: str) -> bool:
    return any(_ORGANISATION.search(chunk) for chunk in title_head(title).split())


def reporting_unit(title: str) -> Unit | None:
    """The most specific place in the part of the title before 关于 / the year / 法治:
    鲤城区人民政府金龙街道办事处关于… → 金龙街道; 丰都县栗子乡人民政府2025年… → 栗子乡."""
    places = [m for chunk in _ORGAN.split(title_head(title)) for m in _PLACE.finditer(chunk) if m.end() == len(chunk)]
    return Unit(places[-1].group(1), places[-1].group(2)) if places else None


_DEPARTMENT = re.compile(rf"(?:{'|'.join(DEPARTMENT_ENDINGS)})$")
_NOT_DEPARTMENT = re.compile(r"(?:党委|党工委)$")
_FILE_NOISE = re.compile(r"^(?:附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:、._\-—\s]*|[0-9０-９]+\s*[、._\-—\s]+)")


def unit_name(text: str) -> str | None:
    """The unit a title, a 落款 line or a file name names, as people call it:
    松江镇2023年法治政府建设工作报告 → 松江镇; XX县司法局关于…的报告 → XX县司法局;
    鲤城区人民政府金龙街道办事处关于… → 金龙街道; 附件1：松江镇…报告 → 松江镇."""
    text = _FILE_NOISE.sub("", text.strip())
    # “中共渠县教育局委员会 渠县教育局 关于…”: the issuing unit is the last name before the subject
    for chunk in reversed(title_head(text).split()):
        head = re.sub(r"^中共", "", chunk)
        if len(head) >= 3 and _DEPARTMENT.search(head) and not _NOT_DEPARTMENT.search(head) \
                and _ORGANISATION.search(head[:-1]):
            return head
    unit = reporting_unit(text)
    return unit.name if unit else None


def named_unit(doc: Document) -> tuple[str | None, str]:
    """(unit, where it is named: 标题 / 落款) of a report; (None, "") if neither names one."""
    name = unit_name(title_text(doc))
    if name:
        return name, "标题"
    name = closing_unit(doc)
    return (name, "落款") if name else (None, "")


def closing_unit(doc: Document) -> str | None:
    """The unit that signs the report (落款): the closing paragraph (fazhilint/roles.py) that names one."""
    for p in reversed([p for p in doc.paragraphs if p.role == "closing"]):
        name = unit_name(p.text)
        if name:
            return name
    return None
