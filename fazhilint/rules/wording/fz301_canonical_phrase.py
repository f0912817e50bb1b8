"""FZ301: 规范提法写错."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rules.wording import PackRule, found_text, normalise

# An enumeration: runs of Chinese separated by 、 or commas.
_ENUM = re.compile(r"[\u4e00-\u9fff]+(?:[、，,][\u4e00-\u9fff]+)+")
_SEGMENT = re.compile(r"[^、，,]+")
SIMILAR = 0.7  # a neighbouring fragment this close to a missing item counts as a garbled item


class CanonicalPhrase(PackRule):
    """规范提法写错：与规范表述相近但不一致。

    说明：
        对照规则包中的规范提法（规则包表 canonical-phrase），找出写错字、漏字、颠倒顺序、
        混入旧提法条目的写法，并给出规范表述。每个条目只在其封闭模式上触发：
        例如“尊法学法守法用法”只检查完整的四项，不检查正文里常见的“学法用法”；
        法治政府建设目标只在一次列举中出现四项以上时比对，给出的是报告年度适用的那一版
        （2021 年度起为 2021—2025 年纲要的七项，不会给出 FZ302 所说的已过时的提法）。
        依据只支持“警告”的条目（如“严格规范公正文明执法”的顺序、“双随机、一公开”的顿号、
        缺了一项的“四个亲自”）以警告报告。纲要、规划的年份区间须与封闭清单一致。
    为何：
        规范提法出自中央文件，不得随意增减、改动；写错是评查中最常被圈出的错误。
    反例：
        2023年，我镇紧紧围绕职能科学、权责法定、执法严公开公正、廉洁高效、守法诚信法治政府的总体建设目标。
        ---
        提升村民学法、尊法、守法、用法的意识和能力。
        ---
        全面落实重大执法决定法治审核制度。
        ---
        深入学习贯彻习近平依法治国思想。
        ---
        坚决拥护以习近平总书记为核心的党中央。
    正例：
        全面建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府。
        ---
        带头尊法学法守法用法，领导干部带头学法用法。
        ---
        全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。
        ---
        深入学习贯彻习近平法治思想，全面贯彻新时代中国特色社会主义法治思想。
    依据：
        《法治政府建设实施纲要（2021—2025年）》（中发〔2021〕33号）；国办发〔2018〕118号；
        各条目的依据见 `fazhilint rule FZ301` 所列规则包条目（来源 DOMAIN.md §2）。
    """

    code = "FZ301"
    name = "canonical-phrase"
    summary = "规范提法写错（错字、漏字、颠倒、混入旧提法），给出规范表述"
    fix = Applicability.UNSAFE
    pack_required = ()

    @staticmethod
    def check_entry(item: dict) -> str | None:
        """What is wrong with a pack entry of this table, if anything (the pack loader asks)."""
        if "chains" in item:
            chains = item["chains"]
            if not isinstance(chains, list) or not chains or not all(
                isinstance(c, dict) and isinstance(c.get("note"), str) and isinstance(c.get("items"), list)
                and len(c["items"]) >= 2 and all(isinstance(i, str) and i for i in c["items"])
                and all(isinstance(c.get(k, 0), int) for k in ("since", "until")) for c in chains
            ):
                return "chains 应为 { items = [至少两项], note = \"出处\", since/until = 年度（可省略） } 的列表"
            return None
        if "pattern" not in item:
            return "缺少 pattern（或列举比对用的 chains）"
        if not isinstance(item.get("correct"), str) and not isinstance(item.get("items"), list):
            return "缺少 correct（规范表述）或 items（各项的规范顺序）"
        return None

    def applies(self, entry, doc):
        return "pattern" in entry.data

    def finding(self, doc, entry, match, start, end):
        found = found_text(match)
        if "correct" in entry.data:
            right = match.expand(entry["correct"])
        else:
            if len(re.findall(r"[、，,]", found)) not in (0, len(entry["items"]) - 1):
                return None  # two pairs in prose (“学法用法、尊法守法”), not a garbled chain
            right = ("、" if "、" in found else "").join(entry["items"])
        same = found == right if entry.get("exact") else normalise(found) == normalise(right)
        if same:
            return None
        note = f"（{entry['note']}）" if entry.get("note") else ""
        return self.make(entry, start, end, f"规范提法有误：“{found}”应为“{right}”{note}",
                         Fix.unsafe(Edit(start, end, right)))

    def check(self, doc, ctx):
        yield from super().check(doc, ctx)
        for entry in ctx.entries:
            if "chains" in entry.data:
                yield from self._chains(entry, doc)

    def _chains(self, entry, doc):
        """An enumeration with at least ``min`` items of a canonical chain that is not exactly one.
        The wording proposed is the closest chain valid in the report year (``since``/``until``), so
        FZ301 never proposes what FZ302 calls outdated."""
        chains = [c["items"] for c in entry["chains"]]
        year = doc.report_year
        current = [c for c in entry["chains"] if year is None or c.get("since", 0) <= year <= c.get("until", 9999)]
        known = {item for chain in chains for item in chain}
        least = entry.get("min", 4) - 1  # a garbled chain still has most of its items: a cheap test first
        present = [item for item in known if item in doc.text]
        if len(present) >= least:
            for p in doc.content:
                text = doc.text[p.start : p.end]
                if sum(item in text for item in present) >= least:
                    yield from self._enumerations(entry, p.start, text, chains, current, known)

    def _enumerations(self, entry, offset, text, chains, current, known):
        from difflib import SequenceMatcher

        for enum in _ENUM.finditer(text):
            span = _chain_span(text, enum, known, entry.get("min", 4))
            if span is None:
                continue
            region = text[span[0] : span[1]]
            if any(normalise(region) == "".join(chain) for chain in chains):
                continue
            best = max(current or entry["chains"], key=lambda c: SequenceMatcher(None, normalise(region), "".join(c["items"])).ratio())
            canonical = "、".join(best["items"])
            start, end = offset + span[0], offset + span[1]
            yield self.make(entry, start, end,
                            f"规范提法有误：{_differences(region, best['items'])}（{best['note']}：“{canonical}”）",
                            Fix.unsafe(Edit(start, end, canonical)))


def _chain_span(text: str, enum: re.Match, known: set[str], least: int) -> tuple[int, int] | None:
    """Where a chain sits in an enumeration: from its first to its last item, garbled edge items included."""
    from difflib import SequenceMatcher

    def like(fragment: str, item: str) -> bool:
        return SequenceMatcher(None, fragment, item).ratio() >= SIMILAR

    segments = [(m.start() + enum.start(), m.end() + enum.start()) for m in _SEGMENT.finditer(enum.group())]
    run = _longest_run([k for k, (a, b) in enumerate(segments) if any(i in text[a:b] for i in known)])
    if len(run) < least:
        return None
    (a, b), (c, d) = segments[run[0]], segments[run[-1]]
    start = min(text.find(i, a, b) for i in known if i in text[a:b])
    end = max(text.find(i, c, d) + len(i) for i in known if i in text[c:d])
    if run[0] > 0:  # a garbled first item: the tail of the fragment before
        a, b = segments[run[0] - 1]
        lengths = [len(i) for i in known if like(text[max(a, b - len(i)) : b], i)]
        start = max(a, b - max(lengths)) if lengths else start
    if run[-1] + 1 < len(segments):  # a garbled last item: the head of the fragment after
        a, b = segments[run[-1] + 1]
        lengths = [len(i) for i in known if like(text[a : a + len(i)], i)]
        end = min(b, a + max(lengths)) if lengths else end
    return start, end


def _differences(region: str, canonical: list[str]) -> str:
    """Item by item: “执法严公开公正”应为“执法严明、公开公正”；缺少“人民满意”."""
    from difflib import SequenceMatcher

    items = [s for s in re.split(r"[、，,]", region) if s]
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, items, canonical, autojunk=False).get_opcodes():
        wrong, right = "、".join(items[i1:i2]), "、".join(canonical[j1:j2])
        if op == "replace":
            pieces.append(f"“{wrong}”应为“{right}”")
        elif op == "delete":
            pieces.append(f"“{wrong}”不属于此提法")
        elif op == "insert":
            pieces.append(f"缺少“{right}”")
    return "；".join(pieces)


def _longest_run(indexes: list[int]) -> list[int]:
    """The longest run of consecutive numbers: [1, 2, 3, 7] → [1, 2, 3]."""
    best: list[int] = []
    current: list[int] = []
    for k in indexes:
        current = current + [k] if current and k == current[-1] + 1 else [k]
        if len(current) > len(best):
            best = current
    return best
