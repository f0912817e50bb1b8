"""FZ407: 阿拉伯数字与“千”“百”混用."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix, Severity
from fazhilint.rule import Rule
from fazhilint.rules.dates import prose

# 4千, 1.5千, 3百: not 千米 千克 千瓦 千伏 千帕 千焦 千赫 (units), not 百分 (百分之, 百分点); not an
# approximate 5千多 / 3千余 nor the tail of 1万6千, as the State Council's reports write them
_MIXED = re.compile(r"(?<![\d.万亿])(\d+(?:\.\d+)?)([千百])(?![米克瓦伏帕焦赫卡分多余])")


class MixedNumerals(Rule):
    """阿拉伯数字与“千”“百”混用（“4千余人”“3百万元”）。

    说明：
        阿拉伯数字只可与“万”“亿”连用（“4.6万册”“290亿元”）；与“千”“百”连用不合规范：
        “4千余人”应为“4000余人”，“3百万元”应为“300万元”，“1.5千”应为“1500”。
        千米、千克、千瓦等计量单位，“百分点”“百分之”不查；概数“5千多户”“3千余人”和“1万6千”
        这种万以下的零头，国务院政府工作报告也这样写，不查。修复需核对：数值由规则换算。
    为何：
        “4千”“3百”是口语和速记的写法，同一份报告里与“4000”“300”并存，显得体例不一。
    反例：
        全年接待群众4千人次。
        ---
        投入资金3百万元。
    正例：
        全年接待群众4000人次，投入资金300万元，新建道路2.5千米，增长3个百分点。
        ---
        日均新设企业由5千多户增加到1万6千多户。
    依据：
        GB/T 15835—2011《出版物上数字用法》（数值很大时“万”“亿”可用汉字，其余部分用阿拉伯数字；
        除此以外，一般数值不能同时采用阿拉伯数字与汉字数字；条款号未核实）；DOMAIN.md §3.4。
    """

    code = "FZ407"
    name = "mixed-numerals"
    summary = "阿拉伯数字不与“千”“百”连用：“4千”应为“4000”"
    severity = Severity.WARNING
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        for offset, text in prose(self, doc, needs="千百"):
            for m in _MIXED.finditer(text):
                value = float(m.group(1)) * (1000 if m.group(2) == "千" else 100)
                if value != int(value):
                    continue
                wanted = str(int(value))
                start, end = offset + m.start(), offset + m.end()
                yield self.report(start, end, f"“{m.group()}”应写作“{wanted}”（阿拉伯数字不与“{m.group(2)}”连用）",
                                  Fix.unsafe(Edit(start, end, wanted)))
