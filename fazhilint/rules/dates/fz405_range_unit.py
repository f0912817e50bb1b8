"""FZ405: 数值范围省略了前一个数值的“万”“亿”“%”."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.dates import prose
from fazhilint.vocabulary import outside_book_titles

_NUMBER = r"\d+(?:\.\d+)?"
# 9～16亿, 15～30%, 5-10万元, 3至5万人: the unit (or %) only after the second number
_RANGE = re.compile(rf"(?<![\d.,，])({_NUMBER})(\s*[～~〜—–\-－至到]\s*)({_NUMBER})(亿|万|%|％|‰)")


class RangeUnit(Rule):
    """数值范围省略了前一个数值的“万”“亿”或“%”（“9～16亿”“15～30%”）。

    说明：
        表示数值范围时，前后两个数值的附加符号或计量单位相同，在不造成歧义的情况下，前一个数值的
        可以省略（“100～150千克”“12500～20000元”）；但“万”“亿”和百分号“%”省略了就会造成歧义
        （“9～16亿”读作从 9 到 16 亿，“15～30%”读作从 15 到 0.3），不应省略：
        写作“9亿～16亿”“13万元～17万元”“15%～30%”。修复时在前一个数值后补上，安全。
        书名号内（文件标题）不查。
    为何：
        “5-10万元”是公文中最常见的数字差错之一，也是审稿时最容易被指出的一处。
    反例：
        全镇年产值9～16亿元。
        ---
        覆盖率由15～30%提高。
        ---
        每村补助5-10万元。
    正例：
        全镇年产值9亿～16亿元，覆盖率15%～30%，每亩补助100～150元。
    依据：
        GB/T 15835—2011《出版物上数字用法》（数值范围：前后两个数值的附加符号或计量单位相同时，在不造成
        歧义的情况下，前一个数值的附加符号或计量单位可省略；如果省略会造成歧义，则不应省略，如“10%～90%”
        不能写成“10～90%”。来源：http://m.jizihe.com/page/2023/0901/22460876.shtml 转述；条款号未核实）；
        DOMAIN.md §3.4、§6 N05。
    """

    code = "FZ405"
    name = "range-unit"
    summary = "数值范围应写作“9亿～16亿”“15%～30%”，不省略前一个数值的“万”“亿”“%”"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for offset, text in prose(self, doc, needs="亿万%％‰"):
            for m in outside_book_titles(text, _RANGE.finditer(text)):
                unit = m.group(4)
                wanted = f"{m.group(1)}{unit}{m.group(2)}{m.group(3)}{unit}"
                at = offset + m.end(1)
                yield self.report(offset + m.start(), offset + m.end(),
                                  f"数值范围“{m.group()}”省略了前一个数值的“{unit}”，应写作“{wanted}”",
                                  Fix.safe(Edit(at, at, unit)))
