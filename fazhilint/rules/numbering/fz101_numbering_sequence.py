"""FZ101: 同级序号跳号、重号或倒序."""

from __future__ import annotations

from fazhilint.document import label
from fazhilint.rule import Rule


class NumberingSequence(Rule):
    """同级序号跳号、重号或倒序。

    说明：
        同一上级标题下、同一层级的序号应从“一”（或“1”）开始逐项加一：一、二、三、……，
        （一）（二）（三）……，1. 2. 3. ……。跳号、重号、倒序都会被指出，并给出此处应有的序号。
        序号残缺的标记（如“、”“（）”）按其应有序号计入，因此缺一个数字只报一处，不会连锁报错。
    为何：
        跳号让审阅者以为漏了一部分内容，重号让人分不清层次，上报后常被退回重排。
    反例：
        一、主要举措和成效
        三、存在的不足和原因
        ---
        一、主要举措和成效
        （一）加强组织领导。
        （一）完善制度建设。
    正例：
        一、主要举措和成效
        （一）加强组织领导。
        （二）完善制度建设。
        二、存在的不足和原因
        （一）法治宣传实效不强。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.3：文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注。
    """

    code = "FZ101"
    name = "numbering-sequence"
    summary = "同级序号跳号、重号或倒序"

    def check(self, doc, ctx):
        for section in doc.sections():
            m = section.marker
            if not m.ok or m.numeral == m.expected:
                continue
            written, wanted = m.raw.strip(), label(m.level, m.expected)
            if m.expected == 1:
                message = f"序号应从“{label(m.level, 1)}”开始，此处却是“{written}”"
            elif m.numeral == m.expected - 1:
                message = f"序号“{written}”与上一项重复：此处应为“{wanted}”"
            elif m.numeral < m.expected:
                message = f"序号倒退：上一项已是“{label(m.level, m.expected - 1)}”，此处“{written}”应为“{wanted}”"
            else:
                skipped = m.numeral - m.expected
                message = f"序号跳号：此处应为“{wanted}”，写成了“{written}”（跳过了 {skipped} 个序号）"
            yield self.report(m.start, m.end, message)
