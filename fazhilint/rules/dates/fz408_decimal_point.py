"""FZ408: 纯小数缺少“0”."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.dates import prose

# .46 after a Chinese character, a space or an opening mark: not 1.5, v1.2, www.gov.cn, 12.4
_BARE = re.compile(r"(?:(?<=[\u4e00-\u9fff\s（(“：:，,、；;])|^)\.(\d+)(?![\d.])")


class DecimalPoint(Rule):
    """纯小数省略了小数点前的“0”（“.5%”）。

    说明：
        阿拉伯数字书写的纯小数必须写出小数点前定位的“0”：“.46”应为“0.46”，“增长.5%”应为“增长0.5%”。
        小数点前丢了的也可能不只是“0”（“2.5%”丢了“2”），所以修复需核对。
    为何：
        “.5”打印出来小数点几乎看不见，读者会读成“5”。
    反例：
        同比增长.5个百分点。
    正例：
        同比增长0.5个百分点，版本v1.2，网址www.gov.cn。
    依据：
        GB/T 15835《出版物上数字用法》（1995 年版 8.2：阿拉伯数字书写的纯小数必须写出小数点前定位的“0”，
        示例“0.46不能写成.46”；2011 年版沿用，条款号未核实）；DOMAIN.md §3.4。
    """

    code = "FZ408"
    name = "decimal-point"
    summary = "纯小数应写出小数点前的“0”：“.5”应为“0.5”"
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        for offset, text in prose(self, doc, needs="."):
            for m in _BARE.finditer(text):
                start = offset + m.start()
                yield self.report(start, offset + m.end(), f"纯小数“{m.group()}”缺少小数点前的“0”，应为“0{m.group()}”",
                                  Fix.unsafe(Edit(start, start, "0")))
