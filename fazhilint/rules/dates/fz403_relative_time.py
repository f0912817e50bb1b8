"""FZ403: 年度报告中的相对时间."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Severity
from fazhilint.rule import Rule

_RELATIVE = re.compile(r"今年以来|今年来|今年|去年|明年")


class RelativeTime(Rule):
    """年度报告中用了“今年”“去年”“明年”“今年来”。

    说明：
        报告年度明确（标题或开头写明年份）时，提示把“今年”“去年”“明年”“今年来”换成
        具体年份：报告年度为 N 时，“今年”可能指 N 年，也可能指成文的 N+1 年，读者无法分辨。
        报告年度不明时不检查。
    为何：
        年度报告在次年成文、公开并长期存档，相对时间会随阅读时间改变含义。
    反例：
        松江镇2023年法治政府建设工作报告
        今年来矛盾纠纷的专业性、行业性急速攀升。
    正例：
        松江镇2023年法治政府建设工作报告
        2023年以来矛盾纠纷的专业性、行业性急速攀升。
        ---
        各位代表：今年工作的总体要求是稳中求进。
    依据：
        公文写作规范：时间应写明具体的年、月、日，避免“前年”“昨天”等不明确的时间概念
        （DOMAIN.md §6 S07，http://npbww.com/gujixiufu/7isa7wf375.html）。
    """

    code = "FZ403"
    name = "relative-time"
    summary = "年度报告中用了“今年”“去年”“明年”“今年来”，请写明年份"
    severity = Severity.INFO

    def check(self, doc, ctx):
        n = doc.report_year
        if n is None:
            return
        meaning = {"今年以来": f"{n}年以来", "今年来": f"{n}年以来", "今年": f"{n}年", "去年": f"{n - 1}年", "明年": f"{n + 1}年"}
        for p in doc.content:
            for m in _RELATIVE.finditer(doc.text, p.start, p.end):
                yield self.report(m.start(), m.end(), f"相对时间“{m.group()}”在{n}年度报告中含义不明，请写明年份"
                                  f"（以报告年度{n}年为“今年”，应写作“{meaning[m.group()]}”）")
