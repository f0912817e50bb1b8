"""FZ104: 标题层级顺序颠倒或同级写法混用."""

from __future__ import annotations

from collections import Counter

from fazhilint.document import LEVEL_NAMES, label
from fazhilint.rule import Rule


class NumberingLevelOrder(Rule):
    """标题层级顺序颠倒，或同一层级的序号写法混用。

    说明：
        层次应依次为 一、→（一）→ 1. →（1）。若较低层级的标题出现在同一上级下较高层级的标题之前
        （如“（一）”出现在任何“一、”之前，“1.”条目下面出现“（一）”条目），即为层级颠倒。
        同一层级的括号序号全角、半角混用（“（一）”与“(二)”）也会指出。跳过某一层级不算错误。
    为何：
        层级颠倒使结构无法理解；同级写法不一看起来像是从不同文稿拼接而成。
    反例：
        （一）加强组织领导。
        一、主要举措和成效
        ---
        一、主要举措和成效
        1.加强组织领导。
        （一）完善制度建设。
        ---
        一、主要举措和成效
        （一）加强组织领导。
        (二)完善制度建设。
    正例：
        一、主要举措和成效
        （一）加强组织领导。
        1.完善制度建设。
        （二）规范行政行为。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.3：层次序数依次用“一、”“（一）”“1.”“（1）”。
    """

    code = "FZ104"
    name = "numbering-level-order"
    summary = "标题层级顺序颠倒，或同级序号写法混用"

    def check(self, doc, ctx):
        yield from self._inverted(doc.root)
        for section in doc.sections():
            yield from self._inverted(section)
        yield from self._mixed_widths(doc)

    def _inverted(self, parent):
        """A child followed, under the same parent, by a sibling of a higher level."""
        children = parent.children
        shallowest_after = [0] * len(children)
        low = 99
        for i in range(len(children) - 1, -1, -1):
            shallowest_after[i] = low
            low = min(low, children[i].level)
        for child, later in zip(children, shallowest_after):
            if later < child.level:
                m = child.marker
                shown = m.raw.strip() or child.title[:12]
                yield self.report(
                    m.start, m.end or child.heading.end,
                    f"层级顺序颠倒：{LEVEL_NAMES[child.level]}“{shown}”出现在同级结构中"
                    f"更高一级的“{label(later, 1)[:-1] if later == 1 else label(later, 1)}”类标题之前；"
                    f"应先有{LEVEL_NAMES[later]}，再在其下用“{label(child.level, 1)}”",
                )

    def _mixed_widths(self, doc):
        for level in (2, 4):
            markers = [s.marker for s in doc.sections() if s.marker.level == level and s.marker.ok]
            widths = Counter("half" if m.raw[0] == "(" else "full" for m in markers)
            if len(widths) < 2:
                continue
            majority = widths.most_common(1)[0][0]
            for m in markers:
                if ("half" if m.raw[0] == "(" else "full") != majority:
                    want = "全角“（）”" if majority == "full" else "半角“()”"
                    yield self.report(m.start, m.end, f"同级序号括号写法不一致：本文其他{LEVEL_NAMES[level]}使用{want}，“{m.raw}”应与之统一")
