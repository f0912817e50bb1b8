"""FZ212: 正文里有看不见的字符（零宽空格、方向控制符等）."""

from __future__ import annotations

import re
import unicodedata

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import is_chinese_side

# Always invisible and never needed in a Chinese report: zero-width space, word joiner, invisible
# operators, BOM (inside the text), soft hyphen, direction marks, embeddings and isolates, Mongolian vowel separator.
_ALWAYS = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u180e"
# Zero-width (non-)joiners shape emoji and Indic or Persian script: reported only between Chinese text.
_JOINERS = "\u200c\u200d"
_RUN = re.compile(f"[{_ALWAYS}{_JOINERS}]+")
_NAMES = {"\u200b": "零宽空格", "\ufeff": "零宽不换行空格（BOM）", "\u00ad": "软连字符", "\u2060": "零宽连接符",
          "\u200c": "零宽非连接符", "\u200d": "零宽连接符"}


class InvisibleCharacter(Rule):
    """正文里夹着看不见的字符：零宽空格、软连字符、文字方向控制符等。

    说明：
        报告零宽空格（U+200B）、零宽不换行空格（U+FEFF，文件开头的 BOM 除外）、软连字符（U+00AD）、
        文字方向标记与嵌入、隔离控制符（U+200E、U+200F、U+202A—U+202E、U+2066—U+2069）等不可见字符；
        零宽连接符、零宽非连接符（U+200C、U+200D）只在汉字或中文标点之间才报告（表情符号和其他文字要用到它们）。
        连在一起的几个算一处，修复时删去。
    为何：
        这些字符从网页、微信或 PDF 复制时混进正文，屏幕上看不见，却会让“截止目前”这样的词查找不到、
        比对不上，规范提法等检查因此漏报；方向控制符还会让文字显示的顺序与实际顺序不同。
    反例：
        截止\u200b目前，全镇已完成法治培训12次。
        ---
        推进\u200d法治政府建设。
    正例：
        截至目前，全镇已完成法治培训12次。
        ---
        推进法治政府建设。
    依据：
        GB/T 15834—2011《标点符号用法》不设此类字符；Unicode 标准附件 UAX #9（双向文字）、第 23 章（格式控制字符）。
    """

    code = "FZ212"
    name = "invisible-character"
    summary = "正文里有看不见的字符（零宽空格、软连字符、文字方向控制符等），应删除"
    fix = Applicability.SAFE

    def check(self, doc, ctx=None):
        text = doc.text
        for m in _RUN.finditer(text):
            start, end = m.span()
            run = m.group()
            if not run.strip(_JOINERS):  # only joiners: reported between Chinese text alone
                if not (is_chinese_side(text[start - 1 : start]) and is_chinese_side(text[end : end + 1])):
                    continue
            names = "、".join(dict.fromkeys(f"U+{ord(c):04X}（{_name(c)}）" for c in run))
            left, right = text[max(start - 4, 0) : start].split("\n")[-1], text[end : end + 4].split("\n")[0]
            yield self.report(start, end, f"看不见的字符 {names}，夹在“{left}{right}”中间：它会让查找和检查失效，"
                                          "请删除", Fix.safe(Edit(start, end, "")))


def _name(ch: str) -> str:
    return _NAMES.get(ch) or {"Cf": "格式控制符"}.get(unicodedata.category(ch), "不可见字符")
