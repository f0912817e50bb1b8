"""FZ701: 纸张与页边距."""

from __future__ import annotations

from fazhilint.rules.layout import LayoutRule, clause, formats, items, page_problems


class PageSetup(LayoutRule):
    """纸张不是 A4，或页边距不合公文版面（天头 37 毫米、订口 28 毫米、版心 156×225 毫米）。

    说明：
        公文用 A4 纸（210×297 毫米）；上白边（天头）37±1 毫米，左白边（订口）28±1 毫米，
        版心 156×225 毫米，故下白边约 35 毫米、右白边约 26 毫米。Word 默认的页边距
        （上下 2.54 厘米、左右 3.17 厘米）不合要求。每节检查一次，报告在该节第一段。
        只检查 Word 文档；允许误差和尺寸见版式规则包（rules/layout.toml，条目 page）。
    为何：
        页边距决定版心大小，也就决定每页行数、每行字数；上级机关退回“格式不对”的稿件，页边距是最常见的原因之一。
    反例：
        〔页边距 上25.4 下25.4 左31.8 右31.8〕
        关于2024年度法治政府建设情况的报告
    正例：
        关于2024年度法治政府建设情况的报告
    依据：
        GB/T 9704—2012《党政机关公文格式》5.1（A4型纸，210 mm×297 mm）、5.2.1（天头为37 mm±1 mm，
        订口为28 mm±1 mm，版心尺寸为156 mm×225 mm）。
    """

    code = "FZ701"
    name = "page-setup"
    summary = "纸张应为 A4，页边距上 37、下 35、左 28、右 26 毫米（版心 156×225 毫米）"

    def check_layout(self, doc, prof):
        entry = prof.one("page")
        paragraphs = items(doc)
        if entry is None or not paragraphs:
            return
        sections = formats(doc).sections()
        starts = _section_starts(doc, paragraphs, len(sections))
        for section, item in zip(sections, starts):
            if item is None:
                continue
            problems = page_problems(entry, section.width, section.height, section.top, section.bottom,
                                     section.left, section.right)
            if problems:
                yield self.at(item, 0, len(item.text.rstrip()),
                              f"页面设置：{'；'.join(problems)}（{clause(entry)}）")


def _section_starts(doc, paragraphs, count):
    """The first checked paragraph of each section (a section ends at the paragraph holding its w:sectPr)."""
    from fazhilint.read.docx_numbering import W

    starts, current = [], None
    for item in paragraphs:
        if current is None:
            current = item
        if item.line.p.find(f"{W}pPr/{W}sectPr") is not None:
            starts.append(current)
            current = None
    starts.append(current)  # the body's own sectPr closes the last section
    return (starts + [None] * count)[:count]
