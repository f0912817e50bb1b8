"""FZ206: 点号重复或叠用."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import POINTS, prose

# Spaces inside a run belong to it: “。 。” is one doubled stop, fixed in one edit.
_RUN = re.compile(rf"[{POINTS}](?:[ \u3000]*[{POINTS}])+")
# Which mark survives: the one that ends more (。？！ over ； over ： over ， over 、).
_STRENGTH = {"。": 4, "？": 4, "！": 4, "；": 3, ";": 3, "：": 2, ":": 2, "，": 1, ",": 1, "、": 0}


class DuplicatePunctuation(Rule):
    """点号重复或叠用（“。。”“，，”“，。”“、、”“；。”）。

    说明：
        两个以上点号紧挨在一起：同一个点号重复，或不同的点号叠用。修复只保留其中作用最强的一个
        （句号、问号、叹号 > 分号 > 冒号 > 逗号 > 顿号）。“……”“——”和“？！”不算；三个以上句号“。。。”是冒充省略号，由 FZ211 检查。
    为何：
        叠用的点号多是删改时留下的，读起来像是句子在此断了两次。
    反例：
        认真落实重大行政决策程序。。
        ---
        完善法律顾问制度，，提升服务效果。
        ---
        规范执法行为，。
    正例：
        认真落实重大行政决策程序。
        ---
        这难道不是我们的初心吗？！
        ---
        法治宣传……深入人心。
    依据：
        GB/T 15834—2011《标点符号用法》4.1—4.7（点号：句号、问号、叹号、逗号、顿号、分号、冒号，一处停顿用一个）。
    """

    code = "FZ206"
    name = "duplicate-punctuation"
    summary = "点号重复或叠用（“。。”“，，”“，。”“、、”）"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        for _, offset, text in prose(doc):
            for m in _RUN.finditer(text):
                run = m.group()
                marks = run.replace(" ", "").replace("\u3000", "")
                if "。。。" in run or set(marks) <= {"？", "！"} and len(set(marks)) > 1:
                    continue  # 。。。 is a fake ellipsis (FZ211); ？！ expresses tone
                keep = max(marks, key=_STRENGTH.get)  # the first of the strongest
                start, end = offset + m.start(), offset + m.end()
                yield self.report(start, end, f"点号“{run}”重复或叠用：只保留“{keep}”", Fix.safe(Edit(start, end, keep)))
