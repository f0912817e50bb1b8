"""FZ305: 网页残留（导航、索引表、发布信息）."""

from __future__ import annotations

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.packs import regex
from fazhilint.rules.wording import PackRule

MAX_LENGTH = 120  # a paragraph longer than this is prose, never page furniture


class PageFurniture(PackRule):
    """不属于报告正文的网页内容：导航、索引表、发布信息、“扫一扫”等。

    说明：
        整段（整行）与规则包表 page-furniture 中某个模式完全吻合时报告：门户网站的面包屑导航
        （“当前页面: 首页 > ……”）、“扫一扫在手机打开当前页”、“相关稿件”、信息公开索引表
        （“[ 索引号 ] ……”）、打印/关闭链接、“发布时间：……”等发布信息行。只检查整段，
        不会因为正文里出现“来源”“发布”等词而报告；超过 120 个字的段落不检查。
    为何：
        从网站复制报告时会带上这些页面文字，它们不是报告的内容，上报或存档前应删除。
    反例：
        当前页面: 首页  > 政务公开 > 乡镇信息公开目录 > 松江镇 > 通知公告
        松江镇2023年法治政府建设工作报告
        ---
        扫一扫在手机打开当前页
        ---
        [ 索引号 ] 11500230008689762A/2026-00004 [ 发文字号 ]
    正例：
        松江镇2023年法治政府建设工作报告
        2023年，我镇深入推进政务公开，发布时间、来源等信息完整规范。
    依据：
        GB/T 9704—2012《党政机关公文格式》（公文的组成要素不含网页导航与发布信息）；DOMAIN.md §4.1。
    """

    code = "FZ305"
    name = "page-furniture"
    summary = "网页残留：导航、索引表、发布信息、“扫一扫”“相关稿件”等不属于报告的文字"
    fix = Applicability.UNSAFE
    pack_required = ("pattern", "note")

    def matches(self, doc, entry):
        pattern = regex(entry["pattern"])
        for start, line in self._lines(doc):
            m = pattern.fullmatch(line)
            if m:
                yield start, start + len(line), m, doc.text

    def _lines(self, doc) -> list[tuple[int, str]]:
        """(offset, text) of each short paragraph, stripped; computed once per document."""
        if getattr(self, "_doc", None) is not doc:
            self._doc, self._short = doc, []
            for p in doc.paragraphs:
                text = doc.text[p.start : p.end]
                stripped = text.strip()
                if stripped and len(stripped) <= MAX_LENGTH:
                    self._short.append((p.start + text.index(stripped), stripped))
        return self._short

    def finding(self, doc, entry, match, start, end):
        shown = match.group()
        shown = shown if len(shown) <= 24 else shown[:24] + "……"
        return self.make(entry, start, end, f"网页残留，不属于报告正文：“{shown}”（{entry['note']}），请删除",
                         Fix.unsafe(Edit(start, end, "")))
