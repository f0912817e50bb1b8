"""Cross-document findings of a batch: FZ601 (copying between units) and FZ602 (a unit's report
repeating its own previous one, and last year's plan items it never mentions).

Paragraphs are compared by MinHash signatures (fazhilint/shingles.py), never text against text.
A paragraph that several units share is common stock (a county's template, a formulation
everybody writes) and does not count.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from fazhilint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from fazhilint.config import Config
    from fazhilint.ledger import Ledger

SIMILAR = 0.6  # estimated Jaccard of two paragraphs' own shingles: “the same or nearly the same”
MIN_SHARED = 200  # characters of content two reports must share before it is called a copy
COMMON_UNITS = 3  # a paragraph found in this many other units' reports is common stock
SECTION_REPEATED = 0.8  # share of a section's content repeated for the section to count as copied
RESENT = 0.3  # share of a report repeated from the previous one that is reported even without a whole section
MENTIONED = 0.35  # keyword overlap at which a previous plan item counts as mentioned
_NO_CAUSES = re.compile(r"(?!)")  # a plan item has no causes to cut off (FZ503's opening() cuts a problem's)


def enabled(config: Config, code: str, path: str) -> bool:
    if config.per_file_ignores:
        config = config.for_path(path)
    return code in _enabled(config.select, config.ignore)


@lru_cache(maxsize=16)
def _enabled(select: tuple[str, ...], ignore: tuple[str, ...]) -> frozenset[str]:
    """The codes that select/ignore keep (once per batch, not once per file)."""
    from fazhilint.config import Config
    from fazhilint.rules import catalogue

    return frozenset(r.code for r in Config(select=select, ignore=ignore).enabled(catalogue()))


def stock_phrases(config: Config) -> tuple[str, ...]:
    """规范提法 every report may write: the canonical formulations of the phrase packs."""
    out = []
    for entry in config.packs_loaded().entries("canonical-phrase"):
        out.extend(entry.get("good", []))
        out.extend("、".join(chain["items"]) for chain in entry.get("chains", []))
    return tuple(out)


def cross_check(ledger: Ledger, config: Config, previous: list) -> None:
    docs = [s for s in ledger.submissions if s.result.readable]
    want_copy = [s for s in docs if enabled(config, "FZ601", s.path)]
    want_repeat = [s for s in docs if previous and enabled(config, "FZ602", s.path)]
    if not (len(want_copy) >= 2 or want_repeat):
        return
    from fazhilint.ledger import unit_of
    from fazhilint.roster import match_unit
    from fazhilint.shingles import Index

    stock = stock_phrases(config)
    index = Index(stock)
    entries = []  # (kind, unit, result) by doc id
    sizes = []
    for s in docs:
        # files whose unit is unknown are each their own unit: two of them may still be copies
        entries.append(("now", s.name if s.unit or s.listed else f"未识别单位（{PurePath(s.path).name}）", s.result))
        sizes.append(index.add_signed(len(entries) - 1, signed(s.result, stock)))
    if want_repeat:
        for r in previous:
            if not r.readable:
                continue
            unit, _ = unit_of(r)
            listed = match_unit(unit, ledger.roster) if ledger.roster and unit else None
            entries.append(("before", listed or unit, r))
            sizes.append(index.add_signed(len(entries) - 1, signed(r, stock)))
    pairs = index.pairs(SIMILAR)
    passages = index.passages
    # which units each passage of this year's reports is found in: many units → common stock
    units_of = defaultdict(set)
    for a, b, _ in pairs:
        da, db = passages[a].doc, passages[b].doc
        if entries[da][0] == entries[db][0] == "now":
            units_of[a].add(entries[db][1])
            units_of[b].add(entries[da][1])
    by_pair = defaultdict(list)  # (doc, other doc) → [(passage, other passage, similarity)]
    for a, b, sim in pairs:
        for x, y in ((a, b), (b, a)):
            dx, dy = passages[x].doc, passages[y].doc
            kind_x, unit_x, _ = entries[dx]
            kind_y, unit_y, _ = entries[dy]
            if kind_x != "now":
                continue
            if kind_y == "now" and unit_x != unit_y and len(units_of[x]) < COMMON_UNITS:
                by_pair[("FZ601", dx, dy)].append((x, y, sim))
            elif kind_y == "before" and unit_x and unit_x == unit_y:
                by_pair[("FZ602", dx, dy)].append((x, y, sim))
    copy_ok = {id(s.result) for s in want_copy}
    repeat_ok = {id(s.result) for s in want_repeat}
    for (code, dx, dy), found in sorted(by_pair.items()):
        result, other = entries[dx][2], entries[dy][2]
        if id(result) not in (copy_ok if code == "FZ601" else repeat_ok):
            continue
        best = {}
        for x, y, sim in found:  # each paragraph once, with its closest counterpart
            if x not in best or sim > best[x][1]:
                best[x] = (y, sim)
        shared = sum(passages[x].size for x in best)
        share = shared / max(sizes[dx], 1)
        if code == "FZ601":
            if shared < MIN_SHARED:
                continue
            _copy_finding(ledger, config, result, entries[dx][1], other, entries[dy][1], best, passages, share)
        else:
            _repeat_finding(ledger, config, result, entries[dx][1], other, best, passages, share)
    if want_repeat:
        _unanswered_plans(ledger, config, want_repeat, entries)


def signed(result, stock: tuple[str, ...]):
    """A checked report's paragraphs signed for comparison against the common ``stock``
    (``stock_phrases``; fazhilint/shingles.py): by the worker that checked it, or here."""
    from fazhilint import shingles

    if result.signed is None:
        result.signed = shingles.sign(_paragraphs(result), shingles.stock_hashes(stock))
    return result.signed


def _paragraphs(result):
    """(line, start, end, text) of the paragraphs worth comparing: not titles, not page furniture."""
    text = result.source.text
    for line, start, end, _ in result.facts.prose:
        yield line, start, end, text[start:end]


def where(result, line: int) -> str:
    """A paragraph's place for people: 第7行 · 一、 > （二） > 第1段."""
    head = f"第{line}{result.source.line_unit}"
    path = next((path for at, *_, path in result.facts.prose if at == line), "")
    return f"{head} · {path}" if path else head


