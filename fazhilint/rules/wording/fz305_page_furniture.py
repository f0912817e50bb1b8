"""FZ305: 网页残留（导航、索引表、发布信息），一段连续的残留报告一次."""

from __future__ import annotations

from fazhilint import vocabulary as V
from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.packs import regex
from fazhilint.rules.wording import PackRule, listing

SHOWN = 24  # characters of the block's first line quoted in the message


class PageFurniture(PackRule):
    """不属于报告的网页内容：导航、索引表、发布信息、“扫一扫”等，连在一起的几行报告一次。

    说明：
        从网站复制的报告常带着门户网站的页面文字。段落的角色在检查之前就已确定（见 fazhilint
        parse 的输出）：标题之前、落款之后不是报告正文的文字，以及报告中间与规则包表
        page-furniture 的模式整段吻合、或形似网页元数据的段落（“索引号：……”“[ 发布机构 ] ……”
        “| 索引号 | …… |”“来源：…… 发布时间：……”、单独一行的“2026-02-10 09:18”、
        “【打印本页】【关闭窗口】”“字号：大 中 小”），都是网页残留。连续的几段残留（中间可隔空行）
        合成一处报告，指出第一行和共几行；修复（需核对）删去这几行。正文里出现“来源”“发布”等词
        不会被当作残留。
    为何：
        从网站复制报告时会带上这些页面文字，它们不是报告的内容，上报或存档前应删除。
    反例：
        当前页面: 首页  > 政务公开 > 乡镇信息公开目录 > 松江镇 > 通知公告
        松江镇2023年法治政府建设工作报告
        ---
        松江镇2023年法治政府建设工作报告
        索　引　号：11500230008689762A/2026-00004
        · 发布机构：松江镇人民政府
        2023年，我镇持续深入推进法治政府建设。
        ---
        扫一扫在手机打开当前页
    正例：
        松江镇2023年法治政府建设工作报告
        2023年，我镇深入推进政务公开，发布时间、来源等信息完整规范。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3（公文的组成要素不含网页导航与发布信息）；DOMAIN.md §4.1。
    """

    code = "FZ305"
    name = "page-furniture"
    summary = "网页残留：导航、索引表、发布信息、“扫一扫”“相关稿件”等不属于报告的文字（连续几行报告一次）"
    fix = Applicability.UNSAFE
    pack_required = ("pattern", "note")

    @classmethod
    def describe_data(cls) -> str:
        return listing(cls)

    def check(self, doc, ctx):
        block: list = []
        for p in doc.paragraphs + [None]:
            if p is not None and p.role == "furniture":
                block.append(p)
                continue
            if block:
                yield self._block(doc, ctx, block)
            block = []

    def _block(self, doc, ctx, block):
        first, last = block[0], block[-1]
        text = first.text.strip()
        shown = text if len(text) <= SHOWN else text[:SHOWN] + "……"
        more = f"起连续 {len(block)} 段" if len(block) > 1 else ""
        edits = [Edit(p.start, p.end, "") for p in block]
        entry = next((e for e in ctx.entries if regex(e["pattern"]).fullmatch(text)), None)
        what = entry["note"] if entry else _shape(text)
        d = self.report(first.start, last.end, f"网页残留，不属于报告正文：“{shown}”{more}（{what}），请删除",
                        Fix.unsafe(*edits))
        if entry:
            d.extra["entry"] = entry.id
        return d


def _shape(text: str) -> str:
    """What a furniture line no pack entry names is, in the clerk's words, by its shape."""
    if V.TABLE_ROW.match(text) or V.META_LINE.match(text):
        return "网页的发布信息或信息公开索引表"
    if V.TIMESTAMP.match(text):
        return "网页的发布时间"
    if V.is_page_links(text):
        return "网页的打印、关闭、字号等链接"
    return "标题之前或落款之后的网页文字"
