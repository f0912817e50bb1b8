"""FZ107: 段落或标题重复."""

from __future__ import annotations

import re

from fazhilint.rule import Rule

_SPACE = re.compile(r"[\s\u3000]+")
MIN_LENGTH = 8  # shorter lines ("各位代表：", "-") repeat legitimately


class DuplicateParagraph(Rule):
    """同一标题或段落重复出现。

    说明：
        两段文字（去掉空白后）完全相同，通常是复制粘贴时多贴了一次，或网页转存时标题出现了两次。
        指出后一次出现的位置和与之相同的前一处。少于 8 个字的短行不检查。
    为何：
        重复的段落是明显的校对疏漏，标题重复会让文件看起来像两份文件拼在一起。
    反例：
        松江镇2023年法治政府建设工作报告
        松江镇2023年法治政府建设工作报告
    正例：
        松江镇2023年法治政府建设工作报告
        2023年，我镇深入学习贯彻习近平法治思想。
    依据：
        《党政机关公文处理工作条例》第二十三条（公文文字准确、简洁）；校对常规。
    """

    code = "FZ107"
    name = "duplicate-paragraph"
    summary = "标题或段落重复"

    def check(self, doc, ctx):
        seen: dict[str, int] = {}
        for p in doc.content:
            key = _SPACE.sub("", p.text)
            if len(key) < MIN_LENGTH:
                continue
            if key in seen:
                what = "标题" if p.role == "title" else "段落"
                yield self.report(p.start, p.end, f"{what}重复：与第 {seen[key]} {doc.source.line_unit}完全相同，请删除多余的一处")
            else:
                seen[key] = p.line