def _record(ledger, code, result, unit, other, other_unit, best, passages):
    from fazhilint.ledger import Shared

    out = []
    for x, (y, sim) in sorted(best.items(), key=lambda item: passages[item[0]].start):
        px, py = passages[x], passages[y]
        out.append(Shared(code, result.path, unit, px.line, where(result, px.line),
                          result.source.text[px.start:px.end].strip(), other.path, other_unit,
                          py.line, where(other, py.line), sim))
    ledger.shared.extend(out)
    return out


def _lines(shared, limit: int = 3) -> str:
    shown = "、".join(f"{s.location}“{_clip(s.text)}”" for s in shared[:limit])
    return shown + (f"等 {len(shared)} 段" if len(shared) > limit else "")


def _clip(text: str, width: int = 16) -> str:
    text = text.strip()
    return text if len(text) <= width else text[:width] + "……"


def _copy_finding(ledger, config, result, unit, other, other_unit, best, passages, share):
    from fazhilint.ledger import add_finding

    shared = _record(ledger, "FZ601", result, unit, other, other_unit, best, passages)
    first = passages[min(best, key=lambda x: passages[x].start)]
    message = (f"与“{other_unit}”的报告（{PurePath(other.path).name}）雷同：本报告有 {len(shared)} 段与之相同或几乎相同，"
               f"约占全文 {math.floor(share * 100)}%：{_lines(shared)}；"
               f"请核实是否照搬他单位报告，并按本单位实际情况重写")
    d = Diagnostic("FZ601", "cross-unit-copy", first.start, first.end, message, None, Severity.WARNING,
                   extra={"other_unit": other_unit, "other_path": other.path, "share": share})
    add_finding(result, config, d)


