"""FZ501: 缺少法定内容."""

from __future__ import annotations

from fazhilint import profiles
from fazhilint.rule import Rule
from fazhilint.rules.compliance import anchor, sections_of


class MissingSection(Rule):
    """报告缺少法定的必备部分。

    说明：
        按报告类型（profile）检查必备部分是否齐全。法治政府建设年度报告（fazhi-annual）须有
        主要举措和成效、存在的不足和原因、党政主要负责人履行第一责任人职责情况、下一年度主要安排
        四部分（“其他需要报告的情况”可无）。按标题的意思认，不要求原话：“主要工作及成效”
        “工作开展情况”“存在的问题”“不足和原因”“主要负责人履行职责情况”“工作打算”“下一步工作”
        等都算；有无序号均可。报告类型按标题判断（标题含“法治政府建设……报告”即为年度报告），
        也可用 --profile 或配置项 profile 指定；一般报告（report）不检查。
    为何：
        《法治政府建设与责任落实督察工作规定》规定了年度报告的内容，缺项的报告会被退回。
    反例：
        松江镇2023年法治政府建设工作报告
        一、主要工作及成效
        （一）强化组织领导。
        二、存在的问题和原因
        （一）宣传形式单一，原因是投入不足。
        三、2024年工作安排
        （一）创新普法形式。
    正例：
        松江镇2023年法治政府建设工作报告
        一、主要工作及成效
        （一）强化组织领导。
        二、主要负责人履行职责情况
        （一）镇党委书记主持召开党委会研究法治建设。
        三、存在的问题和原因
        （一）宣传形式单一，原因是投入不足。
        四、2024年工作安排
        （一）创新普法形式。
    依据：
        《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十五条（年度报告的五项内容）。
    """

    code = "FZ501"
    name = "missing-section"
    summary = "报告缺少法定的必备部分（按报告类型）"

    def check(self, doc, ctx):
        profile, found = sections_of(doc)
        if profile is None:
            return
        start, end = anchor(doc)
        elements = profile.elements
        for i, element in enumerate(elements):
            if not element.required or element.id in found:
                continue
            before = next((found[e.id] for e in reversed(elements[:i]) if e.id in found), None)
            after = next((found[e.id] for e in elements[i + 1:] if e.id in found), None)
            where = (f"，宜放在“{profiles.quoted(before.title)}”之后" if before
                     else f"，宜放在“{profiles.quoted(after.title)}”之前" if after else "")
            like = f"（如“{element.words('examples')[0]}”）" if element.words("examples") else ""
            yield self.report(start, end, f"{profile.name}缺少法定内容“{element.label}”：未找到相应的部分{like}{where}")
