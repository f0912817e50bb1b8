"""FZ409: 表示概数的相邻数字之间用了顿号."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.dates import prose

_CN = "一二三四五六七八九"
# 三、四个月 / 3、4个: two adjacent numbers, then a measure word of an amount. Not 一、二等奖, 一、二季度,
# 第三、四批, 一、二年级, 6、7月 (each a definite item: GB/T 15834 4.5.3.5 keeps the 顿号 there).
_MEASURE = "个名人次天周倍件项家户条岁成十百千万亿"
_APPROX = re.compile(rf"(?<![第\d{_CN}十])([{_CN}]|[1-9])、([{_CN}十]|[1-9])(?=[{_MEASURE}]|年(?![级度]))")
_VALUE = {c: i for i, c in enumerate(_CN, 1)} | {"十": 10} | {str(i): i for i in range(1, 10)}


class ApproximateNumber(Rule):
    """表示概数的两个相邻数字之间用了顿号（“三、四个月”“3、4个”）。

    说明：
        相邻的两个数字并列连用表示概数时用汉字，两个数字之间不用顿号：“三、四个月”应为“三四个月”，
        “3、4个”应为“三四个”。汉字的只删顿号，安全；阿拉伯数字的改为汉字，需核对。
        各指一项的不是概数，不查：“一、二等奖”“一、二季度”“第三、四批”“一、二年级”“6、7月”；
        段首的“三、”是标题序号（“三、四项举措”），也不查。
    为何：
        “三、四个月”读起来是“三个月和四个月”两件事，意思变了。
    反例：
        整改工作持续三、四个月。
        ---
        每村配备3、4个法律明白人。
    正例：
        整改工作持续三四个月，获一、二等奖各1项，一、二季度完成，第三、四批试点。
        ---
        三、四项举措落实情况
    依据：
        GB/T 15835—2011《出版物上数字用法》（相邻的两个数字并列连用表示概数时应使用汉字，连用的两个数字之间
        不加标点，如“七八十年代”“五六十年前”）；GB/T 15834—2011《标点符号用法》4.5.3.5（相邻或相近两数字
        连用表示概数通常不用顿号）；DOMAIN.md §3.3、§6 N04。
    """

    code = "FZ409"
    name = "approximate-number"
    summary = "表示概数的相邻数字之间不用顿号：“三、四个月”应为“三四个月”"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for offset, text in prose(self, doc, needs="、"):
            for m in _APPROX.finditer(text):
                a, b = m.groups()
                if _VALUE[b] != _VALUE[a] + 1 or not text[: m.start()].strip():
                    continue  # not adjacent numbers, or a heading marker at the start of the paragraph
                start, end = offset + m.start(), offset + m.end()
                if a.isdigit():
                    wanted = _CN[_VALUE[a] - 1] + (_CN + "十")[_VALUE[b] - 1]
                    fix = Fix.unsafe(Edit(start, end, wanted))
                else:
                    wanted = a + b
                    fix = Fix.safe(Edit(start + 1, start + 2, ""))
                yield self.report(start, end, f"“{m.group()}”表示概数，两个数字之间不用顿号，应为“{wanted}”", fix)
