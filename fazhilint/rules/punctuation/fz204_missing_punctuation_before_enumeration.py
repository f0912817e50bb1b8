"""FZ204: “二是”“三是”前缺少标点."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.numerals import to_chinese
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import CLOSING, is_cjk

# What may end an item before the next 二是: a full stop or a semicolon (half width in converted copies).
_ENDINGS = {"。": "。", "；": "；", ";": "；"}


def _joined(text: str, at: int) -> bool:
    """The character before ``at`` is text (a Chinese character, closing quote or digit), not a mark."""
    before = text[at - 1] if at > 0 else ""
    return is_cjk(before) or before in CLOSING or before.isalnum()


class MissingPunctuationBeforeEnumeration(Rule):
    """“二是”“三是”等前面缺少标点，与上一项连成一句。

    说明：
        段内列举“一是……二是……三是……”，每一项结束时应有句号或分号，下一项才开始。
        “走进群众心里二是提升……”缺了标点；标题直接连着“一是”（“统筹协调顾全局一是增强……”）
        也缺了标题末尾的句号。修复（需核对）插入的标点在一组列举内统一：有一项内已有句号时都用“。”，
        否则随这组列举其他项之间已用的标点，再否则随全文多数用“。”或“；”。
        只检查前面确有上一项（“一是”之后的“二是”）的列举。
    为何：
        缺了标点，两项挤成一句，读者分不清上一项在哪里结束、“二是”是否为列举。
    反例：
        一是强化宣传阵地建设，让法律走进群众心里二是提升宣传队伍水平。
        ---
        （一）强化组织领导，统筹协调顾全局一是增强法治思想。二是健全体制机构。
    正例：
        一是强化宣传阵地建设，让法律走进群众心里。二是提升宣传队伍水平。
        ---
        （一）强化组织领导。一是增强法治思想；二是健全体制机构。这是唯一是非分明的办法。
    依据：
        GB/T 15834—2011《标点符号用法》附录B.3.7：叙述性序次语后不用标点，示例“一是传递信息；二是确定关系；三是组织生活”各项之间用分号隔开。
    """

    code = "FZ204"
    name = "missing-punctuation-before-enumeration"
    summary = "“二是”“三是”前缺少标点（或标题直接连着“一是”）"
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        text = doc.text
        usual = Counter(_ENDINGS[text[e.start - 1]] for p in doc.paragraphs for e in p.enums
                        if e.numeral > 1 and e.start and text[e.start - 1] in _ENDINGS)
        between = "；" if usual["；"] > usual["。"] else "。"
        for section in (doc.root, *doc.sections()):
            own = ([section.heading] if section.heading else []) + section.paragraphs
            run: list = []  # the items of the open enumeration (一是, 二是, …)
            for p in own:
                for e in p.enums:
                    if e.numeral == 1:
                        yield from self._run(text, run, between, usual)
                        run = [e]
                        if p.is_heading and e.start > p.own_start and _joined(text, e.start):
                            yield self._report(e, "。", "标题与“一是”连在一起，标题末尾缺少“。”")
                    elif run and run[-1].numeral == e.numeral - 1:
                        run.append(e)
                    else:
                        yield from self._run(text, run, between, usual)
                        run = []
            yield from self._run(text, run, between, usual)

    def _run(self, text, run, between, usual):
        """The missing marks of one enumeration, all the same: a full stop if any of its items holds
        one, else the mark its other items already end with, else the document's usual one."""
        joined = [e for e in run[1:] if _joined(text, e.start)]
        if not joined:
            return
        items = [text[a.end : b.start] for a, b in pairwise(run)]
        written = Counter(_ENDINGS[text[e.start - 1]] for e in run[1:] if text[e.start - 1] in _ENDINGS)
        if any("。" in item[:-1] for item in items):
            mark, why = "。", "（这组列举中有的项内已有句号，各项之间用“。”）"
        elif written:
            mark = "；" if written["；"] > written["。"] else "。"
            why = f"（这组列举的其他项之间用“{mark}”）"
        else:
            mark, why = between, (f"（本文其他列举项之间多用“{between}”）" if usual else "")
        for e in joined:
            yield self._report(e, mark, f"“{to_chinese(e.numeral - 1)}是”一项到此结束{why}")

    def _report(self, e, mark, why):
        return self.report(e.start, e.end, f"“{e.raw}”前缺少标点：{why}，应在“{e.raw}”前加“{mark}”",
                           Fix.unsafe(Edit(e.start, e.start, mark)))
