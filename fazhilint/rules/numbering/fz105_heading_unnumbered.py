"""FZ105: 标题缺少序号."""

from __future__ import annotations

from fazhilint.diagnostics import Applicability, Edit, Fix, Severity
from fazhilint.document import label
from fazhilint.profiles import heading_words
from fazhilint.rule import Rule


class HeadingUnnumbered(Rule):
    """标题缺少序号，而同级其他标题都有序号。

    说明：
        一行独立成段、读起来是章节标题（如“2024年法治政府建设工作安排”“存在的问题”），
        却没有序号，而同级的其他标题带有序号。按位置给出它应有的序号。
    为何：
        同级标题有的编号有的不编号，审阅者会以为漏了一节或层级错了。
    反例：
        一、主要举措和成效
        （一）加强组织领导。
        存在的问题
        （一）法治宣传实效不强。
    正例：
        一、主要举措和成效
        （一）加强组织领导。
        二、存在的问题
        （一）法治宣传实效不强。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.3（结构层次序数）。
    """

    code = "FZ105"
    name = "heading-unnumbered"
    summary = "标题缺少序号（同级其他标题有序号）"
    severity = Severity.WARNING
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        for parent in (doc.root, *doc.sections()):
            siblings = parent.children
            for section in siblings:
                m = section.marker
                if m.kind != "implied" or m.stray:  # a stray: the numbered sections after it count right
                    continue
                if not any(s.marker.kind != "implied" and s.level == m.level for s in siblings):
                    continue
                if _continues(doc, siblings, section):
                    continue
                wanted = label(m.level, m.expected)
                yield self.report(
                    section.heading.start, section.heading.end,
                    f"标题“{section.title}”缺少序号：同级标题都有序号，此处应为“{wanted}”",
                    Fix.unsafe(Edit(m.start, m.start, wanted)),
                )


def _continues(doc, siblings, section) -> bool:
    """An unnumbered heading that names the same required part as the numbered section before it
    (“二、存在的不足和原因” … “法治建设不足的原因”) is a sub-heading of that part, not a new section."""
    if doc.profile is None:
        return False
    before = [s for s in siblings[: siblings.index(section)] if s.level == section.level and s.marker.ok]
    if not before:
        return False
    named = [e.id for e in doc.profile.elements if e.matches(heading_words(section))]
    return bool(named) and any(doc.profile.element(i).matches(heading_words(before[-1])) for i in named)
