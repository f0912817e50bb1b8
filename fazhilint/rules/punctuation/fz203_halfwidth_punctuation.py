"""FZ203: 中文里用了英文（半角）标点."""

from __future__ import annotations

import re
from itertools import accumulate

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import CLOSING, SPACES, inside, is_chinese_side, is_cjk, prose, url_spans
from fazhilint.vocabulary import CN_DIGITS

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
# A lone "." (a run of them is an ellipsis, FZ211). The look back comes after the "." so that a
# search jumps from one mark to the next instead of trying the pattern at every character.
_STOP = re.compile(r"\.(?<!\.\.)(?!\.)")
_ONLY_CLOSING = re.compile(f"[{re.escape(SPACES + CLOSING)}]*+\\Z")
_HALF = re.compile(r"[,;:?!()]|" + _STOP.pattern)
_RUN = ",;:?!"  # marks that can stand in a run (“???” “!!”); brackets pair up, and “..” is an ellipsis
_RUNS = re.compile(f"[{_RUN}]+")
NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号", ".": "句号"}
SENTENCE_WINDOW = 12  # characters before a "." that say whether the sentence it ends is Chinese
# Above this many half-width marks, outnumbering the full-width ones, the whole text was converted.
DOCUMENT_MODE_MIN = 10


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character before (step -1) or after (step 1) i that is not a space."""
    i += step
    while 0 <= i < len(text) and text[i] in SPACES:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _chinese_before(text: str, i: int) -> bool:
    """Whether the words just before i are Chinese rather than a foreign sentence (“He visited 北京.”)."""
    window = text[max(i - SENTENCE_WINDOW, 0) : i]
    return sum(map(is_cjk, window)) > sum(c.isascii() and c.isalpha() for c in window)


def full_stop(text: str, i: int) -> str | None:
    """Whether the "." at i ends a Chinese sentence: "final" when only closing marks follow it
    in the paragraph, "inside" when Chinese text follows (it may also be a 间隔号 in a foreign
    name, 马克.吐温), None when it is a decimal point, a 1. marker, a file name or an abbreviation."""
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if not (is_cjk(before) or before in CLOSING or before in "%％") or not _chinese_before(text, i):
        return None
    if _ONLY_CLOSING.match(text, i + 1):  # (not text[i + 1:].strip(…): a copy of the rest per ".")
        return "final"
    # 一. 二. written inline as list markers: a malformed marker, not the end of a sentence.
    return "inside" if is_chinese_side(after) and before not in CN_DIGITS else None


def halfwidth_marks(text: str, stops: bool = True) -> list[list[int]]:
    """Groups of positions of half-width marks in Chinese context: one mark, a ( ) pair or a run (“???”).
    A "." counts (unless not ``stops``) where it ends a sentence for sure (see ``full_stop``)."""
    urls, found, opened = None, [], []
    chinese = None  # prefix counts of Chinese-side characters, made at the first pair
    run_end = 0  # the end of the run of marks (“???”) just handled: its marks are one group
    for m in _HALF.finditer(text):
        i, ch = m.start(), m.group()
        if i < run_end:
            continue
        urls = url_spans(text) if urls is None else urls  # only where there is a mark to check
        if inside(urls, i):
            continue
        if ch == ".":
            if stops and full_stop(text, i) == "final":
                found.append([i])
        elif ch == "(":
            opened.append(i)
        elif ch == ")":
            if opened:  # a pair is in Chinese context if either side or its content is
                start = opened.pop()
                if is_chinese_side(_neighbour(text, start, -1)) or is_chinese_side(_neighbour(text, i, 1)):
                    found.append([start, i])
                    continue
                if chinese is None:  # counted once: nested pairs would read their content again and again
                    chinese = list(accumulate(map(is_chinese_side, text), initial=0))
                if chinese[i] > chinese[start + 1]:
                    found.append([start, i])
        else:
            before = _neighbour(text, i, -1)
            if i + 1 < len(text) and text[i + 1] in _RUN:
                # “什么???” is Chinese from its first mark to its last: judged by what is around the whole run
                # (mark by mark, each fix would reveal the next, one round of --fix per mark)
                run_end = _RUNS.match(text, i).end()
                while run_end > i + 1 and inside(urls, run_end - 1):
                    run_end -= 1
                after = _neighbour(text, run_end - 1, 1)
                if not (before.isdigit() and after.isdigit()) and (is_chinese_side(before) or is_chinese_side(after)):
                    found.append(list(range(i, run_end)))
                continue
            after = _neighbour(text, i, 1)
            if ch in ",:" and before.isdigit() and after.isdigit():
                continue  # 1,000  12:30
            if is_chinese_side(before) or is_chinese_side(after):
                found.append([i])
    return sorted(found)


def inner_stops(text: str) -> list[int]:
    """Positions of the "." between two Chinese sentences (or in 马克.吐温): never folded into a fix."""
    if "." not in text:
        return []
    urls = url_spans(text)
    return [m.start() for m in _STOP.finditer(text) if not inside(urls, m.start()) and full_stop(text, m.start()) == "inside"]


class HalfwidthPunctuation(Rule):
    """中文句子里用了英文（半角）标点 , ; : ? ! ( ) 和句末的英文句点 .。

    说明：
        紧挨汉字的半角逗号、分号、冒号、问号、叹号和括号应改为全角“，；：？！（）”；
        中文句子末尾的英文句点“.”（英文输入法最常见的疏忽）应改为句号“。”。
        数字中的“1,000”“12:30”“3.5”、“1.”“一.”这类序号、网址、文件名（“方案.docx”）、
        外文片段和缩写（“No.1”）以及标题序号不查（序号的括号宽度由 FZ104 检查）。
        段末的“.”是安全修复；段中汉字之间的“.”也可能是外国人名的间隔号（应为“·”），修复需核对；
        独立成行的标题末尾的“.”随同级标题：同级标题都以句号结束的改为“。”，否则删去；
        报告标题末尾的“.”应删去，由 FZ506 报告。
        半角括号成对改写，改后不会出现全角半角混用。若全文的标点大多是半角（整篇用英文输入法录入，
        或从网页复制时被转换），只在首处报告一次并给出总数，修复时一并改正（汉字之间的“.”另报一次，需核对）。
    为何：
        公文正文一律使用中文标点；半角标点挤在汉字之间，排版时宽度不一，审阅时一眼可见。
    反例：
        法治政府建设取得成效,群众满意度不断提升。
        ---
        现将有关情况报告如下:
        ---
        村(居)委会与法律顾问形成良好互动机制。
        ---
        请将表格填写完整后，交至办公室（三楼三零一室）.
    正例：
        法治政府建设取得成效，群众满意度不断提升。
        ---
        会议于12:30开始，参会1,200人，详见 http://www.gov.cn/a?b=1,2 。
        ---
        满意度达98.5%，详见附件《测评结果.xlsx》。主要做法：1.加强培训；2.完善制度。
        ---
        一、主要举措和成效
        (一)加强组织领导。
    依据：
        GB/T 15834—2011《标点符号用法》第4章：中文点号、标号的形式（全角“，；：？！（）”，句号“。”）。
    """

    code = "FZ203"
    name = "halfwidth-punctuation"
    summary = "中文里用了英文（半角）标点 , ; : ? ! ( ) 或句末的英文句点 ."
    label = "用了半角标点"
    fix = Applicability.SAFE

    def check(self, doc, ctx):
        groups, stops, fullwidth = [], [], 0
        for p, offset, text in prose(doc):
            fullwidth += sum(text.count(c) for c in "，；：？！（）")  # 。 is the same in both copies
            inner = inner_stops(text)
            stops.extend(offset + i for i in inner)
            # A title ends with no mark at all (FZ506 deletes its "."); a heading on its own line as its siblings do.
            alone = p.role == "title" or p.is_heading and "。" not in text and not inner
            groups.extend([offset + i for i in g] for g in halfwidth_marks(text, stops=not alone))
            if p.is_heading and alone:
                yield from self._heading_stop(p, offset, text)
        total = sum(len(g) for g in groups)
        whole = total + len(stops) >= DOCUMENT_MODE_MIN and total + len(stops) > fullwidth
        yield from self._report_inner_stops(stops, whole)
        if not groups:
            return
        view = doc.text
        if whole:
            first = groups[0][0]
            edits = [Edit(i, i + 1, FULL[view[i]]) for g in groups for i in g]
            written = {view[e.start] for e in edits}
            found = [half for half in FULL if half in written]
            yield self.report(first, first + 1,
                              f"全文有{total}处英文标点（{' '.join(found)}）夹在中文里，中文标点只有{fullwidth}处："
                              f"整篇像是用英文输入法录入或被转换成了半角，"
                              f"应全部改为中文标点“{''.join(dict.fromkeys(FULL[h] for h in found))}”（首处在此）",
                              Fix.safe(*edits))
            return
        for g in groups:
            names = {NAMES[view[i]] for i in g}
            name = names.pop() if len(names) == 1 else "标点"  # a run of different marks: “?!”
            wanted = "".join(FULL[view[i]] for i in g)
            written = "".join(view[i] for i in g)
            yield self.report(g[0], g[-1] + 1,
                              f"英文{name}“{written}”应改为中文{name}“{wanted}”",
                              Fix.safe(*(Edit(i, i + 1, FULL[view[i]]) for i in g)))

    def _heading_stop(self, p, offset, text):
        """A heading on its own line ending with ".": it takes "。" if its siblings end so, else no mark."""
        end = len(text.rstrip(SPACES + CLOSING)) - 1
        if end < 0 or not _STOP.match(text, end) or full_stop(text, end) != "final":
            return
        siblings = [s.heading.text.rstrip(SPACES) for s in p.section.parent.children
                    if s is not p.section and s.heading is not None] if p.section and p.section.parent else []
        at = offset + end
        if siblings and sum(t.endswith("。") for t in siblings) * 2 > len(siblings):
            yield self.report(at, at + 1, "标题末尾的英文句点“.”应改为“。”（同级标题都以句号结束）",
                              Fix.safe(Edit(at, at + 1, "。")))
        else:
            yield self.report(at, at + 1, "标题末尾的英文句点“.”应删去（独立成行的标题不加句号）",
                              Fix.safe(Edit(at, at + 1, "")))

    def _report_inner_stops(self, stops, whole):
        """The "." between Chinese sentences: each on its own, or once for all in a document typed in English."""
        why = "句子在此结束应改为中文句号“。”，如是外国人名中的间隔号则应为“·”"
        if whole and len(stops) > 1:
            yield self.report(stops[0], stops[0] + 1, f"全文另有{len(stops)}处英文句点“.”夹在汉字之间：{why}（首处在此）",
                              Fix.unsafe(*(Edit(at, at + 1, "。") for at in stops)))
            return
        for at in stops:
            yield self.report(at, at + 1, f"英文句点“.”夹在中文里：{why}", Fix.unsafe(Edit(at, at + 1, "。")))
