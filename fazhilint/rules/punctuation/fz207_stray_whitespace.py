"""FZ207: 中文中间多余的空格."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import (
    CLOSING, FULLWIDTH, OPENING, SPACES, inside, is_chinese_side, is_sentence, prose, quoted_spans,
)

_RUN = re.compile(f"[{SPACES}]+")
_NAMES = {" ": "空格", "\u3000": "全角空格", "\u00a0": "不换行空格"}
# Joint issuers are separated by a space: 中共中央 国务院, 中共××镇委员会　××镇人民政府.
_ISSUER = re.compile(r"(?:中共中央|委员会|人民政府|办事处|党委|党工委|党组|局|厅)$")
_HEADING_AHEAD = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}[.．、]")
_UNIT = re.compile("[年月日号个次人件项家所万亿元天%％]")
_YEAR = re.compile(r"(?:19|20)\d{2}年")
_FUNCTION_WORDS = set("到至在于从和与及是为自起止同跟截将")  # “2003年到 2007年”: not a name before the year


def _stray(text: str, start: int, end: int) -> str | None:
    """Why the spaces text[start:end] are stray, or None when they may stay."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if not before or not after:
        return None  # indentation, or trailing
    if after in CLOSING or before in OPENING:
        return "括号内" if after in "）)" or before in "（(" else "引号、书名号内"
    if after in FULLWIDTH:
        return "标点前"
    if before.isdigit() and _UNIT.match(after):
        return "数字与单位之间"
    if is_chinese_side(before) and before not in _FUNCTION_WORDS and _YEAR.match(text, end):
        return "地名与年份之间"  # 现将松江 2023年度: a name and its year are one phrase
    if _HEADING_AHEAD.match(text, end) or not is_chinese_side(after):
        return None  # a heading run into the line: the paragraph break is missing, not a space
    if before in FULLWIDTH or before in ",;:?!" and is_chinese_side(text[start - 2 : start - 1]):
        return "标点后"
    return "汉字之间" if is_chinese_side(before) else None


class StrayWhitespace(Rule):
    """中文中间多余的空格（汉字之间、标点前后、括号内、序号与标题之间）。

    说明：
        汉字之间、数字与单位之间（“2025 年”）、地名与年份之间（“现将松江 2023年度”）、标点前（“基础建设 。”）、括号内（“（ 一）”）、
        标点后（“清单, 确保”）以及标题序号与标题之间（“（一） 加强”）的空格（半角、全角 U+3000、
        不换行空格）都是多余的，修复时删除。段首缩进、段尾空白、汉字与数字之间（“关停小火电 2157万千瓦”，有人有意这样排）不查；报告标题、落款、网页残留行、
        引号和书名号内的口号（“加强法治建设 打造法治乡村”）以及联合发文机关之间的空格（“中共中央 国务院”）也不查；
        Word 文档段内的换行（Shift+Enter）读作空格，但读者看不到空格，也不查。
    为何：
        中文排版不用空格分词；多余的空格多是从网页或 PDF 粘贴时带进来的，打印出来就是一个突兀的空位。
    反例：
        更新普法责任清单, 确保各项普法任务有序推进。
        ---
        现将松江 2023年度法治政府建设情况报告如下：
        ---
        现将我镇2025 年法治政府建设情况报告如下：
        ---
        不断夯实法治工作基础建设 。
        ---
        一、主要举措和成效
        （一） 加强组织领导。
    正例：
        更新普法责任清单，确保各项普法任务有序推进。
        ---
        　　2023年，我镇持续推进法治政府建设。
        ---
        中共中央 国务院印发《法治政府建设实施纲要（2021—2025年）》。
        ---
        以“加强法治政府建设 打造人民满意政府”为主题，开展系列活动。
    依据：
        GB/T 15834—2011《标点符号用法》第5章（标点符号的位置和书写形式）；公文排版惯例：中文之间、序号与标题之间不空格。
    """

    code = "FZ207"
    name = "stray-whitespace"
    summary = "中文中间多余的空格（汉字之间、标点前后、括号内、序号后）"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        raw = doc.source.text  # spaces that are masked markup in the view are not spaces
        breaks = set(doc.source.soft_breaks)  # a Word line break is read as a space the clerk never sees
        for p, offset, text in prose(doc):
            if p.is_heading and p.start < offset and text[:1] in SPACES and text.strip(SPACES):
                run = _RUN.match(text)
                yield self._report(raw, offset, offset + run.end(), "序号与标题之间")
            if not is_sentence(p, text) and not p.is_heading:
                continue
            quoted = None  # found only when a space between Chinese characters asks
            for m in _RUN.finditer(text):
                if m.start() == 0 or raw[offset + m.start() : offset + m.end()] != m.group() \
                        or breaks.intersection(range(offset + m.start(), offset + m.end())):
                    continue
                why = _stray(text, m.start(), m.end())
                if why == "汉字之间":
                    quoted = quoted_spans(text) if quoted is None else quoted
                    if inside(quoted, m.start()) or _ISSUER.search(text, max(0, m.start() - 4), m.start()):
                        continue
                if why:
                    yield self._report(raw, offset + m.start(), offset + m.end(), why)

    def _report(self, raw, start, end, why):
        name = _NAMES.get(raw[start], "空格")
        left, right = raw[max(start - 4, 0) : start].split("\n")[-1], raw[end : end + 4].split("\n")[0]
        around = f"“{left}{raw[start:end]}{right}”"
        return self.report(start, end, f"{why}多了{name}：{around}中的{name}应删去", Fix.safe(Edit(start, end, "")))
