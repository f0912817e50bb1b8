"""FZ406: 汉字年份中的“零”."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.dates import prose

# 二零二四年 / 二○二四年 (U+25CB, a circle, not a numeral); a full date is FZ402's (it wants Arabic numerals)
_YEAR = re.compile(r"(?<![一二三四五六七八九十〇○零])([一二三四五六七八九〇○零]{4})年(?!\s*[一二三四五六七八九十\d]{1,3}\s*月)")


class YearZero(Rule):
    """汉字数字的年份用了“零”或圆圈“○”（“二零二四年”），应为“〇”。

    说明：
        用作编号的“0”，汉字写作“〇”（U+3007），不是“零”，也不是图形符号“○”（U+25CB）：
        “二零三五年”“二○三五年”应为“二〇三五年”（修复只替换这个字，安全）。
        年、月、日俱全的日期另由 FZ402 检查（应用阿拉伯数字）。
    为何：
        “零”用于计量（“三千零五十二”），年份是编号；“○”是几何图形，字体、检索都与“〇”不同。
    反例：
        到二零三五年基本建成法治国家。
        ---
        实施“十四五”规划和二○三五年远景目标。
    正例：
        实施“十四五”规划和二〇三五年远景目标，三千零五十二人参加。
    依据：
        GB/T 15835—2011《出版物上数字用法》（“0”用作计量时汉字写作“零”，用作编号时写作“〇”，
        如“二〇一二”不写为“二零一二”）；DOMAIN.md §3.4。
    """

    code = "FZ406"
    name = "year-zero"
    summary = "汉字年份中的“0”应写作“〇”，不是“零”或“○”"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for offset, text in prose(self, doc, needs="零○"):  # a year written with 〇 only is right
            for m in _YEAR.finditer(text):
                year = m.group(1)
                if "零" not in year and "○" not in year:
                    continue
                wanted = year.replace("零", "〇").replace("○", "〇")
                start = offset + m.start(1)
                edits = [Edit(start + i, start + i + 1, "〇") for i, c in enumerate(year) if c in "零○"]
                yield self.report(start, start + 4, f"年份“{year}年”中的“0”应写作“〇”：“{wanted}年”",
                                  Fix.safe(*edits))
