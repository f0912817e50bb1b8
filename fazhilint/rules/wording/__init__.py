"""FZ3xx: wording. Most of these rules read their knowledge from rule packs (rules/*.toml).

``PackRule`` is the shared engine of a pattern table: every entry of the table named
after the rule carries a regular expression ``pattern``; a match is a finding unless
the sentence around it matches one of the entry's ``accept`` expressions. If the
pattern has a group named ``x``, only that group is reported (and replaced by a fix).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import Iterator

from fazhilint.diagnostics import Diagnostic, Severity
from fazhilint.packs import Entry, regex
from fazhilint.rule import Rule

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_SEPARATORS = re.compile(r"[、，,\s]")


def normalise(text: str) -> str:
    """A formulation without its separators: “尊法、学法” and “尊法学法” compare equal."""
    return _SEPARATORS.sub("", text)


SENTENCE_REACH = 300  # a "sentence" without an end mark is cut this far either side of the match


def sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``text[start:end]`` (at most SENTENCE_REACH either side)."""
    ends = _sentence_ends(text)
    i = bisect_right(ends, start)
    left = max(ends[i - 1] if i else 0, start - SENTENCE_REACH)
    j = bisect_right(ends, end)
    right = min(ends[j] if j < len(ends) else len(text), end + SENTENCE_REACH)
    return text[left:right]


_ends_of: tuple[str, list[int]] = ("", [])


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end mark of text, for the last text asked about."""
    global _ends_of
    if _ends_of[0] is not text:
        _ends_of = (text, [m.end() for m in _SENTENCE_END.finditer(text)])
    return _ends_of[1]


def listing(cls) -> str:
    """``fazhilint rule CODE``: the built-in pack entries a rule reads."""
    from fazhilint import packs

    entries = packs.load().entries(cls.name)
    lines = [f"\n规则包条目（表 [[{cls.name}]]，共 {len(entries)} 条；县（区）可用 --pack 增补或按 id 覆盖）：\n"]
    for e in entries:
        shown = e.get("correct") or "、".join(e.get("items", [])) or e.get("note", "")
        lines.append(f"    {e.id}" + (f"  →  {shown}" if shown and "\\" not in shown else "") + "\n")
        lines.append(f"        反例：{_one_line(e['bad'][0])}\n        正例：{_one_line(e['good'][0])}\n")
        if "since" in e.data or "until" in e.data:
            lines.append(f"        适用报告年度：{e.get('since', '')}—{e.get('until', '')}\n")
        if e.get("pattern"):
            lines.append(f"        模式：{e['pattern']}\n")
        lines.append(f"        依据：{e['source']}\n")
    return "".join(lines)


def _one_line(text: str) -> str:
    return text.replace("\n", " ⏎ ")


class PackRule(Rule):
    """A rule whose knowledge is a table of pack entries with a ``pattern`` each."""

    pack_required = ("pattern",)
    reads_pack = True

    @classmethod
    def describe_data(cls) -> str:
        return listing(cls)

    def applies(self, entry: Entry, doc) -> bool:
        return True

    def finding(self, doc, entry: Entry, match: re.Match, start: int, end: int) -> Diagnostic | None:
        raise NotImplementedError

    def check(self, doc, ctx):
        taken: list[tuple[int, int]] = []  # spans already reported: sorted, never overlapping
        for entry in ctx.entries:
            if not self.applies(entry, doc):
                continue
            for start, end, match, text in self.matches(doc, entry):
                i = bisect_left(taken, (end,))  # the spans starting before end
                if (i and taken[i - 1][1] > start) or accepted(entry, text, match):
                    continue
                found = self.finding(doc, entry, match, start, end)
                if found:
                    taken.insert(i, (start, end))
                    yield found

    def matches(self, doc, entry: Entry) -> Iterator[tuple[int, int, re.Match, str]]:
        """(start, end, match, text) of each match, paragraph by paragraph (offsets into doc.text)."""
        pattern = regex(entry["pattern"])
        text = doc.text
        needed = required_strings(pattern.pattern)
        for p in doc.content if needed is None else holding(doc, needed):
            for m in pattern.finditer(text, p.start, p.end):
                a, b = m.span("x") if "x" in pattern.groupindex and m.group("x") is not None else m.span()
                if b > a:
                    yield a, b, m, text

    def make(self, entry: Entry, start: int, end: int, message: str, fix=None) -> Diagnostic:
        d = self.report(start, end, message, fix)
        if entry.get("severity"):
            d.severity = Severity.parse(entry["severity"])
        d.extra["entry"] = entry.id
        return d


def holding(doc, strings: frozenset[str]) -> list:
    """The paragraphs of the report that hold one of the strings, in order. Most hold none of the
    strings every match of a pattern contains (most patterns, most documents)."""
    from bisect import bisect_right

    text, content = doc.text, doc.content
    starts, found = None, set()
    for s in strings:
        if not all(c in text for c in s):
            continue  # one character is found many times faster than a string of a few (CPython 3.11)
        literal = regex(re.escape(s))  # … and a literal pattern faster than str.find
        m = literal.search(text)
        while m:
            starts = starts or [p.start for p in content]
            k = bisect_right(starts, m.start()) - 1  # the last paragraph starting at or before it
            if k >= 0 and m.end() <= content[k].end:
                found.add(k)
                m = literal.search(text, content[k].end)
            else:  # in page furniture
                m = literal.search(text, m.start() + 1)
    return [content[k] for k in sorted(found)]


@cache
def required_strings(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of a pattern contains (``请(?:领导)?批示`` → {"批示"},
    ``[尊遵学守用]法`` → {"法"}), or None when the pattern guarantees none (or ignores case): a text
    without any of them has no match, and ``in`` finds that faster than the regular expression."""
    from re import _parser

    try:
        parsed = _parser.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return None
    return None if parsed.state.flags & re.IGNORECASE else _required(parsed)


_CLASS_MAX = 16  # a character class of more characters than this says too little to be worth testing


def _required(items) -> frozenset[str] | None:
    """The most telling set of required strings of a sequence of parsed items: a run of literal
    characters, or one item's own set; the set whose shortest string is longest wins."""
    from re import _constants as c

    options, run = [], ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        if op is c.IN:
            found = _class_chars(av)
        elif op is c.BRANCH:
            branches = [_required(b) for b in av[1]]
            found = None if None in branches else frozenset().union(*branches)
        elif op is c.SUBPATTERN:  # (group, flags added, flags removed, items)
            found = None if av[1] & re.IGNORECASE else _required(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):  # (min, max, items)
            found = _required(av[2]) if av[0] >= 1 else None
        elif op is c.ATOMIC_GROUP:
            found = _required(av)
        else:  # lookarounds, anchors, any character, categories: nothing a match must contain
            found = None
        if found:
            options.append(found)
    if run:
        options.append(frozenset([run]))
    return max(options, key=lambda s: (min(map(len, s)), -len(s)), default=None)


def _class_chars(items) -> frozenset[str] | None:
    """The characters of a character class, unless it is negated, has a category (\\d) or is too large."""
    from re import _constants as c

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < _CLASS_MAX:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return frozenset(chars) if len(chars) <= _CLASS_MAX else None


def accepted(entry: Entry, text: str, match: re.Match) -> bool:
    """Whether the sentence around a match is on the entry's accept-list."""
    accept = entry.get("accept", [])
    if not accept:
        return False
    around = sentence(text, *match.span())
    return any(regex(a).search(around) for a in ([accept] if isinstance(accept, str) else accept))


def found_text(match: re.Match) -> str:
    return match.group("x") if "x" in match.re.groupindex and match.group("x") is not None else match.group()
