"""FZ106: 一是、二是……顺序不连续."""

from __future__ import annotations

from fazhilint.numerals import to_chinese
from fazhilint.rule import Rule


class EnumerationSequence(Rule):
    """段内“一是、二是、三是……”跳号或重复。

    说明：
        从“一是”开始的列举应依次为“二是”“三是”……。列举可以跨段落延续，遇到新的标题重新计数；
        没有“一是”开头的“二是”不检查。“统一是”“唯一是”“之一是”等词语不算列举。
    为何：
        “一是……三是”让人以为漏掉了一项，重复的“二是”使条目无法引用。
    反例：
        （一）强化组织领导。一是增强法治思想。三是健全体制机制。
    正例：
        （一）强化组织领导。一是增强法治思想。二是健全体制机制。这是唯一是非分明的办法。
    依据：
        GB/T 15835—2011《出版物上数字用法》（“一是”等固定用法用汉字数字）；公文写作惯例。
    """

    code = "FZ106"
    name = "enumeration-sequence"
    summary = "段内“一是、二是……”跳号或重复"

    def check(self, doc, ctx):
        for section in (doc.root, *doc.sections()):
            expected = None  # the next numeral of the open enumeration, if any
            own = ([section.heading] if section.heading else []) + section.paragraphs
            for paragraph in own:
                for item in paragraph.enums:
                    if item.numeral == 1:
                        expected = 2
                        continue
                    if expected is None or item.numeral == expected:
                        expected = None if expected is None else expected + 1
                        continue
                    wanted = f"{to_chinese(expected)}是"
                    if item.numeral < expected:
                        message = f"列举序号重复或倒退：前面已有“{to_chinese(expected - 1)}是”，此处“{item.raw}”应为“{wanted}”"
                    else:
                        message = f"列举序号跳号：此处应为“{wanted}”，写成了“{item.raw}”"
                    yield self.report(item.start, item.end, message)
                    expected = item.numeral + 1
