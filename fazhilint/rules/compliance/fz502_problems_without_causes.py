"""FZ502: 只列问题，未分析原因."""

from __future__ import annotations

import re

from fazhilint import profiles
from fazhilint.rule import Rule
from fazhilint.rules.compliance import element_section


class ProblemsWithoutCauses(Rule):
    """“存在的不足”部分只列问题，没有分析原因。

    说明：
        年度报告的第二项法定内容是“存在的不足和原因”。问题部分（“存在的问题”“不足和原因”等）
        列出了问题，却没有任何说明原因的文字（“原因”“究其根源”“主要是由于”“一方面……另一方面”
        “主观上/客观上”等），则报告此项。“导致”“造成”说的是后果，不算原因。
        同级另有“原因分析”一节时不报告。回顾往年问题整改的部分（“上一年度……问题整改‘回头看’情况”）
        不是本年度的问题部分，不在此检查。词表在规则包 profiles.toml 的 causes 与 exclude 中。
    为何：
        有问题无原因是审查退回的常见理由；不分析原因，下一年度的措施也就无从对症。
    反例：
        松江镇2023年法治政府建设工作报告
        三、存在的问题
        （一）法治宣传教育实效性低。宣传形式单一，群众参与度较低。
        （二）基层法治人才队伍力量薄弱。
    正例：
        松江镇2023年法治政府建设工作报告
        三、存在的问题和原因
        （一）法治宣传教育实效性低。宣传形式单一，群众参与度较低。
        （二）基层法治人才队伍力量薄弱。
        究其原因，一是对普法工作投入不足，二是专业人才引进渠道少。
    依据：
        《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十五条第（二）项（存在的不足和原因）。
    """

    code = "FZ502"
    name = "problems-without-causes"
    summary = "“存在的不足”部分只列问题，未分析原因"

    def check(self, doc, ctx):
        element, section = element_section(doc, "shortcomings")
        if section is None:
            return
        causes = re.compile("|".join(element.words("causes")))
        if causes.search(profiles.body_text(section)) or any(
            causes.search(profiles.heading_words(s)) for s in section.parent.children if s is not section
        ):
            return
        listed = profiles.items(section)
        if not listed:
            return
        count = f"列出了 {len(listed)} 个问题" if len(listed) > 1 else "列出了问题"
        yield self.report(
            section.heading.start, section.heading.end,
            f"“{profiles.quoted(section.title)}”部分{count}，但没有分析原因（未见“原因”“究其根源”“主要是由于”"
            f"“一方面……另一方面”等）：法定内容是“存在的不足和原因”，请逐条或集中写明原因",
        )
