"""FZ705: 各级标题的字体."""

from __future__ import annotations

from fazhilint.rules.layout import Found, LayoutRule, clause, font_finding, items


class HeadingFont(LayoutRule):
    """各级标题的字体不对：一级黑体、二级楷体、三级和四级仿宋，均为 3 号。

    说明：
        结构层次序数“一、”“（一）”“1.”“（1）”所在的标题，第一层用黑体字、第二层用楷体字、
        第三层和第四层用仿宋体字，字号同正文（3 号）。标题与正文写在同一段时（“（一）加强组织领导。各村……”），
        只有第一个句号及其之前是标题，之后的正文应为仿宋（由 FZ703 检查）。是否加粗标准未作规定，不查；
        县（区）要求三级标题加粗等，可在版式规则包中写明。只看汉字所用的中文字体。
    为何：
        层次靠字体区分：一级标题用了仿宋，读者就看不出结构；整段套用标题字体，正文也成了楷体。
    反例：
        关于2024年度法治政府建设情况的报告
        一、存在的问题〔仿宋〕
    正例：
        关于2024年度法治政府建设情况的报告
        一、存在的问题
        ---
        关于2024年度法治政府建设情况的报告
        一、主要工作
        （一）加强组织领导。〔楷体_GB2312 三号 加粗〕各村（社区）落实第一责任人职责。〔仿宋_GB2312 三号〕
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.3（文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注；
        一般第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字标注）。
    """

    code = "FZ705"
    name = "heading-font"
    summary = "一级标题用黑体、二级楷体、三四级仿宋（3 号）；同段正文不随标题字体"

    def check_layout(self, doc, prof):
        found = []
        for item in items(doc):
            if item.role != "heading":
                continue
            entry = prof.element("heading", item.level)
            if entry is None:
                continue
            bad = font_finding(doc, prof, item, entry, 0, item.split())
            if bad:
                s, e, words = bad
                found.append(Found(item, s, e, item.name(), item.quote(0, item.split()), words, clause(entry)))
        yield from self.collapse(doc, found)
