"""FZ710: 多行标题回行处拆开了词语."""

from __future__ import annotations

from fazhilint.diagnostics import Severity
from fazhilint.rules.layout import LayoutRule, items

CLAUSE = "GB/T 9704—2012 7.3.1"


class TitleLineBreak(LayoutRule):
    """多行标题在一个词的中间回行，把词拆到了两行（提醒）。

    说明：
        标题较长、分两行或多行排布时，回行处应在词与词之间，不把“法治政府”“2024年”这样的词拆开。
        检查的是作者自己定的回行：标题分成几个段落，或在段内用了换行符（Shift+Enter）；
        Word 自动折行的位置随字体、字号而变，不查。词按 FZ503 所用的词典切分，切分可能有误，
        所以只作提醒，并写出被拆开的词供核对。排列是否对称（梯形、菱形）不查；
        fazhilint format 不改动回行，须作者自己调整。
    为何：
        “关于2024年度法治政府建设情 / 况的报告”这样的回行读起来断了气，是上级审核常指出的格式问题。
    反例：
        关于2024年度法治政府建设情↵况的报告
        今年以来，我镇深入推进法治政府建设。
        ---
        ××镇人民政府关于20
        24年度法治政府建设情况的报告〔标题〕
        今年以来，我镇深入推进法治政府建设。
    正例：
        关于2024年度法治政府建设↵情况的报告
        今年以来，我镇深入推进法治政府建设。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.1（标题……分一行或多行居中排布；回行时，要做到词意完整，
        排列对称，长短适宜，间距恰当）。条文据公开转载本核对，故只作提醒。
    """

    code = "FZ710"
    name = "title-line-break"
    summary = "多行标题回行时不拆开词语（提醒）"
    severity = Severity.WARNING

    def check_layout(self, doc, prof):
        titles = [i for i in items(doc) if i.role == "title"]
        pieces = []  # (item, start, end) of each line of the title as it is printed
        for item in titles:
            start = 0
            for b in sorted(item.line.soft_breaks):
                pieces.append((item, start, b))
                start = b + 1
            pieces.append((item, start, len(item.text)))
        pieces = [(item, s, e) for item, s, e in pieces if item.text[s:e].strip()]
        if len(pieces) < 2:
            return
        joined, breaks = "", []  # breaks: (position in joined, the piece before it)
        for k, (item, s, e) in enumerate(pieces):
            if k:
                breaks.append((len(joined), pieces[k - 1]))
            joined += item.text[s:e].strip()
        bounds = _boundaries(joined)
        for at, (item, s, e) in breaks:
            if at in bounds:
                continue
            left = max(b for b in bounds if b < at)
            right = min(b for b in bounds if b > at)
            word, before = joined[left:right], joined[left:at]
            end = len(item.text[:e].rstrip())
            yield self.at(item, end - len(before), end,
                          f"标题在“{before}”与“{joined[at:right]}”之间回行，拆开了“{word}”一词，"
                          f"宜在词与词之间回行（{CLAUSE}：回行时要做到词意完整）")


def _boundaries(text: str) -> set[int]:
    """Where words begin and end in a text, by the dictionary of the shipped lexicon."""
    from fazhilint.rules.compliance.lexicon import lexicon

    out, at = {0}, 0
    for word in lexicon()[0].lcut(text, HMM=False):
        at += len(word)
        out.add(at)
    return out
