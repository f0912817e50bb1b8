"""FZ205: 正文段落末尾缺少句末标点."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import CLOSING, SPACES, is_cjk, is_sentence, prose

MIN_LENGTH = 20  # shorter lines are labels, captions, signatures, not sentences
_CLAUSE = re.compile(r"[，,；;]")


class MissingTerminalPunctuation(Rule):
    """正文段落末尾缺少句号等句末标点。

    说明：
        一个由完整句子组成的正文段落（有逗号或分号分隔的分句，二十字以上），结尾（引号、括号之后）
        没有“。！？……”，也没有“；：”。段首标题（“（二）推进改革。”）之后的正文同样检查；
        独立成行的标题、报告标题、落款、日期、网页残留行和不成句的短行都不检查；
        以逗号、顿号结尾的行多是断行，也不检查。修复（需核对）在段末补“。”（“报告如下”后补“：”）。
    为何：
        段末没有句号，读者无法确定这一段是写完了还是被截断了，常见于删改或从别处粘贴之后。
    反例：
        2023年，我镇坚持以习近平法治思想为指导，持续深入推进法治政府建设
        ---
        全年组织开展普法活动12场，活动主题为“法治进乡村”
        ---
        一、主要举措和成效
        （二）推进改革。认真学习行政许可法，落实实施纲要要求，全年开展培训3次
    正例：
        2023年，我镇坚持以习近平法治思想为指导，持续深入推进法治政府建设。
        ---
        一、主要举措和成效
        （一）强化组织领导，统筹协调顾全局
        ---
        中共××镇委员会　××镇人民政府
        2024年1月15日
        ---
        现将2023年法治政府建设情况报告如下：
    依据：
        GB/T 15834—2011《标点符号用法》4.1（句号用于句子末尾）。
    """

    code = "FZ205"
    name = "missing-terminal-punctuation"
    summary = "正文段落末尾缺少句号等句末标点"
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        for p, offset, text in prose(doc):
            if p.is_heading:  # a run-in heading（一）加强领导。is followed by body text that must end well
                offset, text = offset + text.find("。") + 1, text[text.find("。") + 1 :] if "。" in text else ""
            body = text.rstrip(SPACES)
            last = body.rstrip(CLOSING)[-1:]
            if not p.is_prose or len(body) < MIN_LENGTH or not (is_cjk(last) or last.isalnum() or last == "%"):
                continue  # ends with a mark: a full stop, a semicolon, a colon, or a line broken at a comma
            if not _CLAUSE.search(body) or sum(map(is_cjk, body)) < len(body) / 2 or not is_sentence(p, body):
                continue
            end = offset + len(body)
            mark, wanted = ("：", "“：”") if body.endswith("如下") else ("。", "“。”（或“！”“？”）")
            yield self.report(end - 1, end, f"段落末尾“{body[-8:]}”缺少标点：应以{wanted}结束",
                              Fix.unsafe(Edit(end, end, mark)))
