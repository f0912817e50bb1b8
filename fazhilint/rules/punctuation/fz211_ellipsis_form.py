"""FZ211: 省略号写成了“。。。”“...”."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix, Severity
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import SPACES, inside, is_chinese_side, prose, url_spans

ELLIPSIS = "……"
# Three or more stops, points or middle dots standing for an ellipsis.
_FAKE = re.compile(r"[。.．·・]{3,}")


def _beside(text: str, start: int, end: int) -> tuple[str, str]:
    """The nearest characters before start and from end on that are not spaces ("" at either end)."""
    before, after = text[:start].rstrip(SPACES)[-1:], text[end:].lstrip(SPACES)[:1]
    return before, after


class EllipsisForm(Rule):
    """省略号写成了“。。。”“...”“......”。

    说明：
        中文的省略号是“……”（两个“…”，六个点，占两个字的位置）。用三个以上句号“。。。”、
        英文句点“...”“......”、全角句点“．．．”或间隔号“···”冒充省略号的，修复（安全）一律改为“……”。
        紧跟外文的“...”（“I have a dream...”）、网址、数字之间的“1...10”和目录的引导点
        （“主要举措......3”，后面是页码）不查。
        两个句号“。。”是点号重复，由 FZ206 检查。
    为何：
        “。。。”“...”是输入法下的随手写法，印出来点数、高低、宽度都不对，一看便知不是规范的公文文字。
    反例：
        好久不见。。。”
        ---
        开展法治宣传、法律咨询...
        ---
        参训干部纷纷表示：“收获很大......”
    正例：
        开展法治宣传、法律咨询……
        ---
        主要举措和成效..........3
        ---
        He said: wait... and see, http://www.gov.cn/a...b 。
    依据：
        GB/T 15834—2011《标点符号用法》4.11（省略号）：省略号的形式为“……”，六连点，占两个字的位置。
    """

    code = "FZ211"
    name = "ellipsis-form"
    summary = "省略号写成“。。。”“...”“......”：应为“……”"
    severity = Severity.WARNING
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for _, offset, text in prose(doc):
            urls = None
            for m in _FAKE.finditer(text):
                before, after = _beside(text, m.start(), m.end())
                if after.isdigit():
                    continue  # 1...10, or a table of contents' leader dots before a page number
                if "。" not in m.group() and not (is_chinese_side(before) or not before and is_chinese_side(after)):
                    continue  # dots that end foreign words (“I have a dream...”) are theirs
                urls = url_spans(text) if urls is None else urls
                if inside(urls, m.start()):
                    continue
                start, end = offset + m.start(), offset + m.end()
                yield self.report(start, end, f"省略号写成了“{m.group()}”：应为“{ELLIPSIS}”",
                                  Fix.safe(Edit(start, end, ELLIPSIS)))
