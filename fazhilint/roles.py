"""Paragraph roles, decided once before any rule runs.

The parts GB/T 9704-2012 7.3 names around a report's body — the title (one or
more lines), the addressee (主送机关), the attachment note (附件说明) and the
closing (特此报告, 署名, 成文日期) — and ``furniture`` for whatever lies outside
the report (portal navigation, metadata, share links) are decided here, line by
line, from the text and, in a ``.docx``, from what Word knows (alignment, a Title
style). These *frame* lines are kept from the grammar; every other line is
``heading``, ``body`` or ``table-cell``, as the parser and the source say.

The report's extent runs from its title block to its closing. What lies outside it
and is not report prose is furniture; inside it, only lines that are furniture by
their words or shape (the ``page-furniture`` pack table, portal metadata) are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from fazhilint import vocabulary as V

ROLES = ("title", "addressee", "heading", "body", "attachment-note", "closing", "table-cell", "furniture")

TITLE_MAX = 80  # a title line is at most this long
PROSE_MIN = 60  # a line this long is prose, whatever its punctuation
FURNITURE_MAX = 160  # a line longer than this is never page furniture by its words
TITLE_BLOCK = 6  # lines a title block may take (unit, two title lines, repeats, subtitle)
CLOSING_LINES = 4  # signature lines above a 成文日期


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    text: str  # stripped
    hints: frozenset[str] = frozenset()  # from Word: "center", "right", "title-style", "table-cell"


def frame_roles(lines: list[Line], furniture: Iterable[re.Pattern], sections: re.Pattern) -> dict[int, str]:
    """The role of each frame line (title, addressee, attachment note, closing, furniture), by line number.
    ``furniture`` are the whole-line patterns of the ``page-furniture`` pack table; ``sections`` the
    words that name a part of a report (the profiles' headings), which a title does not."""
    furniture = tuple(furniture)
    lines = [line for line in lines if line.text]
    roles: dict[int, str] = {}

    def furnishing(line: Line) -> bool:
        if len(line.text) > FURNITURE_MAX:
            return False
        return any(p.fullmatch(line.text) for p in furniture) or V.is_metadata(line.text)

    for line in lines:
        if "table-cell" not in line.hints and furnishing(line):
            roles[line.number] = "furniture"
    content = [line for line in lines if line.number not in roles and "table-cell" not in line.hints]
    start = _title_block(content, roles, sections)
    _closing(content[start:], roles)
    return roles


def prose(text: str) -> bool:
    return bool(V.SENTENCE_MARKS.search(text)) or len(text) > PROSE_MIN


def _titleish(line: Line) -> bool:
    """A line that can be part of a title block: short, no sentence marks (a full stop at the very
    end is a slip FZ506 reports), not a numbered heading."""
    text = line.text.rstrip("。.")
    if text != line.text and not V.TITLE_TYPE.search(text):
        return False  # a line ending with a full stop is a sentence, unless it names the document
    return (len(text) <= TITLE_MAX and not V.SENTENCE_MARKS.search(text)
            and not V.MARKER.match(text) and not text.endswith(("：", ":")))


def _strong_title(line: Line, sections: re.Pattern) -> bool:
    """A line that is a report's title on its own: it names the kind of document, or Word says it is one,
    or it names the report's subject and year but no part of a report (not 2023年法治政府建设主要成效)."""
    text = line.text
    if "title-style" in line.hints or ("center" in line.hints and len(text) >= 6):
        return True
    return bool(V.TITLE_TYPE.search(text)) or bool(V.TITLE_SUBJECT.search(text) and V.YEAR.search(text)
                                                  and not sections.search(text))


def _title_block(content: list[Line], roles: dict[int, str], sections: re.Pattern) -> int:
    """Mark the title block at the top (and what stands above it as furniture); the index where the body starts."""
    head = []  # the short, unpunctuated lines before the first prose line or heading
    for line in content:
        if not _titleish(line) or len(head) >= TITLE_BLOCK + 4:
            break
        head.append(line)
    strong = next((i for i, line in enumerate(head) if _strong_title(line, sections)), None)
    if strong is None:
        return 0
    first = strong
    # The unit above the title (赵县人民政府) and the first half of a two-line title (…关于2023年度).
    while first > 0 and (V.ORGANISATION_LINE.match(head[first - 1].text) or "关于" in head[first - 1].text
                         or "center" in head[first - 1].hints):
        first -= 1
    for line in head[:first]:  # site names, menus, dates above the title
        roles[line.number] = "furniture"
    title = head[strong].text
    end = strong + 1
    while end < len(head) and end - first < TITLE_BLOCK:
        text = head[end].text
        continues = (
            V.TITLE_TYPE.search(text) and not V.TITLE_TYPE.search(title)  # the second half of a two-line title
            or text == title or V.BESIDE_TITLE.match(text)  # a repeat, a date or subtitle in brackets
            or V.ORGANISATION_LINE.match(text) or "center" in head[end].hints
        )
        if not continues:
            break
        end += 1
    # A mirror site's lines between the title and the title printed again: furniture.
    repeat = next((k for k in range(end, len(head)) if head[k].text == title), None)
    if repeat is not None:
        for line in head[end:repeat]:
            roles[line.number] = "furniture"
        roles[head[repeat].number] = "title"
    for line in head[first:end]:
        roles[line.number] = "title"
    end = max(end, repeat + 1 if repeat is not None else 0)
    if end < len(content) and V.ADDRESSEE.match(content[end].text) and V.ADDRESSEE_ORGAN.search(content[end].text):
        roles[content[end].number] = "addressee"
        end += 1
    return end


def _closing(body: list[Line], roles: dict[int, str]) -> None:
    """Mark the closing at the end — 特此报告, the signature, the 成文日期 — the attachment note above it,
    and what follows it as furniture."""
    date = next((i for i in range(len(body) - 1, -1, -1) if V.DATE_LINE.fullmatch(body[i].text)), None)
    after = body[date + 1:] if date is not None else []
    notes = 0  # 附注 right below the date (GB/T 9704-2012 7.3.6): “（联系人：王五，联系电话：……）”
    while notes < len(after) and V.NOTE.match(after[notes].text):
        notes += 1
    if date is None or any(prose(line.text) for line in after[notes:]):
        _addressee_at_top(body, roles)
        return
    for line in after[:notes]:
        roles[line.number] = "closing"
    for line in after[notes:]:  # after the date: copied page furniture, never report prose
        roles[line.number] = "furniture"
    roles[body[date].number] = "closing"
    first = date
    while first > 0 and date - first < CLOSING_LINES and _signature(body[first - 1]):
        first -= 1
        roles[body[first].number] = "closing"
    if first > 0 and V.CLOSING_FORMULA.match(body[first - 1].text):
        first -= 1
        roles[body[first].number] = "closing"
    # 附件说明 between the body and the closing: “附件：1. ……” and its continuation lines “2. ……”.
    notes = [i for i in range(first) if V.ATTACHMENT_NOTE.match(body[i].text)]
    if notes:
        start = notes[-1]
        while start - 1 in notes:  # “附件1：……” “附件2：……” on lines of their own (FZ507 reports it)
            start -= 1
        for line in body[start:first]:
            if prose(line.text) and line.text.endswith("。") and not (
                    V.ATTACHMENT_NOTE.match(line.text) or V.ATTACHMENT_ITEM.match(line.text)):
                break  # body text; an attachment's name with a full stop after it is still the note (FZ507)
            roles[line.number] = "attachment-note"
    _addressee_at_top(body, roles)


def _signature(line: Line) -> bool:
    return ("right" in line.hints or bool(V.ORGANISATION_LINE.match(line.text))) and not prose(line.text)


def _addressee_at_top(body: list[Line], roles: dict[int, str]) -> None:
    """A report without a title may still open with its addressee (“县委、县政府：”)."""
    if body and body[0].number not in roles and V.ADDRESSEE.match(body[0].text) \
            and V.ADDRESSEE_ORGAN.search(body[0].text):
        roles[body[0].number] = "addressee"
