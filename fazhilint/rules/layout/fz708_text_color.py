"""FZ708: 文字颜色."""

from __future__ import annotations

from fazhilint.rules.layout import LayoutRule, clause, formats, items, runs


class TextColor(LayoutRule):
    """正文中有非黑色的文字（红字、蓝字、灰字）。

    说明：
        如无特殊说明，公文中文字的颜色均为黑色（“自动”也算黑色）。起草、修改时标红标蓝的文字、
        从网页粘贴带来的彩色文字，定稿前应改回黑色。标题之前的版头（发文机关标志等）不查。
    为何：
        彩色文字多是修改痕迹或提示，留在定稿里既不合格式，也可能泄露“此处待定”的内部信息。
    反例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。〔红色〕
    正例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。
    依据：
        GB/T 9704—2012《党政机关公文格式》5.2.4（如无特殊说明，公文中文字的颜色均为黑色）。
    """

    code = "FZ708"
    name = "text-color"
    summary = "公文文字应为黑色"

    def check_layout(self, doc, prof):
        entry = prof.one("color")
        if entry is None:
            return
        fmt = formats(doc)
        allowed = {c.upper() for c in entry["colors"]}
        started = not doc.titles
        for item in items(doc):
            started = started or item.role == "title"
            if not started:
                continue
            bad = [(s, e, c) for s, e, r in runs(item) for c in [fmt.run(r, item.line.p).color]
                   if c is not None and c.upper() not in allowed]
            if bad:
                colors = "、".join(dict.fromkeys(_name(c) for _, _, c in bad))
                s, e = bad[0][0], bad[-1][1]
                yield self.at(item, s, e, f"{item.name()}“{item.quote(s)}”中的文字为{colors}，应为黑色（{clause(entry)}）")


def _name(color: str) -> str:
    names = {"FF0000": "红色", "C00000": "深红色", "0070C0": "蓝色", "0000FF": "蓝色", "00B050": "绿色",
             "FFFF00": "黄色", "7F7F7F": "灰色", "808080": "灰色", "FFC000": "橙色", "7030A0": "紫色"}
    return names.get(color.upper(), f"彩色（#{color}）")
