"""FZ201: 成对标点不配对."""

from __future__ import annotations

import re

from fazhilint.rule import Rule
from fazhilint.rules.punctuation import CLOSERS, PAIRS, family, prose

# 1) 2） 一） a) written inline as list markers, not as the close of a bracket.
_INLINE_MARKER = re.compile(r"(?:^|(?<=[\s，,。；;：:、]))(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])$")
_LATIN = re.compile(r"[A-Za-z]")
_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")


class UnbalancedPair(Rule):
    """括号、书名号、引号在段内不配对。

    说明：
        同一段内，（）() 《》 “” ‘’ 【】 〔〕 〈〉 以及从别处粘贴带来的直角引号「」『』有开无合、有合无开，或用另一种符号闭合
        （“《…）”），或全角与半角混用（“（…)”）。半角 ( ) 与全角（ ）视为同一种括号。
        标题序号（含残缺序号“）”“（一”）由 FZ1xx 检查，这里不管；段内“1）”“a)”这类序号也不算。
    为何：
        少了半个括号或引号，读者不知道插入语或引文到哪里结束；这是审阅中最常退回的标点问题之一。
    反例：
        认真落实《法治政府建设实施纲要（2021—2025年）的要求。
        ---
        组织开展“法律六进活动，推动形成浓厚法治氛围。
        ---
        印发《关于加强法治宣传教育的意见）。
        ---
        村（居)委会与法律顾问形成良好互动机制。
        ---
        她用『精益求精来形容这项工作。
    正例：
        认真落实《法治政府建设实施纲要（2021—2025年）》的要求。
        ---
        村(居)委会与法律顾问形成良好互动机制。
        ---
        主要做法有：1）加强培训；2）完善制度。
        ---
        她用「精益求精」来形容这项工作。
    依据：
        GB/T 15834—2011《标点符号用法》4.9（括号）、4.8（引号）、4.15（书名号）。
    """

    code = "FZ201"
    name = "unbalanced-pair"
    summary = "括号、引号（含「」『』）、书名号不配对（有开无合、有合无开或混用）"

    def check(self, doc, ctx):
        for _, offset, text in prose(doc):
            yield from self._paragraph(offset, text)

    def _paragraph(self, offset, text):
        stack: list[tuple[str, int]] = []
        for m in _MARKS.finditer(text):
            i, ch = m.start(), m.group()
            if ch in ("’", "‘") and _LATIN.match(text[i - 1 : i] or " "):
                continue  # an apostrophe in Latin text
            if ch in PAIRS:
                stack.append((ch, i))
                continue
            opener = next((k for k in range(len(stack) - 1, -1, -1) if family(stack[k][0]) == family(ch)), None)
            if opener is None:
                if ch in "）)" and _INLINE_MARKER.search(text[:i]):
                    continue
                if stack:  # 《…） : closed by the other family
                    mark, at = stack.pop()
                    yield self.report(offset + at, offset + i + 1,
                                      f"“{mark}”却用“{ch}”闭合：应为“{PAIRS[mark]}”，或补上与“{ch}”配对的“{CLOSERS[ch]}”")
                    continue
                yield self.report(offset + i, offset + i + 1,
                                  f"“{ch}”前面没有对应的“{CLOSERS[ch]}”：多了“{ch}”，或漏了“{CLOSERS[ch]}”")
                continue
            for mark, at in stack[opener + 1 :]:  # opened inside and never closed
                yield self._unclosed(offset + at, mark, f"，却先遇到了“{ch}”")
            mark, at = stack[opener]
            del stack[opener:]
            if PAIRS[mark] != ch:  # （ closed by )
                yield self.report(offset + at, offset + i + 1,
                                  f"“{mark}”与“{ch}”全角半角混用：应统一为“{mark}{PAIRS[mark]}”")
        for mark, at in stack:
            yield self._unclosed(offset + at, mark, "，到段末也没有闭合")

    def _unclosed(self, at, mark, why):
        return self.report(at, at + 1, f"“{mark}”没有对应的“{PAIRS[mark]}”{why}：请补上“{PAIRS[mark]}”或删去“{mark}”")
