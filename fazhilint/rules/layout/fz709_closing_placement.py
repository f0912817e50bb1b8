"""FZ709: 发文机关署名和成文日期的位置."""

from __future__ import annotations

from fazhilint.diagnostics import Severity
from fazhilint.rules.layout import LayoutRule, closing, formats, right_gap, signature_gap

TOLERANCE = 0.75  # characters: typed spaces, half-width digits and the grid make positions inexact
SEALED = "GB/T 9704—2012 7.3.5.1"
UNSEALED = "7.3.5.2"


class ClosingPlacement(LayoutRule):
    """成文日期不是右空四字，或发文机关署名没有以成文日期为准居中（提醒）。

    说明：
        加盖印章的公文，成文日期一般右空四字编排，发文机关署名编排在成文日期之上、以成文日期为准居中；
        在 Word 中设成文日期“右对齐、右侧缩进 4 字符”，署名同样右对齐、右侧缩进使它与日期居中对齐
        （fazhilint format 照此排版）。不加盖印章的公文另有排法：署名右空二字，成文日期在下一行、
        首字比署名首字右移二字；按这种排法排的也不报。位置按对齐方式、缩进和键入的空格估算
        （汉字一字、半角数字半字），相差不到一字的不报；右对齐又在行尾键入空格的，量不准，不报。
        右空字数在版式规则包 closing 条目的 date-right 中，县（区）习惯不同可以改。
    为何：
        日期右空四字是为了印章不出版心；日期顶格居右、署名与日期错位，是审核退回最常见的落款问题。
    反例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。
        ××镇人民政府
        2025年1月5日〔右空0字〕
        ---
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。
        ××镇人民政府〔居中〕
        2025年1月5日
    正例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。
        ××镇人民政府
        2025年1月5日
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.5.1（加盖印章的公文：成文日期一般右空四字编排……
        单一机关行文时，一般在成文日期之上、以成文日期为准居中编排发文机关署名）、7.3.5.2（不加盖
        印章的公文：在正文（或附件说明）下空一行右空二字编排发文机关署名，在发文机关署名下一行编排
        成文日期，首字比发文机关署名首字右移二字）。条文据公开转载本核对（标准原文未能查阅），
        故只作提醒。
    """

    code = "FZ709"
    name = "closing-placement"
    summary = "成文日期应右空四字，发文机关署名以成文日期为准居中（提醒）"
    severity = Severity.WARNING

    def check_layout(self, doc, prof):
        entry = prof.element("closing")
        want = entry.get("date-right") if entry is not None else None
        found = closing(doc) if want is not None else None
        if found is None:
            return
        date = right_gap(doc, found.date)
        if date is None:
            return
        signs = [(item, right_gap(doc, item)) for item in found.signatures]
        if any(g is None for _, g in signs) or _unsealed(date, [g for _, g in signs]):
            return
        date_gap, date_width = date
        day = found.date.text.strip()
        if abs(date_gap - want) > TOLERANCE:  # the signature is judged against where the date should be
            off = [(item, signature_gap(want, date_width, g[1])) for item, g in signs
                   if abs(g[0] - signature_gap(want, date_width, g[1])) > TOLERANCE]
            also = "".join(f"；署名“{item.text.strip()}”也应以日期为准居中（右空约{_chars(wanted)}字）"
                           for item, wanted in off)
            yield self._at(found.date, f"成文日期“{day}”{_where(doc, found.date, date_gap)}，应右空{_chars(want)}字"
                                       f"{also}（{SEALED}；不加盖印章的公文按 {UNSEALED}：署名右空二字，"
                                       f"日期首字比署名首字右移二字）")
            return
        for item, (gap, width) in signs:
            wanted = signature_gap(date_gap, date_width, width)
            if abs(gap - wanted) > TOLERANCE:
                yield self._at(item, f"发文机关署名“{item.text.strip()}”{_where(doc, item, gap)}，未以成文日期“{day}”"
                                     f"为准居中（应右空约{_chars(wanted)}字）（{SEALED}）")

    def _at(self, item, message):
        """A finding over the paragraph's words (not the spaces typed around them)."""
        s = len(item.text) - len(item.text.lstrip(" \u3000\u00a0\t"))
        return self.at(item, s, len(item.text.rstrip()), message)


def _unsealed(date: tuple[float, float], signs: list[tuple[float, float]]) -> bool:
    """Whether one signature and the date are placed as 7.3.5.2 places them for a document without a seal:
    the nearer of the two two characters from the right, the date's first character two right of the
    signature's."""
    if len(signs) != 1:
        return False
    (sign_gap, sign_width), (date_gap, date_width) = signs[0], date
    shift = (sign_gap + sign_width) - (date_gap + date_width)  # how far right of the signature the date starts
    return abs(min(sign_gap, date_gap) - 2) <= TOLERANCE and abs(shift - 2) <= TOLERANCE


def _where(doc, item, gap: float) -> str:
    align = formats(doc).paragraph(item.line.p).align
    if align == "center":
        return "居中排布"
    if align in ("left", "both") and not item.text[:1].isspace():
        return "居左"
    return "右侧顶格" if abs(gap) < 0.25 else f"右空{_chars(gap)}字"


def _chars(value: float) -> str:
    return f"{round(value * 2) / 2:g}"
