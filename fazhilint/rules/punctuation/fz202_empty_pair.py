"""FZ202: 成对标点中间没有内容."""

from __future__ import annotations

import re

from fazhilint.rule import Rule
from fazhilint.rules.punctuation import SPACES, prose

_FAMILIES = (("[（(]", "[）)]"), "《》", "“”", "‘’", "【】", "〔〕", "〈〉")
_EMPTY = re.compile("|".join(f"{o}[{SPACES}]*{c}" for o, c in _FAMILIES))


class EmptyPair(Rule):
    """括号、书名号、引号中间什么也没有。

    说明：
        正文里出现“（）”“《》”““””等空的成对标点，多是模板的空位没有填写，或删改时留下的残余。
        标题开头只剩“（）”的残缺序号由 FZ102 检查，这里不管。
    为何：
        空括号、空书名号是未完成稿的明显痕迹，上报前必须补全或删去。
    反例：
        全年开展法治培训（）次，参训人员（ ）人次。
        ---
        认真学习《》等法律法规。
    正例：
        全年开展法治培训12次，参训人员360人次。
        ---
        一、主要举措和成效
        （）创新普法形式，增强法治教育实效。
    依据：
        GB/T 15834—2011《标点符号用法》4.9（括号）、4.15（书名号）：成对标点用于标示其中的内容。
    """

    code = "FZ202"
    name = "empty-pair"
    summary = "括号、书名号、引号中间没有内容（模板未填写或删改残余）"

    def check(self, doc, ctx):
        for _, offset, text in prose(doc):
            for m in _EMPTY.finditer(text):
                yield self.report(offset + m.start(), offset + m.end(),
                                  f"空的“{m.group()[0]}{m.group()[-1]}”：中间缺少内容（模板空位未填写？），请补全或删去")
