"""The words and shapes fazhilint knows, in one place.

Character classes, numbering markers, years, the names organisations and places
end with, the words of titles, closings and page furniture. Knowledge a county
may extend lives in the rule packs instead (``rules/*.toml``): what names each
required section of a report, what counts as a cause, which lines are page
furniture; ``section_words`` and ``plan_words`` read the profiles from there, and
the grammar's unnumbered-heading token is generated from them (fazhilint/parse.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from fazhilint.packs import Packs

# ---- characters ---------------------------------------------------------------

# Chinese characters (CJK Unified Ideographs, extension A, compatibility).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width marks that sit inside Chinese text like a character does.
FULLWIDTH = "，。、；：？！（）《》〈〉“”‘’【】〔〕「」『』…—"
SPACES = " \u3000\u00a0"
# Point marks (点号) that may never be doubled or stacked, full and half width.
POINTS = "。，、；：？！,;:"
# Marks that make a line a sentence (half-width too: archived copies were width-normalised).
SENTENCE_MARKS = re.compile(r"[，,。；;？！?!]")
CLAUSE_MARKS = re.compile(r"[，,。；;：:？！?!]")  # the same and colons
CN_DIGITS = "一二三四五六七八九十百"

# ---- numbering markers at the start of a line (any level, well-formed or not) --------

MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．，,:：]|[（(][一二三四五六七八九十百0-9０-９]*[）)]|"
    r"[0-9０-９]{1,3}[.．、，,）)](?![0-9])|[一二三四五六七八九十]+[）)]|[一二三四五六七八九十]{1,3}是)"
)

# ---- years and dates -------------------------------------------------------------

# A year standing on its own: not the end of a range (2021—2025年), not part of a full date.
YEAR = re.compile(r"(?<![\d\-—–－~～至])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")


def outside_book_titles(text: str, matches: Iterable[re.Match]) -> Iterator[re.Match]:
    """The matches (in order) that do not stand inside a title in 《》; one pass over the text."""
    depth, counted = 0, 0  # 《 minus 》 in text[:counted]
    for m in matches:
        depth += text.count("《", counted, m.start()) - text.count("》", counted, m.start())
        counted = m.start()
        if depth <= 0:
            yield m


# A whole line that is a date as a 成文日期 is written (zero padding and Chinese numerals included:
# FZ402 says how it should be written).
DATE_LINE = re.compile(
    r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}\s*年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    r"|(?:19|20)\d{2}\.\d{1,2}\.\d{1,2})"
)

# ---- organisations and places ------------------------------------------------------

# The kinds of place a reporting unit is, and the tier each belongs to (traditional forms too).
TIERS = {"街道": "乡镇", "镇": "乡镇", "乡": "乡镇", "县": "县区", "区": "县区", "旗": "县区", "市": "市", "省": "省",
         "鎮": "乡镇", "鄉": "乡镇", "縣": "县区", "區": "县区"}
PLACE_KINDS = tuple(TIERS)
ORGAN_WORDS = ("人民政府", "政府", "办事处", "委员会", "党工委", "党委", "党组")
# How a department's name ends (XX县司法局, 县委政法委, 区政府办公室): the unit a report is from
# when its title names no place of its own (fazhilint/profiles.py unit_name).
DEPARTMENT_ENDINGS = ("委员会", "办公室", "局", "委", "办", "院", "厅", "署", "中心", "所", "队", "部", "庭")
# A line that is only the name of one or more organisations (a signature, a unit above the title).
_NAME = rf"[{CJK}（）()·×XxＸ*＊]{{2,40}}"  # placeholders (××镇) are names too, for FZ303 to report
ORGANISATION_LINE = re.compile(
    rf"^(?:中共)?{_NAME}(?:人民政府|政府|委员会|办事处|党委|党工委|党组|"
    rf"[局厅委办院署部所队站室]|中心)(?:[ \u3000]+(?:中共)?{_NAME}"
    rf"(?:人民政府|政府|委员会|办事处|党委|党工委|党组|[局厅委办院署部所队站室]|中心))*$"
)

# ---- the parts of a report (GB/T 9704-2012 7.3) -------------------------------------

# What a title names: the kind of document (文种) or the subject of an annual report.
TITLE_TYPE = re.compile(r"[报報]告|总结|總結|汇报|述职|自查|工作要点")
TITLE_SUBJECT = re.compile(r"法[治制](?:政府|建设|建設)|依法(?:行政|治[县区市镇乡])")
# What stands beside a title on a line of its own: a date or subtitle in brackets, a “——” subtitle.
BESIDE_TITLE = re.compile(r"^[（(—－-].*[）)]?$")
# The closing formula of a report.
CLOSING_FORMULA = re.compile(r"^特此(?:报告|報告|汇报)[。.！!]?$")
# 附注 below the 成文日期, in brackets (GB/T 9704-2012 7.3.6): “（联系人：王五，联系电话：……）”.
NOTE = re.compile(r"^[（(][^（）()]{2,80}[）)]$")
# 附件说明: “附件：1. ……” (GB/T 9704-2012 7.3.4).
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*\d*\s*[:：]")
# A further attachment of the note on a line of its own: “2.××××” (or numbered some other way, for FZ507
# to report), its name short and with no sentence in it.
ATTACHMENT_ITEM = re.compile(r"^(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]{1,2}[、.．])[^。；;]{1,80}[。；;，,、]?$")
# The addressee (主送机关): organs separated by 、 ending with a colon.
ADDRESSEE = re.compile(rf"^[{CJK}、，,（）()]{{2,60}}[:：]$")
ADDRESSEE_ORGAN = re.compile(r"[委府局厅办部院会处组]、|[委府局厅办部院会处组][:：]$")

# ---- page furniture: what a portal puts around a report -------------------------------

# Keys of the metadata a portal prints around a report (信息公开 index tables, publication lines).
META_KEYS = (
    "索引号", "发文字号", "文号", "主题分类", "体裁分类", "组配分类", "服务对象分类", "发布机构", "发文机关",
    "成文日期", "发布日期", "发布时间", "生成日期", "公开日期", "有效性", "时效性", "公开方式", "公开范围",
    "公开时限", "信息来源", "文章来源", "来源", "作者", "责任编辑", "编辑", "审核", "浏览量", "浏览次数",
    "点击率", "点击数", "阅读量", "阅读次数", "访问量", "字号", "字体", "分享到", "所属机构", "关键词", "分类",
    "发布者", "发布单位", "撰稿", "供稿", "时间",
    "發布時間", "發布日期", "信息來源", "來源", "瀏覽量", "點擊數", "點擊率",
)
# Keys distinctive enough to be recognised without a separator (“索引号pbxx/2026-00001”).
_BARE_KEYS = ("索引号", "发文字号", "主题分类", "体裁分类", "发布机构", "发布日期", "发布时间", "成文日期", "时效性", "有效性")


def _spaced(word: str) -> str:
    """A key as portals print it, possibly with spaces between its characters (索　引　号)."""
    return r"[ \u3000]*".join(map(re.escape, word))


_KEY = "|".join(_spaced(k) for k in sorted(META_KEYS, key=len, reverse=True))
_BARE = "|".join(_spaced(k) for k in _BARE_KEYS)
_BULLET = r"[·•\-\*●▪◆■□◇○]?[ \u3000]*"
# A metadata line: keys with their values, bracketed, bulleted or spaced (“[ 索引号 ] …”, “· 来源：…”).
META_LINE = re.compile(
    rf"^{_BULLET}(?:[\[【〔（(][ \u3000]*(?:{_KEY})[ \u3000]*[\]】〕）)]|(?:{_KEY})[ \u3000]*[:：]|(?:{_BARE})(?=[ \u3000]*[\w\d]))"
)
# A row of a key–value table: “| 索引号 | 1150… |”.
TABLE_ROW = re.compile(rf"^[|｜][ \u3000]*(?:{_KEY})[ \u3000]*[|｜]")
# Dates and times as portals print them (never a 成文日期: those are written with 年月日).
TIMESTAMP = re.compile(
    r"^[\w/（）() \u3000\-]{0,12}?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ \u3000T]+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?:[ \u3000]*(?:星期|周)[一二三四五六日天])?[)）]?$"
)
# Links and switches portals put on every page.
PAGE_LINKS = re.compile(
    r"打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|加入收藏|分享到|分享|纠错|字号|大|中|小|默认|"
    r"无障碍|长者模式|关怀版|简体|繁体|English|上一篇|下一篇|首页|返回|【|】|\[|\]|\||｜|/|:|：|\s"
)


def is_page_links(text: str) -> bool:
    """A line made only of page links and switches (“【打印本页】【关闭窗口】”, “字号：大 中 小”)."""
    stripped = text.strip()
    return bool(stripped) and not PAGE_LINKS.sub("", stripped) and len(stripped) >= 2 and stripped not in ("大", "中", "小")


def is_metadata(text: str) -> bool:
    """A line of portal metadata: key–value pairs, an index-table row, a bare timestamp, page links."""
    stripped = text.strip()
    if len(stripped) > 160 or stripped.endswith(("。", "；")):
        return False
    return bool(META_LINE.match(stripped) or TABLE_ROW.match(stripped) or TIMESTAMP.match(stripped)
                or is_page_links(stripped))


# ---- words a county extends through its profiles (rules/profiles.toml) ----------------


def section_words(packs: Packs) -> list[str]:
    """Every expression that names a report section, in any loaded profile (as regex sources)."""
    words: list[str] = []
    for element_words in profile_words(packs).words.get("headings", {}).values():
        words += [w for w in element_words if w not in words]
    return words


@dataclass(frozen=True)
class ProfileWords:
    """The profiles' words, by element id and merged over every loaded profile, compiled once:
    what names each part of a report (``headings``) and what introduces a cause (``causes``)."""

    words: dict[str, dict[str, tuple[str, ...]]]  # {"headings": {"plan": (...), ...}, "causes": {...}}

    def pattern(self, key: str, *element_ids: str) -> re.Pattern:
        """One expression for the words under ``key`` of the given elements (all when none given)."""
        table = self.words.get(key, {})
        chosen = [w for e in (element_ids or tuple(table)) for w in table.get(e, ())]
        return _union(tuple(chosen))


@cache
def _union(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{w})" for w in words) or "(?!)")


@cache
def profile_words(packs: Packs) -> ProfileWords:
    from fazhilint.profiles import available

    words: dict[str, dict[str, list[str]]] = {}
    for profile in available(packs).values():
        for element in profile.elements:
            for key in ("headings", "causes"):
                bucket = words.setdefault(key, {}).setdefault(element.id, [])
                bucket += [w for w in element.words(key) if w not in bucket]
    return ProfileWords({k: {e: tuple(ws) for e, ws in table.items()} for k, table in words.items()})
