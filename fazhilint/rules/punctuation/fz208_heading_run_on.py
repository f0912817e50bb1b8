"""FZ208: 段首标题与正文连写，缺少同级标题都用的“。”."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix, Severity
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import CLAUSE_MARKS

RUN_IN_MAX = 30  # a run-in heading is at most this long before its 。
_END = re.compile(r"[。！？]")
_CLAUSE_END = re.compile(r"[，,；;：:]")
# Where a problem heading typically ends, and where the body typically starts.
_HEAD_END = re.compile(
    r"(?:(?:有待|亟待|仍需|需要)(?:提升|提高|加强|完善|增强|改进|深化|健全)|不够(?:深入|到位|健全|完善|规范|有力|全面)?|"
    r"不足|薄弱|不强|不高|偏低|较低|滞后|欠缺|短缺|单一|不到位|不平衡|不充分|不完善|不健全|不规范)$"
)
_BODY_START = re.compile(r"部分|个别|少数|一些|有的|我(?:镇|乡|街道|局|县|区|市)|目前|当前|随着|由于|通过|虽然|近年来|主要|受")


def _kind(section, text: str) -> str:
    """terminated: a run-in heading closed by 。; runon: heading and body in one sentence; joined: runs into 一是."""
    heading = section.heading
    title = text[heading.own_start : heading.end]
    end = _END.search(title)
    first = title[: end.start()] if end else title
    if heading.enums and heading.enums[0].numeral == 1 and heading.enums[0].start - heading.own_start < len(first):
        return "joined"
    if end and 0 < end.start() <= RUN_IN_MAX and not _CLAUSE_END.search(first):
        return "terminated"
    if not section.paragraphs and len(first) > RUN_IN_MAX and CLAUSE_MARKS.search(title):
        return "runon"
    return "other"


def split_point(title: str) -> int | None:
    """Where a run-on heading should end: after a problem phrase, before a sentence opener."""
    clause = title[: (_CLAUSE_END.search(title) or _END.search(title) or re.search("$", title)).start()]
    ends = [p for p in range(4, min(len(clause) - 2, RUN_IN_MAX) + 1) if _HEAD_END.search(clause, 0, p)]
    return next((p for p in ends if _BODY_START.match(clause, p)), ends[0] if ends else None)


class HeadingRunOn(Rule):
    """段首标题与正文连写，没有用同级标题都用的“。”隔开（启发式，警告）。

    说明：
        同一级的段首标题（“（二）法治宣传教育实效性低。正文……”）多数以“。”结束，
        而这一条标题直接连着正文（“（一）干部法治观念有待提升部分干部对……”）。
        只有至少两个同级标题以“。”结束、且多于同样连写的同级标题时才报告；
        能判断标题结束处时（问题类标题的“有待提升”“不足”“薄弱”等之后、“部分”“我镇”等之前）
        指出位置并提供修复（需核对）：在该处加“。”。
    为何：
        标题淹没在正文里，审阅者找不到这一条讲的是什么；同级标题写法不一也显得粗糙。
    反例：
        三、存在的问题
        （一）干部法治观念有待提升部分干部对法治建设的认识不够深入，仅仅停留在法治宣传等方面。
        （二）法治宣传教育实效性低。宣传形式单一，群众参与度较低。
        （三）基层法治人才队伍力量薄弱。执法人员的数量和素质尚不能适应需要。
    正例：
        三、存在的问题
        （一）干部法治观念有待提升。部分干部对法治建设的认识不够深入，仅仅停留在法治宣传等方面。
        （二）法治宣传教育实效性低。宣传形式单一，群众参与度较低。
        （三）基层法治人才队伍力量薄弱。执法人员的数量和素质尚不能适应需要。
        ---
        四、2024年工作安排
        （一）加强法治队伍建设，增强依法行政的意识和能力深入抓好领导干部学法用法，不断提高依法执政能力。
        （二）创新普法形式，增强法治教育实效加强法治宣传和法律服务精准度，进一步引导群众增强法治意识。
    依据：
        公文写作惯例：段首标题与正文同在一段时，标题后用句号与正文隔开；同级标题体例一致。
    """

    code = "FZ208"
    name = "heading-run-on"
    summary = "段首标题与正文连写，缺少同级标题都用的“。”（启发式）"
    severity = Severity.WARNING
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        text = doc.text
        for parent in (doc.root, *doc.sections()):
            siblings = [s for s in parent.children if s.heading is not None]
            kinds = [_kind(s, text) for s in siblings]
            for section, kind in zip(siblings, kinds):
                if kind != "runon":
                    continue
                others = [(s, k) for s, k in zip(siblings, kinds) if s is not section]
                closed = [s for s, k in others if k == "terminated"]
                running = sum(k in ("runon", "joined") for _, k in others)
                if len(closed) < 2 or len(closed) <= running:
                    continue
                yield self._report(text, section, closed)

    def _report(self, text, section, closed):
        start = section.heading.own_start
        title = text[start : section.heading.end]
        evidence = "".join(f"“{s.marker.raw}{_END.split(text[s.heading.own_start : s.heading.end])[0]}。”"
                           for s in closed[:2])
        why = f"同级标题{evidence}{'等' if len(closed) > 2 else ''}都以“。”结束，这一条标题却直接连着正文"
        at = split_point(title)
        if at is None:  # no telling where: underline the opening words, offer no fix
            end = start + min(len(_END.split(title)[0]), RUN_IN_MAX)
            return self.report(start, end, f"段首标题与正文连写：{why}；请在标题结束处加“。”（未能确定标题在哪里结束）")
        return self.report(start, start + at,
                           f"段首标题与正文连写：{why}；标题应在“{title[max(at - 6, 0) : at]}”后结束，加“。”",
                           Fix.unsafe(Edit(start + at, start + at, "。")))
