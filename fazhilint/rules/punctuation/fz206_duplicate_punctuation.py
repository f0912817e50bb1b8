"""FZ206: 点号重复或叠用."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import POINTS, prose

# Two adjacent point marks; a run of three or more 。 is a fake ellipsis (……), not a doubling.
_DOUBLE = re.compile(rf"(?<!。)[{POINTS}]{{2}}(?!。)")
# Which mark survives: the one that ends more (。？！ over ； over ： over ， over 、).
_STRENGTH = {"。": 4, "？": 4, "！": 4, "；": 3, ";": 3, "：": 2, ":": 2, "，": 1, ",": 1, "、": 0}


class DuplicatePunctuation(Rule):
    """点号重复或叠用（“。。”“，，”“，。”“、、”“；。”）。

    说明：
        两个点号紧挨在一起：同一个点号重复，或两个不同的点号叠用。修复保留其中作用更强的一个
        （句号、问号、叹号 > 分号 > 冒号 > 逗号 > 顿号）。“……”“——”和“？！”不算。
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
        GB/T 15834—2011《标点符号用法》4.1—4.6（点号的用法：一处停顿只用一个点号）。
    """

    code = "FZ206"
    name = "duplicate-punctuation"
    summary = "点号重复或叠用（“。。”“，，”“，。”“、、”）"
    fix = Applicability.SAFE

    def check(self, doc):
        for _, offset, text in prose(doc):
            for m in _DOUBLE.finditer(text):
                a, b = m.group()
                if _STRENGTH[a] == 4 and _STRENGTH[b] == 4 and a != b:
                    continue  # ？！ and ！？ express tone
                drop = 1 if _STRENGTH[a] >= _STRENGTH[b] else 0
                keep = m.group()[1 - drop]
                start = offset + m.start()
                yield self.report(start, start + 2, f"点号“{a}{b}”重复或叠用：只保留“{keep}”",
                                  Fix.safe(Edit(start + drop, start + drop + 1, "")))
