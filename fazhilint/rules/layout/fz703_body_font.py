"""FZ703: 正文等要素的字体字号."""

from __future__ import annotations

from fazhilint.rules.layout import Found, LayoutRule, clause, font_finding, items


class BodyFont(LayoutRule):
    """正文（以及主送机关、附件说明、落款）不是 3 号仿宋。

    说明：
        如无特殊说明，公文各要素一般用 3 号（16 磅）仿宋。检查正文段落、主送机关、附件说明、落款，
        以及标题与正文写在同一段时（“（一）加强组织领导。各村……”）句号之后的正文部分；
        只看汉字所用的“中文字体”（Word 字体对话框中的“中文字体”，含样式、主题字体的继承），
        数字和字母用什么西文字体不查。同一问题出现在 3 段以上时合为一条（多半是段落样式的字体不对）。仿宋_GB2312 等同于仿宋，县（区）可在版式规则包中增加别名（如方正仿宋_GBK）。
    为何：
        从网页、其他文档粘贴来的段落常带着宋体、小四或“正文”样式的主题字体（等线、宋体），打印出来与上下文不一。
    反例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。〔宋体 小四〕
        ---
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。〔主题字体〕
    正例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。〔仿宋_GB2312 三号〕
    依据：
        GB/T 9704—2012《党政机关公文格式》5.2.2（如无特殊说明，公文格式各要素一般用3号仿宋体字）、
        7.3.3（正文用3号仿宋体字）。
    """

    code = "FZ703"
    name = "body-font"
    summary = "正文、主送机关、附件说明、落款应为 3 号仿宋"

    def check_layout(self, doc, prof):
        body = prof.element("body")
        found = []
        for item in items(doc):
            if item.role == "heading":
                if not item.heading_end_known:
                    continue  # where the heading words end is unknown (FZ208 reports the missing 。)
                entry, start = body, item.split()  # the body text run into a heading
            elif item.role in ("title",):
                continue
            else:
                entry, start = prof.element(item.role), 0
            if entry is None or entry.get("font") is None:
                continue
            bad = font_finding(doc, prof, item, entry, start)
            if bad:
                s, e, words = bad
                what = "正文" if item.role == "heading" else item.name()
                found.append(Found(item, s, e, what, item.quote(s), words, clause(entry)))
        yield from self.collapse(doc, found)
