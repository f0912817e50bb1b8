"""FZ103: 序号标记残缺或格式错误."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.document import label
from fazhilint.rule import Rule
from fazhilint.rules.numbering import written_label
from fazhilint.rules.numbering.fz102_numbering_missing_numeral import EMPTY_MARKER

# What is wrong with a malformed marker, by its shape.
_WHY = (
    (re.compile(r"^[）)]$"), "缺少左括号和数字"),
    (re.compile(r"^[一二三四五六七八九十百]+[）)]$"), "缺少左括号"),
    (re.compile(r"^[（(][一二三四五六七八九十百]+$"), "缺少右括号"),
    (re.compile(r"^[（(].+[）)].$"), "括号序号后不应再加标点"),
    (re.compile(r"^[一二三四五六七八九十百]+.$"), "一级标题序号应使用顿号“、”"),
    (re.compile(r"^[0-9]+[、，,]$"), "三级标题序号应使用下脚点“.”，不用顿号或逗号"),
    (re.compile(r"^[0-9]+[）)]$"), "三级标题序号应为“1.”，四级为“（1）”"),
)


class NumberingMalformedMarker(Rule):
    """序号标记残缺或格式错误。

    说明：
        标题序号的括号或标点写错：缺左括号（“）全面推行…”“一）”）、缺右括号（“（一”），
        括号序号后多加标点（“（一）、”），一级序号用点号（“一.”），三级序号用顿号（“1、”）。
        给出此处应有的完整序号。
    为何：
        公文的层次序数有固定写法，写错的标记会被当作排版错误退回，也使层级难以辨认。
    反例：
        一、主要举措和成效
        （一）加强组织领导。
        （二）规范行政行为。
        ）全面推行政务公开。
        ---
        一、主要举措和成效
        （一）、加强组织领导。
        ---
        一.主要举措和成效
    正例：
        一、主要举措和成效
        （一）加强组织领导。
        （二）规范行政行为。
        （三）全面推行政务公开。
        1.推进政务公开。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.3；GB/T 15834—2011《标点符号用法》关于序次语后标点的规定。
    """

    code = "FZ103"
    name = "numbering-malformed-marker"
    summary = "序号标记残缺或格式错误（缺括号、多标点、用错点号）"
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        for section in doc.sections():
            m = section.marker
            raw = m.raw.strip()
            if m.kind != "broken" or EMPTY_MARKER.match(raw):
                continue
            why = next((reason for pattern, reason in _WHY if pattern.match(raw)), "序号格式不规范")
            yield self.report(
                m.start, m.end,
                f"序号格式错误（{why}）：“{raw}”应为“{label(m.level, m.expected)}”",
                Fix.unsafe(Edit(m.start, m.start + len(m.raw.rstrip()), written_label(doc, m, m.expected))),
            )
