"""FZ410: 报告年度不是本次收取的年度."""

from __future__ import annotations

from fazhilint.document import year_mentions
from fazhilint.rule import Rule


class WrongReportYear(Rule):
    """报告年度不是本批次收取的年度（如把上一年的报告又交了一次）。

    说明：
        批量检查时用 --year 2025（或配置文件中的 year = 2025）指明本次收取哪一年度的报告。
        报告的年度取自标题（标题无年份时取开头段落）；与本次收取的年度不同即报告，并指出
        标题或开头中的年份。未指明年度时本项不检查。
    为何：
        县里汇总时，个别单位把上一年度的报告原样再报一次，或报成了下一年度的计划；只看
        “有没有交”发现不了，逐份看年份又容易漏。
    反例：
        松江镇2024年法治政府建设工作报告
        2024年，松江镇坚持以习近平新时代中国特色社会主义思想为指导。
    正例：
        松江镇2025年法治政府建设工作报告
        2025年，松江镇坚持以习近平新时代中国特色社会主义思想为指导。
    依据：
        《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十五条：每年第一季度报告上一年度法治政府建设情况。
    """

    code = "FZ410"
    name = "wrong-report-year"
    summary = "报告年度不是本次收取的年度（--year）"
    example_config = {"year": 2025}  # the examples are checked as a batch of 2025 reports

    def check(self, doc, ctx):
        wanted = doc.batch_year
        if wanted is None:
            return
        for title in doc.titles:
            for year, a, b in year_mentions(title.text):
                if year != wanted:
                    yield self._report(title.start + a, title.start + b, year, wanted, "标题")
                return
        opening = [p for p in doc.root.paragraphs if p.role == "body"][:3]
        for p in opening:
            for year, a, b in year_mentions(p.text):
                if year != wanted:
                    yield self._report(p.start + a, p.start + b, year, wanted, "开头")
                return

    def _report(self, start, end, year, wanted, where):
        return self.report(start, end, f"这是{year}年度的报告，本次收的是{wanted}年度（见{where}中的“{year}年”）；"
                                       f"请提交{wanted}年度的报告")
