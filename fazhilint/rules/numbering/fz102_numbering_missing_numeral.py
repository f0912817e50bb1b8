"""FZ102: 序号缺少数字."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.document import label
from fazhilint.numerals import to_chinese
from fazhilint.rule import Rule

EMPTY_MARKER = re.compile(r"^(?:、|[（(][ 　]*[）)])$")


class NumberingMissingNumeral(Rule):
    """序号缺少数字（只剩“、”或空括号）。

    说明：
        标题序号只剩顿号或一对空括号，如“、主要负责人履行职责情况”“（）创新普法形式”。
        按同级前后序号推断此处应有的数字并给出完整序号；修复会把数字补进原有标记。
    为何：
        这是从 Word 自动编号复制为纯文本、或删改标题时最常见的残缺，审阅者一眼就能看到。
    反例：
        一、主要举措和成效
        、存在的不足和原因
        ---
        一、主要举措和成效
        （一）加强组织领导。
        （）完善制度建设。
    正例：
        一、主要举措和成效
        二、存在的不足和原因
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.3（结构层次序数）。
    """

    code = "FZ102"
    name = "numbering-missing-numeral"
    summary = "序号缺少数字（只剩“、”或空括号）"
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        for section in doc.sections():
            m = section.marker
            if m.kind != "broken" or not EMPTY_MARKER.match(m.raw.strip()):
                continue
            if m.stray:  # “、” followed by a correct “二、”: one slip, reported once, here
                yield self.report(
                    m.start, m.end,
                    f"序号缺少数字，而后面的“{label(m.level, m.expected)}”已正确编号：此处的“{m.raw.strip()}”"
                    "多半是误加的，或此行应并入上一段，请核对后删去",
                )
                continue
            numeral = to_chinese(m.expected) if m.level <= 2 else str(m.expected)
            at = m.start if m.level == 1 else m.start + 1  # before 、, or inside the brackets
            yield self.report(
                m.start, m.end,
                f"序号缺少数字：此处应为“{label(m.level, m.expected)}”",
                Fix.unsafe(Edit(at, at if m.level == 1 else m.end - 1, numeral)),
            )
