"""FZ210: 并列的书名号、引号之间用了顿号."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Option, Rule
from fazhilint.rules.punctuation import prose

_BETWEEN = re.compile(r"(《[^《》]{1,40}》|“[^“”]{1,40}”)、(?=(《[^《》]{1,40}》|“[^“”]{1,40}”))")
_ADJACENT_QUOTES = re.compile(r"”“")
QUOTES = ("inconsistent", "always", "never")  # values of the option ``quotes``


class DunhaoBetweenMarks(Rule):
    """并列的书名号、引号之间用了顿号（“《A》、《B》”““A”、“B””）。

    说明：
        标有书名号或引号的并列成分之间通常不用顿号：“《行政复议法》《行政处罚法》”。
        若中间插有括注等其他成分（“《纲要》（2021年）、《规划》”），顿号可以保留，这里不查。修复删去顿号。
        并列的引号之间用顿号在国务院文件中很常见（“一国两制”、“港人治港”），标准也只说“通常不用”，
        所以默认只在同一文档里另有“A”“B”这种不加顿号的写法（体例不一）时才查引号；
        配置 ``[options.FZ210] quotes = "always"`` 总是检查，``"never"`` 不查引号。书名号总是检查。
    为何：
        书名号、引号本身已把各项分开，再加顿号是多余的；这是公文评查时常被指出的标点问题。
    反例：
        认真学习《行政复议法》、《行政处罚法》等法律法规。
        ---
        推进“放管服”、“最多跑一次”改革，落实“双随机”“一公开”监管。
    正例：
        认真学习《行政复议法》《行政处罚法》等法律法规。
        ---
        学习《法治政府建设实施纲要》（2021年印发）、《法治社会建设实施纲要》。
        ---
        贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针。
    依据：
        GB/T 15834—2011《标点符号用法》4.5.3：标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号。
    """

    code = "FZ210"
    name = "dunhao-between-marks"
    summary = "并列的书名号、引号之间不用顿号（《A》、《B》→《A》《B》）"
    fix = Applicability.SAFE
    options = (Option("quotes", "inconsistent", "并列引号之间的顿号何时报告：inconsistent（同一文档体例不一时）、"
                      "always（总是）、never（不查引号）", QUOTES),)

    def check(self, doc, ctx):
        quotes = ctx.options["quotes"]
        paragraphs = list(prose(doc))
        if quotes == "inconsistent":  # the author's own style: do they also write “A”“B”?
            quotes = "always" if any(_ADJACENT_QUOTES.search(text) for _, _, text in paragraphs) else "never"
        for _, offset, text in paragraphs:
            for m in _BETWEEN.finditer(text):
                first, second = m.group(1), m.group(2)
                if first[0] != second[0] or first[0] == "“" and quotes == "never":
                    continue  # 《A》、“B” are not items of one kind
                at = offset + m.end() - 1
                kind = "书名号" if first[0] == "《" else "引号"
                yield self.report(at, at + 1, f"并列的{kind}之间不用顿号：{first}、{second}应为{first}{second}",
                                  Fix.safe(Edit(at, at + 1, "")))
