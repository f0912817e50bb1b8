"""FZ209: 年份起止的写法."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix, Severity
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import SPACES, prose

_YEAR = r"(?:19|20)\d\d"
# 2021-2025年, (2015-2020), 2020 —2025年; the separator with any spaces around it.
_RANGE = re.compile(
    rf"(?<![\d.:/-])({_YEAR})(?:年)?([{SPACES}]*[-－~～–‐−—][{SPACES}]*)({_YEAR})(?![\d.:/-])(?=年|[）)])"
)
_LOST = re.compile(rf"(?<![\d.])({_YEAR})({_YEAR})(?=年)")


class RangeFormat(Rule):
    """年份起止写成“2021-2025年”“2021~2025年”，或连接号丢失、起止相同。

    说明：
        标示时间的起止用一字线“—”：“2021—2025年”“（2015—2020年）”。短横线“-”、浪纹线“~”、
        全角“－”都应改为“—”，连接号两侧也不留空格（修复只改连接号，安全）。连接号丢失（“20212025年”）、
        起止年份相同（“2023-2023”）或倒置时也报告，但不自动修改：请核对原文的年份。
    为何：
        短横线用于“2024-03-28”这类日期，标示起止要用一字线；“20212025年”“2023-2023”则是抄错的年份。
    反例：
        深入落实《法治政府建设实施纲要（2021-2025年）》。
        ---
        制定2021~2025年普法规划。
        ---
        按照《实施纲要（20212025年）》要求推进。
        ---
        落实《实施纲要（2023—2023年）》。
    正例：
        深入落实《法治政府建设实施纲要（2021—2025年）》。
        ---
        发布时间：2024-03-28，索引号2024-00004，共2024-2025学年。
    依据：
        GB/T 15834—2011《标点符号用法》4.13.3（标示时间的起止一般用一字线）。
    """

    code = "FZ209"
    name = "range-format"
    summary = "年份起止应写作“2021—2025年”（一字线），不是“2021-2025年”“20212025年”"
    severity = Severity.WARNING
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for _, offset, text in prose(doc):
            if "年" not in text and "）" not in text and ")" not in text:
                continue  # every range and run-together pair of years stands before one of them
            for m in _RANGE.finditer(text):
                first, separator, last = m.groups()
                written = m.group()
                if int(first) >= int(last):
                    yield self.report(offset + m.start(), offset + m.end(),
                                      f"年份起止“{written}”{'相同' if first == last else '倒置'}：请核对起止年份")
                elif separator != "—":
                    start, end = offset + m.start(2), offset + m.end(2)
                    wanted = text[m.start() : m.start(2)] + "—" + last
                    yield self.report(start, end, f"年份起止“{written}”的连接号应为一字线“—”，写作“{wanted}”",
                                      Fix.safe(Edit(start, end, "—")))
            for m in _LOST.finditer(text):
                first, last = map(int, m.groups())
                if 0 < last - first <= 15:
                    yield self.report(offset + m.start(), offset + m.end(),
                                      f"年份起止“{m.group()}”缺少连接号：应为“{first}—{last}”")
