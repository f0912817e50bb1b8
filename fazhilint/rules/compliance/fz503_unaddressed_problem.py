"""FZ503: 问题在下一年度安排中无对应措施."""

from __future__ import annotations

import hashlib
import math
import re
import sys
import types
from functools import cache, lru_cache

from fazhilint import profiles, resources
from fazhilint.diagnostics import Severity
from fazhilint.rule import Option, Rule
from fazhilint.rules.compliance import sections_of

CAP = 20.0  # a problem counts as addressed once this much keyword weight is shared, however long it is
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_SENTENCE = re.compile(r"(?<=[。；;！!？?])")
_MARKER = re.compile(r"^\s*[（(]?[一二三四五六七八九十0-9]*[）)、.．]?")


class UnaddressedProblem(Rule):
    """列出的问题在下一年度工作安排中找不到对应的措施。

    说明：
        把“存在的问题”中的每个问题（标题和开头几句，原因部分不算）与下一年度安排中的每项措施比对：
        用 jieba 和随包附带的小词典（高频词加法治词表，见 rules/lexicon/）切词，去掉泛用词和
        “薄弱”“滞后”这类只说明问题程度的词，合并同义词（队伍/力量/人才），按词在全文各段中的
        少见程度加权。相似度 = 措施与问题共有关键词的权重 ÷ 问题关键词的总权重（问题很长时，
        总权重按 20 计，约相当于共有七个少见词即算对应）。最接近的措施也低于阈值（默认 0.4，
        可用 [options.FZ503] threshold 调整）时报告，并给出最接近的措施和共有的关键词作为依据。
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
        threshold = ctx.options["threshold"]
        causes = doc.lexicon.pattern("causes")  # the cause words of the profiles, as FZ502 reads them
        weight = _weights([keywords(p.text) for p in doc.content])
        measures = [keywords(m.text) for m in plans]
        for problem in problems:
            wanted = keywords(_opening(problem.text, causes))
            if not wanted:
                continue
            total = min(sum(weight(w) for w in wanted), CAP)
            score, best, shared = max(
                ((sum(weight(w) for w in wanted & words) / total, i, wanted & words)
                 for i, words in enumerate(measures)),
                key=lambda found: (found[0], -found[1]),
            )
            if score >= threshold:
                continue
            candidate = plans[best]
            evidence = (
                f"最接近的是第 {candidate.line} {doc.source.line_unit}“{candidate.name}”，共有关键词仅"
                f"“{'、'.join(sorted(shared, key=weight, reverse=True)[:6])}”" if shared
                else "与各项措施都没有共有的关键词"
            )
            first_line = problem.text.split("\n", 1)[0]
            yield self.report(
                problem.start, problem.start + len(first_line),
                f"问题“{problem.name}”在“{plan_section.title}”中找不到对应的措施：{evidence}"
                f"（相似度 {math.floor(score * 100) / 100:.2f}，低于 {threshold:g}）；请补写针对此问题的措施",
            )


def _opening(text: str, causes: re.Pattern) -> str:
    """A problem's heading and first sentences: what it is about, before the details and the causes."""
    return causes.split("".join(_SENTENCE.split(_MARKER.sub("", text, 1))[:3])[:160], 1)[0]


def _weights(documents: list[set[str]]):
    """Inverse document frequency over the report's paragraphs: words every section uses weigh little."""
    n = len(documents)

    @cache
    def weight(word: str) -> float:
        return math.log((n + 1) / (sum(word in d for d in documents) + 0.5))

    return weight


@lru_cache(maxsize=4096)  # plan items are paragraphs too: each text is segmented once
def keywords(text: str) -> frozenset[str]:
    """The words a text is about: jieba's words minus stop words, synonyms merged."""
    tokenizer, stopwords, synonyms = _lexicon()
    return frozenset({synonyms.get(w, w) for w in tokenizer.lcut(text, HMM=False) if _WORD.match(w) and w not in stopwords})


@cache
def _lexicon():
    """jieba with the small dictionary shipped in rules/lexicon/ (never jieba's 550 ms default one)."""
    import logging

    # jieba imports two things this rule never uses: pkg_resources, only to find its default
    # dictionary (~70 ms), and its HMM model for unknown words, a 55 ms table (we cut with HMM=False).
    # Stand-ins keep both out; they are removed again so nothing else sees them.
    stand_ins = {"pkg_resources": None, "jieba.finalseg": _NoHMM("jieba.finalseg")}
    stood = [name for name in stand_ins if name not in sys.modules]
    sys.modules.update((name, stand_ins[name]) for name in stood)
    try:
        import jieba
    finally:
        for name in stood:
            if sys.modules.get(name) is stand_ins[name]:
                del sys.modules[name]
    jieba.setLogLevel(logging.CRITICAL)
    lexicon = resources.rules_dir() / "lexicon"
    dictionary = lexicon / "dict.txt"
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    try:
        directory = resources.cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(directory)
        # Named by content, not by path (jieba's default), so every install of one dictionary shares one file.
        tokenizer.cache_file = f"jieba-{hashlib.sha256(dictionary.read_bytes()).hexdigest()[:16]}.cache"
        _load_cache(tokenizer, directory / tokenizer.cache_file)
    except OSError:
        pass  # no writable cache directory: jieba falls back to the system temporary folder
    synonyms = {}
    for line in _lines(lexicon / "synonyms.txt"):
        synonyms.update((word, line[0]) for word in line)
    stopwords = {w for line in _lines(lexicon / "stopwords.txt") for w in line}
    return tokenizer, stopwords, synonyms


class _NoHMM(types.ModuleType):
    """Stands in for jieba.finalseg (the HMM for unknown words), which HMM=False never calls."""

    def __getattr__(self, name):
        raise RuntimeError("fazhilint cuts with HMM=False; jieba's HMM model is not loaded")


def _load_cache(tokenizer, cache) -> None:
    """Read jieba's prefix-dictionary cache with marshal.loads(bytes): jieba's own marshal.load(file)
    takes about 30 ms on this dictionary, loads() about 8 (TECH-NOTES §2). The cache is named by the
    dictionary's content, so it needs no date check; if it is missing or unreadable, jieba builds it."""
    import marshal

    try:
        tokenizer.FREQ, tokenizer.total = marshal.loads(cache.read_bytes())
        tokenizer.initialized = True
    except (OSError, ValueError, EOFError, TypeError):
        tokenizer.initialize()  # builds the dictionary and writes the cache


def _lines(path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
