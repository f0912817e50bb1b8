"""FZ503: 问题在下一年度安排中无对应措施."""

from __future__ import annotations

import math
import re
from functools import cache

from fazhilint import profiles
from fazhilint.diagnostics import Severity
from fazhilint.rule import Option, Rule
from fazhilint.rules.compliance import sections_of

CAP = 20.0  # a problem counts as addressed once this much keyword weight is shared, however long it is
CONTAINED = 3  # a keyword of at least this many characters inside a longer one counts as shared (法律顾问 / 一村一法律顾问)
_SENTENCE = re.compile(r"(?<=[。；;！!？?])")
_MARKER = re.compile(r"^\s*[（(]?[一二三四五六七八九十0-9]*[）)、.．]?|^\s*[一二三四五六七八九十]+是")
_CLAUSE = re.compile(r"[，,。；;：:！!？?\n]")


class UnaddressedProblem(Rule):
    """列出的问题在下一年度工作安排中找不到对应的措施。

    说明：
        把“存在的问题”中的每个问题（标题和开头几句，原因部分不算）与下一年度安排中的每项措施比对：
        用 jieba 和随包附带的小词典（高频词加法治词表，见 rules/lexicon/）切词，去掉泛用词和
        “薄弱”“滞后”这类只说明问题程度的词，合并同义词和问题与措施的对应说法（队伍/力量/人才，
        宣传/普法，兼职/专职），按词在全文各段中的少见程度加权；较长的词包含另一个词时
        （“一村一法律顾问”与“法律顾问”）也算共有。措施与问题共有的关键词占问题关键词权重的比例
        （问题很长时总权重按 20 计）就是两者的相似度；措施含有问题名称（第一个逗号前，至少两个关键词）
        中的全部关键词时，相似度算作 1。最接近的措施也低于阈值（默认 0.4，可用 [options.FZ503]
        threshold 调整）时报告，并指出最接近的一两项措施在第几段、哪个标题下，以及它们与问题共有哪些词。
        这是启发式检查，默认为警告；问题和安排两部分都存在时才运行（才加载 jieba）。
    为何：
        审查时常见的退回理由是“问题与措施不对应”：列了问题，安排里却没有解决它的办法。
    反例：
        松江镇2023年法治政府建设工作报告
        三、存在的问题
        （一）法治宣传教育实效性低。宣传形式单一，利用新媒体开展普法不够。
        （二）基层法治人才队伍力量薄弱。执法人员数量不足，干部队伍老龄化严重。
        四、2024年工作安排
        （一）创新普法形式，增强法治宣传教育实效，充分发挥新媒体作用。
        （二）巩固法治建设成果，细化考核指标，落实述职述法制度。
    正例：
        松江镇2023年法治政府建设工作报告
        三、存在的问题
        （一）法治宣传教育实效性低。宣传形式单一，利用新媒体开展普法不够。
        （二）基层法治人才队伍力量薄弱。执法人员数量不足，干部队伍老龄化严重。
        四、2024年工作安排
        （一）创新普法形式，增强法治宣传教育实效，充分发挥新媒体作用。
        （二）加强基层法治人才队伍建设，充实执法人员，引进年轻干部。
    依据：
        《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十五条第（二）（四）项；
        评查实践中“问题与措施不对应”的退回理由。
    """

    code = "FZ503"
    name = "unaddressed-problem"
    summary = "列出的问题在下一年度安排中没有对应措施（启发式）"
    severity = Severity.WARNING
    options = (Option("threshold", 0.4, "相似度阈值（0—1）：问题与最接近的措施低于此值时报告"),)

    def check(self, doc, ctx):
        _, found = sections_of(doc)
        problem_section, plan_section = found.get("shortcomings"), found.get("plan")
        if problem_section is None or plan_section is None or problem_section is plan_section:
            return
        problems, plans = profiles.items(problem_section), profiles.items(plan_section)
        if not problems or not plans:
            return
        from fazhilint.rules.compliance.lexicon import frequency, keywords

        threshold = ctx.options["threshold"]
        causes = doc.words.pattern("causes")  # the cause words of the profiles, as FZ502 reads them
        texts = [p.text for p in doc.content]
        weight = idf(len(texts), frequency(texts))  # what weights() computes, cutting only what it asks about
        measures = [keywords(m.text) for m in plans]
        for problem in problems:
            head = opening(problem.text, causes)
            wanted, name = keywords(head), keywords(_CLAUSE.split(head, 1)[0])
            if not wanted:
                continue
            ranked = sorted(((_score(wanted, words, weight), i) for i, words in enumerate(measures)),
                            key=lambda s: (-s[0][0], s[1]))
            score = ranked[0][0][0]
            # A measure that has every keyword of the problem's name (its first clause, when that has two
            # keywords or more: “调解员多为兼职” → 引进专职调解员) answers it, however long the problem goes on.
            if len(name) >= 2 and any(_shared(name, words) == name for words in measures):
                score = 1.0
            if score >= threshold:
                continue
            closest = [(plans[i], shared) for (_, shared), i in ranked[:2] if shared]
            yield self.report(
                problem.start, problem.start + len(problem.text.split("\n", 1)[0]),
                _message(doc, problem, plan_section, closest, weight),
            )


