"""FZ704: 公文标题的字体字号与居中."""

from __future__ import annotations

from fazhilint.rules.layout import LayoutRule, clause, font_finding, formats, items


class TitleLayout(LayoutRule):
    """公文标题不是 2 号小标宋，或没有居中。

    说明：
        标题一般用 2 号（22 磅）小标宋体字，分一行或多行居中排布。小标宋的字体名有
        “方正小标宋简体”“方正小标宋_GBK”等，见版式规则包的 font-xiaobiaosong 条目。
        标题末尾的标点由 FZ506 检查。
    为何：
        标题用正文字体、加粗宋体或不居中，是上级机关退回稿件最直观的格式问题。
    反例：
        关于2024年度法治政府建设情况的报告〔黑体 二号〕
        ---
        关于2024年度法治政府建设情况的报告〔居左〕
    正例：
        关于2024年度法治政府建设情况的报告
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.1（标题一般用2号小标宋体字，编排于红色分隔线下空二行位置，
        分一行或多行居中排布；回行时，要做到词意完整，排列对称，长短适宜，间距恰当）。
    """

    code = "FZ704"
    name = "title-layout"
    summary = "公文标题应为 2 号小标宋，居中"

    def check_layout(self, doc, prof):
        entry = prof.element("title")
        if entry is None:
            return
        for item in items(doc):
            if item.role != "title":
                continue
            problems = []
            found = font_finding(doc, prof, item, entry)
            if found:
                problems.append(found[2])
            align = formats(doc).paragraph(item.line.p).align
            if entry.get("align") == "center" and align != "center":
                problems.append(f"{_ALIGN.get(align, align)}，应居中")
            if problems:
                end = len(item.text.rstrip())
                yield self.at(item, 0, end, f"标题“{item.quote()}”{'；'.join(problems)}（{clause(entry)}）")


_ALIGN = {"left": "居左", "right": "居右", "both": "两端对齐", "distribute": "分散对齐"}
