"""FZ3xx: wording. Most of these rules read their knowledge from rule packs (rules/*.toml).

``PackRule`` is the shared engine of a pattern table: every entry of the table named
after the rule carries a regular expression ``pattern``; a match is a finding unless
the sentence around it matches one of the entry's ``accept`` expressions. If the
pattern has a group named ``x``, only that group is reported (and replaced by a fix).
"""

from __future__ import annotations

import re
from typing import Iterator

from fazhilint.diagnostics import Diagnostic, Severity
from fazhilint.packs import Entry, regex
from fazhilint.rule import Rule

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_SEPARATORS = re.compile(r"[、，,\s]")


def normalise(text: str) -> str:
    """A formulation without its separators: “尊法、学法” and “尊法学法” compare equal."""
    return _SEPARATORS.sub("", text)


def sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``text[start:end]``."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.end() if right else len(text)]


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
        taken: list[tuple[int, int]] = []
        for entry in ctx.entries:
            if not self.applies(entry, doc):
                continue
            for start, end, match, text in self.matches(doc, entry):
                if any(start < e and s < end for s, e in taken) or accepted(entry, text, match):
                    continue
                found = self.finding(doc, entry, match, start, end)
                if found:
                    taken.append((start, end))
                    yield found

    def matches(self, doc, entry: Entry) -> Iterator[tuple[int, int, re.Match, str]]:
        """(start, end, match, text) of each match, paragraph by paragraph (offsets into doc.text)."""
        pattern = regex(entry["pattern"])
        text = doc.text
        for p in doc.content:
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


def accepted(entry: Entry, text: str, match: re.Match) -> bool:
    """Whether the sentence around a match is on the entry's accept-list."""
    accept = entry.get("accept", [])
    if not accept:
        return False
    around = sentence(text, *match.span())
    return any(regex(a).search(around) for a in ([accept] if isinstance(accept, str) else accept))


def found_text(match: re.Match) -> str:
    return match.group("x") if "x" in match.re.groupindex and match.group("x") is not None else match.group()
