"""FZ401: 报告年度与标题、开头、小标题中的年份不一致."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.document import year_mentions
from fazhilint.rule import Rule

# What a heading is about, the plan for next year or the work of the report year: the words
# that name those parts of a report in the profiles (rules/profiles.toml, doc.words).
PLAN = ("plan",)
DONE = ("measures", "shortcomings", "leaders")
_HEAD_END = re.compile(r"[。；;：:，,]")
HEAD = 40  # a heading's own words: run-in headings continue with body text
LEAD = 3  # the year must open the heading (after at most this many characters: “一、”, “（一）”)
# The opening's “this year”: “2023年，……” at the start, “现将……2023年度……报告如下”.
_OPENING = (re.compile(r"^\s*(\d{4})\s*年度?(?:以来)?[,，、]"), re.compile(r"现将[^。]{0,40}?(\d{4})\s*年"))


class YearMismatch(Rule):
    """年份不一致：本年度工作写成别的年份，或下一年度安排写错年份。

    说明：
        报告年度 N 取自标题（标题无年份时取开头段落）。以年份开头的小标题，若讲本年度的
        情况、成效、举措、不足，应为 N 年；若讲工作安排、计划、打算，应为 N+1 年。
        标题写明年份时，开头段落首句的年份（“2023年，……”）与“现将……年度……报告如下”
        中的年份也应为 N。年份区间、完整日期和书名号内的年份不参与比较。
    为何：
        照搬上年报告、改了标题却漏改正文年份，是评查中常见的“照搬照抄”痕迹。
    反例：
        松江镇2023年法治政府建设工作报告
        2023年法治政府建设主要工作及成效
        2025年法治政府建设工作安排
        ---
        某镇2025年法治政府建设情况报告
        一、2024年法治政府建设基本情况
    正例：
        松江镇2023年法治政府建设工作报告
        2023年度,松江镇坚持以习近平新时代中国特色社会主义思想为指导。
        2023年法治政府建设主要工作及成效
        2024年法治政府建设工作安排
    依据：
        《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）：年度报告报告上一年度情况和下一年度安排。
    """

    code = "FZ401"
    name = "year-mismatch"
    summary = "年份不一致：小标题或开头的年份与报告年度不符，工作安排不是下一年度"
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        n = doc.report_year
        if n is None:
            return
        plans, done_words = doc.words.pattern("headings", *PLAN), doc.words.pattern("headings", *DONE)
        for section in doc.sections():
            start = section.marker.end
            raw = doc.text[start : section.heading.end]
            head = _HEAD_END.split(raw, 1)[0][:HEAD]
            first = next(year_mentions(head), None)
            if first is None or first[1] > len(head) - len(head.lstrip()) + LEAD:
                continue
            year, a, b = first
            if head[b:].lstrip().startswith("年以来") or head[b:].lstrip().startswith("以来"):
                continue
            plan, done = plans.search(head), done_words.search(head)
            if bool(plan) == bool(done):
                continue
            expected = n + 1 if plan else n
            if year != expected:
                what = f"工作安排应写下一年度“{expected}年”" if plan else f"本年度工作应写“{expected}年”"
                yield self._report(start + a, start + b, year, expected, f"年份不一致：本报告是{n}年度报告，{what}，此处为“{year}年”")
        if doc.title_year is not None:
            yield from self._opening(doc, n)

    def _opening(self, doc, n):
        body = [p for p in doc.root.paragraphs if p.role == "body"][:3]
        for p in body:
            for pattern in _OPENING:
                m = pattern.search(doc.text[p.start : p.end])
                if m and int(m.group(1)) != n:
                    year = int(m.group(1))
                    yield self._report(p.start + m.start(1), p.start + m.end(1), year, n,
                                       f"年份不一致：标题是{n}年度报告，开头却写“{year}年”，应为“{n}年”")

    def _report(self, start, end, year, expected, message):
        return self.report(start, end, message, Fix.unsafe(Edit(start, end, str(expected))))
