"""FZ404: 全角数字."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix, Severity
from fazhilint.rule import Rule

_FULLWIDTH = re.compile(r"[０-９]+")
_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")


class FullwidthDigits(Rule):
    """使用了全角数字（２０２４年）。

    说明：
        阿拉伯数字应使用半角形式：“２０２４年”应为“2024年”。可自动修复。
    为何：
        全角数字多由输入法切换不当产生，与正文其他数字宽度不一，检索和统计时也无法识别。
    反例：
        ２０２４年，全镇共调解纠纷３５件。
    正例：
        2024年，全镇共调解纠纷35件。
    依据：
        GB/T 15835—2011《出版物上数字用法》（阿拉伯数字）；DOMAIN.md §6 N10。
    """

    code = "FZ404"
    name = "fullwidth-digits"
    summary = "使用了全角数字，应为半角（２０２４年 → 2024年）"
    severity = Severity.WARNING
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for m in (m for p in doc.content for m in _FULLWIDTH.finditer(doc.text, p.start, p.end)):
            right = m.group().translate(_TO_ASCII)
            yield self.report(m.start(), m.end(), f"全角数字：“{m.group()}”应为“{right}”",
                              Fix.safe(Edit(m.start(), m.end(), right)))
