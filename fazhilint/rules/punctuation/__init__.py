"""FZ2xx: punctuation and whitespace (GB/T 15834-2011).

Shared helpers of the rules in this folder: bracket pairs, and which part of
each paragraph is prose a rule may read and edit (character classes come from
fazhilint/vocabulary.py; which paragraphs are page furniture, from their roles).
Numbering markers (``一、`` ``（一）`` and their broken forms) belong to the
FZ1xx rules: punctuation rules never read or edit inside them.
"""

from __future__ import annotations

import re

from fazhilint.document import Document, Paragraph
from fazhilint.vocabulary import CJK, CLAUSE_MARKS, FULLWIDTH, POINTS, SPACES  # noqa: F401 (shared here)

# 「」『』 are not mainland usage but come with text pasted from elsewhere; unpaired, they are a defect all the same.
PAIRS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "‘": "’", "【": "】", "〔": "〕", "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
OPENING, CLOSING = "".join(PAIRS), "".join(CLOSERS)
# ASCII ( ) are the same family as （ ）: the corpus's copies were width-normalised.
FAMILY = {"(": "（", ")": "（", "（": "（", "）": "（"}

# The e-mail part starts only where a run of address characters starts and never gives back what it
# took: otherwise a long run of letters without "@" is scanned again from every position (quadratic).
URL = re.compile(r"(?:https?://|ftp://|www\.)[!-~]+"
                 r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)+", re.I)


def family(ch: str) -> str:
    return FAMILY.get(ch, CLOSERS.get(ch, ch))


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


def is_chinese_side(ch: str) -> bool:
    """A Chinese character or a full-width mark: what a half-width mark must not touch."""
    return is_cjk(ch) or (bool(ch) and ch in FULLWIDTH)


def prose(doc: Document) -> list[tuple[Paragraph, int, str]]:
    """(paragraph, offset, text) of every paragraph of the report (not page furniture),
    numbering marker excluded (Document.prose)."""
    return doc.prose


def is_sentence(p: Paragraph, text: str) -> bool:
    """Running prose: a heading, body paragraph or table cell with sentence punctuation."""
    return p.is_prose and bool(CLAUSE_MARKS.search(text))


def url_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return []  # what every URL or e-mail address has (URL ignores case): most paragraphs have none
    return [(m.start() + offset, m.end() + offset) for m in URL.finditer(text)]


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether at falls in one of the spans (sorted, not overlapping)."""
    if not spans:
        return False
    from bisect import bisect_right

    i = bisect_right(spans, (at, float("inf")))
    return i > 0 and spans[i - 1][0] <= at < spans[i - 1][1]


def quoted_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans inside “…” and 《…》 (slogans and titles keep their own spacing); an unclosed one runs to the end."""
    return [(m.start() + offset, m.end() + offset) for m in re.finditer(r"“[^“”]*(?:”|$)|《[^《》]*(?:》|$)", text)]
