"""Output formats: one module per format (json-batch in json_batch.py), each with ``render(results, out, context)``.

Modules are imported only when their format is used (rich costs ~30 ms).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

FORMATS = {
    "full": "代码框与下划线，供人在终端阅读（rich）",
    "concise": "每个问题一行：路径:行:列: 代码 信息",
    "json": "JSON 数组（稳定的机器接口，见 README）",
    "json-batch": "JSON 对象：问题数组，另列出检查了的、无法读取的和跳过的文件（见 README）",
    "github": "GitHub Actions 注释（::error file=…::…）",
    "sarif": "SARIF 2.1.0（代码扫描平台）",
    "junit": "JUnit XML（CI 的测试报告视图）",
    "gitlab": "GitLab 代码质量报告（合并请求中显示）",
    "xlsx": "Excel 工作簿：每个文件一行的汇总表和全部问题明细（须配合 -o）",
    "html": "一个独立的 HTML 页面：原文中标出每个问题，手机上也能看（配合 -o 报告.html）",
}
BINARY = {"xlsx"}  # formats written to a file only
EXTRAS = {"xlsx": ("openpyxl", "xlsx")}  # format: (module it needs, the pip extra that brings it)


def missing_extra(name: str) -> str | None:
    """The install command a format still needs, or None."""
    if name not in EXTRAS:
        return None
    module, extra = EXTRAS[name]
    import importlib.util

    return None if importlib.util.find_spec(module) else f"pip install 'fazhilint[{extra}]'"


@dataclass
class RenderContext:
    fixed: int = 0  # edits applied by --fix
    fixable: int = 0  # findings a --fix (or --unsafe-fixes) run would fix
    unsafe_fixable: int = 0
    diffs: int = 0  # files whose changes --diff showed
    color: bool | None = None
    ledger: object | None = None  # fazhilint.ledger.Ledger for a batch: units, verdicts, roster, copies


def label(code: str) -> str:
    """A problem's short Chinese name, for counts like 序号缺少数字×3: the rule's summary up to its
    first pause."""
    import re

    from fazhilint.rules import rule_by_code

    rule = rule_by_code(code)
    if rule is None:
        return code
    return rule.label or re.split(r"[（(：:，,；;]", rule.summary, 1)[0].strip()


def main_problems(diagnostics, limit: int = 3) -> str:
    """The most frequent problems of a file, in Chinese: 序号缺少数字×3、年份不一致."""
    from collections import Counter

    top = Counter(d.code for d in diagnostics).most_common(limit)
    return "、".join(label(code) + (f"×{n}" if n > 1 else "") for code, n in top)


def renderer(name: str):
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}").render


def counts(results) -> dict[str, int]:
    from fazhilint.diagnostics import Severity

    out = {s.label: 0 for s in Severity}
    for r in results:
        for d in r.diagnostics:
            out[d.severity.label] += 1
    return out


def profile(result):
    """The facts of a file checked against a report profile (``.profile_id``, ``.profile_name``), or
    None (an unreadable file, or a result rebuilt from a ledger that did not keep it)."""
    facts = getattr(result, "facts", None)
    return facts if facts is not None and facts.profile_id else None


def profiles_note(results) -> str:
    """Which kind of report the files were checked as: “按“法治政府建设年度报告”检查”, or a count of each."""
    from collections import Counter

    names = Counter(profile(r).profile_name for r in results if profile(r) is not None)
    if not names:
        return ""
    if len(names) == 1:
        return f"按“{next(iter(names))}”检查"
    return "按" + "、".join(f"“{name}” {n} 个" for name, n in names.most_common()) + "检查"


def summary_line(results, context: RenderContext) -> str:
    """One Chinese line that ends a human-readable report; it says which profile was used."""
    c = counts(results)
    total = sum(c.values())
    files = len(results)
    note = profiles_note(results)
    checked = f"检查了 {files} 个文件" + (f"（{note}）" if note else "")
    suppressed = sum(r.suppressed for r in results)
    baselined = sum(r.baselined for r in results)
    excused = f"另有 {suppressed} 个问题已按注明的理由忽略。" if suppressed else ""
    excused += f"另有 {baselined} 个问题已记入基线，未显示。" if baselined else ""
    if not total:
        fixed = f"已自动修复 {context.fixed} 处，修复后" if context.fixed else ""
        return f"{checked}，{fixed}未发现问题。{excused}"
    parts = [f"错误 {c['error']}", f"警告 {c['warning']}", f"提示 {c['info']}"]
    line = f"{checked}，发现 {total} 个问题（{'，'.join(parts)}）。{excused}"
    if context.fixed:
        line += f"已自动修复 {context.fixed} 处。"
    if context.fixable:
        line += f"其中 {context.fixable} 个可用 --fix 自动修复。"
    if context.unsafe_fixable:
        line += f"另有 {context.unsafe_fixable} 个可用 --unsafe-fixes 修复（请核对后使用）。"
    return line


def suggestion(d, text: str) -> str:
    """The correction a finding's fix suggests, for people: 建议修改：“、”→“二、”.

    A fix spread over the document (every half-width comma) is shown as its distinct
    replacements and their count, not as the whole text between them."""
    edits = sorted(d.fix.edits)
    lo, hi = min(d.start, edits[0].start), max(d.end, edits[-1].end)
    if edits[0].start == edits[0].end == lo or text[lo:hi].isspace():
        # an insertion reads better after what precedes it; a deleted space, between its neighbours
        lo = max(text.rfind("\n", 0, lo) + 1, lo - 2)
        if text[d.start : d.end].isspace():
            line_end = text.find("\n", hi)
            hi = min(len(text) if line_end < 0 else line_end, hi + 2)
    if hi - lo <= 60 and "\n" not in text[lo:hi]:
        fixed = text[lo:hi]
        for e in reversed(edits):
            fixed = fixed[: e.start - lo] + e.content + fixed[e.end - lo:]
        return f"建议修改：“{text[lo:hi]}”→“{fixed}”" if fixed.strip() else f"建议删除：“{text[lo:hi]}”"
    if all(not e.content for e in edits):  # whole lines removed (an unused suppression, a block of furniture)
        if len(edits) <= 2:
            return "建议删除：" + "、".join(f"“{_clip(text[e.start:e.end].strip(), 40)}”" for e in edits)
        first, last = (_clip(text[e.start:e.end].strip()) for e in (edits[0], edits[-1]))
        return f"建议删除这 {len(edits)} 段：从“{first}”到“{last}”"
    pairs = list(dict.fromkeys((_clip(text[e.start:e.end]), _clip(e.content)) for e in edits))
    shown = "、".join(f"“{old}”→“{new}”" for old, new in pairs[:5]) + ("等" if len(pairs) > 5 else "")
    return f"建议修改（共 {len(edits)} 处）：{shown}"


def _clip(s: str, width: int = 20) -> str:
    return s if len(s) <= width else s[:width] + "……"


def statistics(results) -> list[tuple[str, str, int, int]]:
    """(code, name, count, fixable count) per rule, most frequent first."""
    from collections import Counter

    from fazhilint.fix import applicable

    count, fixable, names = Counter(), Counter(), {}
    for r in results:
        for d in r.diagnostics:
            count[d.code] += 1
            names[d.code] = d.name
            fixable[d.code] += bool(r.readable and r.source.rewritable and applicable(d, unsafe=False))
    return [(code, names[code], n, fixable[code]) for code, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_statistics(results, out, context, as_json: bool) -> None:
    """``--statistics``: counts per rule instead of the findings."""
    rows = statistics(results)
    if as_json:
        import json

        json.dump([{"code": c, "name": n, "count": k, "fixable": f} for c, n, k, f in rows], out,
                  ensure_ascii=False, indent=2)
        out.write("\n")
        return
    width = max((len(str(k)) for _, _, k, _ in rows), default=1)
    for code, name, n, fixable in rows:
        mark = "[*]" if fixable == n else f"[{fixable}可修复]" if fixable else "   "
        out.write(f"{n:>{width}}\t{code}\t{mark}\t{name}\n")
    out.write(summary_line(results, context) + "\n")


def place(d, result) -> str:
    """Where a finding is, for people, in every format: 第12段 · 二、 > （三） > 第2段 (行 for text files)."""
    source = result.source
    if d.line < 1:
        return ""
    if source is None:  # a stored finding (fazhilint serve): its line and heading path as kept
        return f"第{d.line}行 · {d.location}" if d.location else f"第{d.line}行"
    where = d.heading_path or d.location
    head = f"第{d.line}{source.line_unit}"
    return f"{head} · {where}" if where else head


def excerpt(d, source, width: int = 30) -> str:
    """The words a finding is about, with a little of their line around them (原文)."""
    if source is None or d.line < 1:
        return ""
    line = source.line(d.line)
    first = source.line_starts[d.line - 1]
    start = max(0, d.start - first)
    end = min(len(line), max(d.end - first, start))
    if end - start > width * 2:  # a long span (a whole paragraph): its opening
        return line[start : start + width].strip() + "……"
    lo, hi = max(0, start - width // 2), min(len(line), end + width // 2)
    return ("…" if lo else "") + line[lo:hi].strip() + ("…" if hi < len(line) else "")
