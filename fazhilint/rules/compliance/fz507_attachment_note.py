"""FZ507: 附件说明的写法."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule

_FIRST = re.compile(r"^附\s*件\s*(\d*)\s*[:：]\s*")
_MARKER = re.compile(r"^(?:(\d{1,2})\s*([.．、])|[（(]\d{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]{1,2}[、.．])\s*")
_AFTER = re.compile(r"[。；;，,、：:]+$")  # punctuation after a name (closing brackets and quotes are part of it)
CLAUSE = "GB/T 9704—2012 7.3.4"


class AttachmentNote(Rule):
    """附件说明写法不对：名称后加了标点，多个附件没有用“1.”“2.”编号，或每行都写“附件N：”。

    说明：
        附件说明写在正文之下、落款之上：“附件”二字后标全角冒号和附件名称；有多个附件的，用阿拉伯数字
        标注顺序号，写作“附件：1.××××”，第二个起另起一行写“2.××××”，与第一个对齐；附件名称后不加
        标点符号。名称后的标点、“1、”中的顿号可以自动改正。只有一个附件的，编不编号都不报；
        半角冒号由 FZ203 检查，回行的对齐由 FZ706 检查（Word 文档）。
    为何：
        附件说明是附件的目录，名称后加“；”“。”、编号写成“一、”“（1）”，是审核退回的常见格式问题。
    反例：
        今年以来，我镇深入推进法治政府建设。
        附件：1.2024年度法治建设工作台账；
        2.2024年度行政执法情况统计表。
        ××镇人民政府
        2025年1月5日
        ---
        今年以来，我镇深入推进法治政府建设。
        附件：一、2024年度法治建设工作台账
        二、2024年度行政执法情况统计表
        ××镇人民政府
        2025年1月5日
    正例：
        今年以来，我镇深入推进法治政府建设。
        附件：1.2024年度法治建设工作台账
        2.2024年度行政执法情况统计表
        ××镇人民政府
        2025年1月5日
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.4（如有附件，在正文下空一行左空二字编排“附件”二字，
        后标全角冒号和附件名称。如有多个附件，使用阿拉伯数字标注附件顺序号（如“附件：1.××××”）；
        附件名称后不加标点符号。附件名称较长需回行时，应当与上一行附件名称的首字对齐）。
        条文据公开转载本核对。
    """

    code = "FZ507"
    name = "attachment-note"
    summary = "附件说明应写作“附件：1.××××”，多个附件用阿拉伯数字编号，名称后不加标点"
    fix = Applicability.SAFE  # the punctuation after a name, the 顿号 of “1、”

    def check(self, doc, ctx):
        lines = [p for p in doc.paragraphs if p.role == "attachment-note" and p.text.strip()]
        if not lines:
            return
        entries = []  # (paragraph, offset of the marker or name, "附件N：" number or "")
        for p in lines:
            text = p.text
            lead = len(text) - len(text.lstrip())
            first = _FIRST.match(text[lead:])
            if first:
                entries.append((p, p.start + lead + first.end(), first.group(1)))
            elif entries:
                entries.append((p, p.start + lead, None))
        if not entries:
            return
        source = doc.source.text
        several = len(entries) > 1
        repeated = [e for e in entries if e[2]]
        if len(repeated) > 1:
            p, _, _ = repeated[1]
            yield self.report(p.start + len(p.text) - len(p.text.lstrip()), p.start + len(p.text.rstrip()),
                              f"附件说明只在第一行写“附件：”，各附件写作“附件：1.××××”“2.××××”，"
                              f"不逐行写“附件{repeated[1][2]}：”（{CLAUSE}）")
        for p, at, _ in entries:
            end = p.start + len(p.text.rstrip())
            name = source[at:end]
            if not name:
                continue  # “附件：” on its own line, the names below it
            marker = _MARKER.match(name)
            if several and marker is None and not repeated:
                yield self.report(at, end, f"有多个附件，附件“{_short(name)}”前应标阿拉伯数字顺序号，"
                                           f"写作“附件：1.××××”（{CLAUSE}）")
            elif several and marker is not None and marker.group(1) is None:
                shown = marker.group().strip()
                yield self.report(at, at + len(marker.group().rstrip()),
                                  f"附件顺序号“{shown}”应使用阿拉伯数字加“.”，写作“附件：1.××××”（{CLAUSE}）")
            elif marker is not None and marker.group(2) == "、":
                dot = at + marker.start(2)
                yield self.report(at, dot + 1, f"附件顺序号“{marker.group(1)}、”应写作“{marker.group(1)}.”（{CLAUSE}）",
                                  Fix.safe(Edit(dot, dot + 1, ".")))
            stop = _AFTER.search(name)
            if stop and len(name) > len(stop.group()):
                s, e = at + stop.start(), at + stop.end()
                yield self.report(s, e, f"附件名称“{_short(name[:stop.start()])}”后不加标点符号，应删去“{stop.group()}”"
                                        f"（{CLAUSE}）", Fix.safe(Edit(s, e, "")))


def _short(text: str, limit: int = 16) -> str:
    text = _MARKER.sub("", text.strip())
    return text if len(text) <= limit else text[:limit] + "…"