def _repeat_finding(ledger, config, result, unit, other, best, passages, share):
    from fazhilint.engine import document_of
    from fazhilint.ledger import add_finding

    doc = document_of(result, config)
    repeated_lines = {passages[x].line for x in best}
    sections = []  # top-level sections whose content is (nearly) all repeated
    for section in doc.root.children:
        body = [p for p in section.all_paragraphs() if p is not section.heading]
        size = sum(len(p.text) for p in body)
        again = sum(len(p.text) for p in body if p.line in repeated_lines)
        if size >= 100 and again >= SECTION_REPEATED * size:
            sections.append(section)
    plan = doc.parts.get("plan")
    if share < RESENT and not sections:
        return
    shared = _record(ledger, "FZ602", result, unit, other, unit, best, passages)
    what = []
    if plan is not None and plan in sections:
        what.append(f"工作安排“{plan.title[:20]}”原样照抄去年")
    others = [s for s in sections if s is not plan]
    if others:
        what.append("整节照抄：" + "、".join(f"“{s.marker.raw.strip()}{s.title[:16]}”" for s in others[:4]))
    first = passages[min(best, key=lambda x: passages[x].start)]
    message = (f"与本单位上一年度报告（{PurePath(other.path).name}）重复：约 {math.floor(share * 100)}% 的内容相同"
               + (f"（{'；'.join(what)}）" if what else "")
               + f"，如{_lines(shared, 3)}；请按本年度实际情况重写")
    d = Diagnostic("FZ602", "repeated-report", first.start, first.end, message, None, Severity.WARNING,
                   extra={"other_path": other.path, "share": share})
    add_finding(result, config, d)


def _unanswered_plans(ledger, config, wanted, entries) -> None:
    """Last year's plan items this year's report never mentions."""
    from fazhilint import profiles
    from fazhilint.engine import document_of
    from fazhilint.ledger import add_finding
    from fazhilint.rules.compliance.fz503_unaddressed_problem import CAP, opening, weights
    from fazhilint.rules.compliance.lexicon import keywords

    before = defaultdict(list)
    for kind, unit, r in entries:
        if kind == "before" and unit:
            before[unit].append(r)
    for s in wanted:
        if any(d.code == "FZ602" for d in s.result.diagnostics):
            continue  # a re-sent report mentions its own plan; FZ602 already says what is wrong
        if not before.get(s.name):
            continue
        doc = document_of(s.result, config)  # parsed again only for a unit with last year's report
        for old in before[s.name]:
            plan = document_of(old, config).parts.get("plan")
            if plan is None:
                continue
            texts = [p.text for p in doc.content]
            words = [keywords(t) for t in texts]
            weight = weights(words)
            anchor = doc.parts.get("measures")
            p = anchor.heading if anchor is not None and anchor.heading is not None else (
                profiles.title_paragraph(doc) or (doc.paragraphs[0] if doc.paragraphs else None))
            if p is None:
                continue
            for n, item in enumerate(profiles.items(plan), 1):
                wanted_words = keywords(opening(item.text, _NO_CAUSES))
                if len(wanted_words) < 2:
                    continue
                total = min(sum(weight(w) for w in wanted_words), CAP)
                score, best = max(((sum(weight(w) for w in wanted_words & ws) / total, i)
                                   for i, ws in enumerate(words)), default=(0.0, -1))
                if score >= MENTIONED:
                    continue
                near = (f"最接近的是第{doc.paragraphs[best].line}{doc.source.line_unit}，共有关键词仅"
                        f"“{'、'.join(sorted(wanted_words & words[best], key=weight, reverse=True)[:5])}”"
                        if best >= 0 and wanted_words & words[best] else "没有任何段落提到其关键词")
                message = (f"去年报告（{PurePath(old.path).name}）工作安排的第{n}项“{item.name}”在本年度报告中没有提到（{near}）；"
                           f"请写明这项安排今年的落实情况")
                d = Diagnostic("FZ602", "repeated-report", p.start, p.end, message, None, Severity.WARNING,
                               extra={"other_path": old.path, "plan_item": item.text})
                add_finding(s.result, config, d)
