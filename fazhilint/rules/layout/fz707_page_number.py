"""FZ707: 页码."""

from __future__ import annotations

from fazhilint.rules.layout import LayoutRule, clause, formats, items, page_number_problems

_SIDES = {"left": "居左", "right": "居右", "center": "居中", "both": "居左", "distribute": "分散"}


class PageNumber(LayoutRule):
    """页码缺失或格式不对：应为 4 号半角宋体阿拉伯数字，左右各一条一字线（— 1 —），单页居右、双页居左。

    说明：
        从页脚读页码：页脚中的 PAGE 域就是页码。检查页码是否存在、写法是否为“— 1 —”（一字线“—”，
        不是短横线“-”或破折号）、数字的字体字号（4 号宋体）、是否阿拉伯数字，以及单页居右、双页居左
        （须在“页面设置—版式”中勾选“奇偶页不同”，并分别设置单页、双页的页脚）。每份文档报告一次，在标题处。
    为何：
        页码是公文格式要素之一；Word 默认插入的页码（居中、无一字线、五号）不合要求。
    反例：
        〔页脚 {PAGE} 宋体 四号〕
        关于2024年度法治政府建设情况的报告
    正例：
        关于2024年度法治政府建设情况的报告
    依据：
        GB/T 9704—2012《党政机关公文格式》7.5（一般用4号半角宋体阿拉伯数字，编排在公文版心下边缘之下，
        数字左右各放一条一字线；一字线上距版心下边缘7 mm。单页码居右空一字，双页码居左空一字）。
    """

    code = "FZ707"
    name = "page-number"
    summary = "页码应为 4 号宋体“— 1 —”，单页居右、双页居左"

    def check_layout(self, doc, prof):
        entry = prof.one("page-number")
        paragraphs = items(doc)
        if entry is None or not paragraphs:
            return
        fmt = formats(doc)
        sections = fmt.sections()
        if not sections:
            return
        section = sections[-1]
        odd, even = section.footers.get("default"), section.footers.get("even")
        problems = []
        if odd is None or odd.number is None:
            problems.append("没有页码（页脚中没有页码域）")
        else:
            found = page_number_problems(prof, entry, _number_line(odd),
                                         odd.number.ascii or odd.number.east_asia, odd.number.size)
            same = fmt.even_and_odd and even is not None and even.text == odd.text
            found = [f"{'' if same else '单页'}{p}" if p.startswith("写作") else p for p in found]
            problems.extend(found)
            if odd.number_format.lower() not in ("arabic",):
                problems.append(f"页码数字格式为 {odd.number_format}，应为阿拉伯数字")
            if odd.align != entry.get("odd", odd.align):
                problems.append(f"单页页码{_SIDES.get(odd.align, odd.align)}，应{_SIDES[entry['odd']]}")
            if not fmt.even_and_odd:
                if entry.get("even") and entry.get("even") != entry.get("odd"):
                    problems.append(f"未设“奇偶页不同”，双页页码也{_SIDES.get(odd.align, odd.align)}，应{_SIDES[entry['even']]}")
            elif even is None or even.number is None:
                problems.append("双页没有页码")
            else:
                found = page_number_problems(prof, entry, _number_line(even),
                                             even.number.ascii or even.number.east_asia, even.number.size)
                if even.text != odd.text:
                    problems.extend(f"双页{p}" for p in found if p.startswith("写作"))
                if even.align != entry.get("even", even.align):
                    problems.append(f"双页页码{_SIDES.get(even.align, even.align)}，应{_SIDES[entry['even']]}")
        if problems:
            first = paragraphs[0]
            yield self.at(first, 0, len(first.text.rstrip()), f"页码：{'；'.join(problems)}（{clause(entry)}）")


def _number_line(footer) -> str:
    """The footer line that holds the page number."""
    return next((line for line in footer.text.splitlines() if "{PAGE}" in line), "")