def _message(doc, problem, plan_section, closest, weight) -> str:
    """In the clerk's words: which problem, which measures come closest and where, which words they share."""
    where = f"“{profiles.quoted(plan_section.title)}”（第{plan_section.heading.line}{doc.source.line_unit}）"
    if closest:
        near = "；".join(
            f"{_position(doc, item)}“{item.name}”只共有"
            + "".join(f"“{w}”" for w in sorted(shared, key=lambda w: (-weight(w), w))[:4]) + ("等词" if len(shared) > 4 else "")
            for item, shared in closest)
        near = f"最接近的{'两项' if len(closest) > 1 else '一项'}是{near}"
    else:
        near = "安排中没有一项与它有共同的关键词"
    return (f"问题“{problem.name}”在{where}中找不到对应的措施。{near}。"
            f"请在安排中补写针对此问题的措施，或在已有的措施中写明它针对此问题")


def _position(doc, item) -> str:
    """Where a clerk finds an item: 第11段（四、 > （一）） in Word, 第11行（四、 > （一）） in a text file."""
    paragraph = doc.paragraph_at(item.start)
    path = doc.heading_path(paragraph) if paragraph is not None else ""
    return f"第{item.line}{doc.source.line_unit}" + (f"（{path}）" if path else "")


def _score(wanted: frozenset[str], words: frozenset[str], weight) -> tuple[float, frozenset[str]]:
    """The share of the problem's keyword weight a measure has, and the words they share."""
    shared = _shared(wanted, words)
    total = min(sum(weight(w) for w in wanted), CAP)
    return sum(weight(w) for w in shared) / total, shared


def _shared(wanted: frozenset[str], words: frozenset[str]) -> frozenset[str]:
    """The problem's keywords a measure shares: a keyword counts as shared when the measure has it, or
    has a word that contains it or that it contains (three characters or more: 法律顾问 in 一村一法律顾问)."""
    long = [v for v in words if len(v) >= CONTAINED]  # a word contains a long one only if it is long itself
    return frozenset(w for w in wanted if w in words or len(w) >= CONTAINED and any(w in v or v in w for v in long))


def opening(text: str, causes: re.Pattern) -> str:
    """A problem's heading and first sentences: what it is about, before the details and the causes."""
    return causes.split("".join(_SENTENCE.split(_MARKER.sub("", text, 1))[:3])[:160], 1)[0]


def weights(documents: list[set[str]]):
    """Inverse document frequency over the keyword sets of a report's paragraphs."""
    return idf(len(documents), lambda word: sum(word in d for d in documents))


def idf(n: int, frequency):
    """Inverse document frequency over ``n`` paragraphs, ``frequency(word)`` of which have the word:
    words every section uses weigh little."""

    @cache
    def weight(word: str) -> float:
        return math.log((n + 1) / (frequency(word) + 0.5))

    return weight
