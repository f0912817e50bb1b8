"""FZ203: 中文里用了英文（半角）标点."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import SPACES, inside, is_chinese_side, prose, url_spans

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF = re.compile(r"[,;:?!()]")
NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号"}
# Above this many half-width marks, outnumbering the full-width ones, the whole text was converted.
DOCUMENT_MODE_MIN = 10


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character before (step -1) or after (step 1) i that is not a space."""
    i += step
    while 0 <= i < len(text) and text[i] in SPACES:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def halfwidth_marks(text: str) -> list[list[int]]:
    """Groups of positions of half-width marks in Chinese context: one mark, or a ( ) pair."""
    urls = url_spans(text)
    found, opened = [], []
    for m in _HALF.finditer(text):
        i, ch = m.start(), m.group()
        if inside(urls, i):
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            if opened:  # a pair is in Chinese context if either side or its content is
                start = opened.pop()
                outside = _neighbour(text, start, -1) + text[start + 1 : i] + after
                if any(is_chinese_side(c) for c in outside):
                    found.append([start, i])
        elif ch in ",:" and before.isdigit() and after.isdigit():
            continue  # 1,000  12:30
        elif is_chinese_side(before) or is_chinese_side(after):
            found.append([i])
    return sorted(found)


class HalfwidthPunctuation(Rule):
    """中文句子里用了英文（半角）标点 , ; : ? ! ( )。

    说明：
        紧挨汉字的半角逗号、分号、冒号、问号、叹号和括号应改为全角“，；：？！（）”。
        数字中的“1,000”“12:30”、网址、外文片段和标题序号不查（序号的括号宽度由 FZ104 检查）。
        半角括号成对改写，改后不会出现全角半角混用。若全文的标点大多是半角（整篇用英文输入法录入，
        或从网页复制时被转换），只在首处报告一次并给出总数，修复时一并改正。
    为何：
        公文正文一律使用中文标点；半角标点挤在汉字之间，排版时宽度不一，审阅时一眼可见。
    反例：
        法治政府建设取得成效,群众满意度不断提升。
        ---
        现将有关情况报告如下:
        ---
        村(居)委会与法律顾问形成良好互动机制。
    正例：
        法治政府建设取得成效，群众满意度不断提升。
        ---
        会议于12:30开始，参会1,200人，详见 http://www.gov.cn/a?b=1,2 。
        ---
        一、主要举措和成效
        (一)加强组织领导。
    依据：
        GB/T 15834—2011《标点符号用法》第4章：中文点号、标号的形式（全角“，；：？！（）”）。
    """

    code = "FZ203"
    name = "halfwidth-punctuation"
    summary = "中文里用了英文（半角）标点 , ; : ? ! ( )"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        groups, fullwidth = [], 0
        for _, offset, text in prose(doc):
            fullwidth += sum(text.count(c) for c in FULL.values())
            groups.extend([offset + i for i in g] for g in halfwidth_marks(text))
        if not groups:
            return
        view = doc.text
        total = sum(len(g) for g in groups)
        if total >= DOCUMENT_MODE_MIN and total > fullwidth:
            first = groups[0][0]
            edits = [Edit(i, i + 1, FULL[view[i]]) for g in groups for i in g]
            yield self.report(first, first + 1,
                              f"全文有{total}处英文标点（, ; : ? ! ( )）夹在中文里，中文标点只有{fullwidth}处："
                              f"整篇像是用英文输入法录入或被转换成了半角，应全部改为中文标点“，；：？！（）”（首处在此）",
                              Fix.safe(*edits))
            return
        for g in groups:
            ch = view[g[0]]
            wanted = "".join(FULL[view[i]] for i in g)
            written = "".join(view[i] for i in g)
            yield self.report(g[0], g[-1] + 1,
                              f"英文{NAMES[ch]}“{written}”应改为中文{NAMES[ch]}“{wanted}”",
                              Fix.safe(*(Edit(i, i + 1, FULL[view[i]]) for i in g)))
