"""FZ302: 已被取代的提法（按报告年度判断）."""

from __future__ import annotations

from fazhilint.diagnostics import Severity
from fazhilint.rules.wording import PackRule, found_text


class OutdatedFormulation(PackRule):
    """提法在本报告年度已过时，或引用了报告年度结束时尚未召开的会议。

    说明：
        规则包（表 outdated-formulation）中每个条目注明适用的报告年度：until 为最后适用年度
        （如 2015 年版纲要目标“……廉洁高效、守法诚信”适用至 2020 年度），since 为最早适用年度
        （如二十届三中全会 2024 年 7 月召开，2024 年度报告起才能引用）。报告年度取自标题，
        标题无年份时取开头段落；年度不明时本规则不检查。历史性表述（如“十八届四中全会提出……”）
        按条目的 accept 放过。
    为何：
        照搬往年报告或旧模板，会把上一个时期的提法带进本年度报告，评查时即被指出“提法陈旧”。
    反例：
        松江镇2023年法治政府建设工作报告
        紧紧围绕职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府建设目标。
        ---
        某县2023年法治政府建设情况报告
        深入学习贯彻党的二十届三中全会精神。
        ---
        某镇2024年法治政府建设情况报告
        开展法制宣传活动12场。
    正例：
        某区2019年法治政府建设情况报告
        到2020年基本建成职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。
        ---
        某县2024年法治政府建设情况报告
        深入学习贯彻党的二十大和二十届二中、三中全会精神，开展法治宣传活动12场。
    依据：
        《法治政府建设实施纲要（2021—2025年）》；“八五”普法规划；各次全会召开日期。
        各条目的依据见 `fazhilint rule FZ302`（来源 DOMAIN.md §2 #1、#2、#9、#13、#38、#40）。
    """

    code = "FZ302"
    name = "outdated-formulation"
    summary = "提法在本报告年度已过时，或引用了当时尚未召开的会议"
    severity = Severity.WARNING
    pack_required = ("pattern", "note")

    def applies(self, entry, doc):
        year = doc.report_year
        return year is not None and not (entry.get("since", 0) <= year <= entry.get("until", 9999))

    def finding(self, doc, entry, match, start, end):
        year = doc.report_year
        message = f"提法与报告年度不符：“{found_text(match)}”不宜用于{year}年度报告（{entry['note']}）"
        if entry.get("correct"):
            message += f"，应为“{match.expand(entry['correct'])}”"
        return self.make(entry, start, end, message)
