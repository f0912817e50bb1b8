"""FZ2xx: punctuation and whitespace (GB/T 15834-2011).

Shared vocabulary of the rules in this folder: character classes, bracket
pairs, and which part of each paragraph is prose a rule may read and edit.
Numbering markers (``一、`` ``（一）`` and their broken forms) belong to the
FZ1xx rules: punctuation rules never read or edit inside them.
"""

from __future__ import annotations

import re
from typing import Iterator

from fazhilint.document import Document, Paragraph

# Chinese characters (CJK Unified Ideographs, extension A, compatibility).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width marks that sit inside Chinese text like a character does.
FULLWIDTH = "，。、；：？！（）《》〈〉“”‘’【】〔〕「」『』…—"
SPACES = " \u3000\u00a0"
# Point marks (点号) that may never be doubled or stacked, full and half width.
POINTS = "。，、；：？！,;:"

# 「」『』 are not mainland usage but come with text pasted from elsewhere; unpaired, they are a defect all the same.
PAIRS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "‘": "’", "【": "】", "〔": "〕", "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
OPENING, CLOSING = "".join(PAIRS), "".join(CLOSERS)
# ASCII ( ) are the same family as （ ）: the corpus's copies were width-normalised.
FAMILY = {"(": "（", ")": "（", "（": "（", "）": "（"}

URL = re.compile(r"(?:https?://|ftp://|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.I)
# Web-page furniture and form lines: breadcrumbs, 发布时间/来源, index tables, share links.
FURNITURE = re.compile(
    r"当前(?:页面|位置)|所在位置|首页\s*>|>\s*\S|发布(?:时间|日期|机构)|来源[:：]|信息来源|点击率|浏览次数|"
    r"索引号|发文字号|主题分类|扫一扫|打印本页|关闭窗口|相关稿件|字号[:：]|\[\s*\S+\s*\]|\|"
)
SENTENCE_MARKS = re.compile(r"[，,。；;：:？！?!]")


def family(ch: str) -> str:
    return FAMILY.get(ch, CLOSERS.get(ch, ch))


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


def is_chinese_side(ch: str) -> bool:
    """A Chinese character or a full-width mark: what a half-width mark must not touch."""
    return is_cjk(ch) or (bool(ch) and ch in FULLWIDTH)


def prose_start(p: Paragraph) -> int:
    """Where a paragraph's own text begins: after its numbering marker, if it has one."""
    section = p.section
    if p.kind == "heading" and section is not None and section.heading is p and section.marker:
        return section.marker.end
    return p.start


def prose(doc: Document) -> Iterator[tuple[Paragraph, int, str]]:
    """(paragraph, offset, text) of every paragraph, numbering marker excluded."""
    view = doc.text
    for p in doc.paragraphs:
        start = prose_start(p)
        yield p, start, view[start : p.end]


def is_furniture(text: str) -> bool:
    """A line of web-page furniture (breadcrumb, 发布时间, index table, share link)."""
    return bool(FURNITURE.search(text))


def is_sentence(p: Paragraph, text: str) -> bool:
    """Body prose: a body paragraph or heading with sentence punctuation, not page furniture."""
    return p.kind != "title" and bool(SENTENCE_MARKS.search(text)) and not is_furniture(text)


def url_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    return [(m.start() + offset, m.end() + offset) for m in URL.finditer(text)]


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(s <= at < e for s, e in spans)


def quoted_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans inside “…” and 《…》 (slogans and titles keep their own spacing); an unclosed one runs to the end."""
    return [(m.start() + offset, m.end() + offset) for m in re.finditer(r"“[^“”]*(?:”|$)|《[^《》]*(?:》|$)", text)]
