"""FZ402: 日期写法不规范."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.numerals import parse_chinese
from fazhilint.rule import Rule
from fazhilint.rules.dates import prose

_PADDED = re.compile(r"(?<!\d)((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?")
_SEPARATED = re.compile(r"(?<![\d./\-])((?:19|20)\d{2})([./\-])(\d{1,2})\2(\d{1,2})(?![\d./\-])")
_CHINESE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
_SHORT_YEAR = re.compile(r"(?<![\d年.\-/近约多第满每前后余这两几数])([0-3]\d)年(?:(\d{1,2})月|(?=度))")
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _date(year: int, month: int | None, day: int | None = None) -> str | None:
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return f"{year}年" + (f"{month}月" if month is not None else "") + (f"{day}日" if day is not None else "")


class DateFormat(Rule):
    """日期写法不规范：月日补零、用点号或横线、汉字数字、两位年份。

    说明：
        日期用阿拉伯数字写全年、月、日，年份写四位，月、日不补“0”：
        “2024年01月08日”“2024.1.8”“2024-01-08”“二〇二四年一月八日”都应为“2024年1月8日”，
        “24年1月”“24年度”应为“2024年1月”“2024年度”。网页发布信息行（见 FZ305）不检查。
    为何：
        成文日期等日期的写法有国家标准，写错是公文格式审核中的常见问题。
    反例：
        2024年01月08日
        ---
        会议于2024.1.8召开。
        ---
        二〇二五年一月八日
    正例：
        2024年1月8日
        ---
        实施“十四五”规划和二〇三五年远景目标，12.4国家宪法日开展宣传。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.5.4（成文日期用阿拉伯数字将年、月、日标全，
        年份应标全称，月、日不编虚位）；GB/T 15835—2011《出版物上数字用法》。
    """

    code = "FZ402"
    name = "date-format"
    summary = "日期写法不规范：应为“2024年1月8日”（年份写全，月日不补零，不用点号、横线）"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for offset, text in prose(self, doc, needs="年./-"):
            month = "月" in text  # what a date of 年 and 月 has
            for m in _PADDED.finditer(text) if month else ():
                if m.group(2).startswith("0") or (m.group(3) or "").startswith("0"):
                    day = int(m.group(3)) if m.group(3) else None
                    yield from self._found(offset, m, _date(int(m.group(1)), int(m.group(2)), day), "月、日不补“0”")
            for m in _SEPARATED.finditer(text):
                yield from self._found(offset, m, _date(int(m.group(1)), int(m.group(3)), int(m.group(4))), "用“年月日”，不用点号或横线")
            for m in _CHINESE.finditer(text) if month else ():
                day = parse_chinese(m.group(3)) if m.group(3) else None
                right = _date(int(m.group(1).translate(_YEAR_DIGITS)), parse_chinese(m.group(2)), day)
                yield from self._found(offset, m, right, "用阿拉伯数字")
            for m in _SHORT_YEAR.finditer(text):
                right = _date(2000 + int(m.group(1)), int(m.group(2)) if m.group(2) else None)
                yield from self._found(offset, m, right, "年份写全四位", safe=False)

    def _found(self, offset, m, right, why, safe=True):
        if right is None:
            return
        start, end = offset + m.start(), offset + m.end()
        fix = (Fix.safe if safe else Fix.unsafe)(Edit(start, end, right))
        yield self.report(start, end, f"日期写法不规范：“{m.group()}”应为“{right}”（{why}）", fix)
