"""FZ506: 标题要素不全或末尾有句号."""

from __future__ import annotations

import re

from fazhilint import profiles
from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_TYPE = re.compile(r"[报報]告$")
_STOP = re.compile(r"[。．.]+$")
_SUFFIX = re.compile(r"\s*[（(][^（）()]{1,20}[）)]$")


class TitleFormat(Rule):
    """标题缺少发文机关、年份或文种，或末尾带句号。

    说明：
        公文标题由发文机关名称、事由和文种组成。法治政府建设年度报告的标题须写明单位、年份和
        “报告”，如“××镇人民政府关于2024年度法治政府建设情况的报告”或“××镇2024年法治政府建设
        情况报告”；用“关于”时写成“关于……的报告”。一般报告（report）只检查文种。
        任何标题末尾都不加句号（可自动删除）。各类型须含的要素见规则包 profiles.toml 的 title-requires。
    为何：
        “关于法治政府建设的情况报告”这样的标题看不出是谁、哪一年的报告，汇总时无法归档。
    反例：
        关于法治政府建设的情况报告
        一、主要举措和成效
        ---
        松江镇2023年法治政府建设工作报告。
        一、主要举措和成效
    正例：
        松江镇人民政府关于2023年度法治政府建设情况的报告
        一、主要举措和成效
    依据：
        《党政机关公文处理工作条例》（中办发〔2012〕14号）第九条（标题由发文机关名称、事由和文种组成）；
        GB/T 15834—2011 附录B（标题末尾一般不用标点）。
    """

    code = "FZ506"
    name = "title-format"
    summary = "标题缺少单位、年份或文种，或末尾有句号"
    fix = Applicability.SAFE  # only the trailing full stop

    def check(self, doc, ctx):
        lines, profile = doc.title_lines, doc.profile
        if not lines or profile is None:
            return
        last = lines[-1]
        stop = _STOP.search(last.text.rstrip())
        if stop:
            start = last.start + stop.start()
            yield self.report(start, last.start + stop.end(), "标题末尾不加句号：请删去",
                              Fix.safe(Edit(start, last.start + stop.end(), "")))
        full = _STOP.sub("", doc.title_text)
        text = _SUFFIX.sub("", full)  # “……情况报告（乡镇版）”, “……报告 (2024-02-26)”
        wanted = profile.title_requires
        missing = [what for key, what, present in (
            ("unit", "发文机关（单位名称）", profiles.names_unit(full)),
            ("year", "年份", _YEAR.search(text)),
            ("type", "文种“报告”", _TYPE.search(text)),
        ) if key in wanted and not present]
        if "关于" in text and _TYPE.search(text) and not re.search(r"的[报報]告$", text):
            missing.append("“关于……的报告”中的“的”（应写在“报告”之前）")
        if missing:
            year = doc.report_year or "××××"
            unit = profiles.title_head(full) if profiles.names_unit(full) else "××镇人民政府"
            yield self.report(
                lines[0].start, last.start + len(last.text.rstrip()),
                f"标题“{full}”缺少{'、'.join(missing)}：应写成如“{unit}关于{year}年度"
                f"{'法治政府建设情况' if profile.id == 'fazhi-annual' else '……'}的报告”",
            )
