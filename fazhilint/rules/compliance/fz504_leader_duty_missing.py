"""FZ504: 第一责任人履职情况未写明主要负责人或具体行动."""

from __future__ import annotations

import re

from fazhilint import profiles
from fazhilint.rule import Rule
from fazhilint.rules.compliance import element_section


class LeaderDutyMissing(Rule):
    """“第一责任人履职情况”部分没有写明主要负责人，或没有写具体做了什么。

    说明：
        年度报告须写党政主要负责人履行推进法治建设第一责任人职责的情况。该部分（如
        “主要负责人履行职责情况”）的正文既要点明是谁（党委书记、镇长、区长、主要负责同志……），
        也要写出具体行动（主持、研究部署、专题学法、述法、督办……）；只写“我镇高度重视”不算。
        负责人可以写在标题里（“区政府主要负责同志履行……情况”），具体行动须写在正文中。词表在规则包 profiles.toml 的 leaders、acts 中。
    为何：
        “第一责任人部分只写单位、不写主要负责人”是审查中常见的退回理由。
    反例：
        松江镇2023年法治政府建设工作报告
        二、主要负责人履行职责情况
        我镇高度重视法治建设，将法治建设纳入全镇发展总体规划。
    正例：
        松江镇2023年法治政府建设工作报告
        二、主要负责人履行职责情况
        镇党委书记主持召开党委会议3次，专题研究部署法治建设工作，并在年终述职中述法。
    依据：
        《党政主要负责人履行推进法治建设第一责任人职责规定》（2016年）第四条；
        《法治政府建设与责任落实督察工作规定》第二十五条第（三）项。
    """

    code = "FZ504"
    name = "leader-duty-missing"
    summary = "第一责任人履职部分未写明主要负责人或具体行动"

    def check(self, doc, ctx):
        element, section = element_section(doc, "leaders")
        if section is None:
            return
        body = profiles.body_text(section)
        texts = {"leaders": section.title + body, "acts": body}  # a heading may name the leader, not the acts
        missing = [
            f"{what}（如{'、'.join(element.words(key)[:4])}）"
            for key, what in (("leaders", "是哪位主要负责人"), ("acts", "做了哪些具体工作"))
            if not re.search("|".join(element.words(key)), texts[key])
        ]
        if missing:
            yield self.report(
                section.heading.start, section.heading.end,
                f"“{profiles.quoted(section.title)}”部分没有写明{'，也没有写明'.join(missing)}："
                f"请写出党政主要负责人履行第一责任人职责的具体情况",
            )
